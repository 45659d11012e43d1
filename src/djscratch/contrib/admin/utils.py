"""Helpers the admin's views share (django/contrib/admin/utils.py): primary
keys quoted for URLs, fieldsets flattened, values and labels for the
changelist, the cascade shown before a delete, change messages.
"""

import collections
import functools
import operator

from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.html import format_html
from djscratch.utils.text import capfirst
from djscratch.utils.translation import ngettext
from djscratch.core.exceptions import (
    FieldDoesNotExist, NoReverseMatch, ValidationError,
)
from djscratch.urls.base import reverse
from djscratch.template.runtime import _localize, _number_format, _template_localtime
from djscratch.contrib.staticfiles.urls import static_url
from djscratch.db.utils import _router
from djscratch.db.models.fields import DateField, DateTimeField, IntegerField
from djscratch.db.models.fields_extra import (
    BooleanField, DecimalField, FloatField, JSONField, TimeField, URLField,
)
from djscratch.db.models.base import _make_hashable, Model, ModelBase
from djscratch.db.models.expressions import Q
from djscratch.db.models.query import QuerySet
from djscratch.db.models.deletion import Collector, ProtectedError, RestrictedError
from djscratch.db.models.files import FileField
from djscratch.core.validators import EMPTY_VALUES
from djscratch.core.validators_extra import URLValidator
from djscratch.forms.utils import pretty_name

__all__ = [
    "quote", "unquote", "flatten", "flatten_fieldsets", "lookup_field",
    "label_for_field", "help_text_for_field", "display_for_field",
    "display_for_value", "NestedObjects", "get_deleted_objects",
    "model_format_dict", "model_ngettext", "construct_change_message",
    "lookup_spawns_duplicates", "prepare_lookup_value", "get_fields_from_path",
    "reverse_field_path", "get_model_from_relation", "NotRelationField",
    "FieldIsAForeignKeyColumnName", "build_q_object_from_lookup_parameters",
    "get_last_value_from_parameters",
]

#: Django's LOOKUP_SEP (django.db.models.constants).
_LOOKUP_SEP = "__"

#: Characters a primary key may hold that would confuse an admin URL, each
#: written as "_" and two hex digits (not "%", which browsers unquote).
QUOTE_MAP = {i: "_%02X" % i for i in b'":/_#?;@&=+$,"[]<>%\n\\'}
UNQUOTE_MAP = {v: chr(k) for k, v in QUOTE_MAP.items()}
UNQUOTE_RE = _lazy_re_compile("_(?:%s)" % "|".join([x[1:] for x in UNQUOTE_MAP]))


class FieldIsAForeignKeyColumnName(Exception):
    """A name is a foreign key's column (<fk>_id), not a field."""


class NotRelationField(Exception):
    """A field of a lookup path that should lead to a model does not."""


def quote(s):
    """Escape the characters of a primary key that would confuse an admin URL
    ("/", "_", ":", ...); a value that is not a string is returned as is."""
    return s.translate(QUOTE_MAP) if isinstance(s, str) else s


def unquote(s):
    """Undo quote()."""
    return UNQUOTE_RE.sub(lambda m: UNQUOTE_MAP[m[0]], s)


def flatten(fields):
    """Return the fields with one level of nesting (a row of fields) removed."""
    flat = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            flat.extend(field)
        else:
            flat.append(field)
    return flat


def flatten_fieldsets(fieldsets):
    """Return the field names of an admin `fieldsets` structure, in order."""
    field_names = []
    for _name, opts in fieldsets:
        field_names.extend(flatten(opts["fields"]))
    return field_names


# -- Query-string values of the changelist's filters

def lookup_spawns_duplicates(opts, lookup_path):
    """Whether filtering by `lookup_path` crosses a to-many relation (so the
    changelist must ask for distinct rows)."""
    for field_name in lookup_path.split(_LOOKUP_SEP):
        if field_name == "pk":
            field_name = opts.pk.name
        try:
            field = opts.get_field(field_name)
        except FieldDoesNotExist:
            continue  # a lookup such as "exact" or "in"
        if _leads_to_model(field):
            if field.many_to_many or field.one_to_many:
                return True
            opts = field.related_model._meta
    return False


def get_last_value_from_parameters(parameters, key):
    """The last value a query string gave `key` (params hold lists)."""
    value = parameters.get(key)
    return value[-1] if isinstance(value, list) else value


def prepare_lookup_value(key, value, separator=","):
    """Turn a query-string value into a filter() value: "a,b" becomes a list
    for __in, and __isnull is false for "", "false" and "0"."""
    if isinstance(value, list):
        return [prepare_lookup_value(key, v, separator=separator) for v in value]
    if key.endswith("__in"):
        value = value.split(separator)
    elif key.endswith("__isnull"):
        value = value.lower() not in ("", "false", "0")
    return value


