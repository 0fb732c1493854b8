"""Sentence boundaries from pysbd, mapped back to exact offsets of the text.

pysbd knows abbreviations such as "Lt. Gen." and "U.S.", decimals and quotations.
Only the paragraph around the cursor is segmented (at most ``WINDOW`` code points
each side), so the cost does not grow with the document.
"""

from __future__ import annotations

from functools import lru_cache

WINDOW = 5000


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences in ``text[start:end]``, trimmed of white space."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in _segmenter().segment(chunk):
        body = sentence.strip()
        if not body:
            continue
        found = chunk.find(body, position)
        if found < 0:  # pysbd changed the text; skip rather than guess
            continue
        spans.append((start + found, start + found + len(body)))
        position = found + len(body)
    return spans


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence containing (or nearest after) ``offset`` within its paragraph."""
    if not text:
        return None
    offset = max(0, min(offset, len(text) - 1))
    begin = text.rfind("\n", max(0, offset - WINDOW), offset) + 1
    if begin == 0 and offset > WINDOW:
        begin = offset - WINDOW
    stop = text.find("\n", offset, offset + WINDOW)
    stop = min(len(text), offset + WINDOW) if stop < 0 else stop
    best = None
    for span in sentences(text, begin, stop):
        if span[0] <= offset < span[1]:
            return span
        if span[0] > offset and best is None:
            best = span
    return best
