"""Documents in and out of the database: import, open, docs, reextract, original, orphans, reattach."""

from __future__ import annotations

from pathlib import Path

import click

from ..report.tables import emit_table, table_format_option
from .common import DEFAULT_CORPUS, annotator_option, db_option, open_store, span_from_options, who

AS_CHOICE = click.Choice(["article", "text"])


def _check_targets(targets: list[str], title: str | None, command: str) -> None:
    """Usage mistakes stop the command before anything is imported; bad documents do not."""
    from ..services.importing import STDIN, is_url

    for target in targets:
        if target == STDIN:
            if not title:
                raise click.ClickException(f"{command} -: --title is needed for standard input")
        elif not is_url(target) and not Path(target).exists():
            raise click.ClickException(f"{target}: no such file or folder")
    if targets.count(STDIN) > 1:
        raise click.ClickException(f"{command}: standard input (-) can be read only once")


def _import_paths(store, targets: list[str], encoding: str | None, quiet: bool = False, *,
                  as_text: bool = False, title: str | None = None):
    """Import files, folders, URLs and stdin; print one line per document; return (ids, refused count)."""
    from ..services.importing import import_paths

    ids: list[int] = []
    refused = 0

    def stdin() -> bytes:
        return click.get_binary_stream("stdin").read()

    for item in import_paths(store, targets, encoding, as_text=as_text, title=title, stdin=stdin):
        if item.skipped:
            click.echo(f"skipped\t{item.file}\t{item.reason}", err=True)
            continue
        if item.refused:
            refused += 1
            # A fetch's reason starts with the URL; the line names it once.
            reason = item.reason.removeprefix(f"{item.file}: ")
            click.echo(f"refused\t{item.file}\t{reason}", err=True)
            continue
        ids.append(item.document_id)
        if not quiet or item.status != "unchanged":
            note = "" if item.newline in ("lf", "none") else f"\t(newlines {item.newline} -> lf)"
            if item.status == "changed":
                note += _reanchored_note(item.reanchored)
            elif item.reason:
                note += f"\t({item.reason})"
            click.echo(f"{item.status}\t{item.document_id}\t{item.file}{note}", err=quiet)
    return ids, refused


def _reanchored_note(moved: dict) -> str:
    return (f"\t(annotations: {moved.get('kept', 0)} kept, {moved.get('moved', 0)} re-anchored, "
            f"{moved.get('orphaned', 0)} orphaned)")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=str, metavar="PATH_OR_URL...")
@click.option("--encoding", default=None, help="Decode with this encoding (e.g. cp1252), whatever the file says.")
@click.option("--as", "as_", type=AS_CHOICE, default="article", show_default=True,
              help="Web pages: the article, or all visible text.")
@click.option("--title", default=None, help="The title of the document read from standard input (-).")
@db_option
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[str, ...], encoding: str | None, as_: str,
                   title: str | None, db_path: str | None) -> None:
    """Import files, folders, web pages (https://...) or standard input (-).

    HTML pages give their article (--as text: all visible text), PDFs their text in
    paragraphs, DOCX their paragraphs; text and Markdown stay as they are. A folder
    takes every .html .htm .pdf .docx .md .txt in it, and its manifest.toml gives
    titles, outlets, languages and any other metadata. Standard input needs --title.

    Prints `added`, `unchanged`, `changed`, `refused` (and why) or `skipped` (a folder's
    unsupported files, and why) for each. Exits 1 if any was refused; the others are
    imported all the same.
    """
    targets = list(paths)
    _check_targets(targets, title, "import")
    store = open_store(ctx, db_path)
    ids, refused = _import_paths(store, targets, encoding, as_text=as_ == "text", title=title)
    if refused:
        click.echo(f"{len(ids)} imported, {refused} refused", err=True)
        ctx.exit(1)


@click.command("open")
@click.argument("paths", nargs=-1, type=str, metavar="[PATH_OR_URL]...")
@click.option("--encoding", default=None, help="Decode files with this encoding instead of UTF-8.")
@click.option("--as", "as_", type=AS_CHOICE, default="article", show_default=True,
              help="Web pages: the article, or all visible text.")
