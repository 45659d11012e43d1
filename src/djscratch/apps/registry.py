"""The app registry (django/apps/config.py and registry.py):
AppConfig, Apps, the `apps` registry and setup().
"""

import collections
import functools
import importlib
import os
import sys
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<name>: project_check, db.backends.sqlite.
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.utils.functional import cached_property
from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.log import _configure_logging_at_setup

__all__ = [
    "setup", "AppConfig", "apps",
]


# The methods a plain page never runs are in registry_extra.py, defined on first
# use.
@_methods_on_first_use("_AppConfigMore", (
    "_is_default_auto_field_overridden", "_raise_for_entry", "get_model",
    "get_models",
))
class AppConfig:
    """One installed application: its name, label, module, path and models.

    Subclass it in an app's apps.py to set `name` (the module), `label`,
    `verbose_name`, `path`, `default_auto_field`, or a ready() hook.
    """

    def __init__(self, app_name, app_module=None):
        self.name = app_name
        self.module = app_module
        self.apps = None  # the registry, once populate() adds this config
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label '{self.label}' is not a valid Python identifier."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.title()
        if not hasattr(self, "path"):
            # djscratch's contrib apps have no module of their own (their
            # templates and models live in the single file): no path.
            self.path = (self._path_from_module(app_module)
                         if app_module is not None else None)
        self.models = None  # {model_name: model}, once import_models() ran
        self.models_module = None

    def __repr__(self):
        return f"<{type(self).__name__}: {self.label}>"

    @cached_property
    def default_auto_field(self):
        return settings.DEFAULT_AUTO_FIELD

    def _path_from_module(self, module):
        """The app's folder: the module's one __path__ entry, else the folder
        of its __file__; an app in several folders, or in none, must say."""
        paths = list(getattr(module, "__path__", []))
        if len(paths) != 1:
            filename = getattr(module, "__file__", None)
            if filename is not None:
                paths = [os.path.dirname(filename)]
            else:
                paths = list(set(paths))  # a namespace package may repeat one
        if len(paths) > 1:
            raise ImproperlyConfigured(
                f"The app module {module!r} has multiple filesystem locations "
                f"({paths!r}); you must configure this app with an AppConfig "
                "subclass with a 'path' class attribute.")
        if not paths:
            raise ImproperlyConfigured(
                f"The app module {module!r} has no filesystem location, you must "
                "configure this app with an AppConfig subclass with a 'path' "
                "class attribute.")
        return paths[0]

    @classmethod
    def create(cls, entry):
        """The AppConfig for an INSTALLED_APPS entry: an app module (with the
        default AppConfig of its apps.py, if it has one) or the dotted path of
        an AppConfig subclass."""
        config_class, app_name, app_module = None, None, None
        try:
            app_module = importlib.import_module(entry)
        except Exception:
            pass
        else:
            config_class = cls._default_config_class(entry, app_module)
            if config_class is None:
                config_class, app_name = cls, entry
        if config_class is None:
            try:
                config_class = import_string(entry)
            except Exception:
                pass
        if app_module is None and config_class is None:
            cls._raise_for_entry(entry)
        if not (isinstance(config_class, type) and issubclass(config_class, AppConfig)):
            raise ImproperlyConfigured(f"'{entry}' isn't a subclass of AppConfig.")
        if app_name is None:
            try:
                app_name = config_class.name
            except AttributeError:
                raise ImproperlyConfigured(
                    f"'{entry}' must supply a name attribute.") from None
        try:
            app_module = importlib.import_module(app_name)
        except ImportError:
            raise ImproperlyConfigured(
                f"Cannot import '{app_name}'. Check that "
                f"'{config_class.__module__}.{config_class.__qualname__}.name' is "
                "correct.") from None
        return config_class(app_name, app_module)

    @classmethod
    def _default_config_class(cls, entry, app_module):
        """The AppConfig subclass the app's apps.py makes its default: the only
        one not saying default = False, else the only one saying default =
        True; None when there is no apps.py or no such class."""
        import importlib.util

        if getattr(app_module, "_djscratch_app", False) or not hasattr(
                app_module, "__path__"):
            return None  # a single-file app, or a module without submodules
        if importlib.util.find_spec(f"{entry}.apps") is None:
            return None
        import inspect  # (only for an app with an apps.py)

        module_path = f"{entry}.apps"
        module = importlib.import_module(module_path)
        candidates = [(name, candidate)
                      for name, candidate in inspect.getmembers(module, inspect.isclass)
                      if issubclass(candidate, cls) and candidate is not cls
                      and getattr(candidate, "default", True)]
        if len(candidates) == 1:
            return candidates[0][1]
        defaults = [(name, candidate) for name, candidate in candidates
                    if getattr(candidate, "default", False)]
        if len(defaults) > 1:
            names = ", ".join(repr(name) for name, _ in defaults)
            raise RuntimeError(
                f"{module_path!r} declares more than one default AppConfig: {names}.")
        return defaults[0][1] if defaults else None

    @property
    def _registry(self):
        # A config built by hand (not by populate()) belongs to the project's.
        return self.apps if self.apps is not None else apps

    def import_models(self):
        """Import the app's models module, if it has one."""
        import importlib.util

        model = _CONTRIB_MODELS_BUILT_ON_FIRST_USE.get(self.name)
        if model is not None:  # its models register themselves when defined
            djscratch._build_section_of(model)
        self.models = self._registry.all_models[self.label]
        if self.module is not None and getattr(self.module, "_djscratch_app", False):
            self.models_module = self.module  # a single-file app is its own models
            return
        if self.module is None or not hasattr(self.module, "__path__"):
            return
        name = f"{self.name}.models"
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            self.models_module = importlib.import_module(name)

    def ready(self):
        """Override to run code once the registry is ready."""


