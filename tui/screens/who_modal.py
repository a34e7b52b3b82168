"""WhoModal: who is at the keyboard? One key per member."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from store.models import Member


class WhoModal(ModalScreen[Member]):
    """Pick the member at the keyboard by number key or click; returns the `Member`."""

    HELP = "Press the number beside your name (or click it). Tandem records who did what."

    BINDINGS = [
        Binding("escape", "cancel", "Keep current", id="who-cancel"),
        *(
            Binding(str(n), f"pick({n})", f"Member {n}", show=False, id=f"who-pick-{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, members: tuple[Member, ...], current: Member | None) -> None:
        super().__init__()
        self.members = members
        """The family, in the order they were added."""
        self.current = current
        """Who was at the keyboard before (escape keeps them)."""

    def compose(self) -> ComposeResult:
        """The question and one button per member, numbered."""
        with Vertical(id="who"):
            yield Static("Who is at the keyboard?", id="who-title")
            for number, member in enumerate(self.members[:9], 1):
                yield Button(
                    f"{number}  {member.name} ({member.role})",
                    id=f"who-{number}",
                    variant="primary" if member == self.current else "default",
                )

    def action_pick(self, number: int) -> None:
        """A digit picks that member."""
        if 1 <= number <= min(len(self.members), 9):
            self.dismiss(self.members[number - 1])

    @on(Button.Pressed)
    def pick(self, event: Button.Pressed) -> None:
        """A click on a member's button."""
        index = int((event.button.id or "who-1").removeprefix("who-")) - 1
        self.dismiss(self.members[index])

    def action_cancel(self) -> None:
        """Keep whoever was at the keyboard (only when someone was)."""
        if self.current is not None:
            self.dismiss(self.current)
