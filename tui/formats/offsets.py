"""Offsets in other units: UTF-16 code units (doccano, Label Studio, JavaScript) or UTF-8 bytes.

Code points stay the truth in the database; this only converts on the way out.
"""

from __future__ import annotations

UNITS = ("codepoint", "utf16", "utf8")


def _width(text: str, unit: str) -> int:
    if unit == "utf16":
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-8"))


class OffsetConverter:
    """Converts code-point offsets of one text, fastest when asked in increasing order."""

    def __init__(self, text: str, unit: str) -> None:
        self.text, self.unit = text, unit
        self._at, self._value = 0, 0  # the last code point converted and its converted offset

    def __call__(self, offset: int) -> int:
        if self.unit == "codepoint":
            return offset
        if offset < self._at:
            self._at, self._value = 0, 0
        self._value += _width(self.text[self._at:offset], self.unit)
        self._at = offset
        return self._value

    def span(self, start: int, end: int) -> tuple[int, int]:
        converted = self(start)
        return converted, converted + (end - start if self.unit == "codepoint" else _width(self.text[start:end], self.unit))
