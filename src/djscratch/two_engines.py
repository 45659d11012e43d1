"""The two engines: with DJSCRATCH_ENGINE=django, App() configures
real Django instead of djscratch.  No Django counterpart.
"""

import urllib.parse
import os
import sys

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.management.commands.
import djscratch

from djscratch.utils.module_loading import _package
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.management.base import COMMANDS
from djscratch.template.base import TemplateDoesNotExist, TemplateSyntaxError
from djscratch.template.backends import _BACKENDS
from djscratch.core.servers import _parse_addrport, run_server
from djscratch.test.runner import _app_test_labels


# DJSCRATCH_ENGINE=django runs the same single-file app on real Django: no
# alias is installed, App() configures django.conf.settings and calls
# django.setup(), and the commands hand over to Django's test runner and
# management.  djscratch keeps one job there: its template engine, offered as
# a Django template backend, so `<< >>` templates render unchanged.  The
# names that engine reaches for at render time (settings, reverse, static,
# get_token, template_rendered) are rebound to Django's below.

#: The Django release series the Django engine is tested with.
_DJANGO_ENGINE_VERSION = (5, 2)


def _engine_is_django():
    """Return True when DJSCRATCH_ENGINE asks for real Django."""
    engine = os.environ.get("DJSCRATCH_ENGINE", "djscratch").strip().lower()
    if engine not in ("djscratch", "django", ""):
        raise ImproperlyConfigured(
            f"DJSCRATCH_ENGINE is {engine!r}; use 'djscratch' (the default) or "
            "'django'.")
    return engine == "django"


def _require_django():
    """Check that Django 5.2 can be imported, or fail naming the fix."""
    import importlib.util

    if importlib.util.find_spec("django") is None:
        raise ImportError(
            "DJSCRATCH_ENGINE=django, but Django is not installed in this Python "
            f"({sys.executable}). Install it (pip install -r requirements-django.txt"
            ") or unset DJSCRATCH_ENGINE to run on djscratch.", name="django")
    import django

    if tuple(django.VERSION[:2]) != _DJANGO_ENGINE_VERSION:
        raise ImportError(
            "DJSCRATCH_ENGINE=django needs Django %d.%d; this Python has %s."
            % (*_DJANGO_ENGINE_VERSION, django.get_version()), name="django")


def _use_django_names():
    """Rebind the names the template engine uses at render time to Django's."""
    from django.conf import settings as django_settings

    this = _package()

    def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None,
                **extra):
        from django.urls import reverse as django_reverse

        return django_reverse(viewname, urlconf, args, kwargs, current_app, **extra)

    def static_url(path):
        from django.templatetags.static import static

        return static(path)

    def get_token(request):
        from django.middleware.csrf import get_token as django_get_token

        return django_get_token(request)

    this.settings = django_settings
    this.reverse, this.static_url, this.get_token = reverse, static_url, get_token


def _django_app_config(app, import_name):
    """Return the dotted path of a Django AppConfig for a single-file app.

    Django finds a model's app from the model's __module__ ("__main__" when
    the file runs as a script), so the config's name is the import name and
    its label is the file name; the class lives on this module.
    """
    from django.apps import AppConfig as DjangoAppConfig

    def import_models(self):
        super(config, self).import_models()
        self.models_module = self.module  # the file is its own models module

    attr = f"_django_app_{app.label}"
    config = type(attr, (DjangoAppConfig,), {
        "name": import_name, "label": app.label, "import_models": import_models,
        "__module__": __name__, "__qualname__": attr,
    })
    setattr(_package(), attr, config)
    return f"{_package().__name__}.{attr}"


def _configure_django(app, import_name, options):
    """Configure real Django for a single-file app (DJSCRATCH_ENGINE=django)."""
    import django
    from django.conf import settings as django_settings

    given = app._default_settings(options)
    config_path = _django_app_config(app, import_name)
    given["INSTALLED_APPS"] = [
        config_path if entry in (app.label, import_name) else entry
        for entry in given["INSTALLED_APPS"]]
    # No migrations for the app: its tables are created by migrate --run-syncdb
    # (and by the test runner), named <label>_<model> as on djscratch.
    given["MIGRATION_MODULES"] = {app.label: None, **given.get("MIGRATION_MODULES",
                                                               {})}
    # LiveServerTestCase serves STATIC_ROOT (collectstatic's target) itself.
    given.setdefault("STATIC_ROOT", os.path.join(app.base_dir, "staticfiles"))
    if "django.contrib.staticfiles" in given["INSTALLED_APPS"]:
        given["MIDDLEWARE"] = [f"{__name__}._DjangoStaticFilesMiddleware",
                               *given["MIDDLEWARE"]]
    app.settings = given
    if not django_settings.configured:
        django_settings.configure(**given)
    django.setup()


