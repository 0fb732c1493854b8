"""Test PDFs made with reportlab: articles with running headers, footers and page numbers,
hand-broken lines (to control wrapping and hyphenation), an image-only "scan", and more."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable

from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
LEADING = 14
BODY = 11

# Each page: a list of blocks; a block is (kind, lines), kind "p" (indented first line),
# "h" (a heading in a bigger font) or "c" (the continuation of a paragraph from the last page).
Page = list[tuple[str, list[str]]]


def article_pdf(pages: list[Page], *, title: str = "", author: str = "", header: str | Callable[[int], str] = "",
                footer: str = "Page {n} of {total}", lang: str = "") -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for n, blocks in enumerate(pages, 1):
        if header:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72, HEIGHT - 40, header(n) if callable(header) else header)
        y = HEIGHT - 90
        for kind, lines in blocks:
            size = 16 if kind == "h" else BODY
            pdf.setFont("Helvetica-Bold" if kind == "h" else "Times-Roman", size)
            for i, line in enumerate(lines):
                indent = 14 if kind == "p" and i == 0 else 0
                pdf.drawString(72 + indent, y, line)
                y -= size + 3
            y -= 8  # the space between paragraphs
        if footer:
            pdf.setFont("Helvetica", 8)
            pdf.drawCentredString(WIDTH / 2, 30, footer.format(n=n, total=len(pages)))
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def long_pdf(paragraphs: list[str], pages: int, *, header: str = "Long Report") -> bytes:
    """A PDF of exactly ``pages`` pages filled with the paragraphs, wrapped at 85 characters."""
    lines_per_page = 44
    blocks: list[Page] = [[] for _ in range(pages)]
    page, used, i = 0, 0, 0
    while page < pages:
        lines = textwrap.wrap(paragraphs[i % len(paragraphs)], 85)
        i += 1
        while lines and page < pages:
            room = lines_per_page - used
            take, lines = lines[:room], lines[room:]
            blocks[page].append(("p", take))
            used += len(take) + 1
            if used >= lines_per_page - 1:
                page, used = page + 1, 0
    return article_pdf(blocks, title="Long report", header=header)


def image_only_pdf() -> bytes:
    """A "scanned" page: one picture of text, no text layer."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(picture).text((20, 80), "This page is a scan of a printed article.", fill=0)
    data = io.BytesIO()
    picture.save(data, format="PNG")
    data.seek(0)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.drawImage(ImageReader(data), 72, HEIGHT - 400, width=450, height=150)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def encrypted(data: bytes, user_password: str, owner_password: str = "owner", algorithm: str = "RC4-128") -> bytes:
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def no_pages_pdf() -> bytes:
    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()
