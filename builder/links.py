"""Which links from an article a page may carry (read checks them, templates test them)."""
from __future__ import annotations

import re


def is_safe_url(url: object) -> bool:
    """True for a link a page may carry: http(s) or relative, never `javascript:` and the like."""
    if not isinstance(url, str):
        return False
    bare = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()  # browsers ignore these inside a scheme
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", bare)
    return scheme is None or scheme.group(1) in ("http", "https")
