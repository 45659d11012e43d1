"""Django's checks laid out as Django lays them out: each check a function of
its own module (django.core.checks.security.base, .csrf, .sessions,
translation, async_checks, files, database, compatibility), with the ids and
texts real Django keeps as module constants (tests/check_messages_expected.json,
written by tests/gen_check_messages_expected.py)."""

import importlib
import json
import os
import unittest
from unittest import mock

import djscratch  # noqa: F401  (installs the django alias)
from django.core.checks import Error, Warning, run_checks
from django.core.checks.security import base, csrf, sessions
from djscratch import override_settings
from tests import TEST_SETTINGS

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "check_messages_expected.json"), encoding="utf-8") as f:
    EXPECTED = json.load(f)

SECURITY = ["django.middleware.security.SecurityMiddleware"]
STRONG_KEY = "k" * 40 + "abcdefghijk"


def bad_failure_view():
    """A CSRF failure view Django cannot call as view(request, reason=...)."""


class MessageConstantsTests(unittest.TestCase):
    def test_every_constant_is_djangos(self):
        for module_name, constants in EXPECTED.items():
            if module_name.startswith("django.contrib.staticfiles"):
                continue  # checked with the staticfiles app
            module = importlib.import_module(module_name)
            for name, want in constants.items():
                with self.subTest(module=module_name, name=name):
                    got = getattr(module, name)
                    self.assertEqual(
                        {"class": type(got).__name__, "level": got.level,
                         "msg": got.msg, "hint": got.hint, "id": got.id}, want)


class SecurityCheckTests(unittest.TestCase):
    @override_settings(MIDDLEWARE=[])
    def test_each_check_is_its_own_function(self):
        self.assertEqual(base.check_security_middleware(None), [base.W001])
        self.assertEqual(base.check_xframe_options_middleware(None), [base.W002])
        self.assertEqual(csrf.check_csrf_middleware(None), [csrf.W003])
        self.assertEqual(base.check_sts(None), [])  # no middleware, no HSTS warning

    @override_settings(MIDDLEWARE=SECURITY, SECURE_HSTS_SECONDS=3600,
                       SECURE_HSTS_INCLUDE_SUBDOMAINS=False, SECURE_HSTS_PRELOAD=1)
    def test_hsts_flags_must_be_true_not_truthy(self):
        self.assertEqual(base.check_sts(None), [])
        self.assertEqual(base.check_sts_include_subdomains(None), [base.W005])
        self.assertEqual(base.check_sts_preload(None), [base.W021])

    @override_settings(SECRET_KEY=STRONG_KEY,
                       SECRET_KEY_FALLBACKS=[STRONG_KEY, "short", STRONG_KEY])
    def test_secret_key_fallbacks_name_the_weak_entry(self):
        self.assertEqual(base.check_secret_key(None), [])
        self.assertEqual(base.check_secret_key_fallbacks(None), [Warning(
            base.W025.msg % "SECRET_KEY_FALLBACKS[1]", id="security.W025")])

    @override_settings(SECRET_KEY=base.SECRET_KEY_INSECURE_PREFIX + STRONG_KEY)
    def test_a_generated_key_is_insecure(self):
        self.assertEqual(base.check_secret_key(None), [base.W009])

    @override_settings(MIDDLEWARE=SECURITY, SECURE_REFERRER_POLICY="origin, bogus")
    def test_referrer_policy_values_are_checked_one_by_one(self):
        self.assertEqual(base.check_referrer_policy(None), [base.E023])
        with override_settings(SECURE_REFERRER_POLICY=("origin", "same-origin")):
            self.assertEqual(base.check_referrer_policy(None), [])

    @override_settings(SESSION_COOKIE_HTTPONLY=False,
                       INSTALLED_APPS=["django.contrib.sessions"],
                       MIDDLEWARE=["django.contrib.sessions.middleware."
                                   "SessionMiddleware"])
    def test_session_app_and_middleware_give_one_warning(self):
        self.assertEqual(sessions.check_session_cookie_httponly(None),
                         [sessions.W015])

    def test_csrf_failure_view_is_checked_without_deploy(self):
        path = f"{__name__}.bad_failure_view"
        with override_settings(CSRF_FAILURE_VIEW=path):
            self.assertEqual(run_checks(tags=["security"]), [Error(
                f"The CSRF failure view '{path}' does not take the correct "
                "number of arguments.", id="security.E101")])
        with override_settings(CSRF_FAILURE_VIEW="no.such.view"):
            self.assertEqual([e.id for e in csrf.check_csrf_failure_view(None)],
                             ["security.E102"])


