"""URLs, against a local HTTP server on 127.0.0.1 in a thread (never the internet)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tui.ingest import USER_AGENT, DocumentError, fetch

from .pdfs import article_pdf

PAGE = (Path(__file__).parent / "pages" / "daily-example-kim.html").read_bytes()
LATIN = (Path(__file__).parent / "pages" / "nordkurier-bahn.html").read_bytes()
PDF = article_pdf([[("p", ["A PDF served over HTTP with enough words in it to be read."])]], footer="")
seen_agents: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def send(self, status: int, body: bytes, content_type: str | None, extra: dict | None = None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout tests)
            pass

    def do_GET(self):
        seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article":
            self.send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/latin":
            # The header's charset wins over the page's own declaration.
            self.send(200, LATIN.replace(b'charset="iso-8859-1"', b'charset="utf-8"'), "text/html; charset=windows-1252")
        elif path == "/report.pdf":
            self.send(200, PDF, "application/pdf")
        elif path == "/download":
            self.send(200, PDF, "application/octet-stream")
        elif path == "/latin-notes":
            self.send(200, "Notes in Latin-1, café.\n".encode("latin-1"), "text/plain; charset=iso-8859-1")
        elif path == "/notes":
            self.send(200, "Plain notes, café.\n".encode(), "text/plain; charset=utf-8")
        elif path == "/caf%C3%A9%20page":
            self.send(200, PAGE, "text/html")
        elif path == "/moved":
            self.send(301, b"", None, {"Location": "/article"})
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.send(302, b"", None, {"Location": f"/hop/{n + 1}"})
        elif path == "/to-file":
            self.send(302, b"", None, {"Location": "file:///etc/passwd"})
        elif path == "/no-location":
            self.send(302, b"", None)
        elif path == "/loop":
            self.send(302, b"", None, {"Location": "/loop"})
        elif path == "/missing":
            self.send(404, b"not here", "text/html")
        elif path == "/broken":
            self.send(500, b"oops", "text/html")
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
        elif path == "/huge":
            self.send(200, b"<p>" + b"x" * 5000, "text/html")
        elif path == "/huge-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10):
                    self.wfile.write(b"<p>" + b"y" * 1000)
            except OSError:
                pass
        elif path == "/slow":
            time.sleep(1)
            self.send(200, PAGE, "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>slow</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/menu":
            self.send(200, b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "text/html")
        else:
            self.send(404, b"", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page_with_provenance(server):
    doc = fetch(f"{server}/article")
    assert doc.format == "html" and doc.source == "The Daily Example"
    assert doc.metadata["url"] == f"{server}/article" and doc.metadata["retrieved"].endswith("Z")
    assert doc.metadata["content_type"] == "text/html" and "requested_url" not in doc.metadata
    assert doc.original == PAGE
    assert seen_agents[-1] == USER_AGENT and USER_AGENT.startswith("Diptych/")


def test_redirect_records_the_final_url(server):
    doc = fetch(f"{server}/moved")
    assert doc.metadata["url"] == f"{server}/article" and doc.metadata["requested_url"] == f"{server}/moved"


def test_a_url_as_a_browser_shows_it_is_escaped(server):
    doc = fetch(f"{server}/café page")
    assert doc.metadata["url"] == f"{server}/caf%C3%A9%20page" and doc.metadata["requested_url"] == f"{server}/café page"


@pytest.mark.parametrize("url, message", [
    ("http://[::1", "not a valid URL"),
    ("http://127.0.0.1:99999/x", "not a valid URL: Port out of range"),
    ("http://exa mple.com/", "white space in the host"),
    ("https://", "not an http or https URL"),
])
def test_malformed_urls(url, message):
    with pytest.raises(DocumentError, match=message):
        fetch(url, timeout=1)


def test_http_header_charset_decides(server):
    doc = fetch(f"{server}/latin")
    assert doc.metadata["charset_from"] == "http" and "„ersten Schritt“" in doc.text


def test_pdf_by_content_type_and_by_sniffing_octet_stream(server):
    assert fetch(f"{server}/report.pdf").format == "pdf"
    assert fetch(f"{server}/download").format == "pdf"


def test_plain_text(server):
    doc = fetch(f"{server}/notes")
    assert doc.format == "text" and doc.text == "Plain notes, café.\n"


def test_plain_text_in_the_charset_the_server_names(server):
    assert fetch(f"{server}/latin-notes").text == "Notes in Latin-1, café.\n"


def test_title_and_as_text(server):
    doc = fetch(f"{server}/menu", as_text=True, title="Their menu")
    assert doc.text == "Home" and doc.title == "Their menu"


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404 Not Found"),
    ("/broken", "HTTP 500 Internal Server Error"),
    ("/loop", "too many redirects"),
    ("/hop/0", "too many redirects"),
    ("/to-file", "redirected to 'file:///etc/passwd', which is not an http or https URL"),
    ("/no-location", "HTTP 302 redirect without a Location"),
    ("/image", "not a document: content type image/png"),
    ("/huge", "too large: 5,003 bytes (the limit is 4,096)"),
    ("/huge-unannounced", "too large: more than 4,096 bytes"),
    ("/menu", "no article text"),
])
def test_bad_answers_are_one_line_naming_the_url(server, path, message):
    with pytest.raises(DocumentError) as info:
        fetch(f"{server}{path}", max_bytes=4096)
    text = str(info.value)
    assert text.startswith(f"{server}") and message in text and "\n" not in text


def test_slow_server_times_out_fast(server):
    started = time.monotonic()
    with pytest.raises(DocumentError, match="timed out after 0.3 s"):
        fetch(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_trickling_server_hits_the_overall_deadline(server):
    started = time.monotonic()
    with pytest.raises(DocumentError, match="timed out after 0.5 s"):
        fetch(f"{server}/trickle", timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_dns_failure_refused_connection_and_bad_scheme():
    with pytest.raises(DocumentError, match=r"^http://no-such-host\.invalid/x: cannot resolve host"):
        fetch("http://no-such-host.invalid/x", timeout=2)
    with pytest.raises(DocumentError, match="connection refused"):
        fetch("http://127.0.0.1:9/x", timeout=2)
    with pytest.raises(DocumentError, match="not an http or https URL"):
        fetch("file:///etc/passwd")
