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
from djscratch.utils.module_loading import import_string
from djscratch.utils.regex_helper import _re
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.management.base import (
    _BUILTIN_COMMAND_CLASSES, BaseCommand, CommandError, COMMANDS, SystemCheckError,
)
from djscratch.core.management.color import color_style
from djscratch.conf import ENVIRONMENT_VARIABLE, settings
from djscratch.apps.registry import apps, setup
from djscratch.template.base import (
    DJANGO_SYNTAX, NATIVE_SYNTAX, Origin, Template, TemplateDoesNotExist,
    TemplateSyntaxError,
)
from djscratch.template.engine import Engine
from djscratch.template.loader import get_template
from djscratch.db.utils import _router, connections, DatabaseError, DEFAULT_DB_ALIAS
from djscratch.db.transaction import transaction
from djscratch.core.cache import caches
from djscratch.core.cache.backends.base import InvalidCacheBackendError
from djscratch.core.cache.backends.db import BaseDatabaseCache
from djscratch.core.checks.registry import registry, tag_exists
from djscratch.db.schema_sync import (
    _migration_notices, emit_post_migrate_signal, sync_schema,
)
from djscratch.core.handlers.wsgi import get_wsgi_application
from djscratch.core.servers import (
    _parse_addrport, _RELOADER_ENV, _restart_with_reloader, _watch_for_changes,
    run_server,
)
from djscratch.core.management.utils import parse_apps_and_model_labels
from djscratch.core.serializers import (
    get_public_serializer_formats, serialize, sort_dependencies,
)
from djscratch.core.management.fixtures import _loaddata
from djscratch.test.runner import DiscoverRunner
from djscratch.two_engines import _django_main, _engine_is_django
from djscratch.django_alias import _alias_provides, DJANGO_MODULES

