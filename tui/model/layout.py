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

import regex
from rich.cells import cell_len, get_character_cell_size

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


_CLUSTER = regex.compile(r"\X", regex.DOTALL)


def cluster_widths(text: str, start: int, end: int) -> list[int] | None:
    """Cells of each code point of ``text[start:end]`` when clusters are drawn whole: a
    cluster's first code point carries its width ("👨‍👩‍👧‍👦" is 2 cells, as the terminal and
    Rich draw it, not 4 × 2), the others 0. None when every code point is its own cluster
    and ``char_cells`` alone is right (the common, fast case)."""
    chunk = text[start:end]
    if not chunk or chunk.isascii() or max(chunk) < "\u0300":
        return None
    widths = []
    for match in _CLUSTER.finditer(chunk):
        cluster = match.group()
        if len(cluster) == 1:
            widths.append(-1)  # a lone code point: char_cells decides (tabs, controls)
        else:
            widths.append(cell_len(cluster))
            widths.extend([0] * (len(cluster) - 1))
    return widths


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
        self._levels: dict[int, tuple] = {}  # block -> (paragraph level, levels) or () when all LTR
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

    # Right-to-left rows ------------------------------------------------------------
    def row_units(self, pos: RowPos) -> list[tuple[int, int, int]] | None:
        """The row's clusters in visual order, or None when its paragraph is all
        left-to-right (then logical order is visual order: the fast, common case)."""
        block = pos.block
        levels = self._levels.get(block)
        if levels is None:
            start, end = self.starts[block], self.ends[block]
            levels = bidi_levels(self.text, start, end) if has_rtl(self.text, start, end) else ()
            self._levels[block] = levels
            if len(self._levels) > 512:
                self._levels.pop(next(iter(self._levels)))
        if not levels:
            return None
        row = self.row(pos)
        return visual_units(self.text, row.start, row.end, levels[0], levels[1], self.starts[block])

    def unit_cells(self, unit: tuple[int, int, int], x: int) -> int:
        start, end, _level = unit
        if end - start == 1:
            return char_cells(self.text[start], x)
        return cell_len(self.text[start:end])

    def right_to_left(self, pos: RowPos) -> bool:
        """Whether the row's paragraph runs right to left (its first strong character is RTL)."""
        self.row_units(pos)  # computes the paragraph's levels once
        levels = self._levels.get(pos.block)
        return bool(levels) and levels[0] == 1

    def placed_units(self, pos: RowPos) -> tuple[list[tuple[int, int, int, int]], int] | None:
        """Where a right-to-left row's clusters are drawn: ``(start, end, level, x)`` left to
        right, and the column of the row's end (where the cursor stands past its last
        character). A right-to-left paragraph is right-aligned and its end is at the left,
        as its reader expects. None for a left-to-right paragraph."""
        units = self.row_units(pos)
        if units is None:
            return None
        row = self.row(pos)
        widths, x = [], 0
        for unit in units:
            widths.append(self.unit_cells(unit, x))
            x += widths[-1]
        if self._levels[pos.block][0] == 1:
            end_x = max(0, self.width - x - (1 if row.last else 0))
            x = end_x + (1 if row.last else 0)
        else:
            end_x, x = x, 0
        placed = []
        for unit, width in zip(units, widths):
            placed.append((unit[0], unit[1], unit[2], x))
            x += width
        return placed, end_x

    def column_of(self, pos: RowPos, offset: int) -> int:
        """The screen column (from the row's left edge) at which ``offset`` is drawn."""
        placed = self.placed_units(pos)
        if placed is None:
            return self.cells_between(self.row(pos).start, offset)
        units, end_x = placed
        for start, end, _level, x in units:
            if start <= offset < end:
                return x
        return end_x  # the row's end

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
        widths = cluster_widths(text, start, end)
        i = start
        while i < end:
            ch = text[i]
            cells = char_cells(ch, x) if widths is None or widths[i - start] < 0 else widths[i - start]
            if x + cells > width and i > row_start:
                cut = last_space if last_space > row_start else i
                while widths is not None and cut > row_start + 1 and widths[cut - start] == 0:
                    cut -= 1  # never cut a cluster across two rows
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
        widths = cluster_widths(self.text, row_start, offset)
        for i, ch in enumerate(self.text[row_start:offset]):
            x += char_cells(ch, x) if widths is None or widths[i] < 0 else widths[i]
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
        if self.row_units(pos) is not None:
            return self._offset_at_visual(pos, x)
        row = self.row(pos)
        cells = 0
        widths = cluster_widths(self.text, row.start, row.end)
        last_start = row.start
        for offset in range(row.start, row.end):
            width = widths[offset - row.start] if widths is not None else -1
            if width != 0:
                last_start = offset  # the cluster this offset belongs to starts here
            cells += char_cells(self.text[offset], cells) if width < 0 else width
            if cells > x:
                return last_start
        if row.last or row.end == row.start:
            return row.end
        return last_start  # the row's last character (whole), not the next row's first

    def _offset_at_visual(self, pos: RowPos, x: int) -> int:
        row = self.row(pos)
        units, end_x = self.placed_units(pos)
        for start, end, level, left in units:
            if left <= x < left + self.unit_cells((start, end, level), left):
                return start
        if row.last and (x == end_x or row.end == row.start or not units):
            return row.end
        if not units:
            return row.end
        before = x < units[0][3]
        if self._levels[pos.block][0] == 1:  # right to left: the left margin is the row's logical end
            return row.end if before and row.last else units[0 if before else -1][0]
        return row.end if row.last and not before else units[0 if before else -1][0]

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


