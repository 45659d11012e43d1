"""The terminal colours of commands' output: color_style(), no_style()
(django/core/management/color.py).  No colour unless the output is a
terminal; DJANGO_COLORS picks the palette (django.utils.termcolors).
"""

import os
import sys

from djscratch.utils.termcolors import (
    make_style as termcolors_make_style, NOCOLOR_PALETTE, PALETTES,
    parse_color_setting,
)

__all__ = [
    "supports_color", "color_style", "no_style", "make_style",
]


def supports_color():
    """True if sys.stdout is a terminal (that is not Windows' old console)."""
    is_a_tty = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
    return is_a_tty and (sys.platform != "win32" or "ANSICON" in os.environ
                         or "WT_SESSION" in os.environ
                         or os.environ.get("TERM_PROGRAM") == "vscode")


class Style:
    """The style functions, one per role (style.ERROR("text"))."""


def make_style(config_string=""):
    """Return a Style for a DJANGO_COLORS value (default: the dark palette);
    one that colours nothing ("nocolor") returns each text unchanged."""
    style = Style()
    palette = parse_color_setting(config_string)
    for role in PALETTES[NOCOLOR_PALETTE]:
        if palette:
            setattr(style, role, termcolors_make_style(**palette.get(role, {})))
        else:
            setattr(style, role, _no_colour)
    style.ERROR_OUTPUT = style.ERROR
    return style


def _no_colour(text):
    return text


def no_style():
    """Return a Style with no colours."""
    return make_style("nocolor")


def color_style(force_color=False):
    """Return the colour Style if the terminal supports colours (or forced)."""
    if not force_color and not supports_color():
        return no_style()
    return make_style(os.environ.get("DJANGO_COLORS", ""))