class OtherCheckModulesTests(unittest.TestCase):
    def test_async_unsafe_environment_is_a_deploy_error(self):
        from django.core.checks.async_checks import E001, check_async_unsafe

        with mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "1"}):
            self.assertEqual(check_async_unsafe(None), [E001])
            self.assertNotIn(E001, run_checks(tags=["async_support"]))
            self.assertIn(E001, run_checks(tags=["async_support"],
                                           include_deployment_checks=True))

    def test_language_settings(self):
        from django.core.checks import translation

        with override_settings(LANGUAGE_CODE="en_US"):
            self.assertEqual(translation.check_setting_language_code(None), [Error(
                "You have provided an invalid value for the LANGUAGE_CODE "
                "setting: 'en_US'.", id="translation.E001")])
        with override_settings(USE_I18N=True, LANGUAGES=[("fr", "French")]):
            for code, problems in (("fr-CA", []), ("de", [translation.E004])):
                with self.subTest(code), override_settings(LANGUAGE_CODE=code):
                    self.assertEqual(
                        translation.check_language_settings_consistent(None),
                        problems)

    def test_file_upload_temp_dir_must_exist(self):
        from django.core.checks.files import check_setting_file_upload_temp_dir

        with override_settings(FILE_UPLOAD_TEMP_DIR="/no/such/dir"):
            self.assertEqual([e.id for e in check_setting_file_upload_temp_dir(None)],
                             ["files.E001"])

    def test_csrf_trusted_origins_need_a_scheme(self):
        from django.core.checks.compatibility.django_4_0 import (
            check_csrf_trusted_origins,
        )

        with override_settings(CSRF_TRUSTED_ORIGINS=["example.com",
                                                     "https://ok.example"]):
            self.assertEqual([e.id for e in check_csrf_trusted_origins(None)],
                             ["4_0.E001"])

    def test_url_settings_must_end_with_a_slash(self):
        from django.core.checks.urls import E006, check_url_settings

        with override_settings(STATIC_URL="/static", MEDIA_URL="/media/"):
            self.assertEqual(check_url_settings(None), [E006("STATIC_URL")])
        self.assertEqual(E006("MEDIA_URL"), Error(
            "The MEDIA_URL setting must end with a slash.", id="urls.E006"))

    def test_database_checks_run_only_for_the_databases_named(self):
        from django.core.checks.database import check_database_backends
        from django.db import connections

        memory = {"default": {"ENGINE": "django.db.backends.sqlite3",
                              "NAME": ":memory:"}}
        with override_settings(**TEST_SETTINGS, DATABASES=memory), mock.patch.object(
                connections["default"].validation, "check",
                return_value=["found"]) as check:
            self.assertEqual(check_database_backends(), [])
            self.assertEqual(check_database_backends(databases=["default"]),
                             ["found"])
        check.assert_called_once()


class ModelCheckTests(unittest.TestCase):
    """Model.check() and check_all_models as Django runs them."""

    def run_model_checks(self, apps):
        from django.core.checks.model_checks import check_all_models

        return check_all_models(app_configs=apps.get_app_configs())

    @override_settings(DEFAULT_AUTO_FIELD="django.db.models.BigAutoField")
    def test_model_check_reports_deprecated_and_removed_fields(self):
        from django.db import models
        from django.test.utils import isolate_apps

        class OldField(models.Field):
            system_check_deprecated_details = {"hint": "Use NewField."}

        class GoneField(models.Field):
            system_check_removed_details = {"id": "fields.E999"}

        with isolate_apps("tests.orm_oracle"):
            class Thing(models.Model):
                old = OldField()
                gone = GoneField()

                class Meta:
                    app_label = "orm_oracle"

            old, gone = (Thing._meta.get_field(name) for name in ("old", "gone"))
            self.assertEqual(old.check(), [Warning(
                "OldField has been deprecated.", hint="Use NewField.", obj=old,
                id="fields.WXXX")])
            self.assertEqual(gone.check(), [Error(
                "GoneField has been removed except for support in historical "
                "migrations.", obj=gone, id="fields.E999")])
            ids = sorted(message.id for message in Thing.check())
            self.assertEqual(ids, ["fields.E999", "fields.WXXX"])

    @override_settings(DEFAULT_AUTO_FIELD="django.db.models.BigAutoField")
    def test_shared_table_and_index_names_are_reported(self):
        from django.db import models
        from django.test.utils import isolate_apps

        with isolate_apps("tests.orm_oracle") as apps:
            class One(models.Model):
                class Meta:
                    app_label = "orm_oracle"
                    db_table = "shared"
                    indexes = [models.Index(fields=["id"], name="twice")]

            class Two(models.Model):
                class Meta:
                    app_label = "orm_oracle"
                    db_table = "shared"
                    indexes = [models.Index(fields=["id"], name="twice")]

            self.assertEqual(self.run_model_checks(apps), [
                Error("db_table 'shared' is used by multiple models: "
                      "orm_oracle.One, orm_oracle.Two.", obj="shared",
                      id="models.E028"),
                Error("index name 'twice' is not unique among models: "
                      "orm_oracle.One, orm_oracle.Two.", id="models.E030"),
            ])

    def test_a_field_named_check_hides_the_class_method(self):
        from django.db import models
        from django.test.utils import isolate_apps

        with override_settings(DEFAULT_AUTO_FIELD="django.db.models.BigAutoField"), \
                isolate_apps("tests.orm_oracle") as apps:
            class Hidden(models.Model):
                check = models.IntegerField()

                class Meta:
                    app_label = "orm_oracle"

            self.assertEqual([m.id for m in self.run_model_checks(apps)],
                             ["models.E020"])

    def test_an_automatic_key_from_djangos_default_warns(self):
        from django.conf import settings
        from django.db import models
        from django.test.utils import isolate_apps

        # override_settings marks DEFAULT_AUTO_FIELD as chosen; Django's own
        # tests patch is_overridden on UserSettingsHolder to say it was not.
        def not_overridden(self, setting):
            return setting != "DEFAULT_AUTO_FIELD"

        with override_settings(DEFAULT_AUTO_FIELD="django.db.models.AutoField"), \
                mock.patch("django.conf.UserSettingsHolder.is_overridden",
                           not_overridden), \
                isolate_apps("tests.orm_oracle") as apps:
            self.assertFalse(settings.is_overridden("DEFAULT_AUTO_FIELD"))

            class Auto(models.Model):
                class Meta:
                    app_label = "orm_oracle"

            class Explicit(models.Model):
                id = models.BigAutoField(primary_key=True)

                class Meta:
                    app_label = "orm_oracle"

            config = type(apps.get_app_config("orm_oracle")).__qualname__
            self.assertEqual(self.run_model_checks(apps), [Warning(
                "Auto-created primary key used when not defining a primary key "
                "type, by default 'django.db.models.AutoField'.",
                hint=f"Configure the DEFAULT_AUTO_FIELD setting or the {config}."
                     "default_auto_field attribute to point to a subclass of "
                     "AutoField, e.g. 'django.db.models.BigAutoField'.",
                obj=Auto, id="models.W042")])


