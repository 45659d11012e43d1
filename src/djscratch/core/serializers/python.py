"""The "python" serializer (django/core/serializers/python.py): objects to
lists of {"model", "pk", "fields"} dicts and back; the JSON formats build
on it.
"""

from djscratch.utils.encoding import is_protected_type
from djscratch.apps.registry import apps
from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.db.models.fields_extra import CompositePrimaryKey
from djscratch.core.serializers.base import (
    BaseDeserializer, BaseSerializer, build_instance, DEFER_FIELD,
    DeserializationError, DeserializedObject, deserialize_fk_value,
    deserialize_m2m_values, M2MDeserializationError,
)


class PythonSerializer(BaseSerializer):
    """django.core.serializers.python.Serializer."""

    internal_use_only = True

    def start_serialization(self):
        self._current = None
        self.objects = []

    def end_serialization(self):
        pass

    def start_object(self, obj):
        self._current = {}

    def end_object(self, obj):
        self.objects.append(self.get_dump_object(obj))
        self._current = None

    def get_dump_object(self, obj):
        data = {"model": obj._meta.label_lower}
        if not self.use_natural_primary_keys or not hasattr(obj, "natural_key"):
            data["pk"] = self._value_from_field(obj, obj._meta.pk)
        data["fields"] = self._current
        return data

    def _value_from_field(self, obj, field):
        if isinstance(field, CompositePrimaryKey):
            return [self._value_from_field(obj, f) for f in field.fields]
        value = field.value_from_object(obj)
        return value if is_protected_type(value) else field.value_to_string(obj)

    def handle_field(self, obj, field):
        self._current[field.name] = self._value_from_field(obj, field)

    def handle_fk_field(self, obj, field):
        if self.use_natural_foreign_keys and hasattr(field.remote_field.model,
                                                     "natural_key"):
            related = getattr(obj, field.name)
            value = related.natural_key() if related else None
        else:
            value = self._value_from_field(obj, field)
        self._current[field.name] = value

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return  # a custom through model's rows are serialized themselves
        if self.use_natural_foreign_keys and hasattr(field.remote_field.model,
                                                     "natural_key"):
            def m2m_value(value):
                return value.natural_key()

            def related():
                return getattr(obj, field.name).all()
        else:
            def m2m_value(value):
                return self._value_from_field(value, value._meta.pk)

            def related():  # the keys only: no related rows joined either
                return getattr(obj, field.name).select_related(None).only("pk")
        prefetched = getattr(obj, "_prefetched_objects_cache", {})
        objs = prefetched[field.name] if field.name in prefetched else related()
        self._current[field.name] = [m2m_value(o) for o in objs]

    def getvalue(self):
        return self.objects


class PythonDeserializer(BaseDeserializer):
    """django.core.serializers.python.Deserializer: DeserializedObject per
    dict of `object_list`."""

    def __init__(self, object_list, *, using=DEFAULT_DB_ALIAS, ignorenonexistent=False,
                 **options):
        super().__init__(object_list, **options)
        self.handle_forward_references = options.pop("handle_forward_references",
                                                     False)
        self.using = using
        self.ignorenonexistent = ignorenonexistent
        self.field_names_cache = {}
        self._iterator = None

    def __iter__(self):
        for obj in self.stream:
            yield from self._handle_object(obj)

    def __next__(self):
        if self._iterator is None:
            self._iterator = iter(self)
        return next(self._iterator)

    def _handle_object(self, obj):
        try:
            Model = self._get_model_from_node(obj["model"])
        except DeserializationError:
            if self.ignorenonexistent:
                return
            raise
        data, m2m_data, deferred_fields = {}, {}, {}
        if "pk" in obj:
            try:
                data[Model._meta.pk.attname] = Model._meta.pk.to_python(obj.get("pk"))
            except Exception as e:
                raise DeserializationError.WithData(
                    e, obj["model"], obj.get("pk"), None) from None
        names = self.field_names_cache.get(Model)
        if names is None:
            names = self.field_names_cache[Model] = {
                f.name for f in Model._meta.get_fields()}
        for name, value in obj["fields"].items():
            if self.ignorenonexistent and name not in names:
                continue
            field = Model._meta.get_field(name)
            if field.remote_field is not None and field.many_to_many:
                try:
                    values = deserialize_m2m_values(
                        field, value, self.using, self.handle_forward_references)
                except M2MDeserializationError as e:
                    raise DeserializationError.WithData(
                        e.original_exc, obj["model"], obj.get("pk"), e.pk) from None
                if values is DEFER_FIELD:
                    deferred_fields[field] = value
                else:
                    m2m_data[field.name] = values
            elif field.remote_field is not None and (field.many_to_one or
                                                     field.one_to_one):
                try:
                    resolved = deserialize_fk_value(
                        field, value, self.using, self.handle_forward_references)
                except Exception as e:
                    raise DeserializationError.WithData(
                        e, obj["model"], obj.get("pk"), value) from None
                if resolved is DEFER_FIELD:
                    deferred_fields[field] = value
                else:
                    data[field.attname] = resolved
            else:
                try:
                    data[field.name] = field.to_python(value)
                except Exception as e:
                    raise DeserializationError.WithData(
                        e, obj["model"], obj.get("pk"), value) from None
        instance = build_instance(Model, data, self.using)
        yield DeserializedObject(instance, m2m_data, deferred_fields)

    @staticmethod
    def _get_model_from_node(model_identifier):
        """The model of an "app_label.model_name" string.

        Like djscratch's loaddata, a model registered by an app that is not
        in INSTALLED_APPS is found too (Django finds installed apps' only).
        """
        try:
            return apps.get_model(model_identifier)
        except (LookupError, TypeError, ValueError):
            app_label, _, name = str(model_identifier).partition(".")
            model = apps.all_models.get(app_label, {}).get(name.lower())
            if model is not None:
                return model
            raise DeserializationError(
                "Invalid model identifier: %s" % model_identifier) from None
