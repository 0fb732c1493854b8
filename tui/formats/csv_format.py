"""CSV for spreadsheets: one flat row per annotation, links as a JSON cell."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

COLUMNS = [
    "id", "document_id", "document_path", "document_sha256", "document_title", "document_url",
    "document_published", "label",
    "start", "end", "exact", "prefix", "suffix", "note", "annotator", "created", "modified",
    "status", "origin", "attributes", "links",
]


def flatten(record: dict) -> dict:
    row = {key: value for key, value in record.items() if key not in ("document", "links")}
    document = record["document"]
    row.update(
        document_id=document["id"], document_path=document["path"],
        document_sha256=document["sha256"], document_title=document["title"],
        # Records made elsewhere (a deletion, an older export read back) may lack these.
        document_url=document.get("url") or "", document_published=document.get("published") or "",
        links=json.dumps(record["links"], ensure_ascii=False) if record["links"] else "",
        attributes=json.dumps(record["attributes"], ensure_ascii=False) if record.get("attributes") else "",
    )
    return row


def write_csv(rows: Iterator[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in rows:
        writer.writerow(flatten(record))
        count += 1
    return count
