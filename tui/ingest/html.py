"""Web pages: the article's text and metadata with trafilatura, decoded by the page's own charset.

Decoding follows the order browsers use (the WHATWG encoding sniffing rules, simplified):
a byte order mark, then the charset of the HTTP ``Content-Type`` header (when the page came
from a URL), then the page's ``<meta charset>`` or ``<meta http-equiv>`` in its first 8 kB,
then UTF-8 when the bytes are valid UTF-8, else windows-1252. As browsers do,
``iso-8859-1`` and ``us-ascii`` labels are read as windows-1252: pages so labelled often use
its curly quotes in 0x80-0x9F. A caller's explicit ``encoding`` beats all of these.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from .. import __version__
from .source import DocumentError, DocumentFile
from .util import finish, tidy_lines

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}

# C0 (except tab, newline, carriage return) and C1 controls and DEL: libxml2 and trafilatura
# drop them, yet a page's text is data and must survive extraction as it was. Each is swapped
# for a printable token (two rare brackets around its hex code) before parsing and swapped
# back afterwards; a page that already holds those brackets is left as it is.
_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_OPEN, _CLOSE = "\u2e20", "\u2e21"
_SHELTERED = re.compile(f"{_OPEN}([0-9a-f]{{2}}){_CLOSE}")
_BROKEN_SHELTER = re.compile(f"{_OPEN}[0-9a-f]{{0,2}}{_CLOSE}?|{_CLOSE}")

# Elements whose text a reader never sees, for --as text.
_INVISIBLE = ("head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
              "embed", "canvas", "select", "button")
_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# trafilatura's precision mode: fewer boilerplate leaks (advertisements inside the story's
# container) for a slightly lower recall; see benchmarks/ingest.py for the figures.
PRECISION = True

# Fewer words than this is a menu, a consent wall or an error page, not an article; the
# shortest news briefs run to a few dozen words.
MIN_ARTICLE_WORDS = 10

NO_ARTICLE = "no article text found in the page (use --as text to import all of its visible text)"


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    name = _WHATWG_ALIASES.get(name, name)
    # A page whose bytes are ASCII-compatible cannot really be UTF-16 (it declared that in
    # ASCII); browsers read it as UTF-8, and so do we.
    return "utf-8" if name.startswith("utf-16") else name


def charset_of(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """The codec to decode a page with and where it came from: ``bom``, ``http``, ``meta``,
    ``utf-8`` (the bytes are valid UTF-8) or ``default`` (windows-1252)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, "bom"
    if http_charset and (name := _codec(http_charset)):
        return name, "http"
    match = _META_CHARSET.search(data, 0, 8192)
    if match and (name := _codec(match.group(1).decode("ascii", "replace"))):
        return name, "meta"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", "default"
    return "utf-8", "utf-8"


def decode_page(data: bytes, encoding: str | None = None, http_charset: str | None = None) -> tuple[str, str, str]:
    """The page as text, the codec used and where the choice came from.

    Like a browser, undecodable bytes become U+FFFD rather than refusing the page.
    """
    if encoding:
        name = _codec(encoding)
        if name is None:
            raise DocumentError(f"unknown encoding {encoding!r}")
        how = "given"
    else:
        name, how = charset_of(data, http_charset)
    for bom, _ in _BOMS:
        if data.startswith(bom):
            data = data[len(bom):]
            break
    text = data.decode(name, "replace")
    # NUL is never text on the web; the HTML parser turns it into U+FFFD too.
    return text.replace("\x00", "\ufffd"), name, how


def _shelter(text: str) -> tuple[str, bool]:
    if not _CONTROLS.search(text) or _OPEN in text or _CLOSE in text:
        return text, False
    return _CONTROLS.sub(lambda m: f"{_OPEN}{ord(m.group()):02x}{_CLOSE}", text), True


def _unshelter(text: str) -> str:
    text = _SHELTERED.sub(lambda m: chr(int(m.group(1), 16)), text)
    # trafilatura's clean-up of names (authors) can cut a token in half; the page held no
    # such brackets (else nothing was sheltered), so what is left of one is ours to drop.
    return _BROKEN_SHELTER.sub("", text)


def _parse(text: str):
    import lxml.html

    # lxml refuses str input that carries its own XML encoding declaration (XHTML pages).
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        return lxml.html.document_fromstring(text)
    except Exception as exc:  # noqa: BLE001 - lxml's parser errors have no common public base class
        raise DocumentError(f"cannot parse the HTML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


def _language(tree) -> str:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        for meta in tree.iterfind(".//meta"):
            key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language", "dc.language"):
                lang = (meta.get("content") or "").split(",")[0]
                break
    lang = lang.strip().replace("_", "-")
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang) else ""


