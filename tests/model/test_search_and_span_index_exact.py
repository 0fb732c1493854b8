"""Corpus search's pure part and the span index, on small exact cases: the phrase found
across line breaks and up to its limit, the snippet's context and ellipses, and the
index's order, look-ups and removals after adds."""

from __future__ import annotations

from tui.model.entities import Annotation
from tui.model.search import SNIPPET, find, fts_query, pattern, snippet
from tui.model.spans import SpanIndex


# Search -----------------------------------------------------------------------------------------
def test_the_phrase_is_found_across_any_white_space_and_case():
    text = "Forty\n  percent of RUSSIA, forty percent"
    assert find(text, "forty percent") == [(0, 15), (27, 40)]
    assert find(text, "  forty   percent of russia ") == [(0, 25)]
    assert find("a.b axb", "a.b") == [(0, 3)]  # the words are literal, not a pattern
    assert pattern("x+").fullmatch("X+") is not None


def test_find_stops_at_its_limit():
    text = "a " * 1500
    assert len(find(text, "a")) == 1000  # the default limit
    assert find(text, "a", limit=2) == [(0, 1), (2, 3)]
    assert find(text, "a", limit=1) == [(0, 1)]


def test_the_fts_query_quotes_every_word_as_one_phrase():
    assert fts_query('say "hi"  NEAR now*') == '"say ""hi"" NEAR now*"'
    assert fts_query("  one ") == '"one"'


def test_a_snippet_shows_the_hit_with_up_to_40_code_points_each_side_and_ellipses():
    assert SNIPPET == 40
    text = "x" * 50 + "HIT" + "y" * 50
    assert snippet(text, 50, 53) == "…" + "x" * 40 + "⟦HIT⟧" + "y" * 40 + "…"
    assert snippet("ab HIT cd", 3, 6) == "ab ⟦HIT⟧ cd"
    # Exactly 40 before and after: nothing left out, so no ellipsis.
    assert snippet("x" * 40 + "HIT" + "y" * 40, 40, 43) == "x" * 40 + "⟦HIT⟧" + "y" * 40
    assert snippet("x" * 41 + "HIT" + "y" * 41, 41, 44) == "…" + "x" * 40 + "⟦HIT⟧" + "y" * 40 + "…"
    assert snippet("HIT", 0, 3) == "⟦HIT⟧"
    assert snippet("abcdefHIT", 6, 9, width=3) == "…def⟦HIT⟧"


def test_a_snippet_is_one_display_safe_line_that_keeps_each_code_point():
    text = "a\nb  c\td\x1b HIT\nx \x07 y"
    start = text.index("HIT")
    shown = snippet(text, start, start + 3)
    assert shown == "a b  c\u2409d\u241b ⟦HIT⟧ x \u2407 y"
    assert snippet("one\ntwo", 0, 7) == "⟦one two⟧"


# The span index ----------------------------------------------------------------------------------
def _ann(ident: str, start: int, end: int) -> Annotation:
    return Annotation(id=ident, document_id=1, start=start, end=end, label="claim", exact="")


def test_adds_keep_the_index_in_start_end_id_order():
    index = SpanIndex([_ann("m", 5, 9)])
    for ident, start, end in [("z", 20, 22), ("b", 5, 7), ("c", 5, 9), ("a", 5, 9), ("y", 0, 1), ("q", 30, 31)]:
        index.add(_ann(ident, start, end))
    assert [(a.start, a.end, a.id) for a in index] == [
        (0, 1, "y"), (5, 7, "b"), (5, 9, "a"), (5, 9, "c"), (5, 9, "m"), (20, 22, "z"), (30, 31, "q")]
    assert len(index) == 7
    index.add(_ann("n", 5, 9))  # after three spans of its start: b, a, c, then before m
    assert [a.id for a in index][1:6] == ["b", "a", "c", "m", "n"]
    assert index.get("q").start == 30 and index.get("a").end == 9 and index.get("nope") is None


def test_an_added_long_span_is_found_from_a_window_far_after_its_start():
    index = SpanIndex([_ann("short", 0, 2)])
    index.add(_ann("long", 10, 500))
    assert [a.id for a in index.overlapping(400, 401)] == ["long"]
    assert [a.id for a in index.at(499)] == ["long"] and index.at(500) == []


def test_remove_takes_out_exactly_the_one_asked_for():
    index = SpanIndex([_ann("a", 5, 9), _ann("b", 5, 9), _ann("c", 5, 9), _ann("d", 1, 2)])
    removed = index.remove("c")
    assert removed.id == "c"
    assert [a.id for a in index] == ["d", "a", "b"]
    assert index.get("c") is None and index.remove("c") is None
    assert index.remove("a").id == "a"  # the first of its start: found at once
    index.add(_ann("a", 5, 9))
    assert index.remove("missing") is None
    assert [a.id for a in index.overlapping(5, 6)] == ["a", "b"]
    assert index.next_after(1).id == "a" and index.previous_before(5).id == "d"
    index.remove("d")
    assert [a.id for a in index] == ["a", "b"] and index.previous_before(5) is None
    index.add(_ann("e", 6, 7))
    assert index.remove("b").id == "b"  # the second of its start, with more after it
    assert [a.id for a in index] == ["a", "e"]


def test_at_lists_the_innermost_first_and_windows_are_half_open():
    index = SpanIndex([_ann("outer", 0, 10), _ann("inner", 3, 5), _ann("after", 10, 12)])
    assert [a.id for a in index.at(4)] == ["inner", "outer"]
    assert [a.id for a in index.at(10)] == ["after"]
    assert [a.id for a in index.at(9)] == ["outer"]  # "after" starts one later
    crossing = SpanIndex([_ann("long", 0, 10), _ann("late", 8, 12)])
    assert [a.id for a in crossing.at(9)] == ["late", "long"]  # the shorter first, wherever it starts
    assert [a.id for a in index.overlapping(5, 10)] == ["outer"]
    assert [a.id for a in index.overlapping(0, 3)] == ["outer"]
    assert index.next_after(10) is None and index.next_after(9).id == "after"
    assert SpanIndex().overlapping(0, 100) == [] and len(SpanIndex()) == 0
