"""The commands and execute_from_command_line()
(django/core/management/): runserver, migrate, test, shell, check ...
"""

import os
import sys
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: djscratch.
import djscratch

from djscratch.utils.version import get_version
from djscratch.utils.module_loading import _package, import_string
from djscratch.utils.regex_helper import _re
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.management.base import CommandError, COMMANDS
from djscratch.conf import ENVIRONMENT_VARIABLE, GLOBAL_SETTINGS, settings
from djscratch.apps.registry import apps, setup
from djscratch.template.base import (
    DJANGO_SYNTAX, NATIVE_SYNTAX, Origin, Template, TemplateDoesNotExist,
    TemplateSyntaxError,
)
from djscratch.template.engine import Engine
from djscratch.template.backends import _template_syntax_problems
from djscratch.template.loader import get_template
from djscratch.db.utils import connections, DEFAULT_DB_ALIAS
from djscratch.db.schema_sync import (
    _migration_notices, emit_post_migrate_signal, sync_schema,
)
from djscratch.core.handlers.wsgi import get_wsgi_application
from djscratch.core.servers import (
    _parse_addrport, _RELOADER_ENV, _restart_with_reloader, _watch_for_changes,
    run_server,
)
from djscratch.test.client import _json_encoder_class
from djscratch.core.management.fixtures import (
    _dumpdata, _loaddata, DeserializationError,
)
from djscratch.test.runner import DiscoverRunner
from djscratch.two_engines import _django_main, _engine_is_django
from djscratch.django_alias import _ALIAS_RENAMES, DJANGO_MODULES

__all__ = [
    "execute_from_command_line", "call_command",
]


def command(name, arguments=None):
    """Register a command-line command; `arguments(parser)` adds its options."""

    def decorator(func):
        COMMANDS[name] = (func, arguments or (lambda parser: None))
        return func

    return decorator


