"""The story on a small hand-made case: its JSON (the README's field list), who speaks,
where the reader opens a claim, and which figures are reported as differing."""

from __future__ import annotations

import json

from tui.model.entities import Annotation, Link, LinkEnd
from tui.model.speakers import Speaker
from tui.model.story import (
    ABSENT,
    CARRIES,
    CELL_STANCES,
    CONTRADICTS,
    SUPPORTS,
    WHOLE_TEXT_UP_TO,
    StoryDocument,
    build_story,
    stored_speaker,
)

TEXTS = {
    1: "President Kim Jong Un said 500 soldiers left in 2024. Kim said 500 soldiers left in 2024. Weather was fine.",
    2: "Kim Jong Un told reporters 800 troops left in 2025. Analysts said nothing else.",
    3: "Officials said 800 soldiers left.",
}


def span(doc: int, ident: str, quote: str, label: str, attributes: dict | None = None, nth: int = 0,
         texts: dict = TEXTS) -> Annotation:
    start = -1
    for _ in range(nth + 1):
        start = texts[doc].index(quote, start + 1)
    return Annotation(ident, doc, start, start + len(quote), label, quote, attributes=json.dumps(attributes or {}))


def link(ident: str, source: Annotation, target: Annotation, relation: str) -> Link:
    def end(a: Annotation) -> LinkEnd:
        return LinkEnd(a.id, a.document_id, a.label, a.exact, a.start)

    return Link(ident, source.id, target.id, relation, source=end(source), target=end(target))


C1 = span(1, "c1", "500 soldiers left in 2024", "claim")
C1B = span(1, "c1b", "500 soldiers left in 2024", "claim", nth=1)
C2 = span(2, "c2", "800 troops left in 2025", "claim")
C3 = span(3, "c3", "800 soldiers left", "claim")
W = span(1, "w", "Weather was fine", "claim")
N2 = span(2, "n2", "nothing else", "claim")
A1 = span(1, "a1", "President Kim Jong Un said", "attribution")
A1B = span(1, "a1b", "Kim said", "attribution")
A2 = span(2, "a2", "Kim Jong Un told reporters", "attribution")
A3 = span(3, "a3", "Officials said", "attribution")
LINKS = [link("l1", A1, C1, "attributes"), link("l2", A1B, C1B, "attributes"), link("l3", A2, C2, "attributes"),
         link("l4", C2, C1, "same_as"), link("l5", C1B, C1, "same_as"), link("l6", C3, C2, "supports"),
         link("l7", A3, C3, "attributes"), link("l8", W, N2, "related")]
DOCS = [StoryDocument(1, "one", "A"), StoryDocument(2, "two", "B", "2025-01-01")]


def story():
    # Document 3 is not in the story: its claim and attribution reach it through links only.
    return build_story(DOCS, [C1, C1B, C2, W, N2, A1, A1B, A2], LINKS + LINKS[:3], TEXTS)


def count(figure_text: str, start: int, value: float, measure: list, reading: str, claim: str, doc: int) -> dict:
    return {"claim": claim, "document": doc, "text": figure_text, "start": start, "end": start + len(figure_text),
            "kind": "count", "value": value, "low": value, "high": value, "unit": "", "approximate": False,
            "measure": measure, "reading": reading}


def year(y: int, start: int, claim: str, doc: int) -> dict:
    return {"claim": claim, "document": doc, "text": str(y), "start": start, "end": start + 4, "kind": "date",
            "value": str(y), "low": y * 10_000 + 101.0, "high": y * 10_000 + 1231.0, "unit": "",
            "approximate": False, "measure": ["at"], "reading": str(y)}


