"""doccano's JSON Lines for sequence labelling with relations: one document per line.

``{"text": ..., "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"id", "from_id", "type", "to_id"}]}``. doccano counts offsets in
UTF-16 code units, so export with ``--offsets utf16`` for it. Relations across
documents cannot be said in this format and are left out (the command says how many).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TextIO

from .json_format import dumps
from .offsets import OffsetConverter


def write(rows: Iterator[dict], out: TextIO, text_of: Callable[[int], str], unit: str) -> dict:
    counts = {"documents": 0, "entities": 0, "relations": 0, "cross_document_links": 0}
    by_doc: dict[int, list[dict]] = {}
    documents: dict[int, dict] = {}
    for record in rows:
        by_doc.setdefault(record["document"]["id"], []).append(record)
        documents[record["document"]["id"]] = record["document"]
    for doc_id, records in by_doc.items():
        text = text_of(doc_id)
        convert = OffsetConverter(text, unit)
        numbers = {r["id"]: n for n, r in enumerate(records, start=1)}
        entities, relations = [], []
        for record in records:
            start, end = convert.span(record["start"], record["end"])
            entities.append({"id": numbers[record["id"]], "label": record["label"], "start_offset": start,
                             "end_offset": end})
            for link in record["links"]:
                if link["direction"] != "out":
                    continue
                if link["other"] in numbers:
                    relations.append({"id": len(relations) + 1, "from_id": numbers[record["id"]],
                                      "type": link["relation"], "to_id": numbers[link["other"]]})
                else:
                    counts["cross_document_links"] += 1
        line = {"text": text, "entities": entities, "relations": relations,
                "meta": {"document_id": doc_id, "path": documents[doc_id]["path"],
                         "sha256": documents[doc_id]["sha256"], "title": documents[doc_id]["title"]}}
        out.write(dumps(line) + "\n")
        counts["documents"] += 1
        counts["entities"] += len(entities)
        counts["relations"] += len(relations)
    return counts
