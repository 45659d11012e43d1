"""Regular expressions compiled on first use: _re() and
_lazy_re_compile() (django/utils/regex_helper.py), so importing costs nothing.
"""


_re_cache = {}


def _re(pattern, flags=0):
    """Return `pattern` compiled, compiling it on first use (keeps import fast)."""
    compiled = _re_cache.get((pattern, flags))
    if compiled is None:
        import re

        compiled = _re_cache[(pattern, flags)] = re.compile(pattern, flags)
    return compiled


class _LazyRegex:
    """A regular expression compiled on first use (keeps import fast)."""

    def __init__(self, pattern, flags=0):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            import re

            pattern, flags = self._args
            self._compiled = (
                pattern if not isinstance(pattern, str) else re.compile(pattern, flags)
            )
        return getattr(self._compiled, name)


def _lazy_re_compile(pattern, flags=0):
    """Return `pattern` (a string or a compiled regex) as a lazily compiled regex."""
    if isinstance(pattern, _LazyRegex):
        return pattern
    return _LazyRegex(pattern, flags)
