"""Render a story and its sources for people: a terminal table, Markdown or JSON.

Every document string passes through :func:`~tui.model.text.safe_for_display` before it
reaches a terminal: titles, claims and speakers are untrusted text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..formats.json_format import escape_controls
from ..model.sources import SourceRow, type_counts
from ..model.speakers import SPEAKER_TYPES
from ..model.story import ABSENT, CARRIES, CONTRADICTS, SUPPORTS, Story, StoryClaim, StoryCluster, StoryDocument
from ..model.text import safe_for_display

MARKS = {CARRIES: "●", SUPPORTS: "+", CONTRADICTS: "✗", ABSENT: "·"}
LEGEND = "● carries  + supports  ✗ contradicts  · absent"
# A column narrower than this shows a mark only, the claim's text beside the matrix.
MIN_CELL_WIDTH = 28


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _flat(text: str, limit: int | None = None) -> str:
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return safe_for_display(flat)


def _speakers(claim: StoryClaim) -> str:
    names = [a.speaker.name or a.exact for a in claim.attributions]
    return "; ".join(dict.fromkeys(names))


def _claim_index(story: Story) -> dict[str, tuple[int, StoryClaim]]:
    """Claim id -> (its document's number in the story, the claim), for showing `related`."""
    number = {d.id: i for i, d in enumerate(story.documents, 1)}
    found = {}
    for cluster in story.clusters:
        for claim in cluster.claims:
            found.setdefault(claim.id, (number[claim.document], claim))
    for claims in story.only.values():
        for claim in claims:
            found.setdefault(claim.id, (number[claim.document], claim))
    return found


def _related(claim: StoryClaim, index: dict, limit: int = 50) -> list[str]:
    """ "2. This is 40 percent of Russia's…" for each claim linked to this one by `related`."""
    return [f"{index[other][0]}. {_flat(index[other][1].exact, limit)}" for other in claim.related if other in index]


def document_label(document: StoryDocument, limit: int = 40) -> str:
    """ "DW (Deutsche Welle): Brothers in Arms…", or the title alone when the outlet is unknown."""
    words = f"{document.source}: {document.title}" if document.source else document.title
    return _flat(words, limit)


# -- JSON ---------------------------------------------------------------------------------
def story_json(story: Story) -> str:
    # Line separators and C1 controls stay escaped, as in the export, so a terminal is safe.
    return escape_controls(json.dumps(story.as_json(), ensure_ascii=False, indent=2)) + "\n"


def sources_json(documents: list[StoryDocument], rows: list[SourceRow]) -> str:
    ids = [d.id for d in documents]
    data = {"documents": [d.as_json() for d in documents], "sources": [r.as_json(ids) for r in rows],
            "types": [{"document": d, "counts": counts} for d, counts in type_counts(rows, ids).items()]}
    return escape_controls(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# -- Markdown -----------------------------------------------------------------------------
_MD_SPECIAL = {ord(c): "\\" + c for c in "\\`*_[]|#"} | {ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;"}


def _md(text: str, limit: int | None = 200) -> str:
    # Document text stays literal in any Markdown viewer: no emphasis, links, HTML or cell breaks.
    return _flat(text, limit).translate(_MD_SPECIAL)


def _md_cell(cluster: StoryCluster, document_id: int, limit: int = 200) -> str:
    stance, claims = cluster.cell(document_id)
    if stance == ABSENT:
        return "·"
    parts = []
    for claim in claims:
        who = _speakers(claim)
        parts.append(f"{MARKS[claim.stance]} {claim.stance}: {_md(claim.exact, limit)}"
                     + (f" — *{_md(who, 80)}*" if who else ""))
    return "<br>".join(parts)


def story_markdown(story: Story, limit: int = 200) -> str:
    """The whole story as Markdown; ``limit`` shortens each claim in the matrix."""
    docs = story.documents
    lines = [f"# Story: {_count(len(docs), 'document')}, {_count(len(story.clusters), 'shared claim')}", ""]
    lines += [f"{i}. {_md(document_label(d, 120))}" + (f" ({_md(d.published)})" if d.published else "")
              for i, d in enumerate(docs, 1)]
    lines += ["", "## Claims across documents", "", LEGEND, ""]
    lines += ["| # | " + " | ".join(f"{i}. {_md(document_label(d, 40))}" for i, d in enumerate(docs, 1)) + " |",
              "|---|" + "---|" * len(docs)]
    for cluster in story.clusters:
        flag = " ≠" if cluster.figures_differ else ""
        lines.append(f"| {cluster.number}{flag} | " + " | ".join(_md_cell(cluster, d.id, limit) for d in docs) + " |")
    if not story.clusters:
        lines.append("| (none) |" + " |" * len(docs))
    differing = [c for c in story.clusters if c.figures_differ]
    if differing:
        lines += ["", "## Figures that differ", ""]
        for cluster in differing:
            for d in cluster.differences:
                (ca, fa), (cb, fb) = d.a, d.b
                lines.append(f"- cluster {cluster.number}: {_md(fa.text)} ({_reading(fa)}, doc {ca.document}) vs "
                             f"{_md(fb.text)} ({_reading(fb)}, doc {cb.document})")
    index = _claim_index(story)
    for i, d in enumerate(docs, 1):
        lines += ["", f"## Only in {i}. {_md(document_label(d, 120))}", ""]
        only = story.only.get(d.id, [])
        lines += [f"- {_md(c.exact)}" + (f" — *{_md(_speakers(c), 80)}*" if c.attributions else "")
                  + "".join(f" (related: {_md(r, None)})" for r in _related(c, index)) for c in only]
        if not only:
            lines.append("- (none)")
    lines += ["", "## Sources", ""]
    lines += sources_markdown(docs, story.sources, heading=False).splitlines()
    return "\n".join(lines) + "\n"


def _reading(figure) -> str:
    from ..model.figures import describe

    return _flat(describe(figure), 60)  # our own words ("> 6,000,000 shell"): shown as they are


def sources_markdown(documents: list[StoryDocument], rows: list[SourceRow], heading: bool = True) -> str:
    ids = [d.id for d in documents]
    lines = ["# Sources", ""] if heading else []
    lines += ["Each cell: attributions (claims they back).", ""]
    lines += ["| speaker | type | " + " | ".join(f"{i}. {_md(document_label(d, 40))}"
                                                for i, d in enumerate(documents, 1)) + " | total |",
              "|---|---|" + "---|" * len(documents) + "---|"]
    for row in rows:
        cells = [f"{row.attributions.get(d, 0)} ({len(row.claims.get(d, ()))})" if row.attributions.get(d) else "·"
                 for d in ids]
        name = _md(row.speaker, 80) + (" *(inferred)*" if row.inferred else "")
        lines.append(f"| {name} | {row.speaker_type} | " + " | ".join(cells)
                     + f" | {row.total_attributions} ({row.total_claims}) |")
    counts = type_counts(rows, ids)
    lines += ["", "| source type | " + " | ".join(f"{i}." for i in range(1, len(ids) + 1)) + " |",
              "|---|" + "---|" * len(ids)]
    for kind in SPEAKER_TYPES:
        if any(counts[d][kind] for d in ids):
            lines.append(f"| {kind} | " + " | ".join(str(counts[d][kind]) for d in ids) + " |")
    return "\n".join(lines) + "\n"


# -- terminal -----------------------------------------------------------------------------
def rich_story(story: Story, width: int = 120) -> Iterator:
    """Rich renderables for a terminal: the matrix (text in each cell for a few documents,
    marks only when the columns would be too narrow to read), figures that differ, then
    each document's own claims."""
    from rich.table import Table
    from rich.text import Text

    docs = story.documents
    full = len(docs) <= max(1, (width - 8) // MIN_CELL_WIDTH)
    # What a cell may hold: its share of the width, about four lines' worth.
    cell_chars = max(40, (width - 8) // max(1, len(docs)) * 4) if full else 0

    title = f"The story: {_count(len(docs), 'document')}, {_count(len(story.clusters), 'shared claim')}"
    caption = LEGEND + ("   ≠ figures differ" if any(c.figures_differ for c in story.clusters) else "")
    if full:
        matrix = Table(title=title, caption=caption, expand=True, show_lines=True)
        matrix.add_column("#", no_wrap=True, justify="right")
        for i, d in enumerate(docs, 1):
            matrix.add_column(Text(f"{i}. {document_label(d, 60)}"), ratio=1)
    else:
        # Many documents: one narrow column of marks each, no rules between them, so the
        # claim keeps about half the width (20 documents at 120 columns: 60 for marks).
        from rich import box

        mark_width = len(str(len(docs)))  # the box puts a space between columns
        matrix = Table(title=title, caption=caption, expand=True, box=box.SIMPLE_HEAD, padding=(0, 0),
                       show_edge=False)
        matrix.add_column("#", no_wrap=True, justify="right")
        matrix.add_column("claim", ratio=1)
        # The marks as one column of fixed-width slots (a column per document lays out slowly).
        slots = "".join(f"{i:>{mark_width + 1}}" for i in range(1, len(docs) + 1))
        matrix.add_column(slots, no_wrap=True, width=len(slots))
        claim_chars = max(30, 2 * (width - 6 - (mark_width + 1) * len(docs)) - 4)  # about two lines
    for cluster in story.clusters:
        number = Text(f"{cluster.number}" + ("≠" if cluster.figures_differ else ""))
        if full:
            matrix.add_row(number, *(_rich_cell(cluster, d.id, cell_chars) for d in docs))
        else:
            first = cluster.claims[0]
            claim = Text(_flat(first.exact, claim_chars))
            who = _speakers(first)
            if who:
                claim.append(f" — {_flat(who, 40)}", style="dim")
            marks = "".join(f"{MARKS[cluster.cell(d.id)[0]]:>{mark_width + 1}}" for d in docs)
            matrix.add_row(number, claim, Text(marks))
    yield matrix
    if not full:
        legend = Table(title="Documents", expand=True, show_header=False, box=None)
        legend.add_column(justify="right", no_wrap=True)
        legend.add_column(ratio=1)
        for i, d in enumerate(docs, 1):
            legend.add_row(str(i), Text(document_label(d, width - 10)))
        yield legend
    differing = [c for c in story.clusters if c.figures_differ]
    if differing:
        table = Table(title="Figures that differ", expand=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("one says", ratio=1)
        table.add_column("another says", ratio=1)
        for cluster in differing:
            for d in cluster.differences:
                (ca, fa), (cb, fb) = d.a, d.b
                table.add_row(str(cluster.number), _rich_figure(docs, ca, fa), _rich_figure(docs, cb, fb))
        yield table
    index = _claim_index(story)
    if not full:
        # Many documents: their own claims as plain lines, one a claim (tables of tables
        # would be long to read and slow to lay out).
        for i, d in enumerate(docs, 1):
            only = story.only.get(d.id, [])
            # Each line is cut to the width already: no wrapping to work out.
            lines = Text(no_wrap=True, overflow="ellipsis")
            lines.append(f"Only in {i}. {document_label(d, width - 20)} ({len(only)})\n", style="bold")
            for claim in only:
                who = _speakers(claim)
                lines.append(f"  {_flat(claim.exact, width - 4 - (len(who) + 3 if who else 0))}")
                if who:
                    lines.append(f" — {_flat(who, 40)}", style="dim")
                lines.append("\n")
            yield lines
        return
    for i, d in enumerate(docs, 1):
        only = story.only.get(d.id, [])
        table = Table(title=Text(f"Only in {i}. {document_label(d, width - 20)}"), expand=True)
        table.add_column("claim", ratio=3)
        table.add_column("attributed to", ratio=1)
        for claim in only:
            text = Text(_flat(claim.exact, 300))
            for related in _related(claim, index):
                # `related` joins nothing, but a reader wants to see the other side.
                text.append(f"\n↔ related: {related}", style="dim")
            table.add_row(text, Text(_flat(_speakers(claim), 80)))
        if not only:
            table.add_row(Text("(none)", style="dim"), "")
        yield table


def _rich_cell(cluster: StoryCluster, document_id: int, limit: int):
    from rich.text import Text

    stance, claims = cluster.cell(document_id)
    if stance == ABSENT:
        return Text("· absent", style="dim")
    cell = Text()
    share = max(30, limit // len(claims))
    for n, claim in enumerate(claims):
        if n:
            cell.append("\n")
        style = "red" if claim.stance == CONTRADICTS else "green" if claim.stance == SUPPORTS else ""
        cell.append(f"{MARKS[claim.stance]} {claim.stance}: ", style=style or "bold")
        cell.append(_flat(claim.exact, share))
        who = _speakers(claim)
        if who:
            cell.append(f"\n— {_flat(who, 60)}", style="dim")
    return cell


def _rich_figure(docs: list[StoryDocument], claim: StoryClaim, figure):
    from rich.text import Text

    from ..model.figures import describe

    number = next((i for i, d in enumerate(docs, 1) if d.id == claim.document), claim.document)
    text = Text(_flat(figure.text, 60), style="bold")
    text.append(f" = {_flat(describe(figure), 40)}   ({number}. ")
    text.append(_flat(claim.exact, 80), style="dim")
    text.append(")")
    return text


def rich_sources(documents: list[StoryDocument], rows: list[SourceRow], width: int = 120) -> Iterator:
    """Speakers × documents (attributions, and in brackets the claims they back), then
    the kinds of source per document."""
    from rich.table import Table
    from rich.text import Text

    ids = [d.id for d in documents]
    table = Table(title="Who is quoted where", expand=True,
                  caption="each cell: attributions (claims they back); ? inferred from the text, not yet confirmed")
    table.add_column("speaker", ratio=2)
    table.add_column("type", no_wrap=True)
    for i, _ in enumerate(documents, 1):
        table.add_column(str(i), justify="right", no_wrap=True)
    table.add_column("total", justify="right", no_wrap=True)
    for row in rows:
        name = Text(_flat(row.speaker, 60))
        if row.inferred:
            name.append(" ?", style="dim")
        cells = [f"{row.attributions[d]} ({len(row.claims.get(d, ()))})" if row.attributions.get(d) else "·"
                 for d in ids]
        table.add_row(name, row.speaker_type, *cells, f"{row.total_attributions} ({row.total_claims})")
    yield table
    legend = Table(title="Documents", expand=True, show_header=False, box=None)
    legend.add_column(justify="right", no_wrap=True)
    legend.add_column(ratio=1)
    for i, d in enumerate(documents, 1):
        legend.add_row(str(i), Text(document_label(d, width - 10)))
    yield legend
    counts = type_counts(rows, ids)
    kinds = Table(title="Kinds of source", expand=True)
    kinds.add_column("type")
    for i, _ in enumerate(documents, 1):
        kinds.add_column(str(i), justify="right", no_wrap=True)
    for kind in SPEAKER_TYPES:
        if any(counts[d][kind] for d in ids):
            kinds.add_row(kind, *(str(counts[d][kind]) for d in ids))
    yield kinds


def as_text(renderables, width: int = 120) -> str:
    """Renderables as plain text at ``width`` columns (for tests, the README, a pipe)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, legacy_windows=False, force_terminal=False)
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()


def render_story(story: Story, fmt: str, width: int = 120) -> str:
    """``table`` (plain text at ``width``), ``markdown`` or ``json``."""
    if fmt == "json":
        return story_json(story)
    if fmt == "markdown":
        return story_markdown(story)
    if fmt == "table":
        return as_text(rich_story(story, width), width)
    raise ValueError(fmt)


def render_sources(documents: list[StoryDocument], rows: list[SourceRow], fmt: str, width: int = 120) -> str:
    if fmt == "json":
        return sources_json(documents, rows)
    if fmt == "markdown":
        return sources_markdown(documents, rows)
    if fmt == "table":
        return as_text(rich_sources(documents, rows, width), width)
    raise ValueError(fmt)
