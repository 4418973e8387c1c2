"""MkDocs hook: show the article's GLOBAL footnote numbers.

Why this exists
---------------
The article has one sequence of notes (1..42) running through the whole
text, but the web edition splits the text into several pages.  The converter
therefore writes each note with its global number as the Markdown label
(``[^8]`` ... ``[^14]`` on page s2), so a reader who cites "note 12" finds
note 12.

Python-Markdown's ``footnotes`` extension, however, ignores what a label
says: it numbers the notes of each page 1..k in its own order and prints
that ordinal.  Page s2 would show "1, 2, 3 ..." where the print edition says
"8, 9, 10 ...".  The ids and links (``#fn:8``, ``#fnref:8``) do keep the
label, so the global number is always recoverable from them.

What it does (``on_page_content``, i.e. on the HTML of each page)
-----------------------------------------------------------------
* every reference ``<a class="footnote-ref" href="#fn:LABEL">k</a>`` gets
  LABEL as its text, read from its own href - never from the position of
  the reference on the page, so notes referenced out of order, a note
  referenced twice (``fnref2:``) or a definition order that differs from
  the reference order all still show the right number;
* the back-links' ``title="... footnote k ..."`` get LABEL the same way;
* each footnote list ``<ol>`` gets ``start="FIRST"`` (the first item's
  label), so the browser numbers the list FIRST, FIRST+1, ...; if the labels
  of a list are not consecutive, every ``<li>`` also gets ``value="LABEL"``
  so that each item still shows its own number.

Labels that are not plain integers (e.g. ``[^a]``) are left alone, so the
hook is a no-op on pages that don't use numeric labels.  Only the visible
numbers change: ids and hrefs stay as Python-Markdown wrote them, so
Material's footnote tooltips (``content.footnote.tooltips``), which look the
note up by its href, keep working.

The patterns below match the exact markup that Python-Markdown's footnotes
extension writes (default ``SEPARATOR`` ":"); they are deliberately narrow,
touching only elements that carry the footnote classes/ids.
"""

from __future__ import annotations

import re

# <a class="footnote-ref" href="#fn:12">3</a>
_REF = re.compile(
    r'(<a class="footnote-ref" href="#fn:(?P<label>[^"]+)"[^>]*>)(?P<text>[^<]*)(</a>)'
)
# <a class="footnote-backref" href="#fnref:12" title="Jump back to footnote 3 in the text">
# (and href="#fnref2:12" for a second reference to the same note)
_BACKREF = re.compile(
    r'(<a class="footnote-backref" href="#fnref\d*:(?P<label>[^"]+)" title=")(?P<title>[^"]*)(")'
)
# <div class="footnote"> ... <ol> <li id="fn:12"> ... </ol></div>
_FOOTNOTE_DIV = re.compile(r'<div class="footnote">.*?</ol>\s*</div>', re.DOTALL)
_OL_OPEN = re.compile(r"<ol(?P<attrs>[^>]*)>")
_LI = re.compile(r'<li id="fn:(?P<label>[^"]+)"(?P<rest>[^>]*)>')


def _number(label: str) -> int | None:
    return int(label) if label.isdigit() else None


def _fix_ref(m: re.Match) -> str:
    n = _number(m["label"])
    if n is None:
        return m[0]
    return f"{m[1]}{n}{m[4]}"


def _fix_backref(m: re.Match) -> str:
    n = _number(m["label"])
    if n is None:
        return m[0]
    # Replace the (single) number in the title, e.g. "footnote 3" -> "footnote 12".
    title = re.sub(r"\d+", str(n), m["title"], count=1)
    return f"{m[1]}{title}{m[4]}"


def _fix_list(m: re.Match) -> str:
    block = m[0]
    labels = [_number(x["label"]) for x in _LI.finditer(block)]
    if not labels or any(n is None for n in labels):
        return block
    first = labels[0]
    consecutive = labels == list(range(first, first + len(labels)))

    # Only the list's own <ol> (the first one in the block) gets start=.
    def _ol(o: re.Match) -> str:
        attrs = re.sub(r'\s+start="[^"]*"', "", o["attrs"])
        return f'<ol start="{first}"{attrs}>'

    block = _OL_OPEN.sub(_ol, block, count=1)
    if not consecutive:

        def _li(li: re.Match) -> str:
            rest = re.sub(r'\s+value="[^"]*"', "", li["rest"])
            return f'<li id="fn:{li["label"]}" value="{int(li["label"])}"{rest}>'

        block = _LI.sub(_li, block)
    return block


def renumber_footnotes(html: str) -> str:
    """Return ``html`` with footnote numbers taken from the footnote labels."""
    if "footnote" not in html:
        return html
    html = _REF.sub(_fix_ref, html)
    html = _BACKREF.sub(_fix_backref, html)
    html = _FOOTNOTE_DIV.sub(_fix_list, html)
    return html


def on_page_content(html: str, page, config, files) -> str:
    return renumber_footnotes(html)
