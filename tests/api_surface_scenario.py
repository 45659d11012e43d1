"""Small Django names that Django's own test modules import (issue 19's test-suite
table): lazystr, clear_script_prefix, the converter registry, the active
language, FakePayload, encode_file, CaseInsensitiveMapping, get_script_name,
Library.simple_block_tag, signals' weak references, BrokenLinkEmailsMiddleware,
format_lazy, freeze_time, conditional_page, override_system_checks,
django.core.management.utils, SuccessMessageMixin.  Run on real Django
(tests/gen_api_surface_expected.py records the results) and on djscratch
(tests/test_api_surface.py compares); the same text runs on both.
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
    from django.test.client import CONTENT_TYPE_RE

    charsets = [getattr(CONTENT_TYPE_RE.match(value), "group", lambda n: None)(1)
                for value in ("text/html; charset=utf-8", "text/plain",
                              "text/csv; charset=latin-1;")]
    return {
        "content_type_re": charsets,
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


def signals():
    import gc

    from django.dispatch import Signal
    from django.test import override_settings

    signal = Signal()
    calls = []

    def strong(sender, **kwargs):
        calls.append("strong")

    def make_weak():
        def weak(sender, **kwargs):
            calls.append("weak")
        return weak

    class Listener:
        def method(self, sender, **kwargs):
            calls.append("method")

    listener = Listener()
    weak = make_weak()
    signal.connect(strong)
    signal.connect(weak)
    signal.connect(listener.method)
    signal.connect(make_weak(), weak=False, dispatch_uid="kept")
    signal.connect(strong)  # once only
    signal.send(sender=None)
    first = sorted(calls)
    calls.clear()
    del weak, listener
    gc.collect()
    signal.send(sender="anyone")
    after_gc = sorted(calls)

    def no_kwargs(sender):
        pass

    with override_settings(DEBUG=True):
        refused = [_error(lambda: signal.connect(no_kwargs)),
                   _error(lambda: signal.connect("not callable"))]
    return {
        "signals": [first, after_gc, signal.disconnect(strong),
                    signal.disconnect(strong), signal.disconnect(dispatch_uid="kept"),
                    signal.has_listeners()],
        "signals_debug_checks": refused,
    }


def broken_links():
    from django.core import mail
    from django.http import HttpResponse, HttpResponseNotFound
    from django.middleware.common import BrokenLinkEmailsMiddleware
    from django.test import RequestFactory, override_settings

    factory = RequestFactory()
    middleware = BrokenLinkEmailsMiddleware(lambda request: HttpResponseNotFound())
    sent = []
    with override_settings(
            DEBUG=False, MANAGERS=[("Manager", "manager@example.com")],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ALLOWED_HOSTS=["testserver"], APPEND_SLASH=True):
        for path, referer in (("/gone/", "http://testserver/page/"),
                              ("/gone/", "https://elsewhere.example/x"),
                              ("/gone/", ""),
                              ("/gone/", "http://search.example/?q=gone"),
                              ("/gone/", "/gone"),
                              ("/gone/", "http://testserver/gone/")):
            mail.outbox = []
            extra = {"HTTP_REFERER": referer} if referer else {}
            middleware(factory.get(path, HTTP_USER_AGENT="bot", **extra))
            sent.append([[m.subject, m.body, m.to] for m in mail.outbox])
        ok = BrokenLinkEmailsMiddleware(lambda request: HttpResponse("ok"))
        mail.outbox = []
        ok(factory.get("/fine/", HTTP_REFERER="http://testserver/"))
        sent.append(len(mail.outbox))
    return {"broken_link_emails": sent}


def small_helpers():
    import time

    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.test.utils import freeze_time
    from django.utils.text import format_lazy
    from django.utils.translation import gettext_lazy
    from django.views.decorators.http import conditional_page

    lazy = format_lazy("{}-{name}", gettext_lazy("a"), name="b")
    with freeze_time(1234.5):
        frozen = time.time()

    @conditional_page
    def page(request):
        response = HttpResponse("body")
        response.headers["ETag"] = '"v1"'
        return response

    factory = RequestFactory()
    fresh = page(factory.get("/"))
    cached = page(factory.get("/", HTTP_IF_NONE_MATCH='"v1"'))

    from django.core import checks
    from django.test.utils import override_system_checks

    def only_check(app_configs=None, **kwargs):
        return [checks.Warning("only this", id="surface.W001")]

    from django.apps import apps

    if not apps.ready:
        # The model checks need a populated registry, as in Django: the test
        # runner populates it; under pytest nothing has, so do it (no apps).
        apps.populate([])
    with override_system_checks([only_check]):
        inside = [m.id for m in checks.run_checks()]
    # Outside, the registry has its own checks back (not running them: an
    # earlier test may have left contrib.auth's registered without the app).
    from django.core.checks.registry import registry

    outside = only_check in registry.get_checks()
    from django.test.utils import Approximate

    approximate = [Approximate(1.2345, places=2) == 1.23,
                   Approximate(1.2345) == 1.23, repr(Approximate(0.5))]
    return {
        "approximate": approximate,
        "override_system_checks": [inside, outside],
        "format_lazy": [type(lazy).__name__ != "str", str(lazy)],
        "freeze_time": [frozen, time.time() != 1234.5],
        "conditional_page": [fresh.status_code, cached.status_code],
    }


def management_utils():
    import os
    import tempfile

    from django.core.management import CommandError
    from django.core.management.utils import (
        find_command, get_random_secret_key, handle_extensions, is_ignored_path,
        normalize_path_patterns, popen_wrapper)

    key = get_random_secret_key()
    with tempfile.TemporaryDirectory() as folder:
        tool = os.path.join(folder, "tool")
        open(tool, "w").close()
        found = [find_command("tool", path=[folder]) == tool,
                 find_command("tool", path=folder) == tool,
                 find_command("absent-tool", path=[folder])]
    try:
        popen_wrapper(["/no/such/program"])
        missing_program = None
    except CommandError as err:
        missing_program = str(err)
    return {
        "management_utils": [
            len(key),
            set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"),
            found, sorted(handle_extensions([".html", "html,js,py, .py", "txt"])),
            normalize_path_patterns(["foo/bar/*", "baz/*", "*.pyc", "a/*/b"]),
            [is_ignored_path(p, ["*.pyc", "build/*", "foo/bar.py"])
             for p in ("x.pyc", "build", "foo/bar.py", "src/main.py")],
            list(popen_wrapper(["python3", "-c", "print('hi')"])),
            missing_program,
        ],
    }


def success_messages():
    from django import forms
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.contrib.messages.views import SuccessMessageMixin
    from django.test import RequestFactory
    from django.views.generic.edit import FormView

    class NameForm(forms.Form):
        name = forms.CharField()

    class NameView(SuccessMessageMixin, FormView):
        form_class = NameForm
        success_url = "/done/"
        success_message = "%(name)s was saved"
        template_name = "unused.html"

    request = RequestFactory().post("/", {"name": "Ada"})
    request._messages = CookieStorage(request)
    response = NameView.as_view()(request)
    return {"success_message_mixin": [
        response.status_code, response["Location"],
        [[m.level, str(m)] for m in get_messages(request)]]}


def run():
    """Return every observation, keyed by what it shows."""
    observed = {}
    for part in (lazy_and_prefix, converters, languages, payloads, mappings,
                 block_tags, signals, broken_links, small_helpers,
                 management_utils, success_messages):
        observed.update(part())
    # TemplateSyntaxError messages may name the template; keep the type only
    # where the message is an engine's own wording.
    last = observed["simple_block_tag_errors"][-1]
    if last and last[0] == TemplateSyntaxError.__name__:
        observed["simple_block_tag_errors"][-1] = [last[0]]
    return observed
