"""Counting and checking: stats, agreement, verify."""

from __future__ import annotations

import click

from ..report.tables import emit_table, table_format_option
from .common import db_option, open_store


@click.command("stats")
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


@click.command("agreement")
@click.option("--annotators", nargs=2, required=True, metavar="A B", help="The two annotators to compare.")
@click.option("--label", "labels", multiple=True, help="Only these labels (repeatable).")
@click.option("--document", "document_refs", multiple=True, help="Only these documents (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@click.pass_context
def agreement_command(
    ctx: click.Context, annotators: tuple[str, str], labels: tuple[str, ...], document_refs: tuple[str, ...],
    fmt: str, db_path: str | None,
) -> None:
    """Inter-annotator agreement: exact-span F1, character-overlap F1, token kappa, unitizing alpha, links.

    See the README for the definitions and a worked example.
    """
    import json

    from ..services.agreement import measure

    store = open_store(ctx, db_path, create=False)
    known = store.annotators()
    for name in annotators:
        if name not in known:
            raise click.ClickException(f"no annotations by {name!r} (annotators: {', '.join(known) or 'none'})")
    named = [store.find_document(ref).id for ref in document_refs]
    wanted = list(labels) or [label.name for label in store.labels()]
    result = measure(store, annotators, wanted, named or None)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    rows = [[label, s["a_count"], s["b_count"], s["exact_f1"], s["overlap_f1"], s["kappa"], s["alpha_u"]]
            for label, s in [*result["labels"].items(), ("overall", result["overall"])]]
    emit_table(["label", f"{annotators[0]}", f"{annotators[1]}", "exact_f1", "overlap_f1", "kappa", "alpha_u"], rows, "table")
    click.echo(f"links: {result['links']['agreement']} agreement "
               f"({result['links']['a_count']} vs {result['links']['b_count']} links)")
    scope = "named" if named else "annotated by either"
    click.echo(f"documents: {result['documents']} ({scope})")


@click.command("verify")
@db_option
@click.pass_context
def verify_command(ctx: click.Context, db_path: str | None) -> None:
    """Check the database: SQLite integrity, every span against its text, links, orphans.

    Exits 1 when something is wrong (orphans alone are reported, not wrong).
    """
    store = open_store(ctx, db_path, create=False)
    result = store.verify()
    counts = result["counts"]
    click.echo(
        f"integrity {'ok' if result['integrity'] else 'FAILED'}; {counts['documents']} documents, "
        f"{counts['annotations']} annotations ({counts['bad_spans']} bad spans, {counts['orphaned']} orphaned), "
        f"{counts['links']} links ({counts['dangling_links']} dangling), {counts['tombstones']} deletions recorded"
    )
    for problem in result["problems"]:
        click.echo(f"problem\t{problem}", err=True)
    if result["problems"]:
        ctx.exit(1)
