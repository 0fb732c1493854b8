"""Adjudication: two annotators' versions of one document as a list of differences.

Each of A's and B's annotations lands in exactly one row, in text order:
``same`` (span and label agree), ``label differs`` (same span), ``boundary differs``
(same label, overlapping spans), ``only A`` / ``only B`` (nothing of the other's fits).
Matching is greedy and deterministic: exact agreements first, then same spans, then the
largest overlaps, ties by position. Pure: annotations in, rows out.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from .entities import Annotation

SAME = "same"
LABEL_DIFFERS = "label differs"
BOUNDARY_DIFFERS = "boundary differs"
ONLY_A = "only A"
ONLY_B = "only B"
KINDS = (ONLY_A, ONLY_B, BOUNDARY_DIFFERS, LABEL_DIFFERS, SAME)


@dataclass(frozen=True)
class Difference:
    kind: str
    a: Annotation | None
    b: Annotation | None

    @property
    def start(self) -> int:
        return min(x.start for x in (self.a, self.b) if x is not None)

    @property
    def end(self) -> int:
        return max(x.end for x in (self.a, self.b) if x is not None)

    def side(self, which: str) -> Annotation | None:
        return self.a if which == "A" else self.b

    def resolved_by(self, mine: Iterable[Annotation]) -> str:
        """"A", "B" or "both" when the adjudicator has an annotation with that side's span
        and label, "" when neither."""
        have = {(m.start, m.end, m.label) for m in mine}
        sides = [name for name, x in (("A", self.a), ("B", self.b))
                 if x is not None and (x.start, x.end, x.label) in have]
        return "both" if len(sides) == 2 else sides[0] if sides else ""


def differences(a: Iterable[Annotation], b: Iterable[Annotation]) -> list[Difference]:
    """A's and B's annotations of one document, paired into rows, in text order."""
    left = sorted(a, key=_order)
    right = sorted(b, key=_order)
    rows: list[Difference] = []
    used_a: set[int] = set()
    used_b: set[int] = set()

    def pair(kind: str, key) -> None:
        waiting: dict = {}
        for j, y in enumerate(right):
            if j not in used_b:
                waiting.setdefault(key(y), []).append(j)
        for i, x in enumerate(left):
            if i in used_a:
                continue
            found = waiting.get(key(x))
            if found:
                j = found.pop(0)
                used_a.add(i)
                used_b.add(j)
                rows.append(Difference(kind, x, right[j]))

    pair(SAME, lambda x: (x.start, x.end, x.label))
    pair(LABEL_DIFFERS, lambda x: (x.start, x.end))

    # Overlaps of the same label, largest first.
    starts = [y.start for y in right]
    overlaps = []
    for i, x in enumerate(left):
        if i in used_a:
            continue
        for j in range(bisect.bisect_left(starts, x.end) - 1, -1, -1):
            y = right[j]
            if j in used_b or y.label != x.label or y.end <= x.start:
                continue
            overlaps.append((-(min(x.end, y.end) - max(x.start, y.start)), x.start, y.start, i, j))
    for _, _, _, i, j in sorted(overlaps):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            rows.append(Difference(BOUNDARY_DIFFERS, left[i], right[j]))

    rows += [Difference(ONLY_A, x, None) for i, x in enumerate(left) if i not in used_a]
    rows += [Difference(ONLY_B, None, y) for j, y in enumerate(right) if j not in used_b]
    rows.sort(key=lambda d: (d.start, d.end, KINDS.index(d.kind), (d.a or d.b).id))
    return rows


def _order(annotation: Annotation) -> tuple:
    return annotation.start, annotation.end, annotation.label, annotation.id
