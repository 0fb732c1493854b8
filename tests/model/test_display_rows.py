"""Control pictures on every kind of row: no control character of a document ever reaches
the terminal, and each code point stays one entry, so offsets on screen are offsets in
the text (README, "Untrusted text")."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.model.layout import MAX_BLOCK, TAB_SIZE, Layout, char_cells, display_char, row_glyphs
from tui.model.text import DISPLAY_TABLE

CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def test_the_table_maps_every_control_to_one_harmless_cell():
    assert sorted(DISPLAY_TABLE) == sorted(map(ord, CONTROLS))
    for ch in CONTROLS:
        picture = DISPLAY_TABLE[ord(ch)]
        assert len(picture) == 1 and not _is_control(picture) and cell_len(picture) == 1, hex(ord(ch))
    assert DISPLAY_TABLE[0x1B] == "␛" and DISPLAY_TABLE[0x07] == "␇" and DISPLAY_TABLE[0x7F] == "␡"
    assert DISPLAY_TABLE[0x00] == "␀" and DISPLAY_TABLE[0x1F] == "␟"
    assert {DISPLAY_TABLE[c] for c in range(0x80, 0xA0)} == {"\ufffd"}


@pytest.mark.parametrize("ch", CONTROLS[:9] + CONTROLS[10:], ids=lambda ch: f"U+{ord(ch):04X}")  # all but the tab
def test_display_char_draws_a_control_as_its_picture_in_one_cell(ch):
    assert char_cells(ch, 0) == 1 and char_cells(ch, 3) == 1
    assert display_char(ch, 1) == DISPLAY_TABLE[ord(ch)]


def test_display_char_draws_a_tab_as_spaces_to_the_next_stop_and_leaves_text_alone():
    assert [char_cells("\t", x) for x in range(6)] == [4, 3, 2, 1, 4, 3]
    assert display_char("\t", 3) == "   "
    for ch in ("a", " ", "中", "😀", "\u0301", "\u2028", "\u00a0"):
        assert display_char(ch, cell_len(ch)) == ch


# One line of each kind, each with controls in it: no tab, tabs, wide characters, a line cut
# at MAX_BLOCK (its cut falls in the middle of controls), and a last line without a newline.
LONG = ("word\x1b[2J " * (MAX_BLOCK // 5 + 40)).rstrip()
TEXT = (
    "plain\x1b[31mred\x07 bell\x7f del\x9b csi\x00nul\n"
    "tab\there\t\x1b\tand\x85next\n"
    "中文\x1b漢字😀\x08wide\x90\n"
    f"{LONG}\n"
    "last\x1b]0;title\x07"
)


def _row_kinds(layout: Layout):
    """Every row with the kinds it belongs to."""
    for block in range(layout.block_count):
        rows = layout.rows(block)
        for index, row in enumerate(rows):
            chunk = layout.text[row.start:row.end]
            kinds = {"tab" if "\t" in chunk else "no tab"}
            if any(cell_len(ch) == 2 for ch in chunk):
                kinds.add("wide")
            if row.last:
                kinds.add("last row of a block")
            if block == layout.block_count - 1 and index == len(rows) - 1:
                kinds.add("last row of the text")
            if index:
                kinds.add("wrapped")
            if layout.ends[block] - layout.starts[block] > 0 and (
                    layout.ends[block] < len(layout.text) and layout.text[layout.ends[block]] != "\n"):
                kinds.add("cut at MAX_BLOCK")
            yield kinds, row


def _assert_row_is_safe(layout: Layout, row) -> None:
    glyphs = row_glyphs(layout.text, row)
    assert len(glyphs) == row.end - row.start  # one entry per code point: offsets stay exact
    drawn = "".join(glyphs)
    assert not any(_is_control(ch) for ch in drawn), repr(drawn)
    x = 0
    for offset, glyph in zip(range(row.start, row.end), glyphs):
        ch = layout.text[offset]
        cells = char_cells(ch, x)
        if ch == "\t":
            assert glyph == " " * cells and (x + cells) % TAB_SIZE == 0
        elif ch in CONTROLS:
            assert glyph == DISPLAY_TABLE[ord(ch)]
        else:
            assert glyph == ch
        x += cells
    # What is drawn takes exactly the cells the layout reserved for it.
    assert cell_len(drawn) == layout.cells_between(row.start, row.end)


@pytest.mark.parametrize("width", [7, 20, 80, 5000])
def test_every_row_kind_draws_controls_as_pictures(width):
    layout = Layout(TEXT, width)
    seen: set[str] = set()
    for kinds, row in _row_kinds(layout):
        seen |= kinds
        _assert_row_is_safe(layout, row)
    expected = {"no tab", "tab", "wide", "last row of a block", "last row of the text", "cut at MAX_BLOCK"}
    assert expected <= seen
    if width < 80:
        assert "wrapped" in seen


def test_a_block_cut_at_max_block_keeps_its_controls_on_both_sides_of_the_cut():
    layout = Layout(TEXT, 80)
    line = TEXT.index(LONG)
    cut_blocks = [b for b in range(layout.block_count) if line <= layout.starts[b] < line + len(LONG)]
    assert len(cut_blocks) >= 2
    for block in cut_blocks:
        drawn = "".join("".join(row_glyphs(TEXT, row)) for row in layout.rows(block))
        assert "␛" in drawn and "\x1b" not in drawn


PIECES = st.sampled_from(["word", " ", "\t", "中", "😀", "e\u0301", "\n", *CONTROLS[:9], *CONTROLS[11:40]])


@settings(max_examples=150, deadline=None)
@given(text=st.lists(PIECES, max_size=120).map("".join), width=st.integers(1, 30))
def test_no_row_of_any_text_draws_a_control_character(text, width):
    layout = Layout(text, width)
    for block in range(layout.block_count):
        for row in layout.rows(block):
            _assert_row_is_safe(layout, row)
