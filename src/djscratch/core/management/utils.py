"""Helpers of management commands (django/core/management/utils.py): running a
program, finding one on PATH, a new SECRET_KEY, ignore patterns, app and
model labels.
"""

import os

from djscratch.core.management.base import CommandError, CommandParser
from djscratch.apps.registry import apps as installed_apps
from djscratch.utils.crypto import get_random_string

__all__ = [
    "popen_wrapper", "handle_extensions", "find_command", "get_random_secret_key",
    "parse_apps_and_model_labels", "get_command_line_option",
    "normalize_path_patterns", "is_ignored_path",
]


def popen_wrapper(args, stdout_encoding="utf-8"):
    """Run `args`; return (stdout, stderr, exit status), the output decoded."""
    import locale
    import subprocess

    try:
        done = subprocess.run(args, capture_output=True, close_fds=os.name != "nt")
    except OSError as err:
        raise CommandError("Error executing %s" % args[0]) from err
    stderr_encoding = locale.getlocale()[1] or "utf-8"
    return (done.stdout.decode(stdout_encoding),
            done.stderr.decode(stderr_encoding, errors="replace"), done.returncode)


def handle_extensions(extensions):
    """Return the set of ".ext" extensions in `extensions`, each of which may
    list several ("html,txt") with or without their dots."""
    found = set()
    for text in extensions:
        for ext in text.replace(" ", "").split(","):
            found.add(ext if ext.startswith(".") else "." + ext)
    return found


def find_command(cmd, path=None, pathext=None):
    """Return the path of program `cmd` on `path` (default: PATH), or None.

    On Windows-like systems the PATHEXT extensions are tried too.
    """
    if path is None:
        path = os.environ.get("PATH", "").split(os.pathsep)
    if isinstance(path, str):
        path = [path]
    if pathext is None:
        pathext = os.environ.get("PATHEXT", ".COM;.EXE;.BAT;.CMD").split(os.pathsep)
    if any(cmd.endswith(ext) for ext in pathext):
        pathext = [""]
    for folder in path:
        candidate = os.path.join(folder, cmd)
        if os.path.isfile(candidate):
            return candidate
        for ext in pathext:
            if os.path.isfile(candidate + ext):
                return candidate + ext
    return None


def get_random_secret_key():
    """Return 50 random characters usable as a SECRET_KEY (startproject's)."""
    return get_random_string(50, "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)")


def parse_apps_and_model_labels(labels):
    """Turn "app_label" and "app_label.ModelName" labels into (set of models,
    set of app configs); an unknown one is a CommandError."""
    models, configs = set(), set()
    for label in labels:
        if "." in label:
            try:
                models.add(installed_apps.get_model(label))
            except LookupError:
                raise CommandError("Unknown model: %s" % label) from None
        else:
            try:
                configs.add(installed_apps.get_app_config(label))
            except LookupError as err:
                raise CommandError(str(err)) from None
    return models, configs


def get_command_line_option(argv, option):
    """Return the value of `option` ("--settings") in argv[2:], or None when
    it is absent or the arguments do not parse."""
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument(option, dest="value")
    try:
        options, _ = parser.parse_known_args(argv[2:])
    except CommandError:
        return None
    return options.value


def normalize_path_patterns(patterns):
    """Return glob patterns in the OS's case, a trailing "/*" dropped (a
    pattern naming a folder matches the folder itself)."""
    suffixes = {"/*", os.sep + "*"}
    normalized = []
    for pattern in (os.path.normcase(p) for p in patterns):
        for suffix in suffixes:
            if pattern.endswith(suffix):
                pattern = pattern.removesuffix(suffix)
                break
        normalized.append(pattern)
    return normalized


def is_ignored_path(path, ignore_patterns):
    """Return True when `path` (its name or the whole path) matches one of
    the glob `ignore_patterns`."""
    import fnmatch
    import pathlib

    path = pathlib.Path(path)
    return any(fnmatch.fnmatchcase(path.name, pattern)
               or fnmatch.fnmatchcase(str(path), pattern)
               for pattern in normalize_path_patterns(ignore_patterns))


_NO_BLACK_PATH = object()


def run_formatters(written_files, black_path=_NO_BLACK_PATH, stderr=None):
    """Run black (when installed) on the files a command wrote, as Django's
    startapp/makemigrations do; a formatter that fails to start is reported
    on stderr, never raised."""
    import shutil
    import subprocess
    import sys
    import traceback

    stderr = stderr or sys.stderr
    if black_path is _NO_BLACK_PATH:
        black_path = shutil.which("black")
    if black_path:
        try:
            subprocess.run([black_path, "--fast", "--", *written_files],
                           capture_output=True)
        except OSError:
            stderr.write("Formatters failed to launch:")
            traceback.print_exc(file=stderr)
