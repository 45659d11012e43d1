"""The admin's system checks (django/contrib/admin/checks.py): what each
ModelAdmin and inline declares (admin.E001-E206), and what the admin needs
from the project's settings (admin.E401-E410, admin.W411).  Each check is a
method named as Django's, so a subclass can replace one.
"""

import collections

# ModelAdmin and InlineModelAdmin (options.py) load after this module and
# name these classes; they are used at call time as djscratch.<module>.<name>.
import djscratch

from djscratch.apps.registry import apps
from djscratch.conf import settings
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.utils.module_loading import import_string
from djscratch.db.models.constants import LOOKUP_SEP
from djscratch.db.models.expressions import Combinable, F, OrderBy
from djscratch.db.models.fields import DateTimeField, Field
from djscratch.db.models.base import Model
from djscratch.db.models.related import ForeignKey, ManyToManyField, ManyToManyRel
from djscratch.forms.models import BaseModelForm, BaseModelFormSet, _get_foreign_key
from djscratch.template.backends import DjangoTemplates
from djscratch.template.loader import engines
from djscratch.contrib.admin.exceptions import NotRegistered
from djscratch.contrib.admin.utils import (
    flatten, get_fields_from_path, NotRelationField,
)
from djscratch.contrib.admin.filters import FieldListFilter, ListFilter

__all__ = [
    "check_admin_app", "check_dependencies", "BaseModelAdminChecks",
    "ModelAdminChecks", "InlineModelAdminChecks", "must_be", "must_inherit_from",
    "refer_to_missing_field",
]


def _issubclass(cls, classinfo):
    """issubclass() that answers False for something that is not a class."""
    try:
        return issubclass(cls, classinfo)
    except TypeError:
        return False


def _contains_subclass(class_path, candidate_paths):
    """Whether one of the dotted paths names `class_path` or a subclass of it;
    a path that does not import is left to the check that reports it."""
    wanted = import_string(class_path)
    for path in candidate_paths:
        try:
            candidate = import_string(path)
        except ImportError:
            continue
        if _issubclass(candidate, wanted):
            return True
    return False


# -- the messages the checks share

def _error(obj, msg, id, hint=None):
    """An Error about a ModelAdmin: its obj is the admin's class."""
    return Error(msg, hint=hint, obj=obj.__class__, id=id)


def must_be(type, option, obj, id):
    return [_error(obj, "The value of '%s' must be %s." % (option, type), id)]


def must_inherit_from(parent, option, obj, id):
    return [_error(obj, "The value of '%s' must inherit from '%s'." % (option, parent),
                   id)]


def refer_to_missing_field(field, option, obj, id):
    return [_error(obj, "The value of '%s' refers to '%s', which is not a field of "
                        "'%s'." % (option, field, obj.model._meta.label), id)]


def _each(items, check_item, label):
    """The errors of check_item(item, "label[index]") for every item."""
    errors = []
    for index, item in enumerate(items):
        errors.extend(check_item(item, "%s[%d]" % (label, index)))
    return errors


#: What a list_display name that names nothing resolves to.
_NOTHING = object()


def _is_list(value):
    return isinstance(value, (list, tuple))


def _get_field(obj, name):
    """The model field `name` of the admin's model, or None."""
    try:
        return obj.model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _manual_through(field):
    """Whether a many-to-many field names its own intermediary model."""
    return not field.remote_field.through._meta.auto_created


def _manual_through_error(obj, label, field_name):
    return [_error(obj, "The value of '%s' cannot include the ManyToManyField '%s', "
                        "because that field manually specifies a relationship model."
                        % (label, field_name), "admin.E013")]


# -- the checks registered with the framework

def check_admin_app(app_configs, **kwargs):
    """The checks of every ModelAdmin of every AdminSite."""
    errors = []
    for site in djscratch.contrib.admin.sites.all_sites:
        errors.extend(site.check(app_configs))
    return errors


def _admin_templates_engine():
    """The Engine of the first DjangoTemplates backend, or None."""
    for backend in engines.all():
        if isinstance(backend, DjangoTemplates):
            return backend.engine
    return None


