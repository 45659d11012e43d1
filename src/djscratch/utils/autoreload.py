"""Django's autoreloader (django/utils/autoreload.py): run_with_reloader()
restarts a child process (RUN_MAIN=true) that runs the main function in a
thread while a StatReloader polls the mtimes of every module file and watched
glob, exiting with status 3 on a change so the parent starts it again.
Watchman is not implemented: WatchmanReloader.check_availability() raises
WatchmanUnavailable, so get_reloader() always gives the StatReloader.
"""

import functools
import itertools
import os
import sys
import threading
import time
import weakref

# Later modules, used at call time as djscratch.<module>.<name>: urls.base
# (get_resolver), apps.registry (apps).
import djscratch

from djscratch.dispatch.dispatcher import Signal
from djscratch.utils.log import _get_logger
from djscratch.utils.module_loading import _package
from djscratch.utils.functional import _app_registry

__all__ = [
    "autoreload_started", "file_changed", "DJANGO_AUTORELOAD_ENV",
    "run_with_reloader", "get_reloader", "StatReloader", "WatchmanReloader",
    "WatchmanUnavailable", "BaseReloader",
]

autoreload_started = Signal()
file_changed = Signal()

DJANGO_AUTORELOAD_ENV = "RUN_MAIN"


def _autoreload_subprocess():
    """The subprocess module, imported when the reloader first starts a
    child, not with djscratch (it brings in signal and selectors); Django's
    django.utils.autoreload.subprocess (tests patch its run()) is this,
    built on first use (_LAZY_ATTRS)."""
    import subprocess

    return subprocess


def _autoreload_logger():
    """The django.utils.autoreload logger (logging loads on first use)."""
    return _get_logger("django.utils.autoreload")

# A file whose import raised is not in sys.modules: remember it, to watch it.
_autoreload_error_files = []
_autoreload_exception = None  # sys.exc_info() of the main function's failure

try:
    import termios
except ImportError:  # not on Windows
    termios = None

#: Django's reloader uses pywatchman when installed; djscratch never does.
pywatchman = None


def is_django_module(module):
    """Whether `module` is one of Django's (here: a django.* alias module)."""
    return module.__name__.startswith("django.")


def is_django_path(path):
    """Whether `path` is Django's own (djscratch's): under the package's
    folder, or the single file itself.  The folder holding djscratch.py is
    the project's (its templates are watched), not Django's."""
    import pathlib

    package = _package()
    own = pathlib.Path(package.__file__)
    if hasattr(package, "__path__"):  # the package: its folder is its own
        return own.parent in pathlib.Path(path).parents
    return pathlib.Path(path) == own


def check_errors(fn):
    """Wrap `fn`: an exception it raises is kept (raise_last_exception()) and
    the file it came from is watched, then re-raised."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        global _autoreload_exception
        try:
            fn(*args, **kwargs)
        except Exception:
            _autoreload_exception = sys.exc_info()
            error = _autoreload_exception[1]
            filename = getattr(error, "filename", None)
            if filename is None:  # the last frame of the traceback's file
                import traceback

                filename = traceback.extract_tb(_autoreload_exception[2])[-1][0]
            if filename not in _autoreload_error_files:
                _autoreload_error_files.append(filename)
            raise

    return wrapper


def raise_last_exception():
    """Raise again what the main function raised under check_errors()."""
    if _autoreload_exception is not None:
        raise _autoreload_exception[1]


def ensure_echo_on():
    """Turn the terminal's echo back on (pdb may leave it off across a reload)."""
    if not termios or not sys.stdin.isatty():
        return
    attributes = termios.tcgetattr(sys.stdin)
    if attributes[3] & termios.ECHO:
        return
    attributes[3] |= termios.ECHO
    import signal

    old_handler = None
    if hasattr(signal, "SIGTTOU"):  # a background process would be stopped
        old_handler = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    termios.tcsetattr(sys.stdin, termios.TCSANOW, attributes)
    if old_handler is not None:
        signal.signal(signal.SIGTTOU, old_handler)


def iter_all_python_module_files():
    """The resolved paths of every loaded module's file and of the files that
    failed to import.  Modules are passed in a stable order so that
    iter_modules_and_files() answers from its cache while none load."""
    modules = tuple(
        module for module in map(sys.modules.__getitem__, sorted(sys.modules))
        if not isinstance(module, weakref.ProxyTypes))
    return iter_modules_and_files(modules, frozenset(_autoreload_error_files))


def _module_file(module):
    """The file a module was loaded from (a zip archive for a zipped one), or
    None."""
    import types
    import zipimport

    if not isinstance(module, types.ModuleType):
        return None  # typing.io and the like, seen under debuggers
    if module.__name__ in ("__main__", "__mp_main__"):
        # __main__ often has no __spec__ (a script); its __file__ may be
        # missing too (an interactive debugger).
        return getattr(module, "__file__", None)
    spec = getattr(module, "__spec__", None)
    if spec is None or not spec.has_location:
        return None
    if isinstance(spec.loader, zipimport.zipimporter):
        return spec.loader.archive
    return spec.origin


