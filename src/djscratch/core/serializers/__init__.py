"""serialize() and deserialize() with the format registry
(django/core/serializers/__init__.py): "python", "json", "jsonl" and
"xml" are built in; SERIALIZATION_MODULES adds formats; "yaml" is refused
by name (the Django engine has it).
"""

import importlib

from djscratch.conf import settings
from djscratch.core.signals import setting_changed
from djscratch.apps.registry import apps
from djscratch.db.utils import NotSupportedError
from djscratch.core.serializers.base import SerializerDoesNotExist
from djscratch.core.serializers.python import PythonDeserializer, PythonSerializer
from djscratch.core.serializers.formats import (
    JsonDeserializer, JsonlDeserializer, JsonlSerializer, JsonSerializer,
)
from djscratch.core.serializers.xml_serializer import XmlDeserializer, XmlSerializer

BUILTIN_SERIALIZERS = {
    "xml": "django.core.serializers.xml_serializer",
    "python": "django.core.serializers.python",
    "json": "django.core.serializers.json",
    "yaml": "django.core.serializers.pyyaml",
    "jsonl": "django.core.serializers.jsonl",
}

#: format -> an object with Serializer and Deserializer (a module in Django).
_serializers = {}


class BadSerializer:
    """Stands for a serializer that failed to load; raises when used."""

    internal_use_only = False

    def __init__(self, exception):
        self.exception = exception

    def __call__(self, *args, **kwargs):
        raise self.exception


class _SerializerModule:
    def __init__(self, serializer, deserializer):
        self.Serializer = serializer
        self.Deserializer = deserializer


def _builtin_serializer_module(format):
    if format == "python":
        return _SerializerModule(PythonSerializer, PythonDeserializer)
    if format == "json":
        return _SerializerModule(JsonSerializer, JsonDeserializer)
    if format == "jsonl":
        return _SerializerModule(JsonlSerializer, JsonlDeserializer)
    if format == "xml":
        return _SerializerModule(XmlSerializer, XmlDeserializer)
    if format == "yaml":
        try:  # Django's answer without PyYAML: an ImportError when used
            importlib.import_module(BUILTIN_SERIALIZERS[format])
        except ImportError as exc:
            bad = BadSerializer(exc)
            return _SerializerModule(bad, bad)
    refused = _RefusedSerializer(format)
    return _SerializerModule(refused, refused)


class _RefusedSerializer:
    """A format djscratch does not implement: each use raises a new
    NotSupportedError naming it (loaddata adds the fixture to its message)."""

    internal_use_only = False

    def __init__(self, format):
        self.format = format

    def __call__(self, *args, **kwargs):
        raise NotSupportedError(
            "djscratch does not implement the %r serializer; use json, jsonl or "
            "python, or the Django engine (DJSCRATCH_ENGINE=django)." % self.format)


def register_serializer(format, serializer_module, serializers=None):
    """Register the module (a dotted path) holding a format's Serializer and
    Deserializer; one that fails to import raises when used."""
    if serializers is None and not _serializers:
        _load_serializers()
    try:
        module = importlib.import_module(serializer_module)
    except ImportError as exc:
        bad = BadSerializer(exc)
        module = _SerializerModule(bad, bad)
    (_serializers if serializers is None else serializers)[format] = module


def unregister_serializer(format):
    if not _serializers:
        _load_serializers()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    del _serializers[format]


def get_serializer(format):
    if not _serializers:
        _load_serializers()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    return _serializers[format].Serializer


def get_serializer_formats():
    if not _serializers:
        _load_serializers()
    return list(_serializers)


def get_public_serializer_formats():
    if not _serializers:
        _load_serializers()
    return [name for name, module in _serializers.items()
            if not module.Serializer.internal_use_only]


def get_deserializer(format):
    if not _serializers:
        _load_serializers()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    return _serializers[format].Deserializer


def serialize(format, queryset, **options):
    """Serialize a queryset (or any iterable of model instances) as `format`."""
    serializer = get_serializer(format)()
    serializer.serialize(queryset, **options)
    return serializer.getvalue()


def deserialize(format, stream_or_string, **options):
    """An iterator of DeserializedObject (unsaved) read from `format` data."""
    return get_deserializer(format)(stream_or_string, **options)


def _load_serializers():
    global _serializers
    serializers = {format: _builtin_serializer_module(format)
                   for format in BUILTIN_SERIALIZERS}
    modules = getattr(settings, "SERIALIZATION_MODULES", None) or {}
    for format, path in modules.items():
        register_serializer(format, path, serializers)
    _serializers = serializers


def _serialization_modules_changed(*, setting, **kwargs):
    """override_settings(SERIALIZATION_MODULES=...) loads the registry again
    on next use (Django's clear_serializers_cache)."""
    global _serializers
    if setting == "SERIALIZATION_MODULES":
        _serializers = {}


setting_changed.connect(_serialization_modules_changed,
                        dispatch_uid="djscratch-serializers")


def sort_dependencies(app_list, allow_cycles=False):
    """Order the models of [(app_config, models or None)] so that models with
    natural keys come before the models that refer to them by those keys."""
    dependencies, models = [], set()
    for app_config, model_list in app_list:
        if model_list is None:
            model_list = app_config.get_models()
        for model in model_list:
            models.add(model)
            deps = []
            if hasattr(model, "natural_key"):
                deps = [apps.get_model(dep) for dep in
                        getattr(model.natural_key, "dependencies", [])]
            for field in model._meta.fields:
                rel_model = field.related_model if field.remote_field else None
                if hasattr(rel_model, "natural_key") and rel_model != model:
                    deps.append(rel_model)
            for field in model._meta.many_to_many:
                if field.remote_field.through._meta.auto_created:
                    rel_model = field.related_model
                    if hasattr(rel_model, "natural_key") and rel_model != model:
                        deps.append(rel_model)
            dependencies.append((model, deps))
    dependencies.reverse()
    ordered = []
    while dependencies:
        skipped, changed = [], False
        while dependencies:
            model, deps = dependencies.pop()
            if all(d not in models or d in ordered for d in deps):
                ordered.append(model)
                changed = True
            else:
                skipped.append((model, deps))
        if not changed:
            if not allow_cycles:
                raise RuntimeError(
                    "Can't resolve dependencies for %s in serialized app list." %
                    ", ".join(model._meta.label for model, _deps in sorted(
                        skipped, key=lambda pair: pair[0].__name__)))
            ordered.append(skipped.pop()[0])
        dependencies = skipped
    return ordered
