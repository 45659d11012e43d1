"""The serializer framework's base classes and helpers
(django/core/serializers/base.py): Serializer walks a queryset's fields,
Deserializer reads objects back as DeserializedObject, ProgressBar draws
dumpdata's bar.
"""

import io

from djscratch.core.exceptions import ObjectDoesNotExist
from djscratch.db.models.base import Model

#: deserialize_fk_value()'s answer for a natural key not loaded yet.
DEFER_FIELD = object()


class SerializerDoesNotExist(KeyError):
    """No serializer is registered under that format name."""


class SerializationError(Exception):
    """Serializing failed."""


class DeserializationError(Exception):
    """Data could not be read back into objects (a fixture, a payload)."""

    @classmethod
    def WithData(cls, original_exc, model, fk, field_value):
        """The error naming the model, primary key and the offending value."""
        return cls("%s: (%s:pk=%s) field_value was '%s'"
                   % (original_exc, model, fk, field_value))


class M2MDeserializationError(Exception):
    """A many-to-many value could not be read back."""

    def __init__(self, original_exc, pk):
        self.original_exc = original_exc
        self.pk = pk


class ProgressBar:
    """dumpdata's progress bar: 75 dots' width, drawn only as it grows."""

    progress_width = 75

    def __init__(self, output, total_count):
        self.output = output
        self.total_count = total_count
        self.prev_done = 0

    def update(self, count):
        if not self.output:
            return
        done = count * 100 // self.total_count * self.progress_width // 100
        if self.prev_done >= done:
            return
        self.prev_done = done
        cr = "" if self.total_count == 1 else "\r"
        self.output.write(
            cr + "[" + "." * done + " " * (self.progress_width - done) + "]")
        if done == self.progress_width:
            self.output.write("\n")
        self.output.flush()


class BaseSerializer:
    """django.core.serializers.base.Serializer: serialize() walks each
    object's local concrete fields and many-to-many fields and calls the
    handle_*() hooks a format implements."""

    internal_use_only = False
    progress_class = ProgressBar
    stream_class = io.StringIO

    def serialize(self, queryset, *, stream=None, fields=None,
                  use_natural_foreign_keys=False, use_natural_primary_keys=False,
                  progress_output=None, object_count=0, **options):
        self.options = options
        self.stream = stream if stream is not None else self.stream_class()
        self.selected_fields = fields
        self.use_natural_foreign_keys = use_natural_foreign_keys
        self.use_natural_primary_keys = use_natural_primary_keys
        progress_bar = self.progress_class(progress_output, object_count)
        self.start_serialization()
        self.first = True
        for count, obj in enumerate(queryset, start=1):
            self.start_object(obj)
            self._serialize_fields(obj)
            self.end_object(obj)
            progress_bar.update(count)
            self.first = False
        self.end_serialization()
        return self.getvalue()

    def _serialize_fields(self, obj):
        opts = obj._meta.concrete_model._meta
        pk_parent = None
        if self.use_natural_primary_keys:
            pk = opts.pk
            if pk.remote_field is not None and pk.remote_field.parent_link:
                pk_parent = pk
        selected = self.selected_fields
        for field in opts.local_fields:
            if not (field.serialize or field is pk_parent):
                continue
            if field.remote_field is None:
                if selected is None or field.attname in selected:
                    self.handle_field(obj, field)
            elif selected is None or field.attname[:-3] in selected:
                self.handle_fk_field(obj, field)
        for field in opts.local_many_to_many:
            if field.serialize and (selected is None or field.attname in selected):
                self.handle_m2m_field(obj, field)

    def start_serialization(self):
        raise NotImplementedError(
            "subclasses of Serializer must provide a start_serialization() method")

    def end_serialization(self):
        pass

    def start_object(self, obj):
        raise NotImplementedError(
            "subclasses of Serializer must provide a start_object() method")

    def end_object(self, obj):
        pass

    def handle_field(self, obj, field):
        raise NotImplementedError(
            "subclasses of Serializer must provide a handle_field() method")

    def handle_fk_field(self, obj, field):
        raise NotImplementedError(
            "subclasses of Serializer must provide a handle_fk_field() method")

    def handle_m2m_field(self, obj, field):
        raise NotImplementedError(
            "subclasses of Serializer must provide a handle_m2m_field() method")

    def getvalue(self):
        """The serialized text, when the stream can give it back."""
        if callable(getattr(self.stream, "getvalue", None)):
            return self.stream.getvalue()


