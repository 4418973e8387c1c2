"""HTML for print -> PDF with WeasyPrint: fonts subset and embedded, tagged, the same bytes for the same inputs."""

from __future__ import annotations

import shutil
import subprocess

# A PDF carries the reader's language too: WeasyPrint reads <html lang>, and tags the structure for it.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": False}
FONT_HINT = "install fonts-noto-cjk"


class PdfError(Exception):
    """What is missing to build a PDF, in one line (checked before building)."""


def cjk_fonts() -> list[str]:
    """The font families fontconfig offers for Chinese (simplified), as ``fc-list`` names them."""
    if shutil.which("fc-list") is None:
        raise PdfError("fontconfig's fc-list not found: install fontconfig and fonts-noto-cjk")
    result = subprocess.run(
        ["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False, timeout=60
    )
    return sorted({line.strip() for line in result.stdout.splitlines() if line.strip()})


def check_pdf_tools() -> None:
    """Raise PdfError naming what is missing: a font with Chinese glyphs, or WeasyPrint."""
    # Fonts first: without any, importing WeasyPrint warns on stderr, and the editor gets one line, not three.
    if not cjk_fonts():
        raise PdfError(f"no CJK font found: {FONT_HINT}")
    try:
        import weasyprint  # noqa: F401  (imported here: the rest of the package works without it)
    except ImportError as error:
        raise PdfError(f"WeasyPrint cannot be imported ({error}): pip install -r requirements.txt") from None


def build_pdf(html: str) -> bytes:
    """The PDF of one print document; raises PdfError before building when a tool or font is missing."""
    check_pdf_tools()
    from weasyprint import HTML

    # No base URL: the document is self-contained (its stylesheet inline, no images), nothing is fetched.
    return HTML(string=html).write_pdf(**PDF_OPTIONS)
