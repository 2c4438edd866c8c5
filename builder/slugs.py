"""Stable identities: slugs for page addresses, derived once and never from input order."""
from __future__ import annotations

import hashlib
import re
import unicodedata

# The longest slug, in bytes (slugs are ASCII). A page's file name is its slug plus
# a suffix ("-2", "-person", ".md"): far under the 255 bytes a file system allows.
MAX_SLUG = 100


# Characters that change no word (zero-width, direction marks, BOM, soft hyphen): never part of an address.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _digest(text: str) -> str:
    bare = unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).strip()
    return hashlib.sha1(bare.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def slugify(text: str) -> str:
    """A lowercase ASCII slug: letters, digits and single hyphens. Text with no
    Latin letter or digit ("Владимир Путин") gets a short, stable hash instead;
    a slug longer than MAX_SLUG is cut and ends with a short hash of the whole text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        return slug[:MAX_SLUG - 9].rstrip("-") + "-" + _digest(text)
    if slug:
        return slug
    return "x-" + _digest(text) if text.strip() else "untitled"
