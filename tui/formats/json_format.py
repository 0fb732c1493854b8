"""JSON Lines (one annotation per line) and a JSON array."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

# json.dumps leaves DEL, the C1 controls and the Unicode line and paragraph separators
# raw. Escaped they are the same JSON value, yet they can no longer act on a terminal,
# and a reader that splits lines with str.splitlines() no longer cuts a record in two.
ESCAPE_CONTROLS = {code: f"\\u{code:04x}" for code in [0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]}


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False).translate(ESCAPE_CONTROLS)


def write_jsonl(rows: Iterator[dict], out: TextIO) -> int:
    count = 0
    for record in rows:
        out.write(dumps(record))
        out.write("\n")
        count += 1
    return count


def write_json(rows: Iterator[dict], out: TextIO) -> int:
    count = 0
    out.write("[")
    for record in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(dumps(record))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
