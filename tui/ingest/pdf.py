"""PDF articles: text with pypdf, rebuilt into paragraphs, with a page map.

pypdf gives a page's visual lines. A person annotates paragraphs, and ``tag --quote`` must
find a sentence that wrapped, so the lines are rebuilt:

* **Running headers, footers and page numbers** go. A line among the two highest or the two
  lowest of a page (only the highest and the lowest on a page of four lines or fewer) is a
  running line when, with its digits masked, it sits on the same side and at about the same
  height of at least three pages, or of two when that is half of them ("Page 3 of 20",
  "The Daily Example · 3 May", "Chapter 4: Function reference 20"); an edge line that is
  only a page number ("7", "- 7 -", "Page 7", "vii", "7/20") goes always.
* **Paragraphs**: a line starts a new paragraph when the gap above it is more than 1.4 times
  the page's usual line spacing, when its font size differs by more than 15 % (a heading),
  when it is indented (a first-line indent), or when the line before it is short and ends
  a sentence. Lines of one paragraph are joined with one space, also across a page break.
* **Hyphens at line ends** (``Wednes-`` + ``day``): a soft hyphen is always removed; a hyphen
  is kept when the next line starts with a capital or a digit ("North-" + "Korean",
  "mid-" + "2024"). Otherwise the document itself decides first: the hyphenated form
  written elsewhere in it keeps the hyphen, the joined word written elsewhere removes it.
  Failing that a dictionary (pyspellchecker, in the document's language when it has one,
  else English) decides: a joined word that is a word removes the hyphen, two halves that
  are both words while the joined one is not keep it ("state-" + "owned"), and anything
  else (syllables such as "Zelen-" + "skyy") is joined.

``metadata["page_map"]`` lists ``[page number, offset]`` for each page that kept text: the
code point in ``text`` where that page's text begins, so a span at ``start`` sits on the
last page whose offset is ``<= start``.
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .source import DocumentError, DocumentFile
from .util import finish

# Arabic page numbers, and roman ones up to lxxxix (front matter); a lone word such as "mild"
# or "civil" at the foot of a page is not a roman numeral.
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|pág\.?|página)?\s*[-–—]?\s*(?:\d{1,4}|(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3}))\s*"
    r"(?:(?:/|of|von|de)\s*\d{1,4})?\s*[-–—]?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")
_LINE_END_HYPHEN = re.compile(r"(\w+)([-\u00ad\u2010])$")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"\w+(?:-\w+)*")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
# pypdf logs what it repairs in a damaged file ("EOF marker not found") as warnings, which
# would reach stderr beside our one-line messages; the outcome is what we report.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_EDGE = 2  # lines at each end of a page that may be running headers or footers


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    page: int  # 1-based


def _page_lines(page, number: int) -> list[_Line]:
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, font_size):
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or 1.0
            chunks.append((text, x, y, float(font_size or 0) * scale))

    plain = page.extract_text(visitor_text=visit) or ""
    lines: list[_Line] = []
    current: list[str] = []
    where: tuple[float, float, float] | None = None

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            x, y, size = where or (0.0, 0.0, 0.0)
            lines.append(_Line(text, x, y, size, number))

    for text, x, y, size in chunks:
        for i, piece in enumerate(text.split("\n")):
            if i:
                flush()
                current, where = [], None
            if piece:
                if where is None and piece.strip():
                    where = (x, y, size)
                current.append(piece)
    flush()
    # Should the visitor ever miss text that pypdf put out, keep the text without positions.
    if re.sub(r"\s", "", "".join(line.text for line in lines)) != re.sub(r"\s", "", plain):
        lines = [_Line(t, 0.0, 0.0, 0.0, number) for t in (_SPACES.sub(" ", s).strip() for s in plain.split("\n")) if t]
    return lines


def _edges(lines: list[_Line]) -> dict[int, str]:
    """The lines at the top and bottom of a page (by position, else by order): index -> side."""
    if len({line.y for line in lines}) > 1:
        order = sorted(range(len(lines)), key=lambda i: -lines[i].y)
    else:
        order = list(range(len(lines)))
    # On a page of few lines, only the very first and last may be furniture: the body
    # lines between them must not be taken for a header.
    edge = _EDGE if len(lines) > 2 * _EDGE else 1
    sides = {i: "bottom" for i in order[-edge:]}
    sides.update({i: "top" for i in order[:edge]})
    return sides


def _running_key(line: _Line, side: str) -> tuple[str, str, int]:
    # A running header or footer sits on the same side of every page and at the same height
    # (to a few points); digits are masked so that "Page 3" and "Page 4" are one line.
    return side, re.sub(r"\d+", "#", line.text.lower()), round(line.y / 4)


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    edges = [_edges(lines) for lines in pages]
    seen: dict[tuple[str, str, int], int] = {}
    for lines, edge in zip(pages, edges):
        for key in {_running_key(lines[i], side) for i, side in edge.items()}:
            seen[key] = seen.get(key, 0) + 1
    with_text = sum(1 for lines in pages if lines)
    # Books and reports change their running header by chapter, so three pages are enough;
    # a short document needs its line on half of its pages.
    running = {key for key, n in seen.items() if n >= 3 or (n >= 2 and n * 2 >= with_text)}
    kept = []
    for lines, edge in zip(pages, edges):
        kept.append([
            line for i, line in enumerate(lines)
            if not (i in edge and (_running_key(line, edge[i]) in running or _PAGE_NUMBER.fullmatch(line.text)))
        ])
    return kept


def _starts_paragraph(prev: _Line, line: _Line, spacing: dict[int, float], left: dict[int, float],
                      typical_length: float) -> bool:
    if prev.size and line.size and abs(prev.size - line.size) > 0.15 * max(prev.size, line.size):
        return True
    if prev.page == line.page and line.y and spacing.get(line.page):
        gap = prev.y - line.y
        if gap > 1.4 * spacing[line.page]:
            return True
    margin = left.get(line.page)
    if margin is not None and line.size and 0.5 * line.size < line.x - margin < 8 * line.size:
        return True
    return bool(_SENTENCE_END.search(prev.text)) and len(prev.text) < 0.8 * typical_length


def _layout(pages: list[list[_Line]]) -> tuple[dict[int, float], dict[int, float], float]:
    spacing, left = {}, {}
    for lines in pages:
        if not lines or len({line.y for line in lines}) <= 1:
            continue
        gaps = [a.y - b.y for a, b in itertools.pairwise(lines) if 0 < a.y - b.y < 3 * max(a.size, 1.0)]
        if gaps:
            spacing[lines[0].page] = statistics.median(gaps)
        # The left margin is where most lines start.
        left[lines[0].page] = statistics.mode(round(line.x) for line in lines)
    lengths = sorted(len(line.text) for lines in pages for line in lines)
    typical = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    return spacing, left, float(typical)


@lru_cache(maxsize=4)
def _dictionary(language: str):
    from spellchecker import SpellChecker

    try:
        return SpellChecker(language=language)
    except ValueError:  # a language pyspellchecker has no dictionary for
        return SpellChecker(language="en")


class _Hyphens:
    """Decides whether a hyphen at a line's end is a hyphenation break or a real hyphen."""

    def __init__(self, lines: list[_Line], language: str):
        words: set[str] = set()
        for line in lines:
            words.update(_WORD.findall(line.text.lower()))
        self.words = words
        self.language = (language.split("-")[0] or "en").lower()

    def join(self, left: str, right: str) -> str:
        """``left`` (ending in a hyphen) joined with the next line ``right``."""
        match = _LINE_END_HYPHEN.search(left)
        first = _LEADING_WORD.match(right)
        if not match or not right:
            return f"{left} {right}"
        if match.group(2) == "\u00ad":
            return left[:-1] + right
        if not first or not right[0].islower():
            return left + right
        head, tail = match.group(1).lower(), first.group().lower()
        if f"{head}-{tail}" in self.words:
            return left + right
        if head + tail in self.words:
            return left[:-1] + right
        known = _dictionary(self.language).known([head + tail, head, tail])
        if head + tail in known:
            return left[:-1] + right
        if head in known and tail in known:
            return left + right
        return left[:-1] + right