def _head_title(tree) -> str:
    node = tree.find(".//title")
    return " ".join((node.text_content() if node is not None else "").split())


def visible_text(tree) -> str:
    """All the text a browser would show, one line per block element (for --as text)."""
    from lxml import etree

    body = tree.find("body")
    root = body if body is not None else tree
    for node in list(root.iter(*_INVISIBLE)):
        node.drop_tree()
    for node in list(root.iter()):
        if isinstance(node.tag, str) and (node.get("hidden") is not None
                                          or _HIDDEN_STYLE.search(node.get("style") or "")
                                          or node.get("aria-hidden") == "true"):
            node.drop_tree()
    parts: list[str] = []
    for event, node in etree.iterwalk(root, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None  # comments have a function as tag
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if tag and node.text:
                parts.append(node.text if tag == "pre" else node.text.replace("\n", " "))
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if node is not root and node.tail:
                parts.append(node.tail.replace("\n", " "))
    return tidy_lines("".join(parts).split("\n"))


@lru_cache(maxsize=1)
def extractor_version() -> str:
    from importlib.metadata import version

    return version("trafilatura")


# trafilatura prunes footers by their tags and by the classes of <div>s; a table layout
# puts its footer in a cell.
_LAYOUT_FURNITURE = "//td[contains(@class, 'footer') or contains(@id, 'footer')]"


def _extract(tree, *, tables: bool = True, precision: bool = PRECISION, prune: str | None = None):
    import warnings

    import trafilatura

    # trafilatura's lxml calls raise FutureWarnings that would reach the user's terminal.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=tables,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            favor_precision=precision,
            prune_xpath=prune,
            # Dates come from the page's metadata and markup, not guessed from its running text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )


def _article(tree, page: str):
    """trafilatura's extraction, retried without tables when a layout table swallowed the page.

    Old sites lay out the whole page in a ``<table>``; trafilatura then returns it as one
    ``| cell | cell |`` row, navigation and advertisements included.
    """
    found = _extract(tree)
    if found is not None and found.text:
        rows = sum(len(line) for line in found.text.split("\n") if line.startswith("|"))
        if rows * 2 > len(found.text):
            # trafilatura pruned the tree it was given: parse the page again (rare, so cheap).
            again = _extract(_parse(page), tables=False, precision=False, prune=_LAYOUT_FURNITURE)
            if again is not None and again.text:
                again.title, again.sitename = again.title or found.title, again.sitename or found.sitename
                return again
    return found


def _headline(headlines: list[str], title: str, text: str) -> str:
    """The page's ``<h1>`` headline when it is the title but the extracted text left it out."""
    if title and text.split("\n", 1)[0] != title and title in headlines:
        return f"{title}\n{text}"
    return text


def read_html(data: bytes, path: Path, meta: dict | None = None, *, encoding: str | None = None,
              http_charset: str | None = None, as_text: bool = False) -> DocumentFile:
    """A web page as a document: its article (or, with ``as_text``, all its visible text)."""
    if not data.strip():
        raise DocumentError("empty file" if not data else "only white space")
    page, codec, how = decode_page(data, encoding, http_charset)
    sheltered, changed = _shelter(page)
    tree = _parse(sheltered)
    language = _language(tree)
    head_title = _head_title(tree)
    metadata: dict = {"charset": codec, "charset_from": how}
    if as_text:
        text = visible_text(tree)
        if not text:
            raise DocumentError("no visible text in the page")
        title, source, extractor, version = head_title, "", "diptych-visible-text", __version__
    else:
        # Taken before trafilatura prunes the tree.
        headlines = [" ".join(node.text_content().split()) for node in tree.iter("h1")]
        found = _article(tree, sheltered)
        text = tidy_lines(found.text.split("\n")) if found is not None and found.text else ""
        if len(re.findall(r"\w+", text)) < MIN_ARTICLE_WORDS:
            raise DocumentError(NO_ARTICLE)
        title, source = found.title or head_title, found.sitename or ""
        text = _headline(headlines, title, text)
        metadata.update(author=found.author, published=found.date, canonical_url=found.url,
                        description=found.description)
        language = language or (found.language or "")
        extractor, version = "trafilatura", extractor_version()
    if changed:
        text, title, source = _unshelter(text), _unshelter(title).strip(), _unshelter(source).strip()
        metadata = {k: _unshelter(v).strip() if isinstance(v, str) else v for k, v in metadata.items()}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return finish(path, data, text, meta, format="html", extractor=extractor, extractor_version=version,
                  title=title, source=source, language=language, metadata=metadata, encoding=codec)
