"""Files and folders -> (file, manifest metadata) pairs, in a stable order."""

from __future__ import annotations

from pathlib import Path

from .manifest import read_manifest

# Folders are searched for these; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".rst"}


def collect(paths: list[Path]) -> list[tuple[Path, dict]]:
    """Expand files and folders into (file, manifest metadata) pairs, in a stable order.

    A folder gives the files its manifest lists (in that order), then its other text
    files by name, recursively. A file named directly is always taken.
    """
    found: list[tuple[Path, dict]] = []
    seen: set[Path] = set()

    def add(file: Path, meta: dict) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            found.append((file, meta))

    for path in paths:
        if path.is_dir():
            manifest = read_manifest(path)
            for name, meta in manifest.items():
                add(path / name, meta)
            for file in sorted(path.rglob("*")):
                if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
                    add(file, read_manifest(file.parent).get(file.name, {}))
        else:
            add(path, read_manifest(path.parent).get(path.name, {}) if path.parent.is_dir() else {})
    return found
