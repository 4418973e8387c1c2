"""Build each language's PDF three times: median build time, size and page count (target: 15 s and 2 MB each)."""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import tempfile
import time

from trump2_web_edition.edition.convert import convert
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.print_html import PrintInput, render_print_html
from trump2_web_edition.publishing.pdf import build_pdf

RUNS = 3


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    conversion = convert()
    edition = Edition(version="1.0", released=dt.date(2026, 1, 1), site_url="https://owner.github.io/repo/")
    inputs = PrintInput(conversion.metadata, conversion.translation, edition)
    print(f"PDF build ({RUNS} runs each, median; target 15 s and 2048 KB per PDF)")
    for lang in ("zh", "en"):
        html = render_print_html(conversion.document, inputs, lang)
        times, pdf = [], b""
        for _ in range(RUNS):
            start = time.perf_counter()
            pdf = build_pdf(html)
            times.append(time.perf_counter() - start)
        print(f"{lang}: {statistics.median(times):.2f} s, {len(pdf) / 1024:.0f} KB, {pages(pdf)} pages")


if __name__ == "__main__":
    main()
