"""`import django` finds djscratch where no real Django is installed.

`pip install djscratch` installs this module with djscratch-fallback.pth,
which imports it when Python starts.  It only appends a finder to the END of
sys.meta_path: the ordinary finders look first, so a real Django, wherever it
is installed, is always the one imported; djscratch itself is loaded only when
`import django` would otherwise fail.  The same holds for `import asgiref`
(djscratch's fallback for asgiref.sync and asgiref.local), so code that
imports asgiref before django finds it too.  (Hand-written: not generated.)
"""

import os
import sys


class DjangoFallbackFinder:
    """The last import finder: asked for `django` only when no real Django
    was found, it imports djscratch, whose alias then serves django.*."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname == "asgiref":  # no real asgiref anywhere: djscratch's
            import djscratch

            fallback = getattr(djscratch, "_AsgirefFallbackFinder", None)
            return fallback.find_spec(fullname) if fallback is not None else None
        if fullname != "django":
            return None
        if os.environ.get("DJSCRATCH_ENGINE", "").strip().lower() == "django":
            return None  # real Django was asked for, and is not installed
        import djscratch

        alias = getattr(djscratch, "_AliasFinder", None)  # None while it loads
        return alias.find_spec(fullname) if alias is not None else None


def install():
    """Append the finder to sys.meta_path (once)."""
    if DjangoFallbackFinder not in sys.meta_path:
        sys.meta_path.append(DjangoFallbackFinder)


install()