class _DjangoStaticFilesMiddleware:
    """Serve STATIC_URL from the staticfiles finders, before other middleware.

    djscratch's handler serves a single-file app's static/ folder itself, in
    production too; on Django this middleware does the same job, so the test
    client and `python blog.py` serve blog.css with DEBUG off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings as django_settings

        prefix = urllib.parse.urlsplit(str(django_settings.STATIC_URL or "")).path
        prefix = "/" + prefix.lstrip("/") if prefix else ""
        if (prefix and request.method in ("GET", "HEAD")
                and request.path_info.startswith(prefix)):
            from django.contrib.staticfiles.views import serve
            from django.http import Http404
            from django.views.defaults import page_not_found

            try:
                return serve(request, request.path_info[len(prefix):], insecure=True)
            except Http404 as exc:
                return page_not_found(request, exc)
        return self.get_response(request)


def _django_template_backend():
    """Return DjscratchTemplates as a Django template backend class."""
    from django.template import TemplateDoesNotExist as DjangoTemplateDoesNotExist
    from django.template import TemplateSyntaxError as DjangoTemplateSyntaxError
    from django.template.backends.base import BaseEngine

    native_backend = _BACKENDS["djscratch.DjscratchTemplates"]

    class DjscratchTemplates(BaseEngine):
        """djscratch's `<< >>` template language as a Django template backend.

        TEMPLATES = [{"BACKEND": "djscratch.DjscratchTemplates", ...}] in a
        Django project: OPTIONS are those of djscratch's backend (including
        context_processors); rendering sends Django's template_rendered, so
        the test client's response.templates and assertTemplateUsed work.
        """

        app_dirname = "templates"

        def __init__(self, params):
            params = dict(params)
            options = dict(params.pop("OPTIONS", {}))
            super().__init__(params)
            from django.test import signals

            _package().template_rendered = signals.template_rendered
            self._native = native_backend({
                "NAME": self.name, "DIRS": list(self.template_dirs),
                "APP_DIRS": False, "OPTIONS": options})
            self.engine = self._native.engine

        def from_string(self, template_code):
            try:
                return self._native.from_string(template_code)
            except TemplateSyntaxError as exc:
                raise DjangoTemplateSyntaxError(str(exc)) from exc

        def get_template(self, template_name):
            try:
                return self._native.get_template(template_name)
            except TemplateDoesNotExist as exc:
                raise DjangoTemplateDoesNotExist(
                    template_name, tried=exc.tried, backend=self) from exc
            except TemplateSyntaxError as exc:
                raise DjangoTemplateSyntaxError(str(exc)) from exc

    DjscratchTemplates.__module__ = __name__
    DjscratchTemplates.__qualname__ = "DjscratchTemplates"
    return DjscratchTemplates


def _django_main(name, args, prog, app=None):
    """Run command `name` on real Django; return its exit status."""
    import argparse

    import django

    if app is None:
        djscratch.core.management.commands._ensure_settings()
        if os.environ.get("DJANGO_SETTINGS_MODULE"):
            django.setup()
    if name in ("runserver", "test"):
        func, arguments = COMMANDS[name]
        parser = argparse.ArgumentParser(
            prog=f"{prog} {name}", description=(func.__doc__ or "").strip())
        arguments(parser)
        options = parser.parse_args(args)
        if name == "runserver":
            return _django_runserver(options, app)
        return _django_test(options, app)
    if app is not None and name == "migrate" and "--run-syncdb" not in args:
        args = [*args, "--run-syncdb"]  # the app has models but no migrations
    from django.core.management import execute_from_command_line as django_main

    django_main([prog, name, *args])
    return 0


def _django_runserver(options, app):
    """Serve the app's Django WSGI application with djscratch's server."""
    from django.core.wsgi import get_wsgi_application

    host, port = _parse_addrport(options)
    if options.reload:
        print("Notice: --reload is djscratch's; on DJSCRATCH_ENGINE=django, restart "
              "the server by hand after editing.", file=sys.stderr, flush=True)
    if app is not None:  # a single-file app: its tables follow its models
        app._ensure_schema()
    run_server(get_wsgi_application(), host, port, threads=options.threads,
               trusted_proxy=getattr(options, "trusted_proxy", None))
    return 0


def _django_test(options, app):
    """Run the tests with Django's DiscoverRunner (and the app file's tests)."""
    from django.conf import settings as django_settings
    from django.test.runner import DiscoverRunner as DjangoRunner
    from django.test.utils import get_runner

    base = get_runner(django_settings) if django_settings.configured else DjangoRunner
    extra = [app.module] if app is not None else []

    class Runner(base):
        # Without a settings module, the settings come from App() in a test
        # module: import the tests first, then set up the test environment.
        _deferred = False

        def setup_test_environment(self, **kwargs):
            if django_settings.configured:
                super().setup_test_environment(**kwargs)
            else:
                self._deferred = True

        def build_suite(self, test_labels=None, **kwargs):
            suite = super().build_suite(test_labels, **kwargs)
            if extra and not options.labels:
                for module in extra:
                    suite.addTests(self.test_loader.loadTestsFromModule(module))
            if self._deferred:
                super().setup_test_environment()
            return suite

    runner = Runner(
        pattern=options.pattern, top_level=options.top_level,
        verbosity=options.verbosity, interactive=options.interactive,
        failfast=options.failfast, keepdb=options.keepdb, reverse=options.reverse,
        buffer=options.buffer, test_name_patterns=options.test_name_patterns,
        shuffle=options.shuffle, timing=options.timing, tags=options.tags,
        exclude_tags=options.exclude_tags, debug_mode=options.debug_mode)
    # `python app.py test`: the app's own tests, as on djscratch.
    labels = options.labels or [label for module in extra
                                for label in _app_test_labels(module)]
    failures = runner.run_tests(labels)
    return 1 if failures else 0


if _engine_is_django():
    _require_django()
    _use_django_names()
    _package().DjscratchTemplates = _django_template_backend()
