"""schema.org ClaimReview, key by key, on small hand-made records: which claims are reviewed,
the rating on the 1-5 scale, the Claim's @id shared by same_as partners, its appearances,
its author (the speaker of the linked attribution) and the dates and URLs it may carry."""

from __future__ import annotations

import io
import json

import pytest

from tui.formats import claimreview
from tui.formats.claimreview import claim_reviews

UUID = "11111111-1111-4111-8111-111111111111"


def _record(id, doc=1, label="claim", exact="a claim", start=0, attributes=None, links=(), **more):
    record = {"id": id, "document": {"id": doc}, "label": label, "exact": exact, "start": start, "annotator": "ann",
              "created": "2026-01-01T00:00:00Z", "modified": "2026-01-02T00:00:00Z", "status": "anchored",
              "attributes": attributes if attributes is not None else {}, "links": list(links)}
    record.update(more)
    return record


def _rated(id, verdict="false", **more):
    return _record(id, attributes={"rating": verdict}, **more)


def _link(relation, direction, other):
    return {"relation": relation, "direction": direction, "other": other}


def test_a_rated_claim_is_one_review_with_every_key():
    [review] = claim_reviews([_rated(UUID, exact="  Forty\n\tpercent  came ")], {})
    assert review == {
        "@type": "ClaimReview",
        "claimReviewed": "Forty percent came",
        "reviewRating": {"@type": "Rating", "alternateName": "false", "ratingValue": 1, "bestRating": 5,
                         "worstRating": 1},
        "itemReviewed": {"@type": "Claim", "@id": f"urn:uuid:{UUID}", "text": "Forty percent came"},
        "author": {"@type": "Person", "name": "ann"},
        "datePublished": "2026-01-02T00:00:00Z",
    }


@pytest.mark.parametrize(("verdict", "value"), [("true", 5), ("mostly-true", 4), ("half-true", 3),
                                                ("mostly-false", 2), ("false", 1), ("misleading", 2)])
def test_each_verdict_has_its_place_on_the_scale(verdict, value):
    [review] = claim_reviews([_rated("c", verdict)], {})
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": verdict, "ratingValue": value,
                                      "bestRating": 5, "worstRating": 1}


def test_unverifiable_carries_its_words_only():
    [review] = claim_reviews([_rated("c", "unverifiable")], {})
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "unverifiable"}


def test_only_rated_anchored_claims_of_the_asked_document_are_reviewed():
    records = [
        _rated("a1"),
        _rated("a2", label="attribution"),
        _record("a3"),                                     # no rating
        _record("a4", attributes={"rating": "pants"}),     # not a verdict
        _rated("a5", status="orphaned"),
        _rated("a6", status="moved"),
        _record("a7", attributes=None) | {"attributes": None},
        _rated("b1", doc=2),
    ]
    assert [r["itemReviewed"]["@id"] for r in claim_reviews(records, {})] == [
        "urn:diptych:claim:a1", "urn:diptych:claim:a6", "urn:diptych:claim:b1"]
    assert [r["itemReviewed"]["@id"] for r in claim_reviews(records, {}, document_id=2)] == ["urn:diptych:claim:b1"]
    assert [r["itemReviewed"]["@id"] for r in claim_reviews(records, {}, document_id=1)] == [
        "urn:diptych:claim:a1", "urn:diptych:claim:a6"]


def test_a_claim_id_that_is_not_a_uuid_is_quoted_into_a_diptych_urn():
    [review] = claim_reviews([_rated("a b/c#d-e")], {})
    assert review["itemReviewed"]["@id"] == "urn:diptych:claim:a%20b%2Fc%23d-e"


def test_a_uuid_claim_id_is_written_in_its_canonical_form():
    [review] = claim_reviews([_rated(UUID.replace("-", "").upper())], {})
    assert review["itemReviewed"]["@id"] == f"urn:uuid:{UUID}"


def test_the_review_url_anchors_the_review_and_the_claim():
    [review] = claim_reviews([_rated("c 1")], {}, review_url="https://checks.example/page?x=1#old")
    assert review["url"] == "https://checks.example/page?x=1#claim-c%201"
    assert review["itemReviewed"]["@id"] == "https://checks.example/page?x=1#claim-item-c%201"


