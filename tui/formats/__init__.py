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


@contextmanager
def atomic_writer(path: str, newline: str | None = None) -> Iterator[TextIO]:
    """Write to a temporary file beside ``path`` and move it into place only when done.

    A reader never sees a half-written export, and a failed export leaves the old file.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".diptych-", suffix=".tmp", dir=folder)
    try:
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
