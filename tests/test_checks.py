"""The system checks framework: messages, the registry, the check command's
output (compared with real Django's, tests/checks_expected.json), the URL
checks and the test runner's checks."""

import io
import json
import os
import unittest

import djscratch
from django.core import checks
from django.core.checks import (
    CRITICAL, DEBUG, ERROR, INFO, WARNING, CheckMessage, Critical, Debug, Error, Info,
    Tags, Warning, register, run_checks,
)
from django.core.checks.registry import CheckRegistry, registry
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test.utils import extend_sys_path
from djscratch import override_settings
from tests import TEST_SETTINGS, populate_registry, without_leftover_auth_checks

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "checks_expected.json"), encoding="utf-8") as f:
    EXPECTED = json.load(f)


def run_check(*args, **options):
    """Run `check` as the generator ran it on Django: what it printed and the
    SystemCheckError text."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check", *args, stdout=out, stderr=err, **options)
        raised = None
    except SystemCheckError as exc:
        raised = str(exc)
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "raised": raised}


class RegisteredChecks:
    """Register check functions for one test; unregister them afterwards."""

    def __init__(self, test, *functions, tags=("mine",), deploy=False):
        for function in functions:
            register(*tags, deploy=deploy)(function)
            test.addCleanup(registry.registered_checks.discard, function)
            test.addCleanup(registry.deployment_checks.discard, function)


def my_check(app_configs, **kwargs):
    return [Warning("a warning", hint="a hint", obj="an object", id="mine.W001"),
            Info("some info", id="mine.I001"),
            Critical("critical", id="mine.C001"),
            Debug("debug", id="mine.D001"),
            Warning("silenced", id="mine.W002")]


def warn_only(app_configs, **kwargs):
    return [Warning("only a warning", obj="thing", id="mine.W003")]


class CheckMessageTests(unittest.TestCase):
    def test_str_and_repr_are_djangos(self):
        expected = EXPECTED["messages"]
        self.assertEqual(str(Error("msg", id="x.E001")), expected["str_no_obj"])
        self.assertEqual(str(Warning("msg", hint="hint", obj="obj", id="x.W001")),
                         expected["str_hint"])
        self.assertEqual(str(Info("msg")), expected["str_no_id"])
        self.assertEqual(repr(Critical("msg", hint="h", obj=1, id="x.C001")),
                         expected["repr"])

    def test_levels_and_seriousness(self):
        self.assertEqual((DEBUG, INFO, WARNING, ERROR, CRITICAL), (10, 20, 30, 40, 50))
        self.assertEqual([cls("m").level for cls in (Debug, Info, Warning, Error,
                                                      Critical)],
                         [10, 20, 30, 40, 50])
        self.assertTrue(Error("m").is_serious())
        self.assertFalse(Warning("m").is_serious())
        self.assertTrue(Warning("m").is_serious(WARNING))
        self.assertEqual(CheckMessage(35, "m").level, 35)
        with self.assertRaisesRegex(TypeError, "The first argument should be level."):
            CheckMessage("m", "msg")

    def test_equality_compares_class_and_every_field(self):
        self.assertEqual(Error("m", hint="h", obj="o", id="a.E1"),
                         Error("m", hint="h", obj="o", id="a.E1"))
        self.assertNotEqual(Error("m"), Warning("m"))
        self.assertNotEqual(Error("m", id="a.E1"), Error("m", id="a.E2"))

    def test_the_classes_keep_djangos_names(self):
        self.assertEqual(Warning.__name__, "Warning")
        self.assertIsNot(Warning, __builtins__["Warning"] if isinstance(
            __builtins__, dict) else __builtins__.Warning)
        self.assertIs(checks.Error, Error)

    def test_is_silenced_reads_silenced_system_checks(self):
        with override_settings(**TEST_SETTINGS, SILENCED_SYSTEM_CHECKS=["a.W1"]):
            self.assertTrue(Warning("m", id="a.W1").is_silenced())
            self.assertFalse(Warning("m", id="a.W2").is_silenced())

    def test_a_model_class_is_shown_by_its_label(self):
        class Meta:
            label = "polls.Question"

        model = type("Question", (), {"_meta": Meta})
        self.assertEqual(str(Error("m", obj=model, id="models.E1")),
                         "polls.Question: (models.E1) m")


class RegistryTests(unittest.TestCase):
    def test_register_as_decorator_with_and_without_tags_and_as_a_call(self):
        registry = CheckRegistry()

        @registry.register
        def plain(app_configs, **kwargs):
            return [Info("plain")]

        @registry.register("tagged", Tags.models)
        def tagged(app_configs, **kwargs):
            return [Info("tagged")]

        def called(app_configs, **kwargs):
            return [Info("called")]

        registry.register(called, "other")

        @registry.register(Tags.security, deploy=True)
        def deployed(app_configs, **kwargs):
            return [Info("deployed")]

        self.assertEqual(plain.tags, ())
        self.assertEqual(tagged.tags, ("models", "tagged"))
        self.assertEqual(sorted(m.msg for m in registry.run_checks()),
                         ["called", "plain", "tagged"])
        self.assertEqual(sorted(m.msg for m in registry.run_checks(
            include_deployment_checks=True)), ["called", "deployed", "plain", "tagged"])
        self.assertEqual([m.msg for m in registry.run_checks(tags=["models"])],
                         ["tagged"])
        self.assertEqual(registry.tags_available(), {"tagged", "models", "other"})
        self.assertTrue(registry.tag_exists("security", include_deployment_checks=True))
        self.assertFalse(registry.tag_exists("security"))

    def test_a_check_must_take_kwargs_and_return_a_list(self):
        registry = CheckRegistry()
        with self.assertRaisesRegex(TypeError, r"must accept keyword arguments"):
            registry.register(lambda app_configs: [])
        registry.register(lambda app_configs, **kwargs: None)
        with self.assertRaisesRegex(TypeError, "did not return a list"):
            registry.run_checks()

    def test_checks_receive_app_configs_and_databases(self):
        seen = []
        registry = CheckRegistry()
        registry.register(lambda **kwargs: seen.append(kwargs) or [])
        registry.run_checks(app_configs=["a"], databases=["default"])
        self.assertEqual(seen, [{"app_configs": ["a"], "databases": ["default"]}])

    def test_the_global_run_checks_runs_registered_checks(self):
        RegisteredChecks(self, warn_only)
        self.assertIn(Warning("only a warning", obj="thing", id="mine.W003"),
                      run_checks(tags=["mine"]))


class CheckCommandOutputTests(unittest.TestCase):
    """call_command("check") prints what Django prints."""

    def test_levels_grouped_sorted_and_silenced_as_django(self):
        RegisteredChecks(self, my_check)
        with override_settings(**TEST_SETTINGS, SILENCED_SYSTEM_CHECKS=["mine.W002"]):
            self.assertEqual(run_check(tags=["mine"]), EXPECTED["mine"])

    def test_warnings_alone_go_to_stderr_and_do_not_fail(self):
        RegisteredChecks(self, warn_only, tags=("warn_only",))
        with override_settings(**TEST_SETTINGS):
            self.assertEqual(run_check(tags=["warn_only"]), EXPECTED["warn_only"])
            self.assertEqual(run_check(tags=["warn_only"], fail_level="WARNING"),
                             EXPECTED["warn_only_fail_warning"])

    def test_url_checks_match_djangos(self):
        with extend_sys_path(HERE), override_settings(
                **TEST_SETTINGS, ROOT_URLCONF="checks_bad_urls", STATIC_URL="static",
                MEDIA_URL="/media"):
            self.assertEqual(run_check(tags=["urls"]), EXPECTED["urls"])

    def test_a_clean_urlconf_has_no_url_issues(self):
        with override_settings(**TEST_SETTINGS,
                               ROOT_URLCONF="tests.checks_included_urls"):
            self.assertEqual(run_checks(tags=["urls"]), [])

    def test_an_unknown_tag_is_refused_with_djangos_message(self):
        with override_settings(**TEST_SETTINGS), self.assertRaisesRegex(
                djscratch.CommandError,
                'There is no system check with the "nope" tag.'):
            call_command("check", tags=["nope"])

    def test_list_tags_lists_the_registered_tags(self):
        # As on Django: "security" is listed without --deploy too (the CSRF
        # failure view check, security.E101/E102, always runs); a tag whose
        # checks are all deploy-only is listed only with --deploy.
        RegisteredChecks(self, my_check, tags=("deploy_only",), deploy=True)
        out = io.StringIO()
        with override_settings(**TEST_SETTINGS):
            call_command("check", list_tags=True, stdout=out)
        for tag in ("urls", "templates", "security"):
            self.assertIn(tag, out.getvalue().split())
        self.assertNotIn("deploy_only", out.getvalue().split())
        out = io.StringIO()
        with override_settings(**TEST_SETTINGS):
            call_command("check", list_tags=True, deploy=True, stdout=out)
        self.assertIn("deploy_only", out.getvalue().split())

    def test_deploy_runs_the_security_checks_as_registered_deploy_checks(self):
        with override_settings(**{**TEST_SETTINGS, "DEBUG": True}):
            ids = [m.id for m in run_checks(include_deployment_checks=True,
                                            tags=["security"])]
            self.assertIn("security.W018", ids)
            self.assertEqual(run_checks(tags=["security"]), [])


class TestRunnerChecksTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        populate_registry()  # the model checks read the app registry

    def setUp(self):
        without_leftover_auth_checks(self)  # the runner runs every registered check

    def test_a_serious_problem_stops_the_run_with_system_check_error(self):
        RegisteredChecks(self, my_check)
        runner = djscratch.DiscoverRunner(verbosity=0)
        with override_settings(**TEST_SETTINGS), self.assertRaises(
                SystemCheckError) as raised:
            runner.run_checks(["default"])
        self.assertTrue(str(raised.exception).startswith(
            "SystemCheckError: System check identified some issues:"))

    def test_no_issue_prints_djangos_line(self):
        runner = djscratch.DiscoverRunner(verbosity=1)
        with override_settings(**TEST_SETTINGS), \
                djscratch.captured_stdout() as out:
            runner.run_checks([])
        self.assertEqual(out.getvalue(), "System check identified no issues "
                                         "(0 silenced).\n")


class _AppConfig:
    """The app config of tests/checks_app, which is not installed."""

    def __init__(self, models):
        self.models = models

    def get_models(self):
        return self.models


class ModelChecksTests(unittest.TestCase):
    def setUp(self):
        without_leftover_auth_checks(self)  # `check` runs every registered check

    def test_model_checks_match_djangos(self):
        from django.test.utils import extend_sys_path

        with extend_sys_path(HERE), override_settings(**TEST_SETTINGS):
            from checks_app.models import Author, Book, Shelf
        command = djscratch.BaseCommand(stdout=io.StringIO(), stderr=io.StringIO())
        with override_settings(**TEST_SETTINGS), self.assertRaises(
                SystemCheckError) as raised:
            command.check(app_configs=[_AppConfig([Author, Book, Shelf])],
                          tags=["models"], display_num_errors=True)
        self.assertEqual(str(raised.exception), EXPECTED["models"]["raised"])

    @override_settings(**TEST_SETTINGS)
    def test_messages_carry_the_field_or_model_as_obj(self):
        from django.db import models

        class Clean(models.Model):
            title = models.CharField(max_length=5)

            class Meta:
                app_label = "checks_clean"
                ordering = ["-title", "pk", "id"]

        self.assertEqual(djscratch.check_all_models([_AppConfig([Clean])]), [])

        class Pk(models.Model):
            pk = models.IntegerField()

            class Meta:
                app_label = "checks_pk"

        self.assertEqual(djscratch.check_all_models([_AppConfig([Pk])]), [
            Error("'pk' is a reserved word that cannot be used as a field name.",
                  obj=Pk._meta.get_field("pk"), id="fields.E003")])