def build_q_object_from_lookup_parameters(parameters):
    """AND of the parameters, each an OR of its values ({lookup: [values]})."""
    q_object = Q()
    for param, param_item_list in parameters.items():
        q_object &= functools.reduce(
            operator.or_, (Q((param, item)) for item in param_item_list))
    return q_object


def _leads_to_model(field):
    return getattr(field, "is_relation", False) and field.related_model is not None


def get_model_from_relation(field):
    """Return the model a relation (forward or reverse) leads to."""
    if not _leads_to_model(field):
        raise NotRelationField
    return field.related_model


def get_fields_from_path(model, path):
    """Return the fields a lookup path walks through, from `model`:
    (Article, "author__name") -> [Article.author, Author.name]."""
    fields = []
    for piece in path.split(_LOOKUP_SEP):
        parent = get_model_from_relation(fields[-1]) if fields else model
        fields.append(parent._meta.get_field(piece))
    return fields


def reverse_field_path(model, path):
    """Return (the model at the end of `path`, the path back to `model`):
    (Order, "user__groups") -> (Group, "user__order").  A data field at the
    end of the path is left out."""
    reversed_path = []
    parent = model
    pieces = path.split(_LOOKUP_SEP)
    for piece in pieces:
        field = parent._meta.get_field(piece)
        if len(reversed_path) == len(pieces) - 1:  # the last piece
            try:
                get_model_from_relation(field)
            except NotRelationField:
                break
        if field.is_relation and not (field.auto_created and not field.concrete):
            related_name = field.related_query_name()
            parent = field.remote_field.model
        else:  # a reverse relation
            related_name = field.field.name
            parent = field.related_model
        reversed_path.insert(0, related_name)
    return parent, _LOOKUP_SEP.join(reversed_path)


# -- The cascade a delete reaches

def get_deleted_objects(objs, request, admin_site):
    """Return what deleting `objs` (one model's instances) also deletes:
    (the nested list of "Model: link" strings the confirmation page shows,
    {verbose_name_plural: count}, verbose names the user may not delete,
    the protected objects that stop the delete)."""
    try:
        obj = objs[0]
    except IndexError:
        return [], {}, set(), []
    using = _router.db_for_write(obj._meta.model)
    collector = NestedObjects(using=using, origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def format_callback(obj):
        opts = obj._meta
        no_edit_link = "%s: %s" % (capfirst(opts.verbose_name), obj)
        if not admin_site.is_registered(obj.__class__):
            return no_edit_link  # no admin, or edited inline
        model_admin = admin_site.get_model_admin(obj.__class__)
        if not model_admin.has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            admin_url = reverse("%s:%s_%s_change" % (
                admin_site.name, opts.app_label, opts.model_name), None,
                (quote(obj.pk),))
        except NoReverseMatch:
            return no_edit_link
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name),
                           admin_url, obj)

    to_delete = collector.nested(format_callback)
    protected = [format_callback(obj) for obj in collector.protected]
    model_count = {model._meta.verbose_name_plural: len(objs)
                   for model, objs in collector.model_objs.items()}
    return to_delete, model_count, perms_needed, protected