def _ensure_settings(app=None):
    """Configure settings for a command run outside a single-file app.

    Order: --settings / DJANGO_SETTINGS_MODULE; else a manage.py in the current
    folder that sets DJANGO_SETTINGS_MODULE; else empty defaults.
    """
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        return
    manage = os.path.join(os.getcwd(), "manage.py")
    if os.path.exists(manage):
        import re

        with open(manage, encoding="utf-8") as f:
            found = re.search(
                r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""", f.read())
        if found:
            os.environ[ENVIRONMENT_VARIABLE] = found.group(1)
            return


@command("version")
def _cmd_version(options):
    """Print the djscratch version and the Django version it follows."""
    print(f"djscratch {djscratch.__version__} (Django {get_version()} API)")


def _commands_text(prog, default=None):
    """Return the list of commands, one a line with its summary."""
    lines = []
    for name in sorted(COMMANDS):
        doc = (COMMANDS[name][0].__doc__ or "").strip().splitlines()
        mark = "(default) " if name == default else ""
        lines.append(f"  {name:<14} {mark}{doc[0] if doc else ''}")
    if prog.endswith(".py"):
        prog = f"python {prog}"
    return ("Commands:\n" + "\n".join(lines)
            + f"\n\nRun `{prog} COMMAND --help` for a command's options.")


@command("help")
def _cmd_help(options):
    """List the commands."""
    print("Usage: python -m djscratch COMMAND [options]   (or: python app.py COMMAND)")
    print()
    print(_commands_text("python -m djscratch"))


def _check_arguments(parser):
    parser.add_argument("--deploy", action="store_true",
                        help="also check settings for production use")
    parser.add_argument("--fail-level", default="ERROR",
                        choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"],
                        help="the level of message that makes the command exit "
                             "with status 1 (default ERROR)")
    parser.add_argument("--compat", nargs="+", metavar="FILE_OR_FOLDER",
                        help="list the Django modules and names these Python "
                             "files import that djscratch does not implement")


#: The levels of Django's check messages, and the heading of each group.
_CHECK_LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40,
                 "CRITICAL": 50}
_CHECK_GROUPS = ((50, "CRITICALS"), (40, "ERRORS"), (30, "WARNINGS"),
                 (20, "INFOS"), (10, "DEBUGS"))

# The texts of Django's security checks (django.core.checks.security): they
# are Django's public output, kept word for word so tools that read them work.
_SECRET_KEY_WARNING = (
    "Your %s has less than 50 characters, less than 5 unique characters, or "
    "it's prefixed with 'django-insecure-' indicating that it was generated "
    "automatically by Django. Please generate a long and random value, otherwise "
    "many of Django's security-critical features will be vulnerable to attack.")
_SESSION_SECURE_TAIL = (" Using a secure-only session cookie makes it more "
                        "difficult for network traffic sniffers to hijack user "
                        "sessions.")
_SESSION_HTTPONLY_TAIL = (" Using an HttpOnly session cookie makes it more "
                          "difficult for cross-site scripting attacks to hijack "
                          "user sessions.")
_SESSIONS_APP_HAS = "You have 'django.contrib.sessions' in your INSTALLED_APPS, "
_SESSIONS_MIDDLEWARE_HAS = ("You have 'django.contrib.sessions.middleware."
                            "SessionMiddleware' in your MIDDLEWARE, ")
REFERRER_POLICY_VALUES = {
    "no-referrer", "no-referrer-when-downgrade", "origin",
    "origin-when-cross-origin", "same-origin", "strict-origin",
    "strict-origin-when-cross-origin", "unsafe-url",
}
CROSS_ORIGIN_OPENER_POLICY_VALUES = {
    "same-origin", "same-origin-allow-popups", "unsafe-none"}
SECURITY_CHECK_MESSAGES = {
    "security.W001": (
        "You do not have 'django.middleware.security.SecurityMiddleware' in your "
        "MIDDLEWARE so the SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, "
        "SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and "
        "SECURE_SSL_REDIRECT settings will have no effect."),
    "security.W002": (
        "You do not have 'django.middleware.clickjacking.XFrameOptionsMiddleware' "
        "in your MIDDLEWARE, so your pages will not be served with an "
        "'x-frame-options' header. Unless there is a good reason for your site to "
        "be served in a frame, you should consider enabling this header to help "
        "prevent clickjacking attacks."),
    "security.W003": (
        "You don't appear to be using Django's built-in cross-site request "
        "forgery protection via the middleware ('django.middleware.csrf."
        "CsrfViewMiddleware' is not in your MIDDLEWARE). Enabling the middleware "
        "is the safest approach to ensure you don't leave any holes."),
    "security.W004": (
        "You have not set a value for the SECURE_HSTS_SECONDS setting. If your "
        "entire site is served only over SSL, you may want to consider setting a "
        "value and enabling HTTP Strict Transport Security. Be sure to read the "
        "documentation first; enabling HSTS carelessly can cause serious, "
        "irreversible problems."),
    "security.W005": (
        "You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. "
        "Without this, your site is potentially vulnerable to attack via an "
        "insecure connection to a subdomain. Only set this to True if you are "
        "certain that all subdomains of your domain should be served exclusively "
        "via SSL."),
    "security.W006": (
        "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your "
        "pages will not be served with an 'X-Content-Type-Options: nosniff' "
        "header. You should consider enabling this header to prevent the browser "
        "from identifying content types incorrectly."),
    "security.W008": (
        "Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site "
        "should be available over both SSL and non-SSL connections, you may want "
        "to either set this setting True or configure a load balancer or "
        "reverse-proxy server to redirect all connections to HTTPS."),
    "security.W009": _SECRET_KEY_WARNING % "SECRET_KEY",
    "security.W010": _SESSIONS_APP_HAS + (
        "but you have not set SESSION_COOKIE_SECURE to True."
        + _SESSION_SECURE_TAIL),
    "security.W011": _SESSIONS_MIDDLEWARE_HAS + (
        "but you have not set SESSION_COOKIE_SECURE to True."
        + _SESSION_SECURE_TAIL),
    "security.W012": "SESSION_COOKIE_SECURE is not set to True." + _SESSION_SECURE_TAIL,
    "security.W013": _SESSIONS_APP_HAS + (
        "but you have not set SESSION_COOKIE_HTTPONLY to True."
        + _SESSION_HTTPONLY_TAIL),
    "security.W014": _SESSIONS_MIDDLEWARE_HAS + (
        "but you have not set SESSION_COOKIE_HTTPONLY to True."
        + _SESSION_HTTPONLY_TAIL),
    "security.W015": ("SESSION_COOKIE_HTTPONLY is not set to True."
                      + _SESSION_HTTPONLY_TAIL),
    "security.W016": (
        "You have 'django.middleware.csrf.CsrfViewMiddleware' in your MIDDLEWARE, "
        "but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only "
        "CSRF cookie makes it more difficult for network traffic sniffers to "
        "steal the CSRF token."),
    "security.W018": "You should not have DEBUG set to True in deployment.",
    "security.W019": (
        "You have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in "
        "your MIDDLEWARE, but X_FRAME_OPTIONS is not set to 'DENY'. Unless there "
        "is a good reason for your site to serve other parts of itself in a "
        "frame, you should change it to 'DENY'."),
    "security.W020": "ALLOWED_HOSTS must not be empty in deployment.",
    "security.W021": (
        "You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, "
        "your site cannot be submitted to the browser preload list."),
    "security.W022": (
        "You have not set the SECURE_REFERRER_POLICY setting. Without this, your "
        "site will not send a Referrer-Policy header. You should consider "
        "enabling this header to protect user privacy."),
    "security.E023": (
        "You have set the SECURE_REFERRER_POLICY setting to an invalid value."),
    "security.E024": (
        "You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an "
        "invalid value."),
}
_SECURITY_CHECK_HINTS = {
    "security.E023": "Valid values are: %s." % ", ".join(
        sorted(REFERRER_POLICY_VALUES)),
    "security.E024": "Valid values are: %s." % ", ".join(
        sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES)),
}


def _security_message(check_id, text=None):
    """Return a (level, id, text, hint) check message of Django's security set."""
    level = _CHECK_LEVELS["ERROR" if ".E" in check_id else "WARNING"]
    return (level, check_id, text or SECURITY_CHECK_MESSAGES[check_id],
            _SECURITY_CHECK_HINTS.get(check_id))


def _strong_secret_key(key):
    return (len(key) >= 50 and len(set(key)) >= 5
            and not key.startswith("django-insecure-"))


def _deploy_check_ids():
    """Yield the ids (or (id, text) pairs) of Django's deployment checks that
    the settings fail, in the order Django runs them."""
    middleware = settings.MIDDLEWARE
    security = "django.middleware.security.SecurityMiddleware" in middleware
    xframe = "django.middleware.clickjacking.XFrameOptionsMiddleware" in middleware
    csrf = "django.middleware.csrf.CsrfViewMiddleware" in middleware
    if not security:
        yield "security.W001"
    if not xframe:
        yield "security.W002"
    if security:
        hsts = settings.SECURE_HSTS_SECONDS
        if not hsts:
            yield "security.W004"
        if hsts and settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is not True:
            yield "security.W005"
        if hsts and settings.SECURE_HSTS_PRELOAD is not True:
            yield "security.W021"
        if settings.SECURE_CONTENT_TYPE_NOSNIFF is not True:
            yield "security.W006"
        if settings.SECURE_SSL_REDIRECT is not True:
            yield "security.W008"
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # an empty key is refused when read
        key = ""
    if not _strong_secret_key(key):
        yield "security.W009"
    for index, fallback in enumerate(settings.SECRET_KEY_FALLBACKS):
        if not _strong_secret_key(fallback):
            yield ("security.W025",
                   _SECRET_KEY_WARNING % f"SECRET_KEY_FALLBACKS[{index}]")
    if settings.DEBUG:
        yield "security.W018"
    if xframe and settings.X_FRAME_OPTIONS != "DENY":
        yield "security.W019"
    if not settings.ALLOWED_HOSTS:
        yield "security.W020"
    if security:
        policy = settings.SECURE_REFERRER_POLICY
        if policy is None:
            yield "security.W022"
        else:
            values = ({v.strip() for v in policy.split(",")}
                      if isinstance(policy, str) else set(policy))
            if not values <= REFERRER_POLICY_VALUES:
                yield "security.E023"
        coop = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        if coop is not None and coop not in CROSS_ORIGIN_OPENER_POLICY_VALUES:
            yield "security.E024"
    if not csrf:
        yield "security.W003"
    elif not settings.CSRF_USE_SESSIONS and settings.CSRF_COOKIE_SECURE is not True:
        yield "security.W016"
    yield from _session_cookie_check_ids("SESSION_COOKIE_SECURE",
                                         ("security.W010", "security.W011",
                                          "security.W012"))
    yield from _session_cookie_check_ids("SESSION_COOKIE_HTTPONLY",
                                         ("security.W013", "security.W014",
                                          "security.W015"))


def _session_cookie_check_ids(setting, ids):
    """Yield Django's warning for a session cookie flag that is not True: one
    id for the sessions app, one for the middleware, a third for both."""
    if getattr(settings, setting) is True:
        return
    app = "django.contrib.sessions" in settings.INSTALLED_APPS
    middleware = ("django.contrib.sessions.middleware.SessionMiddleware"
                  in settings.MIDDLEWARE)
    if app and middleware:
        yield ids[2]
    elif app:
        yield ids[0]
    elif middleware:
        yield ids[1]


def _format_check_messages(messages, fail_level):
    """Return (text, visible count, serious) for the check messages, in Django's layout:
    grouped by level, sorted, with the count of issues and of silenced ones."""
    silenced = set(settings.SILENCED_SYSTEM_CHECKS)
    visible = [m for m in messages if m[1] not in silenced]
    body = ""
    for level, heading in _CHECK_GROUPS:
        lines = sorted(
            f"{obj[0] if obj else '?'}: ({check_id}) {text}"
            + (f"\n\tHINT: {hint}" if hint else "")
            for msg_level, check_id, text, hint, *obj in visible if msg_level == level)
        if lines:
            body += "\n%s:\n%s\n" % (heading, "\n".join(lines))
    count = len(visible)
    issues = ("no issues" if not count else "1 issue" if count == 1
              else f"{count} issues")
    footer = ("\n" if count else "") + (
        f"System check identified {issues} ({len(messages) - count} silenced).")
    serious = any(m[0] >= _CHECK_LEVELS[fail_level] for m in visible)
    header = "System check identified some issues:\n" if count else ""
    if serious:
        header = "SystemCheckError: " + header
    return header + body + footer, count, serious


@command("check", _check_arguments)
def _cmd_check(options):
    """Check the settings, the URLconf and the templates for common problems."""
    if options.compat:
        return _compat_report(options.compat)
    setup()
    messages = []
    if settings.ROOT_URLCONF:
        import importlib

        try:
            importlib.import_module(settings.ROOT_URLCONF)
        except ImportError as err:
            messages.append((_CHECK_LEVELS["ERROR"], "djscratch.E001",
                             f"ROOT_URLCONF {settings.ROOT_URLCONF!r} cannot be "
                             f"imported: {err}", None))
    for path, line, check_id, message in _template_syntax_problems():
        messages.append((_CHECK_LEVELS["ERROR"], check_id, message, None,
                         f"{path}:{line}"))
    if options.deploy:
        for found in _deploy_check_ids():
            messages.append(_security_message(*(
                found if isinstance(found, tuple) else (found,))))
    text, visible, serious = _format_check_messages(
        messages, getattr(options, "fail_level", "ERROR"))
    print(text, file=sys.stderr if visible else sys.stdout)
    if serious:
        raise CommandError("", returncode=1)


def _shell_arguments(parser):
    parser.add_argument("-c", "--command",
                        help="instead of opening an interactive shell, run a "
                             "command and exit")


@command("shell", _shell_arguments)
def _cmd_shell(options):
    """Start an interactive Python shell with settings and models loaded."""
    import code

    setup()
    namespace = {"settings": settings}
    for model in apps.get_models():
        namespace[model.__name__] = model
    if getattr(options, "command", None) is not None:
        exec(options.command, namespace)  # the user's own code, as Django's -c
        return
    code.interact(local=namespace, banner=f"djscratch {djscratch.__version__} shell")


def _run_arguments(parser):
    parser.add_argument("script", help="the Python file to run")
    parser.add_argument("args", nargs="*", help="arguments passed to the script")


@command("run", _run_arguments)
def _cmd_run(options):
    """Run a Python script with the django.* alias active."""
    import runpy

    sys.argv = [options.script] + options.args
    sys.path.insert(0, os.path.dirname(os.path.abspath(options.script)))
    runpy.run_path(options.script, run_name="__main__")


# -- commands of the two engines section (check --compat) --

def _alias_provides(module, name=None):
    """Return True if djscratch implements django module `module` (and `name`)."""
    if module not in DJANGO_MODULES:
        return False
    if name is None or f"{module}.{name}" in DJANGO_MODULES:
        return True
    if module == "django.conf.global_settings":
        return name in GLOBAL_SETTINGS
    if name not in DJANGO_MODULES[module]:
        return False
    ours = _ALIAS_RENAMES.get(module, {}).get(name, name)
    return hasattr(_package(), ours)


def _compat_problems(filename):
    """Yield (line, col, message) for each django name `filename` uses that
    djscratch does not implement: imports, attributes of imported django
    modules (models.JSONField) and "django.x.y" dotted-path strings."""
    import ast

    with open(filename, "rb") as f:
        try:
            tree = ast.parse(f.read(), filename)
        except SyntaxError as err:
            yield err.lineno or 1, 0, f"cannot parse the file: {err.msg}"
            return
    bound = {}  # local name -> django module it names

    def check(node, module, name=None):
        if not _alias_provides(module):
            missing = module
            while "." in missing and not _alias_provides(missing.rpartition(".")[0]):
                missing = missing.rpartition(".")[0]
            return [(node.lineno, node.col_offset,
                     f"module {module} is not implemented by djscratch"
                     + (f" (nor is {missing})" if missing != module else ""))]
        if name is not None and not _alias_provides(module, name):
            return [(node.lineno, node.col_offset,
                     f"{module}.{name} is not implemented by djscratch")]
        return []

    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "django" or alias.name.startswith("django."):
                    problems += check(node, alias.name)
                    if alias.asname:
                        bound[alias.asname] = alias.name
                    else:
                        bound["django"] = "django"
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module == "django" or node.module.startswith("django.")):
            found = check(node, node.module)
            problems += found
            for alias in node.names:
                if found or alias.name == "*":
                    continue
                problems += check(node, node.module, alias.name)
                full = f"{node.module}.{alias.name}"
                if full in DJANGO_MODULES:
                    bound[alias.asname or alias.name] = full
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _re(r"^django(\.[A-Za-z_]\w*)+$").match(node.value):
                path = node.value
                module, _, name = path.rpartition(".")
                if not (_alias_provides(path) or _alias_provides(module, name)):
                    problems.append((node.lineno, node.col_offset,
                                     f"'{path}' names something djscratch does "
                                     "not implement"))
    for node in ast.walk(tree):  # models.JSONField, django.db.models.Q, ...
        if not isinstance(node, ast.Attribute):
            continue
        chain, value = [node.attr], node.value
        while isinstance(value, ast.Attribute):
            chain.append(value.attr)
            value = value.value
        if not isinstance(value, ast.Name) or value.id not in bound:
            continue
        module = bound[value.id]
        for name in reversed(chain):
            if f"{module}.{name}" in DJANGO_MODULES:
                module = f"{module}.{name}"
                continue
            if name == node.attr:  # an outer node's failure is reported once
                problems += check(node, module, name)
            break
    seen = set()
    for problem in sorted(problems):
        if problem not in seen:
            seen.add(problem)
            yield problem


