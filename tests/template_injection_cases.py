"""Hostile template names and sources for tests/test_template_injection.py.

Each payload is Python that sets the environment variable CANARY when it runs:
djscratch compiles templates to Python, so a name or a tag that reaches the
generated code unescaped would run it.  Django never runs it; its outputs for
these cases are in template_injection_expected.json, written by
gen_template_injection_expected.py.  This module imports nothing from Django, so
both the oracle and djscratch read the same cases.
"""

import datetime

CANARY = "DJS_PWNED"

#: The payload, one expression without spaces (so it stays one tag argument).
PAYLOAD = '__import__("os").environ.update(DJS_PWNED="1")'
#: The same with single quotes, for inside a "..." template string literal.
PAYLOAD_SQ = PAYLOAD.replace('"', "'")

#: A name that closes a """docstring""" around it, runs the payload, reopens it.
DOCSTRING_BREAKER = '"""+str(%s)+"""' % PAYLOAD
#: A name that ends a # comment (and a docstring's line), runs the payload,
#: and comments out the rest.
NEWLINE_BREAKER = "\n%s\n#" % PAYLOAD

#: Files for the filesystem loader (one temp directory per run).
FILES = {
    "pages/about.html": "ABOUT",
    "base.html": "[{% block content %}base{% endblock %}]",
}

#: A datetime for the date-format cases.
MOMENT = datetime.datetime(2024, 1, 2, 3, 4, 5)

#: id -> case.  "loader" is "fs" (FILES in a temp dir) or "locmem" (the
#: "templates" dict); "name" is loaded with get_template(), else "source" goes
#: to from_string().  "native" says the case also runs in djscratch's << >> /
#: <% %> syntax (translated by to_native()), expecting Django's output.
CASES = {
    "fs_name_closes_docstring": {
        "loader": "fs", "name": "pages/x%s/../about.html" % DOCSTRING_BREAKER},
    "fs_name_newline_ends_comment": {
        "loader": "fs", "name": "pages/x%s/../about.html" % NEWLINE_BREAKER},
    "fs_name_missing_with_breaker": {
        "loader": "fs", "name": "pages/%s.html" % DOCSTRING_BREAKER},
    "include_variable_closes_docstring": {
        "loader": "fs", "source": "[{% include n %}]", "native": True,
        "context": {"n": "pages/x%s/../about.html" % DOCSTRING_BREAKER}},
    "include_variable_newline": {
        "loader": "fs", "source": "[{% include n %}]", "native": True,
        "context": {"n": "pages/x%s/../about.html" % NEWLINE_BREAKER}},
    "include_literal_closes_docstring": {
        "loader": "fs", "native": True,
        "source": "[{%% include 'pages/x%s/../about.html' %%}]" % DOCSTRING_BREAKER},
    "extends_variable_closes_docstring": {
        "loader": "fs", "native": True,
        "source": "{% extends n %}{% block content %}child{% endblock %}",
        "context": {"n": "pages/x%s/../../base.html" % DOCSTRING_BREAKER}},
    "extends_variable_newline": {
        "loader": "fs",
        "source": "{% extends n %}{% block content %}child{% endblock %}",
        "context": {"n": "pages/x%s/../../base.html" % NEWLINE_BREAKER}},
    "block_name_closes_docstring": {
        "loader": "fs", "native": True,
        "source": "[{%% block x%s %%}b{%% endblock %%}]" % DOCSTRING_BREAKER},
    "block_name_closes_docstring_in_child": {
        "loader": "fs",
        "source": '{%% extends "base.html" %%}{%% block content %%}'
                  '{%% block x%s %%}b{%% endblock %%}{%% endblock %%}'
                  % DOCSTRING_BREAKER},
    "tag_carriage_return_ends_comment": {
        "loader": "fs", "native": True,
        "source": '{%% if "\r    %s#" %%}y{%% endif %%}' % PAYLOAD_SQ},
    "with_tag_carriage_return_ends_comment": {
        "loader": "fs", "native": True,
        "source": '{%% with v="\r    %s#" %%}{{ v|length }}{%% endwith %%}'
                  % PAYLOAD_SQ},
    "tag_nul_byte": {
        "loader": "fs", "native": True, "source": '{% if "\x00" %}y{% endif %}'},
    "locmem_name_closes_docstring": {
        "loader": "locmem", "name": "x%s" % DOCSTRING_BREAKER,
        "templates": {"x%s" % DOCSTRING_BREAKER: "LOCMEM"}},
    "locmem_name_newline_ends_comment": {
        "loader": "locmem", "name": "x%s" % NEWLINE_BREAKER,
        "templates": {"x%s" % NEWLINE_BREAKER: "LOCMEM"}},
    "locmem_name_nul_byte": {
        "loader": "locmem", "name": "a\x00b", "templates": {"a\x00b": "NUL"}},
    "locmem_name_lone_surrogate": {
        "loader": "locmem", "name": "a\ud800b", "templates": {"a\ud800b": "SUR"}},
    "variable_names_equal_after_nfkc_stay_apart": {
        "loader": "fs", "native": True, "source": "{{ \ufb01 }}{{ fi }}",
        "context": {"\ufb01": 1, "fi": 2}},
    "block_names_equal_after_nfkc_stay_apart": {
        "loader": "fs", "native": True,
        "source": "{% block \ufb01 %}A{% endblock %}{% block fi %}B{% endblock %}"},
    "with_names_equal_after_nfkc_stay_apart": {
        "loader": "fs", "native": True,
        "source": "{% with \ufb01=1 fi=2 %}{{ \ufb01 }}{{ fi }}{% endwith %}"},
    "date_formats_equal_after_nfkc_stay_apart": {
        "loader": "fs", "native": True,
        "source": '{{ d|date:"\ufb01" }}/{{ d|date:"fi" }}',
        "context": {"d": MOMENT}},
    "infinite_float_literal": {
        "loader": "fs", "native": True,
        "source": "{{ 1e999 }} {{ -1e999 }}{% if 1e999 > 1 %} big{% endif %}"},
    "infinite_float_filter_argument": {
        "loader": "fs", "native": True, "source": "{{ x|default:1e999 }}"},
}


def to_native(text):
    """Translate Django's delimiters to djscratch's native syntax."""
    for django, native in (("{{", "<<"), ("}}", ">>"), ("{%", "<%"), ("%}", "%>"),
                           ("{#", "<#"), ("#}", "#>")):
        text = text.replace(django, native)
    return text