# Contrib apps djscratch implements, with the name of their AppConfig class in
# the djscratch namespace (None: a plain AppConfig); any other django.contrib
# app listed in INSTALLED_APPS is refused by name (see Apps.populate).
_CONTRIB_APPS = {
    "django.contrib.sessions": None, "django.contrib.messages": None,
    "django.contrib.staticfiles": "StaticFilesConfig",
    "django.contrib.contenttypes": "ContentTypesConfig",
    "django.contrib.auth": "AuthConfig",
    "django.contrib.sites": "SitesConfig",
    "django.forms": "_FormsConfig",
    "django.contrib.admin": "AdminConfig",
    "django.contrib.admindocs": "AdminDocsConfig",
}

#: Contrib apps whose models the single file defines on first use (a section,
#: DEFERRED_SECTIONS in tools/amalgamate.py) -> one of their models' names:
#: installing the app builds them, as Django imports an app's models module.
_CONTRIB_MODELS_BUILT_ON_FIRST_USE = {
    "django.contrib.auth": "User", "django.contrib.contenttypes": "ContentType",
    "django.contrib.sites": "Site"}

#: Other AppConfig paths of contrib apps: path -> (app name, class name).
_CONTRIB_OTHER_CONFIGS = {
    "django.contrib.admin.apps.SimpleAdminConfig": (
        "django.contrib.admin", "SimpleAdminConfig"),
}


def _contrib_config(entry):
    """Return the AppConfig of a contrib app named by its module or by the
    dotted path of its AppConfig class, or None if djscratch lacks it."""
    import djscratch

    if entry in _CONTRIB_OTHER_CONFIGS:
        name, class_name = _CONTRIB_OTHER_CONFIGS[entry]
        return getattr(djscratch, class_name)(name)
    for name, class_name in _CONTRIB_APPS.items():
        if class_name is None:
            if entry == name:
                return AppConfig(entry)
        elif entry in (name, f"{name}.apps.{class_name}"):
            return getattr(djscratch, class_name)(name)
    return None