@functools.lru_cache(maxsize=1)
def iter_modules_and_files(modules, extra_files):
    """The frozenset of resolved paths of `modules`' files and extra_files
    that exist."""
    import pathlib

    results = set()
    for filename in itertools.chain(map(_module_file, modules), extra_files):
        if not filename:
            continue
        path = pathlib.Path(filename)
        try:
            if not path.exists():
                continue  # a module whose file was deleted
        except ValueError as e:  # a NUL byte (seen on network file systems)
            _autoreload_logger().debug('"%s" raised when resolving path: "%s"', e, path)
            continue
        results.add(path.resolve().absolute())
    return frozenset(results)


@functools.lru_cache(maxsize=1)
def common_roots(paths):
    """The fewest directories that hold all of `paths` (a directory covers the
    paths under it)."""
    import pathlib

    tree = {}
    for parts in sorted((path.parts for path in paths), key=len, reverse=True):
        node = tree
        for part in parts:
            node = node.setdefault(part, {})
        node.clear()  # everything below a watched path is covered by it

    def leaves(node, parts):
        for name, child in node.items():
            yield from leaves(child, parts + (name,))
        if not node:
            yield pathlib.Path(*parts)

    return tuple(leaves(tree, ()))


def sys_path_directories():
    """The existing directories of sys.path, resolved (a zip file's parent)."""
    import pathlib

    for entry in sys.path:
        path = pathlib.Path(entry)
        if not path.exists():
            continue
        resolved = path.resolve().absolute()
        yield resolved.parent if resolved.is_file() else resolved


def get_child_arguments():
    """The command line that starts this program again: the interpreter with
    its -W and -X options, then `-m module` when run with -m, else the
    script (or its .exe / -script.py twin on Windows)."""
    import pathlib

    import __main__

    script = pathlib.Path(sys.argv[0])
    exe_entrypoint = script.with_suffix(".exe")
    args = [sys.executable] + [f"-W{option}" for option in sys.warnoptions]
    if sys.implementation.name in ("cpython", "pypy"):
        args.extend(f"-X{key}" if value is True else f"-X{key}={value}"
                    for key, value in sys._xoptions.items())
    spec = getattr(__main__, "__spec__", None)
    if spec is not None and not exe_entrypoint.exists():
        # Started with -m: run the package (for pkg.__main__) or module again.
        if (spec.name == "__main__" or spec.name.endswith(".__main__")) \
                and spec.parent:
            name = spec.parent
        else:
            name = spec.name
        return args + ["-m", name] + sys.argv[1:]
    if not script.exists():
        # On Windows, argv[0] may lack its .exe or -script.py suffix.
        if exe_entrypoint.exists():
            return [exe_entrypoint, *sys.argv[1:]]
        script_entrypoint = script.with_name(f"{script.name}-script.py")
        if script_entrypoint.exists():
            return [*args, script_entrypoint, *sys.argv[1:]]
        raise RuntimeError(f"Script {script} does not exist.")
    return args + sys.argv


def trigger_reload(filename):
    """Exit with status 3: the parent process starts a fresh child."""
    _autoreload_logger().info("%s changed, reloading.", filename)
    sys.exit(3)


def restart_with_reloader():
    """Run the child (RUN_MAIN=true) again each time it exits with status 3;
    return its exit status otherwise."""
    import subprocess

    environ = {**os.environ, DJANGO_AUTORELOAD_ENV: "true"}
    args = get_child_arguments()
    while True:
        process = subprocess.run(args, env=environ, close_fds=False)
        if process.returncode != 3:
            return process.returncode


