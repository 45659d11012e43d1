"""ANSI terminal colours: colorize(), make_style() and the palettes that
DJANGO_COLORS chooses between and amends (django/utils/termcolors.py).
"""

__all__ = [
    "colorize", "parse_color_setting", "PALETTES", "DEFAULT_PALETTE",
    "NOCOLOR_PALETTE", "DARK_PALETTE", "LIGHT_PALETTE",
]

color_names = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
foreground = {name: f"3{index}" for index, name in enumerate(color_names)}
background = {name: f"4{index}" for index, name in enumerate(color_names)}

RESET = "0"
opt_dict = {"bold": "1", "underscore": "4", "blink": "5", "reverse": "7",
            "conceal": "8"}


def colorize(text="", opts=(), **kwargs):
    """Return `text` between ANSI codes for fg=, bg= and the options of
    `opts` (bold, underscore, blink, reverse, conceal), followed by the reset
    code unless "noreset" is among them.  colorize(opts=("reset",)) is the
    reset code alone."""
    if text == "" and len(opts) == 1 and opts[0] == "reset":
        return f"\x1b[{RESET}m"
    codes = []
    for key, value in kwargs.items():
        if key == "fg":
            codes.append(foreground[value])
        elif key == "bg":
            codes.append(background[value])
    codes.extend(opt_dict[option] for option in opts if option in opt_dict)
    text = text or ""
    if "noreset" not in opts:
        text = f"{text}\x1b[{RESET}m"
    return "\x1b[%sm%s" % (";".join(codes), text)


def make_style(opts=(), **kwargs):
    """Return a function that colorizes its text with these settings."""
    return lambda text: colorize(text, opts, **kwargs)


NOCOLOR_PALETTE = "nocolor"
DARK_PALETTE = "dark"
LIGHT_PALETTE = "light"

#: The roles a palette styles, in Django's order.
_ROLES = (
    "ERROR SUCCESS WARNING NOTICE SQL_FIELD SQL_COLTYPE SQL_KEYWORD SQL_TABLE "
    "HTTP_INFO HTTP_SUCCESS HTTP_REDIRECT HTTP_NOT_MODIFIED HTTP_BAD_REQUEST "
    "HTTP_NOT_FOUND HTTP_SERVER_ERROR MIGRATE_HEADING MIGRATE_LABEL").split()


def _palette(spec):
    """{role: {"fg": colour, "opts": ("bold",)}} from "colour[+]" words, one
    per role in _ROLES order: "+" is bold, "-" no colour."""
    palette = {}
    for role, word in zip(_ROLES, spec.split()):
        style = {}
        colour = word.rstrip("+")
        if colour != "-":
            style["fg"] = colour
        if word.endswith("+"):
            style["opts"] = ("bold",)
        palette[role] = style
    return palette


PALETTES = {
    NOCOLOR_PALETTE: {role: {} for role in _ROLES},
    DARK_PALETTE: _palette(
        "red+ green+ yellow+ red green+ green yellow -+ -+ - green cyan red+ "
        "yellow magenta+ cyan+ -+"),
    LIGHT_PALETTE: _palette(
        "red+ green+ yellow+ red green+ green blue -+ -+ - green+ green red+ "
        "red magenta+ cyan+ -+"),
}
DEFAULT_PALETTE = DARK_PALETTE


def parse_color_setting(config_string):
    """Return the palette a DJANGO_COLORS value describes, or None when it
    colours nothing.  The value is ";"-separated: a palette name (light,
    dark, nocolor) and/or role=fg[/bg][,option...] amendments."""
    if not config_string:
        return PALETTES[DEFAULT_PALETTE]
    palette = PALETTES[NOCOLOR_PALETTE].copy()
    for part in config_string.lower().split(";"):
        if part in PALETTES:
            palette.update(PALETTES[part])
        elif "=" in part:
            role, instructions = part.split("=")
            role = role.upper()
            colours, *options = instructions.split(",")
            fg, _, bg = colours.partition("/")
            definition = {}
            if fg in color_names:
                definition["fg"] = fg
            if "/" in colours and bg.split("/")[0] in color_names:
                definition["bg"] = bg.split("/")[0]
            opts = tuple(option for option in reversed(options) if option in opt_dict)
            if opts:
                definition["opts"] = opts
            if role in PALETTES[NOCOLOR_PALETTE] and definition:
                palette[role] = definition
    if palette == PALETTES[NOCOLOR_PALETTE]:
        return None
    return palette