def test_the_story_as_json():
    data = story().as_json()
    assert data["documents"] == [{"id": 1, "title": "one", "source": "A", "published": ""},
                                 {"id": 2, "title": "two", "source": "B", "published": "2025-01-01"}]
    (cluster,) = data["clusters"]
    assert cluster["id"] == 1
    kim = {"speaker": "Kim Jong Un", "role": "President", "speaker_type": "government", "inferred": True}
    assert cluster["claims"] == [
        {"id": "c1", "document": 1, "exact": "500 soldiers left in 2024", "stance": CARRIES, "start": 27,
         "end": 52, "related": [], "attributions": [{"id": "a1", "exact": "President Kim Jong Un said", **kim}]},
        {"id": "c1b", "document": 1, "exact": "500 soldiers left in 2024", "stance": CARRIES, "start": 63,
         "end": 88, "related": [], "attributions": [{"id": "a1b", "exact": "Kim said", **kim}]},
        # No role in document 2: the type comes from the same speaker in document 1.
        {"id": "c2", "document": 2, "exact": "800 troops left in 2025", "stance": CARRIES, "start": 27, "end": 50,
         "related": [], "attributions": [{"id": "a2", "exact": "Kim Jong Un told reporters", "speaker": "Kim Jong Un",
                                          "role": "", "speaker_type": "government", "inferred": True}]},
    ]
    assert cluster["cells"] == [{"document": 1, "stance": CARRIES}, {"document": 2, "stance": CARRIES}]
    soldiers1 = count("500", 0, 500.0, ["soldier", "left"], "500 soldier left", "c1", 1)
    soldiers2 = count("800", 0, 800.0, ["soldier", "left"], "800 soldier left", "c2", 2)
    assert cluster["figures"] == [soldiers1, year(2024, 21, "c1", 1), {**soldiers1, "claim": "c1b"},
                                  year(2024, 21, "c1b", 1), soldiers2, year(2025, 19, "c2", 2)]
    assert cluster["figures_differ"] is True
    # The headline and its repeat in document 1 read the same: one difference each, not two.
    assert cluster["figure_differences"] == [
        {"kind": "count", "a": soldiers1, "b": soldiers2},
        {"kind": "date", "a": year(2024, 21, "c1", 1), "b": year(2025, 19, "c2", 2)},
    ]
    assert data["only"] == [
        {"document": 1, "claims": [{"id": "w", "document": 1, "exact": "Weather was fine", "attributions": [],
                                    "stance": CARRIES, "start": 90, "end": 106, "related": ["n2"]}]},
        {"document": 2, "claims": [{"id": "n2", "document": 2, "exact": "nothing else", "attributions": [],
                                    "stance": CARRIES, "start": 66, "end": 78, "related": ["w"]}]},
    ]
    assert data["sources"] == [{
        "speaker": "Kim Jong Un", "speaker_type": "government", "inferred": True,
        "documents": [{"document": 1, "attributions": 2, "claims": 2}, {"document": 2, "attributions": 1, "claims": 1}],
        "attributions": 3, "claims": 3}]
    json.dumps(data)


def test_cells_and_where_the_reader_opens_a_claim():
    (cluster,) = story().clusters
    assert cluster.number == 1
    stance, claims = cluster.cell(1)
    assert stance == CARRIES and [c.id for c in claims] == ["c1", "c1b"]
    assert cluster.cell(3) == (ABSENT, [])
    assert cluster.targets([2, 3, 1]) == [(2, 27, 50), (1, 27, 52)]
    assert CELL_STANCES == (CARRIES, SUPPORTS, CONTRADICTS, ABSENT)


def test_the_reader_opens_the_first_of_a_documents_claims_by_offset_then_end():
    text = "Officials said 40 percent of the shells came from North Korea."
    texts = {1: text, 2: text}
    long = Annotation("a-long", 1, 15, 61, "claim", text[15:61])
    short = Annotation("b-short", 1, 15, 39, "claim", text[15:39])
    other = Annotation("c", 2, 15, 39, "claim", text[15:39])
    found = build_story([StoryDocument(1, "", ""), StoryDocument(2, "", "")], [long, short, other],
                        [link("l1", long, other, "same_as"), link("l2", short, other, "same_as")], texts)
    (cluster,) = found.clusters
    assert [c.id for c in cluster.claims] == ["a-long", "b-short", "c"]
    assert cluster.targets([1, 2]) == [(1, 15, 39), (2, 15, 39)]


def test_a_claim_with_two_dates_does_not_compare_them():
    texts = {1: "In 2023 and 2024 the plant ran.", 2: "In 2025 the plant ran."}
    a = Annotation("a", 1, 0, 30, "claim", texts[1][:30])
    b = Annotation("b", 2, 0, 22, "claim", texts[2][:22])
    found = build_story([StoryDocument(1, "", ""), StoryDocument(2, "", "")], [a, b], [link("l", a, b, "same_as")],
                        texts)
    (cluster,) = found.clusters
    assert len(cluster.figures) == 3 and cluster.differences == [] and not cluster.figures_differ


