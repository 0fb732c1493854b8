from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from .helpers import CORPUS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the shipped corpus (manifest included)."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv("DIPTYCH_DB", raising=False)
    monkeypatch.setenv("DIPTYCH_ANNOTATOR", "tester")
    return CliRunner()


@pytest.fixture
def store(db_path: Path, corpus: Path):
    """An open store with the corpus imported."""
    from tui.services.importing import import_ids
    from tui.store import Store

    store = Store.open(db_path)
    import_ids(store, [corpus])
    yield store
    store.close()


@pytest.fixture
def example_db(tmp_path: Path, corpus: Path) -> Path:
    """A database with the corpus and the shipped example annotations."""
    from .helpers import run

    db = tmp_path / "example.db"
    run("import", corpus, "--db", db)
    result = run("import-annotations", CORPUS / "annotations.example.jsonl", "--db", db)
    assert "96 added" in result.stdout and "65 links added" in result.stdout
    return db
