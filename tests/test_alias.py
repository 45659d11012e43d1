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
            import django.contrib.admin  # noqa: F401
        self.assertIn("'django.contrib.admin'", str(ctx.exception))
        self.assertIn("djscratch does not implement", str(ctx.exception))

    def test_unimplemented_name_is_import_error_naming_it(self):
        with self.assertRaises(ImportError) as ctx:
            from django.core.exceptions import NoSuchThing  # noqa: F401
        self.assertIn("NoSuchThing", str(ctx.exception))
        self.assertIn("django.core.exceptions", str(ctx.exception))

    def test_attribute_access_to_unimplemented_name_says_so(self):
        import django.utils.datastructures as ds

        with self.assertRaisesRegex(
                AttributeError, "djscratch does not implement "
                "django.utils.datastructures.OrderedSet"):
            ds.OrderedSet

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
        with self.assertRaises(TypeError):
            djscratch.format_html("<br>")

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
