"""Sourcebook: annotated news articles as a browsable MkDocs site."""

__version__ = "0.1.0"
