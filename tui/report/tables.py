"""Output for people and for pipes: aligned tables on a terminal, TSV or JSON otherwise."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator

import click

from ..model.text import safe_for_display
from .terminal import raw

table_format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default=None,
    help="Output format [default: table on a terminal, tsv in a pipe].",
)


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def emit_table(headers: list[str], rows: list[list], fmt: str | None) -> None:
    """Print rows as an aligned table, tab-separated values or a JSON array of objects."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if fmt == "json":
        click.echo(json.dumps([dict(zip(headers, row)) for row in rows], ensure_ascii=False, indent=2))
        return
    cells = [[safe_for_display("" if value is None else str(value)) for value in row] for row in rows]
    if fmt == "tsv":
        for line in [headers, *cells]:
            click.echo("\t".join(value.replace("\t", " ") for value in line))
        return
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    for index, line in enumerate([headers, *cells]):
        padded = [value + " " * (widths[i] - _width(value)) for i, value in enumerate(line)]
        click.echo("  ".join(padded).rstrip())
        if index == 0:
            click.echo("  ".join("-" * w for w in widths))


def colour_json(rows: Iterator[dict], fmt: str) -> None:
    """Print the export coloured by Pygments (for a person at a terminal)."""
    import io

    from pygments import highlight
    from pygments.formatters import Terminal256Formatter
    from pygments.lexers import JsonLexer

    from ..formats import EXPORTERS

    buffer = io.StringIO()
    EXPORTERS[fmt](rows, buffer)
    # The records are JSON: every control character is a \u escape, so the colours are the only escapes.
    raw().write(highlight(buffer.getvalue(), JsonLexer(), Terminal256Formatter(style="monokai")))