def test_two_claims_of_one_document_are_not_compared_with_each_other():
    texts = {1: "500 shells came. 800 shells came.", 2: "Nothing said."}
    a = Annotation("a", 1, 0, 15, "claim", texts[1][:15])
    b = Annotation("b", 1, 17, 32, "claim", texts[1][17:32])
    found = build_story([StoryDocument(1, "", ""), StoryDocument(2, "", "")], [a, b], [link("l", a, b, "same_as")],
                        texts)
    (cluster,) = found.clusters
    assert cluster.differences == [] and len(cluster.figures) == 2


def test_a_cluster_with_one_shown_claim_gives_it_back_to_its_document():
    found = build_story(DOCS[:1], [C1, A1], LINKS, TEXTS)
    assert found.clusters == []
    assert [c.id for c in found.only[1]] == ["c1"]
    assert found.only[1][0].attributions[0].speaker.name == "Kim Jong Un"


def test_documents_outside_the_story_come_after_it_in_the_order_of_their_ids():
    texts = {1: "Claim one.", 2: "Claim two.", 5: "Claim five.", 9: "Claim nine."}
    c = {d: Annotation(f"c{d}", d, 0, len(t) - 1, "claim", t[:-1]) for d, t in texts.items()}
    links = [link("l1", c[9], c[1], "same_as"), link("l2", c[5], c[2], "same_as"), link("l3", c[5], c[9], "same_as")]
    found = build_story([StoryDocument(2, "", ""), StoryDocument(1, "", "")], [c[1], c[2]], links, texts)
    (cluster,) = found.clusters
    # Story order (2 then 1), whatever the unseen documents' ids.
    assert [x.id for x in cluster.claims] == ["c2", "c1"]


def test_a_speaker_is_unresolved_when_the_text_no_longer_matches():
    texts = {1: "Klein said 40 percent came.", 2: "Officials said 40 percent came."}
    a = Annotation("a", 1, 0, 10, "attribution", "Klein says")  # the text changed under it
    c = Annotation("c", 1, 11, 26, "claim", texts[1][11:26])
    found = build_story([StoryDocument(1, "", "")], [a, c], [link("l", a, c, "attributes")], texts)
    speaker = found.only[1][0].attributions[0].speaker
    assert (speaker.name, speaker.method) == ("", "unresolved")
    assert [row.speaker for row in found.sources] == ["(unresolved)"]
    missing = build_story([StoryDocument(1, "", "")], [a, c], [link("l", a, c, "attributes")], {})
    assert missing.only[1][0].attributions[0].speaker.name == ""


