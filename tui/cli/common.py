"""What every command shares: the error-reporting group, --db and --annotator, opening the
store, reading a span from --span / --quote."""

from __future__ import annotations

import os
import sqlite3
import sys

import click

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
            click.echo(f"diptych: {safe(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"diptych: {safe(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("diptych: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        from ..ingest import DocumentError
        from ..report.terminal import guard_terminal

        guard_terminal()
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # e.g. `diptych export | head`
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            ctx.exit(130)
        except (DocumentError, sqlite3.DatabaseError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # e.g. --output into a folder that does not exist
            where = exc.filename or "output"
            raise click.ClickException(f"{where}: {exc.strerror or exc}") from None
        except Exception as exc:
            if type(exc).__name__ == "StoreError":  # avoid importing the store for --help
                raise click.ClickException(str(exc)) from None
            raise


def safe(message: str) -> str:
    """An error message may quote a title or a path: never let its control characters reach the terminal."""
    from ..model.text import safe_for_display

    return safe_for_display(message)


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


def who(ctx: click.Context, annotator: str | None) -> str:
    """The annotator: --annotator on the command, then on the group, then DIPTYCH_ANNOTATOR, then the OS user."""
    from ..model.text import default_annotator

    return annotator or (ctx.obj or {}).get("annotator") or default_annotator()


def open_store(ctx: click.Context, db_path: str | None, create: bool = True):
    from ..store import Store

    store = Store.open(resolve_db(ctx, db_path), create=create)
    ctx.call_on_close(store.close)
    return store


def parse_span(span: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in span.split(":"))
    except ValueError:
        raise click.UsageError(f"--span must be START:END (two whole numbers), not {span!r}") from None
    return start, end


def span_from_options(text: str, span: str | None, quote: str | None, occurrence: int | None,
                      document_id: int) -> tuple[int, int]:
    """``--span START:END`` or ``--quote TEXT [--occurrence N]`` -> (start, end) in ``text``."""
    from ..services.tagging import quote_span

    if (span is None) == (quote is None):
        raise click.UsageError("give exactly one of --span START:END or --quote TEXT")
    if span is not None:
        return parse_span(span)
    try:
        return quote_span(text, quote, occurrence)
    except ValueError as exc:
        raise click.ClickException(f"document {document_id}: {exc}") from None