class TemplateCheckTests(unittest.TestCase):
    def test_string_if_invalid_must_be_a_string(self):
        from django.core.checks.templates import check_templates
        from django.template import engines

        with override_settings(TEMPLATES=[{
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"string_if_invalid": 42}}]):
            engine = engines.all()[0]
            self.assertEqual(check_templates(None), [Error(
                "'string_if_invalid' in TEMPLATES OPTIONS must be a string but "
                "got: 42 (<class 'int'>).", obj=engine, id="templates.E002")])

    def test_one_library_name_for_two_modules_warns(self):
        from django.template import engines

        with override_settings(TEMPLATES=[{
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"libraries": {"static": "tests.template_corpus_tags"}}}]):
            engine = engines.all()[0]
            self.assertEqual(engine.check(), [Warning(
                "'static' is used for multiple template tag modules: "
                "'django.templatetags.static', 'tests.template_corpus_tags'",
                obj=engine, id="templates.W003")])

    def test_a_backend_without_checks_reports_nothing(self):
        from django.template.backends.base import BaseEngine

        engine = BaseEngine({"NAME": "x", "DIRS": [], "APP_DIRS": False})
        self.assertEqual(engine.check(), [])


class ErrorHandlerCheckTests(unittest.TestCase):
    def test_an_unimportable_handler_is_named_with_djangos_hint(self):
        from django.core.checks.urls import check_custom_error_handlers
        from django.urls import get_callable

        with self.assertRaisesRegex(Exception, "The path must be fully qualified"):
            get_callable("django")
        with override_settings(ROOT_URLCONF="tests.checks_bad_handlers_urls"):
            self.assertEqual(check_custom_error_handlers(None), [
                Error("The custom handler404 view 'django.views.bad_handler' could "
                      "not be imported.",
                      hint="Could not import 'django.views.bad_handler'. View does "
                           "not exist in module django.views.", id="urls.E008"),
                Error("The custom handler500 view 'django.invalid_module.view' "
                      "could not be imported.",
                      hint="Could not import 'django.invalid_module.view'. Parent "
                           "module django.invalid_module does not exist.",
                      id="urls.E008"),
            ])


class ViewClassInPathTests(unittest.TestCase):
    def test_a_view_class_is_accepted_by_path_and_reported_by_the_check(self):
        from django.core.checks.urls import check_url_config
        from django.urls import path
        from django.views import View

        class Page(View):
            pass

        pattern = path("page/", Page)
        self.assertIs(pattern.callback, Page)
        with override_settings(ROOT_URLCONF="tests.checks_view_class_urls"):
            self.assertEqual(check_url_config(None), [Error(
                "Your URL pattern 'page/' has an invalid view, pass Page.as_view() "
                "instead of Page.", id="urls.E009")])
