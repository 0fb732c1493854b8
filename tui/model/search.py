"""Corpus search, the pure part: a user's words -> an FTS5 query, and where they occur in a text.

The words are matched as a phrase, case-insensitively and across any run of white
space (a line break inside the phrase included), so that "40 percent of Russia"
finds the sentence however it is wrapped. Offsets are code points over the stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SNIPPET = 40  # code points of context each side of a hit


@dataclass(frozen=True)
class Hit:
    document_id: int
    start: int
    end: int
    snippet: str  # display-safe, one line, the hit between ⟦ and ⟧
    annotation_id: str | None = None
    label: str | None = None
    rank: float = 0.0


def words(query: str) -> list[str]:
    return query.split()


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for the words as one phrase: each token quoted, so that
    FTS5's own syntax (AND, NEAR, *, ^, column filters) in a document's words is inert."""
    return '"' + " ".join(w.replace('"', '""') for w in words(query)) + '"'


def pattern(query: str) -> re.Pattern:
    """The phrase as a regular expression: the words in order, any white space between."""
    return re.compile(r"\s+".join(re.escape(w) for w in words(query)), re.IGNORECASE)


def find(text: str, query: str, limit: int = 1000) -> list[tuple[int, int]]:
    """Every (start, end) of the phrase in ``text``, in order, up to ``limit``."""
    found = []
    for match in pattern(query).finditer(text):
        found.append((match.start(), match.end()))
        if len(found) >= limit:
            break
    return found


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> str:
    """The hit in its context on one line, made safe for a terminal, marked ⟦...⟧."""
    from .text import safe_for_display

    def flat(piece: str) -> str:
        return safe_for_display(" ".join(piece.split(" ")).replace("\n", " "))

    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return ("…" if start > width else "") + flat(before) + "⟦" + flat(text[start:end]) + "⟧" + flat(after) + (
        "…" if end + width < len(text) else "")