class BaseReloader:
    """Watches the module files, extra_files and directory globs; subclasses
    implement tick() (a generator run in a loop) and check_availability()."""

    def __init__(self):
        import collections

        self.extra_files = set()
        self.directory_globs = collections.defaultdict(set)
        self._stop_condition = threading.Event()

    def watch_dir(self, path, glob):
        """Watch the files under `path` that match `glob` ("**/*.py")."""
        import pathlib

        path = pathlib.Path(path)
        try:
            path = path.absolute()
        except FileNotFoundError:
            _autoreload_logger().debug(
                "Unable to watch directory %s as it cannot be resolved.", path,
                exc_info=True)
            return
        _autoreload_logger().debug("Watching dir %s with glob %s.", path, glob)
        self.directory_globs[path].add(glob)

    def watched_files(self, include_globs=True):
        """Every file to watch: module files, extra_files, glob matches."""
        yield from iter_all_python_module_files()
        yield from self.extra_files
        if include_globs:
            for directory, patterns in self.directory_globs.items():
                for pattern in patterns:
                    yield from directory.glob(pattern)

    def wait_for_apps_ready(self, app_reg, django_main_thread):
        """Wait for the app registry to be ready; False if the main thread
        died first (an error that no reload can fix before a change)."""
        while django_main_thread.is_alive():
            if app_reg.ready_event.wait(timeout=0.1):
                return True
        _autoreload_logger().debug(
            "Main Django thread has terminated before apps are ready.")
        return False

    def run(self, django_main_thread):
        _autoreload_logger().debug("Waiting for apps ready_event.")
        self.wait_for_apps_ready(_app_registry(), django_main_thread)
        try:
            # Load the URLconf now, so that its modules are watched too.
            djscratch.urls.base.get_resolver().urlconf_module  # noqa: B018
        except Exception:
            pass  # an error in the URLconf is the developer's to fix; watch on
        _autoreload_logger().debug(
            "Apps ready_event triggered. Sending autoreload_started signal.")
        autoreload_started.send(sender=self)
        self.run_loop()

    def run_loop(self):
        ticker = self.tick()
        while not self.should_stop:
            try:
                next(ticker)
            except StopIteration:
                break
        self.stop()

    def tick(self):
        """A generator: each step checks for changes once, then waits."""
        raise NotImplementedError("subclasses must implement tick().")

    @classmethod
    def check_availability(cls):
        raise NotImplementedError("subclasses must implement check_availability().")

    def notify_file_changed(self, path):
        """Send file_changed; reload unless a receiver returned True."""
        results = file_changed.send(sender=self, file_path=path)
        _autoreload_logger().debug(
            "%s notified as changed. Signal results: %s.", path, results)
        if not any(result for _receiver, result in results):
            trigger_reload(path)

    @property
    def should_stop(self):
        return self._stop_condition.is_set()

    def stop(self):
        self._stop_condition.set()


class StatReloader(BaseReloader):
    """Polls the watched files' mtimes every SLEEP_TIME seconds."""

    SLEEP_TIME = 1

    def tick(self):
        mtimes = {}
        while True:
            for filepath, mtime in self.snapshot_files():
                old_time = mtimes.get(filepath)
                mtimes[filepath] = mtime
                if old_time is None:
                    _autoreload_logger().debug(
                        "File %s first seen with mtime %s", filepath, mtime)
                elif mtime > old_time:
                    _autoreload_logger().debug(
                        "File %s previous mtime: %s, current mtime: %s",
                        filepath, old_time, mtime)
                    self.notify_file_changed(filepath)
            time.sleep(self.SLEEP_TIME)
            yield

    def snapshot_files(self):
        """(path, mtime) of each watched file that exists, each path once
        (overlapping globs yield a file more than once)."""
        seen = set()
        for file in self.watched_files():
            if file in seen:
                continue
            try:
                mtime = file.stat().st_mtime
            except OSError:
                continue  # the file does not exist
            seen.add(file)
            yield file, mtime

    @classmethod
    def check_availability(cls):
        return True


class WatchmanUnavailable(RuntimeError):
    """The watchman service (or pywatchman) cannot be used."""


class WatchmanReloader(BaseReloader):
    """Django's watchman-based reloader, which djscratch does not implement:
    check_availability() always raises WatchmanUnavailable (so get_reloader()
    falls back to the StatReloader), and watching with it is refused."""

    def __init__(self):
        import collections

        self.roots = collections.defaultdict(set)
        self.processed_request = threading.Event()
        self.client_timeout = int(os.environ.get("DJANGO_WATCHMAN_TIMEOUT", 5))
        super().__init__()

    def tick(self):
        raise WatchmanUnavailable(_WATCHMAN_REFUSAL)

    @classmethod
    def check_availability(cls):
        if not pywatchman:
            raise WatchmanUnavailable("pywatchman not installed.")
        raise WatchmanUnavailable(_WATCHMAN_REFUSAL)


_WATCHMAN_REFUSAL = (
    "djscratch does not implement the watchman reloader (it polls files with "
    "the StatReloader); set DJSCRATCH_ENGINE=django to run on Django.")


def get_reloader():
    """The best reloader here: watchman's when available, else StatReloader."""
    try:
        WatchmanReloader.check_availability()
    except WatchmanUnavailable:
        return StatReloader()
    return WatchmanReloader()


def start_django(reloader, main_func, *args, **kwargs):
    """Run main_func in a daemon thread ("django-main-thread") and the
    reloader in this one until it stops."""
    ensure_echo_on()
    main_func = check_errors(main_func)
    django_main_thread = threading.Thread(
        target=main_func, args=args, kwargs=kwargs, name="django-main-thread")
    django_main_thread.daemon = True
    django_main_thread.start()
    while not reloader.should_stop:
        reloader.run(django_main_thread)


def run_with_reloader(main_func, *args, **kwargs):
    """Run main_func(*args, **kwargs), restarting on code changes: the first
    process only restarts children; a child (RUN_MAIN=true) runs it."""
    import signal

    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    try:
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            reloader = get_reloader()
            _autoreload_logger().info(
                "Watching for file changes with %s", type(reloader).__name__)
            start_django(reloader, main_func, *args, **kwargs)
        else:
            sys.exit(restart_with_reloader())
    except KeyboardInterrupt:
        pass
