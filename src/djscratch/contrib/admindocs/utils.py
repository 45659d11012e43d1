"""admindocs helpers (django/contrib/admindocs/utils.py): a view's dotted
name, a docstring's parts, and the regex clean-ups that turn URL patterns
into readable paths.  reST rendering (docutils) is not part of djscratch.
"""

import re

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.safestring import mark_safe

__all__ = []

try:
    import docutils  # noqa: F401
except ImportError:
    docutils_is_available = False
else:
    docutils_is_available = True

#: The reST roles Django registers with docutils: role -> URL pattern.
ROLES = {
    "model": "%s/models/%s/",
    "view": "%s/views/%s/",
    "template": "%s/templates/%s/",
    "filter": "%s/filters/#%s",
    "tag": "%s/tags/#%s",
}

explicit_title_re = re.compile(r"^(.+?)\s*(?<!\x00)<([^<]*?)>$", re.DOTALL)

# The start of a named, an unnamed and a non-capturing group.
named_group_matcher = _lazy_re_compile(r"\(\?P(<\w+>)")
unnamed_group_matcher = _lazy_re_compile(r"\(")
non_capturing_group_matcher = _lazy_re_compile(r"\(\?\:")


def get_view_name(view_func):
    """The dotted path of a view: its class for class-based views."""
    if hasattr(view_func, "view_class"):
        klass = view_func.view_class
        return f"{klass.__module__}.{klass.__qualname__}"
    view_name = getattr(view_func, "__qualname__", view_func.__class__.__name__)
    return f"{view_func.__module__}.{view_name}"


def parse_docstring(docstring):
    """(title, body, metadata) of a docstring: the first paragraph, the
    rest, and the "Key: value" lines of a last paragraph made of them."""
    if not docstring:
        return "", "", {}
    import inspect

    parts = re.split(r"\n{2,}", inspect.cleandoc(docstring))
    title = parts[0]
    if len(parts) == 1:
        return title, "", {}
    # The email package (some 2 MiB) loads here, not with djscratch.
    import email.errors
    import email.parser

    try:
        metadata = dict(email.parser.HeaderParser().parsestr(parts[-1]).items())
    except email.errors.HeaderParseError:
        return title, "\n\n".join(parts[1:]), {}
    body = "\n\n".join(parts[1:-1] if metadata else parts[1:])
    return title, body, metadata


def parse_rst(text, default_reference_context, thing_being_parsed=None):
    """Django renders reST with docutils here; djscratch does not."""
    raise ImproperlyConfigured(
        "djscratch's admindocs does not render reStructuredText (docutils); "
        "use the Django engine (DJSCRATCH_ENGINE=django) for the full "
        "documentation pages.")


def split_explicit_title(text):
    """(has explicit title, title, target) of a role's "title <target>"."""
    match = explicit_title_re.match(text)
    if match:
        return True, match[1], match[2]
    return False, text, text


def replace_metacharacters(pattern):
    """Remove unescaped metacharacters (?*+^$ \\b \\B \\A \\Z) from pattern."""
    return re.sub(
        r"((?:^|(?<!\\))(?:\\\\)*)(\\?)([?*+^$]|\\[bBAZ])",
        lambda m: m[1] + m[3] if m[2] else m[1],
        pattern,
    )


def _get_group_start_end(start, end, pattern):
    """(start, end) of the group opened at pattern[start:end], nested
    parentheses included; None when it never closes."""
    unmatched_open_brackets, prev_char = 1, None
    for idx, val in enumerate(pattern[end:]):
        if val == "(" and prev_char != "\\":
            unmatched_open_brackets += 1
        elif val == ")" and prev_char != "\\":
            unmatched_open_brackets -= 1
        prev_char = val
        if unmatched_open_brackets == 0:
            return start, end + idx + 1
    return None


def _find_groups(pattern, group_matcher):
    """The outermost groups group_matcher finds: (start, end, match)."""
    prev_end = None
    for match in group_matcher.finditer(pattern):
        indices = _get_group_start_end(match.start(0), match.end(0), pattern)
        if indices:
            start, end = indices
            if not prev_end or start > prev_end:
                yield start, end, match
            prev_end = end


def replace_named_groups(pattern):
    r"""Each named group becomes its name: ^(?P<a>\w+)/b/$ -> ^<a>/b/$."""
    found = [(pattern[start:end], match[1])
             for start, end, match in _find_groups(pattern, named_group_matcher)]
    for group_pattern, group_name in found:
        pattern = pattern.replace(group_pattern, group_name)
    return pattern


def replace_unnamed_groups(pattern):
    r"""Each unnamed group becomes <var>: ^b/(\w+)$ -> ^b/<var>$."""
    final_pattern, prev_end = "", None
    for start, end, _ in _find_groups(pattern, unnamed_group_matcher):
        if prev_end:
            final_pattern += pattern[prev_end:start]
        final_pattern += pattern[:start] + "<var>"
        prev_end = end
    return final_pattern + pattern[prev_end:]


def remove_non_capturing_groups(pattern):
    r"""Drop non-capturing groups: ^a(?:\w+)/b -> ^a/b."""
    final_pattern, prev_end = "", None
    for start, end, _ in _find_groups(pattern, non_capturing_group_matcher):
        final_pattern += pattern[prev_end:start]
        prev_end = end
    return final_pattern + pattern[prev_end:]


def strip_p_tags(value):
    return mark_safe(value.replace("<p>", "").replace("</p>", ""))
