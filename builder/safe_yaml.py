"""One safe, bounded YAML reader for the files users write: front matter and `actors.yml`.

PyYAML's safe loader builds the node graph; this module turns the nodes into
plain JSON-safe data itself, so that it can:

- refuse text over a size limit, and alias or merge-key expansion past the
  same limit (a "billion laughs" document is refused after a few thousand
  nodes, never expanded), values that contain themselves, and nesting deeper
  than `MAX_DEPTH`;
- refuse duplicate keys (PyYAML keeps the last one silently), naming both lines;
- refuse tags outside the standard YAML types (`!!python/…`, `!custom`):
  an error, never a traceback or an object;
- normalise what JSON cannot hold: dates and times become ISO strings
  (`2024-05-01`), `!!set` a sorted list, `!!omap`/`!!pairs` a list of one-key
  mappings, keys the text they are written as (`1: x` → `{"1": "x"}`);
  non-finite numbers (`.nan`, `.inf`) and `!!binary` data are left out with a
  warning, lone surrogates become U+FFFD with a warning;
- remember the line of every key and item, for messages.

Lines are 1-based and relative to the text given: a caller reading front
matter that starts on line 2 of a file adds 1.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor

LIMIT = 64 * 1024
MAX_DEPTH = 100

PathKey = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_MERGE = _STD + "merge"
_BINARY = _STD + "binary"
_SET = _STD + "set"
_MAP = _STD + "map"
_SEQUENCES = {_STD + "seq", _STD + "omap", _STD + "pairs"}
_SCALARS: dict[str, Callable[[SafeConstructor, yaml.ScalarNode], object]] = {
    _STD + "str": SafeConstructor.construct_scalar,
    _STD + "value": SafeConstructor.construct_scalar,  # a plain `=`
    _MERGE: SafeConstructor.construct_scalar,  # a plain `<<` used as a value
    _STD + "null": SafeConstructor.construct_yaml_null,
    _STD + "bool": SafeConstructor.construct_yaml_bool,
    _STD + "int": SafeConstructor.construct_yaml_int,
    _STD + "float": SafeConstructor.construct_yaml_float,
    _STD + "timestamp": SafeConstructor.construct_yaml_timestamp,
}
_SURROGATE = re.compile("[\ud800-\udfff]")
_DROP = object()  # a value left out


class YamlError(ValueError):
    """A document that cannot be read: `message` says what is wrong, `line`
    where (1-based, relative to the text; None when it has no line)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


class _TooBig(YamlError):
    """The expansion budget is spent: fatal for the whole document."""


@dataclass(frozen=True)
class YamlWarning:
    """A value left out or changed so the data stays JSON-safe."""

    line: int
    path: PathKey  # where the value was: keys and list indices from the top
    message: str  # names the path: "scores[1]: .nan is not a finite number; left out"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Document:
    """JSON-safe data read from YAML, the line of every key and list item, and warnings."""

    value: object
    lines: Mapping[PathKey, int] = field(default_factory=dict)
    warnings: tuple[YamlWarning, ...] = ()

    def line(self, *path: str | int) -> int | None:
        """The line of the key or item at `path` (no path: the document itself)."""
        return self.lines.get(tuple(path))


def load(text: str, *, limit: int = LIMIT) -> Document:
    """Read one YAML document into JSON-safe data. Raises YamlError (with its
    line) for invalid YAML, an unsupported tag, a duplicate key, or text or
    alias expansion over `limit` bytes."""
    root = _compose(text, limit)
    if root is None:
        return Document(None)
    reader = _Reader(limit)
    reader.lines[()] = _line(root)
    value = reader.value(root, ())
    return reader.document(None if value is _DROP else value)


