"""Finding an imported record's span (``import-annotations``: moved spans re-found by quote
and context, ambiguous ones refused) and a quote given on the command line."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.model.anchoring import _common_prefix, _common_suffix, locate_quote, locate_record, plan_reanchoring
from tui.model.entities import Annotation

TEXT = "Klein notes the shells. Later, Klein notes the shells again. Klein notes the end."
#       0                       24                                61


def _record(**fields) -> dict:
    return {"exact": "Klein notes", **fields}


def test_offsets_that_still_fit_are_kept():
    assert locate_record(TEXT, _record(start=24 + 7, end=24 + 18, prefix="x", suffix="y")) == (31, 42)
    assert locate_record(TEXT, _record(start=0, end=11)) == (0, 11)  # at the very start
    end = len(TEXT)
    assert locate_record(TEXT, {"exact": "end.", "start": end - 4, "end": end}) == (end - 4, end)


def test_stale_offsets_follow_the_context():
    second = TEXT.index("Klein", 1)
    # The prefix "Later, " agrees only with the second occurrence.
    assert locate_record(TEXT, _record(start=500, end=511, prefix="Later, ", suffix="")) == (second, second + 11)
    # The suffix " the end." agrees only with the third.
    third = TEXT.rindex("Klein")
    assert locate_record(TEXT, _record(start=None, end=None, prefix="", suffix=" the end.")) == (third, third + 11)
    # More agreeing context wins: prefix and suffix together beat either alone.
    assert locate_record(TEXT, _record(prefix="shells. ", suffix=" the end")) == (third, third + 11)


def test_several_places_and_no_context_is_refused_rather_than_guessed():
    assert locate_record(TEXT, _record(start=500, end=511)) is None
    assert locate_record(TEXT, _record(prefix="zzz", suffix="qqq")) is None
    # One place needs no context.
    assert locate_record(TEXT, {"exact": "again", "prefix": "zzz"}) == (TEXT.index("again"), TEXT.index("again") + 5)
    assert locate_record(TEXT, {"exact": "missing"}) is None
    assert locate_record(TEXT, {"start": 0, "end": 5}) is None  # no quote at all


def test_equal_context_goes_to_the_occurrence_nearest_the_old_offsets():
    text = "a Klein notes b. a Klein notes b. a Klein notes b."
    hits = [i for i in range(len(text)) if text.startswith("Klein notes", i)]
    for old, expected in ((0, hits[0]), (hits[1] + 2, hits[1]), (len(text), hits[2])):
        found = locate_record(text, _record(start=old, end=old + 3, prefix="a ", suffix=" b"))
        assert found == (expected, expected + 11)
    # Without a usable old offset the first best-agreeing one is taken.
    assert locate_record(text, _record(start="3", end="9", prefix="a ", suffix=" b")) == (hits[0], hits[0] + 11)


@given(st.text("ab", max_size=8), st.text("ab", max_size=8))
def test_common_prefix_and_suffix_lengths(a, b):
    assert _common_prefix(a, b) == len(os.path.commonprefix([a, b]))
    assert _common_suffix(a, b) == len(os.path.commonprefix([a[::-1], b[::-1]]))


def test_a_quote_on_the_command_line():
    assert locate_quote(TEXT, "again") == (TEXT.index("again"), TEXT.index("again") + 5)
    with pytest.raises(ValueError, match="occurs 3 times; choose one with --occurrence 1..3"):
        locate_quote(TEXT, "Klein notes")
    assert locate_quote(TEXT, "Klein notes", 3) == (61, 72)
    with pytest.raises(ValueError, match="occurs only 3 time"):
        locate_quote(TEXT, "Klein notes", 4)
    with pytest.raises(ValueError, match="occurs 2 times"):
        locate_quote("ab ab", "ab")
    with pytest.raises(ValueError, match="quote not found"):
        locate_quote(TEXT, "nowhere")


def test_the_plan_counts_every_annotation():
    text = "Klein notes the shells. Klein notes more."
    made = [Annotation(f"o{n}", 1, 0, 5, "claim", f"gone {n}") for n in range(3)]
    made += [Annotation(f"m{n}", 1, 50 + n, 61 + n, "claim", "Klein notes", "", " the shells") for n in range(2)]
    made += [Annotation(f"k{n}", 1, 0, 11, "claim", "Klein notes") for n in range(2)]
    moves, orphans, counts = plan_reanchoring(text, made)
    assert counts == {"kept": 2, "moved": 2, "orphaned": 3}
    assert orphans == ["o0", "o1", "o2"] and len(moves) == 4
