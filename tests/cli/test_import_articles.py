"""Issue 11 end to end, through the command line as people use it: saved pages, PDFs, DOCX,
URLs (a local server on 127.0.0.1, never the internet) and standard input go in; docs,
reextract, original and the exports show where each came from."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..helpers import ROOT, make_app, run
from ..ingest.pdfs import article_pdf, image_only_pdf
from ..ingest.test_docx import make_docx
from ..ingest.test_pdf import HEADER, PAGES

PAGES_DIR = ROOT / "tests" / "ingest" / "pages"
PAGE = (PAGES_DIR / "daily-example-kim.html").read_bytes()
NORDKURIER = (PAGES_DIR / "nordkurier-bahn.html").read_bytes()
MENU = b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
WRAPPED = "they stood beside Xi Jinping and the North-Korean delegation"  # three PDF lines

# What the server answers, by path: (status, body, content type). Tests may change it.
ROUTES: dict[str, tuple[int, bytes, str]] = {}


def default_routes() -> dict[str, tuple[int, bytes, str]]:
    return {
        "/world/kim": (200, PAGE, "text/html; charset=utf-8"),
        "/de/bahn": (200, NORDKURIER, "text/html"),
        "/report.pdf": (200, article_pdf(PAGES, title="Kim pledges support", author="Desk", header=HEADER),
                        "application/pdf"),
        "/menu": (200, MENU, "text/html"),
        "/missing": (404, b"not here", "text/html"),
        "/broken": (500, b"oops", "text/html"),
        "/logo.png": (200, b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png"),
    }


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        status, body, content_type = ROUTES.get(self.path, (404, b"", "text/plain"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def routes():
    ROUTES.clear()
    ROUTES.update(default_routes())
    yield ROUTES


def docs(db) -> list[dict]:
    return json.loads(run("docs", "--format", "json", "--db", db).stdout)


def stored(db, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_done_when_a_saved_page_a_pdf_and_a_url_give_the_article_with_its_metadata(tmp_path, server):
    saved = tmp_path / "saved" / "kim.html"
    saved.parent.mkdir()
    saved.write_bytes(PAGE)
    pdf = tmp_path / "kim.pdf"
    pdf.write_bytes(ROUTES["/report.pdf"][1])
    db = tmp_path / "a.db"
    result = run("import", saved, pdf, f"{server}/de/bahn", "--db", db)
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["added"] * 3
    assert result.stdout.splitlines()[2] == f"added\t3\t{server}/de/bahn"  # the URL as typed: no https:/ mangling
    page, paper, web = docs(db)
    assert (page["format"], page["source"], page["author"], page["published"]) == (
        "html", "The Daily Example", "Jane Doe", "2025-09-03")
    assert page["url"] == "https://daily.example.com/world/kim-putin-beijing"  # its canonical URL
    assert (paper["format"], paper["title"], paper["author"]) == ("pdf", "Kim pledges support", "Desk")
    assert (web["format"], web["source"], web["lang"], web["url"], web["path"]) == (
        "html", "Nordkurier Beispiel", "de", f"{server}/de/bahn", f"{server}/de/bahn")
    assert web["published"] == "2025-08-28"
    # The article, not the page: its text is there and the site's furniture is not.
    expected = (PAGES_DIR / "nordkurier-bahn.expected.txt").read_text("utf-8")
    text = stored(db, "SELECT text FROM documents WHERE id = ?", (web["id"],))[0][0]
    assert text.split("\n")[-1] in expected and "Cookie" not in text
    # A sentence that wraps over three PDF lines (and a hyphen at a line end) is one quote.
    tagged = run("tag", paper["id"], "--label", "claim", "--quote", WRAPPED, "--db", db).stdout.strip()
    (record,) = [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]
    assert record["id"] == tagged and record["exact"] == WRAPPED


def test_the_table_of_docs_shows_format_outlet_author_date_and_url(tmp_path, server):
    db = tmp_path / "a.db"
    run("import", f"{server}/world/kim", "--db", db)
    header, row = run("docs", "--db", db).stdout.splitlines()
    cells = dict(zip(header.split("\t"), row.split("\t")))
    assert cells["format"] == "html" and cells["source"] == "The Daily Example" and cells["author"] == "Jane Doe"
    assert cells["published"] == "2025-09-03" and cells["url"] == f"{server}/world/kim"


def test_bad_input_is_one_line_each_and_the_batch_goes_on(tmp_path, server):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "menu.html").write_bytes(MENU)
    (folder / "fake.pdf").write_bytes(b"this is not a PDF at all")
    (folder / "scan.pdf").write_bytes(image_only_pdf())
    (folder / "cut.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    good = tmp_path / "kim.html"
    good.write_bytes(PAGE)
    db = tmp_path / "a.db"
    result = run("import", f"{server}/missing", folder, good, f"{server}/broken", f"{server}/logo.png",
                 f"{server}/menu", "--db", db, ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stdout.splitlines() == [f"added\t1\t{good}"]
    refused = [line.split("\t") for line in result.stderr.splitlines() if line.startswith("refused\t")]
    reasons = {Path(name).name if not name.startswith("http") else name: why for _, name, why in refused}
    assert reasons[f"{server}/missing"] == "HTTP 404 Not Found"
    assert reasons[f"{server}/broken"] == "HTTP 500 Internal Server Error"
    assert reasons[f"{server}/logo.png"] == "not a document: content type image/png"
    assert reasons[f"{server}/menu"].startswith("no article text found in the page")
    assert reasons["menu.html"].startswith("no article text found in the page (use --as text")
    assert "not a PDF" in reasons["fake.pdf"] and "OCR" in reasons["scan.pdf"]
    assert "cut.docx" in reasons and len(refused) == 8
    assert result.stderr.splitlines()[-1] == "1 imported, 8 refused"
    # Never a half-stored document: one document, one original, one block index.
    assert stored(db, "SELECT count(*) FROM documents")[0][0] == 1
    assert stored(db, "SELECT count(*) FROM document_originals")[0][0] == 1
    assert stored(db, "SELECT count(*) FROM document_blocks")[0][0] == 1


def test_a_folder_takes_every_format_and_lists_what_it_skipped(tmp_path):
    folder = tmp_path / "coverage"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    shutil.copy(PAGES_DIR / "daily-example-kim.html", folder / "kim.html")
    (folder / "sub" / "kim.pdf").write_bytes(article_pdf(PAGES, header=HEADER))
    (folder / "notes.md").write_text("# Notes\n\nMarkdown stays as it is.\n", "utf-8")
    (folder / "release.docx").write_bytes(make_docx())
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    db = tmp_path / "a.db"
    result = run("import", folder, "--db", db)  # skips do not make it fail
    assert sorted(Path(line.split("\t")[2]).name for line in result.stdout.splitlines()) == [
        "kim.html", "kim.pdf", "notes.md", "release.docx"]
    skipped = {Path(line.split("\t")[1]).name: line.split("\t")[2]
               for line in result.stderr.splitlines() if line.startswith("skipped\t")}
    assert skipped == {".git": "hidden folder", "old.doc": "unsupported format (old Word format: save it as .docx)",
                       "photo.jpg": "unsupported file type '.jpg'"}
    listed = {d["format"]: d for d in docs(db)}
    assert set(listed) == {"html", "pdf", "markdown", "docx"}
    assert (listed["docx"]["author"], listed["docx"]["lang"]) == ("Press Office", "en-GB")
    # Every format's kept original reads again to the same text.
    for doc in listed.values():
        assert run("reextract", doc["id"], "--db", db).stdout.startswith(f"unchanged\t{doc['id']}\t")


def test_a_manifest_overrides_what_the_page_says(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    shutil.copy(PAGES_DIR / "daily-example-kim.html", folder / "kim.html")
    (folder / "manifest.toml").write_text(
        '[[document]]\nfile = "kim.html"\nsource = "Daily Example (print)"\nauthor = "J. Doe"\n'
        "published = 2025-09-04\n", "utf-8")  # a TOML date, unquoted
    db = tmp_path / "a.db"
    run("import", folder, "--db", db)
    (doc,) = docs(db)
    assert (doc["source"], doc["author"], doc["published"]) == ("Daily Example (print)", "J. Doe", "2025-09-04")
    # A re-extraction keeps the manifest's word.
    assert run("reextract", doc["id"], "--as", "text", "--db", db).stdout.startswith("changed\t2\t")
    (again,) = docs(db)
    assert (again["source"], again["author"], again["published"]) == ("Daily Example (print)", "J. Doe", "2025-09-04")


def _diptych(*args, stdin: bytes = b"", cwd: Path) -> subprocess.CompletedProcess:
    """The installed command in a child process, with real pipes, as a shell runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DIPTYCH_ANNOTATOR": "tester"}
    env.pop("DIPTYCH_DB", None)
    # Under `make mutate` the child would record mutmut's call statistics and look for its
    # configuration in `cwd`; it runs the mutant under test all the same, only not "stats".
    if env.get("MUTANT_UNDER_TEST") == "stats":
        del env["MUTANT_UNDER_TEST"]
    return subprocess.run([sys.executable, "-m", "tui", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=120, check=False)


def test_standard_input_needs_a_title_and_is_one_document_per_title(tmp_path):
    db = tmp_path / "a.db"
    statement = b"Statement, 3 May\n\nThe ministry said 40 percent of the shells came from abroad.\n"
    refused = _diptych("import", "-", "--db", db, stdin=statement, cwd=tmp_path)
    assert refused.returncode == 1 and refused.stderr.decode().strip() == (
        "diptych: import -: --title is needed for standard input")
    added = _diptych("import", "-", "--title", "Statement, 3 May", "--db", db, stdin=statement, cwd=tmp_path)
    assert added.returncode == 0 and added.stdout.decode() == "added\t1\t-\n"
    assert _diptych("import", "-", "--title", "Statement, 3 May", "--db", db, stdin=statement,
                    cwd=tmp_path).stdout.decode() == "unchanged\t1\t-\n"
    run("tag", "1", "--label", "claim", "--quote", "40 percent of the shells came from abroad", "--db", db)
    # The same title again with new text is a new version of that statement, annotations carried over.
    changed = _diptych("import", "-", "--title", "Statement, 3 May", "--db", db, stdin=statement + b"Updated.\n",
                       cwd=tmp_path)
    assert changed.stdout.decode().startswith("changed\t2\t-\t(annotations: 1 kept")
    (doc,) = docs(db)
    assert (doc["title"], doc["path"], doc["format"]) == ("Statement, 3 May", "stdin:Statement, 3 May", "text")
    # A page piped in is sniffed as HTML and gives its article.
    page = _diptych("import", "-", "--title", "Piped page", "--db", db, stdin=PAGE, cwd=tmp_path)
    assert page.returncode == 0
    assert [d["format"] for d in docs(db)] == ["text", "html"] and docs(db)[1]["title"] == "Piped page"


def test_a_url_is_one_document_across_imports_and_a_changed_page_reanchors(tmp_path, server, routes):
    db = tmp_path / "a.db"
    url = f"{server}/world/kim"
    run("import", url, "--db", db)
    assert run("import", url, "--db", db).stdout == f"unchanged\t1\t{url}\n"
    run("tag", "1", "--label", "claim", "--quote", "would do everything it could to help Russia", "--db", db)
    routes["/world/kim"] = (200, PAGE.replace(b"<p>North Korean leader", b"<p>Updated. North Korean leader"),
                            "text/html")
    result = run("import", url, "--db", db)
    assert result.stdout == f"changed\t2\t{url}\t(annotations: 0 kept, 1 re-anchored, 0 orphaned)\n"
    (record,) = [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]
    assert record["document"]["id"] == 2 and record["exact"] == "would do everything it could to help Russia"


def test_reextract_changes_the_text_and_carries_the_annotations(tmp_path, server):
    db = tmp_path / "a.db"
    run("import", f"{server}/world/kim", "--db", db)
    quote = "according to a readout published by state media"
    run("tag", "1", "--label", "attribution", "--quote", quote, "--db", db)
    assert run("reextract", "1", "--db", db).stdout == f"unchanged\t1\t{server}/world/kim\n"
    # Importing the same page with --as text is unchanged, and says how to read it so.
    assert run("import", f"{server}/world/kim", "--as", "text", "--db", db).stdout == (
        f"unchanged\t1\t{server}/world/kim\t(already imported as an article; to take all its text:"
        " diptych reextract 1 --as text)\n")
    whole = run("reextract", "1", "--as", "text", "--db", db).stdout
    assert whole.startswith(f"changed\t2\t{server}/world/kim\t(annotations: ")
    text = stored(db, "SELECT text FROM documents WHERE id = 2")[0][0]
    assert "Cookie" in text or "Subscribe" in text or len(text) > 1.2 * len(
        stored(db, "SELECT text FROM documents WHERE id = 1")[0][0])
    (record,) = [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]
    assert record["document"]["id"] == 2 and record["exact"] == quote and record["status"] == "anchored"
    # The way it was read is kept: a second reextract (no --as) reads all text again, unchanged.
    assert run("reextract", "2", "--db", db).stdout.startswith("unchanged\t2\t")
    old = run("reextract", "1", "--as", "article", "--db", db, ok=False)
    assert old.exit_code == 1 and old.stderr == (
        "diptych: document 1 is an old version (the current one is 2); re-extract that one\n")
    back = run("reextract", "2", "--as", "article", "--db", db).stdout
    assert back.startswith("changed\t3\t")
    assert stored(db, "SELECT text FROM documents WHERE id = 3") == stored(db, "SELECT text FROM documents WHERE id = 1")
    # Every version keeps the same original, and the provenance of the fetch.
    assert len({row[0] for row in stored(db, "SELECT bytes FROM document_originals")}) == 1
    (doc,) = docs(db)
    assert doc["url"] == f"{server}/world/kim" and doc["path"] == f"{server}/world/kim"
    assert run("verify", "--db", db).exit_code == 0


def test_reextract_of_a_document_without_its_original_is_one_line(tmp_path):
    db = tmp_path / "a.db"
    note = tmp_path / "note.txt"
    note.write_text("A note.\n", "utf-8")
    run("import", note, "--db", db)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM document_originals")  # as a database from before originals were kept
    conn.commit()
    conn.close()
    for command in (["reextract", "1"], ["original", "1", "--output", tmp_path / "out"]):
        result = run(*command, "--db", db, ok=False)
        named = "" if command[0] == "original" else f"{note}: "
        assert result.exit_code == 1 and result.stderr.strip().splitlines() == [
            f"diptych: {named}document 1 has no kept original (imported before originals were kept)"]
    assert run("reextract", "9", "--db", db, ok=False).stderr.strip() == "diptych: no document with id 9"


def test_original_gives_the_bytes_back_to_a_file_or_a_pipe(tmp_path, server):
    db = tmp_path / "a.db"
    pdf = tmp_path / "kim.pdf"
    pdf.write_bytes(ROUTES["/report.pdf"][1])
    run("import", pdf, f"{server}/world/kim", "--db", db)
    out = tmp_path / "back.pdf"
    result = run("original", "kim.pdf", "--output", out, "--db", db)
    assert out.read_bytes() == pdf.read_bytes() and f"(pdf) of document 1 written to {out}" in result.stderr
    assert not list(tmp_path.glob(".diptych-*"))  # the atomic writer left no temporary file
    nowhere = run("original", "1", "--output", tmp_path / "no" / "such" / "x.pdf", "--db", db, ok=False)
    assert nowhere.exit_code == 1 and nowhere.stderr.strip().splitlines() == [
        f"diptych: {tmp_path / 'no' / 'such' / 'x.pdf'}: No such file or directory"]
    piped = _diptych("original", "2", "--output", "-", "--db", db, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout == PAGE


def test_original_will_not_write_binary_to_a_terminal(tmp_path):
    import pty

    db = tmp_path / "a.db"
    page = tmp_path / "kim.html"
    page.write_bytes(PAGE)
    run("import", page, "--db", db)
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "tui", "original", "1", "--output", "-", "--db", str(db)],
                          stdout=slave, stderr=subprocess.PIPE, env=env, timeout=60, check=False)
    os.close(slave)
    os.close(master)
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == (
        "diptych: the original is binary: name a file with --output, or redirect the output")


