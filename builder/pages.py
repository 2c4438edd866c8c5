"""Stage 6, the site as a folder: every generated page as Markdown and every data file,
written where any static-site generator can build them.

Only files whose bytes changed are written, and files Sourcebook wrote before but no
longer makes are removed, so file times tell a generator what changed (`mkdocs
serve --dirty`, Zensical's rebuilds). A marker file lists what Sourcebook wrote: a
folder without it is not ours and is never cleaned. `SUMMARY.md` gives the
navigation in the literate-nav format, for generators that read one.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

MARKER = ".sourcebook-pages.json"  # what Sourcebook wrote here, one path per line of a JSON list
SUMMARY = "SUMMARY.md"
# The generated indexes, in the order the navigation lists them.
NAV = (("Articles", "articles/index.md"), ("Actors", "actors/index.md"), ("Sources", "sources/index.md"),
       ("Dashboard", "dashboard/index.md"), ("Review", "review/index.md"), ("Outlets", "outlets/index.md"))


class PagesError(Exception):
    """The pages folder cannot be written: it is not ours, or it is where the inputs are."""


@dataclass(frozen=True)
class Written:
    """What writing the folder did: files written (changed or new), left as they were, removed."""

    written: list[str]
    kept: int
    removed: list[str]


def _bytes(value: str | bytes | Path) -> bytes:
    if isinstance(value, Path):
        return value.read_bytes()
    return value.encode("utf-8") if isinstance(value, str) else value


def summary(pages: dict[str, object], hand_written: list[str]) -> str:
    """The navigation in literate-nav format: home, the generated indexes, the hand-written pages."""
    lines = ["* [Home](index.md)"] if "index.md" in pages or "index.md" in hand_written else []
    lines += [f"* [{title}]({path})" for title, path in NAV if path in pages]
    for path in sorted(p for p in hand_written if p != "index.md" and p.endswith(".md")):
        title = Path(path).stem.replace("-", " ").replace("_", " ").capitalize()
        lines.append(f"* [{title}]({path})")
    return "\n".join(lines) + "\n"


def write_pages(files: dict[str, str | bytes | Path], folder: Path, *, guard: list[Path] = ()) -> Written:
    """Write `files` (site path → text, bytes, or a file to copy) into `folder`, each only if
    its bytes differ from what is there, and remove what an earlier run wrote that is no
    longer among them. A folder that exists with files in it but without our marker is
    not ours: PagesError, and nothing is touched; so is a folder that is, holds or sits
    in one of `guard` (the seeds, the templates, the hand-written pages)."""
    folder = folder.resolve()
    for kept in guard:
        kept = Path(kept).resolve()
        if folder == kept or kept.is_relative_to(folder) or folder.is_relative_to(kept):
            raise PagesError(f"the pages folder {str(folder)!r} is, holds or sits in {str(kept)!r}; "
                             "writing there would overwrite it. Choose another folder")
    marker = folder / MARKER
    if folder.exists() and not marker.is_file() and any(folder.iterdir()):
        raise PagesError(f"{folder} has files and no {MARKER}: it is not a folder Sourcebook wrote, "
                         "so it is left as it is. Choose an empty or new folder")
    try:
        before = set(json.loads(marker.read_text("utf-8"))) if marker.is_file() else set()
    except (OSError, ValueError) as exc:
        raise PagesError(f"{marker} cannot be read ({exc}); delete the folder to start afresh") from exc
    folder.mkdir(parents=True, exist_ok=True)
    written, kept = [], 0
    for path in sorted(files):
        target = folder / path
        if not target.resolve().is_relative_to(folder):
            raise PagesError(f"{path!r} is outside the pages folder")
        data = _bytes(files[path])
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            kept += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
        written.append(path)
    removed = sorted(before - set(files))
    for path in removed:
        target = folder / path
        if target.resolve().is_relative_to(folder) and target.is_file():
            target.unlink()
            _prune(target.parent, folder)
    marker.write_text(json.dumps(sorted(files), ensure_ascii=False, indent=0) + "\n", "utf-8")
    return Written(written=written, kept=kept, removed=removed)


def _prune(folder: Path, top: Path) -> None:
    """Remove folders left empty below `top`."""
    while folder != top and folder.is_relative_to(top) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def hand_written(content: Path, *, hidden: bool = False) -> dict[str, Path]:
    """The files of `content` (the docs_dir's pages and assets, the theme's overrides) by
    path; hidden files left out unless `hidden` (a theme's `.icons/`)."""
    found = {}
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content)
        if path.is_file() and (hidden or not any(part.startswith(".") for part in rel.parts)):
            found[rel.as_posix()] = path
    return found
