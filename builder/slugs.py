"""Stable identities: slugs for page addresses, derived once and never from input order."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def slugify(text: str) -> str:
    """A lowercase ASCII slug: letters, digits and single hyphens. Text with no
    Latin letter or digit ("Владимир Путин") gets a short, stable hash instead."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    return "x-" + hashlib.sha1(text.strip().encode("utf-8", "surrogatepass")).hexdigest()[:8] if text.strip() else "untitled"
