"""FacetBar: one line of filter chips that narrow the ideas (cost, where, who leads...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from store.ideas import Filters

ANY = ""
"""The value of every facet's first choice: no filter."""


@dataclass(frozen=True, slots=True)
class Facet:
    """One way to narrow the ideas, with the choices it cycles through."""

    name: str
    """Its id (`cost`, `setting`, `leads`...); the screen turns it into a filter."""
    label: str
    """What the chip is called on screen: "Cost", "Where"."""
    choices: tuple[tuple[str, str], ...]
    """(value, words) pairs; the first is `(ANY, "any")`."""


def idea_facets(leads: Mapping[str, str], members: Sequence[tuple[str, str]]) -> tuple[Facet, ...]:
    """The filters of the Ideas pane, in the order they are shown.

    Args:
        leads: who leads (`either`, `mother`, `son`) in words with names ("Leo teaches").
        members: (id, name) of each member, for "favourites of".
    """
    return (
        Facet("cost", "Cost", ((ANY, "any"), ("free", "free"), ("low", "free or low"))),
        Facet("setting", "Where", ((ANY, "any"), ("indoor", "indoors"), ("outdoor", "outdoors"))),
        Facet("energy", "Energy", ((ANY, "any"), ("calm", "calm"), ("active", "active"))),
        Facet(
            "age",
            "Suits",
            ((ANY, "any"), ("child", "a child"), ("teen", "a teen"), ("adult", "grown-ups")),
        ),
        Facet("leads", "Leads", ((ANY, "any"), *leads.items())),
        Facet("distance", "Apart", ((ANY, "any"), ("yes", "from two homes"))),
        Facet("favourites", "Favourites", ((ANY, "any"), *members)),
    )


def filters_with(filters: Filters, values: Mapping[str, str]) -> Filters:
    """`filters` with its facets set from the chips of `idea_facets` (category and search kept).

    "Cost: free or low" keeps both; every other chip keeps its one value.
    """

    def chosen(name: str) -> set[str] | None:
        value = values.get(name, ANY)
        if value == ANY:
            return None
        return {"free", "low"} if name == "cost" and value == "low" else {value}

    return replace(
        filters,
        cost=chosen("cost"),
        setting=chosen("setting"),
        energy=chosen("energy"),
        age=chosen("age"),
        leads=chosen("leads"),
        distance=True if values.get("distance") == "yes" else None,
        favourites_of=values.get("favourites") or None,
    )


def facet_words(facets: Sequence[Facet], values: Mapping[str, str]) -> list[str]:
    """The chips that filter, in words: ["cost: free", "where: outdoors"]."""
    return [
        f"{facet.label.lower()}: {dict(facet.choices)[value]}"
        for facet in facets
        if (value := values.get(facet.name, ANY)) != ANY and value in dict(facet.choices)
    ]


class FacetBar(Widget, can_focus=True):
    """Chips such as "Cost: free"; `←`/`→` pick a chip, `space` changes it, a click too.

    A chip shows its name alone (dim) while it lets every idea through, and its name
    and choice (bold) once it filters: words and weight, not colour, tell them apart.
    """

    HELP = (
        "**Filters.** `←` `→` choose a filter, `space` or `enter` changes it, "
        "`backspace` sets it back to *any*. A click on a filter changes it too."
    )

    BINDINGS = [
        Binding("left", "move(-1)", "Previous", tooltip="The filter before", id="facet-previous"),
        Binding("right", "move(1)", "Next", tooltip="The filter after", id="facet-next"),
        Binding(
            "space,enter", "cycle", "Change", tooltip="Show the next choice", id="facet-change"
        ),
        Binding(
            "backspace,delete", "reset", "Any", tooltip="Set this filter to any", id="facet-any"
        ),
    ]

    cursor: reactive[int] = reactive(0)
    """The chip `space` changes (shown in reverse while the bar has focus)."""

    @dataclass
    class Changed(Message):
        """The family changed a filter."""

        values: dict[str, str] = field(default_factory=dict)
        """Facet name to chosen value (`ANY` when not filtering)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._facets: tuple[Facet, ...] = ()
        self._chosen: dict[str, str] = {}

    @property
    def values(self) -> dict[str, str]:
        """Facet name to chosen value (`ANY` when not filtering)."""
        return {facet.name: self._chosen.get(facet.name, ANY) for facet in self._facets}

    @property
    def active(self) -> bool:
        """Whether any chip is set to something other than "any"."""
        return any(value != ANY for value in self.values.values())

    def set_facets(self, facets: Sequence[Facet]) -> None:
        """Show these facets, keeping each choice that is still offered."""
        self._facets = tuple(facets)
        self._chosen = {
            facet.name: value
            for facet in self._facets
            if (value := self._chosen.get(facet.name, ANY)) in dict(facet.choices)
        }
        self.cursor = min(self.cursor, max(len(self._facets) - 1, 0))
        self.refresh(layout=True)

    def set_values(self, values: Mapping[str, str]) -> None:
        """Choose values without announcing them (the screen already knows)."""
        self._chosen = {name: value for name, value in values.items() if value != ANY}
        self.refresh(layout=True)

    def render(self) -> Content:
        """"Filters:" then the chips: a name alone while "any", "Cost: free" once chosen."""
        chips: list[Content] = [Content.styled("Filters:", "bold")]
        for index, facet in enumerate(self._facets):
            value = self._chosen.get(facet.name, ANY)
            if value == ANY:
                style, words = "dim", facet.label
            else:
                style, words = "bold", f"{facet.label}: {dict(facet.choices)[value]}"
            if self.has_focus and index == self.cursor:
                style = "reverse"
            chips.append(
                Content.from_markup(f"[{style} @click=pick({index})] $words [/]", words=words)
            )
        return Content(" ").join(chips)

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()

    def watch_cursor(self) -> None:
        """Move the reversed chip."""
        self.refresh()

    def action_move(self, step: int) -> None:
        """Move to the previous or next chip, wrapping around."""
        if self._facets:
            self.cursor = (self.cursor + step) % len(self._facets)

    def action_cycle(self) -> None:
        """Change the current chip to its next choice."""
        self._step(self.cursor)

    def action_pick(self, index: int) -> None:
        """A click on a chip: make it current and change it."""
        self.cursor = index
        self._step(index)

    def action_reset(self) -> None:
        """Set the current chip back to "any"."""
        if self._facets and self._chosen.pop(self._facets[self.cursor].name, None) is not None:
            self._announce()

    def _step(self, index: int) -> None:
        if not 0 <= index < len(self._facets):
            return
        facet = self._facets[index]
        values = [value for value, _ in facet.choices]
        current = self._chosen.get(facet.name, ANY)
        following = values[(values.index(current) + 1) % len(values)]
        if following == ANY:
            self._chosen.pop(facet.name, None)
        else:
            self._chosen[facet.name] = following
        self._announce()

    def _announce(self) -> None:
        self.refresh(layout=True)
        self.post_message(self.Changed(self.values))