def _context_processor_errors(engine):
    processors = engine.context_processors
    errors = []
    if ("django.contrib.auth.context_processors.auth" not in processors
            and _contains_subclass("django.contrib.auth.backends.ModelBackend",
                                   settings.AUTHENTICATION_BACKENDS)):
        errors.append(Error(
            "'django.contrib.auth.context_processors.auth' must be enabled in "
            "DjangoTemplates (TEMPLATES) if using the default auth backend in "
            "order to use the admin application.", id="admin.E402"))
    if "django.contrib.messages.context_processors.messages" not in processors:
        errors.append(Error(
            "'django.contrib.messages.context_processors.messages' must be enabled "
            "in DjangoTemplates (TEMPLATES) in order to use the admin application.",
            id="admin.E404"))
    sidebar = any(site.enable_nav_sidebar
                  for site in djscratch.contrib.admin.sites.all_sites)
    if sidebar and "django.template.context_processors.request" not in processors:
        errors.append(Warning(
            "'django.template.context_processors.request' must be enabled in "
            "DjangoTemplates (TEMPLATES) in order to use the admin navigation "
            "sidebar.", id="admin.W411"))
    return errors


#: Middleware the admin needs: (dotted path, error id, hint).
_ADMIN_MIDDLEWARE = (
    ("django.contrib.auth.middleware.AuthenticationMiddleware", "admin.E408", None),
    ("django.contrib.messages.middleware.MessageMiddleware", "admin.E409", None),
    ("django.contrib.sessions.middleware.SessionMiddleware", "admin.E410",
     "Insert 'django.contrib.sessions.middleware.SessionMiddleware' before "
     "'django.contrib.auth.middleware.AuthenticationMiddleware'."),
)


def check_dependencies(**kwargs):
    """The apps, template context processors and middleware the admin needs."""
    if not apps.is_installed("django.contrib.admin"):
        return []
    errors = []
    for app_name, code in (("django.contrib.contenttypes", 401),
                           ("django.contrib.auth", 405),
                           ("django.contrib.messages", 406)):
        if not apps.is_installed(app_name):
            errors.append(Error(
                "'%s' must be in INSTALLED_APPS in order to use the admin "
                "application." % app_name, id="admin.E%d" % code))
    engine = _admin_templates_engine()
    if engine is None:
        errors.append(Error(
            "A 'django.template.backends.django.DjangoTemplates' instance must be "
            "configured in TEMPLATES in order to use the admin application.",
            id="admin.E403"))
    else:
        errors.extend(_context_processor_errors(engine))
    for path, id, hint in _ADMIN_MIDDLEWARE:
        if not _contains_subclass(path, settings.MIDDLEWARE):
            errors.append(Error(
                "'%s' must be in MIDDLEWARE in order to use the admin application."
                % path, hint=hint, id=id))
    return errors


# -- what every ModelAdmin and inline declares