def _compat_report(paths):
    """Print what djscratch does not implement of the django names that the
    Python files under `paths` use; fail (status 1) if there is anything."""
    files = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs
                                 if not d.startswith(".") and d != "__pycache__")
                files += [os.path.join(folder, n) for n in sorted(names)
                          if n.endswith(".py")]
        elif os.path.isfile(path):
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {path}")
    count = 0
    for filename in files:
        for line, col, message in _compat_problems(filename):
            count += 1
            print(f"{filename}:{line}:{col + 1}: {message}")
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''} checked"
    if count:
        print(f"{count} use{'s' if count != 1 else ''} of Django that djscratch does "
              f"not implement ({checked}); see the compatibility table in the "
              "README, or run on real Django with DJSCRATCH_ENGINE=django.")
        raise CommandError("", returncode=1)
    print(f"Every django import is implemented by djscratch ({checked}).")


# -- commands of the WSGI handler and server section (runserver) --

def _runserver_arguments(parser):
    parser.add_argument("addrport", nargs="?",
                        help="port or address:port (default 127.0.0.1:8000)")
    parser.add_argument("--host", help="address to listen on (or env HOST)")
    parser.add_argument("--port", type=int, help="port to listen on (or env PORT)")
    parser.add_argument("--reload", action="store_true",
                        help="restart when a source file changes (default with DEBUG)")
    parser.add_argument("--noreload", action="store_true",
                        help="never restart on source changes")
    parser.add_argument("--threads", type=int, default=4,
                        help="worker threads of the waitress server (default 4)")
    parser.add_argument("--trusted-proxy", metavar="ADDR",
                        help="the address of a reverse proxy (or '*') whose "
                             "X-Forwarded-Proto and X-Forwarded-For are kept")


