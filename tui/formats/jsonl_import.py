"""Reading our JSON Lines back into records (the store's ``import_records`` brings them in)."""

from __future__ import annotations

import json
from collections.abc import Iterable


class ImportError_(Exception):
    """A file that cannot be read as annotations."""


def read_jsonl(lines: Iterable[str]) -> list[dict]:
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportError_(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise ImportError_(f"line {number}: not a JSON object")
        records.append(record)
    return records
