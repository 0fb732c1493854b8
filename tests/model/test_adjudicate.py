"""Two annotators' versions of a document as rows of differences."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tui.model.adjudicate import (
    BOUNDARY_DIFFERS,
    LABEL_DIFFERS,
    ONLY_A,
    ONLY_B,
    SAME,
    Difference,
    differences,
)
from tui.model.entities import Annotation


def ann(id: str, start: int, end: int, label: str = "claim", who: str = "alice") -> Annotation:
    return Annotation(id, 1, start, end, label, "x" * (end - start), annotator=who)


def test_each_kind_of_difference():
    a = [ann("a1", 0, 10), ann("a2", 20, 30), ann("a3", 40, 50), ann("a4", 60, 70), ann("a5", 80, 85, "attribution")]
    b = [ann("b1", 0, 10, who="bob"), ann("b2", 20, 30, "attribution", "bob"), ann("b3", 42, 55, who="bob"),
         ann("b6", 90, 95, who="bob")]
    rows = differences(a, b)
    assert [(d.kind, d.a and d.a.id, d.b and d.b.id) for d in rows] == [
        (SAME, "a1", "b1"),
        (LABEL_DIFFERS, "a2", "b2"),
        (BOUNDARY_DIFFERS, "a3", "b3"),
        (ONLY_A, "a4", None),
        (ONLY_A, "a5", None),
        (ONLY_B, None, "b6"),
    ]
    assert (rows[2].start, rows[2].end) == (40, 55)


def test_the_largest_overlap_wins_and_a_different_label_does_not_overlap():
    a = [ann("a1", 0, 20)]
    b = [ann("b1", 15, 40), ann("b2", 2, 18), ann("b3", 0, 20, "attribution")]
    rows = differences(a, b)
    assert (rows[0].kind, rows[0].a.id, rows[0].b.id) == (LABEL_DIFFERS, "a1", "b3")
    rows = differences(a, b[:2])
    kinds = {(d.kind, d.b.id if d.b else None) for d in rows}
    assert kinds == {(BOUNDARY_DIFFERS, "b2"), (ONLY_B, "b1")}


def test_duplicates_pair_one_to_one():
    a = [ann("a1", 0, 5), ann("a2", 0, 5)]
    b = [ann("b1", 0, 5)]
    assert Counter(d.kind for d in differences(a, b)) == {SAME: 1, ONLY_A: 1}


def test_resolved_by_the_adjudicators_own_copy():
    row = Difference(BOUNDARY_DIFFERS, ann("a", 0, 10), ann("b", 0, 12))
    assert row.resolved_by([ann("m", 0, 12, who="me")]) == "B"
    assert row.resolved_by([ann("m", 0, 10, who="me")]) == "A"
    assert row.resolved_by([]) == ""
    same = Difference(SAME, ann("a", 0, 10), ann("b", 0, 10))
    assert same.resolved_by([ann("m", 0, 10, who="me")]) == "both"


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15), st.sampled_from(["claim", "attribution"])),
                 max_size=12)


@given(spans, spans)
def test_every_annotation_is_in_exactly_one_row_in_text_order(xs, ys):
    a = [ann(f"a{i}", s, s + n, label) for i, (s, n, label) in enumerate(xs)]
    b = [ann(f"b{i}", s, s + n, label, "bob") for i, (s, n, label) in enumerate(ys)]
    rows = differences(a, b)
    assert Counter(d.a.id for d in rows if d.a) == Counter(x.id for x in a)
    assert Counter(d.b.id for d in rows if d.b) == Counter(y.id for y in b)
    assert [(d.start, d.end) for d in rows] == sorted((d.start, d.end) for d in rows)
    for d in rows:
        if d.kind == SAME:
            assert (d.a.start, d.a.end, d.a.label) == (d.b.start, d.b.end, d.b.label)
        elif d.kind == LABEL_DIFFERS:
            assert (d.a.start, d.a.end) == (d.b.start, d.b.end) and d.a.label != d.b.label
        elif d.kind == BOUNDARY_DIFFERS:
            assert d.a.label == d.b.label and d.a.start < d.b.end and d.b.start < d.a.end
    # Symmetric: swapping the annotators swaps the sides, never the pairing's size.
    swapped = differences(b, a)
    assert Counter(d.kind for d in swapped if d.kind in (SAME, LABEL_DIFFERS)) == Counter(
        d.kind for d in rows if d.kind in (SAME, LABEL_DIFFERS))
