"""Reading annotations back: our JSON Lines (and, through ``records``, any parsed format).

Idempotent by id: a record already in the database is left alone unless it is newer.
A span whose offsets no longer fit its document's text is re-found by its quote and
context; one that cannot be found is refused, never stored wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model.anchoring import find_occurrences


class ImportError_(Exception):
    """A file that cannot be read as annotations."""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reanchored: int = 0
    links_added: int = 0
    refused: list[str] = field(default_factory=list)


def read_jsonl(lines: Iterable[str]) -> list[dict]:
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportError_(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise ImportError_(f"line {number}: not a JSON object")
        records.append(record)
    return records


def locate(text: str, record: dict) -> tuple[int, int] | None:
    """Where the record's span is in ``text``: its offsets if they still fit, else the
    occurrence of its quote whose prefix and suffix agree best, else None."""
    exact = record.get("exact") or ""
    start, end = record.get("start"), record.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) and text[start:end] == exact:
        return start, end
    hits = find_occurrences(text, exact)
    if not hits:
        return None
    prefix, suffix = record.get("prefix") or "", record.get("suffix") or ""

    def agreement(hit: int) -> tuple[int, int]:
        before = text[max(0, hit - len(prefix)):hit]
        after = text[hit + len(exact):hit + len(exact) + len(suffix)]
        context = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        closeness = -abs(hit - start) if isinstance(start, int) else 0
        return context, closeness

    best = max(hits, key=agreement)
    if len(hits) > 1 and agreement(best)[0] == 0:
        return None  # several places and no context to choose: refuse rather than guess
    return best, best + len(exact)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