class NestedObjects(Collector):
    """A Collector that remembers which object brought in which, for the
    nested list of the delete confirmation, and collects the protected
    objects instead of raising."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edges = {}  # {from_instance: [to_instances]}
        self.protected = set()
        self.model_objs = collections.defaultdict(set)  # {model: {instances}}

    def add_edge(self, source, target):
        self.edges.setdefault(source, []).append(target)

    def collect(self, objs, source=None, source_attr=None, **kwargs):
        for obj in objs:
            if source_attr and not source_attr.endswith("+"):
                related_name = source_attr % {
                    "class": source._meta.model_name,
                    "app_label": source._meta.app_label,
                }
                self.add_edge(getattr(obj, related_name), obj)
            else:
                self.add_edge(None, obj)
            self.model_objs[obj._meta.model].add(obj)
        try:
            return super().collect(objs, source_attr=source_attr, **kwargs)
        except ProtectedError as e:
            self.protected.update(e.protected_objects)
        except RestrictedError as e:
            self.protected.update(e.restricted_objects)

    def related_objects(self, related_model, related_fields, objs):
        qs = super().related_objects(related_model, related_fields, objs)
        # Each related object's parent comes with it: add_edge() reads it.
        return qs.select_related(*[field.name for field in related_fields])

    def _nested(self, obj, seen, format_callback):
        if obj in seen:
            return []
        seen.add(obj)
        children = []
        for child in self.edges.get(obj, ()):
            children.extend(self._nested(child, seen, format_callback))
        ret = [format_callback(obj)] if format_callback else [obj]
        if children:
            ret.append(children)
        return ret

    def nested(self, format_callback=None):
        """Return the collected objects as a nested list: each object, then
        the list of what it brought in (if anything)."""
        seen = set()
        roots = []
        for root in self.edges.get(None, ()):
            roots.extend(self._nested(root, seen, format_callback))
        return roots

    def can_fast_delete(self, *args, **kwargs):
        """Never: every object is fetched, to be listed on the confirmation
        page."""
        return False


def model_format_dict(obj):
    """Return {"verbose_name": ..., "verbose_name_plural": ...} of a model,
    an instance, a queryset or an Options."""
    if isinstance(obj, (Model, ModelBase)):
        opts = obj._meta
    elif isinstance(obj, QuerySet):
        opts = obj.model._meta
    else:
        opts = obj
    return {"verbose_name": opts.verbose_name,
            "verbose_name_plural": opts.verbose_name_plural}


def model_ngettext(obj, n=None):
    """Return obj's verbose_name or verbose_name_plural, as `n` asks (a
    queryset counts itself when `n` is None)."""
    if isinstance(obj, QuerySet):
        if n is None:
            n = obj.count()
        obj = obj.model
    d = model_format_dict(obj)
    return ngettext(d["verbose_name"], d["verbose_name_plural"], n or 0)


# -- Values and labels of the changelist's columns

def lookup_field(name, obj, model_admin=None):
    """Return (field, attribute, value) for a list_display entry: a model
    field (the attribute is None), a callable, a ModelAdmin method, a model
    method or property, or a path across relations ("author__name")."""
    opts = obj._meta
    try:
        f = _get_non_gfk_field(opts, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        if callable(name):
            attr = name
            value = attr(obj)
        elif hasattr(model_admin, name) and name != "__str__":
            attr = getattr(model_admin, name)
            value = attr(obj)
        else:
            sentinel = object()
            attr = getattr(obj, name, sentinel)
            if callable(attr):
                value = attr()
            else:
                if attr is sentinel:
                    attr = obj
                    for part in name.split(_LOOKUP_SEP):
                        attr = getattr(attr, part, sentinel)
                        if attr is sentinel:
                            return None, None, None
                value = attr
            if hasattr(model_admin, "model") and hasattr(model_admin.model, name):
                attr = getattr(model_admin.model, name)
        return None, attr, value
    return f, None, getattr(obj, name)


def _get_non_gfk_field(opts, name):
    """opts.get_field(name), except that generic foreign keys and reverse
    relations count as missing (they are not attributes the admin shows),
    and a foreign key's column name raises FieldIsAForeignKeyColumnName."""
    field = opts.get_field(name)
    if field.is_relation and ((field.many_to_one and not field.related_model)
                              or field.one_to_many):
        raise FieldDoesNotExist()
    if (field.is_relation and not field.many_to_many
            and getattr(field, "attname", None) == name):
        raise FieldIsAForeignKeyColumnName()
    return field


def label_for_field(name, model, model_admin=None, return_attr=False, form=None):
    """Return the column header of a list_display entry (and, with
    return_attr, what the name resolved to: None for a model field)."""
    attr = None
    try:
        field = _get_non_gfk_field(model._meta, name)
        try:
            label = field.verbose_name
        except AttributeError:  # a reverse relation
            label = field.related_model._meta.verbose_name
    except FieldDoesNotExist:
        if name == "__str__":
            label = str(model._meta.verbose_name)
            attr = str
        else:
            attr = _label_attr(name, model, model_admin, form)
            label = _label_of(name, attr)
    except FieldIsAForeignKeyColumnName:
        label = pretty_name(name)
        attr = name
    return (label, attr) if return_attr else label


def _label_attr(name, model, model_admin, form):
    """What a list_display name that is not a model field stands for."""
    if callable(name):
        return name
    if hasattr(model_admin, name):
        return getattr(model_admin, name)
    if hasattr(model, name):
        return getattr(model, name)
    if form and name in form.fields:
        return form.fields[name]
    try:
        return get_fields_from_path(model, name)[-1]
    except (FieldDoesNotExist, NotRelationField):
        message = f"Unable to lookup '{name}' on {model._meta.object_name}"
        if model_admin:
            message += f" or {model_admin.__class__.__name__}"
        if form:
            message += f" or {form.__class__.__name__}"
        raise AttributeError(message) from None