class BaseModelAdminChecks:
    """The checks of the options ModelAdmin and InlineModelAdmin share."""

    def check(self, admin_obj, **kwargs):
        return [
            *self._check_autocomplete_fields(admin_obj),
            *self._check_raw_id_fields(admin_obj),
            *self._check_fields(admin_obj),
            *self._check_fieldsets(admin_obj),
            *self._check_exclude(admin_obj),
            *self._check_form(admin_obj),
            *self._check_filter_vertical(admin_obj),
            *self._check_filter_horizontal(admin_obj),
            *self._check_radio_fields(admin_obj),
            *self._check_prepopulated_fields(admin_obj),
            *self._check_view_on_site_url(admin_obj),
            *self._check_ordering(admin_obj),
            *self._check_readonly_fields(admin_obj),
        ]

    def _check_autocomplete_fields(self, obj):
        if not _is_list(obj.autocomplete_fields):
            return must_be("a list or tuple", option="autocomplete_fields", obj=obj,
                           id="admin.E036")
        return _each(obj.autocomplete_fields,
                     lambda name, label: self._check_autocomplete_fields_item(
                         obj, name, label), "autocomplete_fields")

    def _check_autocomplete_fields_item(self, obj, field_name, label):
        """A relation whose model has a ModelAdmin on the same site that
        defines search_fields."""
        field = _get_field(obj, field_name)
        if field is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E037")
        if not field.many_to_many and not isinstance(field, ForeignKey):
            return must_be("a foreign key or a many-to-many field", option=label,
                           obj=obj, id="admin.E038")
        related_model = field.remote_field.model
        try:
            related_admin = obj.admin_site.get_model_admin(related_model)
        except NotRegistered:
            return [_error(obj, 'An admin for model "%s" has to be registered to be '
                                "referenced by %s.autocomplete_fields."
                           % (related_model.__name__, type(obj).__name__),
                           "admin.E039")]
        if not related_admin.search_fields:
            return [_error(obj, '%s must define "search_fields", because it\'s '
                                "referenced by %s.autocomplete_fields."
                           % (type(related_admin).__name__, type(obj).__name__),
                           "admin.E040")]
        return []

    def _check_raw_id_fields(self, obj):
        if not _is_list(obj.raw_id_fields):
            return must_be("a list or tuple", option="raw_id_fields", obj=obj,
                           id="admin.E001")
        return _each(obj.raw_id_fields,
                     lambda name, label: self._check_raw_id_fields_item(
                         obj, name, label), "raw_id_fields")

    def _check_raw_id_fields_item(self, obj, field_name, label):
        field = _get_field(obj, field_name)
        # A column name (author_id) is not accepted, only the field's name.
        if field is None or field.name != field_name:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E002")
        if not field.many_to_many and not isinstance(field, ForeignKey):
            return must_be("a foreign key or a many-to-many field", option=label,
                           obj=obj, id="admin.E003")
        return []

    def _check_fields(self, obj):
        if obj.fields is None:
            return []
        if not _is_list(obj.fields):
            return must_be("a list or tuple", option="fields", obj=obj,
                           id="admin.E004")
        if obj.fieldsets:
            return [_error(obj, "Both 'fieldsets' and 'fields' are specified.",
                           "admin.E005")]
        names = flatten(obj.fields)
        if len(names) != len(set(names)):
            return [_error(obj, "The value of 'fields' contains duplicate field(s).",
                           "admin.E006")]
        errors = []
        for spec in obj.fields:
            errors.extend(self._check_field_spec(obj, spec, "fields"))
        return errors

    def _check_fieldsets(self, obj):
        if obj.fieldsets is None:
            return []
        if not _is_list(obj.fieldsets):
            return must_be("a list or tuple", option="fieldsets", obj=obj,
                           id="admin.E007")
        seen_fields = []
        return _each(obj.fieldsets,
                     lambda fieldset, label: self._check_fieldsets_item(
                         obj, fieldset, label, seen_fields), "fieldsets")

    def _check_fieldsets_item(self, obj, fieldset, label, seen_fields):
        """A (name, {"fields": [...], ...}) pair whose fields appear once
        across all the fieldsets."""
        if not _is_list(fieldset):
            return must_be("a list or tuple", option=label, obj=obj, id="admin.E008")
        if len(fieldset) != 2:
            return must_be("of length 2", option=label, obj=obj, id="admin.E009")
        options = fieldset[1]
        if not isinstance(options, dict):
            return must_be("a dictionary", option="%s[1]" % label, obj=obj,
                           id="admin.E010")
        if "fields" not in options:
            return [_error(obj, "The value of '%s[1]' must contain the key 'fields'."
                           % label, "admin.E011")]
        if not _is_list(options["fields"]):
            return must_be("a list or tuple", option="%s[1]['fields']" % label,
                           obj=obj, id="admin.E008")
        seen_fields.extend(flatten(options["fields"]))
        if len(seen_fields) != len(set(seen_fields)):
            return [_error(obj, "There are duplicate field(s) in '%s[1]'." % label,
                           "admin.E012")]
        errors = []
        for spec in options["fields"]:
            errors.extend(self._check_field_spec(obj, spec, '%s[1]["fields"]' % label))
        return errors

    def _check_field_spec(self, obj, fields, label):
        """An entry of `fields`: a field name, or a tuple of names on one row."""
        if isinstance(fields, tuple):
            return _each(fields, lambda name, item_label: self._check_field_spec_item(
                obj, name, item_label), label)
        return self._check_field_spec_item(obj, fields, label)

    def _check_field_spec_item(self, obj, field_name, label):
        # A name that is read-only, or not a model field at all (a field of
        # the form), is the business of other checks.
        if field_name in obj.readonly_fields:
            return []
        field = _get_field(obj, field_name)
        if isinstance(field, ManyToManyField) and _manual_through(field):
            return _manual_through_error(obj, label, field_name)
        return []

    def _check_exclude(self, obj):
        if obj.exclude is None:
            return []
        if not _is_list(obj.exclude):
            return must_be("a list or tuple", option="exclude", obj=obj,
                           id="admin.E014")
        if len(obj.exclude) > len(set(obj.exclude)):
            return [_error(obj, "The value of 'exclude' contains duplicate field(s).",
                           "admin.E015")]
        return []

    def _check_form(self, obj):
        if not _issubclass(obj.form, BaseModelForm):
            return must_inherit_from(parent="BaseModelForm", option="form", obj=obj,
                                     id="admin.E016")
        return []

    def _check_filter_vertical(self, obj):
        return self._check_filter_option(obj, "filter_vertical", "admin.E017")

    def _check_filter_horizontal(self, obj):
        return self._check_filter_option(obj, "filter_horizontal", "admin.E018")

    def _check_filter_option(self, obj, option, id):
        value = getattr(obj, option)
        if not _is_list(value):
            return must_be("a list or tuple", option=option, obj=obj, id=id)
        return _each(value, lambda name, label: self._check_filter_item(
            obj, name, label), option)

    def _check_filter_item(self, obj, field_name, label):
        """A many-to-many field of the model, edited through its automatic
        intermediary table."""
        field = _get_field(obj, field_name)
        if field is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E019")
        if not field.many_to_many or isinstance(field, ManyToManyRel):
            return must_be("a many-to-many field", option=label, obj=obj,
                           id="admin.E020")
        if _manual_through(field):
            return _manual_through_error(obj, label, field_name)
        return []

    def _check_radio_fields(self, obj):
        if not isinstance(obj.radio_fields, dict):
            return must_be("a dictionary", option="radio_fields", obj=obj,
                           id="admin.E021")
        errors = []
        for field_name, value in obj.radio_fields.items():
            errors.extend(self._check_radio_fields_key(obj, field_name,
                                                       "radio_fields"))
            errors.extend(self._check_radio_fields_value(
                obj, value, 'radio_fields["%s"]' % field_name))
        return errors

    def _check_radio_fields_key(self, obj, field_name, label):
        field = _get_field(obj, field_name)
        if field is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E022")
        if not (isinstance(field, ForeignKey) or field.choices):
            return [_error(obj, "The value of '%s' refers to '%s', which is not an "
                                "instance of ForeignKey, and does not have a "
                                "'choices' definition." % (label, field_name),
                           "admin.E023")]
        return []

    def _check_radio_fields_value(self, obj, val, label):
        if val not in (djscratch.contrib.admin.options.HORIZONTAL,
                       djscratch.contrib.admin.options.VERTICAL):
            return [_error(obj, "The value of '%s' must be either admin.HORIZONTAL or "
                                "admin.VERTICAL." % label, "admin.E024")]
        return []

    def _check_view_on_site_url(self, obj):
        if not callable(obj.view_on_site) and not isinstance(obj.view_on_site, bool):
            return [_error(obj, "The value of 'view_on_site' must be a callable or a "
                                "boolean value.", "admin.E025")]
        return []

    def _check_prepopulated_fields(self, obj):
        if not isinstance(obj.prepopulated_fields, dict):
            return must_be("a dictionary", option="prepopulated_fields", obj=obj,
                           id="admin.E026")
        errors = []
        for field_name, value in obj.prepopulated_fields.items():
            errors.extend(self._check_prepopulated_fields_key(
                obj, field_name, "prepopulated_fields"))
            errors.extend(self._check_prepopulated_fields_value(
                obj, value, 'prepopulated_fields["%s"]' % field_name))
        return errors

    def _check_prepopulated_fields_key(self, obj, field_name, label):
        """A field that can be filled from others: not a date-time or a
        relation."""
        field = _get_field(obj, field_name)
        if field is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E027")
        if isinstance(field, (DateTimeField, ForeignKey, ManyToManyField)):
            return [_error(obj, "The value of '%s' refers to '%s', which must not be "
                                "a DateTimeField, a ForeignKey, a OneToOneField, or "
                                "a ManyToManyField." % (label, field_name),
                           "admin.E028")]
        return []

    def _check_prepopulated_fields_value(self, obj, val, label):
        if not _is_list(val):
            return must_be("a list or tuple", option=label, obj=obj, id="admin.E029")
        errors = []
        for index, name in enumerate(val):
            errors.extend(self._check_prepopulated_fields_value_item(
                obj, name, "%s[%r]" % (label, index)))
        return errors

    def _check_prepopulated_fields_value_item(self, obj, field_name, label):
        if _get_field(obj, field_name) is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E030")
        return []

    def _check_ordering(self, obj):
        if obj.ordering is None:
            return []
        if not _is_list(obj.ordering):
            return must_be("a list or tuple", option="ordering", obj=obj,
                           id="admin.E031")
        return _each(obj.ordering, lambda name, label: self._check_ordering_item(
            obj, name, label), "ordering")

    def _check_ordering_item(self, obj, field_name, label):
        """A field of the model (with "-"), "pk", "?" alone, or an expression;
        only an F() is checked among expressions, and paths with "__" are
        not followed."""
        if isinstance(field_name, (Combinable, OrderBy)):
            order_by = field_name if isinstance(field_name, OrderBy) \
                else field_name.asc()
            if not isinstance(order_by.expression, F):
                return []
            field_name = order_by.expression.name
        if field_name == "?":
            if len(obj.ordering) != 1:
                return [_error(obj, "The value of 'ordering' has the random ordering "
                                    "marker '?', but contains other fields as well.",
                               "admin.E032",
                               hint='Either remove the "?", or remove the other '
                                    "fields.")]
            return []
        if LOOKUP_SEP in field_name:
            return []
        field_name = field_name.removeprefix("-")
        if field_name != "pk" and _get_field(obj, field_name) is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E033")
        return []

    def _check_readonly_fields(self, obj):
        if obj.readonly_fields == ():
            return []
        if not _is_list(obj.readonly_fields):
            return must_be("a list or tuple", option="readonly_fields", obj=obj,
                           id="admin.E034")
        return _each(obj.readonly_fields,
                     lambda name, label: self._check_readonly_fields_item(
                         obj, name, label), "readonly_fields")

    def _check_readonly_fields_item(self, obj, field_name, label):
        """A callable, an attribute of the admin or of the model, or a field."""
        if callable(field_name) or hasattr(obj, field_name) \
                or hasattr(obj.model, field_name):
            return []
        if _get_field(obj, field_name) is None:
            return [_error(obj, "The value of '%s' refers to '%s', which is not a "
                                "callable, an attribute of '%s', or an attribute of "
                                "'%s'." % (label, field_name, type(obj).__name__,
                                           obj.model._meta.label), "admin.E035")]
        return []


