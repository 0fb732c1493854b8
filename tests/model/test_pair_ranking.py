"""Ranking pair candidates across documents: text similarity plus a bonus for comparable
figures, best first, linked claims marked, a claim's own sentence not listed twice."""

from __future__ import annotations

from rapidfuzz import fuzz, utils

from tui.model.figures import figures
from tui.model.pair_ranking import (
    FIGURE_BONUS,
    PairCandidate,
    figure_verdict,
    rank_pairs,
    without_overlaps,
    written_word_diff,
)

CLAIM = "40 percent of the shells came from North Korea"


def similarity(a: str, b: str) -> float:
    # The documented text score: rapidfuzz's token-set ratio after its default normalisation.
    return fuzz.token_set_ratio(a, b, processor=utils.default_process)


def test_the_figure_bonus_is_about_a_quarter_of_a_good_match():
    assert FIGURE_BONUS == 15.0


def test_candidates_are_scored_by_similarity_plus_the_figure_bonus_and_ranked_best_first():
    same = "North Korea sent 40 percent of all its shells to Moscow"
    differ = "Nearly half of the shells came from North Korea"
    plain = "The weather in Moscow was fine that day"
    names = "Kim met Putin in Beijing on Tuesday"
    pools = {1: [(0, 47, differ, None), (50, 85, names, "k1")], 2: [(0, 55, same, "c2"), (60, 99, plain, None)]}
    ranked = rank_pairs(CLAIM, pools, {"c2": "supports"})
    assert all(isinstance(c, PairCandidate) for c in ranked)
    by_text = {c.text: c for c in ranked}
    assert set(by_text) == {same, differ, plain, names}
    assert by_text[same].figures == "same figures" and by_text[differ].figures == "figures differ"
    assert by_text[plain].figures == "" and by_text[names].figures == ""
    for text, bonus in ((same, FIGURE_BONUS), (differ, FIGURE_BONUS), (plain, 0.0), (names, 0.0)):
        assert by_text[text].score == round(min(100.0, similarity(CLAIM, text) + bonus), 1)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    assert by_text[same].linked == "supports" and by_text[differ].linked == "" and by_text[names].linked == ""
    assert (by_text[same].document_id, by_text[same].start, by_text[same].end, by_text[same].annotation_id) == \
        (2, 0, 55, "c2")
    assert (by_text[differ].document_id, by_text[differ].annotation_id) == (1, None)


def test_the_bonus_lifts_a_figure_match_above_a_sentence_that_shares_more_words():
    claim = "Nearly half of the artillery shells used by Russia came from North Korea"
    words = "Artillery used by Russia and shells from North Korea were discussed"
    figure = "North Korea supplied 40 percent of the shells"
    ranked = rank_pairs(claim, {1: [(0, 10, words, None), (20, 30, figure, None)]})
    assert similarity(claim, words) > similarity(claim, figure)  # without the bonus it would lose
    assert [c.text for c in ranked] == [figure, words]


def test_a_score_never_exceeds_100():
    ranked = rank_pairs(CLAIM, {1: [(0, 46, CLAIM, None)]})
    assert [c.score for c in ranked] == [100.0]


def test_ties_go_to_the_earlier_document_then_the_earlier_offset_and_the_limit_holds():
    text = "The weather was fine"
    pools = {3: [(5, 9, text, None), (1, 4, text, None)], 2: [(7, 9, text, None)], 1: [(9, 12, text, None)]}
    ranked = rank_pairs("The weather was fine", pools, limit=3)
    assert [(c.document_id, c.start) for c in ranked] == [(1, 9), (2, 7), (3, 1)]
    assert len(rank_pairs("The weather was fine", pools)) == 4  # the default limit is more than four
    assert [(c.document_id, c.start) for c in rank_pairs(text, pools, limit=1)] == [(1, 9)]


def test_the_default_limit_is_eight():
    pool = [(i * 10, i * 10 + 5, f"sentence number {i}", None) for i in range(12)]
    assert len(rank_pairs("sentence number", {1: pool})) == 8


