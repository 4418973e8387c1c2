"""The report as JSON: one object per target (result, origin fields, archive, failures) and a summary."""

from __future__ import annotations

import json
from typing import ClassVar

from . import Report


class JsonFormatter:
    name: ClassVar[str] = "json"

    def render(self, report: Report) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATTER = JsonFormatter()
