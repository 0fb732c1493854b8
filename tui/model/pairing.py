"""Pairing claims across two articles: fuzzy candidates (rapidfuzz) and word-level differences."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

_TOKENS = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    score: float
    annotation_id: str | None  # set when the candidate is an existing claim


def candidates(query: str, pool: list[tuple[int, int, str, str | None]], limit: int = 5) -> list[Candidate]:
    """The ``limit`` spans of ``pool`` (start, end, text, annotation id) closest to ``query``.

    Scored with rapidfuzz's token-set ratio after its default normalisation (case,
    punctuation), which is robust to reordering and to one side saying more.
    """
    choices = [text for _, _, text, _ in pool]
    found = process.extract(query, choices, scorer=fuzz.token_set_ratio, processor=utils.default_process,
                            limit=limit)
    return [Candidate(pool[i][0], pool[i][1], pool[i][2], round(score, 1), pool[i][3]) for _, score, i in found]


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-by-word differences: (``"="`` | ``"-"`` | ``"+"``, words)."""
    left, right = _TOKENS.findall(a), _TOKENS.findall(b)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("=", " ".join(left[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(("-", " ".join(left[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("+", " ".join(right[j1:j2])))
    return parts
