"""Settings: lazy configuration, Django's defaults and error messages."""

import os
import sys
import unittest

import djscratch
from djscratch import ImproperlyConfigured, LazySettings, override_settings, settings

from tests import forked

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_python(code, **env):
    return forked.run(
        [sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": HERE, **env}, timeout=60)


class LazySettingsTests(unittest.TestCase):
    def test_unconfigured_setting_raises_improperly_configured_with_hint(self):
        lazy = LazySettings()
        env_backup = os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        try:
            with self.assertRaises(ImproperlyConfigured) as ctx:
                lazy.DEBUG
        finally:
            if env_backup is not None:
                os.environ["DJANGO_SETTINGS_MODULE"] = env_backup
        self.assertEqual(
            str(ctx.exception),
            "Requested setting DEBUG, but settings are not configured. You must "
            "either define the environment variable DJANGO_SETTINGS_MODULE or call "
            "settings.configure() before accessing settings.")

    def test_configure_overlays_django_defaults(self):
        lazy = LazySettings()
        lazy.configure(DEBUG=True)
        self.assertIs(lazy.DEBUG, True)
        self.assertEqual(lazy.DATA_UPLOAD_MAX_NUMBER_FIELDS, 1000)
        self.assertEqual(lazy.CSRF_COOKIE_NAME, "csrftoken")
        self.assertEqual(lazy.SESSION_COOKIE_SAMESITE, "Lax")
        self.assertEqual(lazy.DEFAULT_AUTO_FIELD, "django.db.models.AutoField")
        self.assertIs(lazy.APPEND_SLASH, True)

    def test_configure_twice_is_refused(self):
        lazy = LazySettings()
        lazy.configure()
        with self.assertRaisesRegex(RuntimeError, "Settings already configured."):
            lazy.configure()

    def test_lowercase_setting_is_refused(self):
        with self.assertRaisesRegex(TypeError, "must be uppercase"):
            LazySettings().configure(debug=True)

    def test_string_allowed_hosts_is_improperly_configured(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "ALLOWED_HOSTS"):
            LazySettings().configure(ALLOWED_HOSTS="example.com")

    def test_configured_property(self):
        lazy = LazySettings()
        self.assertFalse(lazy.configured)
        lazy.configure()
        self.assertTrue(lazy.configured)

    def test_unknown_setting_is_attribute_error(self):
        lazy = LazySettings()
        lazy.configure()
        with self.assertRaises(AttributeError):
            lazy.NOT_A_SETTING

    def test_settings_module_from_environment(self):
        result = run_python(
            "import djscratch; from django.conf import settings; "
            "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.SETTINGS_MODULE)",
            DJANGO_SETTINGS_MODULE="tests.settings_example")
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout.strip(),
                         "True ['example.com'] tests.settings_example")

    def test_assignment_clears_the_cached_value(self):
        lazy = LazySettings()
        lazy.configure(DEBUG=False)
        self.assertFalse(lazy.DEBUG)
        lazy.DEBUG = True
        self.assertTrue(lazy.DEBUG)


class OverrideSettingsTests(unittest.TestCase):
    def test_context_manager_restores_previous_value(self):
        with override_settings(APPEND_SLASH=False, SECRET_KEY="x" * 50):
            self.assertFalse(settings.APPEND_SLASH)
            with override_settings(APPEND_SLASH=True):
                self.assertTrue(settings.APPEND_SLASH)
            self.assertFalse(settings.APPEND_SLASH)

    def test_setting_changed_signal_is_sent(self):
        seen = []

        def listener(sender, setting, value, enter, **kwargs):
            seen.append((setting, value, enter))

        djscratch.setting_changed.connect(listener)
        try:
            with override_settings(MEDIA_URL="/m/"):
                pass
        finally:
            djscratch.setting_changed.disconnect(listener)
        self.assertEqual(seen[0], ("MEDIA_URL", "/m/", True))
        self.assertEqual(seen[1][0], "MEDIA_URL")
        self.assertFalse(seen[1][2])

    @override_settings(USE_THOUSAND_SEPARATOR=True)
    def test_method_decorator(self):
        self.assertTrue(settings.USE_THOUSAND_SEPARATOR)


@override_settings(TIME_FORMAT="H:i")
class OverrideOnClassTests(unittest.TestCase):
    def test_class_decorator_applies_to_every_test(self):
        self.assertEqual(settings.TIME_FORMAT, "H:i")


class OverrideOnClassWithCleanupsTests(unittest.TestCase):
    @override_settings(TIME_FORMAT="G", SHORT_DATE_FORMAT="m")
    def test_class_override_outlasts_the_class_cleanups(self):
        # LiveServerTestCase's setUpClass enables a modify_settings() undone by a
        # class cleanup; the class's own override must be undone after it, or
        # the override's settings stay in force for every later test.
        @override_settings(TIME_FORMAT="H:i")
        class Inner(unittest.TestCase):
            @classmethod
            def setUpClass(cls):
                super().setUpClass()
                inner = override_settings(SHORT_DATE_FORMAT="Y")
                inner.enable()
                cls.addClassCleanup(inner.disable)

            def test_both(self):
                self.assertEqual(settings.TIME_FORMAT, "H:i")
                self.assertEqual(settings.SHORT_DATE_FORMAT, "Y")

        result = unittest.TestResult()
        unittest.TestSuite([Inner("test_both")]).run(result)
        self.assertTrue(result.wasSuccessful(), result.failures + result.errors)
        self.assertEqual((settings.TIME_FORMAT, settings.SHORT_DATE_FORMAT), ("G", "m"))


class SingleFileAppTests(unittest.TestCase):
    def test_app_configures_defaults_for_a_script(self):
        script = (
            "import os, sys, djscratch\n"
            "app = djscratch.App(__name__)\n"
            "from django.conf import settings\n"
            "print(settings.ROOT_URLCONF, settings.DEBUG)\n"
            "print(settings.DATABASES['default']['NAME'])\n"
            "print(len(settings.SECRET_KEY) >= 50)\n"
            "print(settings.MIDDLEWARE[3])\n"
            "print(oct(os.stat(os.path.join(os.path.dirname(__file__),"
            " '.hello.secret_key')).st_mode & 0o777))\n"
            "import hello; print(hello is sys.modules['__main__'])\n"
        )
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "hello.py")
            with open(path, "w") as f:
                f.write(script)
            env = {**os.environ, "PYTHONPATH": HERE}
            env.pop("SECRET_KEY", None)
            env.pop("DEBUG", None)
            out = forked.run([sys.executable, path], capture_output=True,
                             text=True, env=env, timeout=60)
            self.assertEqual(out.stderr, "")
            lines = out.stdout.splitlines()
            self.assertEqual(lines[0], "hello False")
            self.assertEqual(lines[1], os.path.join(tmp, "hello.sqlite3"))
            self.assertEqual(lines[2], "True")
            self.assertEqual(lines[3], "django.middleware.csrf.CsrfViewMiddleware")
            self.assertEqual(lines[4], "0o600")
            self.assertEqual(lines[5], "True")
            # The key is kept: a second start reads the same one.
            with open(os.path.join(tmp, ".hello.secret_key")) as f:
                first = f.read()
            forked.run([sys.executable, path], capture_output=True, env=env,
                       timeout=60)
            with open(os.path.join(tmp, ".hello.secret_key")) as f:
                self.assertEqual(f.read(), first)

    def test_secret_key_from_environment_wins(self):
        result = run_python(
            "import djscratch; app = djscratch.App('djscratch'); "
            "from django.conf import settings; print(settings.SECRET_KEY)",
            SECRET_KEY="from-the-environment")
        self.assertEqual(result.stdout.strip(), "from-the-environment")


