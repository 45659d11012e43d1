"""Django's utility modules (regex_helper.normalize and the reverse() it
drives, numberformat, termcolors, lorem_ipsum, feedgenerator, archive,
autoreload, DomainNameValidator, ...), checked against what real Django 5.2
answers: tests/gen_utils_expected.py (run with the oracle venv) writes
tests/utils_expected.json from the cases of tests/utils_cases.py.
"""

import io
import json
import os
import random
import sys
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path
from unittest import mock

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings

from . import TEST_SETTINGS, populate_registry
from . import utils_cases

with open(os.path.join(os.path.dirname(__file__), "utils_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


def _json(value):
    """`value` as the JSON file holds it (tuples become lists)."""
    return json.loads(json.dumps(value))


class UtilsMatchDjangoTests(unittest.TestCase):
    def test_normalize_gives_djangos_forms(self):
        from django.utils import regex_helper

        self.assertEqual(_json(utils_cases.normalize_cases(regex_helper)),
                         EXPECTED["normalize"])

    def test_reverse_fills_optional_nested_and_repeated_groups_as_django(self):
        from django.urls import NoReverseMatch, clear_url_caches, include, re_path
        from django.urls import reverse

        urls = type(sys)("djscratch_utils_cases_urls")
        urls.urlpatterns = utils_cases.url_patterns(re_path, include)
        with mock.patch.dict(sys.modules, {urls.__name__: urls}), \
                override_settings(**TEST_SETTINGS, ROOT_URLCONF=urls.__name__):
            clear_url_caches()
            try:
                results = utils_cases.reverse_cases(reverse, NoReverseMatch)
            finally:
                clear_url_caches()
        self.assertEqual(results, EXPECTED["reverse"])

    def test_numberformat_format_as_django(self):
        from django.utils import numberformat

        with override_settings(**TEST_SETTINGS, USE_THOUSAND_SEPARATOR=False):
            results = utils_cases.number_cases(numberformat)
        self.assertEqual(_json(results), EXPECTED["numberformat"])

    def test_termcolors_palettes_and_colorize_as_django(self):
        from django.utils import termcolors

        self.assertEqual(_json(utils_cases.color_cases(termcolors)),
                         EXPECTED["termcolors"])

    def test_lorem_ipsum_gives_djangos_text_for_a_seed(self):
        from django.utils import lorem_ipsum

        state = random.getstate()
        try:
            results = utils_cases.lorem_cases(lorem_ipsum, random)
        finally:
            random.setstate(state)
        self.assertEqual(results, EXPECTED["lorem"])

    def test_feeds_are_djangos_xml(self):
        from django.utils import feedgenerator

        with override_settings(**TEST_SETTINGS):
            results = _json(utils_cases.feed_cases(feedgenerator))
        for got, expected in zip(results, EXPECTED["feeds"]):
            self.assertEqual(got, expected)

    def test_domain_name_validator_as_django(self):
        from django.core import validators
        from django.core.exceptions import ValidationError

        self.assertEqual(utils_cases.domain_cases(validators, ValidationError),
                         EXPECTED["domains"])

    def test_small_helpers_as_django(self):
        from django.utils import duration, hashable, inspect, text

        self.assertEqual(_json(utils_cases.misc_cases((duration, hashable, text,
                                                       inspect))),
                         EXPECTED["misc"])

    def test_urlize_trims_semicolons_around_entities_as_django(self):
        from django.utils import html

        self.assertEqual(_json(utils_cases.urlize_cases(html)), EXPECTED["urlize"])


class ArchiveTests(unittest.TestCase):
    def _tar(self, path, names):
        with tarfile.open(path, "w:gz") as archive:
            for name in names:
                info = tarfile.TarInfo(name)
                info.size, info.mode = 2, 0o755
                archive.addfile(info, io.BytesIO(b"hi"))

    def test_extract_drops_the_shared_leading_directory_and_keeps_modes(self):
        from django.utils import archive

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "pkg.tar.gz")
            self._tar(path, ["pkg/a", "pkg/sub/b"])
            target = os.path.join(tmp, "out")
            archive.extract(path, target)
            self.assertEqual(Path(target, "sub", "b").read_bytes(), b"hi")
            self.assertEqual(os.stat(os.path.join(target, "a")).st_mode & 0o777, 0o755)

    def test_a_member_outside_the_target_is_refused(self):
        from django.core.exceptions import SuspiciousOperation
        from django.utils import archive

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "evil.zip")
            with zipfile.ZipFile(path, "w") as zf:
                zf.writestr("../evil.txt", "x")
                zf.writestr("ok.txt", "x")
            with self.assertRaisesRegex(SuspiciousOperation,
                                        "Archive contains invalid path: '../evil.txt'"):
                archive.extract(path, os.path.join(tmp, "out"))

    def test_an_unknown_extension_is_refused(self):
        from django.utils import archive

        with self.assertRaisesRegex(archive.UnrecognizedArchiveFormat,
                                    "Path not a recognized archive format: x.rar"):
            archive.extract("x.rar", "/nonexistent")


