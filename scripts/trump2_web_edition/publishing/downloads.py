"""One edition's downloads for its root folder: the offprints (article-zh.pdf, article-en.pdf) and article.xml."""

from __future__ import annotations

from ..edition import ids
from ..edition.convert import Conversion
from ..edition.release import Edition
from ..edition.render.jats import render_jats
from ..edition.render.print_html import PrintInput, render_print_html
from .pdf import build_pdf

JATS_FILE = ids.JATS_FILE


def edition_downloads(conversion: Conversion, edition: Edition) -> dict[str, bytes]:
    """File name (at the edition's root) -> its bytes; raises PdfError, naming what is missing, before any PDF."""
    document = conversion.document
    inputs = PrintInput(conversion.metadata, conversion.translation, edition)
    files = {name: build_pdf(render_print_html(document, inputs, lang)) for lang, name in ids.PDF_FILES.items()}
    files[JATS_FILE] = render_jats(document, conversion.metadata, conversion.translation, edition)
    return files
