"""Footnotes show the number their label carries, not Python-Markdown's per-page count.

The article numbers its 42 notes through the whole text; the converter labels each note with
that number (``[^14]``) but the site shows one section per page, and Python-Markdown prints
the k-th footnote of a page as k. This tree processor reads every number back from the label
in the footnote's own id or href (``#fn:14``), never from its position, so out-of-order
definitions and a note cited twice (``fnref2:``) keep the right number. Non-numeric labels
are left alone. Ids and hrefs stay as Python-Markdown wrote them (Material's tooltips look
notes up by href).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown.treeprocessors import Treeprocessor

_LABEL = re.compile(r"^#?fn(?:ref\d*)?:(?P<label>.+)$")


def _label_number(reference: str | None) -> int | None:
    match = _LABEL.match(reference or "")
    return int(match["label"]) if match and match["label"].isdigit() else None


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


class NoteNumbers(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter("a"):
            classes = _classes(element)
            number = _label_number(element.get("href"))
            if number is None:
                continue
            if "footnote-ref" in classes:
                element.text = str(number)
            elif "footnote-backref" in classes and element.get("title"):
                element.set("title", re.sub(r"\d+", str(number), element.get("title", ""), count=1))
        for division in root.iter("div"):
            if "footnote" in _classes(division):
                for ordered in division.iter("ol"):
                    self._number_list(ordered)

    @staticmethod
    def _number_list(ordered: ET.Element) -> None:
        items = [item for item in ordered if item.tag == "li"]
        numbers = [_label_number(item.get("id")) for item in items]
        if not numbers or any(n is None for n in numbers):
            return
        first = numbers[0]
        assert first is not None
        ordered.set("start", str(first))
        if numbers != list(range(first, first + len(numbers))):
            for item, number in zip(items, numbers, strict=True):
                item.set("value", str(number))
