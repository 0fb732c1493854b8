"""Soft-wrapped layout of a document, computed only for the part on screen.

The text is cut into *blocks*: its lines, with any line longer than ``MAX_BLOCK``
cut again (at a space when there is one), so that no single piece of layout work
grows with the document. Blocks are wrapped into *rows* on demand, with a cache, and
a position on screen is a (block, row) pair. Offsets everywhere are code points of
the stored text; a cell is a terminal column.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import OrderedDict
from itertools import accumulate
from operator import add
from typing import NamedTuple

from rich.cells import get_character_cell_size

from .text import DISPLAY_TABLE

MAX_BLOCK = 4096
TAB_SIZE = 4


class RowPos(NamedTuple):
    block: int
    row: int


class Row(NamedTuple):
    start: int
    end: int
    last: bool  # the last row of its block: the block's end position (a newline) belongs to it


def char_cells(ch: str, x: int) -> int:
    """Cells that ``ch`` takes when it starts at column ``x`` of a row."""
    if ch == "\t":
        return TAB_SIZE - x % TAB_SIZE
    if ch in DISPLAY_TABLE_CHARS:
        return 1  # shown as a one-cell control picture
    return get_character_cell_size(ch)


DISPLAY_TABLE_CHARS = frozenset(chr(code) for code in DISPLAY_TABLE)


def display_char(ch: str, cells: int) -> str:
    """What is drawn for ``ch``: tabs as spaces, controls as their control pictures."""
    if ch == "\t":
        return " " * cells
    return DISPLAY_TABLE.get(ord(ch), ch)


def row_glyphs(text: str, row: Row) -> str | list[str]:
    """What each code point of ``row`` looks like on screen, one entry per code point.

    Controls become their one-cell pictures and tabs the spaces up to the next stop, so
    a row never sends a control character to the terminal and offsets stay exact. A row
    without a tab is one ``str.translate`` (C speed); tabs need the column, so a list.
    """
    chunk = text[row.start:row.end]
    if "\t" not in chunk:
        return chunk.translate(DISPLAY_TABLE)
    shown, x = [], 0
    for ch in chunk:
        cells = char_cells(ch, x)
        shown.append(display_char(ch, cells))
        x += cells
    return shown


class Layout:
    """Blocks of a text and their wrapped rows at one width."""

    def __init__(self, text: str, width: int = 80, cache_size: int = 4096,
                 blocks: tuple[array, array] | None = None) -> None:
        """``blocks``: the (starts, ends) of :func:`block_index`, if already known (the store
        keeps them, so a 50 MB document opens without indexing it again)."""
        self.text = text
        self.width = max(1, width)
        self._cache: OrderedDict[int, list[Row]] = OrderedDict()
        self._cache_size = cache_size
        self.starts, self.ends = blocks if blocks is not None else block_index(text)

    # Blocks ---------------------------------------------------------------------
    @property
    def block_count(self) -> int:
        return len(self.starts)

    @property
    def max_offset(self) -> int:
        """The last place the cursor may stand (a final newline is not a line of its own)."""
        return self.ends[-1]

    def block_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def set_width(self, width: int) -> None:
        width = max(1, width)
        if width != self.width:
            self.width = width
            self._cache.clear()

    # Rows -------------------------------------------------------------------------
    def rows(self, block: int) -> list[Row]:
        rows = self._cache.get(block)
        if rows is None:
            rows = self._wrap(block)
            self._cache[block] = rows
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return rows

    def row(self, pos: RowPos) -> Row:
        return self.rows(pos.block)[pos.row]

    def _wrap(self, block: int) -> list[Row]:
        text, width = self.text, self.width
        start, end = self.starts[block], self.ends[block]
        rows: list[Row] = []
        row_start, x, last_space = start, 0, -1
        i = start
        while i < end:
            ch = text[i]
            cells = char_cells(ch, x)
            if x + cells > width and i > row_start:
                cut = last_space if last_space > row_start else i
                rows.append(Row(row_start, cut, False))
                row_start, last_space = cut, -1
                x = self.cells_between(row_start, i)
                continue
            x += cells
            if ch == " " or ch == "\t":
                last_space = i + 1
            i += 1
        rows.append(Row(row_start, end, True))
        return rows

    def cells_between(self, row_start: int, offset: int) -> int:
        """Column at which ``offset`` is drawn in the row starting at ``row_start``."""
        x = 0
        for ch in self.text[row_start:offset]:
            x += char_cells(ch, x)
        return x

    def next_row(self, pos: RowPos) -> RowPos | None:
        if pos.row + 1 < len(self.rows(pos.block)):
            return RowPos(pos.block, pos.row + 1)
        if pos.block + 1 < self.block_count:
            return RowPos(pos.block + 1, 0)
        return None

    def previous_row(self, pos: RowPos) -> RowPos | None:
        if pos.row > 0:
            return RowPos(pos.block, pos.row - 1)
        if pos.block > 0:
            return RowPos(pos.block - 1, len(self.rows(pos.block - 1)) - 1)
        return None

    def walk(self, pos: RowPos, count: int) -> RowPos:
        """Move ``count`` rows down (negative: up), stopping at either end."""
        step = self.next_row if count > 0 else self.previous_row
        for _ in range(abs(count)):
            moved = step(pos)
            if moved is None:
                break
            pos = moved
        return pos

    def pos_of(self, offset: int) -> RowPos:
        """The row on which ``offset`` is drawn."""
        block = self.block_of(offset)
        rows = self.rows(block)
        index = 0
        for index in range(len(rows) - 1, -1, -1):
            if rows[index].start <= offset:
                break
        return RowPos(block, index)

    def offset_at(self, pos: RowPos, x: int) -> int:
        """The offset drawn at column ``x`` of a row (its end, if ``x`` is past it)."""
        row = self.row(pos)
        cells = 0
        for offset in range(row.start, row.end):
            cells += char_cells(self.text[offset], cells)
            if cells > x:
                return offset
        if row.last or row.end == row.start:
            return row.end
        return row.end - 1

    def rows_from(self, top: RowPos, count: int) -> list[tuple[RowPos, Row]]:
        """``count`` rows starting at ``top`` (fewer at the end of the text)."""
        found = []
        pos: RowPos | None = top
        while pos is not None and len(found) < count:
            found.append((pos, self.row(pos)))
            pos = self.next_row(pos)
        return found


def block_index(text: str) -> tuple[array, array]:
    """Start and end offsets of every block (ends exclude the newline).

    Line lengths come from ``str.split`` and ``accumulate`` (C speed: about 0.15 s for
    50 MB); only lines longer than ``MAX_BLOCK`` are cut again, in Python.
    """
    lengths = list(map(len, text.split("\n")))
    if text.endswith("\n") and len(lengths) > 1:
        lengths.pop()  # a final newline does not start a line of its own
    # map/accumulate with built-in functions keep the loop in C.
    start_list = list(accumulate(map((1).__add__, lengths[:-1]), initial=0))
    starts = array("q", start_list)
    ends = array("q", list(map(add, start_list, lengths)))
    if max(lengths, default=0) <= MAX_BLOCK:
        return starts, ends
    cut_starts, cut_ends = array("q"), array("q")
    for start, end in zip(starts, ends):
        _add_line(text, start, end, cut_starts, cut_ends)
    return cut_starts, cut_ends


def _add_line(text: str, start: int, end: int, starts: array, ends: array) -> None:
    while end - start > MAX_BLOCK:
        cut = text.rfind(" ", start + MAX_BLOCK // 2, start + MAX_BLOCK)
        cut = cut + 1 if cut >= 0 else start + MAX_BLOCK
        starts.append(start)
        ends.append(cut)
        start = cut
    starts.append(start)
    ends.append(end)
