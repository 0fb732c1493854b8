"""Export (and later import) formats: one module per format, registered here."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from . import csv_format, json_format

Exporter = Callable[[Iterator[dict], TextIO], int]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": json_format.write_jsonl,
    "json": json_format.write_json,
    "csv": csv_format.write_csv,
}


def _plain_mode(path: str) -> int:
    """An existing file keeps its mode; a new one gets 0666 less the umask, as open() would."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_writer(path: str, newline: str | None = None) -> Iterator[TextIO]:
    """Write to a temporary file beside ``path`` and move it into place only when done.

    A reader never sees a half-written export, and a failed export leaves the old file.
    """
    folder = os.path.dirname(os.path.abspath(path))
    mode = _plain_mode(path)
    fd, temp = tempfile.mkstemp(prefix=".diptych-", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file 0600; give it the mode a plain open() would have given it.
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