# The methods a plain page never runs are in registry_extra.py, defined on first
# use.
@_methods_on_first_use("_AppsMore", (
    "check_models_ready", "get_app_config", "get_containing_app_config",
    "get_model", "get_registered_model", "is_installed", "lazy_model_operation",
    "set_available_apps", "set_installed_apps", "unset_available_apps",
    "unset_installed_apps",
))
class Apps:
    """A registry of installed apps and their models (django.apps.apps is the
    project's; isolate_apps() and tests build others).

    Every model class registers in all_models when it is defined, installed
    or not; app_configs holds the installed apps.  Tests swap the installed
    set (override_settings(INSTALLED_APPS=...) calls set_installed_apps()).
    """

    def __init__(self, installed_apps=()):
        if installed_apps is None and hasattr(sys.modules[__name__], "apps"):
            raise RuntimeError("You must supply an installed_apps argument.")
        self.all_models = collections.defaultdict(dict)  # label -> {name: model}
        self.app_configs = {}  # label -> AppConfig
        self.stored_app_configs = []  # set_available/installed_apps() push here
        self.apps_ready = self.models_ready = self.ready = False
        self.ready_event = threading.Event()
        self._lock = threading.RLock()
        self.loading = False
        self._pending_operations = collections.defaultdict(list)
        self._module_labels = {}  # module name -> label, for single-file apps
        if installed_apps is not None:  # a registry of its own (isolate_apps)
            self.populate(installed_apps)

    def populate(self, installed_apps=None):
        """Create an AppConfig per entry, import every app's models, then run
        each app's ready().  Thread-safe and idempotent, not reentrant."""
        if self.ready:
            return
        with self._lock:
            if self.ready:
                return
            if self.loading:
                raise RuntimeError("populate() isn't reentrant")
            self.loading = True
            # Queries meanwhile warn (_query_during_app_init()), as in Django,
            # whose cursors ask the default registry whether it is ready.
            populating = djscratch.db.backends.sqlite._POPULATING
            if self is apps:
                populating[0] = self
            try:
                self._populate(installed_apps)
            except BaseException:
                # Let a corrected setup() run again (the CLI reports the error
                # and may set up once more), rather than "isn't reentrant".
                self.loading = self.apps_ready = self.models_ready = False
                self.app_configs = {}
                raise
            finally:
                if self is apps:
                    populating[0] = None

    def _populate(self, installed_apps):
        """populate()'s work, under its lock."""
        if self is apps:
            # Everything the settings name that djscratch lacks, in one
            # message (rather than one refusal per run).
            djscratch.project_check.check_project_settings(installed_apps)
        for entry in installed_apps:
            config = self._config_for(entry)
            if config.label in self.app_configs:
                raise ImproperlyConfigured(
                    f"Application labels aren't unique, duplicates: {config.label}")
            self.app_configs[config.label] = config
            config.apps = self
        counts = collections.Counter(c.name for c in self.app_configs.values())
        duplicates = [name for name, count in counts.most_common() if count > 1]
        if duplicates:
            raise ImproperlyConfigured(
                "Application names aren't unique, duplicates: "
                + ", ".join(duplicates))
        self.apps_ready = True
        for config in list(self.app_configs.values()):
            config.import_models()
        self.clear_cache()
        self.models_ready = True
        for config in list(self.app_configs.values()):
            config.ready()
        self.ready = True
        self.ready_event.set()

    def _config_for(self, entry):
        """The AppConfig of an INSTALLED_APPS entry (contrib apps are
        djscratch's own; one it lacks is refused by name)."""
        if isinstance(entry, AppConfig):
            return entry
        if entry.startswith("django."):
            config = _contrib_config(entry)
            if config is None:
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS lists {entry!r}, which djscratch does not "
                    f"implement (it provides {', '.join(sorted(_CONTRIB_APPS))}).")
            return config
        config = AppConfig.create(entry)
        if getattr(config.module, "_djscratch_app", False):
            config.label = config.module._djscratch_label
        return config

    def check_apps_ready(self):
        if not self.apps_ready:
            raise AppRegistryNotReady("Apps aren't loaded yet.")

    def get_app_configs(self):
        self.check_apps_ready()
        return list(self.app_configs.values())

    # Cached (as Django caches it) until clear_cache(): the ORM asks often.
    @functools.cache
    def get_models(self, include_auto_created=False, include_swapped=False):
        self.check_models_ready()
        result = []
        for config in self.app_configs.values():
            result.extend(config.get_models(include_auto_created, include_swapped))
        return result

    def register_model(self, app_label, model):
        """Record a model class; called by the model metaclass."""
        models = self.all_models[app_label]
        name = model._meta.model_name
        old = models.get(name)
        if old is not None and old is not model:
            same = (old.__module__, old.__qualname__) == (
                model.__module__, model.__qualname__)
            if same:
                import warnings

                warnings.warn(
                    f"Model '{app_label}.{name}' was already registered. Reloading "
                    "models is not advised as it can lead to inconsistencies, most "
                    "notably with related models.", RuntimeWarning, stacklevel=2)
            else:
                raise RuntimeError(
                    f"Conflicting '{name}' models in application '{app_label}': "
                    f"{old} and {model}."
                )
        models[name] = model
        self.do_pending_operations(model)
        self.clear_cache()

    @functools.cache
    def get_swappable_settings_name(self, to_string):
        """The setting ("AUTH_USER_MODEL") that swaps the model "app.Model"
        names, or swaps it out; None for a model nothing swaps."""
        to_string = to_string.lower()
        for model in self.get_models(include_swapped=True):
            swapped = model._meta.swapped
            if swapped and swapped.lower() == to_string:
                return model._meta.swappable
            if model._meta.swappable and model._meta.label_lower == to_string:
                return model._meta.swappable
        return None

    def app_label_for_module(self, module_name):
        """Return the app label models defined in `module_name` belong to."""
        label = self._module_labels.get(module_name)
        if label is not None:
            return label
        if not self.apps_ready:
            return None
        config = self.get_containing_app_config(module_name)
        return config.label if config is not None else None

    def clear_cache(self):
        """Forget what models cached about the registry (their relations and
        field lists), after the installed apps changed."""
        self.get_swappable_settings_name.cache_clear()
        self.get_models.cache_clear()
        if self.ready:
            for config in self.app_configs.values():
                for model in config.get_models(include_auto_created=True):
                    model._meta._expire_cache()

    def do_pending_operations(self, model):
        """Run the operations that waited for `model` (register_model calls it)."""
        key = model._meta.app_label, model._meta.model_name
        for function in self._pending_operations.pop(key, []):
            function(model)


apps = Apps(installed_apps=None)


def setup(set_prefix=True):
    """Configure logging and populate the app registry (django.setup())."""
    # INSTALLED_APPS is read first so that, without settings, the error names
    # a setting every project defines rather than LOGGING, which has a default.
    installed_apps = settings.INSTALLED_APPS
    _configure_logging_at_setup()
    apps.populate(installed_apps)