class ModelAdminChecks(BaseModelAdminChecks):
    """The checks of a ModelAdmin: the shared ones, the change list's
    options, its inlines (each checked in turn) and its actions."""

    def check(self, admin_obj, **kwargs):
        return [
            *super().check(admin_obj),
            *self._check_save_as(admin_obj),
            *self._check_save_on_top(admin_obj),
            *self._check_inlines(admin_obj),
            *self._check_list_display(admin_obj),
            *self._check_list_display_links(admin_obj),
            *self._check_list_filter(admin_obj),
            *self._check_list_select_related(admin_obj),
            *self._check_list_per_page(admin_obj),
            *self._check_list_max_show_all(admin_obj),
            *self._check_list_editable(admin_obj),
            *self._check_search_fields(admin_obj),
            *self._check_date_hierarchy(admin_obj),
            *self._check_actions(admin_obj),
        ]

    def _check_save_as(self, obj):
        if not isinstance(obj.save_as, bool):
            return must_be("a boolean", option="save_as", obj=obj, id="admin.E101")
        return []

    def _check_save_on_top(self, obj):
        if not isinstance(obj.save_on_top, bool):
            return must_be("a boolean", option="save_on_top", obj=obj,
                           id="admin.E102")
        return []

    def _check_inlines(self, obj):
        if not _is_list(obj.inlines):
            return must_be("a list or tuple", option="inlines", obj=obj,
                           id="admin.E103")
        return _each(obj.inlines, lambda inline, label: self._check_inlines_item(
            obj, inline, label), "inlines")

    def _check_inlines_item(self, obj, inline, label):
        """An InlineModelAdmin subclass with a model; its own checks follow."""
        try:
            inline_label = inline.__module__ + "." + inline.__name__
        except AttributeError:
            return [_error(obj, "'%s' must inherit from 'InlineModelAdmin'." % obj,
                           "admin.E104")]
        if not _issubclass(inline, djscratch.contrib.admin.options.InlineModelAdmin):
            return [_error(obj, "'%s' must inherit from 'InlineModelAdmin'."
                           % inline_label, "admin.E104")]
        if not inline.model:
            return [_error(obj, "'%s' must have a 'model' attribute." % inline_label,
                           "admin.E105")]
        if not _issubclass(inline.model, Model):
            return must_be("a Model", option="%s.model" % inline_label, obj=obj,
                           id="admin.E106")
        return inline(obj.model, obj.admin_site).check()

    def _check_list_display(self, obj):
        if not _is_list(obj.list_display):
            return must_be("a list or tuple", option="list_display", obj=obj,
                           id="admin.E107")
        return _each(obj.list_display, lambda item, label:
                     self._check_list_display_item(obj, item, label), "list_display")

    def _list_display_target(self, obj, item):
        """What a list_display name shows: a field, a model attribute, the
        last field of a path, or _NOTHING when it names nothing."""
        field = _get_field(obj, item)
        if field is not None:
            return field
        try:
            return getattr(obj.model, item)
        except AttributeError:
            pass
        try:
            return get_fields_from_path(obj.model, item)[-1]
        except (FieldDoesNotExist, NotRelationField):
            return _NOTHING

    def _check_list_display_item(self, obj, item, label):
        if callable(item) or hasattr(obj, item):
            return []
        field = self._list_display_target(obj, item)
        if field is _NOTHING:
            return [_error(obj, "The value of '%s' refers to '%s', which is not a "
                                "callable or attribute of '%s', or an attribute, "
                                "method, or field on '%s'."
                           % (label, item, type(obj).__name__,
                              obj.model._meta.label), "admin.E108")]
        # A relation to many objects, as a field or as the descriptor the
        # model class has for it.
        to_many = getattr(field, "is_relation", False) and (
            field.many_to_many or field.one_to_many)
        reverse_fk = getattr(field, "rel", None) and field.rel.field.many_to_one
        if to_many or reverse_fk:
            return [_error(obj, "The value of '%s' must not be a many-to-many field "
                                "or a reverse foreign key." % label, "admin.E109")]
        return []

    def _check_list_display_links(self, obj):
        if obj.list_display_links is None:
            return []
        if not _is_list(obj.list_display_links):
            return must_be("a list, a tuple, or None", option="list_display_links",
                           obj=obj, id="admin.E110")
        # An overridden get_list_display() may add what the links name.
        model_admin = djscratch.contrib.admin.options.ModelAdmin
        if obj.get_list_display.__func__ is not model_admin.get_list_display:
            return []
        return _each(obj.list_display_links, lambda name, label:
                     self._check_list_display_links_item(obj, name, label),
                     "list_display_links")

    def _check_list_display_links_item(self, obj, field_name, label):
        if field_name not in obj.list_display:
            return [_error(obj, "The value of '%s' refers to '%s', which is not "
                                "defined in 'list_display'." % (label, field_name),
                           "admin.E111")]
        return []

    def _check_list_filter(self, obj):
        if not _is_list(obj.list_filter):
            return must_be("a list or tuple", option="list_filter", obj=obj,
                           id="admin.E112")
        return _each(obj.list_filter, lambda item, label:
                     self._check_list_filter_item(obj, item, label), "list_filter")

    def _check_list_filter_item(self, obj, item, label):
        """A ListFilter class (not a FieldListFilter), a (field path,
        FieldListFilter class) pair, or a field path."""
        if callable(item) and not isinstance(item, Field):
            if not _issubclass(item, ListFilter):
                return must_inherit_from(parent="ListFilter", option=label, obj=obj,
                                         id="admin.E113")
            if issubclass(item, FieldListFilter):
                return [_error(obj, "The value of '%s' must not inherit from "
                                    "'FieldListFilter'." % label, "admin.E114")]
            return []
        if isinstance(item, (tuple, list)):
            _field, filter_class = item
            if not _issubclass(filter_class, FieldListFilter):
                return must_inherit_from(parent="FieldListFilter",
                                         option="%s[1]" % label, obj=obj,
                                         id="admin.E115")
            return []
        try:
            get_fields_from_path(obj.model, item)
        except (NotRelationField, FieldDoesNotExist):
            return [_error(obj, "The value of '%s' refers to '%s', which does not "
                                "refer to a Field." % (label, item), "admin.E116")]
        return []

    def _check_list_select_related(self, obj):
        if not isinstance(obj.list_select_related, (bool, list, tuple)):
            return must_be("a boolean, tuple or list", option="list_select_related",
                           obj=obj, id="admin.E117")
        return []

    def _check_list_per_page(self, obj):
        if not isinstance(obj.list_per_page, int):
            return must_be("an integer", option="list_per_page", obj=obj,
                           id="admin.E118")
        return []

    def _check_list_max_show_all(self, obj):
        if not isinstance(obj.list_max_show_all, int):
            return must_be("an integer", option="list_max_show_all", obj=obj,
                           id="admin.E119")
        return []

    def _check_list_editable(self, obj):
        if not _is_list(obj.list_editable):
            return must_be("a list or tuple", option="list_editable", obj=obj,
                           id="admin.E120")
        return _each(obj.list_editable, lambda name, label:
                     self._check_list_editable_item(obj, name, label),
                     "list_editable")

    def _check_list_editable_item(self, obj, field_name, label):
        """An editable field shown in list_display, not a link to the change
        form and not the first column unless other columns are links."""
        field = _get_field(obj, field_name)
        if field is None:
            return refer_to_missing_field(field=field_name, option=label, obj=obj,
                                          id="admin.E121")
        links = obj.list_display_links
        if field_name not in obj.list_display:
            return [_error(obj, "The value of '%s' refers to '%s', which is not "
                                "contained in 'list_display'." % (label, field_name),
                           "admin.E122")]
        if links and field_name in links:
            return [_error(obj, "The value of '%s' cannot be in both 'list_editable' "
                                "and 'list_display_links'." % field_name,
                           "admin.E123")]
        first = obj.list_display[0]
        if first == field_name and not links and links is not None:
            return [_error(obj, "The value of '%s' refers to the first field in "
                                "'list_display' ('%s'), which cannot be used unless "
                                "'list_display_links' is set." % (label, first),
                           "admin.E124")]
        if not field.editable or field.primary_key:
            return [_error(obj, "The value of '%s' refers to '%s', which is not "
                                "editable through the admin." % (label, field_name),
                           "admin.E125")]
        return []

    def _check_search_fields(self, obj):
        if not _is_list(obj.search_fields):
            return must_be("a list or tuple", option="search_fields", obj=obj,
                           id="admin.E126")
        return []

    def _check_date_hierarchy(self, obj):
        if obj.date_hierarchy is None:
            return []
        try:
            field = get_fields_from_path(obj.model, obj.date_hierarchy)[-1]
        except (NotRelationField, FieldDoesNotExist):
            return [_error(obj, "The value of 'date_hierarchy' refers to '%s', which "
                                "does not refer to a Field." % obj.date_hierarchy,
                           "admin.E127")]
        if field.get_internal_type() not in {"DateField", "DateTimeField"}:
            return must_be("a DateField or DateTimeField", option="date_hierarchy",
                           obj=obj, id="admin.E128")
        return []

    def _check_actions(self, obj):
        """Each permission an action asks for has its has_<perm>_permission()
        method, and action names are unique."""
        errors = []
        actions = obj._get_base_actions()
        for func, _name, _description in actions:
            for permission in getattr(func, "allowed_permissions", ()):
                method_name = "has_%s_permission" % permission
                if not hasattr(obj, method_name):
                    errors.append(_error(
                        obj, "%s must define a %s() method for the %s action."
                        % (type(obj).__name__, method_name, func.__name__),
                        "admin.E129"))
        counts = collections.Counter(name for _func, name, _description in actions)
        for name, count in counts.items():
            if count > 1:
                errors.append(_error(
                    obj, "__name__ attributes of actions defined in %s must be "
                         "unique. Name %r is not unique." % (type(obj).__name__, name),
                    "admin.E130"))
        return errors