def test_exports_name_the_url_the_date_and_the_retrieval(tmp_path, server):
    db = tmp_path / "a.db"
    saved = tmp_path / "kim.html"
    saved.write_bytes(PAGE)
    run("import", f"{server}/de/bahn", saved, "--db", db)
    run("tag", "1", "--label", "claim", "--quote", "Verspätungen", "--occurrence", "1", "--db", db)
    run("tag", "2", "--label", "claim", "--quote", "Pyongyang", "--occurrence", "1", "--db", db)
    web, page = [json.loads(line)["document"] for line in run("export", "--db", db).stdout.splitlines()]
    assert (web["url"], web["published"]) == (f"{server}/de/bahn", "2025-08-28") and web["retrieved"].endswith("Z")
    assert (page["url"], page["published"], page["retrieved"]) == (
        "https://daily.example.com/world/kim-putin-beijing", "2025-09-03", None)
    # The fast JSON Lines path and the general one (json) say the same.
    assert [r["document"] for r in json.loads(run("export", "--format", "json", "--db", db).stdout)] == [web, page]
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db).stdout)))
    assert [(r["document_url"], r["document_published"]) for r in rows] == [
        (f"{server}/de/bahn", "2025-08-28"), ("https://daily.example.com/world/kim-putin-beijing", "2025-09-03")]