def test_a_review_url_without_a_path_anchors_on_the_root():
    [review] = claim_reviews([_rated(UUID)], {}, review_url="https://checks.example")
    assert review["url"] == f"https://checks.example/#claim-{UUID}"
    assert review["itemReviewed"]["@id"] == f"https://checks.example/#claim-item-{UUID}"


def test_the_author_is_the_organisation_else_the_annotator_else_unknown():
    [by_org] = claim_reviews([_rated("c")], {}, organisation="Fact Checkers")
    assert by_org["author"] == {"@type": "Organization", "name": "Fact Checkers"}
    [nobody] = claim_reviews([_rated("c", annotator="")], {})
    assert nobody["author"] == {"@type": "Person", "name": "unknown"}
    [missing] = claim_reviews([{k: v for k, v in _rated("c").items() if k != "annotator"}], {})
    assert missing["author"] == {"@type": "Person", "name": "unknown"}


def test_the_review_date_is_the_rating_time_else_the_creation():
    [review] = claim_reviews([_rated("c", modified=None)], {})
    assert review["datePublished"] == "2026-01-01T00:00:00Z"


DOCUMENTS = {
    1: {"title": " A\n title ", "source": " Outlet\tA ", "url": " https://a.example/1 ", "published": "2025-09-03"},
    2: {"title": "B", "source": "", "url": "ftp://b.example/2", "published": " 2025-08-01T10:00:00+00:00 "},
    3: {"title": "", "source": "", "url": "", "published": ""},
    4: {"title": "", "source": "Outlet D", "url": "HTTPS://d.example/4", "published": "yesterday"},
}


def test_same_as_partners_share_the_oldest_id_and_every_appearance():
    records = [
        _rated("m", doc=1, links=[_link("same_as", "out", "k")]),
        _record("k", doc=2, links=[_link("same_as", "in", "m"), _link("same_as", "out", "z")]),
        _record("z", doc=3, links=[_link("same_as", "in", "k")]),
        _record("y", doc=4, links=[_link("supports", "out", "m")]),   # not same_as: not an appearance
        _record("x", doc=1, links=[_link("same_as", "out", "m")]),   # a second claim in document 1
    ]
    [review] = claim_reviews(records, DOCUMENTS)
    claim = review["itemReviewed"]
    assert claim["@id"] == "urn:diptych:claim:k"  # "k" < "m" < "x" < "z"
    # One appearance per document, in the group's id order (k: 2, m: 1, x: 1, z: 3 with nothing to say).
    assert claim["appearance"] == [
        {"@type": "CreativeWork", "headline": "B", "datePublished": "2025-08-01T10:00:00+00:00"},
        {"@type": "CreativeWork", "url": "https://a.example/1", "headline": "A title",
         "publisher": {"@type": "Organization", "name": "Outlet A"}, "datePublished": "2025-09-03"},
    ]
    assert claim["firstAppearance"] == claim["appearance"][0]
    assert claim["datePublished"] == "2025-09-03"


def test_the_first_appearance_is_the_earliest_dated_one():
    documents = {1: {"title": "late", "published": "2025-09-03"}, 2: {"title": "undated"},
                 3: {"title": "early", "published": "2025-01-01"}}
    records = [_rated("a", doc=1, links=[_link("same_as", "out", "b"), _link("same_as", "out", "c")]),
               _record("b", doc=2), _record("c", doc=3)]
    [review] = claim_reviews(records, documents)
    assert [a["headline"] for a in review["itemReviewed"]["appearance"]] == ["late", "undated", "early"]
    assert review["itemReviewed"]["firstAppearance"] == {"@type": "CreativeWork", "headline": "early",
                                                         "datePublished": "2025-01-01"}


def test_no_dated_appearance_means_no_first_appearance():
    [review] = claim_reviews([_rated("a")], {1: {"title": "T"}})
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "headline": "T"}]
    assert "firstAppearance" not in review["itemReviewed"] and "datePublished" not in review["itemReviewed"]


def test_a_document_with_nothing_to_say_is_no_appearance():
    [review] = claim_reviews([_rated("a", doc=4)], {4: {"url": "javascript:x", "published": "soon"}})
    assert "appearance" not in review["itemReviewed"]
    [review] = claim_reviews([_rated("a", doc=4)], DOCUMENTS)
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "HTTPS://d.example/4",
                                                     "publisher": {"@type": "Organization", "name": "Outlet D"}}]


