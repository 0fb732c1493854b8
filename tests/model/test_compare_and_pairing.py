"""The two-document comparison (linked claim pairs, each way, then the rest) and the
two-article pairing helpers (candidates, word differences)."""

from __future__ import annotations

from tui.model.compare import compare
from tui.model.entities import Annotation, Link, LinkEnd
from tui.model.pairing import Candidate, candidates, word_diff


def ann(ident: str, doc: int, start: int, label: str = "claim", exact: str | None = None) -> Annotation:
    exact = exact or f"{ident} text"
    return Annotation(ident, doc, start, start + len(exact), label, exact)


def link(ident: str, source: Annotation, target: Annotation, relation: str, note: str = "") -> Link:
    def end(a: Annotation) -> LinkEnd:
        return LinkEnd(a.id, a.document_id, a.label, a.exact, a.start)

    return Link(ident, source.id, target.id, relation, note=note, source=end(source), target=end(target))


def claim_json(a: Annotation, attributions=()) -> dict:
    return {"id": a.id, "start": a.start, "end": a.end, "exact": a.exact, "attributions": list(attributions)}


def test_compare_pairs_linked_claims_each_way_and_lists_the_rest():
    a1, a2, a3 = ann("a1", 1, 50), ann("a2", 1, 10), ann("a3", 1, 90)
    b1, b2, b3 = ann("b1", 2, 5), ann("b2", 2, 40), ann("b3", 2, 70)
    cue = ann("cue", 1, 0, "attribution", "Klein said")
    other = ann("x1", 3, 0)
    annotations = [a1, a2, a3, b1, b2, b3, cue, other]
    links = [
        link("l0", cue, b3, "related"),  # skipped links before the pairs do not end the scan
        link("l1", a1, b1, "same_as", "as told"),
        link("l2", b2, a2, "contradicts"),  # made from B to A
        link("l3", cue, a1, "attributes"),
        link("l4", a3, other, "same_as"),  # to a third document: not a pair here
        link("l5", cue, b3, "supports"),  # an attribution is never half of a pair
    ]
    report = compare(1, 2, annotations, links)
    assert report["documents"] == [1, 2]
    assert report["pairs"] == [
        {"relation": "contradicts", "direction": "b->a", "note": "", "a": claim_json(a2), "b": claim_json(b2)},
        {"relation": "same_as", "direction": "a->b", "note": "as told", "a": claim_json(a1, ["Klein said"]),
         "b": claim_json(b1)},
    ]
    assert report["only_a"] == [claim_json(a3)]
    assert report["only_b"] == [claim_json(b3)]


def test_compare_skips_links_whose_target_is_not_a_claim_and_orders_pairs_by_both_offsets():
    a1, b1, b2 = ann("a1", 1, 10), ann("b1", 2, 30), ann("b2", 2, 20)
    cue_b = ann("cue", 2, 0, "attribution", "KCNA said")
    elsewhere = ann("x", 3, 0)
    links = [link("l3", a1, cue_b, "related"), link("l4", a1, elsewhere, "same_as"), link("l1", a1, b1, "same_as"),
             link("l2", a1, b2, "supports")]
    report = compare(1, 2, [a1, b1, b2, cue_b, elsewhere], links)
    assert [(p["a"]["id"], p["b"]["id"], p["relation"]) for p in report["pairs"]] == [
        ("a1", "b2", "supports"), ("a1", "b1", "same_as")]
    assert report["only_a"] == [] and report["only_b"] == []


def test_compare_with_no_links_lists_each_documents_claims_only():
    a1, b1 = ann("a1", 1, 0), ann("b1", 2, 0)
    report = compare(1, 2, [a1, b1, ann("cue", 1, 20, "attribution")], [])
    assert report == {"documents": [1, 2], "pairs": [], "only_a": [claim_json(a1)], "only_b": [claim_json(b1)]}


def test_candidates_are_the_closest_spans_with_their_scores():
    pool = [(0, 18, "North Korea shells", None), (20, 32, "nothing here", "x"),
            (40, 63, "Shells from North Korea!", "y"), (70, 80, "weather", None)]
    found = candidates("shells from North Korea", pool, limit=2)
    assert found == [Candidate(0, 18, "North Korea shells", 100.0, None),
                     Candidate(40, 63, "Shells from North Korea!", 100.0, "y")]
    assert len(candidates("shells from North Korea", pool)) == 4  # the default limit is five
    assert len(candidates("x", [(i, i + 1, f"x{i}", None) for i in range(9)])) == 5
    scores = [c.score for c in candidates("shells from North Korea", pool)]
    assert scores == sorted(scores, reverse=True) and scores[-1] < 50
    assert all(round(s, 1) == s for s in scores)
    (partial,) = candidates("The weather was fine", [(0, 24, "Kim met Putin in Beijing", None)])
    assert partial.score == 31.8  # one decimal kept, not rounded to a whole number


def test_word_diff_by_tokens():
    assert word_diff("Russia's 5.8 million shells", "Russia's 6 million shells arrived") == [
        ("=", "Russia ' s"), ("-", "5 . 8"), ("+", "6"), ("=", "million shells"), ("+", "arrived")]
    assert word_diff("some 11,000 troops", "11,000 troops") == [("-", "some"), ("=", "11 , 000 troops")]
    assert word_diff("", "") == []
    assert word_diff("troops left", "troops left for the front") == [("=", "troops left"), ("+", "for the front")]
    assert word_diff("troops left for the front", "troops left") == [("=", "troops left"), ("-", "for the front")]


def test_word_diff_pairs_repeated_words_without_junk_heuristics():
    # (It applies from 200 words on, to a word making more than 1% of them.)
    words = ["x", "the"] * 150
    a = " ".join([*words, "end"])
    b = " ".join(["the", "x"] * 150 + ["stop"])
    assert word_diff(a, b) == [("+", "the"), ("=", " ".join(words[:299])), ("-", "the end"), ("+", "stop")]
