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


def _moved_text(moved: int, prefix_edits: int = 0, suffix_edits: int = 0, prefix_kept: bool = False,
                length: int = LENGTH) -> tuple[str, int]:
    """Like _changed_text, with the quote ``moved`` code points after its old start (300)."""
    def edited(context: str, edits: int) -> str:
        chars = list(context)
        for i in range(edits):
            chars[2 + 4 * i] = "#"
        return "".join(chars)

    before = "." * (300 + moved - len(PREFIX))
    before += edited(PREFIX, prefix_edits) if prefix_kept else "*" * len(PREFIX)
    text = before + EXACT + edited(SUFFIX, suffix_edits)
    return text + "." * (length - len(text)), len(before)


def test_a_candidate_scoring_exactly_the_threshold_is_kept():
    # Moved 500 of 1,000: position 0.5. (50 + 0 + 20·0.9 + 2·0.5) / 92 = 69 / 92 = 0.75 exactly.
    text, start = _moved_text(500, suffix_edits=2)
    assert reanchor(text, EXACT, PREFIX, SUFFIX, 300, 300 + len(EXACT)) == (start, start + len(EXACT), 0.75)
    # One more code point away: (50 + 18 + 2·0.499) / 92 = 0.74998: orphaned.
    text, _ = _moved_text(501, suffix_edits=2)
    assert reanchor(text, EXACT, PREFIX, SUFFIX, 300, 300 + len(EXACT)) is None


def test_every_part_of_the_score_counts_with_its_weight():
    # prefix 2 edits (0.9), suffix 4 edits (0.8), moved 10: (50 + 18 + 16 + 1.98) / 92 = 0.93457
    text, start = _moved_text(10, prefix_edits=2, suffix_edits=4, prefix_kept=True)
    found = reanchor(text, EXACT, PREFIX, SUFFIX, 300, 300 + len(EXACT))
    assert found[:2] == (start, start + len(EXACT))
    assert found[2] == pytest.approx((50 + 20 * 0.9 + 20 * 0.8 + 2 * 0.99) / 92, abs=1e-12)


def test_a_document_that_shrank_past_the_old_start_scores_position_zero():
    # The old start (5,000) lies beyond the new text (1,000): position is 0, not negative.
    # Prefix and suffix intact: (50 + 20 + 20 + 0) / 92 = 0.97826
    text, start = _moved_text(10, prefix_kept=True)
    found = reanchor(text, EXACT, PREFIX, SUFFIX, 5000, 5000 + len(EXACT))
    assert found == (start, start + len(EXACT), pytest.approx(90 / 92, abs=1e-12))


def test_a_quote_moved_to_the_very_start_has_no_prefix_to_agree():
    # Nothing before it: the stored prefix agrees with "" at 0.0, the suffix fully, moved 290
    # of 1,000: (50 + 0 + 20 + 2·0.71) / 92 = 0.77630
    text = EXACT + SUFFIX
    text += "." * (LENGTH - len(text))
    found = reanchor(text, EXACT, PREFIX, SUFFIX, 290, 290 + len(EXACT))
    assert found == (0, len(EXACT), pytest.approx((50 + 20 + 2 * 0.71) / 92, abs=1e-12))


def test_a_quote_closer_to_the_start_than_its_prefix_is_long():
    # Five characters before it, "that ": the prefix (20) is compared with those five only.
    from rapidfuzz import fuzz

    text = "that " + EXACT + SUFFIX
    text += "." * (LENGTH - len(text))
    found = reanchor(text, EXACT, PREFIX, SUFFIX, 15, 15 + len(EXACT))
    prefix_part = fuzz.ratio(PREFIX, "that ") / 100  # 2·5 / 25 = 0.4
    assert prefix_part == 0.4
    assert found == (5, 5 + len(EXACT), pytest.approx((50 + 20 * 0.4 + 20 + 2 * 0.99) / 92, abs=1e-12))


def test_equal_scores_go_to_the_first_occurrence():
    # The same quote and context twice, the old start halfway between them: a tie.
    block = "*" * 20 + EXACT + SUFFIX
    text = "." * 100 + block + "." * 100 + block + "." * 100
    first, second = text.index(EXACT), text.rindex(EXACT)
    old = (first + second) // 2
    assert old - first == second - old
    found = reanchor(text, EXACT, PREFIX, SUFFIX, old, old + len(EXACT))
    assert found is not None and found[0] == first


def test_an_empty_span_is_never_re_anchored():
    assert reanchor("some text", "", "", "", 3, 3) is None


def test_approximate_matches_within_half_the_quote():
    # A four-letter quote with one letter changed is still found (edit distance 1 <= 4 // 2).
    text = "." * 40 + PREFIX + "Kyev" + SUFFIX + "." * 40
    start = text.index("Kyev")
    found = reanchor(text, "Kyiv", PREFIX, SUFFIX, start, start + 4)
    assert found == (start, start + 4, pytest.approx((50 * 0.75 + 40 + 2) / 92, abs=1e-12))
    # Twelve letters, five changed: 1 - 5/12 = 0.583 quote, context intact:
    # (50·0.583 + 40 + 2·1) / 92 = 0.7736, kept; six changed would need an edit distance of 6 = 12 // 2.
    quote = "abcdefghijkl"
    changed = "aXcXeXgXiXkl"
    text = "." * 40 + PREFIX + changed + SUFFIX + "." * 40
    start = text.index(changed)
    found = reanchor(text, quote, PREFIX, SUFFIX, start, start + 12)
    assert found is not None and found[:2] == (start, start + 12)
    assert found[2] == pytest.approx((50 * (1 - 5 / 12) + 40 + 2) / 92, abs=1e-12)
    # Three letters: too short to look for approximately.
    text = "." * 40 + PREFIX + "Kyv" + SUFFIX
    assert reanchor(text, "Kiv", PREFIX, SUFFIX, 60, 63) is None


def test_an_approximate_match_ends_on_the_words_not_on_the_fewest_edits():
    old = "." * 50 + PREFIX + EXACT + SUFFIX + "." * 50
    new = "." * 50 + PREFIX + "the ministry has confirmed the figures" + SUFFIX + "." * 50
    start = old.index(EXACT)
    found = reanchor(new, EXACT, PREFIX, SUFFIX, start, start + len(EXACT))
    assert found is not None
    assert new[found[0]:found[1]] == "the ministry has confirmed the figures"