@command("runserver", _runserver_arguments)
def _cmd_runserver(options, app=None):
    """Serve the app over HTTP (waitress; wsgiref if waitress is missing)."""
    host, port = _parse_addrport(options)
    setup()
    try:
        settings.SECRET_KEY  # noqa: B018 - an empty key is refused here
    except ImproperlyConfigured as err:
        raise CommandError("%s Refusing to serve: signed cookies and sessions "
                           "would be forgeable." % err) from None
    use_reloader = options.reload or (settings.DEBUG and not options.noreload)
    if use_reloader and os.environ.get(_RELOADER_ENV) != "true":
        status = _restart_with_reloader()
        if status:
            raise CommandError("", returncode=status)
        return
    if app is not None:
        application = app
        # A single-file app keeps its database in step with its models on
        # every start (in the serving process, not the reloader's parent).
        app._ensure_schema()
    elif settings.WSGI_APPLICATION:
        application = import_string(settings.WSGI_APPLICATION)
    else:
        application = get_wsgi_application()
    if use_reloader:
        threading.Thread(target=_watch_for_changes, daemon=True,
                         name="djscratch-reloader").start()
    run_server(application, host, port, threads=options.threads,
               trusted_proxy=getattr(options, "trusted_proxy", None))


# -- commands of the ORM section (migrate, dbshell, dumpdata, loaddata) --


