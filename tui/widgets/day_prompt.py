"""DayPrompt: the one-line prompt that asks which earlier day to tick a ritual on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from textual.content import Content
from textual.widgets import Input


class DayPrompt(Input):
    """Asks for a day ("yesterday" or YYYY-MM-DD); hidden until `ask` opens it.

    `enter` posts `DayPrompt.Submitted` with the text as typed. The screen ticks that day
    and closes the prompt, or hands the refusal back through `refuse`, shown in the border.
    """

    @dataclass
    class Submitted(Input.Submitted):
        """`enter` in the day prompt: `value` is the day as typed, not yet checked."""

        @property
        def prompt(self) -> DayPrompt:
            """The prompt the day was typed in."""
            return cast(DayPrompt, self.input)

    @property
    def is_open(self) -> bool:
        """Whether the prompt is shown."""
        return self.has_class("-open")

    def ask(self, title: str) -> None:
        """Open the prompt for the ritual `title`, with "yesterday" typed in, and focus it."""
        self.border_title = Content(f"Tick {title} on which day?")
        self.border_subtitle = "YYYY-MM-DD or yesterday · escape cancels"
        self.value = "yesterday"
        self.remove_class("-error")
        self.add_class("-open")
        self.focus()

    def refuse(self, reason: str) -> None:
        """Say in the border why the day was refused; the prompt stays open."""
        self.border_subtitle = Content(reason)
        self.add_class("-error")

    def close(self) -> None:
        """Hide the prompt (the screen moves the focus back to the list)."""
        self.remove_class("-open")
