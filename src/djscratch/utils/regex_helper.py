"""Regular expressions compiled on first use: _re() and
_lazy_re_compile(), so importing costs nothing; normalize(), which runs a
URL pattern's regex backwards for reverse() (django/utils/regex_helper.py).
"""

__all__ = ["normalize"]


_re_cache = {}


def _re(pattern, flags=0):
    """Return `pattern` compiled, compiling it on first use (keeps import fast)."""
    compiled = _re_cache.get((pattern, flags))
    if compiled is None:
        import re

        compiled = _re_cache[(pattern, flags)] = re.compile(pattern, flags)
    return compiled


class _LazyRegex:
    """A regular expression compiled on first use (keeps import fast).

    What is read from the compiled pattern (`.match`, `.split`, `.pattern`)
    is kept on the instance: the next read of the name is a plain attribute,
    not a call of __getattr__() (0.6 us, on every urlize() and validator
    call).  A compiled pattern never changes, so what is kept stays true.
    """

    def __init__(self, pattern, flags=0):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            import re

            pattern, flags = self._args
            if isinstance(pattern, (str, bytes)):
                self._compiled = re.compile(pattern, flags)
            elif flags:
                raise AssertionError(
                    "flags must be empty if regex is passed pre-compiled")
            else:
                self._compiled = pattern
        value = getattr(self._compiled, name)
        self.__dict__[name] = value
        return value


def _lazy_re_compile(pattern, flags=0):
    """Return `pattern` (a string or a compiled regex) as a lazily compiled regex."""
    if isinstance(pattern, _LazyRegex):
        return pattern
    return _LazyRegex(pattern, flags)


# -- normalize(): the forms of a regex that reverse() fills in.  Like
#    Django's, it keeps the fewest repetitions a quantifier allows (an optional
#    group holding parameters gives two forms, without and with it), takes the
#    first character of a class and a stand-in for ".", "\d", "\w"...,
#    skips look-arounds, and gives up ([("", [])]) on "|".

#: What an escape stands for in a URL (None: it matches no character).
_ESCAPE_STAND_INS = {"A": None, "b": None, "B": None, "d": "0", "D": "x", "s": " ",
                     "S": "x", "w": "x", "W": "!", "Z": None}


class _Disjunction(Exception):
    """The regex has a "|": reverse() cannot choose a branch."""


def normalize(pattern):
    """Return the forms of `pattern` as [(format string, [parameter names])]:
    "%(name)s" marks each group ("_0", "_1"... for positional ones)."""
    return _regex_forms(pattern, escape_percent=False)


def _regex_forms(pattern, escape_percent=True):
    """normalize(); with escape_percent, a literal "%" is written "%%" so that
    the forms can be %-formatted safely (what reverse() does)."""
    chars = _regex_chars(pattern)
    try:
        nodes = _regex_sequence(chars, [0, False], top=True)
    except _Disjunction:
        return [("", [])]
    forms = _sequence_forms(nodes, escape_percent)
    return [(text, params) for text, params in forms]


def _regex_chars(pattern):
    r"""The pattern as (character, escaped) pairs; an escape becomes its
    stand-in (or disappears, for \A, \b, \B, \Z)."""
    chars, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            stand_in = _ESCAPE_STAND_INS.get(pattern[i + 1], pattern[i + 1])
            if stand_in is not None:
                chars.append((stand_in, True))
            i += 2
        else:
            chars.append((ch, False))
            i += 1
    return chars


def _take(chars, at):
    """The next (character, escaped) pair; StopIteration at the end."""
    if at[0] >= len(chars):
        raise StopIteration
    at[0] += 1
    return chars[at[0] - 1]


def _skip_group(chars, at, nested):
    """Move past the ")" that closes the group being read."""
    depth = nested
    while at[0] < len(chars):
        ch, escaped = _take(chars, at)
        if escaped:
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            if not depth:
                return
            depth -= 1