def _dbshell_arguments(parser):
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS)


@command("dbshell", _dbshell_arguments)
def _cmd_dbshell(options):
    """Open the sqlite3 command-line shell on the database."""
    import shutil
    import subprocess

    setup()
    program = shutil.which("sqlite3")
    if program is None:
        raise CommandError("You appear not to have the 'sqlite3' program installed or "
                           "on your path.")
    name = str(connections[options.database].settings_dict["NAME"])
    status = subprocess.call([program, name])
    if status:
        raise CommandError("", returncode=status)

def _migrate_arguments(parser):
    parser.add_argument("app_label", nargs="?",
                        help="ignored (all apps are synced)")
    parser.add_argument("migration_name", nargs="?", help="ignored")
    parser.add_argument("--check", action="store_true",
                        help="exit non-zero if the database is behind the models")
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
    parser.add_argument("--run-syncdb", action="store_true",
                        help="accepted; always on")
    parser.add_argument("--noinput", "--no-input", action="store_true")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


@command("migrate", _migrate_arguments)
def _cmd_migrate(options):
    """Create missing tables and columns from the models (never drops anything)."""
    setup()
    verbosity = getattr(options, "verbosity", 1)
    if verbosity:
        for notice in _migration_notices():
            print(notice)
    result = sync_schema(using=options.database, check=options.check,
                         verbosity=verbosity)
    if options.check:
        if result.pending or result.refused:
            for line in result.pending:
                print("  Pending: %s" % line)
            for line in result.refused:
                print("  Refused: %s" % line)
            raise CommandError("", returncode=1)
        if verbosity:
            print("The database is up to date with the models.")
        return
    if verbosity:
        print("Operations to perform:\n  Synchronize the database with the models")
        for line in result.applied:
            print("  Applied: %s" % line)
        if not result.applied and not result.refused:
            print("  No changes.")
    emit_post_migrate_signal(verbosity, not options.noinput, options.database)
    if result.refused:
        raise CommandError(
            "These changes are destructive or ambiguous and were not applied:\n  "
            + "\n  ".join(result.refused))


