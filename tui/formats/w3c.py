"""The W3C Web Annotation Data Model (JSON-LD), for export and import.

Each annotation becomes an ``Annotation`` whose target is a ``SpecificResource``:
its source is the document (``urn:sha256:<hex>`` of the file's bytes) and its
selectors a ``TextQuoteSelector`` and a ``TextPositionSelector`` (code points by
default).

A document fetched from a URL has that URL as the source instead (so the annotation
points at the web page, as Hypothesis' do), with a ``TimeState`` (model 4.3.1) saying
which representation of the page was annotated: ``sourceDate`` is the time it was
fetched and ``cached`` is ``urn:sha256:<hex>`` of the bytes fetched. ``cached`` is the
model's "copy of the Source resource's representation, appropriate for the
Annotation": that copy is what Diptych keeps (``diptych original``), and its hash names
it. (``scope`` would say the page is a context of the resource, and a second
SpecificResource a second target: neither is true of a hash.) The label is a ``TextualBody`` with purpose ``tagging``, the note one with
purpose ``commenting``, each attribute one with purpose ``classifying``
(``name=value``). A link is an Annotation with motivation ``linking``: its target is
the source annotation's IRI, its body the linked annotation's IRI and a ``tagging``
body naming the relation.
"""

from __future__ import annotations

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SOURCE_PREFIX = "urn:sha256:"
ID_PREFIX = "urn:uuid:"


def _creator(name: str) -> dict:
    return {"type": "Person", "nickname": name or "unknown"}


def annotation(record: dict, start: int, end: int) -> dict:
    body = [{"type": "TextualBody", "purpose": "tagging", "value": record["label"]}]
    if record.get("note"):
        body.append({"type": "TextualBody", "purpose": "commenting", "value": record["note"]})
    for name, value in (record.get("attributes") or {}).items():
        for item in value if isinstance(value, list) else [value]:
            body.append({"type": "TextualBody", "purpose": "classifying", "value": f"{name}={item}"})
    return {
        "@context": CONTEXT,
        "id": ID_PREFIX + record["id"],
        "type": "Annotation",
        "motivation": "tagging",
        "created": record["created"],
        "modified": record["modified"],
        "creator": _creator(record["annotator"]),
        "body": body,
        "target": _target(record, start, end),
    }


