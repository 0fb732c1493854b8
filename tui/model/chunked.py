"""A document's text read a chunk at a time, so that a window of it costs the window.

The store keeps each text twice: whole (``documents.text``, what exports and the model
read) and cut into chunks of ``CHUNK_CHARS`` code points with their offsets, so the
reader can draw its first screen from the first chunk of a 200 MB document. Pure: the
chunks come from a callable, the store's business.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence

# 64 Ki code points: one chunk row reads in ~0.2 ms, and SQLite's `substr()` on the
# whole TEXT value reads all of it (0.5 s for 200 MB), so chunk rows beat it by far.
CHUNK_CHARS = 1 << 16


def chunk_spans(length: int, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` of each chunk of a text of ``length`` code points (one empty chunk if empty)."""
    if length == 0:
        return [(0, 0)]
    return [(start, min(length, start + size)) for start in range(0, length, size)]


class ChunkedText:
    """The slice of a text that ``str`` offers (``len``, ``text[i]``, ``text[a:b]``), read by chunk.

    ``starts`` are the code-point offsets where chunks begin (the first is 0), and
    ``read_chunk(number)`` returns chunk ``number``'s text. The last ``cache_size`` chunks
    read are kept. Regular expressions need a real ``str``: search the whole text once
    it is loaded, or a :meth:`slice` of it.
    """

    def __init__(self, length: int, starts: Sequence[int], read_chunk: Callable[[int], str],
                 cache_size: int = 64) -> None:
        if not starts or starts[0] != 0:
            raise ValueError("chunk starts must begin at 0")
        self.length = length
        self.starts = list(starts)
        self._read_chunk = read_chunk
        self._cache: OrderedDict[int, str] = OrderedDict()
        self._cache_size = max(1, cache_size)

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"ChunkedText(length={self.length}, chunks={len(self.starts)})"

    def chunk(self, number: int) -> str:
        text = self._cache.get(number)
        if text is None:
            text = self._read_chunk(number)
            self._cache[number] = text
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(number)
        return text

    def chunk_of(self, offset: int) -> int:
        """The number of the chunk holding ``offset`` (the last chunk for the end of the text)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def slice(self, start: int, end: int) -> str:
        """``text[start:end]`` for 0 <= start <= end <= len, reading only the chunks it covers."""
        start, end = max(0, start), min(self.length, end)
        if start >= end:
            return ""
        first, last = self.chunk_of(start), self.chunk_of(end - 1)
        if first == last:
            base = self.starts[first]
            return self.chunk(first)[start - base : end - base]
        pieces = [self.chunk(first)[start - self.starts[first]:]]
        pieces += [self.chunk(number) for number in range(first + 1, last)]
        pieces.append(self.chunk(last)[: end - self.starts[last]])
        return "".join(pieces)

    def __getitem__(self, key: int | slice) -> str:
        if isinstance(key, slice):
            start, stop, step = key.indices(self.length)
            if step != 1:
                return "".join(self[i] for i in range(start, stop, step))
            return self.slice(start, stop)
        index = key + self.length if key < 0 else key
        if not 0 <= index < self.length:
            raise IndexError("ChunkedText index out of range")
        number = self.chunk_of(index)
        return self.chunk(number)[index - self.starts[number]]

    def __iter__(self):
        for number in range(len(self.starts)):
            yield from self.chunk(number)

    def __str__(self) -> str:
        return self.slice(0, self.length)