# -- commands of the templates section (template) --


def _template_arguments(parser):
    parser.add_argument("name", help="a template name (as views load it) or a file")
    parser.add_argument("--using", help="the TEMPLATES engine NAME to load it with")
    parser.add_argument("--syntax", choices=["django", "native"],
                        help="for a file outside the template dirs: its syntax")
    parser.add_argument("--autoescape", choices=["on", "off"], default="on",
                        help="show the code for autoescaping on (default) or off")


@command("template", _template_arguments)
def _cmd_template(options):
    """Print the Python source a template compiles to."""
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        setup()
    template = None
    if not options.syntax:
        try:
            template = get_template(options.name, using=options.using).template
        except (TemplateDoesNotExist, ImproperlyConfigured) as err:
            if not os.path.isfile(options.name):
                tried = [str(origin) for e in getattr(err, "chain", [])
                         for origin, _reason in e.tried]
                raise CommandError(
                    f"Template {options.name!r} not found"
                    + (f"; tried: {', '.join(tried)}" if tried else "")) from None
    if template is None:
        if not os.path.isfile(options.name):
            raise CommandError(f"No such file: {options.name}")
        with open(options.name, encoding="utf-8") as f:
            source = f.read()
        syntax = NATIVE_SYNTAX if options.syntax == "native" else DJANGO_SYNTAX
        engine = Engine(dirs=[os.path.dirname(os.path.abspath(options.name))],
                        syntax=syntax)
        try:
            template = Template(source, Origin(options.name, options.name),
                                options.name, engine)
        except TemplateSyntaxError as err:
            raise CommandError(str(err)) from None
    print(template.python_source(autoescape=options.autoescape == "on"), end="")


# -- commands of the middleware section (clearsessions) --

@command("clearsessions")
def _cmd_clearsessions(options):
    """Delete expired sessions (for session engines that store them)."""
    setup()
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    try:
        store.clear_expired()
    except NotImplementedError:
        raise CommandError(
            "Session engine '%s' doesn't support clearing expired sessions."
            % settings.SESSION_ENGINE) from None


