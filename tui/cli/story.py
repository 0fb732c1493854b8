"""Comparative reading across documents: compare, story, sources, and the HTML report."""

from __future__ import annotations

import click

from .common import db_option, open_store

STORY_FORMATS = click.Choice(["table", "markdown", "json"])


def _documents(store, refs: tuple[str, ...]) -> list[int] | None:
    return [store.find_document(ref).id for ref in refs] or None


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


def _emit(fmt: str | None, rich_renderables, render) -> None:
    """Rich tables on a terminal (``rich_renderables(width)``), else ``render(fmt, width)``'s text."""
    import sys

    fmt = fmt or ("table" if sys.stdout.isatty() else "markdown")
    if fmt == "table" and sys.stdout.isatty():
        from rich.console import Console

        from ..report.terminal import raw

        console = Console(file=raw())  # every cell is made display-safe by the report module
        for renderable in rich_renderables(console.width):
            console.print(renderable)
    else:
        click.echo(render(fmt, _width()), nl=False)


@click.command("compare")
@click.argument("document_a")
@click.argument("document_b")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "csv", "json"]), default=None,
              help="Output format [default: table on a terminal, markdown in a pipe].")
@db_option
@click.pass_context
def compare_command(ctx: click.Context, document_a: str, document_b: str, fmt: str | None, db_path: str | None) -> None:
    """Compare two documents' claims: linked pairs with their attributions, then the unpaired."""
    import sys

    from ..report.compare import render, rich_tables
    from ..services.compare import gather_comparison

    store = open_store(ctx, db_path, create=False)
    a, b = store.find_document(document_a), store.find_document(document_b)
    if a.id == b.id:
        raise click.UsageError(f"compare needs two different documents (both name document {a.id})")
    report = gather_comparison(store, a.id, b.id)
    fmt = fmt or ("table" if sys.stdout.isatty() else "markdown")
    if fmt == "table":
        from rich.console import Console

        from ..report.terminal import raw

        console = Console(file=raw())  # cells are made display-safe by rich_tables
        for renderable in rich_tables(report, (a.title, b.title)):
            console.print(renderable)
    else:
        click.echo(render(report, fmt, (a.title, b.title)), nl=False)


@click.command("story")
@click.argument("documents", nargs=-1, metavar="[DOC...]")
@click.option("--format", "fmt", type=STORY_FORMATS, default=None,
              help="Output format [default: table on a terminal, markdown in a pipe].")
@db_option
@click.pass_context
def story_command(ctx: click.Context, documents: tuple[str, ...], fmt: str | None, db_path: str | None) -> None:
    """One story across many outlets: which claims each document carries, supports,
    contradicts or leaves out, who they are attributed to, and where the figures differ.

    Claims joined by same_as or supports links form one claim across documents;
    a contradicts link adds its claim to the one it contradicts. DOC is an id, path,
    file name or sha256 prefix; with none, every current document, in id order.
    """
    from ..report.story import render_story, rich_story
    from ..services.story import story

    store = open_store(ctx, db_path, create=False)
    made = story(store, _documents(store, documents))
    _emit(fmt, lambda width: rich_story(made, width), lambda f, width: render_story(made, f, width=width))


@click.command("sources")
@click.argument("documents", nargs=-1, metavar="[DOC...]")
@click.option("--format", "fmt", type=STORY_FORMATS, default=None,
              help="Output format [default: table on a terminal, markdown in a pipe].")
@db_option
@click.pass_context
def sources_command(ctx: click.Context, documents: tuple[str, ...], fmt: str | None, db_path: str | None) -> None:
    """Who is quoted where: speakers × documents, with the number of attributions and
    of the claims they back, and each speaker's kind (government, military, expert,
    state media, anonymous, document, other).

    A speaker is the attribution's `speaker` attribute, or else inferred from its text
    and marked "?" (inferred, not yet confirmed). With no DOC, every current document.
    """
    from ..report.story import render_sources, rich_sources
    from ..services.story import sources

    store = open_store(ctx, db_path, create=False)
    shown, rows = sources(store, _documents(store, documents))
    _emit(fmt, lambda width: rich_sources(shown, rows, width),
          lambda f, width: render_sources(shown, rows, f, width=width))


@click.command("report")
@click.argument("documents", nargs=-1, metavar="[DOC...]")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True,
              help="The HTML file to write (atomically).")
@db_option
@click.pass_context
def report_command(ctx: click.Context, documents: tuple[str, ...], output: str, db_path: str | None) -> None:
    """Write an HTML report: the documents side by side with their claims and attributions,
    the links between them, the matrix, the sources and the figures that differ.

    One self-contained file: it fetches nothing, opens from disk and prints well.
    No DOC: every current document.
    """
    from ..model.text import utc_now
    from ..report.html import write_report

    store = open_store(ctx, db_path, create=False)
    ids = list(dict.fromkeys(store.find_document(ref).id for ref in documents)) or [d.id for d in store.documents()]
    if not ids:
        raise click.ClickException("no documents to report on (import some first: diptych import PATH)")
    try:
        summary = write_report(store, ids, output, generated=utc_now()[:10])
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write: {exc.strerror}") from None
    click.echo(summary, err=True)


@click.command("search")
@click.argument("query")
@click.option("--document", "document_ref", default=None, help="Only this document.")
@click.option("--label", default=None, help="Only inside annotated spans of this label.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many hits.")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default=None,
              help="Output format [default: table on a terminal, tsv in a pipe].")
@db_option
@click.pass_context
def search_command(ctx: click.Context, query: str, document_ref: str | None, label: str | None, limit: int,
                   fmt: str | None, db_path: str | None) -> None:
    """Search every document's text for QUERY's words, as a phrase (case and line breaks
    ignored); best documents first, each hit with its code-point offsets and a snippet."""
    from ..report.tables import emit_table

    store = open_store(ctx, db_path, create=False)
    document_id = store.find_document(document_ref).id if document_ref else None
    hits = store.search(query, document_id=document_id, label=label, limit=limit)
    titles = {doc.id: doc.title for doc in store.documents(include_superseded=True)}
    if fmt == "json":
        import json

        click.echo(json.dumps([{"document": h.document_id, "title": titles.get(h.document_id, ""), "start": h.start,
                                "end": h.end, "snippet": h.snippet, "annotation": h.annotation_id, "label": h.label}
                               for h in hits], ensure_ascii=False, indent=2))
        return
    rows = [[h.document_id, h.start, h.end, *([h.label, h.annotation_id] if label else []), h.snippet] for h in hits]
    headers = ["document", "start", "end", *(["label", "annotation"] if label else []), "snippet"]
    emit_table(headers, rows, fmt)
    if not hits:
        click.echo(f"no match for {query!r}", err=True)
