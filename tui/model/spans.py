"""A sorted index of a document's annotations, for looking up the ones in view."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .entities import Annotation


class SpanIndex:
    """Annotations of one document sorted by start, for window queries by bisect.

    ``overlapping(a, b)`` looks only at spans starting in ``[a - longest, b)``, so its
    cost follows what is on screen, not how many annotations the document has.
    """

    def __init__(self, annotations: list[Annotation] | None = None) -> None:
        self.reset(annotations or [])

    def reset(self, annotations: list[Annotation]) -> None:
        self._items = sorted(annotations, key=lambda a: (a.start, a.end, a.id))
        self._starts = [a.start for a in self._items]
        self._longest = max((a.end - a.start for a in self._items), default=0)
        self._by_id = {a.id: a for a in self._items}

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def add(self, annotation: Annotation) -> None:
        key = (annotation.start, annotation.end, annotation.id)
        lo = bisect_left(self._starts, annotation.start)
        hi = bisect_right(self._starts, annotation.start)
        while lo < hi and (self._items[lo].start, self._items[lo].end, self._items[lo].id) < key:
            lo += 1
        self._items.insert(lo, annotation)
        self._starts.insert(lo, annotation.start)
        self._longest = max(self._longest, annotation.end - annotation.start)
        self._by_id[annotation.id] = annotation

    def remove(self, annotation_id: str) -> Annotation | None:
        item = self._by_id.pop(annotation_id, None)
        if item is not None:
            index = bisect_left(self._starts, item.start)
            while self._items[index] is not item:
                index += 1
            del self._items[index]
            del self._starts[index]
        return item

    def get(self, annotation_id: str) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Annotations that share at least one code point with ``[start, end)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [a for a in self._items[lo:hi] if a.end > start]

    def at(self, offset: int) -> list[Annotation]:
        """Annotations covering ``offset``, innermost (shortest) first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda a: a.end - a.start)

    def next_after(self, offset: int) -> Annotation | None:
        index = bisect_right(self._starts, offset)
        return self._items[index] if index < len(self._items) else None

    def previous_before(self, offset: int) -> Annotation | None:
        index = bisect_left(self._starts, offset) - 1
        return self._items[index] if index >= 0 else None
