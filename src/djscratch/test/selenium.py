"""Browser-test helpers (django/test/selenium.py): only screenshot_cases,
the decorator Django's admin tests import.  djscratch drives no browser, so
the test cases that would use it are skipped (contrib/admin/tests.py).
"""

__all__ = ["screenshot_cases"]


def screenshot_cases(method_names):
    """Mark a browser test to be screenshot in each of `method_names` (a list,
    or a comma-separated string), and tag it "screenshot"."""
    if isinstance(method_names, str):
        method_names = method_names.split(",")

    def wrapper(func):
        func._screenshot_cases = method_names
        func.tags = {"screenshot"}.union(getattr(func, "tags", set()))
        return func

    return wrapper
