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


# Re-anchoring a span in a changed text, the way Hypothesis does -------------------------------
# A candidate place is scored (50·quote + 20·prefix + 20·suffix + 2·position) / 92, each
# part a similarity in [0, 1]; the best candidate wins if it scores at least THRESHOLD.
THRESHOLD = 0.75  # strict: a wrong anchor is silent corruption, an orphan can be re-attached
MAX_EDITS = 256


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100


def _score(text: str, start: int, end: int, exact: str, prefix: str, suffix: str, old_start: int,
           quote_similarity: float) -> float:
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    position = 1 - min(1.0, abs(start - old_start) / max(1, len(text)))
    return (50 * quote_similarity + 20 * _similarity(prefix, before) + 20 * _similarity(suffix, after)
            + 2 * position) / 92


def _refine(text: str, exact: str, prefix: str, suffix: str, old_start: int, start: int, end: int,
            limit: int) -> tuple[int, int, float]:
    """edlib reports one of several equally cheap places, and the fewest edits can clip a
    word ("ghly 40 percent" for "This is 40 percent"): move the start, then the end,
    within ``limit`` to where the whole score (quote and context) is best."""
    from rapidfuzz.distance import Levenshtein

    def score(s: int, e: int) -> float:
        similarity = max(0.0, 1 - Levenshtein.distance(exact, text[s:e]) / len(exact))
        return _score(text, s, e, exact, prefix, suffix, old_start, similarity)

    best_start = max(range(max(0, start - limit), min(end - 1, start + limit) + 1), key=lambda s: score(s, end))
    best_end = max(range(max(best_start + 1, end - limit), min(len(text), end + limit) + 1),
                   key=lambda e: score(best_start, e))
    return best_start, best_end, max(0.0, 1 - Levenshtein.distance(exact, text[best_start:best_end]) / len(exact))


def reanchor(text: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> tuple[int, int, float] | None:
    """Where a span now is in ``text``: (start, end, score), or None when it is lost.

    1. The old place, if ``text[start:end] == exact`` still holds.
    2. Else every exact occurrence of the quote, scored by context and position.
    3. Else approximate matches (edit distance up to min(256, len/2), edlib in infix mode).
    """
    if 0 <= start < end <= len(text) and text[start:end] == exact:
        return start, end, 1.0
    candidates = [(hit, hit + len(exact), 1.0) for hit in find_occurrences(text, exact, limit=1000)]
    if not candidates and len(exact) >= 4:
        import edlib

        limit = min(MAX_EDITS, len(exact) // 2)
        found = edlib.align(exact, text, mode="HW", task="locations", k=limit)
        if found["editDistance"] >= 0:
            candidates = [_refine(text, exact, prefix, suffix, start, s, e + 1, limit)
                          for s, e in found["locations"][:20]]
    best = None
    for c_start, c_end, similarity in candidates:
        score = _score(text, c_start, c_end, exact, prefix, suffix, start, similarity)
        if best is None or score > best[2]:
            best = (c_start, c_end, score)
    return best if best and best[2] >= THRESHOLD else None
