"""Documents in and out of the database: import, open, docs, orphans, reattach."""

from __future__ import annotations

from pathlib import Path

import click

from ..report.tables import emit_table, table_format_option
from .common import DEFAULT_CORPUS, annotator_option, db_option, open_store, span_from_options, who


def _import_paths(store, paths: list[Path], encoding: str | None, quiet: bool = False):
    """Import files and folders; print one line per file; return (document ids, refused count)."""
    from ..services.importing import import_paths

    ids: list[int] = []
    refused = 0
    for path in paths:
        if not path.exists():
            raise click.ClickException(f"{path}: no such file or folder")
    for item in import_paths(store, paths, encoding):
        if item.refused:
            refused += 1
            click.echo(f"refused\t{item.file}\t{item.reason}", err=True)
            continue
        ids.append(item.document_id)
        if not quiet or item.status != "unchanged":
            note = "" if item.newline in ("lf", "none") else f"\t(newlines {item.newline} -> lf)"
            if item.status == "changed":
                moved = item.reanchored
                note += (f"\t(annotations: {moved['kept']} kept, {moved['moved']} re-anchored, "
                         f"{moved['orphaned']} orphaned)")
            click.echo(f"{item.status}\t{item.document_id}\t{item.file}{note}", err=quiet)
    return ids, refused


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--encoding", default=None, help="Decode with this encoding instead of UTF-8 (e.g. cp1252).")
@db_option
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[Path, ...], encoding: str | None, db_path: str | None) -> None:
    """Import text files or folders of them into the database.

    Prints `added`, `unchanged`, `changed` or `refused` (and why) for each file. A
    folder's manifest.toml gives titles, sources and languages. Exits 1 if any file
    was refused; the others are imported all the same.
    """
    store = open_store(ctx, db_path)
    ids, refused = _import_paths(store, list(paths), encoding)
    if refused:
        click.echo(f"{len(ids)} imported, {refused} refused", err=True)
        ctx.exit(1)


@click.command("open")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--encoding", default=None, help="Decode files with this encoding instead of UTF-8.")
@db_option
@annotator_option
@click.pass_context
def open_command(
    ctx: click.Context, paths: tuple[Path, ...] = (), encoding: str | None = None,
    db_path: str | None = None, annotator: str | None = None,
) -> None:
    """Import what is new or changed, then open the reader on those documents.

    PATHS are files or folders (default: ./corpus). A folder opens its first two
    documents (name files to get a pane each); with no PATHS and no ./corpus, the first
    two documents already in the database.

    """
    import sys

    for name, stream in (("standard input", sys.__stdin__), ("standard output", sys.__stdout__)):
        if stream is None or not stream.isatty():
            raise click.ClickException(f"the reader needs a terminal, and {name} is not one "
                                       "(to read annotations in a script, use diptych export)")
    store = open_store(ctx, db_path)
    targets = list(paths) or ([Path(DEFAULT_CORPUS)] if Path(DEFAULT_CORPUS).is_dir() else [])
    ids: list[int] = []
    if targets:
        ids, _refused = _import_paths(store, targets, encoding, quiet=True)
    else:
        ids = [doc.id for doc in store.documents()]
    if not ids:
        raise click.ClickException("nothing to open: name a text file or folder (diptych open FILE...)")
    ids = list(dict.fromkeys(ids))
    if not targets or any(path.is_dir() for path in targets):
        ids = ids[:2]  # a folder opens its first two documents; name files to open more panes
    name = who(ctx, annotator)
    path = store.path
    store.close()
    from ..reader.app import DiptychApp  # Textual is imported here and only here

    DiptychApp(db_path=path, document_ids=ids, annotator=name).run()


@click.command("docs")
@table_format_option
@db_option
@click.pass_context
def docs_command(ctx: click.Context, fmt: str | None, db_path: str | None) -> None:
    """List the documents with their annotation counts."""
    store = open_store(ctx, db_path, create=False)
    rows = [
        [doc.id, doc.title, doc.source, doc.language, doc.length, count, doc.path]
        for doc, count in store.document_counts()
    ]
    emit_table(["id", "title", "source", "lang", "chars", "annotations", "path"], rows, fmt)


@click.command("orphans")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default=None)
@db_option
@click.pass_context
def orphans_command(ctx: click.Context, fmt: str | None, db_path: str | None) -> None:
    """Annotations that could not be re-anchored after their document changed."""
    from ..model.text import excerpt
    from ..report.tables import emit_table

    store = open_store(ctx, db_path, create=False)
    rows = [[a.id, a.document_id, a.label, a.start, a.end, excerpt(a.exact, 60)] for a in store.orphans()]
    emit_table(["id", "old_document", "label", "start", "end", "exact"], rows, fmt)


@click.command("reattach")
@click.argument("annotation_id")
@click.option("--document", "document_ref", required=True, help="The document (usually the new version).")
@click.option("--span", default=None, metavar="START:END", help="Where it belongs now.")
@click.option("--quote", default=None, help="Or: the text where it belongs now.")
@click.option("--occurrence", type=click.IntRange(min=1), default=None,
              help="Which occurrence of --quote (1 = first); needed when it occurs more than once.")
@db_option
@click.pass_context
def reattach_command(ctx: click.Context, annotation_id: str, document_ref: str, span: str | None,
                     quote: str | None, occurrence: int | None, db_path: str | None) -> None:
    """Re-attach an (orphaned) annotation by hand; its id, note and links stay."""
    store = open_store(ctx, db_path, create=False)
    doc = store.find_document(document_ref)
    start, end = span_from_options(store.text(doc.id), span, quote, occurrence, doc.id)
    store.reattach(annotation_id, doc.id, start, end)
    click.echo(f"re-attached {annotation_id} to document {doc.id} at {start}:{end}")
