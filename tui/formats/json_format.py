"""JSON Lines (one annotation per line) and a JSON array."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TextIO

# json.dumps leaves DEL, the C1 controls and the Unicode line and paragraph separators
# raw. Escaped they are the same JSON value, yet they can no longer act on a terminal,
# and a reader that splits lines with str.splitlines() no longer cuts a record in two.
_NEEDS_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029]")


def escape_controls(line: str) -> str:
    """The same JSON with those characters as ``\\u`` escapes. A regex scan first: most
    lines have none, and ``str.translate`` with a table is slow on non-ASCII text."""
    if _NEEDS_ESCAPE.search(line) is None:
        return line
    return _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


# The same characters in UTF-8: DEL, C1 (C2 80-9F), U+2028 and U+2029 (E2 80 A8-A9).
_NEEDS_ESCAPE_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]")


_SEPARATORS_UTF8 = re.compile(rb"\xe2\x80[\xa8\xa9]")


def escape_controls_utf8(line: bytes) -> bytes:
    """:func:`escape_controls` for UTF-8 bytes (the fast export path).

    Single-byte tests run at memchr speed; a three-byte search is slow on prose full of
    curly quotes (they share the E2 80 lead bytes), so U+2028/9 are looked for only when
    their last byte (A8, A9) occurs at all.
    """
    if (b"\x7f" not in line and b"\xc2" not in line
            and ((b"\xa8" not in line and b"\xa9" not in line) or _SEPARATORS_UTF8.search(line) is None)):
        return line
    return _NEEDS_ESCAPE_UTF8.sub(lambda m: f"\\u{ord(m.group().decode('utf-8')):04x}".encode(), line)


def dumps(record: dict) -> str:
    return escape_controls(json.dumps(record, ensure_ascii=False))


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