@db_option
@annotator_option
@click.pass_context
def open_command(
    ctx: click.Context, paths: tuple[str, ...] = (), encoding: str | None = None, as_: str = "article",
    db_path: str | None = None, annotator: str | None = None,
) -> None:
    """Import what is new or changed, then open the reader on those documents.

    PATHS are files, folders or URLs of web pages (default: ./corpus). A folder opens its
    first two documents (name files to get a pane each); with no PATHS and no ./corpus,
    the first two documents already in the database.
    """
    import sys

    for name, stream in (("standard input", sys.__stdin__), ("standard output", sys.__stdout__)):
        if stream is None or not stream.isatty():
            raise click.ClickException(f"the reader needs a terminal, and {name} is not one "
                                       "(to read annotations in a script, use diptych export)")
    from ..services.importing import STDIN, is_url

    if STDIN in paths:
        raise click.ClickException("open -: the reader needs the terminal; use diptych import - --title T first")
    targets = list(paths) or ([DEFAULT_CORPUS] if Path(DEFAULT_CORPUS).is_dir() else [])
    _check_targets(targets, None, "open")
    store = open_store(ctx, db_path)
    ids: list[int] = []
    if targets:
        ids, _refused = _import_paths(store, targets, encoding, quiet=True, as_text=as_ == "text")
    else:
        ids = [doc.id for doc in store.documents()]
    if not ids:
        raise click.ClickException("nothing to open: name a file, folder or URL (diptych open FILE...)")
    ids = list(dict.fromkeys(ids))
    if not targets or any(not is_url(target) and Path(target).is_dir() for target in targets):
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
    """List the documents: title, outlet (source), language, size, annotations, format,
    author, published date, URL and path."""
    store = open_store(ctx, db_path, create=False)
    metadata = store.documents_metadata()
    rows = []
    for doc, count in store.document_counts():
        meta = metadata.get(doc.id, {})
        rows.append([doc.id, doc.title, doc.source, doc.language, doc.length, count, _text(meta.get("format")),
                     _text(meta.get("author")), _text(meta.get("published")),
                     _text(meta.get("url") or meta.get("canonical_url")), doc.path])
    emit_table(["id", "title", "source", "lang", "chars", "annotations", "format", "author", "published", "url",
                "path"], rows, fmt)


def _text(value) -> str:
    # Metadata is the page's (or a manifest's): a list of authors is shown as one cell.
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


@click.command("reextract")
@click.argument("document_ref", metavar="DOC")
@click.option("--as", "as_", type=AS_CHOICE, default=None,
              help="Web pages: the article or all visible text [default: as it was imported].")
@db_option
@click.pass_context
def reextract_command(ctx: click.Context, document_ref: str, as_: str | None, db_path: str | None) -> None:
    """Extract DOC again from its kept original with today's extractor.

    The new text becomes a new version of DOC and its annotations are re-anchored as for
    a changed file. Prints `changed N` (the new id) with what was kept, moved and
    orphaned, or `unchanged N` when the text is the same.
    """
    from ..services.importing import reextract_document

    store = open_store(ctx, db_path, create=False)
    doc = store.find_document(document_ref)
    item = reextract_document(store, doc.id, as_text=None if as_ is None else as_ == "text")
    if item.refused:
        raise click.ClickException(f"{doc.path}: {item.reason}")
    note = _reanchored_note(item.reanchored) if item.status == "changed" else ""
    click.echo(f"{item.status}\t{item.document_id}\t{doc.path}{note}")


@click.command("original")
@click.argument("document_ref", metavar="DOC")
@click.option("--output", "-o", required=True, metavar="FILE",
              help="Where to write the bytes (- for standard output, when it is not a terminal).")
@db_option
@click.pass_context
def original_command(ctx: click.Context, document_ref: str, output: str, db_path: str | None) -> None:
    """Write the original bytes DOC was extracted from (the page, PDF or file as imported)."""
    import sys

    from ..formats import atomic_writer

    store = open_store(ctx, db_path, create=False)
    doc = store.find_document(document_ref)
    data, format, _options = store.original(doc.id)
    if output == "-":
        if sys.stdout.isatty():
            raise click.ClickException("the original is binary: name a file with --output, or redirect the output")
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        return
    try:
        with atomic_writer(output) as handle:
            handle.flush()
            handle.buffer.write(data)  # bytes as they were: no decoding, no newline translation
    except OSError as exc:
        raise click.ClickException(f"{output}: {exc.strerror or exc}") from None
    click.echo(f"{len(data):,} bytes ({format}) of document {doc.id} written to {output}", err=True)


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