__all__ = [
    "execute_from_command_line", "call_command", "get_commands",
    "load_command_class", "find_commands",
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


def _help_arguments(parser):
    parser.add_argument("subcommand", nargs="?", help="the command to describe")
    parser.add_argument("--commands", action="store_true",
                        help="only list the command names")


@command("help", _help_arguments)
def _cmd_help(options):
    """List the commands, grouped by app as Django does."""
    prog = getattr(options, "prog_name", "python -m djscratch")
    subcommand = getattr(options, "subcommand", None)
    if subcommand:
        return _print_command_help(prog, subcommand)
    commands = get_commands()
    if getattr(options, "commands", False):
        print("\n".join(sorted(commands)))
        return
    print(main_help_text(prog, commands))


def main_help_text(prog, commands=None):
    """Django's `manage.py help`: the commands under a [section] per app."""
    commands = get_commands() if commands is None else commands
    usage = ["", "Type '%s help <subcommand>' for help on a specific subcommand."
             % prog, "", "Available subcommands:"]
    groups = {}
    for name, app_name in commands.items():
        if name in _CONTRIB_COMMANDS and app_name == "django.core":
            app_name = _CONTRIB_COMMANDS[name]
            if not _is_installed(app_name):
                continue  # Django lists an app's commands only when it is installed
            app_name = app_name.rpartition(".")[-1]
        elif app_name == "django.core":
            app_name = "django" if name in _DJANGO_COMMANDS else "djscratch"
        else:
            app_name = app_name.rpartition(".")[-1]
        groups.setdefault(app_name, []).append(name)
    style = color_style()
    for app_name in sorted(groups):
        usage.append("")
        usage.append(style.NOTICE("[%s]" % app_name))
        usage.extend("    %s" % name for name in sorted(groups[app_name]))
    return "\n".join(usage)


#: The built-in commands that Django has too (the others are djscratch's).
_DJANGO_COMMANDS = {"check", "dbshell", "dumpdata", "help", "loaddata", "migrate",
                    "runserver", "shell", "test", "version", "sendtestemail"}

#: Built-in commands that Django's contrib apps bring, listed under the app.
_CONTRIB_COMMANDS = {"changepassword": "django.contrib.auth",
                     "createsuperuser": "django.contrib.auth",
                     "clearsessions": "django.contrib.sessions"}
#: Contrib commands that are BaseCommand classes, found as Django finds an
#: app's commands (<app>.management.commands.<name>.Command).
_CONTRIB_CLASS_COMMANDS = {"collectstatic": "django.contrib.staticfiles",
                           "findstatic": "django.contrib.staticfiles"}


def _is_installed(app_name):
    """True if INSTALLED_APPS names `app_name` (or one of its AppConfigs)."""
    if not settings.configured:
        return False
    return any(entry == app_name or entry.startswith(app_name + ".")
               for entry in settings.INSTALLED_APPS)


def _print_command_help(prog, name):
    """`help <subcommand>`: the command's argparse help."""
    commands = get_commands()
    if name not in commands:
        _unknown_command(prog, name, commands)
        return
    if commands[name] != "django.core":
        load_command_class(commands[name], name).print_help(prog, name)
        return
    func, arguments = COMMANDS[name]
    parser = _builtin_parser(f"{prog} {name}", func, arguments)
    parser.print_help()


def _builtin_parser(prog, func, arguments, epilog=None):
    import argparse

    parser = argparse.ArgumentParser(
        prog=prog, description=(func.__doc__ or "").strip(), epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments(parser)
    return parser


_NO_MIGRATION_FILES = (
    "djscratch has no migration files: `migrate` creates the tables from the "
    "models and ignores migrations/ folders")
#: Django's commands that djscratch does not implement, and why.
_DJANGO_ONLY_COMMANDS = {
    **dict.fromkeys(("makemigrations", "sqlmigrate", "showmigrations",
                     "squashmigrations", "optimizemigration"), _NO_MIGRATION_FILES),
    **dict.fromkeys(("startproject", "startapp"),
                    "create projects and apps with Django's django-admin: the files "
                    "it writes run on djscratch"),
    **dict.fromkeys(("compilemessages", "createcachetable", "diffsettings", "flush",
                     "inspectdb", "makemessages", "sqlflush", "sqlsequencereset",
                     "testserver"),
                    "not implemented"),
}


def _django_only_message(name):
    """Why djscratch refuses one of Django's commands, and where it runs."""
    return ("djscratch does not implement Django's %r command (%s). Run it on "
            "Django 5.2: with Django installed, manage.py uses it, and "
            "DJSCRATCH_ENGINE=django makes djscratch hand over to it."
            % (name, _DJANGO_ONLY_COMMANDS[name]))


def _unknown_command(prog, name, commands):
    import difflib

    if name in _DJANGO_ONLY_COMMANDS:
        print(_django_only_message(name), file=sys.stderr)
        return
    close = difflib.get_close_matches(name, commands)
    print(f"Unknown command: {name!r}"
          + (f". Did you mean {close[0]}?" if close else ""), file=sys.stderr)
    print(f"Type '{prog} help' for usage.", file=sys.stderr)


# -- the commands of installed apps (<app>/management/commands/<name>.py) --

def find_commands(management_dir):
    """Return the command names in <management_dir>/commands (Django's rule:
    modules, not packages, whose name does not start with an underscore)."""
    import pkgutil

    command_dir = os.path.join(management_dir, "commands")
    return [name for _, name, is_pkg in pkgutil.iter_modules([command_dir])
            if not is_pkg and not name.startswith("_")]


def load_command_class(app_name, name):
    """Return an instance of the Command class of an app's command module."""
    import importlib

    module = importlib.import_module("%s.management.commands.%s" % (app_name, name))
    return module.Command()


def get_commands():
    """Return {command name: "django.core" or the app that provides it}: the
    built-in commands, overridden by the installed apps' (the first app listed
    wins, as in Django)."""
    commands = {name: "django.core" for name in COMMANDS}
    if not settings.configured or not apps.ready:
        return commands
    commands.update({name: app for name, app in _CONTRIB_CLASS_COMMANDS.items()
                     if _is_installed(app)})
    for app_config in reversed(list(apps.get_app_configs())):
        if app_config.path:
            path = os.path.join(app_config.path, "management")
            commands.update({name: app_config.name for name in find_commands(path)})
    return commands


def _load_apps_for_commands():
    """Load the settings and apps so the apps' commands can be found; a broken
    setup is left for the command itself to report."""
    try:
        if not (settings.configured or os.environ.get(ENVIRONMENT_VARIABLE)):
            return
        settings.INSTALLED_APPS  # noqa: B018 - configures the settings
        if not apps.ready:
            setup()
    except Exception:  # noqa: BLE001 - reported by the command that needs them
        return


def _check_arguments(parser):
    parser.add_argument("args", metavar="app_label", nargs="*")
    parser.add_argument("--tag", "-t", action="append", dest="tags",
                        help="Run only checks labeled with given tag.")
    parser.add_argument("--list-tags", action="store_true",
                        help="List available tags.")
    parser.add_argument("--deploy", action="store_true",
                        help="Check deployment settings.")
    parser.add_argument("--fail-level", default="ERROR",
                        choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"],
                        help="Message level that will cause the command to exit "
                             "with a non-zero status. Default is ERROR.")
    parser.add_argument("--database", action="append", dest="databases",
                        help="Run database related checks against these aliases.")
    parser.add_argument("--compat", nargs="+", metavar="FILE_OR_FOLDER",
                        help="list the Django modules and names these Python "
                             "files import that djscratch does not implement")


@command("check", _check_arguments)
def _cmd_check(options):
    """Check the settings, models, URLconf and templates for common problems."""
    if options.compat:
        return _compat_report(options.compat)
    setup()
    include_deployment_checks = options.deploy
    if options.list_tags:
        print("\n".join(sorted(registry.tags_available(include_deployment_checks))))
        return
    app_configs = ([apps.get_app_config(label) for label in options.args]
                   if options.args else None)
    tags = options.tags
    for tag in tags or ():
        if not tag_exists(tag, include_deployment_checks):
            raise CommandError('There is no system check with the "%s" tag.' % tag)
    BaseCommand().check(
        app_configs=app_configs, tags=tags, display_num_errors=True,
        include_deployment_checks=include_deployment_checks,
        fail_level=_CHECK_LEVELS[options.fail_level], databases=options.databases)


#: The levels --fail-level names.
_CHECK_LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40,
                 "CRITICAL": 50}


def _shell_arguments(parser):
    parser.add_argument("--no-startup", action="store_true",
                        help="When using plain Python, ignore the PYTHONSTARTUP "
                             "environment variable and ~/.pythonrc.py script.")
    parser.add_argument("--no-imports", action="store_true",
                        help="Disable automatic imports of models.")
    parser.add_argument("-i", "--interface", choices=["ipython", "bpython", "python"],
                        help="Specify an interactive interpreter interface. "
                             'Available options: "ipython", "bpython", and "python"')
    parser.add_argument("-c", "--command",
                        help="Instead of opening an interactive shell, run a command "
                             "as Django and exit.")
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3],
                        default=1, help="Verbosity level; 0=minimal output, "
                        "1=normal output, 2=verbose output, 3=very verbose output")


