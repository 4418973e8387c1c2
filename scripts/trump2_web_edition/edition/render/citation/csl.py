"""CitedWork -> a CSL-JSON item: CSL's own variables only, as reference managers and citeproc read them.

CSL 1.0.2 has no variable for the English translation of a title (``translated-title`` was
drafted and withdrawn). APA's CSL style prints ``genre`` and ``medium`` in the brackets after a
web page's title, where APA wants the translation; GB/T 7714's style prints ``medium`` as the
carrier ([EB/<medium>]) but never reads ``genre``. So the English title of the Chinese original is
in ``genre``; the English edition names its original in ``original-title``.
"""

from __future__ import annotations

from .work import JOURNAL_ARTICLE, CitedWork


def csl_item(work: CitedWork) -> dict[str, object]:
    """The CSL-JSON item of ``work``, known fields only (no ``accessed``: that is the reader's date)."""
    item: dict[str, object] = {"id": work.key, "type": work.kind, "title": work.title}
    optional: dict[str, object] = {
        "genre": work.title_translated,
        "original-title": work.original_title,
        "author": [{"family": work.author.family, "given": work.author.given}],
        "issued": {"date-parts": [list(work.issued)]} if work.issued else None,
        "version": work.version,
        "URL": work.url,
        "DOI": work.doi,
        "language": work.language,
        "abstract": work.abstract,
        "keyword": ", ".join(work.keywords),
        "license": work.license,
    }
    if work.kind == JOURNAL_ARTICLE:
        # The journal's facts belong to the journal article; without the journal they cite nothing.
        optional |= {
            "container-title": work.journal,
            "volume": work.volume,
            "issue": work.issue,
            "page": work.page_text,
            "ISSN": work.issn,
            "publisher": work.publisher,
        }
    item.update({key: value for key, value in optional.items() if value})
    return item