def load_entries(text: str, *, limit: int = LIMIT) -> tuple[Document, list[YamlError]]:
    """Read a document whose top level maps names to independent entries
    (`actors.yml`): a problem inside one entry, or a key written twice, leaves
    those entries out and is returned; the others are read. Raises YamlError
    for what spoils the whole text (syntax, size, runaway aliases)."""
    root = _compose(text, limit)
    if root is None:
        return Document(None), []
    reader = _Reader(limit)
    reader.lines[()] = _line(root)
    if not (isinstance(root, yaml.MappingNode) and root.tag == _MAP):
        value = reader.value(root, ())
        return reader.document(None if value is _DROP else value), []
    value, errors = reader.entries(root)
    return reader.document(value), errors


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Loader(yaml.SafeLoader):
    """PyYAML's safe composer, stopped at MAX_DEPTH: its scanner slows with the
    square of the nesting, so `[[[[…` must not reach it whole."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlError(f"nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str, limit: int) -> yaml.Node | None:
    """The node graph of a single document; aliases stay shared, not expanded."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise _TooBig(f"{size:,} bytes of YAML is over the limit of {limit:,} bytes")
    loader = None
    try:
        loader = _Loader(text)
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = ", ".join(filter(None, (exc.context, exc.problem)))
        raise YamlError(f"invalid YAML: {what}", mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(f"invalid YAML: character #x{exc.character:04x}: {exc.reason}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _tag(node: yaml.Node) -> str:
    return "!!" + node.tag[len(_STD):] if node.tag.startswith(_STD) else node.tag


def _unsupported(node: yaml.Node) -> YamlError:
    return YamlError(f"unsupported tag {_tag(node)}: only standard YAML types are read", _line(node))


def _duplicate(key: str, first: yaml.Node, second: yaml.Node) -> YamlError:
    return YamlError(f"duplicate key {key!r} (lines {_line(first)} and {_line(second)})", _line(second))


def _short(text: str, size: int = 40) -> str:
    """A value for messages, cut to `size` characters."""
    return repr(text if len(text) <= size else text[:size] + "…")


def _where(path: PathKey) -> str:
    """A path for messages: `stats.score`, `tags[1]`."""
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return text.lstrip(".") or "the document"


Pairs = dict[str, tuple[yaml.Node, yaml.Node]]


class _Reader:
    """Turns nodes into data, spending at most `limit` units: one per
    collection, a scalar's length (at least one) per scalar, each time it is
    reached through an alias or merge key too. A document without aliases
    spends no more than its size in bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0
        self.site: int | None = None  # the line of the top-level entry being read
        self.open: set[int] = set()  # collections being read: a value inside itself
        self.lines: dict[PathKey, int] = {}
        self.warnings: list[YamlWarning] = []
        self.constructor = SafeConstructor()

    def document(self, value: object) -> Document:
        return Document(value, self.lines, tuple(self.warnings))

    def _spend(self, node: yaml.Node, amount: int) -> None:
        self.spent += amount
        if self.spent > self.limit:
            raise _TooBig(f"aliases expand this document past the limit of {self.limit:,} bytes",
                          self.site or _line(node))

    def _enter(self, node: yaml.Node) -> None:
        if id(node) in self.open:
            raise YamlError("an alias makes this value contain itself", _line(node))
        if len(self.open) >= MAX_DEPTH:
            raise YamlError(f"nested deeper than {MAX_DEPTH} levels", _line(node))
        self._spend(node, 1)
        self.open.add(id(node))

    def _warn(self, node: yaml.Node, path: PathKey, message: str) -> None:
        self.warnings.append(YamlWarning(_line(node), path, f"{_where(path)}: {message}"))

    def _text(self, text: str, node: yaml.Node, path: PathKey) -> str:
        if _SURROGATE.search(text):
            self._warn(node, path, "invalid character (a lone surrogate) replaced by U+FFFD")
            return _SURROGATE.sub("\ufffd", text)
        return text

    def value(self, node: yaml.Node, path: PathKey) -> object:
        """The data of a node, or _DROP for a value left out."""
        if isinstance(node, yaml.ScalarNode):
            self._spend(node, max(1, len(node.value)))
            return self._scalar(node, path)
        self._enter(node)
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, path)
            return self._mapping(node, path)
        finally:
            self.open.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> object:
        if node.tag == _BINARY:
            self._warn(node, path, "binary data (!!binary) is not kept; left out")
            return _DROP
        build = _SCALARS.get(node.tag)
        if build is None:
            raise _unsupported(node)
        try:
            value = build(self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            raise YamlError(f"cannot read {_short(node.value)} as {_tag(node)}: {exc}", _line(node)) from None
        if isinstance(value, float) and not math.isfinite(value):
            self._warn(node, path, f"{_short(node.value)} is not a finite number; left out")
            return _DROP
        if isinstance(value, dt.date):  # datetime too
            return value.isoformat()
        return self._text(value, node, path) if isinstance(value, str) else value

    def _sequence(self, node: yaml.SequenceNode, path: PathKey) -> list:
        if node.tag not in _SEQUENCES:
            raise _unsupported(node)
        items: list = []
        for item in node.value:
            here = (*path, len(items))
            if not path:
                self.site = _line(item)
            value = self.value(item, here)
            if value is not _DROP:
                self.lines[here] = _line(item)
                items.append(value)
        return items

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict | list:
        if node.tag not in (_MAP, _SET):
            raise _unsupported(node)
        pairs = self._pairs(node, path)
        if node.tag == _SET:
            return sorted(pairs)
        result = {}
        for key, (key_node, value_node) in pairs.items():
            value = self._entry(key_node, value_node, (*path, key))
            if value is not _DROP:
                result[key] = value
        return result

    def _entry(self, key_node: yaml.Node, value_node: yaml.Node, here: PathKey) -> object:
        if len(here) == 1:
            self.site = _line(key_node)
        value = self.value(value_node, here)
        if value is not _DROP:
            self.lines[here] = _line(key_node)
        return value

    def entries(self, node: yaml.MappingNode) -> tuple[dict, list[YamlError]]:
        """The top-level mapping, entry by entry: an entry with a problem is
        left out and its error returned; running out of budget stays fatal."""
        self._enter(node)
        duplicates: list[tuple[str | None, YamlError]] = []
        pairs = self._pairs(node, (), duplicates)
        result, errors = {}, [error for _, error in duplicates]
        bad = {key for key, _ in duplicates}
        for key, (key_node, value_node) in pairs.items():
            if key in bad:
                continue
            try:
                value = self._entry(key_node, value_node, (key,))
            except _TooBig:
                raise
            except YamlError as exc:
                errors.append(exc)
                continue
            if value is not _DROP:
                result[key] = value
        return result, sorted(errors, key=lambda e: e.line or 0)

    def _key(self, node: yaml.Node, path: PathKey) -> str:
        """A key as the text it is written as (`1`, `true`, `2024-05-01`)."""
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError("a key must be a single value, not a list or mapping", _line(node))
        if node.tag not in _SCALARS and node.tag != _BINARY:
            raise _unsupported(node)
        self._spend(node, max(1, len(node.value)))
        return self._text(node.value, node, path)

    def _pairs(self, node: yaml.MappingNode, path: PathKey,
               duplicates: list[tuple[str | None, YamlError]] | None = None) -> Pairs:
        """A mapping's keys and value nodes with merge keys applied: its own
        keys win, then earlier merged mappings over later ones. A key written
        twice raises, or is added to `duplicates` when a list is given."""
        own: Pairs = {}
        merged: Pairs = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                for source in self._merge_sources(value_node):
                    for key, pair in self._merged_pairs(source, path).items():
                        merged.setdefault(key, pair)
                continue
            try:
                key = self._key(key_node, path)
            except YamlError as error:  # a complex key: at the top, that entry's problem only
                if duplicates is None:
                    raise
                duplicates.append((None, error))
                continue
            if key in own:
                error = _duplicate(key, own[key][0], key_node)
                if duplicates is None:
                    raise error
                duplicates.append((key, error))
                continue
            own[key] = (key_node, value_node)
        return {**merged, **own}

    def _merge_sources(self, node: yaml.Node) -> list[yaml.MappingNode]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not all(isinstance(s, yaml.MappingNode) and s.tag == _MAP for s in sources):
            raise YamlError("a merge key (<<) takes a mapping or a list of mappings", _line(node))
        return sources

    def _merged_pairs(self, source: yaml.MappingNode, path: PathKey) -> Pairs:
        self._enter(source)
        try:
            return self._pairs(source, path)
        finally:
            self.open.discard(id(source))
