"""Adjudication rows in detail: which overlap wins, what touching means, the order of rows
that share a span, and each row's extent and sides."""

from __future__ import annotations

from tui.model.adjudicate import (
    BOUNDARY_DIFFERS,
    KINDS,
    LABEL_DIFFERS,
    ONLY_A,
    ONLY_B,
    SAME,
    Difference,
    differences,
)
from tui.model.entities import Annotation


def ann(ident: str, start: int, end: int, label: str = "claim") -> Annotation:
    return Annotation(ident, 1, start, end, label, "x" * (end - start))


def rows(a, b) -> list[tuple]:
    return [(d.kind, d.a.id if d.a else None, d.b.id if d.b else None) for d in differences(a, b)]


def test_the_kinds_and_their_order_for_rows_on_one_span():
    assert (SAME, LABEL_DIFFERS, BOUNDARY_DIFFERS, ONLY_A, ONLY_B) == \
        ("same", "label differs", "boundary differs", "only A", "only B")
    assert KINDS == (ONLY_A, ONLY_B, BOUNDARY_DIFFERS, LABEL_DIFFERS, SAME)
    a = [ann("a2", 0, 10), ann("a1", 0, 10, "attribution"), ann("a3", 0, 10, "attribution")]
    b = [ann("b1", 0, 10), ann("b9", 0, 10, "note")]
    # a2/b1 agree; a1 (attribution) and b9 (note) share the span with different labels; a3 is left.
    assert rows(a, b) == [(ONLY_A, "a3", None), (LABEL_DIFFERS, "a1", "b9"), (SAME, "a2", "b1")]


def test_rows_of_one_kind_on_one_span_are_ordered_by_id():
    a = [ann("a2", 0, 10), ann("a1", 0, 10)]
    assert rows(a, []) == [(ONLY_A, "a1", None), (ONLY_A, "a2", None)]
    assert rows([], a) == [(ONLY_B, None, "a1"), (ONLY_B, None, "a2")]


def test_spans_that_only_touch_do_not_overlap():
    assert rows([ann("a", 0, 10)], [ann("b", 10, 20)]) == [(ONLY_A, "a", None), (ONLY_B, None, "b")]
    assert rows([ann("a", 10, 20)], [ann("b", 0, 10)]) == [(ONLY_B, None, "b"), (ONLY_A, "a", None)]
    assert rows([ann("a", 0, 10)], [ann("b", 9, 20)]) == [(BOUNDARY_DIFFERS, "a", "b")]
    assert rows([ann("a", 9, 20)], [ann("b", 0, 10)]) == [(BOUNDARY_DIFFERS, "a", "b")]


def test_the_largest_overlap_is_paired_first():
    assert rows([ann("a", 0, 20)], [ann("b1", 10, 30), ann("b2", 5, 25)]) == [
        (BOUNDARY_DIFFERS, "a", "b2"), (ONLY_B, None, "b1")]
    assert rows([ann("a1", 0, 12), ann("a2", 8, 30)], [ann("b", 5, 25)]) == [
        (ONLY_A, "a1", None), (BOUNDARY_DIFFERS, "a2", "b")]


def test_equal_overlaps_go_to_the_earlier_annotation_of_each_side():
    # b overlaps a1 and a2 by 5 each: the earlier a1 gets it.
    assert rows([ann("a2", 20, 30), ann("a1", 0, 10)], [ann("b", 5, 25)]) == [
        (BOUNDARY_DIFFERS, "a1", "b"), (ONLY_A, "a2", None)]
    # a overlaps b1 and b2 by 5 each: the earlier b1 gets it.
    assert rows([ann("a", 5, 25)], [ann("b2", 20, 30), ann("b1", 0, 10)]) == [
        (BOUNDARY_DIFFERS, "a", "b1"), (ONLY_B, None, "b2")]


def test_an_overlap_with_a_span_starting_long_before_is_found():
    # Many of B's spans start between the long one and A's: the search walks back to it.
    b = [ann("long", 0, 100)] + [ann(f"s{i}", 10 + i * 5, 12 + i * 5, "attribution") for i in range(10)]
    assert (BOUNDARY_DIFFERS, "a", "long") in rows([ann("a", 90, 95)], b)


def test_a_row_spans_both_sides_and_names_each_side():
    row = Difference(BOUNDARY_DIFFERS, ann("a", 5, 12), ann("b", 0, 10))
    assert (row.start, row.end) == (0, 12)
    assert row.side("A").id == "a" and row.side("B").id == "b"
    only_b = Difference(ONLY_B, None, ann("b", 3, 7))
    assert (only_b.start, only_b.end) == (3, 7) and only_b.side("A") is None
    only_a = Difference(ONLY_A, ann("a", 4, 9), None)
    assert (only_a.start, only_a.end) == (4, 9) and only_a.side("B") is None


def test_resolved_by_compares_span_and_label():
    row = Difference(LABEL_DIFFERS, ann("a", 0, 10), ann("b", 0, 10, "attribution"))
    assert row.resolved_by([ann("m", 0, 10, "attribution")]) == "B"
    assert row.resolved_by([ann("m", 0, 10)]) == "A"
    assert row.resolved_by([ann("m", 0, 10, "note"), ann("n", 0, 11)]) == ""
    assert Difference(ONLY_B, None, ann("b", 0, 10)).resolved_by([ann("m", 0, 10)]) == "B"
    assert Difference(ONLY_A, ann("a", 0, 10), None).resolved_by([ann("m", 0, 10)]) == "A"
