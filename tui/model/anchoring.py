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


# Moving a changed document's annotations ---------------------------------------------------
def plan_reanchoring(text: str, annotations) -> tuple[list[tuple[str, int, int]], list[str], dict[str, int]]:
    """Where each annotation goes in a document's new ``text``.

    Returns (moves as (id, start, end), ids to mark orphaned, counts of kept / moved /
    orphaned). An annotation already orphaned stays so: it has no trustworthy old place.
    """
    moves: list[tuple[str, int, int]] = []
    orphans: list[str] = []
    counts = {"kept": 0, "moved": 0, "orphaned": 0}
    for a in annotations:
        found = reanchor(text, a.exact, a.prefix, a.suffix, a.start, a.end) if a.status != "orphaned" else None
        if found is None:
            orphans.append(a.id)
            counts["orphaned"] += 1
            continue
        start, end, _score = found
        counts["kept" if (start, end) == (a.start, a.end) and text[start:end] == a.exact else "moved"] += 1
        moves.append((a.id, start, end))
    return moves, orphans, counts


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The span of ``quote`` in ``text``; ``occurrence`` (1-based) is needed when it occurs more than once.

    Raises ValueError with a one-line reason a user can act on.
    """
    hits = find_occurrences(text, quote)
    if not hits:
        raise ValueError(f"quote not found: {quote!r}")
    if occurrence is None and len(hits) > 1:
        raise ValueError(f"the quote occurs {len(hits)} times; choose one with --occurrence 1..{len(hits)}")
    index = (occurrence or 1) - 1
    if index >= len(hits):
        raise ValueError(f"the quote occurs only {len(hits)} time(s)")
    return hits[index], hits[index] + len(quote)


# Finding an imported record's span -----------------------------------------------------------
def locate_record(text: str, record: dict) -> tuple[int, int] | None:
    """Where the record's span is in ``text``: its offsets if they still fit, else the
    occurrence of its quote whose prefix and suffix agree best, else None."""
    exact = record.get("exact") or ""
    start, end = record.get("start"), record.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) and text[start:end] == exact:
        return start, end
    hits = find_occurrences(text, exact)
    if not hits:
        return None
    prefix, suffix = record.get("prefix") or "", record.get("suffix") or ""

    def agreement(hit: int) -> tuple[int, int]:
        before = text[max(0, hit - len(prefix)):hit]
        after = text[hit + len(exact):hit + len(exact) + len(suffix)]
        context = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        closeness = -abs(hit - start) if isinstance(start, int) else 0
        return context, closeness

    best = max(hits, key=agreement)
    if len(hits) > 1 and agreement(best)[0] == 0:
        return None  # several places and no context to choose: refuse rather than guess
    return best, best + len(exact)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