@command("shell", _shell_arguments)
def _cmd_shell(options):
    """Runs a Python interactive interpreter. Tries to use IPython or bpython, if
    one of them is available. Any standard input is executed as code."""
    setup()
    namespace = {"settings": settings}  # djscratch's addition to Django's names
    if not getattr(options, "no_imports", False):
        namespace.update(_shell_auto_imports(getattr(options, "verbosity", 1)))
    if getattr(options, "command", None) is not None:
        exec(options.command, namespace)  # the user's own code, as Django's -c
        return
    if sys.platform != "win32" and not sys.stdin.isatty():
        import select

        if select.select([sys.stdin], [], [], 0)[0]:  # piped code, as Django
            exec(sys.stdin.read(), namespace)
            return
    _interact(namespace, getattr(options, "interface", None),
              getattr(options, "no_startup", False))


def _shell_auto_imports(verbosity):
    """Django 5.2's automatic imports: every installed model, an earlier app's
    winning a name clash; the count (or, at -v 2, the imports) printed."""
    by_module = {}
    for model in reversed(apps.get_models()):
        module = model.__module__
        if module.split(".")[0] == "djscratch":  # a contrib model: Django's path
            module = model._meta.app_config.name + ".models"
        by_module.setdefault(module, []).append(model)
    namespace = {model.__name__: model for models in by_module.values()
                 for model in models}
    if verbosity < 1:
        return namespace
    count = len(namespace)
    message = "%d %s imported automatically" % (
        count, "object" if count == 1 else "objects")
    if verbosity < 2:
        message += " (use -v 2 for details)." if count else "."
    elif count:
        message += ":\n\n" + "\n".join(
            "  from %s import %s" % (module, ", ".join(m.__name__ for m in models))
            for module, models in by_module.items())
    else:
        message += "."
    print(color_style().SUCCESS(message) + "\n")
    return namespace


