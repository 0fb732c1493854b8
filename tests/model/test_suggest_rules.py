"""The suggester's rules one sentence at a time: a sentence in, the exact attributions,
claims and reasons (the reader's status line shows the reason) out. Each case is one rule
of `tui/model/suggest.py` (docs/notes/suggest.md, "Suggestions that find most sources"), and
the held-out set's figures are the README's table to the digit."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tui.model.suggest import (
    Suggestion,
    attribution_at,
    evaluate,
    evaluate_texts,
    recognise,
    suggest,
    suggest_range,
)

ROOT = Path(__file__).resolve().parents[2]

BEFORE, AFTER, PHRASE, PASSIVE = "source before cue", "source after cue", "source phrase", "passive with its agent"
QUOTATION, CLAUSE_AFTER, CLAUSE_BEFORE = "quotation", "clause after cue", "clause before cue"
MINUS, SENTENCE_BEFORE = "sentence minus its attribution", "the sentence before"


def units(text: str) -> list[tuple]:
    """(attribution, claim, attribution reason, claim reason) of every unit, as text."""
    found = []
    for unit in recognise(text):
        for span in (unit.attribution, unit.claim):
            assert span is None or (0 <= span[0] < span[1] <= len(text))
        found.append((text[slice(*unit.attribution)] if unit.attribution else None,
                      text[slice(*unit.claim)] if unit.claim else None,
                      unit.attribution_reason, unit.claim_reason))
    return found


CASES = [
    # The source before the cue, and the claim after it, before it, or quoted.
    ("The minister said the talks had stalled.",
     [("The minister said", "the talks had stalled", BEFORE, CLAUSE_AFTER)]),
    ("The talks had stalled, the minister said.",
     [("the minister said", "The talks had stalled", BEFORE, CLAUSE_BEFORE)]),
    ('"The talks have stalled completely," the minister said.',
     [("the minister said", "The talks have stalled completely", BEFORE, QUOTATION)]),
    ("“The talks have stalled completely,” she said.",
     [("she said", "The talks have stalled completely", BEFORE, QUOTATION)]),
    ("The minister said: “The talks have stalled completely.”",
     [("The minister said", "The talks have stalled completely.", BEFORE, QUOTATION)]),
    ("Klein warned, “The losses will rise sharply this winter.”",
     [("Klein warned", "The losses will rise sharply this winter.", BEFORE, QUOTATION)]),
    ("Klein warned: the losses will rise sharply this winter.",
     [("Klein warned", "the losses will rise sharply this winter", BEFORE, CLAUSE_AFTER)]),
    ("“We will never surrender. The enemy will lose,” the general said.",
     [("the general said", "We will never surrender. The enemy will lose", BEFORE, QUOTATION)]),
    ("“We will never surrender,” the general said in an interview with DW.",
     [("the general said", "We will never surrender", BEFORE, QUOTATION)]),
    ("In an interview with DW, the general said that the army would hold.",
     [("the general said", "the army would hold", BEFORE, CLAUSE_AFTER)]),
    # A second quotation of the same sentence stands alone.
    ("“The losses will rise,” Klein warned, “and nobody is ready for that.”",
     [("Klein warned", "The losses will rise", BEFORE, QUOTATION),
      (None, "and nobody is ready for that.", "", QUOTATION)]),
    ("“We will never surrender,” he said. “The enemy will lose the war soon.”",
     [("he said", "We will never surrender", BEFORE, QUOTATION),
      (None, "The enemy will lose the war soon.", "", QUOTATION)]),
    # Words quoted inside a clause stay in it; a cue inside a quotation is not an attribution.
    ("He said the word “catastrophe” was not too strong.",
     [("He said", "the word “catastrophe” was not too strong", BEFORE, CLAUSE_AFTER)]),
    ("“The officials said nothing about it,” Klein notes.",
     [("Klein notes", "The officials said nothing about it", BEFORE, QUOTATION)]),
    # A quotation of fewer than four words is no claim of its own, nor a claim of fewer than three.
    ("“Losses rise,” Klein said.", [("Klein said", None, BEFORE, "")]),
    # Three quoted words are the clause before the cue, not a quotation standing alone.
    ("“Losses rise again,” Klein said.", [("Klein said", "Losses rise again", BEFORE, CLAUSE_BEFORE)]),
    ("She said yes.", [("She said", None, BEFORE, "")]),
    ("She said that it rose.", [("She said", None, BEFORE, "")]),
    # Titles, roles, names, possessives and prepositional tails stay in the source.
    ("Commander of the Southern Group of Forces Colonel Ivan Petrov has repeatedly warned that the line could break.",
     [("Commander of the Southern Group of Forces Colonel Ivan Petrov has repeatedly warned", "the line could break",
       BEFORE, CLAUSE_AFTER)]),
    ("U.S. officials are convinced that the shells are poor.",
     [("U.S. officials are convinced", "the shells are poor", BEFORE, CLAUSE_AFTER)]),
    ("The Kremlin’s spokesman Dmitry Peskov told reporters that no talks were planned.",
     [("The Kremlin’s spokesman Dmitry Peskov told reporters", "no talks were planned", BEFORE, CLAUSE_AFTER)]),
    ("Researchers at a Washington think tank say the figure is too high.",
     [("Researchers at a Washington think tank say", "the figure is too high", BEFORE, CLAUSE_AFTER)]),
    ("Two senior officials in Seoul said the shells were old.",
     [("officials in Seoul said", "the shells were old", BEFORE, CLAUSE_AFTER)]),
    ("Some critics of the government say the shells were old.",
     [("critics of the government say", "the shells were old", BEFORE, CLAUSE_AFTER)]),
    ("Ukrainian intelligence estimated that 11,000 soldiers had been sent.",
     [("Ukrainian intelligence estimated", "11,000 soldiers had been sent", BEFORE, CLAUSE_AFTER)]),
    ("The chairman of the board of the company said the plan was good.",
     [("The chairman of the board of the company said", "the plan was good", BEFORE, CLAUSE_AFTER)]),
    ("I said the talks had stalled.", [("I said", "the talks had stalled", BEFORE, CLAUSE_AFTER)]),
    ("The president and his aides say the war will end soon.",
     [("The president and his aides say", "the war will end soon", BEFORE, CLAUSE_AFTER)]),
    ("Klein and Berg say the shells are poor.",
     [("Klein and Berg say", "the shells are poor", BEFORE, CLAUSE_AFTER)]),
    ("Analysts and diplomats say the deal is fragile and may collapse.",
     [("Analysts and diplomats say", "the deal is fragile and may collapse", BEFORE, CLAUSE_AFTER)]),
    # A clause boundary ends the walk back ("with", "who", a comma).
    (("The chairman of the board of the largest company in the northern region of the country near the border with "
      "Russia said the plan was good."),
     [("Russia said", "the plan was good", BEFORE, CLAUSE_AFTER)]),
    ("Officials who visited the site and engineers say the dam is weak.", []),
    ("The old man said the shells were old.", []),
    # Whom a told/informed cue addresses belongs to the attribution, up to a time or place.
    ("He told reporters on Monday that the talks had stalled.",
     [("He told reporters", "the talks had stalled", BEFORE, CLAUSE_AFTER)]),
    ("Putin informed Chairman Kim that the troops would stay.",
     [("Putin informed Chairman Kim", "the troops would stay", BEFORE, CLAUSE_AFTER)]),
    ("Losses will rise this winter, she told DW.",
     [("she told DW", "Losses will rise this winter", BEFORE, CLAUSE_BEFORE)]),
    ("Losses will rise this winter, she told DW on Monday.",
     [("she told DW", "Losses will rise this winter", BEFORE, CLAUSE_BEFORE)]),
    # The time or place between the cue and "that" is skipped.
    ("Officials said on Thursday that the plant would reopen soon.",
     [("Officials said", "the plant would reopen soon", BEFORE, CLAUSE_AFTER)]),
    ("Officials said in a statement on Monday that prices rose sharply.",
     [("Officials said", "prices rose sharply", BEFORE, CLAUSE_AFTER)]),
    ("Officials say that in March prices rose sharply.",
     [("Officials say", "in March prices rose sharply", BEFORE, CLAUSE_AFTER)]),
    # The cue first, then its source: only right after the words it reports.
    ("Prices will rise again next year, says Anna Berg, an economist.",
     [("says Anna Berg", "Prices will rise again next year", AFTER, CLAUSE_BEFORE)]),
    ("Prices will rise again next year, says the economist Anna Berg.",
     [("says the economist Anna Berg", "Prices will rise again next year", AFTER, CLAUSE_BEFORE)]),
    ("Prices will rise again next year, says Berg.",
     [("says Berg", "Prices will rise again next year", AFTER, CLAUSE_BEFORE)]),
    ("The front is stable, noted the colonel.",
     [("noted the colonel", "The front is stable", AFTER, CLAUSE_BEFORE)]),
    ("The front is stable for now, says Colonel Ivan Petrov of the Southern Group.",
     [("says Colonel Ivan Petrov", "The front is stable for now", AFTER, CLAUSE_BEFORE)]),
    ("The front is stable for now, says Petrov in Kyiv.",
     [("says Petrov", "The front is stable for now", AFTER, CLAUSE_BEFORE)]),
    ("The front is stable for now: says Petrov.",
     [("says Petrov", "The front is stable for now", AFTER, CLAUSE_BEFORE)]),
    ("“The front is stable for now” says Petrov.",
     [("says Petrov", "The front is stable for now", AFTER, QUOTATION)]),
    ("Prices will rise again next year says Anna Berg.", []),
    ("The front is stable for now — says Petrov.", []),
    ("The front is stable for now, says Petrov who commands the group.", []),
    # Source phrases without a verb.
    ("According to the ministry, prices will rise again next year.",
     [("According to the ministry", "prices will rise again next year", PHRASE, CLAUSE_AFTER)]),
    ("Prices will rise again next year, according to the ministry.",
     [("according to the ministry", "Prices will rise again next year", PHRASE, CLAUSE_BEFORE)]),
    ("The plan, according to the ministry, will cost billions of dollars.",
     [("according to the ministry", "will cost billions of dollars", PHRASE, MINUS)]),
    ("According to Syrsky in January 2025, the losses were heavy on both sides.",
     [("According to Syrsky", "the losses were heavy on both sides", PHRASE, CLAUSE_AFTER)]),
    (("According to Ukrainian Supreme Commander-in-Chief Alexander Syrsky in January 2025, almost 5,000 of them "
      "were killed."),
     [("According to Ukrainian Supreme Commander-in-Chief Alexander Syrsky", "almost 5,000 of them were killed",
       PHRASE, CLAUSE_AFTER)]),
    ("By some estimates, prices will rise again next year.",
     [("By some estimates", "prices will rise again next year", PHRASE, CLAUSE_AFTER)]),
    ("Reports emerged that the army had withdrawn from the town.",
     [("Reports emerged", "the army had withdrawn from the town", PHRASE, CLAUSE_AFTER)]),
    ("Reports emerged in June that the army had withdrawn from the town.",
     [("Reports emerged in June", "the army had withdrawn from the town", PHRASE, CLAUSE_AFTER)]),
    # The time after "According to X" (up to five words and a comma) is not part of the claim.
    ("According to Syrsky in late January of 2025, the losses were heavy on both sides.",
     [("According to Syrsky", "the losses were heavy on both sides", PHRASE, CLAUSE_AFTER)]),
    ("According to the ministry, prices rose very sharply, although wages fell.",
     [("According to the ministry", "prices rose very sharply", PHRASE, CLAUSE_AFTER)]),
    # A parenthetical source: the claim starts after its closing comma (and after a relative
    # clause that follows it), and a new clause still ends it.
    ("The plan, according to the ministry, which cannot be verified, will cost billions of dollars.",
     [("according to the ministry", "will cost billions of dollars", PHRASE, MINUS)]),
    ("The plan, according to the ministry, will cost billions, officials fear.",
     [("according to the ministry", "will cost billions, officials fear", PHRASE, MINUS)]),
    ("The plan, according to the ministry, will cost billions of dollars, although nobody knows how many.",
     [("according to the ministry", "will cost billions of dollars", PHRASE, MINUS)]),
    # A quotation right after the cue, with no punctuation between.
    ("Klein said “The army is very tired now.”",
     [("Klein said", "The army is very tired now.", BEFORE, QUOTATION)]),
    # "Reports emerged" takes a time or place only when "that" follows within five words.
    ("Reports emerged from Kyiv in June that the army had withdrawn.",
     [("Reports emerged", "the army had withdrawn", PHRASE, CLAUSE_AFTER)]),
    ("Reports emerged over the last few long weeks that the army had withdrawn.",
     [("Reports emerged", "the army had withdrawn", PHRASE, CLAUSE_AFTER)]),
    ("Reports emerged in June", [("Reports emerged", None, PHRASE, "")]),
    # The agent of a passive ends before a time ("from June 2024", "during talks").
    ("The figure was disputed by analysts from June 2024 onwards.",
     [("disputed by analysts", None, PASSIVE, "")]),
    ("The figure was disputed by officials during talks.", [("disputed by officials", None, PASSIVE, "")]),
    # A passive's agent is a source that introduces no claim of its own.
    ("The plan was disputed by Moscow in a statement on Friday.", [("disputed by Moscow", None, PASSIVE, "")]),
    ("The claim was rejected by the defence ministry and by NATO.",
     [("rejected by the defence ministry", None, PASSIVE, "")]),
    ("The figure is contested by independent researchers at a Washington think tank.",
     [("contested by independent researchers", None, PASSIVE, "")]),
    # "That's what X said" reports the sentence before; alone, nothing.
    ("The dam is old. That's what the minister said.",
     [("the minister said", "The dam is old", BEFORE, SENTENCE_BEFORE)]),
    ("That's what the minister said.", [("the minister said", None, BEFORE, "")]),
    # A sentence cut by its attribution; a new clause (", although") ends the claim.
    ("The shells, officials said, were old and often failed to explode.",
     [("officials said", "were old and often failed to explode", BEFORE, CLAUSE_AFTER)]),
    ("Russia's ambassador to Seoul, the diplomat said, had been summoned twice.",
     [("the diplomat said", "Russia's ambassador to Seoul", BEFORE, CLAUSE_BEFORE)]),
    ("The deal is fragile, analysts say, although nobody expects it to collapse.",
     [("analysts say", "The deal is fragile", BEFORE, CLAUSE_BEFORE)]),
    ("The guns are old, Klein says, and the shells are worse, Berg adds.",
     [("Klein says", "The guns are old", BEFORE, CLAUSE_BEFORE),
      ("Berg adds", "and the shells are worse", BEFORE, CLAUSE_BEFORE)]),
    ("The general said that the army was ready, but officials said the troops were tired.",
     [("The general said", "the army was ready", BEFORE, CLAUSE_AFTER),
      ("officials said", "the troops were tired", BEFORE, CLAUSE_AFTER)]),
    # A connective is not part of the claim.
    ("For example, officials said the shells were old and often failed to explode.",
     [("officials said", "the shells were old and often failed to explode", BEFORE, CLAUSE_AFTER)]),
    ("However, the army insists that its lines will hold through the winter.",
     [("the army insists", "its lines will hold through the winter", BEFORE, CLAUSE_AFTER)]),
    # A participle of saying opens a claim of its own.
    ("She warned that the dam could fail, adding that repairs had been delayed.",
     [("She warned", "the dam could fail", BEFORE, CLAUSE_AFTER),
      ("She warned", "repairs had been delayed", BEFORE, CLAUSE_AFTER)]),
    ("Officials said the army was ready, lamenting that the troops were tired.",
     [("Officials said", "the army was ready", BEFORE, CLAUSE_AFTER),
      ("Officials said", "the troops were tired", BEFORE, CLAUSE_AFTER)]),
    ("Officials said so, insisting that the troops would stay all winter.",
     [("Officials said", "the troops would stay all winter", BEFORE, CLAUSE_AFTER)]),
    # No attribution: a figure or a date makes the sentence a claim, less its connective and
    # its ", with ..." tail.
    ("The army lost 5,000 soldiers in March 2024.", [(None, "The army lost 5,000 soldiers in March 2024.", "", "figure")]),
    ("The treaty was signed on 5 June 2024.", [(None, "The treaty was signed on 5 June 2024.", "", "date")]),
    ("The losses rose in the 1990s and again in 2014.",
     [(None, "The losses rose in the 1990s and again in 2014.", "", "date")]),
    ("The army lost about half of its soldiers in the battle.",
     [(None, "The army lost about half of its soldiers in the battle.", "", "figure")]),
    ("Meanwhile, the army lost 5,000 soldiers, with many units destroyed.",
     [(None, "the army lost 5,000 soldiers", "", "figure")]),
    ("Also, the army lost 5,000 soldiers.", [(None, "the army lost 5,000 soldiers.", "", "figure")]),
    # A figure or date that ends the text (no full stop) counts too.
    ("The treaty was signed in 2024", [(None, "The treaty was signed in 2024", "", "date")]),
    ("The number of brigades rose to 9", [(None, "The number of brigades rose to 9", "", "figure")]),
    ("2024 was a hard year for the army.", [(None, "2024 was a hard year for the army.", "", "date")]),
    ("The report shows that the troops would stay.", []),
    ("   ", []),
    # A sentence before that is already a claim is not suggested twice.
    ("“The dam is very old and weak.” That's what the minister said.",
     [(None, "The dam is very old and weak.", "", QUOTATION), ("the minister said", None, BEFORE, "")]),
    ("The army lost 5,000 soldiers in March 2024. That's what the minister said.",
     [(None, "The army lost 5,000 soldiers in March 2024.", "", "figure"),
      ("the minister said", "The army lost 5,000 soldiers in March 2024", BEFORE, SENTENCE_BEFORE)]),
    # pysbd ends a sentence inside „...“: the quotation joins the pieces again.
    ("„The army is tired. The shells are old“, Klein said.",
     [("Klein said", "The army is tired. The shells are old", BEFORE, QUOTATION)]),
    ("“ The dam is very old and weak , ” she said.",
     [("she said", "The dam is very old and weak", BEFORE, QUOTATION)]),
    # Modifiers of a role stay in the source.
    ("Turkey's deputy foreign minister Ali Demir said the talks had stalled.",
     [("Turkey's deputy foreign minister Ali Demir said", "the talks had stalled", BEFORE, CLAUSE_AFTER)]),
    # A source phrase with nothing after it.
    ("Reports emerged.", [("Reports emerged", None, PHRASE, "")]),
    # A source phrase opening the next sentence belongs to that sentence only.
    ("The dam is very old. By some estimates, it will fail within a decade.",
     [("By some estimates", "it will fail within a decade", PHRASE, CLAUSE_AFTER)]),
    ("The plan was disputed by.", []),
    ("Prices will rise, according to.", []),
    ("“The army is tired and weak.” Klein said so.",
     [(None, "The army is tired and weak.", "", QUOTATION), ("Klein said", None, BEFORE, "")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES,
                         ids=[re.sub(r"\W+", "_", c[0][:40], flags=re.ASCII) for c in CASES])  # mutmut finds tests by ASCII ids
def test_each_rule_on_one_sentence(sentence, expected):
    assert units(sentence) == expected


def test_a_source_walked_back_further_than_eighteen_words_is_not_a_source():
    # Seventeen words before the cue make a source; the walk gives up beyond eighteen.
    names = " ".join(["Anna Berg"] * 8)
    assert units(f"Officials of {names} said the plan was good.")[0][0] == f"Officials of {names} said"
    longer = " ".join(["Anna Berg"] * 9)
    assert units(f"Officials of {longer} said the plan was good.") == []


def test_recognise_reads_only_its_range():
    text = "Noise before. The minister said the talks had stalled. Noise after, officials said."
    start = text.index("The minister")
    end = text.index(" Noise after")
    found = recognise(text, start, end)
    assert [(text[slice(*u.attribution)], text[slice(*u.claim)]) for u in found] == [
        ("The minister said", "the talks had stalled")]
    assert recognise(text, 0, 0) == [] and recognise(text, 5, 5) == []
    # A range that ends inside a sentence ends its claim there too (the reader's window does).
    text = "The minister said the talks had stalled completely. Noise."
    found = recognise(text, 0, text.index(" stalled"))
    assert [(text[slice(*u.attribution)], text[slice(*u.claim)]) for u in found] == [
        ("The minister said", "the talks had")]


# `S`: suggestions over a whole text, and the part on screen ------------------------------

PARAGRAPHS = "The minister said the talks had stalled.\n\nPrices will rise again next year, says Berg.\n"


def test_suggest_reads_each_paragraph_and_sorts_by_position():
    found = suggest(PARAGRAPHS)
    assert [(s.label, PARAGRAPHS[s.start:s.end], s.reason) for s in found] == [
        ("attribution", "The minister said", BEFORE),
        ("claim", "the talks had stalled", CLAUSE_AFTER),
        ("claim", "Prices will rise again next year", CLAUSE_BEFORE),
        ("attribution", "says Berg", AFTER),
    ]
    assert found[0] == Suggestion("attribution", 0, len("The minister said"), BEFORE)


def test_suggest_leaves_out_what_was_rejected():
    rejected = {("claim", 18, 39), ("attribution", 0, 99)}  # only an exact (label, start, end) is rejected
    assert PARAGRAPHS[18:39] == "the talks had stalled"
    left = [(s.label, s.start, s.end) for s in suggest(PARAGRAPHS, rejected)]
    assert ("claim", 18, 39) not in left and ("attribution", 0, 17) in left and len(left) == 3
    assert suggest("") == [] and suggest("\n\n") == []


def test_one_claim_shared_by_two_attributions_is_suggested_once():
    text = "She warned that the dam could fail, adding that repairs had been delayed."
    found = suggest(text)
    assert [(s.label, text[s.start:s.end]) for s in found] == [
        ("attribution", "She warned"), ("claim", "the dam could fail"), ("claim", "repairs had been delayed")]
    assert suggest_range(text, 0, len(text)) == found


def test_suggest_range_reads_only_the_block_asked_for():
    second = PARAGRAPHS.index("Prices")
    end = PARAGRAPHS.index("\n", second)
    found = suggest_range(PARAGRAPHS, second, end)
    assert [(s.label, PARAGRAPHS[s.start:s.end], s.reason) for s in found] == [
        ("claim", "Prices will rise again next year", CLAUSE_BEFORE),
        ("attribution", "says Berg", AFTER),
    ]
    assert suggest_range(PARAGRAPHS, 41, 42) == []  # an empty line
    assert suggest_range(PARAGRAPHS, 0, 0) == []


# `A`: the attribution under the cursor and its claim --------------------------------------

STORY = ("The dam is old, the minister said. Nobody listened. “We will fix the dam soon,” she said. "
         "She said: “The repairs will take many years.”")


def at(text: str, offset: int) -> tuple[str, str | None] | None:
    result = attribution_at(text, offset)
    if result is None:
        return None
    (start, end), claim = result
    return text[start:end], text[slice(*claim)] if claim else None


@pytest.mark.parametrize(("where", "expected"), [
    ("dam is", ("the minister said", "The dam is old")),  # next to the attribution, in its sentence
    ("minister", ("the minister said", "The dam is old")),  # on it
    ("said.", ("the minister said", "The dam is old")),
    ("Nobody", None),  # a sentence without an attribution
    ("fix", ("she said", "We will fix the dam soon")),
    ("she said", ("she said", "We will fix the dam soon")),
    ("She said", ("She said", "The repairs will take many years.")),
    ("years.”", ("She said", "The repairs will take many years.")),
])
def test_attribution_at_the_cursor(where, expected):
    assert at(STORY, STORY.index(where)) == expected


def test_attribution_at_clamps_the_offset_and_reads_its_paragraph():
    assert at(STORY, len(STORY) + 5) == ("She said", "The repairs will take many years.")
    assert at(STORY, -3) == ("the minister said", "The dam is old")
    text = "“We will fix the dam soon. It will hold,” she said.\nOfficials said so."
    assert at(text, 3) == ("she said", "We will fix the dam soon. It will hold")
    assert at(text, text.index("Officials")) == ("Officials said", None)
    assert at(text, text.index("\n")) == ("she said", "We will fix the dam soon. It will hold")
    assert attribution_at("", 0) is None
    assert attribution_at("The weather was fine.", 3) is None


def test_attribution_at_chooses_the_nearest_attribution_of_the_sentence():
    text = "Klein says the guns are old and Berg says the shells are worse than ever."
    assert at(text, text.index("guns")) == ("Klein says", "the guns are old and")
    assert at(text, text.index("old")) == ("Berg says", "the shells are worse than ever")
    assert at(text, len(text) - 1) == ("Berg says", "the shells are worse than ever")
    text = "The minister said the dam was old. The engineer said it was new."
    assert at(text, text.index("engineer")) is None
    assert at(text, text.index(".")) == ("The minister said", "the dam was old")


def test_attribution_at_finds_the_quotation_it_closes_or_opens_in_the_sentence_before():
    text = "“The army is tired and weak.” Klein said so."
    assert at(text, text.index("Klein")) == ("Klein said", "The army is tired and weak.")
    # A quotation that only follows the attribution's sentence is not its claim.
    text = "Klein said so. “The army is tired and weak.”"
    assert at(text, text.index("Klein")) == ("Klein said", None)
    # A quotation of two words is no claim.
    text = "“Losses rise,” Klein said."
    assert at(text, text.index("Klein")) == ("Klein said", None)


def test_attribution_at_a_passive_agent_finds_no_claim():
    text = "The plan was disputed by Moscow in a statement on Friday."
    assert at(text, text.index("Moscow")) == ("disputed by Moscow", None)
    assert at(text, 0) == ("disputed by Moscow", None)


# Evaluation ----------------------------------------------------------------------------------

def test_evaluate_counts_exact_and_overlapping_matches_per_label():
    gold = [("claim", 1, 0, 10), ("claim", 1, 20, 30), ("attribution", 1, 10, 15), ("claim", 2, 0, 10)]
    predicted = [("claim", 1, 0, 10), ("claim", 1, 25, 40), ("claim", 1, 40, 50), ("attribution", 1, 15, 20),
                 ("claim", 3, 0, 10)]
    result = evaluate(gold, predicted)
    assert result["claim"] == {
        "gold": 3, "predicted": 4,
        "exact": {"precision": 0.25, "recall": 0.333, "f1": 0.286},
        # Overlap: (1, 0, 10) and (1, 25, 40) overlap gold; document 3 has no gold, document 2 no prediction.
        "overlap": {"precision": 0.5, "recall": 0.667, "f1": 0.571},
    }
    # Touching spans do not overlap; an attribution never matches a claim.
    assert result["attribution"]["overlap"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["overall"]["gold"] == 4 and result["overall"]["predicted"] == 5
    assert result["overall"]["exact"] == {"precision": 0.2, "recall": 0.25, "f1": 0.222}
    assert result["overall"]["overlap"] == {"precision": 0.4, "recall": 0.5, "f1": 0.444}
    assert evaluate(gold, [])["overall"]["exact"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert evaluate([], predicted)["overall"]["overlap"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_the_held_out_figures_are_the_readmes_table():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from suggest import SETS, load_gold

    result = evaluate_texts(*load_gold(SETS["heldout"]))

    def row(label):
        s = result[label]
        return (s["gold"], s["predicted"], s["exact"]["precision"], s["exact"]["recall"], s["exact"]["f1"],
                s["overlap"]["precision"], s["overlap"]["recall"], s["overlap"]["f1"])

    # README, "Suggestions": | held-out | label | gold | suggested | exact P R F1 | overlap P R F1 |
    assert row("attribution") == (41, 39, 0.974, 0.927, 0.950, 0.974, 0.927, 0.950)
    assert row("claim") == (41, 38, 0.895, 0.829, 0.861, 1.000, 0.927, 0.962)
    assert row("overall") == (82, 77, 0.935, 0.878, 0.906, 0.987, 0.927, 0.956)