def test_w3c_points_at_the_page_with_a_time_state_and_imports_back(tmp_path, server):
    db = tmp_path / "a.db"
    saved = tmp_path / "kim.html"
    saved.write_bytes(PAGE)
    run("import", f"{server}/de/bahn", saved, "--db", db)
    run("tag", "1", "--label", "claim", "--quote", "Verspätungen", "--occurrence", "1", "--db", db)
    run("tag", "2", "--label", "claim", "--quote", "Pyongyang", "--occurrence", "1", "--db", db)
    web, page = [json.loads(line) for line in run("export", "--format", "w3c", "--db", db).stdout.splitlines()]
    sha = stored(db, "SELECT sha256 FROM documents WHERE id = 1")[0][0]
    retrieved = json.loads(stored(db, "SELECT metadata FROM documents WHERE id = 1")[0][0])["retrieved"]
    assert web["target"]["source"] == f"{server}/de/bahn"
    assert web["target"]["state"] == {"type": "TimeState", "sourceDate": retrieved, "cached": f"urn:sha256:{sha}"}
    # A saved page is its bytes: its canonical URL is not where these bytes came from.
    assert page["target"]["source"].startswith("urn:sha256:") and "state" not in page["target"]
    out = tmp_path / "w3c.jsonl"
    run("export", "--format", "w3c", "--output", out, "--db", db)
    fresh = tmp_path / "fresh.db"
    run("import", f"{server}/de/bahn", saved, "--db", fresh)
    assert "2 added" in run("import-annotations", out, "--db", fresh).stdout
    # Found by URL when the page has changed since (no document has the cached sha256 any more).
    ROUTES["/de/bahn"] = (200, NORDKURIER.replace(b"<body>", b"<body><p>Neu.</p>"), "text/html")
    other = tmp_path / "other.db"
    run("import", f"{server}/de/bahn", "--db", other)
    result = run("import-annotations", out, "--db", other, ok=False)
    assert "1 added" in result.stdout and "1 refused" in result.stdout  # the saved page is not in that one
    (moved,) = [json.loads(line) for line in run("export", "--db", other).stdout.splitlines()]
    assert moved["exact"] == "Verspätungen"
    assert stored(other, "SELECT sha256 FROM documents")[0][0] != sha  # so it was found by its URL


