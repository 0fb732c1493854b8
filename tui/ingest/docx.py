"""Word documents (press releases come this way): body paragraphs and tables, core properties.

Headers and footers are left out: they are the document's running furniture, as in a PDF.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

from .source import DocumentError, DocumentFile
from .util import finish, tidy_lines

MAX_UNPACKED = 256 * 2**20


def _blocks(document) -> list[str]:
    from docx.table import Table

    lines: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                # A manual line break inside a paragraph is a line of its own.
                lines.extend(block.text.split("\n"))

    walk(document)
    return lines


@lru_cache(maxsize=1)
def extractor_version() -> str:
    from importlib.metadata import version

    return version("python-docx")


def read_docx(data: bytes, path: Path, meta: dict | None = None) -> DocumentFile:
    """A DOCX's paragraphs as lines, with its core properties as metadata."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data:
        raise DocumentError("empty file")
    if not data.startswith(b"PK"):
        raise DocumentError("not a DOCX (not a zip file)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise DocumentError("not a DOCX (no word/document.xml in the zip)")
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED:
                # A zip bomb, or a document far beyond any press release.
                raise DocumentError(f"DOCX too large when unpacked ({unpacked // 2**20:,} MB, the limit is "
                                    f"{MAX_UNPACKED // 2**20} MB)")
        document = docx.Document(io.BytesIO(data))
        lines = _blocks(document)
        props = document.core_properties
    except DocumentError:
        raise
    except (zipfile.BadZipFile, EOFError):
        raise DocumentError("truncated or damaged DOCX (the zip cannot be read)") from None
    except PackageNotFoundError:
        raise DocumentError("not a DOCX (no Word package inside)") from None
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many kinds on a broken package
        raise DocumentError(f"damaged DOCX: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    text = tidy_lines(lines)
    if not text:
        raise DocumentError("no text in the document")
    created = props.created.isoformat() if props.created else ""
    metadata = {"author": props.author or "", "created": created, "subject": props.subject or "",
                "keywords": props.keywords or ""}
    first = text.split("\n", 1)[0]
    title = (props.title or "").strip() or (first if len(first) <= 120 else "")
    return finish(path, data, text, meta, format="docx", extractor="python-docx",
                  extractor_version=extractor_version(), title=title, language=(props.language or "").strip(),
                  metadata=metadata, encoding="")
