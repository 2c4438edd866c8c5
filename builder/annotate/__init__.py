"""Stage 2: annotate an article with its quotes, their speakers and its named mentions.

`annotate()` is a pure function of the article text and the pipeline: it
never looks at other articles. spaCy objects do not leave this package, and
importing it does not import spaCy: `annotate` and `load_pipeline` load it
when first used, so a build whose articles all come from the cache never does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import DEFAULT_MODEL, DISABLED, FALLBACK_MODELS, ModelNotFound

if TYPE_CHECKING:
    from .article import annotate
    from .pipeline import load_pipeline

__all__ = ["annotate", "load_pipeline", "DEFAULT_MODEL", "DISABLED", "FALLBACK_MODELS", "ModelNotFound"]


def __getattr__(name: str):
    if name == "annotate":
        from .article import annotate
        return annotate
    if name == "load_pipeline":
        from .pipeline import load_pipeline
        return load_pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