class SetupTests(unittest.TestCase):
    def test_setup_imports_installed_apps_models(self):
        result = run_python(
            "import djscratch, django; from django.conf import settings\n"
            "settings.configure(INSTALLED_APPS=['tests.sample_app'])\n"
            "django.setup()\n"
            "import sys; print('tests.sample_app.models' in sys.modules)\n"
            "from django.apps import apps; print(apps.get_app_config('sample_app'))")
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout.split(),
                         ["True", "<AppConfig:", "sample_app>"])

    def test_unimplemented_contrib_app_is_refused_by_name(self):
        result = run_python(
            "import djscratch, django; from django.conf import settings\n"
            "settings.configure(INSTALLED_APPS=['django.contrib.flatpages'])\n"
            "django.setup()")
        self.assertIn("ImproperlyConfigured", result.stderr)
        self.assertIn("'django.contrib.flatpages'", result.stderr)


class SettingsFromAModuleTests(unittest.TestCase):
    """django.conf.Settings("module"): Django's way of reading a settings
    module, with its checks, repr and the FORMS_URLFIELD_ASSUME_HTTPS warning."""

    def module(self, **names):
        import types

        module = types.ModuleType("djs_fake_settings")
        for name, value in names.items():
            setattr(module, name, value)
        sys.modules["djs_fake_settings"] = module
        self.addCleanup(sys.modules.pop, "djs_fake_settings", None)
        return "djs_fake_settings"

    def test_a_module_is_read_and_its_names_are_explicit(self):
        concrete = djscratch.Settings(self.module(SECRET_KEY="x", USE_TZ=False,
                                                  TIME_ZONE="UTC"))
        self.assertEqual((concrete.SECRET_KEY, concrete.USE_TZ), ("x", False))
        self.assertTrue(concrete.is_overridden("SECRET_KEY"))
        self.assertFalse(concrete.is_overridden("ALLOWED_HOSTS"))
        self.assertEqual(repr(concrete), '<Settings "djs_fake_settings">')

    def test_configured_settings_are_a_user_settings_holder(self):
        lazy = LazySettings()
        lazy.configure(APPEND_SLASH=False)
        self.assertEqual(repr(lazy._wrapped), "<UserSettingsHolder>")

    def test_list_settings_must_be_lists(self):
        with self.assertRaisesRegex(ImproperlyConfigured,
                                    "^The LOCALE_PATHS setting must be a list or a "
                                    "tuple.$"):
            djscratch.Settings(self.module(LOCALE_PATHS="locale"))

    def test_the_transitional_urlfield_setting_warns_as_django(self):
        import warnings

        from django.utils.deprecation import RemovedInDjango60Warning

        message = "The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is deprecated."
        for make in (
                lambda: djscratch.Settings(self.module(FORMS_URLFIELD_ASSUME_HTTPS=True,
                                                       TIME_ZONE="UTC")),
                lambda: LazySettings().configure(FORMS_URLFIELD_ASSUME_HTTPS=True),
                lambda: override_settings(FORMS_URLFIELD_ASSUME_HTTPS=True).enable()):
            with warnings.catch_warnings(), self.subTest(make=make):
                warnings.simplefilter("error", RemovedInDjango60Warning)
                with self.assertRaisesRegex(RemovedInDjango60Warning, message):
                    make()