class InlineModelAdminChecks(BaseModelAdminChecks):
    """The checks of an inline: the shared ones, its foreign key to the
    parent model, and the formset's options."""

    def check(self, inline_obj, **kwargs):
        parent_model = inline_obj.parent_model
        return [
            *super().check(inline_obj),
            *self._check_relation(inline_obj, parent_model),
            *self._check_exclude_of_parent_model(inline_obj, parent_model),
            *self._check_extra(inline_obj),
            *self._check_max_num(inline_obj),
            *self._check_min_num(inline_obj),
            *self._check_formset(inline_obj),
        ]

    def _check_exclude_of_parent_model(self, obj, parent_model):
        """The foreign key to the parent cannot be excluded (checked only when
        `exclude` and the foreign key are otherwise valid)."""
        if super()._check_exclude(obj) or self._check_relation(obj, parent_model):
            return []
        if obj.exclude is None:
            return []
        fk = _get_foreign_key(parent_model, obj.model, fk_name=obj.fk_name)
        if fk.name in obj.exclude:
            return [_error(obj, "Cannot exclude the field '%s', because it is the "
                                "foreign key to the parent model '%s'."
                           % (fk.name, parent_model._meta.label), "admin.E201")]
        return []

    def _check_relation(self, obj, parent_model):
        try:
            _get_foreign_key(parent_model, obj.model, fk_name=obj.fk_name)
        except ValueError as exc:
            return [_error(obj, exc.args[0], "admin.E202")]
        return []

    def _check_extra(self, obj):
        if not isinstance(obj.extra, int):
            return must_be("an integer", option="extra", obj=obj, id="admin.E203")
        return []

    def _check_max_num(self, obj):
        if obj.max_num is not None and not isinstance(obj.max_num, int):
            return must_be("an integer", option="max_num", obj=obj, id="admin.E204")
        return []

    def _check_min_num(self, obj):
        if obj.min_num is not None and not isinstance(obj.min_num, int):
            return must_be("an integer", option="min_num", obj=obj, id="admin.E205")
        return []

    def _check_formset(self, obj):
        if not _issubclass(obj.formset, BaseModelFormSet):
            return must_inherit_from(parent="BaseModelFormSet", option="formset",
                                     obj=obj, id="admin.E206")
        return []
