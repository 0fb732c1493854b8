"""The HTML report: one self-contained file that anyone can open, offline, and print.

Documents are untrusted text. Everything from the database reaches the page through
Jinja2's autoescaping or :func:`html.escape`; the only non-escaped values are the
document bodies built here (escaped piece by piece) and the page's data, a JSON block
with ``<``, ``>``, ``&`` and the JavaScript line separators written as ``\\u`` escapes,
read by the page's script with ``JSON.parse`` and put into the page with ``textContent``
only. A Content-Security-Policy meta forbids every fetch, so the page works from
``file://`` and tells nobody it was opened.

Overlapping and nested spans: the text is cut at every span boundary; spans are
``<mark>`` elements nested by start (longer first), and a span that crosses the end of
one that opened inside it is closed and reopened as a continuation (``class="cont"``,
same ``data-id``, no ``tabindex``). Long texts are cut into blocks at line ends, each
laid out only when near the screen (``content-visibility: auto``), which keeps a 5 MB
document responsive.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import urlsplit

from markupsafe import Markup

from ..services.report import (
    ABSENT,
    CARRIES,
    CELL_STATES,
    CLAIM,
    CONTRADICTS,
    SUPPORTS,
    ReportAnnotation,
    ReportData,
)

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
# Colour is never the only cue (WCAG 1.4.1): each label also gets an underline style,
# and the reader's own monochrome mark (bold, italic, ...) where it has one.
UNDERLINES = ("solid", "dashed", "dotted", "double")
MARK_CSS = {
    "underline": "",
    "bold": "font-weight: 700;",
    "italic": "font-style: italic;",
    "strike": "text-decoration: line-through;",
    "overline": "text-decoration: overline;",
}
STATE_WORDS = {CARRIES: "carries it", SUPPORTS: "supports it", CONTRADICTS: "contradicts it", ABSENT: "—"}
# How a link reads from its target's side.
INVERSE = {"attributes": "attributed to", "supports": "supported by", "contradicts": "contradicted by"}
BLOCK_CHARS = 4_000  # a layout block: cut at the first line end after this many characters
MAX_DEPTH_CLASS = 4  # nesting depths drawn with their own underline offset; deeper share the last

# Document text is shown, not interpreted: C0 controls (but tab and newline) become
# control pictures, DEL U+2421 and C1 controls U+FFFD, one code point for one, as the
# reader draws them; everything else, U+2028 included, stays itself.
_TEXT_TABLE = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_TEXT_TABLE[0x7F] = "\u2421"
_TEXT_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# A one-line field (title, outlet, excerpt): controls, newlines and tabs become pictures too.
_LINE_TABLE = {**_TEXT_TABLE, 0x09: "\u2409", 0x0A: "\u2424"}
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """Document text as the page shows it: same length, no control characters."""
    # A regular expression finds the (usually no) controls in C; str.translate with a
    # table would look up every one of a 5 MB text's code points in Python's dict.
    return _TEXT_CONTROLS.sub(lambda m: _TEXT_TABLE[ord(m.group())], text)


def line(text: str) -> str:
    """A one-line field as the page shows it."""
    return text.translate(_LINE_TABLE)


def safe_url(url: str) -> str | None:
    """``url`` if it may become a link (http or https with a host), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() or ord(c) < 0x20 for c in url.strip()):
        return url.strip()
    return None


