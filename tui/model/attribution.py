"""The attribution under the cursor and the claim it introduces: what the reader's ``A`` tags.

Built on the suggester (a reporting cue with its source beside it: "Klein notes",
"she adds", "according to Ukrainian Supreme Commander-in-Chief Alexander Syrsky") and
the cue lexer's quotations. The claim an attribution introduces is the quotation it
closes or opens (“...,” Klein notes. / Klein notes: “...”), else the rest of its
sentence ("According to Syrsky, almost 5,000 were killed."; "X, she adds.").
"""

from __future__ import annotations

import re

from .cues import cue_spans
from .sentences import sentences
from .suggest import suggest

Span = tuple[int, int]
WINDOW = 5000  # the paragraph around the cursor, at most this far each side
_BETWEEN = " \t,:;\u00a0—–-"  # what may stand between a quotation and its attribution
_TRAILING = ",;: \u00a0"
_LEADING = " \t,:;\u00a0—–-"
_NAME = r"[A-Z][\w’'\-.]*"
# A source named after its cue: "according to Ukrainian Supreme Commander-in-Chief Alexander
# Syrsky", "in an interview with DW". Capitalised words, joined by "of", "the" or "and".
_SOURCE_AFTER = re.compile(rf"[ \t]+(?:(?:the|a|an)[ \t]+)?{_NAME}(?:[ \t]+(?:(?:of|the|and)[ \t]+)*{_NAME})*")


def _paragraph(text: str, offset: int) -> Span:
    begin = text.rfind("\n", max(0, offset - WINDOW), offset) + 1
    if begin == 0 and offset > WINDOW:
        begin = offset - WINDOW
    stop = text.find("\n", offset, offset + WINDOW)
    return begin, (min(len(text), offset + WINDOW) if stop < 0 else stop)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _LEADING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def attribution_at(text: str, offset: int) -> tuple[Span, Span | None] | None:
    """The attribution phrase (source + cue) at ``offset`` and the claim it introduces.

    Returns ``((start, end), claim)`` where ``claim`` is a ``(start, end)`` or None when no
    claim can be told apart; None when there is no attribution at ``offset``. Offsets are
    code points of ``text``.
    """
    if not 0 <= offset < len(text):
        return None
    begin, stop = _paragraph(text, offset)
    chunk = text[begin:stop]
    found = [(begin + s.start, begin + s.end) for s in suggest(chunk) if s.label == "attribution"]
    found += _sources_after(text, begin, stop)
    found = [span for span in found if span[0] <= offset < span[1]]
    if not found:
        return None
    attribution = min(found, key=lambda span: span[1] - span[0])
    return attribution, _claim_for(text, begin, stop, attribution)


def _sources_after(text: str, begin: int, stop: int) -> list[Span]:
    """Cues whose source follows them ("according to X", "says X"), which the suggester
    does not always find."""
    spans = []
    for c_start, c_end, kind in cue_spans(text[begin:stop], begin):
        if kind == "cue":
            match = _SOURCE_AFTER.match(text, c_end, stop)
            if match:
                spans.append((c_start, match.end()))
    return spans


def _claim_for(text: str, begin: int, stop: int, attribution: Span) -> Span | None:
    a_start, a_end = attribution
    quotes = [(s, e) for s, e, kind in cue_spans(text[begin:stop], begin) if kind == "quote"]
    sentence = next(((s, e) for s, e in sentences(text, begin, stop) if s <= a_start < e), (begin, stop))
    # The quotation it closes (“...,” Klein notes.) or opens (Klein notes: “...”), when the
    # quotation is what the sentence says; a quoted phrase inside a sentence of the
    # writer's own ("... in order to “make headway,” she adds.") leaves the sentence as the claim.
    for q_start, q_end in reversed(quotes):
        if q_end <= a_start and not text[q_end:a_start].strip(_BETWEEN) \
                and not text[sentence[0]:q_start].strip():
            return _inner(text, q_start, q_end)
    for q_start, q_end in quotes:
        if q_start >= a_end and not text[a_end:q_start].strip(_BETWEEN + "that") \
                and not text[q_end:sentence[1]].strip(" .\u00a0"):
            return _inner(text, q_start, q_end)
    # Else the rest of its sentence, on the longer side of the attribution.
    for s_start, s_end in [sentence]:
        if s_start <= a_start < s_end:
            before = _trim(text, s_start, a_start)
            after = _trim(text, a_end, s_end)
            if after[1] > after[0] and text[after[0]:after[0] + 5] == "that ":
                after = (after[0] + 5, after[1])
            side = after if after[1] - after[0] >= before[1] - before[0] else before
            if side[1] - side[0] >= 2:
                return side
            return None
    return None


def _inner(text: str, q_start: int, q_end: int) -> Span | None:
    start, end = _trim(text, q_start + 1, q_end - 1)
    return (start, end) if start < end else None
