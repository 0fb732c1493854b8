"""The re-anchoring threshold, pinned just above and just below 0.75 (README, "A changed file").

A candidate scores (50·quote + 20·prefix + 20·suffix + 2·position) / 92, each part a
similarity in [0, 1] (rapidfuzz's ``ratio``, an indel similarity: one substituted
character of 20 costs 2 of 40, so 2 substitutions give 0.9 and 4 give 0.8), position
being 1 - |new start - old start| / len(text). The texts below fix every part but the
suffix's:

- quote: found exactly, 1.0;
- prefix: the 20 characters before it were rewritten with nothing in common, 0.0;
- position: moved 10 code points in a text of 1,000, 1 - 10/1000 = 0.99;
- suffix: 2 substitutions, 0.9 -> (50 + 0 + 18 + 1.98) / 92 = 0.7607 (kept),
          4 substitutions, 0.8 -> (50 + 0 + 16 + 1.98) / 92 = 0.7389 (orphaned).
"""

from __future__ import annotations

import pytest

from tui.model.anchoring import THRESHOLD, plan_reanchoring, reanchor
from tui.model.entities import Annotation

EXACT = "the ministry confirmed the figures"
PREFIX = "Officials said that "  # 20 code points, as stored with the annotation
SUFFIX = " late on Monday nigh"  # 20 code points
LENGTH = 1000
MOVED = 10


def _changed_text(suffix_edits: int) -> tuple[str, int]:
    """The new text (LENGTH code points) and where the quote now starts."""
    suffix = list(SUFFIX)
    for i in range(suffix_edits):
        suffix[2 + 4 * i] = "#"  # '#' occurs nowhere in SUFFIX: each edit costs 2 indels
    before = "." * 300 + "*" * len(PREFIX)  # no character in common with PREFIX
    text = before + EXACT + "".join(suffix)
    text += "." * (LENGTH - len(text))
    assert len(text) == LENGTH and text.count(EXACT) == 1
    return text, len(before)


def _expected(suffix_similarity: float) -> float:
    return (50 * 1.0 + 20 * 0.0 + 20 * suffix_similarity + 2 * (1 - MOVED / LENGTH)) / 92


def test_the_threshold_is_the_documented_one():
    assert THRESHOLD == 0.75


def test_a_candidate_scoring_just_above_the_threshold_is_kept():
    text, start = _changed_text(suffix_edits=2)
    old_start = start - MOVED
    found = reanchor(text, EXACT, PREFIX, SUFFIX, old_start, old_start + len(EXACT))
    assert found is not None
    assert found[:2] == (start, start + len(EXACT)) and text[found[0]:found[1]] == EXACT
    assert found[2] == pytest.approx(_expected(0.9)) and found[2] == pytest.approx(0.7607, abs=1e-4)


def test_a_candidate_scoring_just_below_the_threshold_is_orphaned():
    text, start = _changed_text(suffix_edits=4)
    old_start = start - MOVED
    assert _expected(0.8) == pytest.approx(0.7389, abs=1e-4)
    assert reanchor(text, EXACT, PREFIX, SUFFIX, old_start, old_start + len(EXACT)) is None


def test_the_plan_keeps_moves_and_orphans_on_either_side_of_the_threshold():
    def annotation(id_: str, start: int, status: str = "anchored") -> Annotation:
        return Annotation(id_, 1, start, start + len(EXACT), "claim", EXACT, PREFIX, SUFFIX, "", "t",
                          "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", status)

    above, start = _changed_text(suffix_edits=2)
    moves, orphans, counts = plan_reanchoring(above, [annotation("a", start - MOVED)])
    assert moves == [("a", start, start + len(EXACT))] and orphans == []
    assert counts == {"kept": 0, "moved": 1, "orphaned": 0}
    below, start = _changed_text(suffix_edits=4)
    moves, orphans, counts = plan_reanchoring(below, [annotation("b", start - MOVED)])
    assert moves == [] and orphans == ["b"] and counts == {"kept": 0, "moved": 0, "orphaned": 1}
    # An annotation already orphaned has no trustworthy old place: it stays orphaned.
    moves, orphans, counts = plan_reanchoring(above, [annotation("c", start - MOVED, "orphaned")])
    assert orphans == ["c"] and counts["orphaned"] == 1


def test_an_unchanged_place_scores_one_and_is_kept():
    text, start = _changed_text(suffix_edits=4)
    assert reanchor(text, EXACT, PREFIX, SUFFIX, start, start + len(EXACT)) == (start, start + len(EXACT), 1.0)
    moves, _, counts = plan_reanchoring(text, [Annotation("k", 1, start, start + len(EXACT), "claim", EXACT,
                                                          PREFIX, SUFFIX, "", "t", "", "", "anchored")])
    assert moves == [("k", start, start + len(EXACT))] and counts["kept"] == 1
