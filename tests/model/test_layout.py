"""The wrapped layout: rows partition the text, fit the width, and map cells to offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.layout import MAX_BLOCK, Layout, RowPos, char_cells


def _row_cells(layout: Layout, row) -> int:
    return layout.cells_between(row.start, row.end)


PIECES = st.sampled_from(["word ", "a", " ", "\n", "\t", "漢字", "😀", "e\u0301", "\x1b", "longwordwithoutspaces", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(text=st.lists(PIECES, min_size=0, max_size=80).map("".join), width=st.integers(1, 40))
def test_rows_partition_each_block_and_fit_the_width(text, width):
    layout = Layout(text, width)
    covered = []
    for block in range(layout.block_count):
        rows = layout.rows(block)
        assert rows[0].start == layout.starts[block] and rows[-1].end == layout.ends[block]
        for before, after in zip(rows, rows[1:]):
            assert before.end == after.start
        for row in rows:
            # A row is wider than the screen only when one character alone does not fit.
            assert _row_cells(layout, row) <= width or row.end - row.start == 1
            covered.append(text[row.start:row.end])
    assert "".join(covered) == text.replace("\n", "")


@settings(max_examples=100, deadline=None)
@given(text=st.lists(PIECES, min_size=1, max_size=60).map("".join), width=st.integers(2, 30), data=st.data())
def test_offset_to_row_and_back(text, width, data):
    layout = Layout(text, width)
    offset = data.draw(st.integers(0, layout.max_offset))
    pos = layout.pos_of(offset)
    row = layout.row(pos)
    assert row.start <= offset <= row.end
    x = layout.cells_between(row.start, offset)
    back = layout.offset_at(pos, x)
    # Back at the same character, or at its base when it is zero-width.
    assert back == offset or char_cells(text[offset], 0) == 0 or offset == row.end


def test_long_lines_are_cut_into_blocks_at_spaces():
    text = ("word " * 5000).strip()
    layout = Layout(text, 80)
    assert layout.block_count > 1
    assert all(end - start <= MAX_BLOCK for start, end in zip(layout.starts, layout.ends))
    assert all(text[start - 1] == " " for start in layout.starts[1:])


def test_walk_and_rows_from_stop_at_the_ends():
    layout = Layout("one two three four five six seven\n\nend", 10)
    last = layout.walk(RowPos(0, 0), 100)
    assert layout.next_row(last) is None
    assert layout.walk(last, -100) == RowPos(0, 0)
    assert [r.start for _, r in layout.rows_from(RowPos(0, 0), 100)] == [0, 8, 14, 24, 34, 35]


CLUSTER_PIECES = st.sampled_from(["word ", "a", " ", "\n", "👨\u200d👩\u200d👧\u200d👦", "🇩🇪", "e\u0301", "k\u0308\u0301",
                                  "漢字", "longwordwithoutspaces", "\t"])


@settings(max_examples=150, deadline=None)
@given(text=st.lists(CLUSTER_PIECES, min_size=1, max_size=60).map("".join), width=st.integers(2, 30),
       data=st.data())
def test_clusters_are_never_cut_and_are_as_wide_as_drawn(text, width, data):
    from rich.cells import cell_len

    from tui.model.text import cluster_start

    layout = Layout(text, width)
    for block in range(layout.block_count):
        for row in layout.rows(block):
            assert cluster_start(text, row.start) == row.start  # a row starts on a whole character
            if "\t" not in text[row.start:row.end]:
                assert layout.cells_between(row.start, row.end) == cell_len(text[row.start:row.end])
    pos = layout.pos_of(data.draw(st.integers(0, layout.max_offset)))
    back = layout.offset_at(pos, data.draw(st.integers(0, width + 2)))
    assert cluster_start(text, back) == back  # the mouse lands on whole characters


def test_the_family_emoji_is_two_cells_and_one_position():
    family = "👨\u200d👩\u200d👧\u200d👦"
    layout = Layout(f"ab{family}cd", 40)
    assert layout.cells_between(0, 2 + len(family)) == 4
    assert layout.offset_at(RowPos(0, 0), 3) == 2  # the emoji's second cell: its start
    assert layout.offset_at(RowPos(0, 0), 4) == 2 + len(family)


# Right-to-left rows ----------------------------------------------------------------------
from tui.model.layout import mirrored

BIDI_PIECES = st.sampled_from(["abc ", "שלום ", "עולם", "مرحبا ", "بالعالم", " 2025", "(", ")", ", ", "!",
                               "e\u0301", "שָׁלוֹם", " ", "\n", "x"])


def drawn(layout: Layout, pos: RowPos) -> str:
    units = layout.row_units(pos)
    text = layout.text
    if units is None:
        row = layout.row(pos)
        return text[row.start:row.end]
    return "".join(mirrored(text[a:b]) if level % 2 and b - a == 1 else text[a:b] for a, b, level in units)


def test_hebrew_and_arabic_rows_are_drawn_in_visual_order():
    from bidi import get_display

    for text in ["abc שלום עולם 123 def", "שלום world 42!", "مرحبا بالعالم 2025 ok"]:
        layout = Layout(text, 80)
        assert drawn(layout, RowPos(0, 0)) == get_display(text)
    layout = Layout("left to right only", 80)
    assert layout.row_units(RowPos(0, 0)) is None  # the fast path


@settings(max_examples=150, deadline=None)
@given(text=st.lists(BIDI_PIECES, min_size=1, max_size=40).map("".join), width=st.integers(4, 30))
def test_visual_columns_and_logical_offsets_map_both_ways(text, width):
    import regex
    from rich.cells import cell_len

    from tui.model.text import next_cluster

    layout = Layout(text, width)
    for block in range(layout.block_count):
        for index, row in enumerate(layout.rows(block)):
            pos = RowPos(block, index)
            units = layout.row_units(pos)
            if units is not None:  # every cluster of the row exactly once: a permutation
                clusters = [(row.start + m.start(), row.start + m.end())
                            for m in regex.finditer(r"\X", text[row.start:row.end])]
                assert sorted((a, b) for a, b, _ in units) == clusters
            if row.last:  # the row's end (the cursor past its last character) maps back too
                assert layout.offset_at(pos, layout.column_of(pos, row.end)) == row.end
            offset = row.start
            while offset < row.end:
                column = layout.column_of(pos, offset)
                if cell_len(text[offset:next_cluster(text, offset)]):  # a lone mark has no cell to click
                    assert layout.offset_at(pos, column) == offset  # the cell drawn there is this character
                offset = next_cluster(text, offset)
