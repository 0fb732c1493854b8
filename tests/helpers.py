"""What the tests share: paths, running the CLI as a script would, and driving the real app."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tui.cli import cli
from tui.services.importing import import_ids
from tui.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SIZE = (120, 30)  # the reader tests' terminal


def run(*args, ok: bool = True):
    """Invoke ``diptych ARGS``; with ``ok``, fail the test unless it exits 0."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr)
    return result


def make_db(db_path: Path, *paths: Path) -> list[int]:
    """Import ``paths``; return the ids the reader opens for them: a folder's first two, every file named."""
    store = Store.open(db_path)
    ids = import_ids(store, list(paths))
    store.close()
    return ids[:2] if any(Path(p).is_dir() for p in paths) else ids


def make_app(db_path: Path, ids: list[int], annotator: str = "tester"):
    from tui.reader.app import DiptychApp  # Textual only for the tests that drive the app

    return DiptychApp(str(db_path), ids, annotator)


def rows(db_path: Path) -> list[dict]:
    store = Store.open(db_path)
    try:
        return list(store.export_rows())
    finally:
        store.close()


def line_text(view, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))
