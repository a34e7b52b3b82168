"""The errors the store raises, each carrying the command line's exit status."""

from __future__ import annotations

from pathlib import Path


class TandemError(Exception):
    """Base class: the message is one clear sentence meant for a person.

    Attributes:
        exit_code: the exit status of DESIGN section 6 for this kind of failure.
    """

    exit_code: int = 1


class RejectedInput(TandemError):
    """A value that parses but is refused; nothing was changed (exit 1)."""

    exit_code = 1


class NotFound(RejectedInput):
    """A ritual, goal, member or idea that the reference does not name (exit 1)."""


class Ambiguous(RejectedInput):
    """A reference that names more than one record (exit 1)."""


class DataFileError(TandemError):
    """The data file is unreadable or needs recovery; it was not changed (exit 3)."""

    exit_code = 3

    def __init__(self, path: Path | str, problem: str, remedy: str = "") -> None:
        self.path = Path(path)
        """The file that is the problem."""
        self.problem = problem
        """What is wrong with it, as a sentence fragment."""
        self.remedy = remedy
        """How to recover, as a sentence (may be empty)."""
        text = f"{self.path}: {problem}."
        if remedy:
            text += f" {remedy}"
        super().__init__(text)


class Busy(TandemError):
    """Another Tandem held the data file's lock for too long (exit 75)."""

    exit_code = 75