def _interact(namespace, interface, no_startup):
    """The interactive interpreter: IPython or bpython when asked for (or,
    as Django, when installed), else Python's own."""
    import code

    for name in ([interface] if interface else ["ipython", "bpython", "python"]):
        try:
            if name == "ipython":
                from IPython import start_ipython

                return start_ipython(argv=[], user_ns=namespace)
            if name == "bpython":
                import bpython

                return bpython.embed(namespace)
        except ImportError:
            continue
        break
    else:
        raise CommandError("Couldn't import %s interface." % interface)
    if not no_startup:
        _run_python_startup(namespace)
    code.interact(local=namespace, banner=f"djscratch {djscratch.__version__} shell")


def _run_python_startup(namespace):
    """PYTHONSTARTUP and ~/.pythonrc.py, as Django's plain Python shell runs them."""
    import traceback

    paths = [os.environ.get("PYTHONSTARTUP"), os.path.expanduser("~/.pythonrc.py")]
    for path in dict.fromkeys(p for p in paths if p):
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        try:
            exec(compile(source, path, "exec"), namespace)
        except Exception:
            traceback.print_exc()


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

    guarded = _version_guarded_imports(tree)
    problems = []
    for node in ast.walk(tree):
        if node in guarded:
            continue
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
    rebound = _names_rebound_in_functions(tree)
    for node in ast.walk(tree):  # models.JSONField, django.db.models.Q, ...
        if not isinstance(node, ast.Attribute):
            continue
        chain, value = [node.attr], node.value
        while isinstance(value, ast.Attribute):
            chain.append(value.attr)
            value = value.value
        if not isinstance(value, ast.Name) or value.id not in bound:
            continue
        if (value.id, node) in rebound:  # a local `template = loader.get_template(...)`
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


def _names_rebound_in_functions(tree):
    """(name, attribute node) pairs where the attribute's base name is a local
    of the function around it (an argument or an assignment there), so it is
    not the django module imported under that name at the top of the file."""
    import ast

    functions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    pairs = set()
    for function in ast.walk(tree):
        if not isinstance(function, functions):
            continue
        arguments = function.args
        local = {a.arg for a in (*arguments.posonlyargs, *arguments.args,
                                 *arguments.kwonlyargs, arguments.vararg,
                                 arguments.kwarg) if a is not None}
        local |= {n.id for n in ast.walk(function)
                  if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute):
                base = node.value
                while isinstance(base, ast.Attribute):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in local:
                    pairs.add((base.id, node))
    return pairs


def _version_guarded_imports(tree):
    """The import statements a file guards against their absence: inside
    `try:` with an ImportError handler, or under an `if` that tests a
    VERSION (`if django.VERSION >= (5, 1):`). The file runs without them."""
    import ast

    def catches_import_error(handler):
        names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [
            handler.type]
        return handler.type is None or any(
            isinstance(n, ast.Name) and n.id in (
                "ImportError", "ModuleNotFoundError", "Exception")
            for n in names)

    guarded = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
                catches_import_error(h) for h in node.handlers):
            blocks = node.body
        elif isinstance(node, ast.If) and "VERSION" in ast.dump(node.test):
            blocks = node.body + node.orelse
        else:
            continue
        for statement in blocks:
            guarded.update(n for n in ast.walk(statement)
                           if isinstance(n, (ast.Import, ast.ImportFrom)))
    return guarded


