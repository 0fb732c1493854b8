"""schema.org ClaimReview (JSON-LD): what fact-checkers publish, for every rated claim.

A claim is rated by its ``rating`` attribute (the verdict in words). Each rated claim
becomes one ``ClaimReview``:

- ``claimReviewed``: the claim's text (spacing folded);
- ``reviewRating``: a ``Rating`` whose ``alternateName`` is the verdict, with
  ``ratingValue`` on the scale below (``bestRating`` 5, ``worstRating`` 1);
- ``itemReviewed``: a ``Claim`` with an ``@id`` shared by every claim joined to it by
  ``same_as`` links (so that repeated appearances link up, as Full Fact recommends),
  an ``appearance`` for every document where it or a ``same_as`` partner appears
  (URL, outlet as ``publisher``, headline, date), ``firstAppearance`` (the earliest
  dated one), ``author`` (the speaker of the attribution linked to it by
  ``attributes``: its ``speaker`` attribute, else its text as written) and
  ``datePublished`` (its document's publication date);
- ``author``: the reviewing organisation (else the annotator who rated it);
- ``datePublished``: when the rating was made (the annotation's ``modified``);
- ``url``: ``--review-url`` with ``#claim-<id>``, the fact check's anchor on that page.

Notes stay out: they are the annotator's working notes, not a published verdict.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import TextIO
from urllib.parse import quote, urlsplit, urlunsplit

CONTEXT = "https://schema.org"
RATING = "rating"
# The verdicts and their place on a 1 (false) to 5 (true) scale. "misleading" sits
# with mostly-false: true in its parts, false in what it leads a reader to think.
# "unverifiable" has no place on a true-false scale: it carries its words only.
SCALE = {"true": 5, "mostly-true": 4, "half-true": 3, "mostly-false": 2, "false": 1, "misleading": 2,
         "unverifiable": None}
RATINGS = tuple(SCALE)
BEST, WORST = 5, 1
# The attribute_types row that makes ratings possible (added by a store migration).
ATTRIBUTE_TYPE = {
    "name": RATING, "label": "claim", "multi": 0, "key": "r", "values": list(RATINGS),
    "description": "The fact-check verdict, exported as schema.org ClaimReview (1 false .. 5 true).",
}
# Speakers of these kinds are organisations, not people (the story's speaker_type).
ORGANISATION_TYPES = {"government", "military", "state media", "state_media", "document"}
_SPACE = re.compile(r"\s+")


def claim_reviews(records: Iterable[dict], documents: dict[int, dict], *, organisation: str | None = None,
                  review_url: str | None = None, document_id: int | None = None) -> list[dict]:
    """One ClaimReview per rated claim, in export order (of ``document_id`` only, if given).

    ``records`` are export records (``Store.export_rows``: every annotation with its
    links), of every document and label: the speakers and ``same_as`` partners are
    looked up among them. ``documents`` maps a document id to its ``title``,
    ``source`` (outlet), ``url`` and ``published``.
    """
    records = list(records)
    by_id = {r["id"]: r for r in records}
    same = _same_as_groups(records, by_id)
    reviews = []
    for record in records:
        rating = (record.get("attributes") or {}).get(RATING)
        if record.get("label") != "claim" or rating not in SCALE or record.get("status") == "orphaned":
            continue
        if document_id is not None and record["document"]["id"] != document_id:
            continue
        group = same.get(record["id"], [record["id"]])
        claim = {"@type": "Claim", "@id": _claim_iri(group[0], review_url),
                 "text": _fold(record["exact"])}
        appearances = _appearances(group, by_id, documents)
        if appearances:
            claim["appearance"] = appearances
            dated = [a for a in appearances if "datePublished" in a]
            if dated:
                claim["firstAppearance"] = min(dated, key=lambda a: a["datePublished"])
        speaker = _speaker(record, by_id)
        if speaker:
            claim["author"] = speaker
        published = _date(documents.get(record["document"]["id"], {}).get("published"))
        if published:
            claim["datePublished"] = published
        review = {
            "@type": "ClaimReview",
            "claimReviewed": _fold(record["exact"]),
            "reviewRating": _rating(rating),
            "itemReviewed": claim,
            "author": ({"@type": "Organization", "name": organisation} if organisation
                       else {"@type": "Person", "name": record.get("annotator") or "unknown"}),
            "datePublished": record.get("modified") or record.get("created"),
        }
        if review_url:
            review["url"] = _anchor(review_url, record["id"])
        reviews.append(review)
    return reviews


def write(records: Iterable[dict], handle: TextIO, documents: dict[int, dict], *, organisation: str | None = None,
          review_url: str | None = None, document_id: int | None = None) -> dict:
    """Write one JSON-LD document (``@graph`` of ClaimReviews); returns the counts."""
    from .json_format import escape_controls

    reviews = claim_reviews(records, documents, organisation=organisation, review_url=review_url,
                            document_id=document_id)
    text = json.dumps({"@context": CONTEXT, "@graph": reviews}, ensure_ascii=False, indent=2)
    handle.write(escape_controls(text) + "\n")
    return {"claim reviews": len(reviews)}


def check_review_url(url: str) -> str:
    """``url`` if it can be a fact check's address (http or https with a host); else ValueError."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        raise ValueError(f"--review-url {url!r}: give the http(s) address of the page that publishes the fact checks")
    return url.strip()


