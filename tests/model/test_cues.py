"""The cue lexer, tested as a Pygments lexer: token streams, coverage, plugin registration."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from pygments.lexers import get_lexer_by_name
from pygments.token import Keyword, Literal, Number, String

from tui.model.cues import CueLexer, cue_spans


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], kind) for s, e, kind in cue_spans(text)]


def test_attribution_cues_and_quotes():
    text = "“This is 40 percent of Russia’s stockpiles,” Klein notes. He said \"no\", according to KCNA."
    assert kinds(text) == [
        ("“This is 40 percent of Russia’s stockpiles,”", "quote"),
        ("notes", "cue"),
        ("said", "cue"),
        ('"no"', "quote"),
        ("according to", "cue"),
    ]


def test_figures_and_dates():
    text = ("By the second quarter of 2025, nearly half of rounds; 5.8 million shells by April 2025; "
            "25,000 workers in mid-August; 170mm guns; 11% in May 2024; it may rise.")
    assert kinds(text) == [
        ("second quarter of 2025", "date"),
        ("nearly half", "number"),
        ("5.8 million", "number"),
        ("April 2025", "date"),
        ("25,000", "number"),
        ("mid-August", "date"),
        ("170mm", "number"),
        ("11%", "number"),
        ("May 2024", "date"),
    ]


def test_no_cue_inside_words_and_unicode_edges():
    assert kinds("Unsaid, notesbook, statesman, Straße2025") == []
    assert kinds("Überall sagte er: «Ja», said Müller.") == [("«Ja»", "quote"), ("said", "cue")]


def test_token_stream_types():
    tokens = [(t, v) for t, v in CueLexer().get_tokens('Klein said "yes" in June 2024, 40 percent.') if v.strip()]
    assert (Keyword, "said") in tokens
    assert (String.Double, '"yes"') in tokens
    assert (Literal.Date, "June 2024") in tokens
    assert (Number, "40 percent") in tokens


@given(st.text())
def test_any_text_lexes_without_error_and_round_trips(text):
    tokens = list(CueLexer().get_tokens_unprocessed(text))
    assert "".join(value for _, _, value in tokens) == text
    assert all(str(token) != "Token.Error" for _, token, _ in tokens)


def test_registered_as_a_pygments_plugin():
    assert isinstance(get_lexer_by_name("diptych-cues"), CueLexer)
    out = subprocess.run([sys.executable, "-m", "pygments", "-l", "diptych-cues", "-f", "raw"],
                         input="Klein notes 40 percent.", capture_output=True, text=True)
    assert out.returncode == 0 and "Token.Keyword\t'notes'" in out.stdout