class SettingsGuardTests(unittest.TestCase):
    def test_the_wrapped_settings_cannot_be_deleted(self):
        with self.assertRaisesRegex(TypeError, r"^can't delete _wrapped\.$"):
            delattr(settings, "_wrapped")

    def test_overriding_a_complex_setting_warns_at_the_callers_line(self):
        from django.test import signals

        signals.COMPLEX_OVERRIDE_SETTINGS.add("DJS_TEST_WARN")
        self.addCleanup(signals.COMPLEX_OVERRIDE_SETTINGS.discard, "DJS_TEST_WARN")
        message = "Overriding setting DJS_TEST_WARN can lead to unexpected behavior."
        with self.assertWarnsRegex(UserWarning, message) as caught:
            with override_settings(DJS_TEST_WARN=1):
                pass
        self.assertEqual(caught.filename, __file__)

    def test_the_warning_names_the_callers_line_once_the_sender_is_generated(self):
        # setting_changed sends through a generated function once its
        # receivers are remembered (_remembered_sender()): that frame is
        # djscratch's own too, and the warning still skips it.
        from django.test import signals

        signals.COMPLEX_OVERRIDE_SETTINGS.add("DJS_TEST_WARN")
        self.addCleanup(signals.COMPLEX_OVERRIDE_SETTINGS.discard, "DJS_TEST_WARN")
        for _ in range(3):
            with override_settings(DJS_TEST_OTHER=1):
                pass
        with self.assertWarns(UserWarning) as caught:
            with override_settings(DJS_TEST_WARN=1):
                pass
        self.assertEqual(caught.filename, __file__)