def _rating(verdict: str) -> dict:
    rating = {"@type": "Rating", "alternateName": verdict}
    if SCALE[verdict] is not None:
        rating.update({"ratingValue": SCALE[verdict], "bestRating": BEST, "worstRating": WORST})
    return rating


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _same_as_groups(records: list[dict], by_id: dict[str, dict]) -> dict[str, list[str]]:
    """claim id -> the claims joined to it by same_as (itself included), oldest id first."""
    edges: dict[str, set[str]] = {}
    for record in records:
        for link in record.get("links") or []:
            if link.get("relation") == "same_as" and link.get("other") in by_id:
                edges.setdefault(record["id"], set()).add(link["other"])
                edges.setdefault(link["other"], set()).add(record["id"])
    groups: dict[str, list[str]] = {}
    for start in edges:
        if start in groups:
            continue
        found, todo = {start}, [start]
        while todo:
            for other in edges.get(todo.pop(), ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
        members = sorted(found)
        for member in members:
            groups[member] = members
    return groups


def _claim_iri(claim_id: str, review_url: str | None) -> str:
    if review_url:
        return _anchor(review_url, claim_id, "claim-item-")
    try:
        return f"urn:uuid:{uuid.UUID(claim_id)}"
    except ValueError:
        return "urn:diptych:claim:" + quote(claim_id, safe="")


def _anchor(base: str, claim_id: str, prefix: str = "claim-") -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, prefix + quote(claim_id, safe="-")))


def _appearances(group: list[str], by_id: dict[str, dict], documents: dict[int, dict]) -> list[dict]:
    seen, out = set(), []
    for claim_id in group:
        document_id = by_id[claim_id]["document"]["id"]
        if document_id in seen:
            continue
        seen.add(document_id)
        info = documents.get(document_id, {})
        work = {"@type": "CreativeWork"}
        url = _http_url(info.get("url"))
        if url:
            work["url"] = url
        if info.get("title"):
            work["headline"] = _fold(info["title"])
        if info.get("source"):
            work["publisher"] = {"@type": "Organization", "name": _fold(info["source"])}
        published = _date(info.get("published"))
        if published:
            work["datePublished"] = published
        if len(work) > 1:
            out.append(work)
    return out


def _speaker(record: dict, by_id: dict[str, dict]) -> dict | None:
    """The author of a claim: the first attribution (in text order) linked to it by ``attributes``."""
    sources = [by_id[link["other"]] for link in record.get("links") or []
               if link.get("relation") == "attributes" and link.get("direction") == "in" and link.get("other") in by_id]
    if not sources:
        return None
    source = min(sources, key=lambda r: (r["document"]["id"], r["start"]))
    attributes = source.get("attributes") or {}
    speaker = attributes.get("speaker")
    name = _fold(speaker) if isinstance(speaker, str) and speaker.strip() else _fold(source["exact"])
    kind = "Organization" if attributes.get("speaker_type") in ORGANISATION_TYPES else "Person"
    return {"@type": kind, "name": name}


def _http_url(value) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _date(value) -> str | None:
    """An ISO 8601 date or date-time as schema.org's Date / DateTime, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        date.fromisoformat(value)
        return value
    except ValueError:
        pass
    try:
        datetime.fromisoformat(value)
        return value
    except ValueError:
        return None


def document_info(store) -> dict[int, dict]:
    """Every document's title, outlet (``source``), ``url`` and ``published``, for :func:`write`."""
    from ..services.report import document_fields

    return {doc.id: document_fields(store, doc.id) for doc in store.documents(include_superseded=True)}
