"""The CLI as a user and a script see it: output, files written, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tui.cli import cli

from ..helpers import ROOT


def run(runner, *args, ok=True):
    result = runner.invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr)
    return result


def assert_one_line_error(result, fragment: str) -> None:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def import_corpus(runner, db_path, corpus):
    return run(runner, "import", corpus, "--db", db_path)


def test_import_then_docs_lists_both_articles_with_titles(runner, db_path, corpus):
    result = import_corpus(runner, db_path, corpus)
    assert result.stderr.count("added\t") == 0  # the report goes to stdout
    assert result.stdout.count("added\t") == 3
    docs = run(runner, "docs", "--db", db_path, "--format", "json")
    rows = json.loads(docs.stdout)
    assert [row["title"] for row in rows] == [
        "Kim Jong Un Pledges Further Support to Russia at Beijing Meeting with Putin",
        "Brothers in Arms: Putin Gets Reinforcements from North Korea",
        "Seoul: North Korean shells now a third of Russia's artillery fire",
    ]
    assert rows[1]["source"] == "DW (Deutsche Welle)"
    assert all(row["annotations"] == 0 for row in rows)


def test_second_import_reports_unchanged(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    again = import_corpus(runner, db_path, corpus)
    assert again.stdout.count("unchanged\t") == 3


def test_changed_file_becomes_a_new_version(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    file = corpus / "kim-pledges-support-to-putin-in-beijing.txt"
    file.write_text(file.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
    result = run(runner, "import", file, "--db", db_path)
    assert result.stdout.startswith("changed\t4\t")
    rows = json.loads(run(runner, "docs", "--db", db_path, "--format", "json").stdout)
    assert [row["id"] for row in rows] == [2, 3, 4]


def test_import_refuses_bad_files_but_imports_the_rest(runner, db_path, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("A good line.\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    result = run(runner, "import", folder, "--db", db_path, ok=False)
    assert result.exit_code == 1
    assert "added\t1\t" in result.stdout and "good.txt" in result.stdout
    assert "empty.txt\tempty file" in result.stderr
    assert "binary.txt\tbinary file (NUL byte at offset 4)" in result.stderr
    assert "latin1.txt\tnot UTF-8: invalid byte 0xe9 at offset 3" in result.stderr
    assert "Traceback" not in result.output
    again = run(runner, "import", folder / "latin1.txt", "--encoding", "latin-1", "--db", db_path)
    assert "added\t2\t" in again.stdout


def test_crlf_is_normalised_and_recorded(runner, db_path, tmp_path):
    from tui.store import Store

    file = tmp_path / "crlf.txt"
    file.write_bytes(b"Line one.\r\nLine two.\r\n")
    result = run(runner, "import", file, "--db", db_path)
    assert "newlines crlf -> lf" in result.stdout
    store = Store.open(db_path)
    assert store.text(1) == "Line one.\nLine two.\n"
    assert store.documents()[0].newline == "crlf"
    store.close()


def test_tag_by_quote_and_span_then_export_jsonl(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    claim = run(runner, "tag", "1", "--label", "claim", "--quote",
                "nearly half of artillery rounds used by the Russian Army were of North Korean origin",
                "--note", "vs DW's 40 percent", "--db", db_path).stdout.strip()
    attribution = run(runner, "tag", "2", "-l", "attribution", "--quote", "Klein notes",
                      "--occurrence", "2", "--db", db_path).stdout.strip()
    by_span = run(runner, "tag", "2", "-l", "claim", "--span", "0:17", "--db", db_path).stdout.strip()
    lines = run(runner, "export", "--db", db_path).stdout.splitlines()
    records = {r["id"]: r for r in map(json.loads, lines)}
    assert set(records) == {claim, attribution, by_span}
    assert records[claim]["note"] == "vs DW's 40 percent"
    assert records[claim]["annotator"] == "tester"
    assert records[by_span]["exact"] == "Brothers in Arms:"
    first_klein = (corpus / "dw-brothers-in-arms-north-korea-reinforcements.txt").read_text().find("Klein notes")
    assert records[attribution]["start"] > first_klein
    for record in records.values():
        for key in ("id", "document", "label", "start", "end", "exact", "prefix", "suffix",
                    "note", "annotator", "created", "modified", "links"):
            assert key in record
        assert record["created"].endswith("Z")
        assert set(record["document"]) >= {"path", "sha256"}


def test_tag_errors_never_store_a_wrong_annotation(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    cases = [
        (["--quote", "no such words anywhere"], "quote not found"),
        (["--quote", "Klein notes"], "occurs 4 times"),
        (["--quote", "Klein notes", "--occurrence", "9"], "only 4 time"),
        (["--span", "5:2"], "outside the text"),
        (["--span", "0:999999"], "outside the text"),
        (["--span", "a:b"], "START:END"),
        ([], "exactly one of"),
    ]
    for extra, message in cases:
        result = run(runner, "tag", "2", "-l", "claim", *extra, "--db", db_path, ok=False)
        assert_one_line_error(result, message)
    unknown = run(runner, "tag", "2", "-l", "opinion", "--span", "0:5", "--db", db_path, ok=False)
    assert_one_line_error(unknown, "unknown label 'opinion'")
    missing = run(runner, "tag", "99", "-l", "claim", "--span", "0:5", "--db", db_path, ok=False)
    assert_one_line_error(missing, "no document with id 99")
    assert run(runner, "export", "--db", db_path).stdout == ""


def test_export_csv_opens_as_a_spreadsheet_table(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    run(runner, "tag", "2", "-l", "attribution", "--quote", "Klein concluded", "--db", db_path)
    run(runner, "tag", "2", "-l", "claim", "--quote",
        "Klein notes.\nRussia is replenishing", "--db", db_path)  # a span across a newline
    out = run(runner, "export", "--format", "csv", "--db", db_path).stdout
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["exact"] for r in rows] == ["Klein notes.\nRussia is replenishing", "Klein concluded"]
    assert rows[0]["document_title"].startswith("Brothers in Arms")


def test_export_filters_and_atomic_file_output(runner, db_path, corpus, tmp_path):
    import_corpus(runner, db_path, corpus)
    run(runner, "tag", "1", "-l", "claim", "--span", "0:6", "--db", db_path)
    run(runner, "tag", "2", "-l", "attribution", "--quote", "Klein concluded", "--db", db_path)
    out = tmp_path / "out.json"
    out.write_text("old contents")
    result = run(runner, "export", "--format", "json", "--output", out, "--label", "attribution", "--db", db_path)
    assert "1 annotations written" in result.stderr
    records = json.loads(out.read_text("utf-8"))
    assert [r["exact"] for r in records] == ["Klein concluded"]
    by_doc = run(runner, "export", "--document", "kim-pledges-support-to-putin-in-beijing.txt", "--db", db_path)
    assert [json.loads(line)["document"]["id"] for line in by_doc.stdout.splitlines()] == [1]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".diptych-")]
    bad = run(runner, "export", "--output", tmp_path / "nope" / "x.jsonl", "--db", db_path, ok=False)
    assert bad.exit_code != 0 and "Traceback" not in bad.output


def test_stats_counts_by_document_and_label(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    run(runner, "tag", "2", "-l", "attribution", "--quote", "Klein concluded", "--db", db_path)
    run(runner, "tag", "2", "-l", "attribution", "--quote", "Klein said", "--db", db_path)
    run(runner, "tag", "1", "-l", "claim", "--span", "0:6", "--db", db_path)
    rows = json.loads(run(runner, "stats", "--format", "json", "--db", db_path).stdout)
    counts = {(r["document"], r["label"]): r["count"] for r in rows}
    assert counts == {(1, "claim"): 1, (2, "attribution"): 2, ("*", "attribution"): 2, ("*", "claim"): 1}


def test_docs_counts_annotations(runner, db_path, corpus):
    import_corpus(runner, db_path, corpus)
    run(runner, "tag", "2", "-l", "attribution", "--quote", "Klein concluded", "--db", db_path)
    tsv = run(runner, "docs", "--db", db_path).stdout.splitlines()
    assert tsv[0].split("\t")[:6] == ["id", "title", "source", "lang", "chars", "annotations"]
    assert tsv[2].split("\t")[5] == "1"


def test_labels_add_and_list(runner, db_path):
    run(runner, "labels", "add", "evidence", "--key", "E", "--color", "green", "--db", db_path)
    rows = json.loads(run(runner, "labels", "--format", "json", "--db", db_path).stdout)
    assert [r["name"] for r in rows] == ["claim", "attribution", "evidence"]
    assert rows[2]["color"] == "#008000" and rows[2]["mark"] == "italic"
    taken = run(runner, "labels", "add", "other", "--key", "j", "--color", "red", "--db", db_path, ok=False)
    assert_one_line_error(taken, "taken by a reader command")
    dup = run(runner, "labels", "add", "evidence", "--key", "z", "--color", "red", "--db", db_path, ok=False)
    assert_one_line_error(dup, "exists already")
    key = run(runner, "labels", "add", "other", "--key", "c", "--color", "red", "--db", db_path, ok=False)
    assert_one_line_error(key, "taken by another label")
    colour = run(runner, "labels", "add", "other", "--key", "z", "--color", "nocolour", "--db", db_path, ok=False)
    assert_one_line_error(colour, "--color")


def test_db_from_environment_and_group_option(runner, db_path, corpus, monkeypatch):
    monkeypatch.setenv("DIPTYCH_DB", str(db_path))
    run(runner, "import", corpus)
    assert db_path.exists()
    monkeypatch.delenv("DIPTYCH_DB")
    rows = json.loads(run(runner, "--db", db_path, "docs", "--format", "json").stdout)
    assert len(rows) == 3


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["import", "/no/such/path"], "no such file or folder"),
        (["export", "--format", "xml"], "'xml' is not one of"),
        (["docs"], "no such database"),
        (["bogus-command"], "No such command"),
    ],
)
def test_bad_input_gives_one_line_errors(runner, db_path, args, fragment):
    result = run(runner, *args, "--db", db_path, ok=False) if args[0] != "bogus-command" else run(
        runner, *args, ok=False)
    assert_one_line_error(result, fragment)


def test_bad_databases_are_refused_and_left_alone(runner, tmp_path):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("my precious notes")
    result = run(runner, "docs", "--db", not_sqlite, ok=False)
    assert_one_line_error(result, "not an SQLite database")
    assert not_sqlite.read_text() == "my precious notes"
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert_one_line_error(run(runner, "docs", "--db", corrupt, ok=False), "corrupt.db")
    assert_one_line_error(run(runner, "docs", "--db", tmp_path, ok=False), "is a directory")


def _run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_cli_commands_do_not_import_textual(tmp_path, corpus):
    db = tmp_path / "h.db"
    code = f"""
import sys
from click.testing import CliRunner
from tui.cli import cli
r = CliRunner()
for args in (["--help"], ["import", {str(corpus)!r}, "--db", {str(db)!r}], ["docs", "--db", {str(db)!r}],
             ["export", "--db", {str(db)!r}], ["stats", "--db", {str(db)!r}]):
    assert r.invoke(cli, args).exit_code == 0, args
bad = [m for m in sys.modules if m.split(".")[0] == "textual"]
print("textual modules:", bad)
sys.exit(1 if bad else 0)
"""
    result = _run_python(code)
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_dash_m_tui_shows_help():
    result = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    assert "Diptych" in result.stdout and "export" in result.stdout
