"""Curated actor overrides from `seeds/actors.yml` (placeholder until the actors work lands)."""
from __future__ import annotations

from pathlib import Path

from .records import Actor, Article, Problem


def load_overrides(path: Path) -> tuple[dict, list[Problem]]:
    return {}, []


def apply_overrides(articles: list[Article], actors: list[Actor], overrides: dict):
    return articles, actors, []
