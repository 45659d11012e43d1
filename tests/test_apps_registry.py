"""The app registry as Django's: AppConfig.create() reads INSTALLED_APPS
entries (modules, apps.py defaults, AppConfig paths) with Django's errors,
override_settings(INSTALLED_APPS=...) installs another set of apps and puts
the old one back, and lazy_model_operation() waits for models."""

import os
import sys
import tempfile
import textwrap

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import SimpleTestCase
from django.apps import AppConfig, apps
from django.apps.registry import Apps
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

APPS_PY = '''
from django.apps import AppConfig


class PlainConfig(AppConfig):
    name = "regapp"


class RelabeledConfig(AppConfig):
    name = "regapp"
    label = "relabeled"
    default = False
'''


class _AppPackages:
    """Writes small app packages to a folder on sys.path for one class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._folder = tempfile.TemporaryDirectory()
        root = cls._folder.name
        for package, files in {
                "regapp": {"apps.py": APPS_PY},
                "twoapps": {"apps.py": APPS_PY.replace("default = False",
                                                       "default = True").replace(
                    "class PlainConfig(AppConfig):",
                    "class PlainConfig(AppConfig):\n    default = True")},
                "emptyapp": {}}.items():
            os.makedirs(os.path.join(root, package))
            for name, source in {"__init__.py": "", **files}.items():
                with open(os.path.join(root, package, name), "w") as fp:
                    fp.write(textwrap.dedent(source))
        sys.path.insert(0, root)

    @classmethod
    def tearDownClass(cls):
        sys.path.remove(cls._folder.name)
        for name in [n for n in sys.modules if n.split(".")[0] in (
                "regapp", "twoapps", "emptyapp")]:
            del sys.modules[name]
        cls._folder.cleanup()
        super().tearDownClass()


class AppConfigCreateTests(_AppPackages, SimpleTestCase):
    def test_the_only_default_config_of_apps_py_is_used(self):
        config = AppConfig.create("regapp")
        self.assertEqual((type(config).__name__, config.label),
                         ("PlainConfig", "regapp"))

    def test_an_app_without_apps_py_gets_a_plain_config_with_its_path(self):
        config = AppConfig.create("emptyapp")
        self.assertIs(type(config), AppConfig)
        self.assertEqual(config.path, os.path.join(self._folder.name, "emptyapp"))

    def test_a_config_path_names_the_class(self):
        config = AppConfig.create("regapp.apps.RelabeledConfig")
        self.assertEqual(config.label, "relabeled")

    def test_two_default_configs_are_refused(self):
        with self.assertRaisesMessage(
                RuntimeError, "'twoapps.apps' declares more than one default "
                              "AppConfig: 'PlainConfig', 'RelabeledConfig'."):
            AppConfig.create("twoapps")

    def test_a_missing_config_class_lists_the_choices(self):
        with self.assertRaisesMessage(
                ImportError, "Module 'regapp.apps' does not contain a 'NoConfig' "
                             "class. Choices are: 'PlainConfig', 'RelabeledConfig'."):
            AppConfig.create("regapp.apps.NoConfig")

    def test_a_class_that_is_not_an_app_config_is_refused(self):
        with self.assertRaisesMessage(
                ImproperlyConfigured,
                "'django.apps.registry.Apps' isn't a subclass of AppConfig."):
            AppConfig.create("django.apps.registry.Apps")

    def test_a_module_without_a_location_must_set_path(self):
        class Module:
            def __repr__(self):
                return "<module 'nowhere'>"

        with self.assertRaisesMessage(
                ImproperlyConfigured, "The app module <module 'nowhere'> has no "
                                      "filesystem location"):
            AppConfig("nowhere", Module())


class RegistryTests(_AppPackages, SimpleTestCase):
    def test_duplicate_labels_and_names_are_refused(self):
        with self.assertRaisesMessage(
                ImproperlyConfigured, "Application labels aren't unique, "
                                      "duplicates: regapp"):
            Apps(["regapp", "regapp.apps.PlainConfig"])
        with self.assertRaisesMessage(
                ImproperlyConfigured, "Application names aren't unique, "
                                      "duplicates: regapp"):
            Apps(["regapp", "regapp.apps.RelabeledConfig"])

    def test_set_installed_apps_installs_others_until_unset(self):
        registry = Apps(["emptyapp"])
        registry.set_installed_apps(["regapp.apps.RelabeledConfig"])
        self.assertEqual([c.label for c in registry.get_app_configs()],
                         ["relabeled"])
        self.assertTrue(registry.is_installed("regapp"))
        registry.unset_installed_apps()
        self.assertEqual([c.label for c in registry.get_app_configs()],
                         ["emptyapp"])
        self.assertFalse(registry.is_installed("regapp"))

    def test_override_settings_of_installed_apps_swaps_the_ready_registry(self):
        from unittest import mock

        calls = []
        with mock.patch.object(apps, "ready", True), \
                mock.patch.object(apps, "set_installed_apps",
                                  lambda installed: calls.append(installed)), \
                mock.patch.object(apps, "unset_installed_apps",
                                  lambda: calls.append("unset")):
            with override_settings(INSTALLED_APPS=["regapp"]):
                calls.append("inside")
        self.assertEqual(calls, [["regapp"], "inside", "unset"])

    def test_get_app_config_suggests_the_label_of_an_app_name(self):
        registry = Apps(["regapp.apps.RelabeledConfig"])
        with self.assertRaisesMessage(
                LookupError, "No installed app with label 'regapp'. Did you mean "
                             "'relabeled'?"):
            registry.get_app_config("regapp")

    @override_settings(DEFAULT_AUTO_FIELD="django.db.models.AutoField")
    def test_lazy_model_operation_waits_for_every_model(self):
        from django.db import models

        registry = Apps([])
        seen = []
        registry.lazy_model_operation(lambda a, b: seen.append((a, b)),
                                      ("lazy", "first"), ("lazy", "second"))

        class Meta:
            app_label = "lazy"
            apps = registry

        first = type("First", (models.Model,), {
            "__module__": __name__, "Meta": Meta})
        self.assertEqual(seen, [])
        second = type("Second", (models.Model,), {
            "__module__": __name__, "Meta": Meta})
        self.assertEqual(seen, [(first, second)])


QUERYING_APP_PY = '''
from django.apps import AppConfig
from django.db import connection


class QueryingConfig(AppConfig):
    name = "queryingapp"

    def ready(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 42")
'''

SETUP_SCRIPT = '''
import json, warnings
import djscratch
from django.conf import settings
settings.configure(INSTALLED_APPS=["queryingapp.apps.QueryingConfig"],
                   DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                                          "NAME": ":memory:"}})
import django
from django.db import connection
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    django.setup()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # the apps are ready: no warning
print(json.dumps([str(w.message) for w in seen if w.category is RuntimeWarning]))
'''


class QueryDuringAppInitTests(SimpleTestCase):
    def test_a_query_in_ready_warns_and_one_after_setup_does_not(self):
        import json
        import subprocess

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        with tempfile.TemporaryDirectory() as folder:
            os.makedirs(os.path.join(folder, "queryingapp"))
            for name, text in (("__init__.py", ""), ("apps.py", QUERYING_APP_PY)):
                with open(os.path.join(folder, "queryingapp", name), "w") as fp:
                    fp.write(text)
            env = dict(os.environ, PYTHONPATH=os.pathsep.join([folder, root]))
            env.pop("DJANGO_SETTINGS_MODULE", None)
            done = subprocess.run([sys.executable, "-c", SETUP_SCRIPT], env=env,
                                  capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout), [
            "Accessing the database during app initialization is discouraged. To "
            "fix this warning, avoid executing queries in AppConfig.ready() or "
            "when your app modules are imported."])
