"""Apps' and AppConfig's methods a plain page's first response never runs:
the single file keeps them in a section, and the classes define them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import functools
import importlib

from djscratch.core.exceptions import AppRegistryNotReady
from djscratch.apps.registry import AppConfig


class _AppsMore:
    """Apps's methods defined on first use (never instantiated)."""

    def check_models_ready(self):
        if not self.models_ready:
            raise AppRegistryNotReady("Models aren't loaded yet.")

    def get_app_config(self, app_label):
        self.check_apps_ready()
        try:
            return self.app_configs[app_label]
        except KeyError:
            message = f"No installed app with label '{app_label}'."
            for config in self.app_configs.values():
                if config.name == app_label:
                    message += f" Did you mean '{config.label}'?"
                    break
            raise LookupError(message) from None

    def is_installed(self, app_name):
        self.check_apps_ready()
        return any(c.name == app_name for c in self.app_configs.values())

    def get_model(self, app_label, model_name=None, require_ready=True):
        """Return a model by "app_label.ModelName" or by label and name."""
        if require_ready:
            self.check_models_ready()
        else:
            self.check_apps_ready()
        if model_name is None:
            app_label, model_name = app_label.split(".")
        config = self.get_app_config(app_label)
        if not require_ready and config.models is None:
            config.import_models()
        return config.get_model(model_name, require_ready=require_ready)

    def get_registered_model(self, app_label, model_name):
        """A model imported under `app_label`, installed or not (no readiness
        check: relations resolve while the registry is being populated)."""
        model = self.all_models[app_label].get(model_name.lower())
        if model is None:
            raise LookupError(f"Model '{app_label}.{model_name}' not registered.")
        return model

    def get_containing_app_config(self, object_name):
        """Return the AppConfig whose module contains `object_name`, or None."""
        self.check_apps_ready()
        label = self._module_labels.get(object_name)
        if label is not None:
            return self.app_configs.get(label)
        best = None
        for config in self.app_configs.values():
            if object_name == config.name or object_name.startswith(config.name + "."):
                if best is None or len(config.name) > len(best.name):
                    best = config
        return best

    def set_available_apps(self, available):
        """Narrow get_app_config[s]() to the apps named in `available` (a
        TransactionTestCase's available_apps), until unset_available_apps()."""
        available = set(available)
        installed = {config.name for config in self.get_app_configs()}
        if not available.issubset(installed):
            raise ValueError(
                "Available apps isn't a subset of installed apps, extra apps: "
                + ", ".join(available - installed))
        self.stored_app_configs.append(self.app_configs)
        self.app_configs = {label: config for label, config in self.app_configs.items()
                            if config.name in available}
        self.clear_cache()

    def unset_available_apps(self):
        self.app_configs = self.stored_app_configs.pop()
        self.clear_cache()

    def set_installed_apps(self, installed):
        """Install another set of apps (override_settings(INSTALLED_APPS=...)),
        until unset_installed_apps().  Models imported meanwhile stay
        registered: imports cannot be undone."""
        if not self.ready:
            raise AppRegistryNotReady("App registry isn't ready yet.")
        self.stored_app_configs.append(self.app_configs)
        self.app_configs = {}
        self.apps_ready = self.models_ready = self.loading = self.ready = False
        self.clear_cache()
        self.populate(installed)

    def unset_installed_apps(self):
        self.app_configs = self.stored_app_configs.pop()
        self.apps_ready = self.models_ready = self.ready = True
        self.clear_cache()

    def lazy_model_operation(self, function, *model_keys):
        """Call function(*models) once each ("app_label", "modelname") in
        model_keys names a registered model; now, if they all are."""
        if not model_keys:
            function()
            return
        next_model, *more_models = model_keys

        def apply_next_model(model):
            next_function = functools.partial(apply_next_model.func, model)
            self.lazy_model_operation(next_function, *more_models)

        apply_next_model.func = function  # duck-types a partial's .func
        try:
            model_class = self.get_registered_model(*next_model)
        except LookupError:
            self._pending_operations[next_model].append(apply_next_model)
        else:
            apply_next_model(model_class)


class _AppConfigMore:
    """AppConfig's methods defined on first use (never instantiated)."""

    @property
    def _is_default_auto_field_overridden(self):
        return type(self).default_auto_field is not AppConfig.default_auto_field

    @classmethod
    def _raise_for_entry(cls, entry):
        """An entry that is neither a module nor a class: a capitalised last
        part meant an AppConfig class (say which the module has), anything
        else a module (let its ImportError out)."""
        import inspect

        module_path, _, class_name = entry.rpartition(".")
        if module_path and class_name[:1].isupper():
            module = importlib.import_module(module_path)
            candidates = [repr(name) for name, candidate
                          in inspect.getmembers(module, inspect.isclass)
                          if issubclass(candidate, cls) and candidate is not cls]
            message = f"Module '{module_path}' does not contain a '{class_name}' class."
            if candidates:
                message += f" Choices are: {', '.join(candidates)}."
            raise ImportError(message)
        importlib.import_module(entry)

    def get_models(self, include_auto_created=False, include_swapped=False):
        self._registry.check_models_ready()
        if self.models is None:
            self.models = self._registry.all_models[self.label]
        return [m for m in self.models.values()
                if (include_auto_created or not m._meta.auto_created)
                and (include_swapped or not m._meta.swapped)]

    def get_model(self, model_name, require_ready=True):
        if require_ready:
            self._registry.check_models_ready()
        else:
            self._registry.check_apps_ready()
        try:
            return (self.models or {})[model_name.lower()]
        except KeyError:
            raise LookupError(
                f"App '{self.label}' doesn't have a '{model_name}' model."
            ) from None
