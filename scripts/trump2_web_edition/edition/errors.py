"""Errors that point at the file and line of the input that caused them."""

from __future__ import annotations


class SourceError(Exception):
    """Bad input: carries the file name and 1-based line so a CLI can print one line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, int, str]]:
        return (type(self), (self.path, self.line, self.message))
