"""Importing files and folders into a store: the one loop the CLI, the reader's launch,
the demo, the scripts, the benchmark and the tests share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import DocumentError, collect, read_document


@dataclass
class Imported:
    """What happened to one file: ``added``, ``unchanged``, ``changed`` or ``refused`` (with why)."""

    file: Path
    status: str
    document_id: int | None = None
    reason: str = ""
    newline: str = "lf"
    reanchored: dict = field(default_factory=dict)  # kept / moved / orphaned, for a changed file

    @property
    def refused(self) -> bool:
        return self.status == "refused"


def import_paths(store, paths: list[Path], encoding: str | None = None) -> Iterator[Imported]:
    """Import files and folders one file at a time; a refused file never stops the rest."""
    for file, meta in collect(list(paths)):
        try:
            doc = read_document(file, encoding=encoding, meta=meta)
        except DocumentError as exc:
            yield Imported(file, "refused", reason=str(exc))
            continue
        result = store.add_document(doc)
        yield Imported(file, result.status, result.document_id, newline=doc.newline, reanchored=result.reanchored)


def import_ids(store, paths: list[Path], encoding: str | None = None) -> list[int]:
    """Import and return the document ids in order (refused files left out): for tests and scripts."""
    return [item.document_id for item in import_paths(store, paths, encoding) if not item.refused]
