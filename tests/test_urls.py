"""URL routing: path/re_path/include, resolve, reverse, converters, errors."""

import json
import unittest
import uuid

import djscratch
from django.core.exceptions import ImproperlyConfigured
from django.utils.deprecation import RemovedInDjango60Warning
from django.urls import (
    NoReverseMatch,
    Resolver404,
    clear_url_caches,
    get_resolver,
    include,
    path,
    re_path,
    register_converter,
    resolve,
    reverse,
    reverse_lazy,
)
from djscratch import override_settings
from tests import TEST_SETTINGS
from tests.http_helpers import load_expected, make_urlconf

EXPECTED = load_expected()


def view(request, **kwargs):
    return djscratch.HttpResponse("view")


def other_view(request, *args, **kwargs):
    return djscratch.HttpResponse("other")


def build_oracle_urlconf():
    """The same URLconf tests/gen_http_expected.py gave Django."""
    make_urlconf(
        "djs_oracle_blog_urls",
        [
            path("", view, name="index"),
            path("<int:pk>/", view, name="detail"),
            path("<slug:slug>/edit/", view, name="edit"),
        ],
        app_name="blog",
    )
    make_urlconf(
        "djs_oracle_urls",
        [
            path("", view, name="home"),
            path("posts/<int:pk>/", view, name="post"),
            path("files/<path:rest>", view, name="file"),
            path("u/<uuid:id>/", view, name="uuid"),
            path("dup/a/", view, name="dup"),
            path("dup/b/", view, name="dup"),
            path("extra/", view, {"flag": True}, name="extra"),
            re_path(r"^archive/(?P<year>[0-9]{4})/$", view, name="archive"),
            re_path(r"^pos/([0-9]+)/([a-z]+)/$", other_view, name="positional"),
            path("blog/", include("djs_oracle_blog_urls")),
            path("blog2/", include("djs_oracle_blog_urls", namespace="blog2")),
            path("inline/", include(([path("x/<str:s>/", view, name="x")], "inl"))),
            path("plain/", include([path("y/", view, name="y")])),
        ],
    )


build_oracle_urlconf()


@override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_oracle_urls")
class OracleTests(unittest.TestCase):
    """reverse() and resolve() give what Django gives for the same URLconf."""

    def test_reverse_matches_django(self):
        for key, (kind, value) in EXPECTED["reverse"].items():
            name, args, kwargs = key.split("|")
            with self.subTest(key=key):
                args, kwargs = json.loads(args), json.loads(kwargs)
                if kind == "ok":
                    self.assertEqual(reverse(name, args=args, kwargs=kwargs), value)
                else:
                    with self.assertRaises(NoReverseMatch) as ctx:
                        reverse(name, args=args, kwargs=kwargs)
                    self.assertEqual(str(ctx.exception), value)

    def test_resolve_matches_django(self):
        for url, expected in EXPECTED["resolve"].items():
            with self.subTest(url=url):
                if expected[0] == "ok":
                    m = resolve(url)
                    got = {
                        "args": list(m.args),
                        "kwargs": {k: str(v) for k, v in m.kwargs.items()},
                        "url_name": m.url_name,
                        "app_names": m.app_names,
                        "namespaces": m.namespaces,
                        "view_name": m.view_name,
                        "route": m.route,
                        "namespace": m.namespace,
                        "app_name": m.app_name,
                    }
                    self.assertEqual(got, expected[1])
                else:
                    with self.assertRaises(Resolver404) as ctx:
                        resolve(url)
                    info = ctx.exception.args[0]
                    self.assertEqual(info.get("path"), expected[1])
                    tried = info.get("tried")
                    self.assertEqual(
                        len(tried) if tried is not None else None, expected[2]
                    )


