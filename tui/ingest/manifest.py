"""A folder's ``manifest.toml``: titles, outlets, languages and other metadata per file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .source import DocumentError

MANIFEST_NAME = "manifest.toml"


def read_manifest(folder: Path) -> dict[str, dict]:
    """The ``manifest.toml`` of a folder: file name -> metadata, in the manifest's order.

    ::

        [[document]]
        file = "article.txt"
        title = "..."
        source = "Deutsche Welle"
        language = "en"
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: bad manifest: {exc}") from None
    entries = {}
    for entry in data.get("document", []):
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            entries[entry["file"]] = {k: v for k, v in entry.items() if k != "file"}
    return entries
