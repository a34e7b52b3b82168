"""What "the first complete frame" is: a marker chosen from the app's settled screen.

A probe run waits until the screen stops changing and hands its text to `choose`. The
marker is the row of the *last* ritual in the pane's order (the lowest line that names
exactly one ritual: the today strip names many), trimmed of borders and scrollbars; a
table fills all its rows in one frame, so the frame that shows the last row with its
figures is the first complete one. When no such row exists (a pane that lists no ritual
rows) the marker is the whole settled frame.

Both the tmux harness (on `capture-pane -p` text) and the headless runner (on the
compositor's strips) use this module, so both stop on the same criterion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_EDGE = re.compile(
    r"^[\s\u2500-\u259f\u25a0-\u25ff\u2800-\u28ff]+|[\s\u2500-\u259f\u25a0-\u25ff]+$"
)


@dataclass(frozen=True, slots=True)
class Marker:
    """`kind` is `row` (a substring of one line) or `frame` (the whole settled screen)."""

    kind: str
    text: str

    def found(self, screen: str) -> bool:
        """Whether `screen` (lines joined by newlines) shows the complete frame."""
        if self.kind == "row":
            return self.text in screen
        return normalise(screen) == self.text

    def describe(self) -> str:
        """For the report."""
        if self.kind == "row":
            return f"row {self.text[:60]!r}"
        return "the whole settled frame (no ritual row found on the screen)"

    def to_json(self) -> dict[str, str]:
        """For passing to the runner."""
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_json(cls, value: dict[str, str]) -> Marker:
        """Back from `to_json`."""
        return cls(value["kind"], value["text"])


def normalise(screen: str) -> str:
    """Lines right-stripped, trailing blank lines dropped."""
    return "\n".join(line.rstrip() for line in screen.rstrip().splitlines())


def title_pattern(titles: Sequence[str]) -> re.Pattern[str]:
    """Matches any of `titles` as a whole word."""
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def rows_by_title(screen: str, titles: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """For each title, the (line number, line) of the lines that name it and no other."""
    pattern = title_pattern(titles)
    found: dict[str, list[tuple[int, str]]] = {}
    for number, line in enumerate(screen.splitlines()):
        names = set(pattern.findall(line))
        if len(names) == 1:
            found.setdefault(names.pop(), []).append((number, line))
    return found


def choose(screen: str, titles_in_order: Sequence[str]) -> Marker:
    """The marker of the first complete frame, from the settled `screen`."""
    rows = rows_by_title(screen, titles_in_order)
    for title in reversed(titles_in_order):
        if title in rows:
            _, line = max(rows[title])  # the lowest line naming it
            start = line.index(title)
            text = _EDGE.sub("", line[start:])
            return Marker("row", text)
    return Marker("frame", normalise(screen))