#: What `check --compat` leaves out, and why: files djscratch never runs.
_COMPAT_SKIPPED = {
    "migrations": "migrations/ folders are Django's (djscratch creates the "
                  "tables from the models)",
}


def _compat_report(paths):
    """Print what djscratch does not implement of the django names that the
    Python files under `paths` use; fail (status 1) if there is anything."""
    files, skipped = [], []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                skipped += [os.path.join(folder, d) for d in sorted(dirs)
                            if d in _COMPAT_SKIPPED]
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and d not in ("__pycache__", *_COMPAT_SKIPPED))
                skipped += [os.path.join(folder, n) for n in sorted(names)
                            if n in _COMPAT_SKIPPED]
                files += [os.path.join(folder, n) for n in sorted(names)
                          if n.endswith(".py") and n not in _COMPAT_SKIPPED]
        elif os.path.isfile(path):
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {path}")
    for path in skipped:
        print(f"{path}: skipped: {_COMPAT_SKIPPED[os.path.basename(path)]}")
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


# -- commands of the cache framework (createcachetable) --

def _createcachetable_arguments(parser):
    parser.add_argument("args", metavar="table_name", nargs="*",
                        help="Optional table names. Otherwise, settings.CACHES is "
                             "used to find cache tables.")
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                        help='Nominates a database onto which the cache tables will '
                             'be installed. Defaults to the "default" database.')
    parser.add_argument("--dry-run", action="store_true",
                        help="Does not create the table, just prints the SQL that "
                             "would be run.")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


@command("createcachetable", _createcachetable_arguments)
def _cmd_createcachetable(options):
    """Creates the tables needed to use the SQL cache backend."""
    setup()
    tablenames = options.args
    if not tablenames:
        tablenames = [caches[alias]._table for alias in settings.CACHES
                      if isinstance(caches[alias], BaseDatabaseCache)]
    for tablename in tablenames:
        _create_cache_table(options.database, tablename, options.dry_run,
                            options.verbosity)


def _create_test_cache_tables(database):
    """Make the database caches' tables in a new test database, as Django's
    test runner does; caches that cannot be built are left to the tests."""
    for alias in settings.CACHES:
        try:
            backend = caches[alias]
        except InvalidCacheBackendError:
            continue
        if isinstance(backend, BaseDatabaseCache):
            _create_cache_table(database, backend._table, False, 0)


def _cache_table_sql(connection, tablename):
    """Return (CREATE TABLE, [CREATE INDEX]) as Django writes them for SQLite."""
    qn = connection.ops.quote_name
    columns = [
        f"{qn('cache_key')} varchar(255) NOT NULL PRIMARY KEY",
        f"{qn('value')} text NOT NULL",
        f"{qn('expires')} datetime NOT NULL",
    ]
    lines = [f"CREATE TABLE {qn(tablename)} ("]
    lines += ["    " + column + ("," if i < len(columns) - 1 else "")
              for i, column in enumerate(columns)]
    lines.append(");")
    index = "CREATE INDEX %s ON %s (%s);" % (
        qn(f"{tablename}_expires"), qn(tablename), qn("expires"))
    return "\n".join(lines), [index]


def _create_cache_table(database, tablename, dry_run, verbosity):
    # As Django: only where the routers let the cache's model be migrated.
    cache_model = BaseDatabaseCache(tablename, {}).cache_model_class
    if not _router.allow_migrate_model(database, cache_model):
        return
    connection = connections[database]
    if tablename in connection.introspection.table_names():
        if verbosity > 0:
            print("Cache table '%s' already exists." % tablename)
        return
    table_sql, index_sql = _cache_table_sql(connection, tablename)
    if dry_run:
        print(table_sql)
        for statement in index_sql:
            print(statement)
        return
    with transaction.atomic(using=database):
        with connection.cursor() as cursor:
            try:
                cursor.execute(table_sql)
            except DatabaseError as err:
                raise CommandError(
                    "Cache table '%s' could not be created.\nThe error was: %s."
                    % (tablename, err)) from err
            for statement in index_sql:
                cursor.execute(statement)
    if verbosity > 1:
        print("Cache table '%s' created." % tablename)