def render(data: ReportData, *, title: str | None = None, generated: str = "") -> str:
    """The report as one HTML document (a ``str``; write it as UTF-8)."""
    labels = _label_styles(data)
    label_index = {style["name"]: i for i, style in enumerate(labels)}
    doc_index = {d.id: i for i, d in enumerate(data.documents)}
    annotations = data.annotations
    k_of = {a.id: k for k, a in enumerate(annotations)}
    bodies = [
        Markup(_body([(a, k) for k, a in enumerate(annotations) if a.document_id == doc.id and a.status != "orphaned"],
                     doc.text, label_index))
        for doc in data.documents
    ]
    counts = [_counts(doc.id, annotations) for doc in data.documents]
    short = [_short_name(doc) for doc in data.documents]
    page_data = _page_data(data, k_of, doc_index, label_index, short)
    context = {
        "title": line(title or "Diptych report: " + " / ".join(short)),
        "generated": line(generated),
        "documents": [
            {"title": line(d.title or d.path), "source": line(d.source), "published": line(d.published),
             "author": line(d.author), "url": line(d.url), "href": safe_url(d.url), "language": d.language,
             "short": short[i], "counts": counts[i], "body": bodies[i],
             "orphans": sum(1 for a in annotations if a.document_id == d.id and a.status == "orphaned")}
            for i, d in enumerate(data.documents)
        ],
        "labels": labels,
        "rated": any(isinstance(a.attributes.get("rating"), str) for a in annotations),
        "claim_class": f"L{label_index.get(CLAIM, 0)}",
        "label_css": Markup(_label_css(labels)),
        "matrix": _matrix_context(data, k_of),
        "states": [(state, STATE_WORDS[state]) for state in CELL_STATES],
        "sources": data.sources,
        "figures": _figures_context(data, k_of),
        "data_json": Markup(_script_json(page_data)),
    }
    return _template().render(**context)


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("tui.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["line"] = line
    return env.get_template("report.html.j2")


# The documents' text ---------------------------------------------------------------------------
def _body(spans: list[tuple[ReportAnnotation, int]], text: str, label_index: dict[str, int]) -> str:
    """A document's text as blocks of escaped text with nested ``<mark>`` elements."""
    text = shown(text)
    n = len(text)
    spans = sorted(((max(0, a.start), min(n, a.end), k, a) for a, k in spans if a.start < a.end and a.start < n),
                   key=lambda s: (s[0], -s[1], s[2]))
    boundaries = {0, n}
    for start, end, _k, _a in spans:
        boundaries.add(start)
        boundaries.add(end)
    blocks = _block_starts(text)
    boundaries |= blocks
    positions = sorted(boundaries)

    opening: dict[int, str] = {}  # k -> the opening tag of a continuation fragment

    def open_tag(start_end_k_a, depth: int, first: bool) -> str:
        _s, _e, k, a = start_end_k_a
        css = f"L{label_index.get(a.label, 0)} d{min(depth, MAX_DEPTH_CLASS)}"
        attrs = f'data-id="{html.escape(a.id)}" data-label="{html.escape(a.label)}" data-k="{k}"'
        if first:
            opening[k] = f'<mark class="{css} cont" {attrs}>'
            rating = a.attributes.get("rating")
            # A fact-check verdict shows as a badge before the claim (drawn by CSS from the attribute).
            badge = f' data-rating="{html.escape(line(rating))}"' if isinstance(rating, str) and rating else ""
            return f'<mark class="{css}" {attrs} id="a{k}" tabindex="0"{badge}>'
        return opening[k]

    out: list[str] = ['<div class="blk">']
    stack: list[tuple] = []  # open spans, outermost first
    i = 0  # next span to open
    for pos, following in zip(positions, positions[1:] + [n]):
        # Close what ends here; spans opened inside one of them are reopened as continuations.
        lowest = next((j for j, s in enumerate(stack) if s[1] <= pos), None)
        if lowest is not None:
            out.append("</mark>" * (len(stack) - lowest))
            keep = [s for s in stack[lowest:] if s[1] > pos]
            del stack[lowest:]
            for s in keep:
                stack.append(s)
                out.append(open_tag(s, len(stack) - 1, False))
        if pos in blocks and pos:
            out.append("</mark>" * len(stack) + '</div><div class="blk">')
            out.extend(opening[s[2]] for s in stack)
        while i < len(spans) and spans[i][0] == pos:
            stack.append(spans[i])
            out.append(open_tag(spans[i], len(stack) - 1, True))
            i += 1
        if following > pos:
            out.append(html.escape(text[pos:following], quote=False))
    out.append("</mark>" * len(stack) + "</div>")
    return "".join(out)


_LINE_END = re.compile(r"\n")


def _block_starts(text: str) -> set[int]:
    """Where layout blocks start: just after the first line end past every BLOCK_CHARS."""
    starts = set()
    pos = BLOCK_CHARS
    while pos < len(text):
        found = text.find("\n", pos - 1)
        if found < 0 or found + 1 >= len(text):
            break
        starts.add(found + 1)
        pos = found + 1 + BLOCK_CHARS
    return starts


def _counts(document_id: int, annotations: list[ReportAnnotation]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for a in annotations:
        if a.document_id == document_id:
            counts[a.label] = counts.get(a.label, 0) + 1
    return sorted(counts.items())


def _short_name(doc) -> str:
    name = doc.source or doc.title or doc.path.rsplit("/", 1)[-1]
    name = " ".join(name.split())
    return line(name if len(name) <= 40 else name[:39] + "…")


# Labels -------------------------------------------------------------------------------------
def _label_styles(data: ReportData) -> list[dict]:
    used = {a.label for a in data.annotations}
    names = [label.name for label in data.labels] + sorted(used - {label.name for label in data.labels})
    info = {label.name: label for label in data.labels}
    styles = []
    for i, name in enumerate(names):
        mark = info[name].mark if name in info else "underline"
        styles.append({
            "name": name, "colour": OKABE_ITO[i % len(OKABE_ITO)], "underline": UNDERLINES[i % len(UNDERLINES)],
            "mark": mark if mark in MARK_CSS else "underline",
            "description": line(info[name].description) if name in info else "",
            "used": name in used,
        })
    return styles


def _label_css(labels: list[dict]) -> str:
    rules = []
    for i, style in enumerate(labels):
        colour = style["colour"]
        rules.append(
            f".L{i} {{ --c: {colour}; background-color: {colour}24; border-bottom: 0.14em {style['underline']} {colour};"
            f" {MARK_CSS[style['mark']]} }}"
        )
    return "\n".join(rules)


# The page's data for its script --------------------------------------------------------------------
def _page_data(data: ReportData, k_of: dict[str, int], doc_index: dict[int, int],
               label_index: dict[str, int], short: list[str]) -> dict:
    """What the tooltips and the partner highlighting need, indexed by ``data-k``."""
    partners: dict[int, set[int]] = {}
    described: dict[int, list[list]] = {}
    by_id = {a.id: a for a in data.annotations}

    def where(other_id: str) -> str:
        if other_id in by_id:
            return short[doc_index[by_id[other_id].document_id]]
        end = data.outside.get(other_id)
        return f"document {end.document_id} (not in this report)" if end else "?"

    def excerpt(other_id: str) -> str:
        other = by_id.get(other_id) or data.outside.get(other_id)
        words = " ".join(other.exact.split()) if other else ""
        return line(words if len(words) <= 90 else words[:89] + "…")

    for link in data.links:
        for this, other, outgoing in ((link.source_id, link.target_id, True), (link.target_id, link.source_id, False)):
            if this not in k_of:
                continue
            k = k_of[this]
            verb = link.relation if outgoing or link.relation not in INVERSE else INVERSE[link.relation]
            described.setdefault(k, []).append([line(verb), where(other), excerpt(other), line(link.note)])
            if other in k_of:
                partners.setdefault(k, set()).add(k_of[other])
    items = []
    for k, a in enumerate(data.annotations):
        attributes = [[line(str(name)), line(", ".join(map(str, value)) if isinstance(value, list) else str(value))]
                      for name, value in a.attributes.items()]
        items.append([label_index.get(a.label, 0), doc_index.get(a.document_id, 0), line(a.note), attributes,
                      described.get(k, []), sorted(partners.get(k, ())), line(a.annotator)])
    return {"labels": [line(name) for name in label_index], "documents": short, "items": items}


def _script_json(value) -> str:
    """JSON that cannot end its ``<script>`` element or start a comment or a tag in it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


# The matrix, the figures ---------------------------------------------------------------------
def _matrix_context(data: ReportData, k_of: dict[str, int]) -> dict:
    def cell(c) -> dict:
        return {"state": c.state, "word": STATE_WORDS[c.state],
                "claims": [{"k": k_of.get(claim.id), "exact": line(claim.exact),
                            "attributions": [line(x) for x in claim.attributions]} for claim in c.claims]}

    shared = [row for row in data.matrix if row.documents >= 2 or any(c.state == CONTRADICTS for c in row.cells)]
    alone = [row for row in data.matrix if row not in shared]
    only: list[list[dict]] = [[] for _ in data.documents]
    for row in alone:
        for column, c in enumerate(row.cells):
            for claim in c.claims:
                only[column].append({"k": k_of.get(claim.id), "exact": line(claim.exact)})
    return {"rows": [[cell(c) for c in row.cells] for row in shared], "only": only,
            "claims": sum(1 for a in data.annotations if a.label == CLAIM)}


def _figures_context(data: ReportData, k_of: dict[str, int]) -> list[dict]:
    first = {row.key: row for row in data.matrix}
    out = []
    for row in data.figures:
        claim = next((c for cell in first[row.key].cells for c in cell.claims if c.id == row.key), None) if row.key in first else None
        out.append({"k": k_of.get(row.key), "claim": line(claim.exact) if claim else "",
                    "figures": [[line(f) for f in figures] for figures in row.figures]})
    return out


def write_report(store, document_ids: list[int], path: str, *, generated: str = "") -> str:
    """Gather, render and write the report atomically; returns a one-line summary."""
    from ..formats import atomic_writer
    from ..services.report import gather

    data = gather(store, document_ids)
    page = render(data, generated=generated)
    with atomic_writer(path) as handle:
        handle.write(page)
    shown_count = sum(1 for a in data.annotations if a.status != "orphaned")
    return f"report of {len(data.documents)} documents, {shown_count} annotations written to {path}"
