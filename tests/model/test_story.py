"""The story model on plain data: stored speakers win over inference, cells, bridges."""

from __future__ import annotations

import json

from tui.model.entities import Annotation, Link, LinkEnd
from tui.model.story import ABSENT, CARRIES, CONTRADICTS, StoryDocument, build_story, stored_speaker

TEXTS = {
    1: "Margarete Klein said 40 percent came from North Korea.",
    2: "Officials said nearly half came from North Korea.",
    3: "KCNA said none came from North Korea.",
}


def span(doc: int, ident: str, quote: str, label: str, attributes: dict | None = None) -> Annotation:
    start = TEXTS[doc].index(quote)
    return Annotation(ident, doc, start, start + len(quote), label, quote, attributes=json.dumps(attributes or {}))


def link(ident: str, source: Annotation, target: Annotation, relation: str) -> Link:
    def end(a: Annotation) -> LinkEnd:
        return LinkEnd(a.id, a.document_id, a.label, a.exact, a.start)

    return Link(ident, source.id, target.id, relation, source=end(source), target=end(target))


def make(attributes: dict | None = None, documents=(1, 2, 3)):
    claims = [span(1, "c1", "40 percent came from North Korea", "claim"),
              span(2, "c2", "nearly half came from North Korea", "claim"),
              span(3, "c3", "none came from North Korea", "claim")]
    cues = [span(1, "a1", "Margarete Klein said", "attribution", attributes),
            span(2, "a2", "Officials said", "attribution"),
            span(3, "a3", "KCNA said", "attribution")]
    links = [link("l1", cues[0], claims[0], "attributes"), link("l2", cues[1], claims[1], "attributes"),
             link("l3", cues[2], claims[2], "attributes"), link("l4", claims[1], claims[0], "supports"),
             link("l5", claims[2], claims[0], "contradicts"), link("l4", claims[1], claims[0], "supports")]
    docs = [StoryDocument(d, f"doc {d}", f"outlet {d}") for d in documents]
    shown = [a for a in claims + cues if a.document_id in documents]
    # Each document's links, as the store gives them: a link touching two documents comes twice.
    return build_story(docs, shown, [x for x in links for _ in (0, 1)], TEXTS)


def test_cells_stances_and_figures():
    story = make()
    (cluster,) = story.clusters
    assert [cluster.cell(d)[0] for d in (1, 2, 3)] == [CARRIES, "supports", CONTRADICTS]
    assert cluster.figures_differ
    assert [(d.a[1].text, d.b[1].text) for d in cluster.differences] == [("40 percent", "nearly half")]
    assert story.only == {1: [], 2: [], 3: []}
    # Enter on the cluster opens each document at its claim.
    none = TEXTS[3].index("none came")
    assert cluster.targets([3, 1, 2]) == [(3, none, none + 26), (1, 21, 53), (2, 15, 48)]
    assert TEXTS[1][21:53] == "40 percent came from North Korea"


def test_inferred_speakers_and_types():
    story = make()
    rows = {row.speaker: (row.speaker_type, row.inferred) for row in story.sources}
    assert rows == {"Margarete Klein": ("other", True), "Officials": ("anonymous", True),
                    "KCNA": ("state media", True)}


def test_a_stored_speaker_wins_and_says_whether_a_person_confirmed_it():
    story = make({"speaker": "Dr  Margarete Klein", "speaker_type": "expert"})
    claim = story.clusters[0].claims[0]
    (attribution,) = claim.attributions
    assert (attribution.speaker.name, attribution.speaker.speaker_type, attribution.speaker.inferred) == \
        ("Dr Margarete Klein", "expert", False)
    pending = make({"speaker": "M. Klein", "speaker_type": "nonsense", "speaker_status": "inferred"})
    speaker = pending.clusters[0].claims[0].attributions[0].speaker
    assert (speaker.name, speaker.speaker_type, speaker.inferred) == ("M. Klein", "other", True)
    assert stored_speaker("not json") is None and stored_speaker('{"speaker": "  "}') is None


def test_a_document_left_out_still_joins_its_partners():
    story = make(documents=(2, 3))
    # c2 supports c1 and c3 contradicts c1: without document 1, c3 still contradicts what c2 supports.
    (cluster,) = story.clusters
    assert [(c.id, c.stance) for c in cluster.claims] == [("c2", "supports"), ("c3", CONTRADICTS)]
    assert cluster.cell(1)[0] == ABSENT  # not in the story at all
    assert story.only == {2: [], 3: []}
    # With only document 3, nothing is shared.
    alone = make(documents=(3,))
    assert alone.clusters == [] and [c.id for c in alone.only[3]] == ["c3"]


def test_any_links_give_a_story_that_places_every_claim():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    text = "Claim one here. Claim two here. Claim three here."
    texts = {d: text for d in (1, 2, 3)}
    claims = [Annotation(f"{d}-{i}", d, text.index(f"Claim {w}"), text.index(f"Claim {w}") + len(f"Claim {w} here"),
                         "claim", f"Claim {w} here") for d in (1, 2, 3) for i, w in enumerate(("one", "two", "three"))]
    ends = st.sampled_from(claims)
    relations = st.sampled_from(["same_as", "supports", "contradicts", "related"])

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(ends, ends, relations), max_size=10), st.sets(st.sampled_from([1, 2, 3]), min_size=1))
    def check(picked, shown):
        links = [link(f"l{n}", a, b, r) for n, (a, b, r) in enumerate(picked) if a.id != b.id]
        docs = [StoryDocument(d, f"doc {d}", "") for d in sorted(shown)]
        story = build_story(docs, [c for c in claims if c.document_id in shown], links, texts)
        placed = {c.id for cluster in story.clusters for c in cluster.claims} | \
            {c.id for only in story.only.values() for c in only}
        assert placed == {c.id for c in claims if c.document_id in shown}
        for cluster in story.clusters:
            ids = [c.id for c in cluster.claims]
            assert len(ids) == len(set(ids)) >= 2
            assert all(c.document in shown for c in cluster.claims)
        json.dumps(story.as_json())

    check()
