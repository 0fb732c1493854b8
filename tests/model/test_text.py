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


# Grapheme clusters and word motions ---------------------------------------------------------
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.text import (
    cluster_start,
    find_char,
    next_cluster,
    next_word_start,
    previous_cluster,
    previous_word_start,
    snap_span,
    word_at,
    word_end,
)

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
CLUSTERY = st.lists(st.sampled_from(
    ["family ", FAMILY, "e\u0301", "🇩🇪", "Russia’s", "don't", " ", ",", "“", "”", "\n", "漢字", "a", "❤\ufe0f", "k\u0308\u0301"]
), max_size=40).map("".join)
MOTIONS = st.lists(st.sampled_from(["next", "previous", "w", "b", "e", "f", "t"]), max_size=20)


def is_boundary(text: str, offset: int) -> bool:
    return cluster_start(text, offset) == offset


def test_family_emoji_is_one_step():
    text = f"family {FAMILY} here"
    start = text.index(FAMILY)
    assert next_cluster(text, start) == start + len(FAMILY)
    assert previous_cluster(text, start + len(FAMILY)) == start
    assert cluster_start(text, start + 3) == start
    assert snap_span(text, 0, start + 2) == (0, start + len(FAMILY))


@settings(max_examples=300, deadline=None)
@given(text=CLUSTERY, start=st.integers(0, 400), motions=MOTIONS, span_end=st.integers(0, 400))
def test_motions_and_tags_never_split_a_cluster(text, start, motions, span_end):
    offset = cluster_start(text, min(start, len(text)))
    for motion in motions:
        if motion == "next":
            offset = next_cluster(text, offset)
        elif motion == "previous":
            offset = previous_cluster(text, offset)
        elif motion == "w":
            offset = next_word_start(text, offset)
        elif motion == "b":
            offset = previous_word_start(text, offset)
        elif motion == "e":
            offset = word_end(text, offset)
        else:
            found = find_char(text, offset, "a", till=motion == "t")
            offset = offset if found is None else found
        assert 0 <= offset <= len(text)
        assert is_boundary(text, offset), (motion, offset)
    lo, hi = sorted((offset, min(span_end, len(text))))
    s, e = snap_span(text, lo, hi)
    assert s <= lo and e >= hi and is_boundary(text, s) and is_boundary(text, e)


@pytest.mark.parametrize("text, offset, span", [
    ("of Russia’s ammunition", 5, "Russia’s"),
    ("they don't know", 7, "don't"),
    ("a 'quoted' word", 4, "quoted"),
])
def test_word_at_keeps_apostrophes_inside_words(text, offset, span):
    found = word_at(text, offset)
    assert text[found[0]:found[1]] == span


def test_w_b_e_stop_at_punctuation_as_vim_does():
    text = "Russia,” Klein notes. Next"
    stops = []
    offset = 0
    while offset < len(text):
        offset = next_word_start(text, offset)
        stops.append(text[offset:offset + 3])
    assert stops == [",” ", "Kle", "not", ". N", "Nex", ""]
    assert previous_word_start(text, text.index("Klein")) == text.index(",”")
    assert text[: word_end(text, 0)] == "Russia"
    assert text[text.index("Klein"): word_end(text, text.index("Klein"))] == "Klein"
