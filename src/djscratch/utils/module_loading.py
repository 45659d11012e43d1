"""import_string() and the lazy standard-library import
helper that keeps `import djscratch` fast (django/utils/module_loading.py).
"""

import sys
import types

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: django_alias.
import djscratch

from djscratch.utils.functional import _app_registry


class _StdlibOnFirstUse(types.ModuleType):
    """A standard module the single file imports on its first use: it stands
    in for the module under its global name in module `owner` until one of
    its attributes is read, which imports the module and puts it in its
    place (LAZY_STDLIB in tools/amalgamate.py lists the modules a served
    page does not need).  The package imports them normally."""

    def __init__(self, name, owner):
        super().__init__(name)
        self._owner = owner

    def __getattr__(self, attr):
        module = __import__(self.__name__)
        namespace = getattr(sys.modules.get(self._owner), "__dict__", {})
        if namespace.get(self.__name__) is self:  # (a namespace not imported
            namespace[self.__name__] = module     # under its name keeps it)
        return getattr(module, attr)


def _written_for_django(method):
    """Whether a function or method is the application's (a subclass's
    override, a custom expression's), not djscratch's own."""
    module = getattr(method, "__module__", None) or ""
    return module.split(".")[0] != "djscratch"


#: The directory _compile_generated() keeps code in: [] until first asked,
#: then [path or None] (None: no cache, as when the interpreter keeps none).
_GENERATED_CODE_DIR = []

#: How many files the directory keeps: a write that finds more removes the
#: oldest down to three quarters of it (a test run compiles thousands of
#: templates; a site's start-up needs a few dozen).
_GENERATED_CODE_LIMIT = 400


def _generated_code_dir():
    if not _GENERATED_CODE_DIR:
        import importlib.util
        import os

        try:
            pyc = importlib.util.cache_from_source(os.path.abspath(__file__))
        except (NotImplementedError, ValueError):
            pyc = None
        _GENERATED_CODE_DIR.append(
            pyc and os.path.join(os.path.dirname(pyc), "djscratch-generated"))
    return _GENERATED_CODE_DIR[0]


def _compile_generated(source, filename):
    """compile(source, filename, "exec") for the Python djscratch writes at
    run time (templates, the middleware chain, signal senders, row builders,
    date formats, lookup sites), kept in __pycache__/djscratch-generated/ as
    Python keeps a module's bytecode: a new process reads the code instead
    of compiling it again.  Compiling was some 6 ms of a first page, the
    first compile() of a process alone about 1.5 ms.  A file holds the exact
    filename and source it was compiled from and is used only for those (so
    its name, a checksum, may collide harmlessly); none is written when
    sys.dont_write_bytecode is set or the directory cannot be written."""
    import binascii
    import importlib.util
    import marshal

    directory = _generated_code_dir()
    if directory is None:
        return compile(source, filename, "exec", dont_inherit=True)
    key = f"{filename}\0{sys.flags.optimize}\0{source}".encode(
        "utf-8", "surrogatepass")
    head = importlib.util.MAGIC_NUMBER + len(key).to_bytes(4, "little") + key
    path = (f"{directory}/{binascii.crc32(key):08x}{len(key):x}."
            f"{sys.implementation.cache_tag}.pyc")
    try:
        with open(path, "rb") as f:
            data = f.read()
        if data.startswith(head):
            return marshal.loads(memoryview(data)[len(head):])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = compile(source, filename, "exec", dont_inherit=True)
    if not sys.dont_write_bytecode:
        _keep_generated(directory, path, head + marshal.dumps(code))
    return code


def _keep_generated(directory, path, data):
    """Write `data` to `path` whole (a reader sees the old file or the new
    one); a cache that cannot be written is no cache."""
    import os
    import threading

    # (per process and thread: two threads may compile the same source)
    temporary = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        os.makedirs(directory, exist_ok=True)
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
        names = os.listdir(directory)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return
    if len(names) > _GENERATED_CODE_LIMIT:
        _prune_generated(directory, names)


def _prune_generated(directory, names):
    """Remove the oldest files of `directory` down to three quarters of
    _GENERATED_CODE_LIMIT (another process may be removing them too)."""
    import os

    dated = []
    for name in names:
        try:
            dated.append((os.stat(f"{directory}/{name}").st_mtime, name))
        except OSError:
            pass
    dated.sort()
    for _mtime, name in dated[:len(dated) - _GENERATED_CODE_LIMIT * 3 // 4]:
        try:
            os.unlink(f"{directory}/{name}")
        except OSError:
            pass


def _lazy_import(name):
    """Return module `name`, importing it on first use (a cheap dict lookup)."""
    module = sys.modules.get(name)
    if module is None:
        import importlib

        module = importlib.import_module(name)
    return module


def import_string(dotted_path):
    """Import a dotted module path and return the attribute it names."""
    try:
        module_path, class_name = dotted_path.rsplit(".", 1)
    except ValueError as err:
        raise ImportError(f"{dotted_path} doesn't look like a module path") from err
    # sys.modules first: the session engine, serializer and message storage
    # are looked up on every request, and a dict lookup is cheaper than
    # import_module().
    module = sys.modules.get(module_path)
    if module is None and module_path.startswith("django."):
        # (None: the module is imported, and gives the same value or error)
        value = djscratch.django_alias._value_without_module(module_path, class_name)
        if value is not None:
            return value
    if module is None:
        module = _lazy_import(module_path)
    try:
        return getattr(module, class_name)
    except AttributeError as err:
        raise ImportError(
            f'Module "{module_path}" does not define a "{class_name}" attribute/class'
        ) from err


def cached_import(module_path, class_name):
    """Return attribute `class_name` of module `module_path`, importing the
    module unless it is loaded and fully initialised."""
    import importlib

    module = sys.modules.get(module_path)
    spec = getattr(module, "__spec__", None)
    if module is None or spec is None or getattr(spec, "_initializing", False):
        module = importlib.import_module(module_path)
    return getattr(module, class_name)


def autodiscover_modules(*args, **kwargs):
    """Import the submodule named by each of `args` from every installed app,
    ignoring apps that lack it.  With register_to (an object with a _registry),
    a failing import restores the registry it had before."""
    import copy
    import importlib

    register_to = kwargs.get("register_to")
    for app_config in _app_registry().get_app_configs():
        for module_to_search in args:
            if register_to:
                before_import_registry = copy.copy(register_to._registry)
            try:
                importlib.import_module(f"{app_config.name}.{module_to_search}")
            except Exception:
                if register_to:
                    register_to._registry = before_import_registry
                # An error inside an existing module is the app's to report.
                if module_has_submodule(app_config.module, module_to_search):
                    raise


def module_has_submodule(package, module_name):
    """Whether `package` (a package module) has a submodule `module_name`."""
    import importlib.util

    try:
        package_name, package_path = package.__name__, package.__path__
    except AttributeError:
        return False  # not a package
    try:
        spec = importlib.util.find_spec(f"{package_name}.{module_name}", package_path)
    except ModuleNotFoundError:
        return False  # module_name is an invalid dotted path
    return spec is not None


def module_dir(module):
    """The directory holding `module`; ValueError when there is not one
    (a namespace package split over several)."""
    import os

    paths = list(getattr(module, "__path__", []))
    if len(paths) == 1:
        return paths[0]
    filename = getattr(module, "__file__", None)
    if filename is not None:
        return os.path.dirname(filename)
    raise ValueError(f"Cannot determine directory containing {module}")


def _package():
    """Return djscratch itself: the package, or the single file when generated."""
    return sys.modules[__name__.partition(".")[0]]
