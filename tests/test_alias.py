"""The django.* alias: Django's import paths resolve to djscratch."""

import os
import subprocess
import sys
import unittest

import djscratch

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class AliasTests(unittest.TestCase):
    def test_django_names_are_djscratch_objects(self):
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured, ValidationError

        self.assertIs(settings, djscratch.settings)
        self.assertIs(ValidationError, djscratch.ValidationError)
        self.assertIs(ImproperlyConfigured, djscratch.ImproperlyConfigured)

    def test_version_and_get_version(self):
        import django

        self.assertEqual(django.VERSION[:2], (5, 2))
        self.assertEqual(django.get_version(), "5.2")
        self.assertEqual(djscratch.__version__, djscratch.__version__.strip())

    def test_unimplemented_module_names_itself(self):
        with self.assertRaises(ModuleNotFoundError) as ctx:
            import django.contrib.gis  # noqa: F401
        self.assertIn("'django.contrib.gis'", str(ctx.exception))
        self.assertIn("djscratch does not implement", str(ctx.exception))

    def test_unimplemented_name_is_import_error_naming_it(self):
        with self.assertRaises(ImportError) as ctx:
            from django.core.exceptions import NoSuchThing  # noqa: F401
        self.assertIn("NoSuchThing", str(ctx.exception))
        self.assertIn("django.core.exceptions", str(ctx.exception))

    def test_attribute_access_to_unimplemented_name_says_so(self):
        import django.utils.text as text

        with self.assertRaisesRegex(
                AttributeError, "djscratch does not implement "
                "django.utils.text.camel_case_to_spaces"):
            text.camel_case_to_spaces

    def test_patching_a_django_path_reaches_the_code_djscratch_runs(self):
        """In the package too, where the module that defines the name and
        those that import it each hold it in their own globals."""
        from unittest import mock

        from django.contrib.auth import hashers

        original = djscratch.get_random_string
        with mock.patch("django.contrib.auth.hashers.get_random_string",
                        return_value="fixedsalt"):
            self.assertEqual(hashers.PBKDF2PasswordHasher().salt(), "fixedsalt")
            self.assertIsNot(djscratch.get_random_string, original)
        self.assertIs(djscratch.get_random_string, original)
        self.assertIs(hashers.get_random_string, original)
        self.assertNotEqual(hashers.PBKDF2PasswordHasher().salt(), "fixedsalt")

    def test_nested_patches_of_one_name_through_two_modules_unwind(self):
        """django.utils.crypto and django.contrib.auth.hashers both serve
        get_random_string: the inner patch wins while it lasts, and each
        exit gives back what was there before it."""
        from unittest import mock

        from django.contrib.auth import hashers
        from django.core.management.utils import get_random_secret_key

        original = djscratch.get_random_string
        with mock.patch("django.utils.crypto.get_random_string",
                        return_value="outer"):
            with mock.patch("django.contrib.auth.hashers.get_random_string",
                            return_value="inner"):
                self.assertEqual(hashers.PBKDF2PasswordHasher().salt(), "inner")
                self.assertEqual(get_random_secret_key(), "inner")
            self.assertEqual(hashers.PBKDF2PasswordHasher().salt(), "outer")
            self.assertEqual(get_random_secret_key(), "outer")
        self.assertIs(djscratch.get_random_string, original)
        self.assertIs(hashers.get_random_string, original)  # what it keeps too
        self.assertEqual(len(get_random_secret_key()), 50)
        self.assertNotIn(hashers.PBKDF2PasswordHasher().salt(), ("inner", "outer"))

    def test_patching_a_renamed_name_and_restoring_by_assignment(self):
        from unittest import mock

        import django.contrib.messages as messages

        original = djscratch._msg_info
        with mock.patch.object(messages, "info") as patched:
            self.assertIs(djscratch._msg_info, patched)
        self.assertIs(djscratch._msg_info, original)
        messages.info = "x"
        self.assertEqual(djscratch._msg_info, "x")
        messages.info = original
        self.assertIs(djscratch._msg_info, original)

    def test_patching_a_stdlib_module_through_a_django_module(self):
        """mock.patch("django.utils.text.secrets.randbelow"), as Django's
        GZip tests do, reaches the random file name of compress_string()."""
        import gzip
        from unittest import mock

        import django.utils.text

        self.assertIs(django.utils.text.secrets, __import__("secrets"))
        with mock.patch("django.utils.text.secrets.randbelow", autospec=True,
                        return_value=3):
            data = djscratch.compress_string(b"x" * 100, max_random_bytes=100)
        self.assertEqual(data[3], gzip.FNAME)
        self.assertEqual(data[10:14], b"aaa\x00")
        self.assertEqual(gzip.decompress(data), b"x" * 100)

    def test_model_base_module_serves_the_metaclass(self):
        """class Base(models.base.ModelBase), as Django's model_regress does."""
        from django.db import models
        from django.db.models.base import Model, ModelBase, ModelState

        self.assertIs(models.base.ModelBase, djscratch.ModelBase)
        self.assertIs(ModelBase, type(Model))
        self.assertIs(ModelState, djscratch.ModelState)

    def test_submodule_is_attribute_of_parent(self):
        import django.utils.safestring
        import django

        self.assertIs(django.utils.safestring.mark_safe, djscratch.mark_safe)

    def test_alias_works_without_real_django_installed(self):
        # A subprocess with an empty site-packages view: only djscratch on the path.
        code = ("import sys; sys.path = [p for p in sys.path if 'site-packages' "
                "not in p]; import djscratch; from django.utils.html import escape; "
                "print(escape('<a>'))")
        out = subprocess.run([sys.executable, "-S", "-c", code], cwd=HERE,
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.stdout.strip(), "&lt;a&gt;")

    def test_python_m_django_runs_the_command_line(self):
        # `python -m django test --settings=...` is how django-widget-tweaks and
        # django-taggit run their tests; djscratch answers through runpy.
        # runpy._run_module_as_main is what `-m` calls (after djscratch's import,
        # which a pip install does through its .pth fallback).
        code = ("import sys, runpy, djscratch; sys.argv[1:] = ['help']; "
                "runpy._run_module_as_main('django')")
        out = subprocess.run([sys.executable, "-c", code], cwd=HERE,
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("migrate", out.stdout)

    def test_a_value_without_its_module_is_what_the_module_gives(self):
        # import_string() of a django.* module not yet imported answers from
        # the alias table (_value_without_module()) without making the
        # module: in a fresh process, each answer is what importing the
        # module and reading the name gives (the same object).
        code = """if True:
            import importlib, json, random, sys
            import djscratch
            alias = sys.modules[djscratch._value_without_module.__module__]
            skipped = ("django.contrib.admin", "django.test",
                       "django.core.management")
            modules = sorted(m for m in alias.DJANGO_MODULES
                             if not m.startswith(skipped))
            pairs = [(m, n) for m in modules for n in alias.DJANGO_MODULES[m][:3]]
            pairs = random.Random(5).sample(pairs, 250) + [
                ("django.middleware.csrf", "CsrfViewMiddleware"),
                ("django.middleware.csrf", "get_token"),
                ("django.utils.text", "secrets"), ("django.http", "NoSuchName"),
                ("django.conf.global_settings", "DEBUG")]
            answered, differ = 0, []
            for module, name in pairs:
                if module in sys.modules:
                    continue
                fast = alias._value_without_module(module, name)
                try:
                    real = getattr(importlib.import_module(module), name)
                except (ImportError, AttributeError):
                    real = None
                if fast is not None:
                    answered += 1
                    if fast is not real:
                        differ.append([module, name])
            print(json.dumps([answered, differ]))
        """
        out = subprocess.run([sys.executable, "-c", code], cwd=HERE,
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        import json

        answered, differ = json.loads(out.stdout)
        self.assertEqual(differ, [])
        self.assertGreater(answered, 40)

    def test_import_string_of_a_module_asked_twice_makes_it(self):
        code = ("import sys, djscratch; path = 'django.middleware.clickjacking'; "
                "f = djscratch.import_string(path + '.XFrameOptionsMiddleware'); "
                "a = path in sys.modules; "
                "g = djscratch.import_string(path + '.XFrameOptionsMiddleware'); "
                "print(a, path in sys.modules, f is g is "
                "djscratch.XFrameOptionsMiddleware)")
        out = subprocess.run([sys.executable, "-c", code], cwd=HERE,
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.stdout.split(), ["False", "True", "True"], out.stderr)

    def test_importing_django_main_runs_nothing(self):
        import django.__main__ as main

        self.assertTrue(callable(main.management.execute_from_command_line))


class TextUtilityTests(unittest.TestCase):
    def test_escape_encodes_the_five_characters(self):
        self.assertEqual(djscratch.escape("<a href=\"x\">'&'</a>"),
                         "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;")

    def test_conditional_escape_leaves_safe_strings(self):
        safe = djscratch.mark_safe("<b>")
        self.assertEqual(djscratch.conditional_escape(safe), "<b>")
        self.assertEqual(djscratch.conditional_escape("<b>"), "&lt;b&gt;")

    def test_safe_plus_unsafe_is_unsafe(self):
        result = djscratch.mark_safe("<b>") + "<i>"
        self.assertNotIsInstance(result, djscratch.SafeData)
        both = djscratch.mark_safe("<b>") + djscratch.mark_safe("<i>")
        self.assertIsInstance(both, djscratch.SafeString)

    def test_format_html_escapes_arguments(self):
        html = djscratch.format_html("<a href='{}'>{}</a>", "/?a=1&b=2", "<x>")
        self.assertEqual(html, "<a href='/?a=1&amp;b=2'>&lt;x&gt;</a>")
        # Django 5.2 warns (RemovedInDjango60Warning) and formats; 6.0 raises.
        with self.assertWarnsRegex(djscratch.RemovedInDjango60Warning,
                                   "without passing args or kwargs is deprecated"):
            self.assertEqual(djscratch.format_html("<br>"), "<br>")

    def test_multivaluedict_keeps_every_value(self):
        d = djscratch.MultiValueDict({"a": ["1", "2"], "b": []})
        self.assertEqual(d["a"], "2")
        self.assertEqual(d.getlist("a"), ["1", "2"])
        self.assertEqual(d["b"], [])
        self.assertIsNone(d.get("b"))
        d.appendlist("a", "3")
        self.assertEqual(d.getlist("a"), ["1", "2", "3"])
        with self.assertRaises(djscratch.MultiValueDictKeyError):
            d["missing"]
        self.assertEqual(d.dict(), {"a": "3", "b": []})

    def test_validation_error_shapes(self):
        VE = djscratch.ValidationError
        e = VE({"name": ["Too long.", VE("Bad %(x)s.", params={"x": "y"})]})
        self.assertEqual(e.message_dict, {"name": ["Too long.", "Bad y."]})
        self.assertEqual(VE(["a", "b"]).messages, ["a", "b"])
        self.assertEqual(VE("one", code="c").code, "c")

    def test_lazy_value_evaluates_when_used(self):
        calls = []
        lazy_upper = djscratch.lazy(lambda s: calls.append(s) or s.upper(), str)
        value = lazy_upper("abc")
        self.assertEqual(calls, [])
        self.assertEqual(str(value), "ABC")
        self.assertEqual(value, "ABC")


class SmallDjangoNamesTests(unittest.TestCase):
    """The names whose absence stops whole Django test modules at import."""

    def test_utils_version_as_django_computes_it(self):
        from django.utils.version import (
            PY310, get_complete_version, get_docs_version, get_main_version,
            get_version, get_version_tuple,
        )

        self.assertTrue(PY310)
        self.assertEqual(get_version((5, 2, 1, "rc", 2)), "5.2.1rc2")
        self.assertEqual(get_version((6, 0, 0, "alpha", 1)), "6.0a1")
        self.assertEqual(get_version((5, 2, 0, "beta", 3)), "5.2b3")
        self.assertEqual(get_main_version((5, 2, 3, "final", 0)), "5.2.3")
        self.assertEqual(get_complete_version(), djscratch.VERSION)
        self.assertEqual(get_docs_version((6, 0, 0, "alpha", 0)), "dev")
        self.assertEqual(get_docs_version(), "5.2")
        self.assertEqual(get_version_tuple("5.2.1b1"), (5, 2, 1))

    def test_deprecation_warning_family(self):
        from django.utils.deprecation import (
            RemovedAfterNextVersionWarning, RemovedInDjango60Warning,
            RemovedInDjango61Warning, RemovedInNextVersionWarning,
        )

        self.assertTrue(issubclass(RemovedInDjango60Warning, DeprecationWarning))
        self.assertTrue(issubclass(RemovedInDjango61Warning,
                                   PendingDeprecationWarning))
        self.assertIs(RemovedInNextVersionWarning, RemovedInDjango60Warning)
        self.assertIs(RemovedAfterNextVersionWarning, RemovedInDjango61Warning)

    def test_simple_lazy_object_builds_once_on_first_use(self):
        import copy
        import pickle

        from django.utils.functional import SimpleLazyObject

        calls = []
        lazy = SimpleLazyObject(lambda: calls.append(1) or [3, 1, 2])
        self.assertTrue(repr(lazy).startswith("<SimpleLazyObject: <function"))
        self.assertEqual(calls, [])
        self.assertEqual(len(lazy), 3)
        self.assertEqual(lazy, [3, 1, 2])
        self.assertIsInstance(lazy, list)
        self.assertEqual((lazy[0], 2 in lazy, sorted(lazy)), (3, True, [1, 2, 3]))
        self.assertEqual(calls, [1])
        self.assertEqual(copy.deepcopy(lazy), [3, 1, 2])
        self.assertEqual(pickle.loads(pickle.dumps(lazy)), [3, 1, 2])
        self.assertEqual(repr(lazy), "<SimpleLazyObject: [3, 1, 2]>")
        user = SimpleLazyObject(lambda: type("User", (), {"name": "ann"})())
        user.name = "bob"
        self.assertEqual(user.name, "bob")

    def test_settings_names_and_fixed_timezone_and_simple_cookie(self):
        import datetime
        import http.cookies

        from django.conf import (
            DEFAULT_STORAGE_ALIAS, STATICFILES_STORAGE_ALIAS, LazySettings, settings,
        )
        from django.http import SimpleCookie
        from django.utils.timezone import get_fixed_timezone

        self.assertIsInstance(settings, LazySettings)
        self.assertEqual((DEFAULT_STORAGE_ALIAS, STATICFILES_STORAGE_ALIAS),
                         ("default", "staticfiles"))
        self.assertEqual(str(get_fixed_timezone(90)), "+0130")
        self.assertEqual(get_fixed_timezone(-300).utcoffset(None),
                         datetime.timedelta(hours=-5))
        self.assertEqual(get_fixed_timezone(datetime.timedelta(hours=1)).tzname(None),
                         "+0100")
        self.assertIs(SimpleCookie, http.cookies.SimpleCookie)

    def test_test_utils_helpers(self):
        import sys
        import warnings

        from django.test.utils import (
            captured_stderr, captured_stdin, captured_stdout, extend_sys_path,
            ignore_warnings, requires_tz_support,
        )

        with captured_stdout() as out, captured_stderr() as err:
            print("out")
            print("err", file=sys.stderr)
        self.assertEqual((out.getvalue(), err.getvalue()), ("out\n", "err\n"))
        with captured_stdin() as stdin:
            stdin.write("typed\n")
            stdin.seek(0)
            self.assertEqual(input(), "typed")
        with extend_sys_path("/no/such/dir"):
            self.assertEqual(sys.path[-1], "/no/such/dir")
        self.assertNotIn("/no/such/dir", sys.path)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")

            @ignore_warnings(category=UserWarning)
            def noisy():
                warnings.warn("hidden", UserWarning)
                warnings.warn("shown", DeprecationWarning)

            noisy()
        self.assertEqual([str(w.message) for w in caught], ["shown"])
        self.assertTrue(callable(requires_tz_support(lambda: None)))


class AliasSubmoduleTests(unittest.TestCase):
    def test_importing_a_submodule_named_like_a_stdlib_module_shadows_nothing(self):
        # django.core.serializers.json is set on its package by the import
        # system; djscratch's own `json` (the standard module) stays as it is.
        import json

        import django.core.serializers.json  # noqa: F401

        self.assertIs(getattr(djscratch, "json", json), json)
