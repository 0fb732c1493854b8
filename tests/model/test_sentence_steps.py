"""What the reader's `s` selects, press after press (`sentence_steps`), and the quotation
under the cursor (`quotation_at`): pure functions of the text and the offset, tested here
without Textual so that the fast selection (and `make mutate`) reaches them."""

from __future__ import annotations

import pytest

from tui.model.sentences import WINDOW, paragraph_window, quotation_at, sentence_steps, sentences

TEXT = 'He left. “We act. We will surely win,” Klein said, smiling. Then more.'
QUOTED_1 = "We act."
QUOTED_2 = "We will surely win"
INNER = "We act. We will surely win"
AROUND = "“We act. We will surely win,” Klein said, smiling."


def steps(text: str, offset: int) -> list[str]:
    found = sentence_steps(text, offset)
    for start, end in found:
        assert 0 <= start < end <= len(text)
    return [text[start:end] for start, end in found]


@pytest.mark.parametrize(("where", "expected"), [
    # On the opening mark: the first quoted sentence, then the quotation, then its sentence.
    ("“", [QUOTED_1, INNER, AROUND]),
    ("We act", [QUOTED_1, INNER, AROUND]),
    ("act.", [QUOTED_1, INNER, AROUND]),
    # Between two quoted sentences (the space after "act."): the next one.
    (" We will", [QUOTED_2, INNER, AROUND]),
    ("surely", [QUOTED_2, INNER, AROUND]),
    # On the closing comma and the closing mark: the last quoted sentence, without the comma.
    (",”", [QUOTED_2, INNER, AROUND]),
    ("”", [QUOTED_2, INNER, AROUND]),
    # Outside the quotation: the sentence alone (the attribution is never a quoted sentence).
    ("Klein", [AROUND]),
    ("He", ["He left."]),
    ("Then", ["Then more."]),
])
def test_each_press_selects_a_larger_unit(where, expected):
    assert steps(TEXT, TEXT.index(where)) == expected


def test_the_steps_are_exact_offsets():
    quote = TEXT.index("“")
    close = TEXT.index("”")
    assert sentence_steps(TEXT, quote) == [
        (quote + 1, quote + 1 + len(QUOTED_1)),
        (quote + 1, close - 1),  # the closing comma left out
        (quote, TEXT.index(" Then")),
    ]
    assert quotation_at(TEXT, quote) == (quote, close + 1)
    assert quotation_at(TEXT, close) == (quote, close + 1)
    assert quotation_at(TEXT, close + 1) is None
    assert quotation_at(TEXT, quote - 1) is None


def test_a_step_that_selects_nothing_new_is_left_out():
    # One quoted sentence that is the whole quotation: the quotation step repeats it.
    text = "“We will win,” Klein said."
    assert steps(text, 3) == ["We will win", text]
    # A quotation that is the whole sentence: the sentence step adds its marks.
    text = "“We will win.”"
    assert sentence_steps(text, 0) == [(1, 13), (0, 14)]


def test_white_space_and_trailing_punctuation_inside_the_marks_are_trimmed():
    text = "He said: “ We act now;\u00a0” Then more."
    assert steps(text, text.index("act"))[:1] == ["We act now"]
    text = "“ We act.  We win:” she said."
    assert steps(text, text.index("act")) == ["We act.", "We act.  We win", text]
    assert steps(text, text.index("  We") + 1) == ["We win", "We act.  We win", text]


def test_a_quotation_of_nothing_but_punctuation_selects_nothing_empty():
    text = "He said “ ; ” and left."
    assert sentence_steps(text, text.index(";")) == [(0, len(text))]


def test_a_sentence_longer_than_the_one_before_is_not_added_twice():
    # The second quoted sentence is longer than the first: a press selects one of them, never both.
    text = "“No. We will surely win this war,” she said."
    assert steps(text, 1) == ["No.", "No. We will surely win this war", text]


def test_the_offset_is_clamped_to_the_text():
    assert steps(TEXT, -5) == ["He left."]
    assert steps(TEXT, 10_000) == ["Then more."]
    assert sentence_steps("", 0) == []
    assert quotation_at("", 0) is None