def test_same_as_to_a_claim_outside_the_records_is_ignored():
    [review] = claim_reviews([_rated("b", links=[_link("same_as", "out", "a")])], {})
    assert review["itemReviewed"]["@id"] == "urn:diptych:claim:b"


def test_groups_are_whole_components_oldest_id_first():
    records = [_record(i, links=[_link("same_as", "out", j)]) for i, j in (("d", "c"), ("c", "b"), ("e", "f"))]
    records += [_record("b"), _record("f"), _record("lone")]
    by_id = {r["id"]: r for r in records}
    groups = claimreview._same_as_groups(records, by_id)
    assert groups == {"b": ["b", "c", "d"], "c": ["b", "c", "d"], "d": ["b", "c", "d"], "e": ["e", "f"],
                      "f": ["e", "f"]}


def _speaker_of(*sources, claim_links=None):
    claim = _rated("c", links=claim_links if claim_links is not None else [_link("attributes", "in", s["id"])
                                                                           for s in sources])
    [review] = claim_reviews([claim, *sources], {})
    return review["itemReviewed"].get("author")


def test_the_claims_author_is_the_speaker_attribute_of_its_attribution():
    source = _record("s", label="attribution", exact="the minister said", attributes={"speaker": " Jane\n Doe "})
    assert _speaker_of(source) == {"@type": "Person", "name": "Jane Doe"}


@pytest.mark.parametrize("speaker", [None, "", "   ", 7])
def test_without_a_speaker_name_the_author_is_the_attribution_as_written(speaker):
    attributes = {} if speaker is None else {"speaker": speaker}
    source = _record("s", label="attribution", exact=" the\nminister  said ", attributes=attributes)
    assert _speaker_of(source) == {"@type": "Person", "name": "the minister said"}


@pytest.mark.parametrize("kind", sorted(claimreview.ORGANISATION_TYPES))
def test_a_speaker_of_an_organisation_type_is_an_organization(kind):
    source = _record("s", label="attribution", exact="x", attributes={"speaker": "Them", "speaker_type": kind})
    assert _speaker_of(source) == {"@type": "Organization", "name": "Them"}


@pytest.mark.parametrize("kind", ["person", "expert", "Government", None])
def test_other_speakers_are_people(kind):
    source = _record("s", label="attribution", exact="x", attributes={"speaker": "Them", "speaker_type": kind})
    assert _speaker_of(source) == {"@type": "Person", "name": "Them"}


def test_the_first_attribution_in_text_order_speaks():
    sources = [_record("s1", doc=2, label="attribution", exact="first in doc 2", start=0),
               _record("s2", doc=1, label="attribution", exact="later in doc 1", start=50),
               _record("s3", doc=1, label="attribution", exact="earlier in doc 1", start=10)]
    assert _speaker_of(*sources) == {"@type": "Person", "name": "earlier in doc 1"}


@pytest.mark.parametrize("links", [
    [_link("attributes", "out", "s")],      # the claim attributes something: not its speaker
    [_link("supports", "in", "s")],
    [_link("attributes", "in", "gone")],    # an attribution not among the records
    [],
])
def test_only_an_incoming_attributes_link_names_the_author(links):
    source = _record("s", label="attribution", exact="x", attributes={"speaker": "Them"})
    assert _speaker_of(source, claim_links=links) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-09-03", "2025-09-03"), (" 2025-09-03 ", "2025-09-03"), ("2025-09-03T10:00:00", "2025-09-03T10:00:00"),
    ("2025-09-03T10:00:00+02:00", "2025-09-03T10:00:00+02:00"), ("3 Sept 2025", None), ("", None), ("  ", None),
    (None, None), (20250903, None),
])
def test_a_claims_date_is_its_documents_publication_date_when_iso(value, expected):
    [review] = claim_reviews([_rated("a")], {1: {"published": value}})
    assert review["itemReviewed"].get("datePublished") == expected


