"""Comparative reading across documents: compare."""

from __future__ import annotations

import click

from .common import db_option, open_store


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
