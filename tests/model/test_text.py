from __future__ import annotations

import uuid

import pytest

from tui.model.spans import Annotation, SpanIndex
from tui.model.text import excerpt, new_id, normalise_newlines, safe_for_display, trim_span


@pytest.mark.parametrize(
    "raw, text, style",
    [
        ("a\nb", "a\nb", "lf"),
        ("a\r\nb\r\n", "a\nb\n", "crlf"),
        ("a\rb", "a\nb", "cr"),
        ("a\r\nb\nc\rd", "a\nb\nc\nd", "mixed"),
        ("abc", "abc", "none"),
    ],
)
def test_normalise_newlines(raw, text, style):
    assert normalise_newlines(raw) == (text, style)


def test_display_safety_keeps_length_and_removes_controls():
    hostile = "a\x1b[31mred\x07\x08\x9b1m\x7f\ttab"
    shown = safe_for_display(hostile)
    assert len(shown) == len(hostile)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert shown.startswith("a\u241b[31mred\u2407\u2408\ufffd1m\u2421\u2409")
    assert safe_for_display("a\tb", keep_tabs=True) == "a\tb"
    assert excerpt("x\n" * 50, limit=10) == "x x x x x…"


def test_ids_are_time_ordered_uuid7():
    ids = [new_id() for _ in range(200)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert len(set(ids)) == 200
    assert ids == sorted(ids)  # monotonic within a process, even inside one millisecond


def test_trim_span():
    assert trim_span("  ab  ", 0, 6) == (2, 4)
    assert trim_span("   ", 0, 3) == (3, 3)


def _ann(i, start, end):
    return Annotation(id=str(i), document_id=1, start=start, end=end, label="claim", exact="")


def test_span_index_window_queries_match_a_scan():
    import random

    rng = random.Random(7)
    items = []
    for i in range(400):
        start = rng.randrange(0, 5000)
        items.append(_ann(i, start, start + rng.randrange(1, 300)))
    index = SpanIndex(items[:200])
    for item in items[200:]:
        index.add(item)
    index.remove("5")
    live = [a for a in items if a.id != "5"]
    for _ in range(200):
        a = rng.randrange(0, 5200)
        b = a + rng.randrange(1, 200)
        expected = sorted(x.id for x in live if x.start < b and x.end > a)
        assert sorted(x.id for x in index.overlapping(a, b)) == expected
    assert [x.start for x in index] == sorted(x.start for x in live)
    nxt = index.next_after(100)
    assert nxt.start == min(x.start for x in live if x.start > 100)
    assert index.at(nxt.start)[0].end - index.at(nxt.start)[0].start == min(
        x.end - x.start for x in live if x.start <= nxt.start < x.end)
