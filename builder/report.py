"""What a build tells its user: problems as bounded, safe, folded log lines."""
from __future__ import annotations

import re
from collections.abc import Iterable

from .records import Problem

# No line of the output is longer than this (a record of 1 MB, logged whole, is unreadable).
MAX_LINE = 300
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_AT_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+)$")


def safe(text: str) -> str:
    """Text with control, escape and direction characters written as escapes (\\n, \\x1b,
    \\u202e), so that no file name or message can forge a line or colour the terminal."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


def clip(line: str, limit: int = MAX_LINE) -> str:
    """The line, cut to `limit` characters with an ellipsis."""
    return line if len(line) <= limit else line[:limit - 1] + "…"


def plural(n: int, word: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def lines(problems: Iterable[Problem]) -> list[str]:
    """One safe, bounded line per distinct problem: the same message repeated (in a file,
    at line after line) is one line with a count."""
    groups: dict[tuple[str, str], list[str]] = {}
    for problem in problems:
        source, message = safe(str(problem.source)), safe(str(problem.message))
        at = _AT_LINE.match(source)
        file, line = (at.group("file"), at.group("line")) if at else (source, "")
        groups.setdefault((file, message), []).append(line)
    out = []
    for (file, message), at in groups.items():
        if len(at) == 1:
            out.append(clip(f"{file}:{at[0]}: {message}" if at[0] else f"{file}: {message}"))
        else:
            numbered = [n for n in at if n]
            where = f"{file}:{numbered[0]}" if numbered else file
            more = f" (lines {', '.join(numbered[:3])}{', …' if len(numbered) > 3 else ''})" if numbered else ""
            out.append(clip(f"{where}: {message} [{len(at)} times{more}]"))
    return out
