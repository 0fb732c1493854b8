"""The ``diptych`` command line.

Only ``open`` imports Textual; every other command imports the store (and so
sqlite-utils) inside its own body, so ``diptych --help`` starts in a blink.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import click

from .model.text import default_annotator
from .report.tables import emit_table, table_format_option

DEFAULT_DB = "annotations.db"
DEFAULT_CORPUS = "corpus"


class DiptychGroup(click.Group):
    """Turns the errors a user can act on into one line on stderr and a non-zero exit."""

    def main(self, *args, **kwargs):  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx else ""
            click.echo(f"diptych: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"diptych: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("diptych: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        from .ingest import DocumentError

        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # e.g. `diptych export | head`
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            ctx.exit(130)
        except (DocumentError, sqlite3.DatabaseError) as exc:
            raise click.ClickException(str(exc)) from None
        except Exception as exc:
            if type(exc).__name__ == "StoreError":  # avoid importing the store for --help
                raise click.ClickException(str(exc)) from None
            raise


def db_option(func):
    """``--db`` on every command (and on the group), falling back to ``DIPTYCH_DB``."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), default=None,
        help=f"The database file [env DIPTYCH_DB; default ./{DEFAULT_DB}].",
    )(func)


def annotator_option(func):
    return click.option(
        "--annotator", default=None,
        help="Who is annotating [env DIPTYCH_ANNOTATOR; default: the OS user].",
    )(func)


def resolve_db(ctx: click.Context, db_path: str | None) -> str:
    return db_path or (ctx.obj or {}).get("db") or os.environ.get("DIPTYCH_DB") or DEFAULT_DB


def open_store(ctx: click.Context, db_path: str | None, create: bool = True):
    from .store import Store

    store = Store.open(resolve_db(ctx, db_path), create=create)
    ctx.call_on_close(store.close)
    return store


@click.group(cls=DiptychGroup, invoke_without_command=True)
@db_option
@annotator_option
@click.version_option(package_name="diptych")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, annotator: str | None) -> None:
    """Diptych: read two articles side by side, tag claims and attributions, export them.

    With no command, `diptych` is `diptych open`: it imports ./corpus and opens the reader.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db_path
    ctx.obj["annotator"] = annotator
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_command)


def _import_paths(store, paths: list[Path], encoding: str | None, quiet: bool = False):
    """Import files and folders; print one line per file; return (document ids, refused count)."""
    from .services.importing import import_paths

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


@cli.command("import")
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


@cli.command("open")
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

    PATHS are files or folders (default: ./corpus). With no PATHS and no ./corpus,
    opens the first documents already in the database.
    """
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
    who = annotator or ctx.obj.get("annotator") or default_annotator()
    path = store.path
    store.close()
    from .reader.app import DiptychApp  # Textual is imported here and only here

    DiptychApp(db_path=path, document_ids=ids, annotator=who).run()


@cli.command("docs")
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


@cli.command("stats")
@table_format_option
@db_option
@click.pass_context
def stats_command(ctx: click.Context, fmt: str | None, db_path: str | None) -> None:
    """Count annotations by document and label."""
    store = open_store(ctx, db_path, create=False)
    rows = [list(row) for row in store.stats()]
    totals: dict[str, int] = {}
    for _doc, _title, label, count in rows:
        totals[label] = totals.get(label, 0) + count
    rows += [["*", "all documents", label, count] for label, count in sorted(totals.items())]
    emit_table(["document", "title", "label", "count"], rows, fmt)


@cli.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "w3c", "brat", "doccano"]), default="jsonl",
    show_default=True, help="Output format (brat needs --output DIR).",
)
@click.option("--output", "-o", type=click.Path(), default=None,
              help="Write to this file (atomically) instead of stdout; for brat, a folder.")
@click.option("--document", "document_ref", default=None, help="Only this document (id, path or file name).")
@click.option("--label", default=None, help="Only this label.")
@click.option("--offsets", type=click.Choice(["codepoint", "utf16", "utf8"]), default="codepoint", show_default=True,
              help="Count offsets in code points, UTF-16 code units (doccano, Label Studio) or UTF-8 bytes.")
@click.option("--collection", is_flag=True, help="w3c: one AnnotationCollection instead of one Annotation per line.")
@click.option("--documents", "with_documents", is_flag=True, help="JSON formats: add each document's metadata.")
@click.option("--with-text", is_flag=True, help="With --documents: add each document's full text too.")
@db_option
@click.pass_context
def export_command(
    ctx: click.Context, fmt: str, output: str | None, document_ref: str | None, label: str | None,
    offsets: str, collection: bool, with_documents: bool, with_text: bool, db_path: str | None,
) -> None:
    """Export annotations (default: JSON Lines on stdout).

    Each record has id, document (id, path, sha256, title), label, start, end
    (Unicode code points over the stored text, unless --offsets says otherwise),
    exact, prefix, suffix, note, annotator, created, modified, status, attributes,
    origin and links. See the README for w3c, brat and doccano.
    """
    from .formats.exporting import export

    if fmt == "brat" and not output:
        raise click.UsageError("--format brat writes a folder: give it with --output DIR")
    if fmt == "brat" and offsets != "codepoint":
        raise click.UsageError("brat counts code points: leave --offsets at codepoint")
    store = open_store(ctx, db_path, create=False)
    document_id = store.find_document(document_ref).id if document_ref else None
    if label is not None:
        store._check_label(label)
    summary = export(store, fmt, output, document_id=document_id, label=label, unit=offsets,
                     collection=collection, with_documents=with_documents, with_text=with_text)
    if summary:
        click.echo(summary, err=True)


