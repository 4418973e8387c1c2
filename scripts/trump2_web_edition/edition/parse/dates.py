"""Dates in a note's text: "2025 年 1 月 22 日" and "January 22, 2025", as the extraction spaces them."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# The extracted text puts spaces around the numbers irregularly: "2024年 12 月 17 日", "2025 年 1 月22 日".
CHINESE_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
ENGLISH_DATE = re.compile(
    r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)


def _dates(text: str) -> list[tuple[int, dt.date]]:
    """Every valid date in the text, with its position."""
    found: list[tuple[int, dt.date]] = []
    for pattern in (CHINESE_DATE, ENGLISH_DATE):
        for match in pattern.finditer(text):
            month = match["month"]
            month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                found.append((match.start(), dt.date(int(match["year"]), month_number, int(match["day"]))))
            except ValueError:
                continue
    return sorted(found, key=lambda item: item[0])


def parse_note_date(text: str, before: int | None = None) -> dt.date | None:
    """The date a note gives (Chinese or English form): the last one before ``before``, else the first one."""
    found = _dates(text)
    if not found:
        return None
    if before is not None:
        earlier = [date for position, date in found if position < before]
        if earlier:
            return earlier[-1]
    return found[0][1]