# -- commands of the test framework --


def _loaddata_arguments(parser):
    parser.add_argument("fixture_labels", nargs="+", metavar="fixture",
                        help="fixture name or path (JSON)")
    parser.add_argument("--database", default="default")
    parser.add_argument("--app", dest="app_label")
    parser.add_argument("-i", "--ignorenonexistent", action="store_true",
                        dest="ignore")
    parser.add_argument("-e", "--exclude", action="append", default=[])
    parser.add_argument("--format", help="the format of the fixture read from stdin")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


def _cmd_loaddata(options):
    """Load fixtures (from apps' fixtures/ folders, FIXTURE_DIRS or paths)."""
    setup()
    _loaddata(options.fixture_labels, using=options.database,
              verbosity=options.verbosity, ignore=options.ignore,
              app_label=options.app_label, exclude=options.exclude,
              format=options.format)


def _dumpdata_arguments(parser):
    parser.add_argument("app_labels", nargs="*", metavar="app_label[.ModelName]")
    parser.add_argument("--format", default="json")
    parser.add_argument("--indent", type=int, default=None)
    parser.add_argument("--database", default="default")
    parser.add_argument("-e", "--exclude", action="append", default=[])
    parser.add_argument("--natural-foreign", action="store_true",
                        dest="use_natural_foreign_keys")
    parser.add_argument("--natural-primary", action="store_true",
                        dest="use_natural_primary_keys")
    parser.add_argument("-a", "--all", action="store_true", dest="use_base_manager")
    parser.add_argument("--pks", dest="primary_keys")
    parser.add_argument("-o", "--output", help="write to this file")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])
    parser.add_argument("--traceback", action="store_true")


def _cmd_dumpdata(options):
    """Write the database's objects as a fixture, as Django's dumpdata."""
    setup()
    if options.format not in get_public_serializer_formats():
        raise CommandError("Unknown serialization format: %s" % options.format)
    primary_keys = [pk.strip() for pk in options.primary_keys.split(",")] \
        if options.primary_keys else []
    excluded = parse_apps_and_model_labels(options.exclude)
    app_list = _dumpdata_app_list(options.app_labels, primary_keys, excluded)
    stream, progress_output, object_count = None, None, 0
    if options.output:
        if sys.stdout.isatty() and options.verbosity > 0:
            progress_output = sys.stdout
            object_count = sum(_dumpdata_objects(app_list, options, excluded,
                                                 primary_keys, count_only=True))
        stream = _dumpdata_stream(options.output)
    try:
        serialize(
            options.format,
            _dumpdata_objects(app_list, options, excluded, primary_keys),
            indent=options.indent,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
            use_natural_primary_keys=options.use_natural_primary_keys,
            stream=stream or sys.stdout, progress_output=progress_output,
            object_count=object_count)
    except Exception as e:
        if options.traceback:
            raise
        raise CommandError("Unable to serialize database: %s" % e) from e
    finally:
        if stream:
            stream.close()


def _dumpdata_app_list(labels, primary_keys, excluded):
    """{app config: [models] or None (all)} that the labels name."""
    excluded_models, excluded_apps = excluded
    if not labels:
        if primary_keys:
            raise CommandError("You can only use --pks option with one model")
        return {config: None for config in apps.get_app_configs()
                if config.models_module is not None and config not in excluded_apps}
    if len(labels) > 1 and primary_keys:
        raise CommandError("You can only use --pks option with one model")
    app_list = {}
    for label in labels:
        app_label, dot, model_label = label.partition(".")
        if not dot and primary_keys:
            raise CommandError("You can only use --pks option with one model")
        try:
            config = apps.get_app_config(app_label)
        except LookupError as e:
            # djscratch's models may live in an app that is not installed
            # (a single-file project's): its registered models are dumped.
            registered = apps.all_models.get(app_label)
            if not registered:
                raise CommandError(str(e)) from None
            models = [m for m in registered.values() if not m._meta.auto_created]
            if dot:
                models = [m for m in models
                          if m._meta.model_name == model_label.lower()]
                if not models:
                    raise CommandError("Unknown model: %s.%s" % (
                        app_label, model_label)) from None
            app_list.setdefault(app_label, []).extend(
                m for m in models if m not in excluded_models)
            continue
        if config.models_module is None or config in excluded_apps:
            continue
        if not dot:
            app_list[config] = None
            continue
        try:
            model = config.get_model(model_label)
        except LookupError:
            raise CommandError("Unknown model: %s.%s" % (app_label, model_label)
                               ) from None
        models = app_list.setdefault(config, [])
        if models is not None and model not in models and model not in excluded_models:
            models.append(model)
    return app_list


