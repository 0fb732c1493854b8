"""schema.org ClaimReview export: rated claims only, validated against schema.org's definitions."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime

import pytest

from tests.helpers import CORPUS
from tui.formats import claimreview
from tui.formats.claimreview import ATTRIBUTE_TYPE, RATINGS, SCALE, claim_reviews, document_info

# schema.org's definitions (https://schema.org/ClaimReview, /Review, /Rating, /Claim,
# /CreativeWork, /Thing, /Organization, /Person): each property we may write, with the
# types schema.org expects for it. Anything else is an error.
PROPERTIES = {
    "ClaimReview": {"claimReviewed": {"Text"}, "reviewRating": {"Rating"}, "itemReviewed": {"Thing"},
                    "author": {"Organization", "Person"}, "datePublished": {"Date", "DateTime"}, "url": {"URL"}},
    "Rating": {"alternateName": {"Text"}, "ratingValue": {"Number", "Text"}, "bestRating": {"Number", "Text"},
               "worstRating": {"Number", "Text"}},
    "Claim": {"appearance": {"CreativeWork"}, "firstAppearance": {"CreativeWork"}, "author": {"Organization", "Person"},
              "datePublished": {"Date", "DateTime"}, "text": {"Text"}},
    "CreativeWork": {"url": {"URL"}, "headline": {"Text"}, "publisher": {"Organization", "Person"},
                     "datePublished": {"Date", "DateTime"}},
    "Organization": {"name": {"Text"}},
    "Person": {"name": {"Text"}},
}
# Subtypes that satisfy an expected type.
IS_A = {"Claim": {"Claim", "CreativeWork", "Thing"}, "CreativeWork": {"CreativeWork", "Thing"},
        "Rating": {"Rating", "Thing"}, "Organization": {"Organization", "Thing"}, "Person": {"Person", "Thing"}}
# Google's fact-check guidance: required, then recommended, on the review and the claim.
REQUIRED = {"claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}
CLAIM_RECOMMENDED = {"appearance", "author", "datePublished"}


def _is(value, expected: set[str]) -> bool:
    if isinstance(value, dict):
        return bool(IS_A.get(value.get("@type"), set()) & expected)
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)) and "Number" in expected:
        return True
    if not isinstance(value, str) or not value:
        return False
    if "URL" in expected and re.match(r"^(https?://[^\s/]+\S*|urn:\S+)$", value):
        return True
    if "Date" in expected:
        try:
            date.fromisoformat(value)
            return True
        except ValueError:
            pass
    if "DateTime" in expected:
        try:
            datetime.fromisoformat(value)
            return "T" in value
        except ValueError:
            pass
    return "Text" in expected


def validate(node: dict, where: str = "ClaimReview") -> list[str]:
    """Every property known for its @type and of an expected type, recursively."""
    problems = []
    kind = node.get("@type")
    if kind not in PROPERTIES:
        return [f"{where}: unknown @type {kind!r}"]
    for key, value in node.items():
        if key in ("@type", "@id", "@context"):
            continue
        if key not in PROPERTIES[kind]:
            problems.append(f"{where}.{key}: not a property of {kind}")
            continue
        for item in value if isinstance(value, list) else [value]:
            if not _is(item, PROPERTIES[kind][key]):
                problems.append(f"{where}.{key}: {item!r} is not {PROPERTIES[kind][key]}")
            elif isinstance(item, dict):
                problems += validate(item, f"{where}.{key}")
    return problems


def _rated_store(store, ratings: dict[str, str]):
    """The corpus with the example annotations and ratings (the rating type comes with schema v5)."""
    (row,) = [t for t in store.attribute_types("claim") if t.name == "rating"]
    assert (row.values, row.multi, row.key) == (ATTRIBUTE_TYPE["values"], bool(ATTRIBUTE_TYPE["multi"]),
                                                ATTRIBUTE_TYPE["key"])
    records = [json.loads(line) for line in (CORPUS / "annotations.example.jsonl").read_text("utf-8").splitlines()]
    for record in records:  # the test's own ratings only, not the example's
        record["attributes"].pop("rating", None)
    store.import_records(records, "tester")
    found = {}
    for record in store.export_rows(label="claim"):
        for prefix, verdict in ratings.items():
            if record["exact"].startswith(prefix):
                store.set_attributes(record["id"], {**record["attributes"], "rating": verdict})
                found[prefix] = record["id"]
    assert set(found) == set(ratings)
    return found


RATED = {"By the second quarter of 2025": "mostly-true", "Kim Jong Un pledged": "true",
         "Around 11,000 North Korean soldiers": "unverifiable", "This is 40 percent": "misleading"}


def test_the_rating_attribute_is_a_claim_attribute_the_store_accepts(store):
    _rated_store(store, {"Kim Jong Un pledged": "false"})
    from tui.services.report import _as_dict

    rating = next(t for t in map(_as_dict, store.attribute_types("claim")) if t["name"] == "rating")
    assert rating["values"] == list(RATINGS) and not rating["multi"]
    claim = next(r for r in store.export_rows(label="claim") if r["exact"].startswith("Kim Jong Un pledged"))
    from tui.store import StoreError

    with pytest.raises(StoreError):
        store.set_attributes(claim["id"], {"rating": "pants-on-fire"})


def test_rated_claims_only_and_valid_against_schema_org(store):
    ids = _rated_store(store, RATED)
    documents = document_info(store)
    reviews = claim_reviews(store.export_rows(), documents, organisation="Example Checks",
                            review_url="https://checks.example.org/story?x=1")
    assert len(reviews) == 4
    for review in reviews:
        assert validate(review) == [], review
        assert REQUIRED <= review.keys() and RECOMMENDED <= review.keys()
        assert review["reviewRating"]["alternateName"] in RATINGS
        assert review["author"] == {"@type": "Organization", "name": "Example Checks"}
        assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["@id"]
        assert {"appearance"} <= review["itemReviewed"].keys()
    def by_text(prefix: str) -> dict:
        return next(r for r in reviews if r["claimReviewed"].startswith(prefix))

    half = by_text("By the second quarter")
    assert half["reviewRating"] == {"@type": "Rating", "alternateName": "mostly-true", "ratingValue": 4,
                                    "bestRating": 5, "worstRating": 1}
    assert half["url"] == f"https://checks.example.org/story?x=1#claim-{ids['By the second quarter of 2025']}"
    modified = next(r["modified"] for r in store.export_rows() if r["id"] == ids["By the second quarter of 2025"])
    assert half["datePublished"] == modified
    # supports is not same_as: one appearance, its own document's.
    assert [a["headline"] for a in half["itemReviewed"]["appearance"]] == [documents[1]["title"]]
    # The pledge is same_as claims of DW and of the Meridian wire: every document is an appearance.
    pledge = by_text("Kim Jong Un pledged")["itemReviewed"]
    assert [a.get("publisher", {}).get("name") for a in pledge["appearance"]] == [None, "DW (Deutsche Welle)",
                                                                                  "Meridian Wire"]
    assert by_text("Around 11,000 North")["reviewRating"] == {"@type": "Rating", "alternateName": "unverifiable"}
    assert by_text("This is 40 percent o")["reviewRating"]["ratingValue"] == 2
    # The claim's author: the speaker of the attribution linked by "attributes" (the example names them).
    assert by_text("This is 40 percent o")["itemReviewed"]["author"] == {"@type": "Person", "name": "Margarete Klein"}
    assert "author" not in half["itemReviewed"]  # "nearly half" has no attribution


def test_same_as_partners_share_one_claim_id(store):
    _rated_store(store, {"Kim Jong Un pledged": "true", "spoke with Kim by phone": "mostly-true"})
    reviews = claim_reviews(store.export_rows(), document_info(store))
    assert len(reviews) == 2
    assert reviews[0]["itemReviewed"]["@id"] == reviews[1]["itemReviewed"]["@id"]
    assert reviews[0]["itemReviewed"]["@id"].startswith("urn:uuid:")
    # --document keeps that document's rated claims; the partner still gives its appearance.
    only = claim_reviews(store.export_rows(), document_info(store), document_id=2)
    assert [r["claimReviewed"][:22] for r in only] == ["spoke with Kim by phon"]
    assert len(only[0]["itemReviewed"]["appearance"]) == 3  # DW, its same_as partner's article and the wire's
    # Without an organisation the annotator who rated it is the review's author; no url without --review-url.
    assert reviews[0]["author"] == {"@type": "Person", "name": "diptych-team"}
    assert "url" not in reviews[0]


def _record(id, doc, label, exact, start=0, attributes=None, links=()):
    return {"id": id, "document": {"id": doc}, "label": label, "exact": exact, "start": start, "annotator": "a",
            "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-02T00:00:00.000Z", "status": "anchored",
            "attributes": attributes or {}, "links": list(links)}


def test_speakers_dates_urls_and_hostile_text():
    records = [
        _record("c1", 1, "claim", "  Forty\n percent </script><script>alert(1)</script>\u2028 came ",
                attributes={"rating": "false"},
                links=[{"relation": "attributes", "direction": "in", "other": "s1"},
                       {"relation": "same_as", "direction": "out", "other": "c2"}]),
        _record("s1", 1, "attribution", "the ministry said", 40,
                attributes={"speaker": "Ministry of Defence", "speaker_type": "government"},
                links=[{"relation": "attributes", "direction": "out", "other": "c1"}]),
        _record("c2", 2, "claim", "40 percent came", links=[{"relation": "same_as", "direction": "in", "other": "c1"}]),
        _record("c3", 2, "claim", "not rated"),
        _record("c4", 2, "claim", "bad rating", attributes={"rating": "pants-on-fire"}),
    ]
    documents = {1: {"title": "A", "source": "Outlet A", "url": "javascript:alert(1)", "published": "3 Sept"},
                 2: {"title": "B", "source": "Outlet B", "url": "https://b.example/x", "published": "2025-09-03"}}
    out = io.StringIO()
    counts = claimreview.write(records, out, documents, organisation="Checks", review_url="https://c.example/f")
    assert counts == {"claim reviews": 1}
    assert "\u2028" not in out.getvalue()
    data = json.loads(out.getvalue())
    assert data["@context"] == "https://schema.org"
    [review] = data["@graph"]
    assert validate(review) == []
    assert review["claimReviewed"] == "Forty percent </script><script>alert(1)</script> came"
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Organization", "name": "Ministry of Defence"}
    assert claim["appearance"] == [
        {"@type": "CreativeWork", "headline": "A", "publisher": {"@type": "Organization", "name": "Outlet A"}},
        {"@type": "CreativeWork", "url": "https://b.example/x", "headline": "B",
         "publisher": {"@type": "Organization", "name": "Outlet B"}, "datePublished": "2025-09-03"}]
    assert claim["firstAppearance"]["url"] == "https://b.example/x"
    assert "datePublished" not in claim  # "3 Sept" is not a date schema.org can read
    assert claim["@id"] == "https://c.example/f#claim-item-c1"


def test_the_scale_is_documented_and_complete():
    assert set(SCALE) == set(ATTRIBUTE_TYPE["values"])
    assert [SCALE[v] for v in ("false", "mostly-false", "half-true", "mostly-true", "true")] == [1, 2, 3, 4, 5]
    for verdict in RATINGS:
        assert verdict in claimreview.__doc__ or verdict in claimreview.SCALE


def test_review_url_must_be_http():
    assert claimreview.check_review_url(" https://x.example/a ") == "https://x.example/a"
    for bad in ("javascript:alert(1)", "x.example", "ftp://x.example", "https://x .example"):
        with pytest.raises(ValueError, match="--review-url"):
            claimreview.check_review_url(bad)