# -- commands of the test framework --


def _loaddata_arguments(parser):
    parser.add_argument("fixture_labels", nargs="+", metavar="fixture",
                        help="fixture name or path (JSON)")
    parser.add_argument("--database", default="default")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


def _cmd_loaddata(options):
    """Load JSON fixtures (from apps' fixtures/ folders, FIXTURE_DIRS or paths)."""
    setup()
    try:
        _loaddata(options.fixture_labels, using=options.database,
                  verbosity=options.verbosity)
    except DeserializationError as err:
        raise CommandError(str(err)) from None


def _dumpdata_arguments(parser):
    parser.add_argument("app_labels", nargs="*", metavar="app_label[.ModelName]")
    parser.add_argument("--database", default="default")
    parser.add_argument("--indent", type=int, default=None)
    parser.add_argument("-e", "--exclude", action="append", default=[])
    parser.add_argument("-o", "--output", help="write to this file")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


def _cmd_dumpdata(options):
    """Print the database's rows as a JSON fixture (loaddata reads it back)."""
    import json

    setup()
    try:
        rows = _dumpdata(options.app_labels, using=options.database,
                         exclude=options.exclude)
    except LookupError as err:
        raise CommandError(str(err)) from None
    text = json.dumps(rows, indent=options.indent, cls=_json_encoder_class())
    if options.output:
        with open(options.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        print(text)


# The ORM section owns these names; register ours only where it has none.
if "loaddata" not in COMMANDS:
    command("loaddata", _loaddata_arguments)(_cmd_loaddata)
if "dumpdata" not in COMMANDS:
    command("dumpdata", _dumpdata_arguments)(_cmd_dumpdata)


def _shuffle_seed(value):
    try:
        return int(value)
    except ValueError:
        raise __import__("argparse").ArgumentTypeError(
            f"invalid shuffle seed: {value!r} (expected an integer)") from None


def _parallel_value(value):
    if value == "auto" or value.isdigit():
        return value
    raise __import__("argparse").ArgumentTypeError(
        f"{value!r} is not an integer or the string 'auto'")


def _test_arguments(parser):
    parser.add_argument("labels", nargs="*", metavar="test_label",
                        help="module, class, method, folder or file to test")
    parser.add_argument("-k", dest="test_name_patterns", action="append",
                        help="only run tests whose name matches the pattern")
    parser.add_argument("--failfast", action="store_true",
                        help="stop at the first failure")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])
    parser.add_argument("-p", "--pattern", default="test*.py",
                        help="file name pattern for discovery")
    parser.add_argument("-t", "--top-level-directory", dest="top_level")
    parser.add_argument("--keepdb", action="store_true",
                        help="keep the test database between runs")
    parser.add_argument("--noinput", "--no-input", action="store_false",
                        dest="interactive", help="never prompt")
    parser.add_argument("-r", "--reverse", action="store_true",
                        help="run the tests in reverse order")
    parser.add_argument("--shuffle", nargs="?", default=False, type=_shuffle_seed,
                        metavar="SEED",
                        help="shuffle the tests (with SEED: the same order again)")
    parser.add_argument("-b", "--buffer", default=True,
                        action=__import__("argparse").BooleanOptionalAction,
                        help="hide what tests print unless they fail (default; "
                             "--no-buffer shows it as it comes)")
    parser.add_argument("--timing", action="store_true",
                        help="print how long database setup and teardown took")
    parser.add_argument("--tag", action="append", dest="tags",
                        help="run only tests with this tag (repeatable)")
    parser.add_argument("--exclude-tag", action="append", dest="exclude_tags",
                        help="skip tests with this tag (repeatable)")
    parser.add_argument("--parallel", nargs="?", const="auto", default=0,
                        metavar="N", type=_parallel_value,
                        help="accepted for Django compatibility; tests run in "
                             "one process")
    parser.add_argument("--debug-mode", action="store_true",
                        help="run the tests with DEBUG = True")
    parser.add_argument("--testrunner", help="dotted path of a runner class")


