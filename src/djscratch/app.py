"""App: one script becomes a whole project (settings, one app, URLs,
the command line).  No Django counterpart.
"""

import os
import sys
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: core.handlers.wsgi, core.management.commands,
# db.schema_sync, test.utils, two_engines.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.apps.registry import apps, setup

__all__ = [
    "App",
]


#: The middleware list of Django's startproject template, less the parts
#: djscratch does not implement (auth).  A single-file app starts with it.
DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def _persistent_secret_key(directory, label):
    """Return a secret key kept in `directory`, creating it (mode 0600) once."""
    import secrets

    path = os.path.join(directory, f".{label}.secret_key")
    try:
        with open(path, encoding="ascii") as f:
            key = f.read().strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    os.makedirs(directory, exist_ok=True)
    # O_EXCL: if two processes race, one creates the file, the other reads it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path, encoding="ascii") as f:
            return f.read().strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key


def _in_test_environment():
    """Return True while a test run is set up: its database is the runner's."""
    if djscratch.two_engines._engine_is_django():
        from django.test.utils import _TestState as django_test_state

        return hasattr(django_test_state, "saved_data")
    # Before the test framework is loaded (the single file builds it on first
    # use) no test run can be set up.
    state = djscratch._defined_yet("_TestState")
    return state is not None and state.saved is not None


class App:
    """Make one Python file a whole Django-style project.

    Call it once at the top of the script, before importing from django:

        app = djscratch.App(__name__, DEBUG=True)

    It configures settings with defaults suited to a single file (the script
    is the URLconf and the only installed app, named after the file;
    templates/ and static/ beside it; a SQLite file beside it; SECRET_KEY
    from the environment or generated once and kept beside the database;
    DEBUG off unless asked for), and any setting may be given as a keyword.
    The App is a WSGI application, and app.main() is the command line.
    Whichever server runs it, its tables are created (the schema synced, as
    `migrate` does) before its first request.
    """

    def __init__(self, import_name, **options):
        module = sys.modules[import_name]
        path = getattr(module, "__file__", None) or os.path.join(os.getcwd(), "app.py")
        self.module = module
        self.base_dir = os.path.dirname(os.path.abspath(path))
        self.label = os.path.splitext(os.path.basename(path))[0]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The file name {os.path.basename(path)!r} cannot be an app label; "
                "name the file like a Python module (letters, digits, underscores)."
            )
        # `python blog.py` runs the file as __main__; make `import blog` (from
        # tests or the runner) return this same module instead of a second copy
        # with a second set of models.
        if import_name == "__main__":
            sys.modules.setdefault(self.label, module)
        module._djscratch_app = True
        module._djscratch_label = self.label
        self._wsgi = None
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        if djscratch.two_engines._engine_is_django():  # DJSCRATCH_ENGINE=django: configure real Django  # noqa: E501
            djscratch.two_engines._configure_django(self, import_name, options)
            return
        apps._module_labels[import_name] = self.label
        apps._module_labels[self.label] = self.label
        self.settings = self._default_settings(options)
        if not settings.configured:
            settings.configure(**self.settings)

    def _default_settings(self, options):
        base = self.base_dir
        db_path = options.pop("DATABASE", None) or os.path.join(
            base, f"{self.label}.sqlite3")
        defaults = {
            "DEBUG": os.environ.get("DEBUG", "").lower() in ("1", "true", "yes", "on"),
            "ROOT_URLCONF": self.label,
            "INSTALLED_APPS": [
                "django.contrib.sessions", "django.contrib.messages",
                "django.contrib.staticfiles", self.label,
            ],
            "MIDDLEWARE": list(DEFAULT_MIDDLEWARE),
            "TEMPLATES": [{
                "BACKEND": "djscratch.DjscratchTemplates",
                "DIRS": [os.path.join(base, "templates")],
                "APP_DIRS": False,
                "OPTIONS": {
                    # Django's {{ }} {% %} or the native << >> <% %>: each
                    # template is read in the syntax it is written in.
                    "syntax": "auto",
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.messages.context_processors.messages",
                    ],
                },
            }],
            "DATABASES": {"default": {
                "ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
            "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
            "STATIC_URL": "static/",
            # Only an existing folder: Django's check warns of a missing one
            # (staticfiles.W004), which the user never asked for here.
            "STATICFILES_DIRS": [path for path in [os.path.join(base, "static")]
                                 if os.path.isdir(path)],
            "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
            "ALLOWED_HOSTS": [".localhost", "127.0.0.1", "[::1]"],
            "USE_TZ": True,
            "TIME_ZONE": "UTC",
        }
        defaults.update(options)
        if not defaults.get("SECRET_KEY"):
            defaults["SECRET_KEY"] = os.environ.get("SECRET_KEY") or (
                _persistent_secret_key(
                    os.path.dirname(os.path.abspath(defaults["DATABASES"]["default"]["NAME"]))
                    if defaults["DATABASES"]["default"]["NAME"] != ":memory:" else base,
                    self.label))
        return defaults

    def __call__(self, environ, start_response):
        """Serve a WSGI request (so `waitress-serve blog:app` works)."""
        if self._wsgi is None:
            if djscratch.two_engines._engine_is_django():
                from django.core.wsgi import get_wsgi_application as django_wsgi

                self._wsgi = django_wsgi()
            else:
                self._wsgi = djscratch.core.handlers.wsgi.get_wsgi_application()
        if not self._schema_ready:
            self._ensure_schema()
        return self._wsgi(environ, start_response)

    def _ensure_schema(self):
        """Sync the database schema with the models once per process, as
        `migrate` does, so that the first request finds its tables whatever
        server runs the app.  A test run's database is left to the runner."""
        if self._schema_ready or _in_test_environment():
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            if djscratch.two_engines._engine_is_django():
                from django.core.management import call_command

                call_command("migrate", run_syncdb=True, verbosity=0,
                             interactive=False)
            else:
                setup()
                djscratch.db.schema_sync._sync_schema_for_app()
            self._schema_ready = True

    def main(self, argv=None):
        """Run the command line for this app: runserver, test, migrate, ..."""
        return djscratch.core.management.commands.execute_from_command_line(
            [self.module.__file__] + list(sys.argv[1:] if argv is None else argv),
            default_command="runserver", app=self)
