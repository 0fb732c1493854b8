"""A terminal guard: what a command prints to a terminal never carries a document's control characters.

A document may hold ``ESC ]0;title BEL`` (retitles the window), ``ESC [2J`` (clears the
screen) or ``ESC ]52;c;...`` (writes the clipboard). Into a pipe or a file the output
stays exact; on a terminal every control character but newline and tab is shown as the
reader shows it (control pictures), so nothing reaches the terminal as a command. Output
that carries its own colours (Pygments, Rich) is made from safe text and written to the
terminal underneath, through :func:`raw`.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..model.text import DISPLAY_TABLE

# Newline and tab lay out output; every other control is data.
_TERMINAL_TABLE = {k: v for k, v in DISPLAY_TABLE.items() if k not in (0x0A, 0x09)}


class SafeTerminal:
    """A text stream that shows control characters as control pictures on the way to a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.terminal = stream

    def write(self, text: str) -> int:
        self.terminal.write(text.translate(_TERMINAL_TABLE))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):  # flush, isatty, encoding, buffer, reconfigure...
        return getattr(self.terminal, name)

    @property
    def buffer(self):
        # Bytes written to a terminal are guarded too: decode, translate, encode.
        return _SafeBuffer(self)


class _SafeBuffer:
    def __init__(self, owner: SafeTerminal) -> None:
        self.owner = owner

    def write(self, data: bytes) -> int:
        self.owner.write(data.decode("utf-8", "replace"))
        return len(data)

    def flush(self) -> None:
        self.owner.flush()


def guard_terminal() -> None:
    """Wrap stdout and stderr when they are terminals (once per process)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, SafeTerminal) and _isatty(stream):
            setattr(sys, name, SafeTerminal(stream))


def raw(stream: TextIO | None = None) -> TextIO:
    """The terminal under the guard, for output that is already safe and carries colours."""
    stream = stream or sys.stdout
    return stream.terminal if isinstance(stream, SafeTerminal) else stream


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
