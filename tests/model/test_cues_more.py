"""The cue families added for issue 17, each pinned with real sentences: verbs and
phrases of saying, believing and claiming, source phrases without a verb, passives with
their agent, titles and roles before names."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pygments.token import Keyword, Name

from tui.model.cues import CueLexer, cue_spans


def cues(text: str) -> list[str]:
    return [text[s:e] for s, e, kind in cue_spans(text) if kind == "cue"]


def roles(text: str) -> list[str]:
    return [text[s:e] for s, e, kind in cue_spans(text, roles=True) if kind == "role"]


@pytest.mark.parametrize(("sentence", "cue"), [
    ("Researcher Klein points to the continued military assistance that the North Korean regime provides.", "points to"),
    ("Russia expert Margaret Klein is convinced that nothing has changed in this regard.", "is convinced"),
    ("U.S. officials are convinced that the arms trade breaks several resolutions.", "are convinced"),
    ('"Overall, this is the largest package," Klein concluded in an interview with DW.', "concluded"),
    ("In June 2025 Russian Security Council Secretary Sergei Shoigu confirmed that the army would help.", "confirmed"),
    ("Russian government sources have consistently alleged that the Ukrainian state is governed badly.", "alleged"),
    ("Lieutenant General Kyrylo Budanov has particularly singled out the performance of the howitzers.", "singled out"),
    ("He singled out the guns, lamenting the serious complications they caused.", "lamenting"),
    ("“Your soldiers fought heroically,” the Russian president informed Chairman Kim.", "informed"),
    ("Kim Jong Un pledged that his country would provide further support to Moscow.", "pledged"),
    ("Some North Korean rockets have veered off course, Russian military bloggers complain.", "complain"),
    ("Kyiv has repeatedly accused Pyongyang of taking part in the war.", "accused"),
])
def test_verbs_of_saying_believing_and_claiming(sentence, cue):
    assert cue in cues(sentence)


@pytest.mark.parametrize(("sentence", "cue"), [
    ("A similar view was previously expressed by German Foreign Minister Johann Wadephul.", "expressed by"),
    ("This has been strongly disputed by Kiev’s supporters in the Western world.", "disputed by"),
    ("These figures are confirmed by various sources, including an analysis.", "confirmed by"),
])
def test_passives_keep_by_with_the_cue(sentence, cue):
    assert cue in cues(sentence)


@pytest.mark.parametrize(("sentence", "cue"), [
    ("Artillery forces are large, allowing it by some estimates to supply more ammunition.", "by some estimates"),
    ("At the Alabuga Factory, reports emerged in June that 25,000 workers were being dispatched.", "reports emerged"),
    ("Kim praised his soldiers, according to North Korea's state news agency KCNA.", "according to"),
    ("Reports from the Russian border town of Khasan indicate that freight has tripled.", "indicate"),
    ("The war will go on, with reports in mid-August indicating that new tanks could be sent.", "indicating"),
])
def test_source_phrases_without_a_verb_of_their_own(sentence, cue):
    assert cue in cues(sentence)


def test_titles_and_roles_before_names():
    sentence = ("Commander of Ukraine’s Defence Intelligence Directorate Lieutenant General Kyrylo Budanov "
                "has particularly singled out the howitzers.")
    assert roles(sentence) == ["Commander", "Intelligence", "Lieutenant", "General"]
    assert roles("State Department spokeswoman Laura Whitfield said, as did the think tank and lawmaker Yoon.") == [
        "spokeswoman", "think tank", "lawmaker"]
    # Roles are a token of their own for the recogniser, not a kind the reader highlights.
    assert all(kind != "role" for _, _, kind in cue_spans(sentence))


def test_no_cue_inside_words_or_quotations():
    assert cues("Statesmen pledge nothing; unsaid reportsheets, notesbooks.") == []
    assert cues("“He said that, according to them, it is so,” she adds.") == ["adds"]


def test_token_types_for_pygments():
    tokens = [(t, v) for t, v in CueLexer().get_tokens("Spokeswoman Whitfield is convinced, by some estimates.")
              if v.strip()]
    assert (Name.Label, "Spokeswoman") in tokens
    assert (Keyword, "is convinced") in tokens
    assert (Keyword, "by some estimates") in tokens


def test_pygmentize_still_knows_the_lexer():
    out = subprocess.run([sys.executable, "-m", "pygments", "-l", "diptych-cues", "-f", "raw"],
                         input="Lieutenant General Budanov singled out the guns.", capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0
    assert "Token.Keyword\t'singled out'" in out.stdout and "Token.Name.Label\t'Lieutenant'" in out.stdout
