"""Small Django names that Django's own test modules import (issue 19's test-suite
table): lazystr, clear_script_prefix, the converter registry, the active
language, FakePayload, encode_file, CaseInsensitiveMapping, get_script_name and
Library.simple_block_tag.  Run on real Django (tests/gen_api_surface_expected.py
records the results) and on djscratch (tests/test_api_surface.py compares);
the same text runs on both.
"""

import io
import warnings

from django.template import Context, Engine, Library, TemplateSyntaxError

register = Library()


@register.simple_block_tag
def shout(content, times=1):
    return content.upper() * times


@register.simple_block_tag(takes_context=True, end_name="stop")
def greet(context, content, greeting="Hello"):
    return f"{greeting} {content} ({context.get('who', '?')})"


@register.simple_block_tag(name="wrap")
def wrap_tag(content, tag):
    return f"<{tag}>{content}</{tag}>"


@register.simple_block_tag
def no_content(text):  # refused when used: the first argument is not `content`
    return text


@register.simple_block_tag(takes_context=True)
def no_context_content(context, text):
    return text


def _error(func):
    try:
        func()
    except Exception as exc:  # the type and message are what Django shows
        return [type(exc).__name__, str(exc)]
    return None


def lazy_and_prefix():
    from django.urls import clear_script_prefix, get_script_prefix, set_script_prefix
    from django.utils.functional import Promise, lazystr

    text = lazystr("abc")
    set_script_prefix("/mounted")
    mounted = get_script_prefix()
    clear_script_prefix()
    return {
        "lazystr": [isinstance(text, Promise), str(text), text == "abc"],
        "script_prefix": [mounted, get_script_prefix()],
    }


def converters():
    from django.urls.converters import (
        DEFAULT_CONVERTERS, REGISTERED_CONVERTERS, IntConverter, get_converters,
        register_converter)

    class Year(IntConverter):
        regex = "[0-9]{4}"

    register_converter(Year, "year_surface")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        register_converter(Year, "year_surface")
    REGISTERED_CONVERTERS.pop("year_surface")
    return {
        "converter_override_warns": [
            [type(w.message).__name__, str(w.message)] for w in caught],
        "default_converters": [sorted(DEFAULT_CONVERTERS),
                               set(DEFAULT_CONVERTERS) <= set(get_converters())],
    }


def languages():
    from django.utils import translation

    seen = [translation.get_language()]
    with translation.override("fr"):
        seen.append(translation.get_language())
        with translation.override(None):
            seen.append(translation.get_language())
        seen.append(translation.get_language())
    seen.append(translation.get_language())
    translation.activate("de")
    seen.append(translation.get_language())
    translation.deactivate()
    seen.append(translation.get_language())

    @translation.override("nl")
    def decorated():
        return translation.get_language()

    seen.append(decorated())
    with translation.override("ar"):
        bidi = translation.get_language_bidi()
    return {
        "languages": seen,
        "bidi": [bidi, translation.get_language_bidi()],
        "npgettext": [translation.npgettext("ctx", "apple", "apples", 1),
                      translation.npgettext("ctx", "apple", "apples", 2),
                      str(translation.npgettext_lazy("ctx", "pear", "pears", 3)),
                      translation.gettext_noop("noop")],
    }


def payloads():
    from django.test.client import FakePayload, encode_file

    payload = FakePayload(b"abc")
    payload.write("déf")
    length = len(payload)
    first = payload.read(2)
    line = payload.readline()
    too_much = _error(lambda: payload.read(99))
    late_write = _error(lambda: payload.write(b"x"))
    upload = io.BytesIO(b"data")
    upload.name = "/tmp/notes.txt"
    anonymous = io.BytesIO(b"raw")
    return {
        "fake_payload": [length, first.decode(), line.decode("utf-8"), too_much,
                         late_write],
        "encode_file": [[part.decode() for part in encode_file("BND", "f", upload)],
                        [part.decode() for part in encode_file("BND", "g",
                                                                anonymous)]],
    }


def mappings():
    from django.core.handlers.wsgi import get_script_name
    from django.utils.datastructures import CaseInsensitiveMapping

    headers = CaseInsensitiveMapping({"Accept": "text/html", "X-Thing": "1"})
    return {
        "case_insensitive": [headers["accept"], headers["X-THING"], list(headers),
                             repr(headers), headers == {"ACCEPT": "text/html",
                                                        "x-thing": "1"},
                             headers == ["not", "a", "mapping"], len(headers)],
        "case_insensitive_errors": [
            _error(lambda: CaseInsensitiveMapping([("a", 1, 2)])),
            _error(lambda: CaseInsensitiveMapping([(1, 2)])),
            _error(lambda: headers.__setitem__("a", 1)),
        ],
        "script_name": [
            get_script_name({"SCRIPT_NAME": "/app", "PATH_INFO": "/x/"}),
            get_script_name({"SCRIPT_URL": "/app//sub/x/", "PATH_INFO": "/x/",
                             "SCRIPT_NAME": "/ignored"}),
            get_script_name({"REDIRECT_URL": "/r/x/", "PATH_INFO": "/x/"}),
        ],
    }


def block_tags():
    engine = Engine(libraries={"surface": "tests.api_surface_scenario"})

    def render(source, **context):
        return engine.from_string("{% load surface %}" + source).render(
            Context(context))

    return {
        "simple_block_tag": [
            render("{% shout %}hi {{ name }}{% endshout %}", name="<b>"),
            render("{% shout times=2 %}ab{% endshout %}"),
            render("{% shout as loud %}q{% endshout %}[{{ loud }}]"),
            render("{% greet 'Hi' %}{{ who }}{% stop %}", who="Ann"),
            render("{% wrap 'em' %}x{% endwrap %}"),
        ],
        "simple_block_tag_errors": [
            _error(lambda: render("{% no_content %}x{% endno_content %}")),
            _error(lambda: render(
                "{% no_context_content %}x{% endno_context_content %}")),
            _error(lambda: render("{% shout %}never closed")),
        ],
    }


def run():
    """Return every observation, keyed by what it shows."""
    observed = {}
    for part in (lazy_and_prefix, converters, languages, payloads, mappings,
                 block_tags):
        observed.update(part())
    # TemplateSyntaxError messages may name the template; keep the type only
    # where the message is an engine's own wording.
    last = observed["simple_block_tag_errors"][-1]
    if last and last[0] == TemplateSyntaxError.__name__:
        observed["simple_block_tag_errors"][-1] = [last[0]]
    return observed