@override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_oracle_urls")
class ResolveTests(unittest.TestCase):
    def test_converters_convert(self):
        m = resolve("/posts/42/")
        self.assertEqual(m.kwargs, {"pk": 42})
        self.assertIs(m.func, view)
        func, args, kwargs = m
        self.assertEqual((func, args, kwargs), (view, (), {"pk": 42}))
        m = resolve("/u/12345678-1234-5678-1234-567812345678/")
        self.assertEqual(
            m.kwargs["id"], uuid.UUID("12345678-1234-5678-1234-567812345678")
        )

    def test_resolver_match_fields(self):
        m = resolve("/blog2/5/")
        self.assertEqual(m.view_name, "blog2:detail")
        self.assertEqual(m.captured_kwargs, {"pk": 5})
        self.assertEqual(resolve("/extra/").extra_kwargs, {"flag": True})
        self.assertEqual(resolve("/extra/").kwargs, {"flag": True})
        self.assertIn("ResolverMatch(func=tests.test_urls.view", repr(m))
        self.assertIsNotNone(m.tried)

    def test_resolver404_lists_patterns_tried(self):
        with self.assertRaises(Resolver404) as ctx:
            resolve("/nope/")
        tried = ctx.exception.args[0]["tried"]
        described = [" ".join(str(p.pattern) for p in t) for t in tried]
        self.assertIn("posts/<int:pk>/", described)
        self.assertIn("blog/", described)
        with self.assertRaises(Resolver404) as ctx:
            resolve("/blog/nope/x/")
        described = [
            " ".join(str(p.pattern) for p in t) for t in ctx.exception.args[0]["tried"]
        ]
        self.assertIn("blog/ <int:pk>/", described)
        self.assertIn("blog/ <slug:slug>/edit/", described)

    def test_unknown_positional_regex_groups_become_args(self):
        self.assertEqual(resolve("/pos/1/ab/").args, ("1", "ab"))


@override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_oracle_urls")
class ReverseTests(unittest.TestCase):
    def test_reverse_by_view_function(self):
        self.assertEqual(reverse(other_view, args=[1, "a"]), "/pos/1/a/")

    def test_reverse_lazy(self):
        url = reverse_lazy("post", kwargs={"pk": 3})
        self.assertEqual(str(url), "/posts/3/")
        self.assertEqual(url, "/posts/3/")

    def test_reverse_quotes_and_query(self):
        self.assertEqual(
            reverse("file", args=["a b/\u00e9.txt"]), "/files/a%20b/%C3%A9.txt"
        )
        self.assertEqual(
            reverse("home", query={"q": "a b", "x": [1, 2]}, fragment="top"),
            "/?q=a+b&x=1&x=2#top",
        )

    def test_mixing_args_and_kwargs_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "Don't mix"):
            reverse("post", args=[1], kwargs={"pk": 1})

    def test_current_app_picks_the_instance(self):
        self.assertEqual(reverse("blog:detail", args=[1]), "/blog/1/")
        self.assertEqual(
            reverse("blog:detail", args=[1], current_app="blog2"), "/blog2/1/"
        )

    def test_script_prefix_is_prepended(self):
        djscratch.set_script_prefix("/mount/")
        try:
            self.assertEqual(reverse("post", args=[1]), "/mount/posts/1/")
        finally:
            djscratch.set_script_prefix("/")


