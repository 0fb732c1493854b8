"""Re-anchoring and quote finding on exact small cases: overlapping occurrences and their
limit, the score of a moved quote worked out by hand, and what the plan does with an
annotation that is already orphaned."""

from __future__ import annotations

import pytest

from tui.model.anchoring import find_occurrences, locate_quote, plan_reanchoring, reanchor
from tui.model.entities import Annotation


def test_occurrences_overlap_and_stop_at_the_limit():
    assert find_occurrences("aaaa", "aa") == [0, 1, 2]
    assert find_occurrences("aaaa", "aa", limit=2) == [0, 1]
    assert find_occurrences("abc", "") == [] and find_occurrences("", "a") == []
    assert len(find_occurrences("a" * 10_050, "a")) == 10_000  # the default limit


def test_a_moved_quote_scores_by_its_context_and_distance():
    # Quote 1, prefix 1, suffix 1, position 1 − 3/17: (50 + 20 + 20 + 2 · 14/17) / 92.
    found = reanchor("xx Klein notes yy", "Klein notes", "xx ", " yy", 0, 11)
    assert found[:2] == (3, 14) and found[2] == pytest.approx((90 + 2 * 14 / 17) / 92)


def test_the_old_place_is_kept_when_it_still_holds():
    assert reanchor("Klein notes", "Klein notes", "", "", 0, 11) == (0, 11, 1.0)
    assert reanchor("aKlein notes", "Klein notes", "", "", 1, 12) == (1, 12, 1.0)
    # Offsets past the end are not the old place: the quote is found again.
    assert reanchor("Klein notes", "Klein notes", "", "", 0, 12) == (0, 11, 1.0)


def test_an_approximate_match_scores_its_edits():
    # "abce" in "abcd": the best is "abc" with one edit: quote 1 − 1/4, contexts empty (1 each),
    # position 1: (50 · 0.75 + 20 + 20 + 2) / 92.
    found = reanchor("abcd", "abce", "", "", 0, 4)
    assert found[:2] == (0, 3) and found[2] == pytest.approx(79.5 / 92)
    assert reanchor("abc", "abd", "", "", 0, 3) is None  # under four letters: never approximate


def test_the_plan_leaves_an_orphan_orphaned_even_if_its_quote_is_there():
    text = "Klein notes the shells."
    orphan = Annotation("o", 1, 0, 11, "claim", "Klein notes", status="orphaned")
    moved = Annotation("m", 1, 3, 14, "claim", "Klein notes", "", " the shells")
    kept = Annotation("k", 1, 0, 11, "claim", "Klein notes")
    moves, orphans, counts = plan_reanchoring(text, [orphan, moved, kept])
    assert orphans == ["o"]
    assert moves == [("m", 0, 11), ("k", 0, 11)]
    assert counts == {"kept": 1, "moved": 1, "orphaned": 1}


def test_a_quote_chosen_by_occurrence():
    assert locate_quote("ab ab ab", "ab", 2) == (3, 5)
    assert locate_quote("ab ab ab", "ab", 1) == (0, 2)
    assert locate_quote("x ab", "ab", 1) == (2, 4)
    with pytest.raises(ValueError) as caught:
        locate_quote("ab ab", "ab")
    assert str(caught.value) == "the quote occurs 2 times; choose one with --occurrence 1..2"
    with pytest.raises(ValueError) as caught:
        locate_quote("ab", "ab", 2)
    assert str(caught.value) == "the quote occurs only 1 time(s)"
    with pytest.raises(ValueError) as caught:
        locate_quote("ab", "zz")
    assert str(caught.value) == "quote not found: 'zz'"
