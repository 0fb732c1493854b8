"""Interchange: export, import-annotations, merge."""

from __future__ import annotations

import click

from .common import annotator_option, db_option, open_store, who


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "w3c", "brat", "doccano", "claimreview"]), default="jsonl",
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
@click.option("--organisation", default=None, metavar="NAME",
              help="claimreview: the reviewing organisation (default: the annotator who rated each claim).")
@click.option("--review-url", default=None, metavar="URL",
              help="claimreview: the page publishing the fact checks; each review's url is URL#claim-<id>.")
@click.option("--with-deletions", is_flag=True,
              help="jsonl/json: add a record per deletion (tombstone), so that importing the file deletes too.")
@db_option
@click.pass_context
def export_command(
    ctx: click.Context, fmt: str, output: str | None, document_ref: str | None, label: str | None,
    offsets: str, collection: bool, with_documents: bool, with_text: bool, organisation: str | None,
    review_url: str | None, with_deletions: bool, db_path: str | None,
) -> None:
    """Export annotations (default: JSON Lines on stdout).

    Each record has id, document (id, path, sha256, title), label, start, end
    (Unicode code points over the stored text, unless --offsets says otherwise),
    exact, prefix, suffix, note, annotator, created, modified, status, attributes,
    origin and links. See the README for w3c, brat and doccano.
    """
    from ..formats.exporting import export

    if fmt == "brat" and not output:
        raise click.UsageError("--format brat writes a folder: give it with --output DIR")
    if fmt == "claimreview":
        from ..formats.claimreview import check_review_url

        if label is not None or offsets != "codepoint":
            raise click.UsageError("claimreview exports rated claims: leave --label and --offsets out")
        try:
            review_url = check_review_url(review_url) if review_url else None
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    elif organisation or review_url:
        raise click.UsageError("--organisation and --review-url go with --format claimreview")
    if with_deletions and fmt not in ("jsonl", "json"):
        raise click.UsageError("--with-deletions goes with --format jsonl or json")
    if fmt == "brat" and offsets != "codepoint":
        raise click.UsageError("brat counts code points: leave --offsets at codepoint")
    store = open_store(ctx, db_path, create=False)
    document_id = store.find_document(document_ref).id if document_ref else None
    if label is not None:
        store.check_label(label)
    summary = export(store, fmt, output, document_id=document_id, label=label, unit=offsets,
                     collection=collection, with_documents=with_documents, with_text=with_text,
                     with_deletions=with_deletions, organisation=organisation, review_url=review_url)
    if summary:
        click.echo(summary, err=True)
    if fmt == "claimreview" and not review_url:
        click.echo("no --review-url: the reviews have no url, which Google's fact-check markup requires", err=True)


@click.command("import-annotations")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@db_option
@annotator_option
@click.pass_context
def import_annotations_command(ctx: click.Context, file: str, db_path: str | None, annotator: str | None) -> None:
    """Import annotations (and links) from Diptych's JSON Lines or the W3C format.

    W3C: one Annotation, JSON Lines of them (`export --format w3c`) or an
    AnnotationCollection; the document is found by its `urn:sha256:` source.

    Import the documents first. Running it twice changes nothing; a newer record
    (by `modified`) replaces an older one. A span whose offsets no longer fit is
    re-found by its quote and context, or refused.
    """
    import json

    from ..formats import w3c
    from ..formats.jsonl_import import ImportError_, read_jsonl

    store = open_store(ctx, db_path, create=False)
    try:
        with click.open_file(file, encoding="utf-8") as handle:
            content = handle.read()
        try:
            whole = json.loads(content)
        except json.JSONDecodeError:
            whole = None
        if whole is not None and not isinstance(whole, (dict, list)):
            raise ImportError_("not annotations")
        if whole is not None and w3c.is_w3c(whole):
            records = w3c.to_records(whole)
        else:
            records = ([whole] if isinstance(whole, dict) else whole if isinstance(whole, list)
                       else read_jsonl(content.splitlines()))
            if records and w3c.is_w3c(records):
                records = w3c.to_records(records)
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not UTF-8 text") from None
    except ImportError_ as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    report = store.import_records(records, who(ctx, annotator))
    for problem in report.refused:
        click.echo(f"refused\t{problem}", err=True)
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.reanchored} re-anchored, {report.links_added} links added, {len(report.refused)} refused"
        + (f", {report.deleted} deleted" if report.deleted else "")
        + (f", {report.kept_deleted} kept deleted" if report.kept_deleted else "")
        + (f", {report.conflicts} edit-versus-delete conflicts" if report.conflicts else "")
    )
    if report.refused:
        ctx.exit(1)


@click.command("merge")
@click.argument("other", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.pass_context
def merge_command(ctx: click.Context, other: str, db_path: str | None) -> None:
    """Merge another person's database into this one.

    Documents match by sha256, annotations and links by id; the newer `modified`
    wins, and the same time with different content is reported as a conflict (ours
    is kept). Merging twice changes nothing. The other database is only read.
    """
    from ..store import Store

    store = open_store(ctx, db_path)
    theirs = Store.open(other, create=False, readonly=True)
    try:
        summary = store.merge_from(theirs)
    finally:
        theirs.close()
    click.echo(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.items()))