def test_an_attribution_in_a_very_long_text_still_finds_its_speaker():
    filler = "Nothing happened. " * (WHOLE_TEXT_UP_TO // 18 + 10)
    text = filler + "Margarete Klein said 40 percent came."
    assert len(text) > WHOLE_TEXT_UP_TO
    start = len(filler)
    a = Annotation("a", 1, start, start + 20, "attribution", "Margarete Klein said")
    c = Annotation("c", 1, start + 21, start + 36, "claim", text[start + 21:start + 36])
    found = build_story([StoryDocument(1, "", "")], [a, c], [link("l", a, c, "attributes")], {1: text})
    assert found.only[1][0].attributions[0].speaker.name == "Margarete Klein"
    assert WHOLE_TEXT_UP_TO == 200_000


def test_attributions_are_listed_in_story_order_then_by_offset():
    text = "Klein said and Berger said: 40 percent came."
    claim = Annotation("c", 1, 28, 43, "claim", text[28:43])
    berger = Annotation("b", 1, 15, 26, "attribution", text[15:26], attributes=json.dumps({"speaker": "Hanna Berger"}))
    klein = Annotation("k", 1, 0, 10, "attribution", text[0:10], attributes=json.dumps({"speaker": "M Klein"}))
    found = build_story([StoryDocument(1, "", "")], [claim, berger, klein],
                        [link("l1", berger, claim, "attributes"), link("l2", klein, claim, "attributes")], {1: text})
    assert [a.id for a in found.only[1][0].attributions] == ["k", "b"]


def test_stored_speaker_reads_the_attributes_a_person_set():
    confirmed = stored_speaker(json.dumps({"speaker": " Hanna   Berger ", "speaker_type": "expert",
                                           "speaker_role": "analyst"}))
    assert confirmed == Speaker("Hanna Berger", "analyst", "expert", "confirmed", 1.0, False)
    pending = stored_speaker(json.dumps({"speaker": "Hanna Berger", "speaker_status": "inferred"}))
    assert pending == Speaker("Hanna Berger", "", "other", "inferred", 0.0, True)
    assert stored_speaker(json.dumps(["not", "a", "dict"])) is None
    assert stored_speaker(json.dumps({"speaker": 5})) is None
    assert stored_speaker("") is None and stored_speaker("{}") is None
    assert stored_speaker(json.dumps({"speaker": "X", "speaker_status": "confirmed"})).inferred is False


def test_each_documents_own_claims_are_listed_by_offset_and_every_attribution_counts_as_a_source():
    text = "Klein said: first claim. Second claim here. Klein added more."
    second = Annotation("a", 1, 25, 42, "claim", text[25:42])
    first_long = Annotation("z", 1, 12, 42, "claim", text[12:42])
    first = Annotation("y", 1, 12, 23, "claim", text[12:23])
    cue = Annotation("k", 1, 0, 10, "attribution", text[:10], attributes=json.dumps({"speaker": "M Klein"}))
    added = Annotation("k2", 1, 44, 55, "attribution", text[44:55], attributes=json.dumps({"speaker": "M Klein"}))
    found = build_story([StoryDocument(1, "", ""), StoryDocument(2, "", "")], [second, first_long, cue, first, added],
                        [link("l", cue, first, "attributes")], {1: text})
    assert [c.id for c in found.only[1]] == ["y", "z", "a"]
    assert found.only[2] == []
    (row,) = found.sources
    assert (row.speaker, row.attributions, row.claims, row.inferred) == ("M Klein", {1: 2}, {1: {"y"}}, False)


def test_a_cell_shows_the_strongest_stance_of_its_documents_claims():
    texts = {1: "Half came from the North.", 2: "Some came from the North. None came from the North."}
    carried = Annotation("c", 1, 0, 24, "claim", texts[1][:24])
    supports = Annotation("s", 2, 0, 24, "claim", texts[2][:24])
    contradicts = Annotation("x", 2, 26, 50, "claim", texts[2][26:50])
    found = build_story([StoryDocument(1, "", ""), StoryDocument(2, "", "")], [carried, supports, contradicts],
                        [link("l1", contradicts, carried, "contradicts"), link("l2", supports, carried, "supports")],
                        texts)
    (cluster,) = found.clusters
    assert [(c.id, c.stance) for c in cluster.claims] == [("c", CARRIES), ("s", SUPPORTS), ("x", CONTRADICTS)]
    assert cluster.cell(2) == (SUPPORTS, [cluster.claims[1], cluster.claims[2]])


def test_a_story_made_by_hand_without_only_lists_still_gives_them_in_json():
    from tui.model.story import Story

    made = Story([StoryDocument(4, "t", "s")], [], {}, [])
    assert made.as_json() == {"documents": [{"id": 4, "title": "t", "source": "s", "published": ""}],
                              "clusters": [], "only": [{"document": 4, "claims": []}], "sources": []}


def two_documents(texts: dict, annotations: list, links: list):
    return build_story([StoryDocument(1, "", ""), StoryDocument(2, "", "")], annotations, links, texts)


def test_a_figure_difference_is_found_after_figures_that_do_not_compare():
    texts = {1: "500 shells came.", 2: "In 2024, 800 shells came."}
    a = Annotation("a", 1, 0, 15, "claim", texts[1][:15])
    b = Annotation("b", 2, 0, 24, "claim", texts[2][:24])
    (cluster,) = two_documents(texts, [a, b], [link("l", a, b, "same_as")]).clusters
    assert [(d.a[1].text, d.b[1].text) for d in cluster.differences] == [("500", "800")]


def test_a_cluster_without_two_shown_claims_does_not_hide_the_next_one():
    texts = {1: "Alpha came. Beta came.", 2: "Beta came too.", 3: "Alpha came too."}
    alpha = Annotation("alpha", 1, 0, 10, "claim", texts[1][:10])
    beta = Annotation("beta", 1, 12, 21, "claim", texts[1][12:21])
    beta2 = Annotation("beta2", 2, 0, 13, "claim", texts[2][:13])
    alpha3 = Annotation("alpha3", 3, 0, 14, "claim", texts[3][:14])  # document 3 is not in the story
    found = two_documents(texts, [alpha, beta, beta2], [link("l1", alpha3, alpha, "same_as"),
                                                        link("l2", beta2, beta, "same_as")])
    assert [[c.id for c in cluster.claims] for cluster in found.clusters] == [["beta", "beta2"]]
    assert [c.id for c in found.only[1]] == ["alpha"]


def test_claims_beyond_the_story_sort_after_its_documents():
    # Story documents 5, 6 and 7; document 1 is outside it. Cluster X = (6, 7, outside 1), Y = (6, 7).
    texts = {6: "Why. " * 4 + "Ex.", 7: "Why. " * 4 + "Ex.", 1: "Ex."}
    x6, x7, x1 = (Annotation(f"x{d}", d, 20 if d != 1 else 0, 22 if d != 1 else 2, "claim", "Ex") for d in (6, 7, 1))
    y6, y7 = (Annotation(f"y{d}", d, 15 if d == 6 else 0, 18 if d == 6 else 3, "claim", "Why") for d in (6, 7))
    found = build_story([StoryDocument(d, "", "") for d in (5, 6, 7)], [x6, x7, y6, y7],
                        [link("l1", x6, x1, "same_as"), link("l2", x7, x1, "same_as"), link("l3", y6, y7, "same_as")],
                        texts)
    # Y's first claim (document 6, offset 15) comes before X's (document 6, offset 20); the outside claim,
    # at offset 0 of document 1, counts as after every story document.
    assert [[c.id for c in cluster.claims] for cluster in found.clusters] == [["y6", "y7"], ["x6", "x7"]]


def test_related_lists_claims_only():
    texts = {1: "Klein said it came.", 2: "It came."}
    cue = Annotation("k", 1, 0, 10, "attribution", texts[1][:10])
    a = Annotation("a", 1, 11, 18, "claim", texts[1][11:18])
    b = Annotation("b", 2, 0, 7, "claim", texts[2][:7])
    found = two_documents(texts, [cue, a, b], [link("l1", a, cue, "related"), link("l2", b, a, "related")])
    assert [(c.id, c.related) for c in found.only[1] + found.only[2]] == [("a", ("b",)), ("b", ("a",))]


def test_an_inferred_speaker_without_a_role_takes_the_commonest_type_of_the_same_name():
    texts = {1: "Kim said. It came.", 2: "Kim said. It came."}

    def said(ident: str, doc: int, attributes: dict) -> Annotation:
        return Annotation(ident, doc, 0, 8, "attribution", "Kim said", attributes=json.dumps(attributes))

    inferred = {"speaker": "Kim", "speaker_status": "inferred"}
    quotes = [said("q1", 1, {**inferred, "speaker_type": "expert"}),
              said("q2", 1, {**inferred, "speaker_type": "government"}),
              said("q3", 2, {**inferred, "speaker_type": "government"}),
              said("q4", 2, inferred),  # no type of its own: takes government, the commonest
              said("q5", 2, {"speaker": "Kim"})]  # confirmed by a person as "other": kept
    claims = [Annotation(f"c{d}", d, 10, 17, "claim", "It came") for d in (1, 2)]
    links = [link(f"l{q.id}", q, claims[q.document_id - 1], "attributes") for q in quotes]
    found = two_documents(texts, quotes + claims, links)
    types = {a.id: a.speaker.speaker_type for c in found.only[1] + found.only[2] for a in c.attributions}
    assert types == {"q1": "expert", "q2": "government", "q3": "government", "q4": "government", "q5": "other"}


def test_a_speaker_is_read_from_the_attribution_not_from_the_text_after_it():
    text = "Officials said. Margarete Klein agreed with it."
    cue = Annotation("k", 1, 0, 14, "attribution", text[:14])
    claim = Annotation("c", 1, 16, 46, "claim", text[16:46])
    found = build_story([StoryDocument(1, "", "")], [cue, claim], [link("l", cue, claim, "attributes")], {1: text})
    assert found.only[1][0].attributions[0].speaker.name == "Officials"
