"""TodayStrip: what is due today and this week, at the top of every pane."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from store.repository import Agenda
from tui.widgets.redraw import update_in_place


class TodayStrip(Static):
    """One or two lines: the day, rituals due, this week's, plans and goal targets."""

    def show(self, agenda: Agenda) -> None:
        """Render the agenda (words, not colour alone, carry the meaning)."""
        parts: list[Content] = [Content.from_markup("[b]$day[/b]", day=f"{agenda.today:%a %d %b}")]
        if agenda.due:
            names = ", ".join(r.title for r, _ in agenda.due)
            parts.append(Content.from_markup("[b $warning]Due:[/] $names", names=names))
        else:
            parts.append(Content.from_markup("[$success]Nothing due[/]"))
        if agenda.this_week:
            names = ", ".join(
                f"{r.title} {s.overall.next_due:%a}"
                for r, s in agenda.this_week
                if s.overall.next_due
            )
            parts.append(Content.from_markup("[b]This week:[/b] $names", names=names))
        if agenda.planned:
            names = ", ".join(f"{m.title} {m.date:%a}" for m in agenda.planned)
            parts.append(Content.from_markup("[b]Planned:[/b] $names", names=names))
        if agenda.goals_due:
            names = ", ".join(
                f"{g.title} by {g.target_date.day} {g.target_date:%b}"
                for g in agenda.goals_due
                if g.target_date
            )
            parts.append(Content.from_markup("[b]Goals:[/b] $names", names=names))
        update_in_place(self, Content(" · ").join(parts))
        self.set_class(bool(agenda.due), "-due")
