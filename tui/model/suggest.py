"""Suggested claims and attributions, built on the cue lexer's tokens and pysbd's sentences.

Attributions: a reporting cue with its source next to it ("Klein notes", "says
Margarete Klein", "according to official North Korean statements", "she adds").
Claims: the words inside a quotation of four words or more; otherwise a sentence
with a figure, a date or a reporting cue. ``evaluate`` measures the suggester
against the annotations people made, so its quality is a number, not a promise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import cue_spans
from .sentences import sentences

_NAME = r"[A-Z][\w’'\-.]*"
_SOURCE_BEFORE = re.compile(rf"(?:(?:{_NAME}|of|the|and)\s+){{0,6}}{_NAME}\s*,?\s*$")
_PRONOUN_BEFORE = re.compile(r"(?<!\w)(?:he|she|they|He|She|They)\s+$")
_SOURCE_AFTER = re.compile(
    rf"^\s+(?:(?:the|a|an|official|state|Ukrainian|Russian|Western)\s+)*"
    rf"{_NAME}(?:[ \t]+(?:{_NAME}|of|the|and|in|for)(?=[ \t]+{_NAME}|$|[ \t,.])){{0,8}}(?:[ \t]+{_NAME})?"
)
QUOTE_CHARS = "“”„\"«»"
SOURCE_AFTER_ONLY = ("according to", "in an interview with")


@dataclass(frozen=True)
class Suggestion:
    label: str
    start: int
    end: int
    reason: str


def suggest(text: str, rejected: set[tuple[str, int, int]] = frozenset()) -> list[Suggestion]:
    """Suggestions for a whole text, in text order, without the ``rejected`` (label, start, end)."""
    found: list[Suggestion] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        if paragraph.strip():
            found.extend(_paragraph(text, start, end))
    unique = {(s.label, s.start, s.end): s for s in found}
    return sorted(
        (s for key, s in unique.items() if key not in rejected), key=lambda s: (s.start, s.end, s.label)
    )


def suggest_range(text: str, start: int, end: int) -> list[Suggestion]:
    """Suggestions within one paragraph (or block) ``[start, end)``: what the reader asks for
    the part on screen, so the cost never grows with the document."""
    if not text[start:end].strip():
        return []
    return sorted(set(_paragraph(text, start, end)), key=lambda s: (s.start, s.end, s.label))


def _paragraph(text: str, start: int, end: int) -> list[Suggestion]:
    cues = cue_spans(text[start:end], start)
    found = [s for s in (_attribution(text, start, end, c) for c in cues if c[2] == "cue") if s]
    for s_start, s_end in sentences(text, start, end):
        inside = [c for c in cues if s_start <= c[0] < s_end]
        quotes = [c for c in inside if c[2] == "quote" and len(text[c[0]:c[1]].split()) >= 4]
        for q_start, q_end, _ in quotes:
            q_start, q_end = q_start + 1, q_end - 1
            while q_end > q_start and text[q_end - 1] in ",.;: " + QUOTE_CHARS:
                q_end -= 1
            if q_end > q_start:
                found.append(Suggestion("claim", q_start, q_end, "quotation"))
        if not quotes:
            kinds = {c[2] for c in inside}
            reason = "figure" if "number" in kinds else "date" if "date" in kinds else "reported" if "cue" in kinds else ""
            if reason:
                found.append(Suggestion("claim", s_start, s_end, reason))
    return found


def _attribution(text: str, start: int, end: int, cue: tuple[int, int, str]) -> Suggestion | None:
    c_start, c_end, _ = cue
    before = text[max(start, c_start - 120):c_start]
    after_only = text[c_start:c_end].lower() in SOURCE_AFTER_ONLY
    match = None if after_only else (_SOURCE_BEFORE.search(before) or _PRONOUN_BEFORE.search(before))
    source = before[match.start():].strip() if match else ""
    if match and not source.startswith(tuple(QUOTE_CHARS)) and ". " not in source and not source.endswith((".", ",")):
        return Suggestion("attribution", c_start - len(before) + match.start(), c_end, "cue with source before")
    after = _SOURCE_AFTER.match(text, c_end, min(end, c_end + 120))
    if after:
        return Suggestion("attribution", c_start, after.end(), "cue with source after")
    return None


Item = tuple[str, int, int, int]  # (label, document id, start, end)


def evaluate(gold: list[Item], predicted: list[Item]) -> dict:
    """Precision, recall and F1 per label and overall, by exact span and by overlap.

    Exact: same label, document, start and end. Overlap: a prediction counts when it
    shares a character with a gold span of its label in its document (precision); a
    gold span counts when a prediction of its label overlaps it (recall).
    """
    labels = sorted({g[0] for g in gold} | {p[0] for p in predicted})
    result = {label: _scores([g for g in gold if g[0] == label], [p for p in predicted if p[0] == label])
              for label in labels}
    result["overall"] = _scores(gold, predicted)
    return result


def _scores(gold: list, predicted: list) -> dict:
    def overlaps(a: Item, b: Item) -> bool:
        return a[:2] == b[:2] and a[2] < b[3] and b[2] < a[3]

    exact_hits = len(set(gold) & set(predicted))
    p_overlap = sum(any(overlaps(p, g) for g in gold) for p in predicted)
    r_overlap = sum(any(overlaps(g, p) for p in predicted) for g in gold)
    scores = {"gold": len(gold), "predicted": len(predicted)}
    for name, tp_p, tp_r in (("exact", exact_hits, exact_hits), ("overlap", p_overlap, r_overlap)):
        precision = tp_p / len(predicted) if predicted else 0.0
        recall = tp_r / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[name] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    return scores