def _label_of(name, attr):
    if hasattr(attr, "short_description"):
        return attr.short_description
    if isinstance(attr, property) and hasattr(attr.fget, "short_description"):
        return attr.fget.short_description
    if callable(attr):
        return "--" if attr.__name__ == "<lambda>" else pretty_name(attr.__name__)
    return pretty_name(name)


def help_text_for_field(name, model):
    """Return a model field's help_text ("" for anything else)."""
    try:
        field = _get_non_gfk_field(model._meta, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        return ""
    return getattr(field, "help_text", "")


def _boolean_icon(field_val):
    """The image a changelist shows for True, False and None."""
    icon_url = static_url("admin/img/icon-%s.svg" % {
        True: "yes", False: "no", None: "unknown"}[field_val])
    return format_html('<img src="{}" alt="{}">', icon_url, field_val)


def display_for_field(value, field, empty_value_display, avoid_link=False):
    """Return how the changelist shows a model field's value: a choice's
    label, a boolean icon, a localized date or number, a link for a URL
    with a safe scheme or a file, JSON text, or str(value)."""
    if getattr(field, "flatchoices", None):
        try:
            return dict(field.flatchoices).get(value, empty_value_display)
        except TypeError:  # list-like choices or value
            flatchoices = _make_hashable(field.flatchoices)
            return dict(flatchoices).get(_make_hashable(value), empty_value_display)
    # Before the emptiness test: None has its own icon.
    if isinstance(field, BooleanField):
        return _boolean_icon(value)
    if value in field.empty_values:
        return empty_value_display
    if isinstance(field, DateTimeField):
        return _localize(_template_localtime(value))
    if isinstance(field, (DateField, TimeField)):
        return _localize(value)
    if isinstance(field, DecimalField):
        return _number_format(value, field.decimal_places)
    if isinstance(field, (IntegerField, FloatField)):
        return _number_format(value)
    if isinstance(field, FileField) and value and not avoid_link:
        return format_html('<a href="{}">{}</a>', value.url, value)
    if isinstance(field, URLField) and value and not avoid_link:
        # A link only for a scheme the validator accepts ("javascript:" stays
        # text), whatever validators the field itself has.
        try:
            URLValidator()(value)
        except ValidationError:
            return display_for_value(value, empty_value_display)
        return format_html('<a href="{}">{}</a>', value, value)
    if isinstance(field, JSONField) and value:
        import json  # not at start-up: `import djscratch` stays light

        try:
            return json.dumps(value, ensure_ascii=False, cls=field.encoder)
        except TypeError:
            return display_for_value(value, empty_value_display)
    return display_for_value(value, empty_value_display)


def display_for_value(value, empty_value_display, boolean=False):
    """Return how the changelist shows a value that is not a model field's."""
    import datetime
    import decimal

    if boolean:
        return _boolean_icon(value)
    if value in EMPTY_VALUES:
        return empty_value_display
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return _localize(_template_localtime(value))
    if isinstance(value, (datetime.date, datetime.time)):
        return _localize(value)
    if isinstance(value, (int, decimal.Decimal, float)):
        return _number_format(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


# -- What LogEntry.change_message records

def construct_change_message(form, formsets, add):
    """Return the JSON-ready list describing a save: [{"added": {}}] or
    [{"changed": {"fields": [labels]}}], then one entry per inline object
    added, changed or deleted.  Labels stay untranslated here; LogEntry
    translates them when it shows the message."""
    changed_data = form.changed_data
    changed_field_labels = _get_changed_field_labels_from_form(form, changed_data)
    change_message = []
    if add:
        change_message.append({"added": {}})
    elif form.changed_data:
        change_message.append({"changed": {"fields": changed_field_labels}})
    for formset in formsets or ():
        for added_object in formset.new_objects:
            change_message.append({"added": {
                "name": str(added_object._meta.verbose_name),
                "object": str(added_object)}})
        for changed_object, changed_fields in formset.changed_objects:
            change_message.append({"changed": {
                "name": str(changed_object._meta.verbose_name),
                "object": str(changed_object),
                "fields": _get_changed_field_labels_from_form(
                    formset.forms[0], changed_fields)}})
        for deleted_object in formset.deleted_objects:
            change_message.append({"deleted": {
                "name": str(deleted_object._meta.verbose_name),
                "object": str(deleted_object)}})
    return change_message


def _get_changed_field_labels_from_form(form, changed_data):
    labels = []
    for field_name in changed_data:
        try:
            verbose_field_name = form.fields[field_name].label or field_name
        except KeyError:
            verbose_field_name = field_name
        labels.append(str(verbose_field_name))
    return labels
