"""Exact rows and columns of the layout on small texts: where rows wrap (spaces, tabs, wide
characters, clusters), how blocks are cut, which row holds an offset, which offset a click
lands on, and where right-to-left rows are drawn (right-aligned, their end at the left)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from bidi import get_display

from tui.model.layout import (
    MAX_BLOCK,
    TAB_SIZE,
    Layout,
    Row,
    RowPos,
    bidi_levels,
    block_index,
    char_cells,
    cluster_widths,
    has_rtl,
    mirrored,
    visual_units,
)

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # 7 code points, 2 cells


def _rows(text: str, width: int) -> list[list[tuple[int, int, bool]]]:
    layout = Layout(text, width)
    return [[tuple(row) for row in layout.rows(block)] for block in range(layout.block_count)]


# Cells -----------------------------------------------------------------------------------------
def test_a_tab_reaches_the_next_stop_and_other_characters_have_their_width():
    assert TAB_SIZE == 4
    assert [char_cells("\t", x) for x in range(6)] == [4, 3, 2, 1, 4, 3]
    assert char_cells("\x1b", 0) == 1 and char_cells("漢", 0) == 2 and char_cells("\u0301", 0) == 0
    assert char_cells("a", 7) == 1


def test_cluster_widths_put_a_clusters_width_on_its_first_code_point():
    text = "ab" + FAMILY + "cd"
    assert cluster_widths(text, 0, len(text)) == [-1, -1, 2, 0, 0, 0, 0, 0, 0, -1, -1]
    assert cluster_widths("e\u0301\t", 0, 3) == [1, 0, -1]
    assert cluster_widths("xe\u0301", 1, 3) == [1, 0]  # only the slice asked for
    # The fast cases: nothing below U+0300 can join a cluster.
    assert cluster_widths("abc", 0, 3) is None
    assert cluster_widths("é\xff", 0, 2) is None
    assert cluster_widths("", 0, 0) is None
    assert cluster_widths("漢字", 0, 2) == [-1, -1]


# Wrapping --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, width, rows", [
    ("aaa bbb ccc\n\nxy", 5, [[(0, 4, False), (4, 8, False), (8, 11, True)], [(12, 12, True)], [(13, 15, True)]]),
    ("abcdefgh", 3, [[(0, 3, False), (3, 6, False), (6, 8, True)]]),  # no space: cut where it is full
    ("abc", 3, [[(0, 3, True)]]),  # exactly full: one row
    ("ab cd", 3, [[(0, 3, False), (3, 5, True)]]),  # the space stays at the end of its row
    ("a bcdef", 4, [[(0, 2, False), (2, 6, False), (6, 7, True)]]),
    ("ab 漢字漢", 5, [[(0, 3, False), (3, 5, False), (5, 6, True)]]),  # a wide character never half fits
    ("a\tb\tc", 4, [[(0, 2, False), (2, 4, False), (4, 5, True)]]),  # a tab breaks like a space
    ("ab" + FAMILY + "cd", 3, [[(0, 2, False), (2, 10, False), (10, 11, True)]]),  # the emoji is not cut
    ("", 5, [[(0, 0, True)]]),
    ("abc", 0, [[(0, 1, False), (1, 2, False), (2, 3, True)]]),  # a width under 1 is 1
])
def test_rows_of_small_texts(text, width, rows):
    assert _rows(text, width) == rows


def test_a_mark_on_a_space_stays_with_its_space_when_a_row_is_cut():
    # " \u0300" is one cluster: the cut goes before the space, not between the space and its mark.
    assert _rows("a \u0300bc", 3) == [[(0, 1, False), (1, 5, True)]]
    assert _rows("ab \u0300cd", 3) == [[(0, 2, False), (2, 6, True)]]


def test_clusters_are_measured_from_their_own_line():
    # The second line wraps as the same line alone: "ab", then the emoji (2 cells) and "c", then "d".
    assert _rows("x\nab" + FAMILY + "cd", 3)[1] == [(2, 4, False), (4, 12, False), (12, 13, True)]
    layout = Layout("ab cd", 3)
    assert layout.column_of(RowPos(0, 1), 4) == 1 and layout.column_of(RowPos(0, 1), 5) == 2


def test_a_right_to_left_row_one_cell_short_of_the_width_starts_at_column_1():
    layout = Layout("שלום", 5)
    assert layout.placed_units(RowPos(0, 0)) == ([(3, 4, 1, 1), (2, 3, 1, 2), (1, 2, 1, 3), (0, 1, 1, 4)], 0)


def test_rows_after_a_cut_count_the_cells_already_carried_over():
    # "abcd efgh" at width 6: "abcd " then "efgh"; the cut row starts at column 0 again.
    assert _rows("abcd efghij", 6) == [[(0, 5, False), (5, 11, True)]]
    assert _rows("ab\tcdefgh", 6) == [[(0, 3, False), (3, 9, True)]]


def test_cells_between_counts_tabs_from_the_rows_start():
    layout = Layout("a\tb\tc" + FAMILY, 80)
    assert layout.cells_between(0, 5) == 9  # a, tab to 4, b, tab to 8, c
    assert layout.cells_between(2, 5) == 5  # from b: b, tab to 4, c
    assert layout.cells_between(0, 12) == 11  # and the family is two cells
    assert layout.cells_between(3, 3) == 0


def test_set_width_rewraps_and_keeps_a_width_of_at_least_one():
    layout = Layout("aaa bbb", 3)
    assert [tuple(r) for r in layout.rows(0)] == [(0, 3, False), (3, 4, False), (4, 7, True)]
    layout.set_width(7)
    assert layout.width == 7 and [tuple(r) for r in layout.rows(0)] == [(0, 7, True)]
    layout.set_width(7)
    assert [tuple(r) for r in layout.rows(0)] == [(0, 7, True)]
    layout.set_width(0)
    assert layout.width == 1 and len(layout.rows(0)) == 7
    assert Layout("x", -5).width == 1
    assert Layout("x").width == 80  # without a width: the classic terminal's 80 columns


def test_a_small_cache_gives_the_same_rows():
    text = "one two\nthree four\nfive six seven"
    small, big = Layout(text, 4, cache_size=1), Layout(text, 4)
    for _ in range(2):
        for block in (2, 0, 1, 0, 2):
            assert small.rows(block) == big.rows(block)


# Blocks ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, starts, ends", [
    ("", [0], [0]),
    ("a\n", [0], [1]),  # a final newline starts no line
    ("\n", [0], [0]),
    ("a\nb", [0, 2], [1, 3]),
    ("\n\n", [0, 1], [0, 1]),
    ("ab\n\ncd\n", [0, 3, 4], [2, 3, 6]),
])
def test_block_index_of_short_lines(text, starts, ends):
    found = block_index(text)
    assert (found[0].tolist(), found[1].tolist()) == (starts, ends)
    layout = Layout(text)
    assert layout.block_count == len(starts) and layout.max_offset == ends[-1]


@pytest.mark.parametrize("text, cuts", [
    ("a" * MAX_BLOCK, []),  # exactly MAX_BLOCK: not cut
    ("a" * (MAX_BLOCK + 1), [MAX_BLOCK]),
    ("a" * 3000 + " " + "b" * 3000, [3001]),  # after the space in the second half
    ("a" * 9000, [MAX_BLOCK, 2 * MAX_BLOCK]),
    ("a" * 100 + " " + "b" * 5000, [MAX_BLOCK]),  # a space in the first half is not used
    ("a" * 2047 + " " + "b" * 5000, [MAX_BLOCK]),
    ("a" * 2048 + " " + "b" * 3000, [2049]),  # the half is included
    ("a" * 4095 + " " + "b" * 100, [MAX_BLOCK]),  # the last place a space may be
    ("a" * 4096 + " " + "b" * 100, [MAX_BLOCK]),  # one further: beyond the block
], ids=lambda value: str(len(value)) if isinstance(value, str) else None)
def test_a_long_line_is_cut_at_a_space_in_its_second_half_or_at_max_block(text, cuts):
    starts, ends = block_index(text)
    assert starts.tolist() == [0, *cuts]
    assert ends.tolist() == [*cuts, len(text)]


def test_long_lines_are_cut_among_short_ones_with_offsets_kept():
    text = "ab\n" + "a" * 5000 + "\ncd"
    starts, ends = block_index(text)
    assert starts.tolist() == [0, 3, 3 + MAX_BLOCK, 5004]
    assert ends.tolist() == [2, 3 + MAX_BLOCK, 5003, 5006]


def test_given_blocks_are_used_as_they_are():
    text = "abcdef"
    starts, ends = block_index("abc\ndef")  # (0, 4), (3, 7): not this text's own
    layout = Layout(text, 80, blocks=(starts, ends))
    assert layout.block_count == 2 and layout.starts.tolist() == [0, 4]


def test_block_of_an_offset():
    layout = Layout("ab\n\ncd", 80)  # blocks (0,2) (3,3) (4,6)
    assert [layout.block_of(o) for o in range(-1, 8)] == [0, 0, 0, 0, 1, 2, 2, 2, 2]


# Moving between rows ---------------------------------------------------------------------------
def test_next_previous_walk_and_rows_from():
    layout = Layout("aaa bbb\n\ncc", 4)  # rows (0,4) (4,7) | (8,8) | (9,11)
    assert layout.next_row(RowPos(0, 0)) == RowPos(0, 1)
    assert layout.next_row(RowPos(0, 1)) == RowPos(1, 0)
    assert layout.next_row(RowPos(2, 0)) is None
    assert layout.previous_row(RowPos(2, 0)) == RowPos(1, 0)
    assert layout.previous_row(RowPos(1, 0)) == RowPos(0, 1)
    assert layout.previous_row(RowPos(0, 1)) == RowPos(0, 0)
    assert layout.previous_row(RowPos(0, 0)) is None
    assert layout.walk(RowPos(0, 0), 2) == RowPos(1, 0)
    assert layout.walk(RowPos(2, 0), -2) == RowPos(0, 1)
    assert layout.walk(RowPos(0, 1), 0) == RowPos(0, 1)
    assert layout.walk(RowPos(0, 0), 9) == RowPos(2, 0)
    found = layout.rows_from(RowPos(0, 1), 2)
    assert found == [(RowPos(0, 1), Row(4, 7, True)), (RowPos(1, 0), Row(8, 8, True))]
    assert layout.rows_from(RowPos(2, 0), 5) == [(RowPos(2, 0), Row(9, 11, True))]
    assert layout.rows_from(RowPos(0, 0), 0) == []


def test_pos_of_each_offset():
    layout = Layout("abcdef\nx", 2)  # rows (0,2) (2,4) (4,6) | (7,8)
    assert [layout.pos_of(o) for o in range(9)] == [
        RowPos(0, 0), RowPos(0, 0), RowPos(0, 1), RowPos(0, 1), RowPos(0, 2), RowPos(0, 2), RowPos(0, 2),
        RowPos(1, 0), RowPos(1, 0)]


# Clicking ----------------------------------------------------------------------------------------
def test_offset_at_a_column_of_a_left_to_right_row():
    layout = Layout("ab cd", 3)  # rows (0,3) (3,5)
    assert [layout.offset_at(RowPos(0, 0), x) for x in range(6)] == [0, 1, 2, 2, 2, 2]  # not the next row's
    assert [layout.offset_at(RowPos(0, 1), x) for x in range(4)] == [3, 4, 5, 5]  # the last row: its end
    wide = Layout("a漢b", 80)
    assert [wide.offset_at(RowPos(0, 0), x) for x in range(5)] == [0, 1, 1, 2, 3]
    tabs = Layout("a\tb", 80)
    assert [tabs.offset_at(RowPos(0, 0), x) for x in range(6)] == [0, 1, 1, 1, 2, 3]
    empty = Layout("a\n\nb", 3)
    assert empty.offset_at(RowPos(1, 0), 5) == 2


def test_offset_at_inside_a_cluster_is_its_start():
    text = "a" + "e\u0301" + "b"
    layout = Layout(text, 80)
    assert [layout.offset_at(RowPos(0, 0), x) for x in range(4)] == [0, 1, 3, 4]
    assert layout.column_of(RowPos(0, 0), 3) == 2


# Right to left -----------------------------------------------------------------------------------
def test_has_rtl_looks_only_at_the_range():
    text = "x\nabc שלום"
    assert has_rtl(text) and has_rtl(text, 6) and not has_rtl(text, 0, 5)
    assert not has_rtl("abc") and has_rtl("\u200f") and has_rtl("مرحبا")


def test_bidi_levels_of_a_paragraph():
    assert bidi_levels("שלום abc", 0, 8) == (1, [1, 1, 1, 1, 1, 2, 2, 2])
    assert bidi_levels("x\nabc שלום", 2, 10) == (0, [0, 0, 0, 0, 1, 1, 1, 1])
    assert bidi_levels("a\u202bb", 0, 3) == (0, [0, 0, 2])  # the embedding control takes the level before it


@pytest.mark.parametrize("text", [
    "abc שלום \t", "abc \tשלום  ", "שלום abc  ", "א 12 ב", "שלום\tabc", "שלום, עולם! 3.5 x",
])
def test_trailing_blanks_and_tabs_take_the_paragraph_level(text):
    base, levels = bidi_levels(text, 0, len(text))
    units = visual_units(text, 0, len(text), base, levels, 0)
    assert "".join(text[a:b] for a, b, _ in units) == get_display(text)


def test_visual_units_keep_a_cluster_whole_and_reverse_runs():
    text = "שָׁלוֹם x"
    base, levels = bidi_levels(text, 0, len(text))
    units = visual_units(text, 0, len(text), base, levels, 0)
    assert [text[a:b] for a, b, _ in units] == ["x", " ", "ם", "ו\u05b9", "ל", "ש\u05b8\u05c1"]
    assert visual_units("ab", 0, 0, 0, [], 0) == []
    # A row from the middle of its paragraph reads the levels from the paragraph's start.
    text = "ab שלום"
    base, levels = bidi_levels(text, 0, len(text))
    assert visual_units(text, 3, 7, base, levels, 0) == [(6, 7, 1), (5, 6, 1), (4, 5, 1), (3, 4, 1)]


def test_a_right_to_left_row_is_right_aligned_with_its_end_at_the_left():
    text = "שלום abc"
    layout = Layout(text, 80)
    pos = RowPos(0, 0)
    assert layout.right_to_left(pos)
    placed, end_x = layout.placed_units(pos)
    # 8 cells, right-aligned in 80 with one cell kept for the cursor at the end: from 72.
    assert end_x == 71
    assert [(a, x) for a, _b, _level, x in placed] == [(5, 72), (6, 73), (7, 74), (4, 75), (3, 76), (2, 77),
                                                        (1, 78), (0, 79)]
    assert [layout.column_of(pos, o) for o in range(9)] == [79, 78, 77, 76, 75, 72, 73, 74, 71]
    assert [layout.offset_at(pos, x) for x in (-1, 0, 70, 71, 72, 75, 79, 80, 90)] == [8, 8, 8, 8, 5, 4, 0, 0, 0]


def test_a_wrapped_right_to_left_paragraph():
    text = "שלום עולם"
    layout = Layout(text, 6)
    assert [tuple(r) for r in layout.rows(0)] == [(0, 5, False), (5, 9, True)]
    first, last = RowPos(0, 0), RowPos(0, 1)
    # The first row (5 cells, not the last) fills to the right edge; the last keeps a cell for the cursor.
    assert layout.placed_units(first) == ([(4, 5, 1, 1), (3, 4, 1, 2), (2, 3, 1, 3), (1, 2, 1, 4), (0, 1, 1, 5)], 1)
    assert layout.placed_units(last) == ([(8, 9, 1, 2), (7, 8, 1, 3), (6, 7, 1, 4), (5, 6, 1, 5)], 1)
    assert [layout.offset_at(first, x) for x in range(-1, 8)] == [4, 4, 4, 3, 2, 1, 0, 0, 0]
    assert [layout.offset_at(last, x) for x in range(-1, 8)] == [9, 9, 9, 8, 7, 6, 5, 5, 5]
    assert layout.column_of(last, 9) == 1


def test_a_left_to_right_paragraph_with_hebrew_in_it():
    text = "ab שלום cd"
    layout = Layout(text, 6)  # rows (0,3) (3,8) (8,10)
    assert not layout.right_to_left(RowPos(0, 1))
    placed, end_x = layout.placed_units(RowPos(0, 1))
    assert end_x == 5 and [x for *_u, x in placed] == [0, 1, 2, 3, 4]
    assert [a for a, *_ in placed] == [6, 5, 4, 3, 7]
    assert [layout.offset_at(RowPos(0, 1), x) for x in range(-1, 8)] == [6, 6, 5, 4, 3, 7, 7, 7, 7]
    assert [layout.offset_at(RowPos(0, 0), x) for x in range(-1, 5)] == [0, 0, 1, 2, 2, 2]
    assert [layout.offset_at(RowPos(0, 2), x) for x in range(-1, 5)] == [8, 8, 9, 10, 10, 10]
    assert layout.column_of(RowPos(0, 2), 10) == 2


def test_unit_cells_of_one_and_several_code_points():
    layout = Layout("a\tשָׁ漢", 80)
    assert layout.unit_cells((1, 2, 0), 1) == 3  # a tab from column 1
    assert layout.unit_cells((2, 5, 1), 0) == 1  # a letter with two marks
    assert layout.unit_cells((5, 6, 1), 0) == 2


def test_mirrored_brackets():
    assert mirrored("(") == ")" and mirrored("]") == "[" and mirrored("a") == "a"


def test_each_block_is_its_own_paragraph_for_direction():
    layout = Layout("abc\nab שלום\nשלום abc", 80)  # blocks (0,3) (4,11) (12,20)
    assert layout.row_units(RowPos(0, 0)) is None  # the Hebrew of later lines does not make it bidi
    assert not layout.right_to_left(RowPos(0, 0))
    assert layout.row_units(RowPos(1, 0)) == [(4, 5, 0), (5, 6, 0), (6, 7, 0), (10, 11, 1), (9, 10, 1), (8, 9, 1),
                                              (7, 8, 1)]
    assert not layout.right_to_left(RowPos(1, 0)) and layout.right_to_left(RowPos(2, 0))
    placed, end_x = layout.placed_units(RowPos(2, 0))
    assert end_x == 71 and [(a, x) for a, _b, _level, x in placed][:3] == [(17, 72), (18, 73), (19, 74)]
    assert layout.offset_at(RowPos(2, 0), 79) == 12 and layout.column_of(RowPos(2, 0), 20) == 71
    after = Layout("שלום\nabc", 80)
    assert after.row_units(RowPos(1, 0)) is None  # nor does the Hebrew of the lines before


def test_directions_stay_right_over_more_lines_than_are_remembered():
    # 600 lines, every third one Hebrew: the levels of at most 512 blocks are kept at once.
    lines = ["שלום abc" if n % 3 == 0 else f"line {n}" for n in range(600)]
    layout = Layout("\n".join(lines), 80)
    for _ in range(2):
        for block in range(layout.block_count):
            assert layout.right_to_left(RowPos(block, 0)) == (block % 3 == 0)
            assert (layout.row_units(RowPos(block, 0)) is None) == (block % 3 != 0)


def test_a_tab_in_a_bidi_row_reaches_the_next_stop():
    layout = Layout("ab\tשלום", 80)
    placed, end_x = layout.placed_units(RowPos(0, 0))
    # a, b, then the tab from column 2 to the stop at 4, then the Hebrew reversed.
    assert [(a, x) for a, _b, _level, x in placed] == [(0, 0), (1, 1), (2, 2), (6, 4), (5, 5), (4, 6), (3, 7)]
    assert end_x == 8


def test_at_width_one_a_wider_character_still_gets_a_row_of_its_own():
    for text in ["漢", "漢\u0301b", FAMILY + "x", "a漢\u0301"]:
        rows = _rows(text, 1)[0]
        assert rows[0][0] == 0 and rows[-1][1] == len(text)
        assert all(start < end for start, end, _last in rows)  # no empty row, so no endless wrapping
        assert all(a[1] == b[0] for a, b in pairwise(rows))


def test_cells_between_inside_a_row_that_does_not_start_the_text():
    layout = Layout("ab" + FAMILY + "cd", 80)
    assert layout.cells_between(2, 9) == 2 and layout.cells_between(2, 10) == 3