def _dumpdata_objects(app_list, options, excluded, primary_keys, count_only=False):
    """The objects of each model (natural-key dependencies first), by key."""
    import warnings

    models = sort_dependencies(app_list.items(), allow_cycles=True)
    for model in models:
        if model in excluded[0]:
            continue
        if model._meta.proxy and model._meta.proxy_for_model not in models:
            warnings.warn(
                "%s is a proxy model and won't be serialized." % model._meta.label,
                category=djscratch.core.management.command_classes.ProxyModelWarning)
        if model._meta.proxy or not _router.allow_migrate_model(
                options.database, model):
            continue
        manager = model._base_manager if options.use_base_manager \
            else model._default_manager
        queryset = manager.using(options.database).order_by(model._meta.pk.name)
        if primary_keys:
            queryset = queryset.filter(pk__in=primary_keys)
        if count_only:
            yield queryset.order_by().count()
        else:
            chunk_size = 2000 if queryset._prefetch_related_lookups else None
            yield from queryset.iterator(chunk_size=chunk_size)


def _dumpdata_stream(output):
    """The file dumpdata writes, compressed as its extension says."""
    import bz2
    import gzip
    import lzma
    import warnings

    file_root, file_ext = os.path.splitext(output)
    openers = {".bz2": (bz2.open, {}, output), ".gz": (gzip.open, {}, output),
               ".lzma": (lzma.open, {"format": lzma.FORMAT_ALONE}, output),
               ".xz": (lzma.open, {}, output), ".zip": (open, {}, file_root)}
    open_method, kwargs, path = openers.get(file_ext, (open, {}, output))
    if path != output:
        warnings.warn("Unsupported file extension (%s). Fixtures saved in '%s'."
                      % (file_ext, os.path.basename(path)), RuntimeWarning)
    return open_method(path, "wt", **kwargs)


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
                        help="run the tests in up to N worker processes "
                             "('auto': DJANGO_TEST_PROCESSES or one per CPU)")
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
    import inspect

    argv = list(sys.argv if argv is None else argv)
    prog = os.path.basename(argv[0]) if argv and argv[0] else "djscratch"
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
    if cwd_first := os.getcwd():
        if cwd_first not in sys.path:
            sys.path.insert(0, cwd_first)
    if app is None:
        _ensure_settings()
    _load_apps_for_commands()
    commands = get_commands()
    if name not in commands:
        _unknown_command(prog, name, commands)
        return _exit(2)
    if commands[name] != "django.core":  # an app's command (BaseCommand)
        try:
            load_command_class(commands[name], name).run_from_argv(
                [prog, name, *args])
        except KeyboardInterrupt:
            return _exit(130)
        return _exit(0)
    func, arguments = COMMANDS[name]
    # `app.py --help` shows the default command's options and the others.
    parser = _builtin_parser(
        f"{prog} {name}", func, arguments,
        epilog=_commands_text(prog, default_command) if implicit else None)
    options = parser.parse_args(args)
    options.prog_name = prog
    try:
        if "app" in inspect.signature(func).parameters:
            func(options, app=app)
        else:
            func(options)
    except SystemCheckError as err:
        print(str(err), file=sys.stderr)
        return _exit(err.returncode)
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


