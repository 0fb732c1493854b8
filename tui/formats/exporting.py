"""The export command's work: rows from the store, offsets converted, written in one format."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain

from . import EXPORTERS, atomic_writer, brat, doccano, w3c
from .offsets import OffsetConverter

DOCUMENT_FIELDS = ("title", "source", "language", "length", "newline", "added")


def export(store, fmt: str, output: str | None, *, document_id=None, label=None, unit="codepoint",
           collection=False, with_documents=False, with_text=False, with_deletions=False,
           organisation=None, review_url=None) -> str:
    """Write the export; returns a one-line summary for stderr (empty when there is nothing to say)."""
    rows = store.export_rows(document_id=document_id, label=label)
    if with_deletions:
        rows = chain(rows, deletion_records(store, document_id, label))
    elif (fmt == "jsonl" and unit == "codepoint" and not with_documents
          and not (output is None and sys.stdout.isatty())):
        from .json_format import escape_controls_utf8

        chunks = store.export_json_chunks(document_id=document_id, label=label)

        def write(handle):
            handle.flush()
            binary, count = handle.buffer, 0
            for chunk, lines in chunks:
                binary.write(escape_controls_utf8(chunk))
                count += lines
            binary.flush()
            return {"annotations": count}

        if output:
            with atomic_writer(output) as handle:
                counts = write(handle)
            return f"{counts['annotations']} annotations written to {output}"
        write(sys.stdout)
        return ""
    if fmt == "brat":
        counts = brat.write(rows, output, store.text, [label.name for label in store.labels()], store.attribute_types())
        extra = (f"; {counts['cross_document_links']} cross-document links in {brat.CROSS_FILE} "
                 "(standoff cannot say them)") if counts["cross_document_links"] else ""
        return (f"{counts['spans']} spans, {counts['relations']} relations, {counts['attributes']} attributes"
                f" in {counts['documents']} documents written to {output}{extra}")
    if fmt == "claimreview":
        from . import claimreview

        # Every row of every label: speakers and same_as partners are looked up among them.
        all_rows = store.export_rows()
        documents = claimreview.document_info(store)

        def write(handle):
            return claimreview.write(all_rows, handle, documents, organisation=organisation,
                                     review_url=review_url, document_id=document_id)
    elif fmt == "doccano":
        def write(handle):
            return doccano.write(rows, handle, store.text, unit)
    else:
        rows = _converted(store, rows, unit) if unit != "codepoint" else rows
        if with_documents:
            rows = _with_documents(store, rows, with_text)
        if fmt == "w3c":
            def write(handle):
                return _write_w3c(rows, handle, collection)
        else:
            def write(handle):
                return {"annotations": EXPORTERS[fmt](rows, handle)}
    if output:
        with atomic_writer(output, newline="" if fmt == "csv" else None) as handle:
            counts = write(handle)
        what = ", ".join(f"{n} {k}" for k, n in counts.items() if n or k in ("annotations", "documents", "claim reviews"))
        return f"{what} written to {output}"
    if fmt in ("jsonl", "json") and sys.stdout.isatty():
        from ..report.tables import colour_json

        colour_json(rows, fmt)
        return ""
    if fmt == "csv":
        sys.stdout.reconfigure(newline="")
    counts = write(sys.stdout)
    if counts.get("cross_document_links"):
        return f"{counts['cross_document_links']} cross-document links left out (doccano cannot say them)"
    return ""


def deletion_records(store, document_id: int | None = None, label: str | None = None) -> Iterator[dict]:
    """One record per tombstone, after the annotations, so that a team sharing JSON Lines
    converges too: ``{"deleted": TIME, "deleted_by": WHO, "kind": "annotation"|"link",
    "id": ID, "document": {"sha256": ...}}`` (links name no document)."""
    import json

    sha = store.document(document_id).sha256 if document_id is not None else None
    for tombstone in store.tombstones():
        if tombstone.kind == "annotation":
            if sha is not None and tombstone.document_sha256 != sha:
                continue
            if label is not None and json.loads(tombstone.record).get("label") != label:
                continue
        elif sha is not None or label is not None:
            continue
        record = {"deleted": tombstone.deleted, "deleted_by": tombstone.deleted_by, "kind": tombstone.kind,
                  "id": tombstone.id}
        if tombstone.kind == "annotation":
            record["document"] = {"sha256": tombstone.document_sha256}
        yield record


def _converted(store, rows: Iterator[dict], unit: str) -> Iterator[dict]:
    converters: dict[int, OffsetConverter] = {}
    for record in rows:
        if "deleted" in record:
            yield record
            continue
        doc_id = record["document"]["id"]
        if doc_id not in converters:
            converters.clear()  # rows come a document at a time
            converters[doc_id] = OffsetConverter(store.text(doc_id), unit)
        record["start"], record["end"] = converters[doc_id].span(record["start"], record["end"])
        record["offset_unit"] = unit
        yield record


def _with_documents(store, rows: Iterator[dict], with_text: bool) -> Iterator[dict]:
    cache: dict[int, dict] = {}
    for record in rows:
        if "deleted" in record:
            yield record
            continue
        doc_id = record["document"]["id"]
        if doc_id not in cache:
            doc = store.document(doc_id)
            cache = {doc_id: {field: getattr(doc, field) for field in DOCUMENT_FIELDS}}
            if with_text:
                cache[doc_id]["text"] = store.text(doc_id)
        record["document"].update(cache[doc_id])
        yield record


def _write_w3c(rows: Iterator[dict], handle, collection: bool) -> dict:
    from ..model.text import new_id
    from .json_format import dumps, escape_controls

    counts = {"annotations": 0, "links": 0}
    items = []
    for record in rows:
        found = [w3c.annotation(record, record["start"], record["end"])]
        found += [w3c.link_annotation(record, link) for link in record["links"] if link["direction"] == "out"]
        counts["annotations"] += 1
        counts["links"] += len(found) - 1
        if collection:
            items += found
        else:
            for item in found:
                handle.write(dumps(item) + "\n")
    if collection:
        import json

        text = json.dumps(w3c.collection(items, "Diptych annotations", new_id()), ensure_ascii=False, indent=2)
        handle.write(escape_controls(text) + "\n")
    return counts