class AutoreloadTests(unittest.TestCase):
    def test_stat_reloader_notices_a_changed_glob_file(self):
        from django.utils import autoreload

        with tempfile.TemporaryDirectory() as tmp:
            watched = Path(tmp).resolve() / "x.py"
            watched.touch()
            reloader = autoreload.StatReloader()
            reloader.SLEEP_TIME = 0
            reloader.watch_dir(tmp, "*.py")
            changed = []
            with mock.patch.object(reloader, "notify_file_changed", changed.append), \
                    mock.patch("django.utils.autoreload.iter_all_python_module_files",
                               return_value=frozenset()):
                ticker = reloader.tick()
                next(ticker)
                os.utime(watched, (watched.stat().st_mtime + 5,) * 2)
                next(ticker)
            self.assertEqual(changed, [watched])

    def test_the_folder_holding_the_single_file_is_the_projects(self):
        """A project's templates beside djscratch.py are watched: only the
        single file itself (or the package's folder) is Django's own."""
        from django.utils import autoreload

        here = Path(djscratch.__file__)
        self.assertTrue(autoreload.is_django_path(here))
        beside = here.parent / "templates" / "index.html"
        self.assertIs(autoreload.is_django_path(beside),
                      hasattr(djscratch, "__path__"))

    def test_get_reloader_falls_back_to_stat_without_watchman(self):
        from django.utils import autoreload

        self.assertIsInstance(autoreload.get_reloader(), autoreload.StatReloader)
        with self.assertRaises(autoreload.WatchmanUnavailable):
            autoreload.WatchmanReloader.check_availability()

    def test_the_child_runs_the_same_command_line(self):
        from django.utils import autoreload

        with mock.patch("sys.argv", [__file__, "runserver"]), \
                mock.patch("sys.warnoptions", ["error"]), \
                mock.patch("sys._xoptions", {}), \
                mock.patch("__main__.__spec__", None):
            self.assertEqual(autoreload.get_child_arguments(),
                             [sys.executable, "-Werror", __file__, "runserver"])

    def test_restart_with_reloader_restarts_while_the_child_exits_3(self):
        from subprocess import CompletedProcess

        from django.utils import autoreload

        codes = iter([3, 3, 0])
        with mock.patch("subprocess.run",
                        side_effect=lambda args, **kw: CompletedProcess(
                            args, next(codes))) as run, \
                mock.patch("django.utils.autoreload.get_child_arguments",
                           return_value=["python", "manage.py"]):
            self.assertEqual(autoreload.restart_with_reloader(), 0)
        self.assertEqual(run.call_count, 3)
        self.assertEqual(run.call_args[1]["env"]["RUN_MAIN"], "true")