def _target(record: dict, start: int, end: int) -> dict:
    document = record["document"]
    target: dict = {"type": "SpecificResource", "source": SOURCE_PREFIX + document["sha256"]}
    if fetched_from(document):
        target["source"] = document["url"]
        target["state"] = {"type": "TimeState", "sourceDate": document["retrieved"],
                           "cached": SOURCE_PREFIX + document["sha256"]}
    target["selector"] = [
        {"type": "TextQuoteSelector", "exact": record["exact"], "prefix": record["prefix"], "suffix": record["suffix"]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]
    return target


def fetched_from(document: dict) -> bool:
    """True for a document downloaded from its URL (a saved page only names its canonical URL)."""
    url, retrieved = document.get("url"), document.get("retrieved")
    return (isinstance(url, str) and url.startswith(("http://", "https://"))
            and isinstance(retrieved, str) and bool(retrieved))


def link_annotation(record: dict, link: dict) -> dict:
    """The Annotation for an outgoing link of ``record``."""
    return {
        "@context": CONTEXT,
        "id": ID_PREFIX + link["id"],
        "type": "Annotation",
        "motivation": "linking",
        "created": link.get("created") or record["created"],
        "modified": link.get("modified") or record["modified"],
        "creator": _creator(link.get("annotator") or record["annotator"]),
        "body": [ID_PREFIX + link["other"], {"type": "TextualBody", "purpose": "tagging", "value": link["relation"]}]
        + ([{"type": "TextualBody", "purpose": "commenting", "value": link["note"]}] if link.get("note") else []),
        "target": ID_PREFIX + record["id"],
    }


def collection(items: list[dict], label: str, collection_id: str) -> dict:
    return {
        "@context": CONTEXT,
        "id": ID_PREFIX + collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": [_without_context(i) for i in items]},
    }


def _without_context(item: dict) -> dict:
    return {k: v for k, v in item.items() if k != "@context"}


# Import -----------------------------------------------------------------------------------
def to_records(data) -> list[dict]:
    """Our export records from parsed W3C JSON: one Annotation, a list, or a collection."""
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        first = data.get("first") or {}
        items = first.get("items", []) if isinstance(first, dict) else []
    elif isinstance(data, list):
        items = data
    else:
        items = [data]
    records, links = {}, []
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("motivation") == "linking":
            links.append(item)
            continue
        record = _record(item)
        if record is None:
            continue
        if record["id"] is None:
            # The store refuses it ("?: needs an id", as for a JSON Lines record without one):
            # each on its own line, not only the last of those without an id.
            del record["id"]
            records[len(records), None] = record
        else:
            records[record["id"]] = record
    for item in links:
        bodies = item.get("body") if isinstance(item.get("body"), list) else [item.get("body")]
        other = next((b for b in bodies if isinstance(b, str)), None)
        relation = next((b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"), None)
        note = next((b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"), "")
        source = _strip(item.get("target")) if isinstance(item.get("target"), str) else None
        if source in records and other and relation:
            records[source]["links"].append({
                "id": _strip(item.get("id")), "relation": relation, "direction": "out", "other": _strip(other),
                "note": note, "annotator": (item.get("creator") or {}).get("nickname", ""),
                "created": item.get("created"), "modified": item.get("modified"),
            })
    return list(records.values())


def _strip(iri: str | None) -> str:
    iri = iri or ""
    return iri.removeprefix(ID_PREFIX)


def _record(item: dict) -> dict | None:
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if not isinstance(target, dict):
        return None
    selectors = target.get("selector") or []
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {})
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    bodies = item.get("body") or []
    bodies = bodies if isinstance(bodies, list) else [bodies]
    label = next((b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"), None)
    note = next((b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"), "")
    attributes: dict = {}
    for b in bodies:
        if isinstance(b, dict) and b.get("purpose") == "classifying" and "=" in str(b.get("value")):
            name, _, value = str(b["value"]).partition("=")
            attributes.setdefault(name, []).append(value)
    source = str(target.get("source") or "")
    sha256 = source[len(SOURCE_PREFIX):] if source.startswith(SOURCE_PREFIX) else _cached_sha256(target.get("state"))
    creator = item.get("creator") or {}
    return {
        "id": _strip(item.get("id")) or None,
        # A page's URL is the document's path in the store, so either finds it.
        "document": {"sha256": sha256, "path": source},
        "label": label, "start": position.get("start"), "end": position.get("end"),
        "exact": quote.get("exact"), "prefix": quote.get("prefix", ""), "suffix": quote.get("suffix", ""),
        "note": note, "annotator": creator.get("nickname") or creator.get("name") if isinstance(creator, dict) else "",
        "created": item.get("created"), "modified": item.get("modified"), "attributes": attributes,
        "origin": "import", "links": [],
    }


def _cached_sha256(state) -> str | None:
    """The sha256 of the representation a TimeState's ``cached`` names, if it is ours."""
    for item in state if isinstance(state, list) else [state]:
        if isinstance(item, dict) and item.get("type") == "TimeState":
            cached = item.get("cached")
            for iri in cached if isinstance(cached, list) else [cached]:
                if isinstance(iri, str) and iri.startswith(SOURCE_PREFIX):
                    return iri[len(SOURCE_PREFIX):]
    return None


def is_w3c(data) -> bool:
    """True for parsed JSON that is a W3C Annotation, a list of them, or a collection."""
    first = data[0] if isinstance(data, list) and data else data
    return isinstance(first, dict) and first.get("type") in ("Annotation", "AnnotationCollection")
