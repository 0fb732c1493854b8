from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from .helpers import CORPUS

# No silent skips in CI ------------------------------------------------------------------------
# Under CI=true a skipped test is a test that did not run: it fails, and the summary lists
# what was skipped and why, unless the test is marked ``allowed_skip(reason=...)``.
_SKIPPED_IN_CI = pytest.StashKey[list]()


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "allowed_skip(reason): this test may skip even under CI=true, for the reason given")
    config.stash[_SKIPPED_IN_CI] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _skip_reason(report) -> str:
    if isinstance(report.longrepr, tuple):
        path, line, reason = report.longrepr
        return f"{reason.removeprefix('Skipped: ')} ({path}:{line + 1})"
    return str(report.longrepr)


def _fail_the_skip(config, report, allowed) -> None:
    if not (_in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    if allowed is not None and (allowed.kwargs.get("reason") or allowed.args):
        return
    reason = _skip_reason(report)
    config.stash[_SKIPPED_IN_CI].append(f"{report.nodeid}: {reason}")
    report.outcome = "failed"
    report.longrepr = (f"skipped under CI=true: {reason}. Install what it needs in .ci/run, "
                       "or mark it @pytest.mark.allowed_skip(reason=...)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_the_skip(item.config, outcome.get_result(), item.get_closest_marker("allowed_skip"))


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _fail_the_skip(collector.config, outcome.get_result(), None)  # a module skipped whole


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    skipped = config.stash.get(_SKIPPED_IN_CI, [])
    if skipped:
        terminalreporter.section("skipped under CI=true (each counted as a failure)", red=True)
        for line in skipped:
            terminalreporter.line(line)


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
