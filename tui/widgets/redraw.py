"""Redraw a Static's words without laying out the screen when its size stays the same."""

from __future__ import annotations

from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Static


def _wanted_size(static: Static, width: int) -> Size:
    """The content size the static's words ask for; only what decides the layout.

    Its width counts only when the width follows the words (`width: auto`); its height is
    asked for at the width it has now.
    """
    container, viewport = static.container_size, static.app.size
    rule = static.styles.width
    wanted_width = (
        static.get_content_width(container, viewport) if rule is not None and rule.is_auto else 0
    )
    return Size(wanted_width, static.get_content_height(container, viewport, width))


def update_in_place(static: Static, content: VisualType) -> None:
    """`Static.update`, with a layout of the screen only when the words need another size.

    `Static.update` lays out the whole screen, and the layout re-renders every widget whose
    box it moves: on the Rituals pane, about a third of a tick's way to the screen. A tick
    changes words and figures, which mostly take the lines they took before; then this
    repaints the static alone.
    """
    width = static.content_size.width
    if not static.is_mounted or not width:
        static.update(content)  # not laid out yet: nothing to keep
        return
    before = _wanted_size(static, width)
    static.update(content, layout=False)
    if _wanted_size(static, width) != before:
        static.refresh(layout=True)
