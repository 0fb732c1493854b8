"""Finding quotes in text: the first step of anchoring a span by its words."""

from __future__ import annotations


def find_occurrences(text: str, quote: str, limit: int = 10_000) -> list[int]:
    """Start offsets of every occurrence of ``quote`` in ``text`` (overlapping ones too)."""
    if not quote:
        return []
    hits: list[int] = []
    index = text.find(quote)
    while index >= 0 and len(hits) < limit:
        hits.append(index)
        index = text.find(quote, index + 1)
    return hits