class PatternDefinitionTests(unittest.TestCase):
    def test_bad_parameter_names_and_converters(self):
        with self.assertRaisesRegex(
            ImproperlyConfigured, "isn't a valid Python identifier"
        ):
            path("<int:1x>/", view)
        with self.assertRaisesRegex(
            ImproperlyConfigured, "uses invalid converter 'nope'"
        ):
            path("<nope:x>/", view)
        with self.assertRaisesRegex(ImproperlyConfigured, "cannot contain whitespace"):
            path("<int: x>/", view)
        # The route is quoted as repr() shows it (Django's message, from 5.2).
        with self.assertRaises(ImproperlyConfigured) as raised:
            path("a/<str:\ttest>", view)
        self.assertEqual(str(raised.exception), "URL route 'a/<str:\\ttest>' cannot "
                         "contain whitespace in angle brackets <…>.")

    def test_view_must_be_callable(self):
        with self.assertRaisesRegex(
            TypeError, "view must be a callable or a list/tuple"
        ):
            path("x/", "not.callable")
        with self.assertRaisesRegex(TypeError, "kwargs argument must be a dict"):
            path("x/", view, kwargs=[1])

        class SomeView(djscratch.View):
            pass

        # As in Django: an instance is refused; the class itself is callable,
        # so path() takes it and the URL checks report it (urls.E009).
        with self.assertRaisesRegex(TypeError, r"pass SomeView.as_view\(\), not "
                                               r"SomeView\(\)"):
            path("x/", SomeView())
        self.assertIs(path("x/", SomeView).callback, SomeView)

    def test_include_namespace_needs_app_name(self):
        with self.assertRaisesRegex(
            ImproperlyConfigured, "without providing an app_name"
        ):
            include([path("a/", view)], namespace="ns")
        with self.assertRaisesRegex(ImproperlyConfigured, "Passing a 3-tuple"):
            include(([], "a", "b"))

    def test_register_converter(self):
        class FourDigitYear:
            regex = "[0-9]{4}"

            def to_python(self, value):
                return int(value)

            def to_url(self, value):
                return "%04d" % value

        register_converter(FourDigitYear, "yyyy_test")
        # Django 5.2 still overrides, with a deprecation warning (an error in 6.0).
        with self.assertWarnsRegex(RemovedInDjango60Warning,
                                   "'yyyy_test' is already registered"):
            register_converter(FourDigitYear, "yyyy_test")
        make_urlconf("djs_conv_urls", [path("y/<yyyy_test:year>/", view, name="year")])
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_conv_urls"):
            self.assertEqual(resolve("/y/2024/").kwargs, {"year": 2024})
            self.assertEqual(reverse("year", args=[7]), "/y/0007/")
            with self.assertRaises(Resolver404):
                resolve("/y/24/")

    def test_to_python_value_error_means_no_match(self):
        class Even:
            regex = "[0-9]+"

            def to_python(self, value):
                if int(value) % 2:
                    raise ValueError
                return int(value)

            def to_url(self, value):
                if value % 2:
                    raise ValueError
                return str(value)

        register_converter(Even, "even_test")
        make_urlconf("djs_even_urls", [path("e/<even_test:n>/", view, name="even")])
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_even_urls"):
            self.assertEqual(resolve("/e/4/").kwargs, {"n": 4})
            with self.assertRaises(Resolver404):
                resolve("/e/3/")
            self.assertEqual(reverse("even", args=[2]), "/e/2/")
            with self.assertRaises(NoReverseMatch):
                reverse("even", args=[3])


class ResolverCacheTests(unittest.TestCase):
    def test_resolver_is_cached_and_cleared_when_urlconf_changes(self):
        make_urlconf("djs_cache_a", [path("a/", view, name="n")])
        make_urlconf("djs_cache_b", [path("b/", view, name="n")])
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_cache_a"):
            self.assertIs(get_resolver(), get_resolver())
            self.assertEqual(reverse("n"), "/a/")
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_cache_b"):
            self.assertEqual(reverse("n"), "/b/")
        clear_url_caches()

    def test_a_dotted_name_finds_its_resolver_as_other_urlconfs_do(self):
        """get_resolver()'s early answer for a str names the resolver the
        general lookup keeps: for the name, a str subclass equal to it
        (the same key), and not for a module or a list (keyed by id)."""
        import sys

        class Name(str):
            pass

        make_urlconf("djs_cache_c", [path("c/", view, name="n")])
        clear_url_caches()
        first = get_resolver("djs_cache_c")
        self.assertIs(get_resolver("djs_cache_c"), first)
        self.assertIs(get_resolver(Name("djs_cache_c")), first)
        module = sys.modules["djs_cache_c"]
        by_module = get_resolver(module)
        self.assertIsNot(by_module, first)
        self.assertIs(get_resolver(module), by_module)
        patterns = [path("d/", view)]
        self.assertIs(get_resolver(patterns), get_resolver(patterns))
        clear_url_caches()
        self.assertIsNot(get_resolver("djs_cache_c"), first)
        clear_url_caches()

    def test_missing_root_urlconf_is_improperly_configured(self):
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF=None):
            with self.assertRaisesRegex(ImproperlyConfigured, "ROOT_URLCONF"):
                resolve("/")

    def test_urlconf_without_patterns_is_explained(self):
        make_urlconf("djs_no_patterns", None)
        with override_settings(**TEST_SETTINGS, ROOT_URLCONF="djs_no_patterns"):
            with self.assertRaisesRegex(
                ImproperlyConfigured, "does not appear to have any"
            ):
                resolve("/")