def test_nothing_to_rank_gives_nothing():
    assert rank_pairs(CLAIM, {}) == []
    assert rank_pairs(CLAIM, {1: []}) == []


def test_an_untagged_sentence_overlapping_a_claim_is_left_out_for_the_claim():
    pool = [(0, 20, "first sentence here.", None), (21, 40, "second sentence now", None),
            (25, 35, "sentence n", "c1"), (40, 60, "third sentence after", None), (10, 21, "x", None)]
    kept = without_overlaps(pool)
    assert kept == [pool[0], pool[2], pool[3], pool[4]]  # touching ends (21/25 is a gap, 35/40) are kept
    assert without_overlaps(pool[:2]) == pool[:2]  # no claims: everything stays
    starts_at_its_end = (35, 50, "starts where the claim ends", None)
    assert without_overlaps([pool[2], starts_at_its_end]) == [pool[2], starts_at_its_end]


def test_a_sentence_overlapping_any_of_many_earlier_claims_is_left_out():
    claims = [(i * 10, i * 10 + 2, f"claim {i}", f"c{i}") for i in range(9)]
    long_sentence = (0, 100, "a sentence around every claim", None)
    assert without_overlaps([*claims, long_sentence]) == claims
    # A sentence inside a long claim, with seven short claims between their starts.
    inside = [(0, 100, "a long claim", "long"), *[(10 * k, 10 * k + 2, "short", f"s{k}") for k in range(1, 8)]]
    assert without_overlaps([*inside, (90, 95, "inside the long claim", None)]) == inside
    after = (90, 95, "after them all", None)
    assert without_overlaps([*claims, after]) == [*claims, after]


def test_figure_verdicts():
    assert figure_verdict(figures("40 percent of shells"), figures("nearly half of shells")) == "figures differ"
    assert figure_verdict(figures("40 percent of shells"), figures("40% of the shells")) == "same figures"
    assert figure_verdict(figures("40 percent of shells"), figures("no figure here")) == ""
    assert figure_verdict([], figures("40 percent")) == ""
    # One pair agreeing does not hide another that disagrees, in either order.
    a, b = figures("in 2024, 500 soldiers"), figures("in 2024, 600 soldiers")
    assert figure_verdict(a, b) == "figures differ"
    a, b = figures("500 soldiers in 2024"), figures("600 soldiers in 2024")
    assert figure_verdict(a, b) == "figures differ"


def test_counts_of_different_things_compare_only_when_each_is_alone_in_its_text():
    assert figure_verdict(figures("500 engineers"), figures("600 experts")) == "figures differ"
    assert figure_verdict(figures("500 engineers and 3 tanks"), figures("600 experts")) == ""
    assert figure_verdict(figures("600 experts"), figures("500 engineers and 3 tanks")) == ""
    assert figure_verdict(figures("500 engineers and 3 engineers"), figures("500 engineers")) == "figures differ"


def test_written_word_diff_keeps_words_as_written():
    a = "Russia’s 5.8 million shells, doesn't it?"
    b = "Russia’s 6 million shells, doesn't it!"
    assert written_word_diff(a, b) == [("=", "Russia’s"), ("-", "5.8"), ("+", "6"),
                                       ("=", "million shells, doesn't it"), ("-", "?"), ("+", "!")]


def test_written_word_diff_marks_insertions_and_deletions():
    assert written_word_diff("some 11,000 North Korean troops", "11,000 North Korean troops arrived") == [
        ("-", "some"), ("=", "11,000 North Korean troops"), ("+", "arrived")]
    assert written_word_diff("", "") == []
    assert written_word_diff("well-known  fact", "well-known  fact") == [("=", "well-known  fact")]


def test_written_word_diff_pairs_repeated_words_without_junk_heuristics():
    # difflib's autojunk would treat a word repeated this often as junk and pair nothing.
    # (It applies from 200 words on, to a word making more than 1% of them.)
    words = ["x", "the"] * 150
    a = " ".join([*words, "end"])
    b = " ".join(["the", "x"] * 150 + ["stop"])
    assert written_word_diff(a, b) == [("+", "the"), ("=", " ".join(words[:299])), ("-", "the end"), ("+", "stop")]