async def test_pane_titles_show_the_outlet_and_the_date(tmp_path, server):
    db = tmp_path / "a.db"
    run("import", f"{server}/world/kim", f"{server}/de/bahn", "--db", db)
    app = make_app(db, [1, 2])
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        titles = [str(pane.title_bar.render()) for pane in app.screen.panes]
    assert "— The Daily Example, 2025-09-03" in titles[0]
    assert "— Nordkurier Beispiel, 2025-08-28" in titles[1]


def test_open_takes_urls_as_typed(tmp_path, server, monkeypatch):
    import tui.reader.app as reader_app

    opened: list = []

    class FakeApp:
        def __init__(self, db_path, document_ids, annotator):
            opened.append(document_ids)

        def run(self):
            pass

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(reader_app, "DiptychApp", FakeApp)
    monkeypatch.setattr(sys, "__stdin__", Terminal())
    monkeypatch.setattr(sys, "__stdout__", Terminal())
    db = tmp_path / "a.db"
    run("open", f"{server}/world/kim", f"{server}/de/bahn", "--db", db)
    assert opened == [[1, 2]]
    assert [d["path"] for d in docs(db)] == [f"{server}/world/kim", f"{server}/de/bahn"]
    result = run("open", f"{server}/world/kim", f"{server}/missing", "--db", db)
    assert opened[-1] == [1] and f"refused\t{server}/missing\tHTTP 404 Not Found" in result.stderr
