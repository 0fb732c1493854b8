"""The chunk reader gives exactly ``text[start:end]``, across chunk boundaries and non-BMP characters."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.chunked import CHUNK_CHARS, ChunkedText, chunk_spans

# Astral characters (emoji, CJK extension B), combining marks, newlines and ASCII: a chunk
# cut must never split what Python counts as one code point.
ALPHABET = st.sampled_from(["a", "b", " ", "\n", "é", "\u0301", "😀", "𠀋", "\t", "\u200d"])


def chunked(text: str, size: int) -> tuple[ChunkedText, list[int]]:
    spans = chunk_spans(len(text), size)
    reads: list[int] = []

    def read(number: int) -> str:
        reads.append(number)
        start, end = spans[number]
        return text[start:end]

    return ChunkedText(len(text), [s for s, _ in spans], read, cache_size=2), reads


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=200), st.integers(1, 17), st.data())
def test_slices_and_indexes_match_the_text(text: str, size: int, data) -> None:
    view, _reads = chunked(text, size)
    assert len(view) == len(text)
    start = data.draw(st.integers(-5, len(text) + 5))
    end = data.draw(st.integers(-5, len(text) + 5))
    assert view[start:end] == text[start:end]
    assert view.slice(max(0, start), max(0, end)) == text[max(0, start):max(0, end)]
    if text:
        index = data.draw(st.integers(-len(text), len(text) - 1))
        assert view[index] == text[index]
    assert str(view) == text
    assert "".join(view) == text


@given(st.text(ALPHABET, min_size=1, max_size=120), st.integers(1, 9))
def test_a_slice_reads_only_the_chunks_it_covers(text: str, size: int) -> None:
    view, reads = chunked(text, size)
    start = len(text) // 2
    end = min(len(text), start + size)
    view.slice(start, end)
    assert set(reads) <= {view.chunk_of(start), view.chunk_of(max(start, end - 1))}


def test_chunk_spans_cover_the_text_without_gaps() -> None:
    length = 3 * CHUNK_CHARS + 5
    spans = chunk_spans(length)
    assert spans[0][0] == 0 and spans[-1][1] == length
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert chunk_spans(0) == [(0, 0)]


def test_out_of_range_index_raises_like_str() -> None:
    view, _ = chunked("abc", 2)
    try:
        view[3]
    except IndexError:
        pass
    else:
        raise AssertionError("expected IndexError")
