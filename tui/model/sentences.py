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


def paragraph_window(text: str, offset: int) -> tuple[int, int]:
    """The paragraph around ``offset`` (a valid offset of ``text``), at most WINDOW code
    points each side: what segmenting near the cursor reads, whatever the document's size."""
    begin = text.rfind("\n", max(0, offset - WINDOW), offset) + 1
    if begin == 0 and offset > WINDOW:
        begin = offset - WINDOW
    stop = text.find("\n", offset, offset + WINDOW)
    return begin, (min(len(text), offset + WINDOW) if stop < 0 else stop)


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence containing (or nearest after) ``offset`` within its paragraph."""
    if not text:
        return None
    offset = max(0, min(offset, len(text) - 1))
    begin, stop = paragraph_window(text, offset)
    best = None
    for span in sentences(text, begin, stop):
        if span[0] <= offset < span[1]:
            return span
        if span[0] > offset and best is None:
            best = span
    return best


_TRAILING = ",;: \u00a0"  # what a quoted sentence leaves behind before its closing mark


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    begin = text.rfind("\n", max(0, offset - WINDOW), offset) + 1
    if begin == 0 and offset > WINDOW:
        begin = offset - WINDOW
    stop = text.find("\n", offset, offset + WINDOW)
    return begin, (min(len(text), offset + WINDOW) if stop < 0 else stop)


def quotation_at(text: str, offset: int) -> tuple[int, int] | None:
    """The quotation (marks included) that ``offset`` stands in, from the cue lexer's quotes."""
    from .cues import cue_spans

    begin, stop = _paragraph(text, offset)
    for start, end, kind in cue_spans(text[begin:stop], begin):
        if kind == "quote" and start <= offset < end:
            return start, end
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def sentence_steps(text: str, offset: int) -> list[tuple[int, int]]:
    """What ``s`` selects at ``offset``, press after press, each step larger than the last.

    Inside a quotation: the quoted sentence under the cursor (never the attribution after
    the closing mark, and without the marks), then the whole quotation, then the whole
    sentence around it. Elsewhere: the sentence.
    """
    if not text:
        return []
    offset = max(0, min(offset, len(text) - 1))
    quote = quotation_at(text, offset)
    steps: list[tuple[int, int]] = []
    if quote is not None:
        inner = (quote[0] + 1, quote[1] - 1)
        at = max(inner[0], min(offset, inner[1] - 1))
        for start, end in sentences(text, *inner):
            if start <= at < end or start > at:
                steps.append(_trim(text, start, end))
                break
        steps.append(_trim(text, *inner))
        begin, stop = _paragraph(text, offset)
        around = [s for s in sentences(text, begin, stop) if s[0] < quote[1] and s[1] > quote[0]]
        if around:
            steps.append((min(quote[0], around[0][0]), max(quote[1], around[-1][1])))
    else:
        found = sentence_at(text, offset)
        if found:
            steps.append(found)
    unique: list[tuple[int, int]] = []
    for step in steps:
        if step[0] < step[1] and (not unique or (step != unique[-1] and step[1] - step[0] > unique[-1][1] - unique[-1][0])):
            unique.append(step)
    return unique