@command("test", _test_arguments)
def _cmd_test(options, app=None):
    """Run the tests (unittest discovery of test*.py, Django's label forms)."""
    extra = [app.module] if app is not None else []
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        setup()
    runner_class = DiscoverRunner
    runner_path = getattr(options, "testrunner", None) or (
        settings.TEST_RUNNER if settings.configured else None)
    if runner_path and runner_path != "django.test.runner.DiscoverRunner":
        runner_class = import_string(runner_path)
    runner = runner_class(
        pattern=options.pattern, top_level=options.top_level,
        verbosity=options.verbosity, interactive=getattr(options, "interactive", True),
        failfast=options.failfast, keepdb=options.keepdb, reverse=options.reverse,
        buffer=options.buffer, test_name_patterns=options.test_name_patterns,
        shuffle=getattr(options, "shuffle", False), timing=getattr(
            options, "timing", False), tags=getattr(options, "tags", None),
        exclude_tags=getattr(options, "exclude_tags", None),
        parallel=getattr(options, "parallel", 0),
        debug_mode=getattr(options, "debug_mode", False), extra_modules=extra)
    failures = runner.run_tests(options.labels)
    if failures:
        raise CommandError("", returncode=1)


def execute_from_command_line(argv=None, default_command="help", app=None):
    """Run a command from argv; return (or exit with) its status."""
    import argparse
    import inspect

    argv = list(sys.argv if argv is None else argv)
    prog = os.path.basename(argv[0]) if argv else "djscratch"
    if prog == "__main__.py" or prog == "djscratch.py":
        prog = "python -m djscratch"
    args = argv[1:]
    # Global options, Django's spelling: --settings and --pythonpath.
    def set_settings_module(value):
        os.environ[ENVIRONMENT_VARIABLE] = value

    def add_python_path(value):
        sys.path.insert(0, value)

    for flag, apply in (("--settings", set_settings_module),
                        ("--pythonpath", add_python_path)):
        for i, arg in enumerate(list(args)):
            if arg == flag and i + 1 < len(args):
                apply(args[i + 1])
                del args[i:i + 2]
                break
            if arg.startswith(flag + "="):
                apply(arg.split("=", 1)[1])
                del args[i]
                break
    implicit = False
    if args and args[0] == "--version":  # as django-admin --version
        name, args = "version", args[1:]
    elif args and args[0] in ("-h", "--help") and default_command == "help":
        name, args = "help", args[1:]
    elif not args or args[0].startswith("-"):
        name, implicit = default_command, True
    else:
        name, args = args[0], args[1:]
    if _engine_is_django() and name not in ("help", "version", "run") and not (
            name == "check" and "--compat" in args):
        return _exit(_django_main(name, args, prog, app))
    if name not in COMMANDS:
        import difflib

        close = difflib.get_close_matches(name, COMMANDS)
        print(f"Unknown command: {name!r}"
              + (f". Did you mean {close[0]}?" if close else ""), file=sys.stderr)
        print(f"Type '{prog} help' for usage.", file=sys.stderr)
        return _exit(2)
    func, arguments = COMMANDS[name]
    parser = argparse.ArgumentParser(
        prog=f"{prog} {name}", description=(func.__doc__ or "").strip(),
        # `app.py --help` shows the default command's options and the others.
        epilog=_commands_text(prog, default_command) if implicit else None,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments(parser)
    options = parser.parse_args(args)
    if cwd_first := os.getcwd():
        if cwd_first not in sys.path:
            sys.path.insert(0, cwd_first)
    if app is None:
        _ensure_settings()
    try:
        if "app" in inspect.signature(func).parameters:
            func(options, app=app)
        else:
            func(options)
    except CommandError as err:
        if str(err):
            print(f"CommandError: {err}", file=sys.stderr)
        return _exit(err.returncode)
    except ImproperlyConfigured as err:
        # A setup problem, not a bug: say what is wrong, without a traceback.
        print(f"ImproperlyConfigured: {err}", file=sys.stderr)
        if not settings.configured:
            print(f"Run `{prog} {name}` in the folder of your project's "
                  "manage.py, or pass --settings=mysite.settings; a single-file "
                  f"app runs its own commands: `python app.py {name}`.",
                  file=sys.stderr)
        return _exit(1)
    except KeyboardInterrupt:
        return _exit(130)
    return _exit(0)


def _exit(status):
    if status:
        sys.exit(status)
    return status


def call_command(name, *args, **options):
    """Run a command from Python code, as Django's call_command does."""
    import argparse

    if name not in COMMANDS:
        raise CommandError(f"Unknown command: {name!r}")
    func, arguments = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=name)
    arguments(parser)
    argv = [str(a) for a in args]
    namespace = parser.parse_args(argv)
    for key, value in options.items():
        setattr(namespace, key, value)
    return func(namespace)


def main():
    """Entry point of `python -m djscratch` and the `djscratch` script."""
    return execute_from_command_line(sys.argv)