@override_settings(**{**TEST_SETTINGS, "STATIC_URL": "static/", "DEBUG": True})
class StaticURLTests(unittest.TestCase):
    def test_static_url_joins_static_url(self):
        self.assertEqual(djscratch.static_url("css/site.css"), "/static/css/site.css")
        self.assertEqual(djscratch.static_url("a b.png"), "/static/a%20b.png")
        with override_settings(STATIC_URL="https://cdn.example.com/s/"):
            self.assertEqual(
                djscratch.static_url("x.js"), "https://cdn.example.com/s/x.js"
            )
        with override_settings(STATIC_URL=None):
            with self.assertRaisesRegex(ImproperlyConfigured, "STATIC_URL"):
                djscratch.static_url("x.js")
        from django.templatetags.static import static

        self.assertIs(static, djscratch.static_url)

    def test_static_urlpatterns_only_in_debug(self):
        from django.conf.urls.static import static

        patterns = static("/media/", document_root="/tmp")
        self.assertEqual(len(patterns), 1)
        self.assertEqual(
            patterns[0].resolve("media/a/b.png").kwargs,
            {"path": "a/b.png", "document_root": "/tmp"},
        )
        with override_settings(DEBUG=False):
            self.assertEqual(static("/media/"), [])
        self.assertEqual(static("https://cdn.example.com/"), [])
        from django.contrib.staticfiles.urls import staticfiles_urlpatterns

        (pattern,) = staticfiles_urlpatterns()
        self.assertEqual(
            pattern.resolve("static/css/x.css").kwargs, {"path": "css/x.css"}
        )
        with self.assertRaisesRegex(ImproperlyConfigured, "Empty static prefix"):
            static("")


if __name__ == "__main__":
    unittest.main()


class PlainPatternTests(unittest.TestCase):
    """Routes and regexes without parameters or special characters are
    matched and reversed without compiling a pattern: the same answers as
    the patterns give, on many routes and paths."""

    PIECES = ["", "/", "a", "blog/", ".", "json", "x.y", "+", "*", "?", "(", "[",
              "$", "^", "\\", "%", "-", "_", "\u00e9", " ", "{1}", "|"]

    def routes(self, seed):
        import random

        rng = random.Random(seed)
        return ["".join(rng.choice(self.PIECES) for _ in range(rng.randint(0, 4)))
                for _ in range(400)]

    def test_a_route_without_parameters_is_its_own_text(self):
        import re

        for route in self.routes(3):
            for endpoint in (True, False):
                pattern = djscratch.RoutePattern(route, is_endpoint=endpoint)
                self.assertEqual(pattern.converters, {})
                regex = re.compile(pattern._regex_source)
                self.assertTrue(regex.match(route))
                for url_path in (route, route + "x", "x" + route, route[:-1]):
                    expected = regex.match(url_path)
                    got = pattern.match(url_path)
                    self.assertEqual(got is None, expected is None, (route, url_path))
                    if got is not None:
                        self.assertEqual(got, (url_path[expected.end():], (), {}))
                self.assertEqual(pattern._reverse_parts(),
                                 [(route.replace("%", "%%"), [])])

    def test_a_plain_prefix_regex_matches_as_its_regex(self):
        import re
        import sys

        resolvers = sys.modules[djscratch.RegexPattern.__module__]
        plain = 0
        for text in self.routes(5):
            regex = "^" + text
            if "[" in text:  # ("[[" warns of a nested set: not this test's)
                continue
            try:
                compiled = re.compile(regex)
            except re.error:
                continue
            pattern = resolvers.RegexPattern(regex)
            plain += pattern._plain_prefix() is not None
            for url_path in (text, text + "x/", "x" + text, "", "/"):
                m = compiled.search(url_path)
                expected = None if m is None else (
                    url_path[m.end():], () if m.groupdict() else m.groups(), {})
                self.assertEqual(pattern.match(url_path), expected, (regex, url_path))
        self.assertGreater(plain, 50)

    def test_a_plain_reverse_candidate_is_checked_as_by_its_pattern(self):
        import re
        import sys

        resolvers = sys.modules[djscratch.RegexPattern.__module__]
        for route in self.routes(9):
            for prefix in ("/", "/app/", "/a+b/"):
                pattern = re.escape(route) + r"\Z"
                url = resolvers._reverse_candidate(
                    route.replace("%", "%%"), [], prefix, pattern, {}, {}, (), {})
                self.assertEqual(url, prefix + route)
                self.assertTrue(re.search("^%s%s" % (re.escape(prefix), pattern), url))
