"""brat standoff: a .txt and an .ann per document, and annotation.conf for the collection.

T lines carry label, offsets and text; a span that crosses a newline is split into
fragments at each newline, as brat itself does ("T1<TAB>claim 0 5;6 10<TAB>...").
R lines carry links within one document, A lines attributes (one line per value of a
multi-valued attribute such as claim_type), # lines notes. Links across documents
cannot be said in standoff; they go to cross_document_links.tsv, each end named by its
document (the .ann file's name), its T id there and its annotation id.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..model.relations import RELATIONS

CROSS_FILE = "cross_document_links.tsv"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at newlines, empty pieces dropped."""
    pieces, position = [], start
    for match in re.finditer("\n", text[start:end]):
        cut = start + match.start()
        if cut > position:
            pieces.append((position, cut))
        position = cut + 1
    if end > position:
        pieces.append((position, end))
    return pieces


def document_name(document: dict) -> str:
    stem = Path(document["path"]).stem if document.get("path") else "document"
    safe = re.sub(r"[^\w.-]+", "_", stem)[:80] or "document"
    return f"{document['id']:04d}-{safe}"


def write(rows: Iterator[dict], folder: str, text_of: Callable[[int], str], labels: list[str],
          attribute_types: list | None = None) -> dict:
    """Write the collection into ``folder``; returns counts for the report."""
    os.makedirs(folder, exist_ok=True)
    by_doc: dict[int, list[dict]] = {}
    documents: dict[int, dict] = {}
    for record in rows:
        by_doc.setdefault(record["document"]["id"], []).append(record)
        documents[record["document"]["id"]] = record["document"]
    owner = {r["id"]: (doc_id, index) for doc_id, records in by_doc.items() for index, r in enumerate(records, 1)}
    names = {doc_id: document_name(document) for doc_id, document in documents.items()}
    cross: list[str] = []
    counts = {"documents": 0, "spans": 0, "relations": 0, "attributes": 0, "cross_document_links": 0}
    for doc_id, records in by_doc.items():
        text = text_of(doc_id)
        name = names[doc_id]
        lines, notes, relations, attributes = [], [], [], []
        for index, record in enumerate(records, start=1):
            pieces = fragments(text, record["start"], record["end"])
            where = ";".join(f"{s} {e}" for s, e in pieces)
            covered = " ".join(text[s:e] for s, e in pieces)
            lines.append(f"T{index}\t{record['label']} {where}\t{covered}")
            if record["note"]:
                notes.append((f"T{index}", " ".join(record["note"].split())))
            for key, value in sorted((record.get("attributes") or {}).items()):
                for one in value if isinstance(value, list) else [value]:
                    attributes.append(f"{key} T{index} {one}")
            for link in record["links"]:
                if link["direction"] != "out":
                    continue
                other = owner.get(link["other"])
                if other and other[0] == doc_id:
                    relations.append(f"{link['relation']} Arg1:T{index} Arg2:T{other[1]}")
                elif other:
                    cross.append("\t".join([link["id"], link["relation"], name, f"T{index}", record["id"],
                                            names[other[0]], f"T{other[1]}", link["other"]]))
        lines += [f"R{i}\t{r}" for i, r in enumerate(relations, start=1)]
        lines += [f"A{i}\t{a}" for i, a in enumerate(attributes, start=1)]
        lines += [f"#{i}\tAnnotatorNotes {t}\t{n}" for i, (t, n) in enumerate(notes, start=1)]
        Path(folder, name + ".txt").write_text(text, encoding="utf-8", newline="\n")
        Path(folder, name + ".ann").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
        counts["documents"] += 1
        counts["spans"] += len(records)
        counts["relations"] += len(relations)
        counts["attributes"] += len(attributes)
    Path(folder, "annotation.conf").write_text(_conf(labels, attribute_types or []), encoding="utf-8")
    if cross:
        header = ("link_id\trelation\tsource_document\tsource_T\tsource_annotation"
                  "\ttarget_document\ttarget_T\ttarget_annotation")
        Path(folder, CROSS_FILE).write_text(header + "\n" + "\n".join(cross) + "\n", encoding="utf-8")
    counts["cross_document_links"] = len(cross)
    return counts


def _conf(labels: list[str], attribute_types: list) -> str:
    lines = ["[entities]", *labels, "", "[relations]"]
    for relation in RELATIONS:
        source = relation.source or "|".join(labels)
        target = relation.target or "|".join(labels)
        lines.append(f"{relation.name}\tArg1:{source}, Arg2:{target}")
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    lines += [f"{kind.name}\tArg:{kind.label}, Value:{'|'.join(kind.values)}" for kind in attribute_types]
    return "\n".join(lines) + "\n"
