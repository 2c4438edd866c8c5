"""Stable identities: slugs for page addresses, derived once and never from input order."""
from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """A lowercase ASCII slug: letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "untitled"