def call_command(command_name, *args, **options):
    """Run a command from Python code, as Django's call_command does: by name
    (an app's command or a built-in one) or a BaseCommand instance; options
    by dest name or option name, stdout=/stderr= streams."""
    if isinstance(command_name, BaseCommand):
        command = command_name
        command_name = command.__class__.__module__.split(".")[-1]
    else:
        _load_apps_for_commands()
        commands = get_commands()
        if command_name in _DJANGO_ONLY_COMMANDS and command_name not in commands:
            raise CommandError(_django_only_message(command_name))
        if command_name not in commands:
            raise CommandError("Unknown command: %r" % command_name)
        if commands[command_name] == "django.core":
            if command_name not in _BUILTIN_COMMAND_CLASSES:
                return _call_builtin(command_name, *args, **options)
            command = _BUILTIN_COMMAND_CLASSES[command_name]()
        else:
            command = load_command_class(commands[command_name], command_name)
    return _call_base_command(command, command_name, args, options)


def _parser_actions(parser):
    """Every argparse action of a parser, its subparsers' included."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                yield from _parser_actions(subparser)
        else:
            yield action


def _as_argv(values):
    """Positional arguments as strings; a list or tuple gives several."""
    argv = []
    for value in values:
        argv += map(str, value) if isinstance(value, (list, tuple)) else [str(value)]
    return argv


def _call_base_command(command, command_name, args, options):
    """Django's call_command for a BaseCommand: keyword options are taken by
    dest or by option name ("skip_checks" or "skip-checks"); the required
    ones go through the parser so that it validates them; the system checks
    are skipped unless skip_checks=False."""
    import argparse

    parser = command.create_parser("", command_name)
    # The option name call_command accepts for each dest: the shortest flag.
    dest_of = {min(action.option_strings).lstrip("-").replace("-", "_"): action.dest
               for action in parser._actions if action.option_strings}
    by_dest = {dest_of.get(key, key): value for key, value in options.items()}
    argv = _as_argv(args)
    actions = list(_parser_actions(parser))
    required_in_group = {action for group in parser._mutually_exclusive_groups
                         if group.required for action in group._group_actions}
    flag_only = (argparse._AppendConstAction, argparse._CountAction,
                 argparse._StoreConstAction)
    for action in actions:
        if action.dest not in options or not (
                action.required or action in required_in_group):
            continue
        if list(dest_of.values()).count(action.dest) > 1:
            raise TypeError(f"Cannot pass the dest {action.dest!r} that matches "
                            "multiple arguments via **options.")
        argv.append(min(action.option_strings))
        if not isinstance(action, flag_only):
            argv += _as_argv([by_dest[action.dest]])
    parsed = dict(parser.parse_args(args=argv)._get_kwargs(), **by_dest)
    valid = ({action.dest for action in actions} | set(dest_of)
             | set(command.base_stealth_options) | set(command.stealth_options))
    unknown = set(options) - valid
    if unknown:
        raise TypeError("Unknown option(s) for %s command: %s. Valid options are: "
                        "%s." % (command_name, ", ".join(sorted(unknown)),
                                 ", ".join(sorted(valid))))
    positional = parsed.pop("args", ())
    if "skip_checks" not in options:
        parsed["skip_checks"] = True
    return command.execute(*positional, **parsed)


def _call_builtin(name, *args, **options):
    """Run a built-in command function with its options (stdout=/stderr=
    redirect what it prints)."""
    import argparse
    import contextlib

    func, arguments = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=name)
    arguments(parser)
    argv = _as_argv(args)
    stdout, stderr = options.pop("stdout", None), options.pop("stderr", None)
    namespace = parser.parse_args(argv)
    # As Django's call_command(): an option is named by its dest or by its
    # longest flag (ignorenonexistent=True for -i/--ignorenonexistent).
    by_flag = {min(action.option_strings).lstrip("-").replace("-", "_"): action.dest
               for action in parser._actions if action.option_strings}
    for key, value in options.items():
        setattr(namespace, by_flag.get(key, key), value)
    with contextlib.ExitStack() as stack:
        if stdout is not None:
            stack.enter_context(contextlib.redirect_stdout(stdout))
        if stderr is not None:
            stack.enter_context(contextlib.redirect_stderr(stderr))
        return func(namespace)


def main():
    """Entry point of `python -m djscratch` and the `djscratch` script."""
    return execute_from_command_line(sys.argv)
