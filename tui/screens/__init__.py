"""Tandem's screens: the four panes, first run, modals and pages."""