class BaseDeserializer:
    """django.core.serializers.base.Deserializer: an iterator of
    DeserializedObject over a stream or a string."""

    def __init__(self, stream_or_string, **options):
        self.options = options
        if isinstance(stream_or_string, str):
            self.stream = io.StringIO(stream_or_string)
        else:
            self.stream = stream_or_string

    def __iter__(self):
        return self

    def __next__(self):
        raise NotImplementedError(
            "subclasses of Deserializer must provide a __next__() method")


class DeserializedObject:
    """A model instance read back, not saved yet, with its many-to-many
    values; save() stores it as loaddata does (raw: no pre-save changes)."""

    def __init__(self, obj, m2m_data=None, deferred_fields=None):
        self.object = obj
        self.m2m_data = m2m_data
        self.deferred_fields = deferred_fields

    def __repr__(self):
        return "<%s: %s(pk=%s)>" % (type(self).__name__, self.object._meta.label,
                                    self.object.pk)

    def save(self, save_m2m=True, using=None, **kwargs):
        # Model's own save_base(), as Django: a model's overridden save() or
        # save_base() is bypassed, and the save is raw.
        Model.save_base(self.object, using=using, raw=True, **kwargs)
        if self.m2m_data and save_m2m:
            for name, values in self.m2m_data.items():
                getattr(self.object, name).set(values)
        # The m2m data is set; dropping it lets the object be garbage
        # collected as soon as it is saved.
        self.m2m_data = None

    def save_deferred_fields(self, using=None):
        """Resolve the natural keys that pointed forward, then save."""
        self.m2m_data = {}
        opts = self.object._meta
        label = opts.app_label + "." + opts.model_name
        for field, value in self.deferred_fields.items():
            if field.many_to_many:
                try:
                    values = deserialize_m2m_values(field, value, using, False)
                except M2MDeserializationError as e:
                    raise DeserializationError.WithData(
                        e.original_exc, label, self.object.pk, e.pk) from None
                self.m2m_data[field.name] = values
            else:
                try:
                    resolved = deserialize_fk_value(field, value, using, False)
                except Exception as e:
                    raise DeserializationError.WithData(
                        e, label, self.object.pk, value) from None
                setattr(self.object, field.attname, resolved)
        self.save()


def build_instance(Model, data, db):
    """Model(**data); without a primary key, a model with natural keys gets
    the one of the row its natural key finds."""
    manager = Model._meta.default_manager
    pk = data.get(Model._meta.pk.attname)
    if pk is None and hasattr(manager, "get_by_natural_key") and hasattr(
            Model, "natural_key"):
        obj = Model(**data)
        obj._state.db = db
        try:
            found = manager.db_manager(db).get_by_natural_key(*obj.natural_key())
        except Model.DoesNotExist:
            pass
        else:
            data[Model._meta.pk.attname] = Model._meta.pk.to_python(found.pk)
    return Model(**data)


def _is_natural_key(value):
    return hasattr(value, "__iter__") and not isinstance(value, str)


def deserialize_m2m_values(field, field_value, using, handle_forward_references):
    """The primary keys a many-to-many value names (keys or natural keys)."""
    model = field.remote_field.model
    manager = model._default_manager
    natural = hasattr(manager, "get_by_natural_key")

    def convert(value):
        if natural and _is_natural_key(value):
            return manager.db_manager(using).get_by_natural_key(*value).pk
        return model._meta.pk.to_python(value)

    try:
        values = iter(field_value)
    except TypeError as e:
        raise M2MDeserializationError(e, field_value) from None
    result = []
    pk = None
    try:
        for pk in values:
            result.append(convert(pk))
    except Exception as e:
        if isinstance(e, ObjectDoesNotExist) and handle_forward_references:
            return DEFER_FIELD
        raise M2MDeserializationError(e, pk) from None
    return result


def deserialize_fk_value(field, field_value, using, handle_forward_references):
    """The value of a foreign key's column for a key or a natural key."""
    if field_value is None:
        return None
    manager = field.remote_field.model._default_manager
    target = field.target_field
    if hasattr(manager, "get_by_natural_key") and _is_natural_key(field_value):
        try:
            obj = manager.db_manager(using).get_by_natural_key(*field_value)
        except ObjectDoesNotExist:
            if handle_forward_references:
                return DEFER_FIELD
            raise
        # attname: a multi-table child's key is its parent link's value.
        return getattr(obj, target.attname)
    return target.to_python(field_value)
