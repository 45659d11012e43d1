"""The app registry (django/apps/config.py and registry.py):
AppConfig, Apps, the `apps` registry and setup().
"""

import os
import sys
import threading

# A module that loads later (it imports this one), used at call time as
# djscratch.<name>: project_check.
import djscratch

from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from djscratch.conf import settings

__all__ = [
    "setup", "AppConfig", "apps",
]


class AppConfig:
    """One installed application: its name, label, module and models."""

    default_auto_field = None
    default = True

    def __init__(self, app_name, app_module=None):
        self.name = app_name
        self.module = app_module
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label '{self.label}' is not a valid Python identifier."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.title()
        if not hasattr(self, "path"):
            path = getattr(app_module, "__file__", None)
            self.path = os.path.dirname(path) if path else None
        self.models = {}  # lower-case model name -> model class
        self.models_module = None

    def __repr__(self):
        return f"<{type(self).__name__}: {self.label}>"

    def get_models(self, include_auto_created=False, include_swapped=False):
        return [m for m in self.models.values()
                if (include_auto_created or not m._meta.auto_created)
                and (include_swapped or not m._meta.swapped)]

    def get_model(self, model_name, require_ready=True):
        try:
            return self.models[model_name.lower()]
        except KeyError:
            raise LookupError(
                f"App '{self.label}' doesn't have a '{model_name}' model."
            ) from None

    def import_models(self):
        """Import the app's models module, if it has one."""
        import importlib.util

        if self.module is not None and getattr(self.module, "_djscratch_app", False):
            self.models_module = self.module  # a single-file app is its own models
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


class Apps:
    """The registry of installed apps and their models (django.apps.apps)."""

    def __init__(self, installed_apps=None):
        self.app_configs = {}  # label -> AppConfig
        self.all_models = {}  # label -> {model_name: model}
        self.ready = False
        self.models_ready = False
        self._lock = threading.RLock()
        self._module_labels = {}  # module name -> label, for single-file apps
        if installed_apps is not None:  # a registry of its own (isolate_apps)
            self.populate(installed_apps)

    def populate(self, installed_apps):
        """Create an AppConfig per entry and import every app's models."""
        import importlib

        with self._lock:
            if self.ready:
                return
            # Everything the settings name that djscratch lacks, in one message
            # (rather than one refusal per run).
            djscratch.project_check.check_project_settings(installed_apps)
            for entry in installed_apps:
                if isinstance(entry, AppConfig):
                    config = entry
                elif entry.startswith("django."):
                    config = _contrib_config(entry)
                    if config is None:
                        raise ImproperlyConfigured(
                            f"INSTALLED_APPS lists {entry!r}, which djscratch does "
                            "not implement (it provides "
                            f"{', '.join(sorted(_CONTRIB_APPS))})."
                        )
                else:
                    config = self._config_for(entry, importlib)
                if config.label in self.app_configs:
                    if self.app_configs[config.label].name == config.name:
                        continue
                    raise ImproperlyConfigured(
                        f"Application labels aren't unique, duplicates: {config.label}"
                    )
                config.models = self.all_models.setdefault(config.label, {})
                self.app_configs[config.label] = config
            self.models_ready = True  # models may register while imported below
            for config in list(self.app_configs.values()):
                config.import_models()
            self.ready = True
            for config in list(self.app_configs.values()):
                config.ready()

    def _config_for(self, entry, importlib):
        module = sys.modules.get(entry)
        if module is None:
            try:
                module = importlib.import_module(entry)
            except ImportError:
                # "app.apps.MyConfig": a dotted path to an AppConfig subclass
                # (a capitalised last part, as Django tells them apart).  Any
                # other entry's ImportError is the real problem: let it out.
                module_path, _, class_name = entry.rpartition(".")
                if not (module_path and class_name[:1].isupper()):
                    raise
                cls = import_string(entry)
                if not (isinstance(cls, type) and issubclass(cls, AppConfig)):
                    raise
                return cls(cls.name, importlib.import_module(cls.name))
        if isinstance(module, type) and issubclass(module, AppConfig):
            return module(module.name, importlib.import_module(module.name))
        # An app's apps.py may name a default AppConfig subclass.
        try:
            apps_module = importlib.import_module(f"{entry}.apps")
        except ImportError:
            apps_module = None
        if apps_module is not None:
            candidates = [
                v for v in vars(apps_module).values()
                if isinstance(v, type) and issubclass(v, AppConfig)
                and v is not AppConfig
                and getattr(v, "name", None) == entry and v.default
            ]
            if len(candidates) == 1:
                return candidates[0](entry, module)
        config = AppConfig(entry, module)
        if getattr(module, "_djscratch_app", False):
            config.label = module._djscratch_label
        return config

    def check_apps_ready(self):
        if not self.ready:
            raise AppRegistryNotReady("Apps aren't loaded yet.")

    def get_app_configs(self):
        return list(self.app_configs.values())

    def get_app_config(self, app_label):
        try:
            return self.app_configs[app_label]
        except KeyError:
            message = f"No installed app with label '{app_label}'."
            raise LookupError(message) from None

    def is_installed(self, app_name):
        return any(c.name == app_name for c in self.app_configs.values())

    def get_models(self, include_auto_created=False, include_swapped=False):
        result = []
        for config in self.app_configs.values():
            result.extend(config.get_models(include_auto_created, include_swapped))
        return result

    def get_model(self, app_label, model_name=None, require_ready=True):
        """Return a model by "app_label.ModelName" or by label and name."""
        if model_name is None:
            app_label, model_name = app_label.split(".")
        return self.get_app_config(app_label).get_model(model_name)

    def register_model(self, app_label, model):
        """Record a model class; called by the model metaclass."""
        models = self.all_models.setdefault(app_label, {})
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

    def get_containing_app_config(self, object_name):
        """Return the AppConfig whose module contains `object_name`, or None."""
        label = self._module_labels.get(object_name)
        if label is not None:
            return self.app_configs.get(label)
        best = None
        for config in self.app_configs.values():
            if object_name == config.name or object_name.startswith(config.name + "."):
                if best is None or len(config.name) > len(best.name):
                    best = config
        return best

    def app_label_for_module(self, module_name):
        """Return the app label models defined in `module_name` belong to."""
        label = self._module_labels.get(module_name)
        if label is not None:
            return label
        config = self.get_containing_app_config(module_name)
        return config.label if config is not None else None

    def clear_cache(self):
        """Forget cached model lookups (after adding models at run time)."""


apps = Apps()


def setup(set_prefix=True):
    """Configure logging and populate the app registry (django.setup())."""
    # INSTALLED_APPS is read first so that, without settings, the error names
    # a setting every project defines rather than LOGGING, which has a default.
    installed_apps = settings.INSTALLED_APPS
    if settings.LOGGING:
        import logging.config

        logging.config.dictConfig(settings.LOGGING)
    apps.populate(installed_apps)