def _paragraphs(pages: list[list[_Line]], language: str) -> tuple[str, list[list[int]]]:
    lines = [line for page in pages for line in page]
    spacing, left, typical = _layout(pages)
    hyphens = _Hyphens(lines, language)
    paragraphs: list[str] = []
    page_map: list[list[int]] = []
    base = 0  # where the current paragraph starts in the final text
    current = ""
    prev: _Line | None = None
    for line in lines:
        if prev is not None and current and _starts_paragraph(prev, line, spacing, left, typical):
            paragraphs.append(current)
            base += len(current) + 1
            current = ""
        if not current:
            start = base
            current = line.text
        elif _LINE_END_HYPHEN.search(current) and line.text[:1].isalpha():
            current = hyphens.join(current, line.text)
            start = base + len(current) - len(line.text)
        else:
            start = base + len(current) + 1
            current = f"{current} {line.text}"
        if not page_map or page_map[-1][0] != line.page:
            page_map.append([line.page, start])
        prev = line
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs), page_map


def pages_of(page_map: list[list[int]], start: int, end: int) -> tuple[int, int] | None:
    """The first and last page that the span ``[start, end)`` of the text sits on.

    Pure, for the reader's status line and the exports: ``None`` without a page map.
    """
    if not page_map:
        return None
    offsets = [offset for _, offset in page_map]
    first = max(bisect.bisect_right(offsets, start) - 1, 0)
    last = max(bisect.bisect_left(offsets, max(end, start + 1)) - 1, first)
    return page_map[first][0], page_map[last][0]