# Right-to-left text ----------------------------------------------------------------
# Arabic and Hebrew are stored in logical order (the order they are read) and must be
# drawn in visual order, or a terminal shows them backwards. Each paragraph's embedding
# levels come from the Unicode Bidirectional Algorithm (UAX #9, python-bidi's reference
# implementation); each row is then reordered on its own (rules L1 and L2), whole grapheme
# clusters at a time so that marks stay on their letters. Offsets stay logical: the view
# maps a visual column to a logical offset and back through the row's units.

_RTL = regex.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067"
                     r"\U00010800-\U00010fff\U0001e800-\U0001efff]")
_BIDI_SEPARATORS = frozenset("\t\x0b\x1f")  # bidi class S: back to the paragraph level (L1)


def has_rtl(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` has a right-to-left character (most text has none)."""
    return _RTL.search(text, start, len(text) if end is None else end) is not None


def bidi_levels(text: str, start: int, end: int) -> tuple[int, list[int]]:
    """The paragraph level (0 LTR, 1 RTL) and the embedding level of each code point of the
    paragraph ``text[start:end]`` (UAX #9 up to I2; characters that X9 removes, such as
    embedding controls and joiners, take the level before them)."""
    from bidi import algorithm as uba

    chunk = text[start:end]
    storage = uba.get_empty_storage()
    base = uba.get_base_level(chunk)
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    uba.get_embedding_levels(chunk, storage)
    for index, char in enumerate(storage["chars"]):
        char["offset"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [-1] * len(chunk)
    for char in storage["chars"]:
        levels[char["offset"]] = char["level"]
    previous = base
    for index, level in enumerate(levels):
        if level < 0:
            levels[index] = previous
        previous = levels[index]
    return base, levels


def visual_units(text: str, start: int, end: int, base: int, levels: list[int],
                 level_start: int) -> list[tuple[int, int, int]]:
    """The row ``text[start:end]`` as grapheme clusters ``(start, end, level)`` in the order
    they are drawn, left to right. ``levels`` are the paragraph's, from ``level_start``."""
    units = []
    for match in _CLUSTER.finditer(text, start, end):
        units.append([match.start(), match.end(), levels[match.start() - level_start]])
    # L1: separators, and white space before them or at the end of the row, take the paragraph level.
    trailing = True
    for unit in reversed(units):
        ch = text[unit[0]]
        if ch in _BIDI_SEPARATORS:
            unit[2], trailing = base, True
        elif trailing and ch.isspace():
            unit[2] = base
        else:
            trailing = False
    # L2: from the highest level down to the lowest odd one, reverse every run at or above it.
    if units:
        highest = max(u[2] for u in units)
        odd = [u[2] for u in units if u[2] % 2]
        for level in range(highest, (min(odd) if odd else highest + 1) - 1, -1):
            index = 0
            while index < len(units):
                if units[index][2] >= level:
                    stop = index
                    while stop < len(units) and units[stop][2] >= level:
                        stop += 1
                    units[index:stop] = units[index:stop][::-1]
                    index = stop
                else:
                    index += 1
    return [(u[0], u[1], u[2]) for u in units]


def mirrored(ch: str) -> str:
    """The mirror image of a bracket or similar drawn right to left (rule L4): "(" for ")"."""
    from bidi.mirror import MIRRORED

    return MIRRORED.get(ch, ch)