def test_paragraphs_are_segmented_apart():
    text = "First line.\n“Second line is a quote.” Klein said.\nThird."
    second = text.index("“")
    # pysbd ends the sentence at the closing mark here: the last step is the quotation with its marks.
    assert steps(text, second + 1) == ["Second line is a quote.", "“Second line is a quote.”"]
    assert quotation_at(text, second) == (second, text.index("”") + 1)
    # A quotation right after a line break is found from its first mark.
    assert quotation_at(text, text.index("”")) == (second, text.index("”") + 1)
    assert steps(text, text.index("Third")) == ["Third."]
    # On the line break itself: the paragraph before it, whose last sentence ended there.
    text = "“A quote spans.”\n“Next one here.”"
    assert steps(text, text.index("\n")) == []
    assert quotation_at(text, text.index("\n")) is None
    assert steps(text, text.index("\n") + 1) == ["Next one here.", "“Next one here.”"]


def test_in_a_paragraph_longer_than_the_window_the_quotation_is_found():
    filler = "Word one here. " * (WINDOW // 10)
    text = filler + "“We act now. We win later,” she said." + " Tail words here." * (WINDOW // 12)
    quote = len(filler)
    offset = text.index("win later")
    assert offset > WINDOW
    assert quotation_at(text, offset) == (quote, text.index("”") + 1)
    assert steps(text, offset) == ["We win later", "We act now. We win later", "“We act now. We win later,” she said."]
    # The window reaches WINDOW code points each side of the cursor, not further.
    far = "“" + "long words " * (WINDOW // 10) + "end”"
    assert quotation_at(far, len(far) - 2) is None
    assert quotation_at(far, WINDOW - 1) == (0, len(far))


def test_sentences_are_exact_offsets_from_the_start_by_default():
    text = "He left. She came back."
    assert sentences(text) == [(0, 8), (9, 23)]
    assert sentences(text, 9) == [(9, 23)]
    assert sentences("  \n ") == []


@pytest.mark.parametrize(("text", "offset", "window"), [
    # The paragraph is bounded by the line breaks around the offset, the last one before it.
    ("one\ntwo\nthree", 9, (8, 13)),
    ("one\ntwo\nthree", 5, (4, 7)),
    ("one\ntwo\nthree", 0, (0, 3)),
    ("\nabc", 2, (1, 4)),
    # On a line break: the (empty) paragraph that ends there.
    ("\nabc", 0, (0, 0)),
    # A line break further than WINDOW away is not looked for: the window stops there.
    ("x\n" + "a" * (WINDOW + 100), WINDOW + 101, (101, WINDOW + 102)),
    ("a" * (WINDOW + 100) + "\nb", 0, (0, WINDOW)),
    ("a" * (WINDOW + 100) + "\nb", WINDOW + 101, (WINDOW + 101, WINDOW + 102)),
    ("a" * (WINDOW + 100) + "\nbcd", WINDOW + 102, (WINDOW + 101, WINDOW + 104)),
    ("a" * (2 * WINDOW + 100), WINDOW + 50, (50, 2 * WINDOW + 50)),
])
def test_the_paragraph_window_around_an_offset(text, offset, window):
    assert paragraph_window(text, offset) == window


@pytest.mark.parametrize(("text", "offset", "expected"), [
    # Clamped to the last character: the closing mark is in the quotation, a final full stop is not.
    ("He said: “We will win.”", 999, ["We will win.", "He said: “We will win.”"]),
    ("Klein said “We will win”.", 999, ["Klein said “We will win”."]),
    # Clamped to the first character: a dash before the opening mark is not in the quotation.
    ("—“We will win,” she said.", -5, ["—“We will win,” she said."]),
    ("—“We will win,” she said.", 1, ["We will win", "—“We will win,” she said."]),
])
def test_an_offset_outside_the_text_is_clamped_to_its_first_or_last_character(text, offset, expected):
    assert steps(text, offset) == expected
