"""Text helpers shared by every layer: newlines, context, identifiers, display safety."""

from __future__ import annotations

import os
import re
import secrets
import time
import uuid
from datetime import datetime, timezone

CONTEXT_CHARS = 32

_NEWLINES = re.compile(r"\r\n?")
_WORD = re.compile(r"\w+")


def normalise_newlines(raw: str) -> tuple[str, str]:
    """Return the text with CRLF and lone CR turned into LF, and which style it had.

    The style is one of ``lf``, ``crlf``, ``cr``, ``mixed`` or ``none`` and is stored
    with the document so that nobody has to guess how its offsets were made.
    """
    if "\r" not in raw:  # the usual case, in one scan instead of three (0.4 s for 200 MB)
        return raw, ("lf" if "\n" in raw else "none")
    crlf = raw.count("\r\n")
    cr = raw.count("\r") - crlf
    lf = raw.count("\n") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("cr", cr), ("lf", lf)) if count]
    if not kinds:
        return raw, "none"
    style = kinds[0] if len(kinds) == 1 else "mixed"
    if style == "lf":
        return raw, style
    return _NEWLINES.sub("\n", raw), style


def context(text: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix (up to ``size`` code points each) around ``text[start:end]``."""
    return text[max(0, start - size) : start], text[end : end + size]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The ``\\w+`` run that contains ``offset``, if any."""
    if not 0 <= offset < len(text) or not (text[offset].isalnum() or text[offset] == "_"):
        return None
    lo = max(0, offset - 200)
    for match in _WORD.finditer(text, lo, min(len(text), offset + 200)):
        if match.start() <= offset < match.end():
            return match.start(), match.end()
    return None


def next_word_start(text: str, offset: int) -> int:
    """Offset of the start of the next word after ``offset`` (or the end of the text)."""
    pos = offset
    # Leave the current word, then skip to the next word character.
    while pos < len(text) and (text[pos].isalnum() or text[pos] == "_"):
        pos += 1
    match = _WORD.search(text, pos)
    return match.start() if match else len(text)


def previous_word_start(text: str, offset: int) -> int:
    """Offset of the start of the word before ``offset`` (or 0)."""
    pos = offset - 1
    while pos >= 0 and not (text[pos].isalnum() or text[pos] == "_"):
        pos -= 1
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        pos -= 1
    return max(pos, 0)


def utc_now() -> str:
    """Current time as UTC ISO 8601 with milliseconds and a ``Z`` (an ``xsd:dateTime``)."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


_last_id = (0, 0)  # (milliseconds, random part) of the last id made in this process


def new_id() -> str:
    """A time-ordered UUID (RFC 9562 version 7) as a string.

    Time-ordered keys keep SQLite's primary-key index append-mostly, which makes
    bulk imports and merges markedly faster than random UUID4 keys. Within one
    millisecond the random part counts up (RFC 9562's monotonic method), so ids made
    by one process sort in the order they were made.
    """
    global _last_id
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(secrets.token_bytes(10), "big")
    if millis <= _last_id[0]:
        millis, rand = _last_id[0], (_last_id[1] + 1) % (1 << 74)
    _last_id = (millis, rand)
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))


def default_annotator() -> str:
    """The annotator's name: ``DIPTYCH_ANNOTATOR`` or else the OS user."""
    name = os.environ.get("DIPTYCH_ANNOTATOR")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # getpass raises several kinds when no user is known
        return "unknown"


# Display safety --------------------------------------------------------------
# Terminal control characters are mapped one code point to one code point, so
# offsets computed on the display string are the same as on the stored text.

def _display_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})
    return table


DISPLAY_TABLE = _display_table()
_DISPLAY_TABLE_NO_TAB = {k: v for k, v in DISPLAY_TABLE.items() if k != 0x09}


def safe_for_display(text: str, keep_tabs: bool = False) -> str:
    """Make untrusted text harmless for a terminal without changing its length.

    C0 controls become Unicode control pictures (ESC -> U+241B), DEL becomes U+2421,
    C1 controls become U+FFFD. Newlines become U+2424, so a title or excerpt stays on
    one line.
    """
    return text.translate(_DISPLAY_TABLE_NO_TAB if keep_tabs else DISPLAY_TABLE)


def excerpt(text: str, limit: int = 60) -> str:
    """A one-line, display-safe excerpt of at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return safe_for_display(flat)