@cli.command("tag")
@click.argument("document_ref", metavar="DOCUMENT")
@click.option("--label", "-l", required=True, help="The label, e.g. claim or attribution.")
@click.option("--span", default=None, metavar="START:END", help="Code-point offsets in the stored text.")
@click.option("--quote", default=None, help="The exact text to tag.")
@click.option("--occurrence", type=click.IntRange(min=1), default=None,
              help="Which occurrence of --quote (1 = first); needed when it occurs more than once.")
@click.option("--note", default="", help="A note on the annotation.")
@click.option("--attr", "attrs", multiple=True, metavar="KEY=VALUE",
              help="An attribute, e.g. claim_type=quantity (repeat for several values or keys).")
@db_option
@annotator_option
@click.pass_context
def tag_command(
    ctx: click.Context, document_ref: str, label: str, span: str | None, quote: str | None,
    occurrence: int | None, note: str, attrs: tuple[str, ...], db_path: str | None, annotator: str | None,
) -> None:
    """Tag a span of DOCUMENT from a script; prints the new annotation's id."""
    from .model.anchoring import find_occurrences
    from .model.text import normalise_newlines

    if (span is None) == (quote is None):
        raise click.UsageError("give exactly one of --span START:END or --quote TEXT")
    store = open_store(ctx, db_path, create=False)
    doc = store.find_document(document_ref)
    text = store.text(doc.id)
    if span is not None:
        start, end = parse_span(span)
    else:
        quote = normalise_newlines(quote)[0]
        hits = find_occurrences(text, quote)
        if not hits:
            raise click.ClickException(f"quote not found in document {doc.id}: {quote!r}")
        if occurrence is None and len(hits) > 1:
            raise click.ClickException(
                f"the quote occurs {len(hits)} times in document {doc.id}; choose one with --occurrence 1..{len(hits)}"
            )
        index = (occurrence or 1) - 1
        if index >= len(hits):
            raise click.ClickException(f"the quote occurs only {len(hits)} time(s) in document {doc.id}")
        start, end = hits[index], hits[index] + len(quote)
    who = annotator or ctx.obj.get("annotator") or default_annotator()
    annotation = store.create_annotation(
        doc.id, text, start, end, label, who, note=note, attributes=parse_attributes(store, attrs)
    )
    click.echo(annotation.id)


def parse_span(span: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in span.split(":"))
    except ValueError:
        raise click.UsageError(f"--span must be START:END (two whole numbers), not {span!r}") from None
    return start, end


def parse_attributes(store, pairs: tuple[str, ...]) -> dict:
    """``("claim_type=quantity", "claim_type=causal")`` -> ``{"claim_type": ["quantity", "causal"]}``."""
    multi = {t["name"]: t["multi"] for t in store.attribute_types()}
    attributes: dict = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise click.UsageError(f"--attr takes KEY=VALUE, not {pair!r}")
        if multi.get(name):
            attributes.setdefault(name, []).append(value)
        elif name in attributes:
            raise click.UsageError(f"{name} takes one value")
        else:
            attributes[name] = value
    return attributes


@cli.group("labels", cls=DiptychGroup, invoke_without_command=True)
@table_format_option
@db_option
@click.pass_context
def labels_group(ctx: click.Context, fmt: str | None, db_path: str | None) -> None:
    """List the labels (or add one with `diptych labels add`)."""
    ctx.obj["labels_db"] = db_path
    if ctx.invoked_subcommand is None:
        store = open_store(ctx, db_path)
        rows = [[l["name"], l["key"], l["color"], l["mark"], l["description"]] for l in store.labels()]
        emit_table(["name", "key", "color", "mark", "description"], rows, fmt)


@labels_group.command("add")
@click.argument("name")
@click.option("--key", required=True, help="The one key that tags a selection with this label in the reader.")
@click.option("--color", required=True, help="A colour: #rrggbb or a name such as 'green'.")
@click.option("--mark", type=click.Choice(["underline", "bold", "italic", "strike", "overline"]),
              default="italic", show_default=True, help="How it shows on a monochrome terminal.")
@click.option("--description", default="", help="What the label means (shown in the help screen).")
@db_option
@click.pass_context
def labels_add(
    ctx: click.Context, name: str, key: str, color: str, mark: str, description: str, db_path: str | None
) -> None:
    """Add a label NAME with its key, colour and monochrome mark."""
    from rich.color import Color, ColorParseError

    from .reader.keys import RESERVED_KEYS

    if not name.strip() or any(ch.isspace() for ch in name):
        raise click.BadParameter("a label name is one word", param_hint="NAME")
    if len(key) != 1 or not key.isprintable() or key.isspace():
        raise click.BadParameter("a key is one printable character", param_hint="--key")
    if key in RESERVED_KEYS:
        raise click.BadParameter(f"{key!r} is taken by a reader command", param_hint="--key")
    try:
        color = Color.parse(color).get_truecolor().hex
    except ColorParseError as exc:
        raise click.BadParameter(str(exc), param_hint="--color") from None
    store = open_store(ctx, db_path or ctx.obj.get("labels_db"))
    store.add_label(name, key, color, mark, description)
    click.echo(f"label {name} added (key {key}, colour {color}, {mark})")


from . import cli_compare  # noqa: E402,F401  (registers link, unlink, suggest, compare)


def main() -> None:
    cli(prog_name="diptych")
