"""Tandem's own warm themes, registered beside Textual's built-in ones."""

from __future__ import annotations

from textual.theme import Theme

TANDEM_DARK = Theme(
    name="tandem-hearth",
    primary="#E07A5F",
    secondary="#81B29A",
    accent="#F2CC8F",
    warning="#F4A261",
    error="#E76F51",
    success="#81B29A",
    foreground="#F4EDE4",
    background="#2B2321",
    surface="#362C29",
    panel="#45373A",
    dark=True,
)
"""Default: terracotta and sage on a warm dark brown, like a kitchen at evening."""

TANDEM_LIGHT = Theme(
    name="tandem-morning",
    primary="#B5523B",
    secondary="#4E7D66",
    accent="#C28A2C",
    warning="#B86E1E",
    error="#B23A2A",
    success="#4E7D66",
    foreground="#3A2E2A",
    background="#FBF6EE",
    surface="#F3EADC",
    panel="#E9DCC8",
    dark=False,
)
"""A light variant with the same hues, for bright rooms."""

THEMES = (TANDEM_DARK, TANDEM_LIGHT)