class ServerAndStaticfilesTests(unittest.TestCase):
    def test_get_internal_wsgi_application_reads_the_setting(self):
        from django.core.exceptions import ImproperlyConfigured
        from django.core.servers.basehttp import get_internal_wsgi_application

        with override_settings(**TEST_SETTINGS, WSGI_APPLICATION="os.path.join"):
            self.assertIs(get_internal_wsgi_application(), os.path.join)
        with override_settings(**TEST_SETTINGS, WSGI_APPLICATION="os.nope.app"), \
                self.assertRaisesRegex(ImproperlyConfigured,
                                       "WSGI application 'os.nope.app' could not be "
                                       "loaded; Error importing module."):
            get_internal_wsgi_application()

    def test_djangos_server_classes_are_wsgiref_based(self):
        from wsgiref import simple_server

        from django.core.servers.basehttp import (
            ServerHandler, ThreadedWSGIServer, WSGIRequestHandler, WSGIServer,
        )

        self.assertTrue(issubclass(ThreadedWSGIServer, WSGIServer))
        self.assertTrue(issubclass(WSGIServer, simple_server.WSGIServer))
        self.assertEqual(ServerHandler.http_version, "1.1")
        self.assertEqual(WSGIRequestHandler.protocol_version, "HTTP/1.1")

    def test_staticfiles_runserver_wraps_the_handler_unless_nostatic(self):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.contrib.staticfiles.management.commands import runserver

        command = runserver.Command()
        settings = dict(TEST_SETTINGS, STATIC_URL="/static/", DEBUG=True,
                        INSTALLED_APPS=["django.contrib.staticfiles"])
        with override_settings(**settings):
            handler = command.get_handler(use_static_handler=True,
                                          insecure_serving=False)
            self.assertIsInstance(handler, StaticFilesHandler)
            plain = command.get_handler(use_static_handler=False,
                                        insecure_serving=False)
            self.assertNotIsInstance(plain, StaticFilesHandler)
        parser = command.create_parser("manage.py", "runserver")
        options = parser.parse_args(["--nostatic", "--insecure"])
        self.assertFalse(options.use_static_handler)
        self.assertTrue(options.insecure_serving)


class TemplateAutoreloadTests(unittest.TestCase):
    def test_a_changed_template_resets_the_loaders_instead_of_reloading(self):
        from django.template import autoreload, engines

        with tempfile.TemporaryDirectory() as tmp:
            templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                          "DIRS": [tmp]}]
            with override_settings(**TEST_SETTINGS, TEMPLATES=templates):
                self.assertIn(Path(tmp), autoreload.get_template_directories())
                loader = engines["django"].engine.template_loaders[0]
                with mock.patch.object(type(loader), "reset") as reset:
                    changed = autoreload.template_changed(
                        None, file_path=Path(tmp) / "page.html")
                    self.assertIs(changed, True)
                    self.assertTrue(reset.called)
                    self.assertIsNone(autoreload.template_changed(
                        None, file_path=Path(tmp) / "views.py"))


class InstalledAppsOverrideTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        populate_registry()  # an override of INSTALLED_APPS needs a ready registry

    def test_an_app_added_by_an_override_has_its_static_files_found(self):
        from django.contrib.staticfiles import finders

        with tempfile.TemporaryDirectory() as tmp:
            app = Path(tmp, "djscratch_i19_static_app")
            (app / "static").mkdir(parents=True)
            (app / "__init__.py").touch()
            (app / "static" / "i19.txt").write_text("x")
            settings = dict(TEST_SETTINGS, STATIC_URL="/static/", INSTALLED_APPS=[
                "django.contrib.staticfiles", "djscratch_i19_static_app"])
            with mock.patch("sys.path", [tmp, *sys.path]), \
                    override_settings(**settings):
                finders.get_finder.cache_clear()
                try:
                    found = finders.find("i19.txt")
                finally:
                    finders.get_finder.cache_clear()
                    sys.modules.pop("djscratch_i19_static_app", None)
            self.assertEqual(found, str(app / "static" / "i19.txt"))
