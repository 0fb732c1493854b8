"""Through today's import command and store: a folder of real-looking articles goes in,
and a sentence that wrapped across PDF lines is found by `tag --quote`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from tui.cli import cli

from .pdfs import article_pdf
from .test_pdf import HEADER, PAGES

HERE = Path(__file__).parent


def run(*args, ok: bool = True):
    # Its own runner: the shared test helpers are moving while the package is restructured.
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr)
    return result


def test_folder_of_pages_and_a_pdf_imports_and_a_wrapped_sentence_is_tagged(tmp_path):
    folder = tmp_path / "coverage"
    folder.mkdir()
    shutil.copy(HERE / "pages" / "daily-example-kim.html", folder)
    shutil.copy(HERE / "pages" / "nordkurier-bahn.html", folder)
    (folder / "kim.pdf").write_bytes(article_pdf(PAGES, title="Kim pledges support", header=HEADER))
    (folder / "menu.html").write_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    db = tmp_path / "a.db"
    result = run("import", folder, "--db", db, ok=False)
    assert result.exit_code == 1 and result.stdout.count("added\t") == 3
    assert "menu.html\tno article text found in the page" in result.stderr and "Traceback" not in result.output
    docs = {Path(d["path"]).name: d for d in json.loads(run("docs", "--db", db, "--format", "json").stdout)}
    assert docs["daily-example-kim.html"]["source"] == "The Daily Example"
    assert docs["nordkurier-bahn.html"]["lang"] == "de"
    quote = "they stood beside Xi Jinping and the North-Korean delegation"
    tagged = run("tag", docs["kim.pdf"]["id"], "--label", "claim", "--quote", quote, "--db", db)
    annotation_id = tagged.stdout.strip()
    exported = [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]
    (record,) = [r for r in exported if r["id"] == annotation_id]
    assert record["exact"] == quote
    # A span crossing the page break ("...said the meeting" | "signalled closer ties...").
    run("tag", docs["kim.pdf"]["id"], "--label", "claim", "--quote", "the meeting signalled closer ties", "--db", db)
    assert run("verify", "--db", db).exit_code == 0
