"""The terminal colours of commands' output: color_style(), no_style()
(django/core/management/color.py and django/utils/termcolors.py, dark
palette).  No colour unless the output is a terminal, or DJANGO_COLORS=nocolor.
"""

import os
import sys

__all__ = [
    "supports_color", "color_style", "no_style", "make_style",
]

_FOREGROUND = {name: "3%d" % i for i, name in enumerate(
    ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"))}

#: Django's default (dark) palette: role -> (foreground, bold).
_DARK_PALETTE = {
    "ERROR": ("red", True), "SUCCESS": ("green", True),
    "WARNING": ("yellow", True), "NOTICE": ("red", False),
    "SQL_FIELD": ("green", True), "SQL_COLTYPE": ("green", False),
    "SQL_KEYWORD": ("yellow", False), "SQL_TABLE": (None, True),
    "HTTP_INFO": (None, True), "HTTP_SUCCESS": (None, False),
    "HTTP_REDIRECT": ("green", False), "HTTP_NOT_MODIFIED": ("cyan", False),
    "HTTP_BAD_REQUEST": ("red", True), "HTTP_NOT_FOUND": ("yellow", False),
    "HTTP_SERVER_ERROR": ("magenta", True), "MIGRATE_HEADING": ("cyan", True),
    "MIGRATE_LABEL": (None, True),
}


def supports_color():
    """True if sys.stdout is a terminal (that is not Windows' old console)."""
    is_a_tty = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
    return is_a_tty and (sys.platform != "win32" or "ANSICON" in os.environ
                         or "WT_SESSION" in os.environ
                         or os.environ.get("TERM_PROGRAM") == "vscode")


def _colorizer(fg, bold):
    codes = ([_FOREGROUND[fg]] if fg else []) + (["1"] if bold else [])
    start = "\x1b[%sm" % ";".join(codes)
    return lambda text: "%s%s\x1b[0m" % (start, text or "")


class Style:
    """The style functions, one per role (style.ERROR("text"))."""


def make_style(config_string=""):
    """Return a Style; "nocolor" makes every role return its text unchanged."""
    style = Style()
    for role, (fg, bold) in _DARK_PALETTE.items():
        if config_string.strip().lower() == "nocolor":
            setattr(style, role, lambda x: x)
        else:
            setattr(style, role, _colorizer(fg, bold))
    style.ERROR_OUTPUT = style.ERROR
    return style


def no_style():
    """Return a Style with no colours."""
    return make_style("nocolor")


def color_style(force_color=False):
    """Return the colour Style if the terminal supports colours (or forced)."""
    if not force_color and not supports_color():
        return no_style()
    return make_style(os.environ.get("DJANGO_COLORS", ""))