def _clean_title(title: str) -> str:
    # Office suites write the file name as the title: "Microsoft Word - press release.docx".
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title.strip())
    return "" if re.fullmatch(r"(untitled|document\d*|\S+\.(docx?|pdf|odt|rtf))", title, re.IGNORECASE) else title


@lru_cache(maxsize=1)
def extractor_version() -> str:
    from importlib.metadata import version

    return version("pypdf")


def read_pdf(data: bytes, path: Path, meta: dict | None = None) -> DocumentFile:
    """A PDF's text as paragraphs, with its page map, or a one-line reason why not."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if not data:
        raise DocumentError("empty file")
    if data.find(b"%PDF-", 0, 1024) < 0:
        raise DocumentError("not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs are encrypted only to restrict printing or copying, with an empty
            # password for reading: those open like any other.
            try:
                if not reader.decrypt(""):
                    raise DocumentError("encrypted: it needs a password to open")
            except DependencyError as exc:
                raise DocumentError(f"encrypted: {exc}") from None
        count = len(reader.pages)
    except FileNotDecryptedError:
        raise DocumentError("encrypted: it needs a password to open") from None
    except PdfReadError as exc:
        raise DocumentError(f"not a readable PDF: {_first_line(exc)}") from None
    if count == 0:
        raise DocumentError("the PDF has no pages")
    info = reader.metadata or {}
    language = str((meta or {}).get("language") or _pdf_language(reader))
    pages = [_page_lines(page, number) for number, page in enumerate(reader.pages, 1)]
    if not any(pages):
        raise DocumentError(f"no text layer on any of its {count} page{'s' * (count != 1)}: run OCR first")
    blank = [number for number, lines in enumerate(pages, 1) if not lines]
    pages = _drop_furniture(pages)
    text, page_map = _paragraphs(pages, language)
    if not text.strip():
        raise DocumentError("no text on its pages apart from headers, footers and page numbers")
    title = _clean_title(str(info.get("/Title") or ""))
    if not title:
        first = text.split("\n", 1)[0]
        title = first if len(first) <= 120 else ""
    metadata = {"author": str(info.get("/Author") or "").strip(), "pages": count, "page_map": page_map}
    if blank:
        metadata["pages_without_text"] = blank
    return finish(path, data, text, meta, format="pdf", extractor="pypdf", extractor_version=extractor_version(),
                  title=title, language=language, metadata=metadata, encoding="")


def _pdf_language(reader) -> str:
    try:
        lang = reader.trailer["/Root"].get("/Lang")
    except Exception:  # noqa: BLE001 - a damaged catalogue: the language is only a nicety
        return ""
    return str(lang or "").strip()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
