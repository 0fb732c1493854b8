"""The pure functions behind the reader's keys, tested without the reader: `s` (sentence),
`w`/`b` and double-click (words), the link menu and its descriptions, `[`/`]` (previous
and next annotation), resizing. Mutation testing found them tested only through Textual."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.entities import Annotation, Link, LinkEnd
from tui.model.layout import Layout, RowPos
from tui.model.relations import describe_link, fitting_relations
from tui.model.sentences import WINDOW, sentence_at
from tui.model.spans import SpanIndex
from tui.model.suggest import suggest_range
from tui.model.text import next_word_start, previous_word_start, word_at

# Sentences ---------------------------------------------------------------------------------
TEXT = "Lt. Gen. Budanov said it. U.S. officials agree.\n\nA new paragraph, 5.8 million shells."


def test_the_sentence_under_the_cursor_keeps_abbreviations_whole():
    first = (0, TEXT.index(" U.S."))
    assert sentence_at(TEXT, 0) == first == sentence_at(TEXT, first[1] - 1)
    assert TEXT[slice(*first)] == "Lt. Gen. Budanov said it."
    second = sentence_at(TEXT, TEXT.index("officials"))
    assert TEXT[slice(*second)] == "U.S. officials agree."


def test_between_sentences_the_next_one_is_chosen_and_the_offset_is_clamped():
    gap = TEXT.index(" U.S.")  # the space after the first sentence
    assert TEXT[slice(*sentence_at(TEXT, gap))] == "U.S. officials agree."
    blank = TEXT.index("\n\n") + 1  # an empty line: its paragraph has no sentence
    assert sentence_at(TEXT, blank) is None
    assert TEXT[slice(*sentence_at(TEXT, 10_000))] == "A new paragraph, 5.8 million shells."
    assert TEXT[slice(*sentence_at(TEXT, -5))] == "Lt. Gen. Budanov said it."
    assert sentence_at("", 0) is None


def test_in_a_paragraph_longer_than_the_window_the_sentence_is_still_exact():
    text = "Word one here. " * (3 * WINDOW // 15)
    for offset in (10, WINDOW + 7, len(text) - 20):
        start, end = sentence_at(text, offset)
        assert text[start:end] == "Word one here." and start <= offset < end + 1


# Words --------------------------------------------------------------------------------------
WORDS = "Klein  notes: 40 percent_of \u00e9t\u00e9 —done"


@pytest.mark.parametrize("offset, expected", [
    (0, "Klein"), (4, "Klein"), (5, None), (6, None), (7, "notes"), (14, "40"),
    (WORDS.index("percent_of"), "percent_of"), (WORDS.index("t\u00e9"), "\u00e9t\u00e9"), (len(WORDS), None),
    (-1, None),
])
def test_the_word_at_an_offset(offset, expected):
    found = word_at(WORDS, offset)
    assert (WORDS[slice(*found)] if found else None) == expected


def test_word_steps_forward_and_back():
    words = "Klein  notes 40 percent_of \u00e9t\u00e9\ndone"
    starts = [m.start() for m in re.finditer(r"\w+", words)]
    offset, seen = 0, []
    while offset < len(words):
        offset = next_word_start(words, offset)
        seen.append(offset)
    assert seen == [*starts[1:], len(words)]
    offset, back = len(words), []
    while offset > 0:
        offset = previous_word_start(words, offset)
        back.append(offset)
    assert back == starts[::-1]
    assert previous_word_start(words, 0) == 0 and next_word_start(words, len(words)) == len(words)


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from("ab_1 .,\n—é"), max_size=40), data=st.data())
def test_word_at_is_the_whole_word_run(text, data):
    offset = data.draw(st.integers(-2, len(text) + 2))
    found = word_at(text, offset)
    runs = [m.span() for m in re.finditer(r"\w+", text)]
    assert found == next(((s, e) for s, e in runs if s <= offset < e), None)


# Links ---------------------------------------------------------------------------------------
def test_the_link_menu_offers_the_relations_that_fit_most_likely_first():
    assert [r.name for r in fitting_relations("attribution", "claim")] == ["attributes", "related"]
    assert [r.name for r in fitting_relations("claim", "claim")] == ["same_as", "supports", "contradicts", "related"]
    assert [r.name for r in fitting_relations("claim", "attribution")] == ["related"]
    assert [r.name for r in fitting_relations("attribution", "attribution")] == ["related"]


def _link(relation: str) -> Link:
    klein = LinkEnd("k", 2, "attribution", "Klein   notes", 10)
    claim = LinkEnd("c", 1, "claim", "nearly half of artillery rounds used by the Russian Army were Korean", 0)
    return Link("L", "k", "c", relation, source=klein, target=claim)


def test_a_link_reads_from_either_end():
    link = _link("attributes")
    assert link.other_end("k").id == "c" and link.other_end("c").id == "k"
    assert describe_link(link, "k", 2) == "attributes: doc 1, 'nearly half of artillery rounds used by…'"
    assert describe_link(link, "c", 1) == "attributed to: doc 2, 'Klein notes'"
    assert describe_link(link, "c", 2) == "attributed to: 'Klein notes'"
    assert describe_link(_link("supports"), "c", 1).startswith("supported by: ")
    assert describe_link(_link("contradicts"), "c", 1).startswith("contradicted by: ")
    assert describe_link(_link("related"), "c", 1).startswith("related: ")
    assert describe_link(link, "k", 1, limit=80).endswith("were Korean'")


# The span index -------------------------------------------------------------------------------
def _annotation(id_: str, start: int, end: int) -> Annotation:
    return Annotation(id_, 1, start, end, "claim", "x" * (end - start))


def test_previous_next_and_get():
    index = SpanIndex([_annotation("b", 10, 20), _annotation("a", 0, 5), _annotation("c", 10, 12)])
    assert [a.id for a in index] == ["a", "c", "b"]
    assert index.previous_before(0) is None and index.previous_before(1).id == "a"
    assert index.previous_before(10).id == "a" and index.previous_before(11).id == "b"
    assert index.next_after(0).id == "c" and index.next_after(10) is None
    assert index.get("c").start == 10 and index.get("zzz") is None
    index.remove("a")
    assert index.get("a") is None and index.previous_before(10) is None


# Layout --------------------------------------------------------------------------------------
def test_a_new_width_wraps_again():
    layout = Layout("one two three four five six", 10)
    assert [(r.start, r.end) for r in layout.rows(0)] == [(0, 8), (8, 14), (14, 24), (24, 27)]
    layout.set_width(100)
    assert layout.width == 100 and layout.rows(0) == [layout.row(RowPos(0, 0))] and len(layout.rows(0)) == 1
    layout.set_width(0)
    assert layout.width == 1 and all(r.end - r.start == 1 for r in layout.rows(0))


# Suggestions on screen -----------------------------------------------------------------------
def test_suggestions_for_the_rows_on_screen():
    text = "Prices rose by a third last winter, according to the Central Bank of Kenya.\n\n   \n"
    assert suggest_range(text, len(text) - 4, len(text)) == []
    found = suggest_range(text, 0, text.index("\n"))
    assert found == sorted(found, key=lambda s: (s.start, s.end, s.label))
    assert {s.label for s in found} == {"claim", "attribution"}
    assert len({(s.label, s.start, s.end) for s in found}) == len(found)
    assert all(0 <= s.start < s.end <= text.index("\n") for s in found)