@pytest.mark.parametrize(("url", "kept"), [
    ("https://a.example/x", "https://a.example/x"), ("http://a.example", "http://a.example"),
    ("  https://a.example/x\n", "https://a.example/x"), ("Https://a.example", "Https://a.example"),
    ("https:///nohost", None), ("mailto:x@a.example", None), ("a.example/x", None), (None, None), (42, None),
])
def test_an_appearance_url_must_be_http_with_a_host(url, kept):
    [review] = claim_reviews([_rated("a")], {1: {"title": "T", "url": url}})
    assert review["itemReviewed"]["appearance"][0].get("url") == kept


@pytest.mark.parametrize("url", ["HTTPS://x.example/a", "http://x.example", "  https://x.example/a?b=1#c  "])
def test_a_review_url_may_be_any_http_address(url):
    assert claimreview.check_review_url(url) == url.strip()


@pytest.mark.parametrize("url", ["https:///path", "https://x.example/a b", "https://x.example/\ta", ""])
def test_a_review_url_without_host_or_with_spaces_is_refused_with_its_reason(url):
    with pytest.raises(ValueError) as raised:
        claimreview.check_review_url(url)
    assert str(raised.value) == (f"--review-url {url!r}: give the http(s) address of the page that publishes "
                                 "the fact checks")


def test_write_gives_one_indented_json_ld_document_and_the_count():
    out = io.StringIO()
    counts = claimreview.write([_rated("a", exact="x\u009by"), _record("b")], out, {}, organisation="O",
                               review_url="https://c.example/f", document_id=1)
    assert counts == {"claim reviews": 1}
    text = out.getvalue()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "\\u009b" in text and "\u009b" not in text  # CSI escaped, the same JSON value
    data = json.loads(text)
    assert data == {"@context": "https://schema.org", "@graph": claim_reviews(
        [_rated("a", exact="x\u009by")], {}, organisation="O", review_url="https://c.example/f")}
    assert text.startswith('{\n  "@context": "https://schema.org",\n  "@graph": [\n    {\n')


def test_write_keeps_other_text_as_itself_and_filters_by_document():
    out = io.StringIO()
    assert claimreview.write([_rated("a", exact="café 😀")], out, {}, document_id=2) == {"claim reviews": 0}
    assert json.loads(out.getvalue()) == {"@context": "https://schema.org", "@graph": []}
    out = io.StringIO()
    claimreview.write([_rated("a", exact="café 😀")], out, {})
    assert "café 😀" in out.getvalue()


def test_a_document_seen_twice_in_a_group_does_not_hide_the_next_one():
    documents = {1: {"title": "One"}, 2: {"title": "Two"}}
    records = [_rated("a", doc=1, links=[_link("same_as", "out", "b"), _link("same_as", "out", "c")]),
               _record("b", doc=1), _record("c", doc=2)]
    [review] = claim_reviews(records, documents)
    assert [a["headline"] for a in review["itemReviewed"]["appearance"]] == ["One", "Two"]


def test_an_id_with_a_slash_is_quoted_alike_in_the_anchor_and_the_urn():
    [anchored] = claim_reviews([_rated("a/b")], {}, review_url="https://c.example/f")
    assert anchored["url"] == "https://c.example/f#claim-a%2Fb"
    assert anchored["itemReviewed"]["@id"] == "https://c.example/f#claim-item-a%2Fb"
    [plain] = claim_reviews([_rated("a/b")], {})
    assert plain["itemReviewed"]["@id"] == "urn:diptych:claim:a%2Fb"


def test_a_claim_on_an_old_version_of_a_document_still_has_its_appearance(tmp_path):
    from tui.services.importing import import_ids
    from tui.store import Store

    path = tmp_path / "article.txt"
    path.write_text("Old text with a claim.\n", encoding="utf-8")
    store = Store.open(tmp_path / "v.db")
    try:
        [old] = import_ids(store, [path])
        path.write_text("New text, and no claim.\n", encoding="utf-8")
        [new] = import_ids(store, [path])
        assert new != old and [d.id for d in store.documents()] == [new]
        text = store.text(old)
        start = text.index("a claim")
        store.create_annotation(old, text, start, start + 7, "claim", "ann", attributes={"rating": "false"})
        documents = claimreview.document_info(store)
        assert set(documents) == {old, new}
        [review] = claim_reviews(store.export_rows(), documents)
        assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "headline": documents[old]["title"]}]
    finally:
        store.close()
