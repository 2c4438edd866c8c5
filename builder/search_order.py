"""Pagefind's filter indexes in a fixed order, so the same site gives the same bytes.

Pagefind (1.5) writes each filter's values in the order of a hash map, which
changes from run to run (an open upstream issue: its fragments are stable, its
filter indexes are not). Each bundle's filter files are read here, their values
sorted, written back under a name made from their content, and the bundle's
metadata file and `pagefind-entry.json` pointed at the new names. The files are
gzipped CBOR after a `pagefind_dcd` signature; only the parts of CBOR that
Pagefind writes (integers, text, byte strings, arrays, maps) are read.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
FILTERS = 3  # the metadata's list of [filter name, file hash]
SORTS = 4  # its list of sort keys


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise ValueError(f"{value} is too large for CBOR")


def encode(value: Any) -> bytes:
    """CBOR of the values Pagefind writes."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"not written by Pagefind: {value!r}")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError(f"not written by Pagefind: {value!r}")


def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR value at `at` in `data`, and where it ends."""
    major, extra = data[at] >> 5, data[at] & 31
    at += 1
    if extra < 24:
        size = extra
    elif extra <= 27:
        width = 1 << (extra - 24)
        size, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError(f"CBOR item {extra} at byte {at - 1} is not one Pagefind writes")
    if major == 0:
        return size, at
    if major == 1:
        return -1 - size, at
    if major in (2, 3):
        chunk = data[at:at + size]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + size
    if major == 4:
        items = []
        for _ in range(size):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        found = {}
        for _ in range(size):
            key, at = decode(data, at)
            found[key], at = decode(data, at)
        return found, at
    raise ValueError(f"CBOR type {major} at byte {at - 1} is not one Pagefind writes")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    return decode(data, len(SIGNATURE))[0]


def _write(folder: Path, prefix: str, suffix: str, language: str, value: Any, digits: int) -> str:
    """Write `value` as a Pagefind file named by its content; its hash."""
    data = SIGNATURE + encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


def stable_filters(bundle: Path) -> None:
    """Sort the values of every filter index of the Pagefind bundle at `bundle`, and
    rename what changes by its content (see the module)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for language, about in entry.get("languages", {}).items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path)
        if len(meta) <= SORTS:
            continue
        for pair in meta[FILTERS]:
            name, old = pair
            path = bundle / "filter" / f"{old}.pf_filter"
            found = _read(path)
            found[1] = sorted(found[1], key=lambda value: value[0])
            path.unlink()
            pair[1] = _write(bundle / "filter", "", ".pf_filter", language, found, len(old) - len(language) - 1)
        meta[FILTERS].sort(key=lambda pair: pair[0])
        if len(meta) > SORTS and isinstance(meta[SORTS], list):
            meta[SORTS].sort(key=lambda item: json.dumps(item, ensure_ascii=False, default=str))
        meta_path.unlink()
        about["hash"] = _write(bundle, "pagefind.", ".pf_meta", language, meta,
                               len(about["hash"]) - len(language) - 1)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