def _regex_sequence(chars, at, top=False, counter=None):
    """Parse until the closing ")" into nodes: ("text", str), ("group",
    template, param or None), ("optional", node), ("seq", [nodes]).  A "$"
    ends the whole pattern (at[1] says so)."""
    counter = counter if counter is not None else [0]
    nodes = []
    try:
        while True:
            ch, escaped = _take(chars, at)
            if escaped:
                nodes.append(("text", ch))
            elif ch == "|":
                raise _Disjunction
            elif ch == "^":
                continue
            elif ch == "$":
                at[1] = True
                break
            elif ch == ")" and not top:
                return nodes
            elif ch == "[":
                first, _ = _take(chars, at)
                nodes.append(("text", first))
                ch, escaped = _take(chars, at)
                while escaped or ch != "]":
                    ch, escaped = _take(chars, at)
            elif ch == "(":
                node = _regex_group(chars, at, counter)
                if node is not None:
                    nodes.append(node)
                if at[1]:
                    break
            elif ch in "*?+{" and nodes:
                _apply_quantifier(nodes, _quantifier_minimum(ch, chars, at))
            else:
                nodes.append(("text", ch))
    except StopIteration:
        pass
    return nodes


def _regex_group(chars, at, counter):
    """The node of a group whose "(" was just read (None: a look-around)."""
    ch, escaped = _take(chars, at)
    if ch != "?" or escaped:
        name = f"_{counter[0]}"
        counter[0] += 1
        _skip_group(chars, at, 1 if ch == "(" else 0)
        return ("group", f"%({name})s", name)
    ch, escaped = _take(chars, at)
    if ch in "!=<":
        _skip_group(chars, at, 0)
        return None
    if ch == ":":
        return ("seq", _regex_sequence(chars, at, counter=counter))
    if ch != "P":
        raise ValueError(f"Non-reversible reg-exp portion: '(?{ch}'")
    ch, escaped = _take(chars, at)
    if ch not in ("<", "="):
        raise ValueError(f"Non-reversible reg-exp portion: '(?P{ch}'")
    terminal = ">" if ch == "<" else ")"
    name = []
    ch, escaped = _take(chars, at)
    while ch != terminal:
        name.append(ch)
        ch, escaped = _take(chars, at)
    param = "".join(name)
    if terminal == ")":
        return ("group", f"%({param})s", None)  # a back-reference
    _skip_group(chars, at, 0)
    return ("group", f"%({param})s", param)


def _quantifier_minimum(ch, chars, at):
    """The fewest repetitions the quantifier starting with `ch` allows
    (its lazy "?" is consumed)."""
    if ch in "*?+":
        if at[0] < len(chars) and chars[at[0]] == ("?", False):
            at[0] += 1
        return 1 if ch == "+" else 0
    digits = []
    ch, _ = _take(chars, at)
    while ch != "}":
        digits.append(ch)
        ch, _ = _take(chars, at)
    if at[0] < len(chars) and chars[at[0]] == ("?", False):
        at[0] += 1
    return int("".join(digits).split(",")[0])


def _apply_quantifier(nodes, minimum):
    """Repeat the last node `minimum` times; for 0, drop it, or make it
    optional when it holds a parameter."""
    last = nodes[-1]
    if minimum == 0:
        if _holds_group(last):
            nodes[-1] = ("optional", last)
        else:
            nodes.pop()
    elif minimum > 1:
        nodes.extend([last] * (minimum - 1))


def _holds_group(node):
    if node[0] == "group":
        return True
    return node[0] == "seq" and any(_holds_group(inner) for inner in node[1])


def _sequence_forms(nodes, escape_percent):
    forms = [("", [])]
    for node in nodes:
        forms = [(text + more, params + more_params)
                 for text, params in forms
                 for more, more_params in _node_forms(node, escape_percent)]
    return forms


def _node_forms(node, escape_percent):
    kind = node[0]
    if kind == "text":
        text = node[1]
        return [(text.replace("%", "%%") if escape_percent else text, [])]
    if kind == "group":
        return [(node[1], [node[2]] if node[2] else [])]
    if kind == "optional":
        return [("", [])] + _node_forms(node[1], escape_percent)
    return _sequence_forms(node[1], escape_percent)
