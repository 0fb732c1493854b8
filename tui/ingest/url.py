"""Fetching a document from a URL with the standard library: limits, one-line errors, provenance.

The content type decides the reader (HTML, PDF, DOCX, text); a generic type
(``application/octet-stream``) or none at all is sniffed from the bytes. Every failure is a
:class:`DocumentError` whose one line starts with the URL.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import quote, urlsplit, urlunsplit

from .. import __version__
from ..model.text import utc_now
from .dispatch import read_bytes, sniff_format
from .source import DocumentError, DocumentFile

_SAFE = "/:@!$&'()*+,;=%?~-._"  # what may stay as it is in a URL's path and query
USER_AGENT = f"Diptych/{__version__} (+comparative reading)"
MAX_BYTES = 20 * 1024 * 1024

_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
_SNIFFED = {"", "application/octet-stream", "binary/octet-stream", "application/download",
            "application/force-download"}


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limit: int):
        super().__init__()
        self.max_redirections = limit
        # urllib counts a URL seen twice as a loop only after max_repeats visits.
        self.max_repeats = min(self.max_repeats, limit)


def _fail(url: str, why: str) -> DocumentError:
    return DocumentError(f"{url}: {why}")


def _format_for(content_type: str, body: bytes, url: str, final: str) -> str:
    if content_type in _TYPES:
        return _TYPES[content_type]
    if content_type in _SNIFFED:
        return sniff_format(body, urlsplit(final).path)
    if content_type.startswith("text/"):
        return "text"
    raise _fail(url, f"not a document: content type {content_type}")


def _read(response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise _fail(url, f"too large: {int(length):,} bytes (the limit is {max_bytes:,})")
    chunks, size = [], 0
    while True:
        # The socket timeout bounds each read; the deadline bounds a server that trickles.
        if time.monotonic() > deadline:
            raise _fail(url, f"timed out after {timeout:g} s")
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise _fail(url, f"too large: more than {max_bytes:,} bytes")
        chunks.append(chunk)


def fetch(url: str, *, timeout: float = 10, max_bytes: int = MAX_BYTES, max_redirects: int = 5,
          title: str | None = None, meta: dict | None = None, as_text: bool = False) -> DocumentFile:
    """Download ``url`` and read it as a document that records where and when it was fetched.

    ``metadata`` gets ``url`` (the final URL, after redirects), ``retrieved`` (UTC ISO 8601),
    ``content_type`` and, when it differs, ``requested_url``.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise _fail(url, f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise _fail(url, "not an http or https URL")
    if any(c.isspace() for c in parts.netloc):
        raise _fail(url, "not a valid URL: white space in the host")
    # People paste URLs as browsers show them ("/Überschrift", "a b"); HTTP needs them escaped.
    target = urlunsplit(parts._replace(path=quote(parts.path, safe=_SAFE), query=quote(parts.query, safe=_SAFE),
                                       fragment=""))
    request = urllib.request.Request(target, headers={
        "User-Agent": USER_AGENT,
        "Accept": ", ".join(_TYPES) + ", */*;q=0.5",
        "Accept-Encoding": "identity",  # urllib does not decompress
    })
    opener = urllib.request.build_opener(_Redirects(max_redirects))
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            headers: Message = response.headers
            body = _read(response, url, max_bytes, deadline, timeout)
    except DocumentError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise _fail(url, _redirect_reason(exc, max_redirects)) from None
        raise _fail(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _fail(url, _network_reason(exc.reason, parts.hostname, timeout)) from None
    except TimeoutError:
        raise _fail(url, f"timed out after {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError, OSError) as exc:
        raise _fail(url, _network_reason(exc, host, timeout)) from None
    except ValueError as exc:  # http.client's InvalidURL and encoding errors of odd URLs
        raise _fail(url, f"not a valid URL: {exc}") from None
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    if not body:
        raise _fail(url, "empty response")
    format = _format_for(content_type, body, url, final)
    provenance = {"url": final, "retrieved": utc_now(), "content_type": content_type}
    if final != url:
        provenance["requested_url"] = url
    try:
        doc = read_bytes(body, final, title=title, meta={**provenance, **(meta or {})}, as_text=as_text,
                         http_charset=headers.get_content_charset(), format=format)
    except DocumentError as exc:
        raise _fail(url, str(exc)) from None
    return doc


def _redirect_reason(exc: urllib.error.HTTPError, limit: int) -> str:
    # urllib reports every redirect it will not follow as an HTTPError with the 30x code.
    location = exc.headers.get("Location") if exc.headers else None
    if not location:
        return f"HTTP {exc.code} redirect without a Location"
    if "not allowed" in str(exc.msg):
        return f"redirected to {location!r}, which is not an http or https URL"
    return f"too many redirects (more than {limit}) or a redirect loop"


def _network_reason(reason, host: str, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host {host!r}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}"
    if isinstance(reason, http.client.HTTPException):
        return f"bad HTTP response: {type(reason).__name__}"
    text = str(getattr(reason, "strerror", None) or reason).strip()
    return text.splitlines()[0] if text else type(reason).__name__
