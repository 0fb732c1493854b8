"""Plain text files: decoding, refusing what is not text, a title from the first line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model.text import normalise_newlines
from .source import DocumentError, DocumentFile


def _decode(data: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise DocumentError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"not valid {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
            " (try --encoding, e.g. --encoding cp1252)"
        ) from None


def _guess_title(text: str, path: Path) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if first and len(first) <= 120 and not first.endswith((".", ",", ";", ":")):
        return first
    return path.stem.replace("_", " ").replace("-", " ")


def read_document(path: Path, encoding: str | None = None, meta: dict | None = None) -> DocumentFile:
    """Read one file as a document, or raise :class:`DocumentError` saying why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a folder") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None
    if not data.strip():
        raise DocumentError("empty file" if not data else "only white space")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(f"binary file (NUL byte at offset {nul})")
    raw = _decode(data, encoding)
    text, newline = normalise_newlines(raw)
    meta = dict(meta or {})
    return DocumentFile(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        newline=newline,
        encoding=(encoding or "utf-8").lower(),
        title=str(meta.pop("title", "") or _guess_title(text, path)),
        source=str(meta.pop("source", "") or ""),
        language=str(meta.pop("language", "") or ""),
        metadata=meta,
    )
