"""ModelAdmin and the inlines (django/contrib/admin/options.py): the options
a project sets per model, the forms and formsets built from them, and the
changelist, add, change, delete and history views.
"""

import copy
import enum
import json
import re
import functools
import operator
import urllib.parse
import warnings

# Later modules, used at call time as djscratch.<name>: contrib.admin.utils,
# .models (LogEntry), .views.main (ChangeList), .actions, .filters.
import djscratch

from djscratch.core.exceptions import (
    FieldDoesNotExist, PermissionDenied, Resolver404, ValidationError,
)
from djscratch.utils.html import format_html
from djscratch.utils.safestring import mark_safe
from djscratch.utils.text import capfirst
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.utils.functional import lazy
from djscratch.utils.http import urlencode
from djscratch.db.transaction import transaction
from djscratch.db.utils import _router
from djscratch.db.models.fields import (
    CharField, DateField, DateTimeField, TextField, IntegerField,
)
from djscratch.db.models.fields_extra import (
    EmailField, TimeField, URLField, BigIntegerField, UUIDField,
)
from djscratch.db.models.related import ForeignKey, ManyToManyField
from djscratch.db.models.files import FileField, ImageField
from djscratch.forms.widgets_extra import CheckboxSelectMultiple, SelectMultiple
from djscratch.forms.fields_extra import SplitDateTimeField
from djscratch.forms.formsets import all_valid
from djscratch.forms.models import (
    BaseInlineFormSet, inlineformset_factory, modelform_factory,
    modelformset_factory, ModelForm,
)
from djscratch.core.paginator import Paginator
from djscratch.http.response import HttpResponseBase, HttpResponseRedirect
from djscratch.template.response import SimpleTemplateResponse, TemplateResponse
from djscratch.urls.base import get_script_prefix, resolve, reverse
from djscratch.urls.conf import path
from djscratch.views.decorators import csrf_protect, method_decorator
from djscratch.contrib.messages.api import add_message
from djscratch.contrib.messages.storage import MESSAGE_SUCCESS, MESSAGE_WARNING
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.auth.api import get_permission_codename
from djscratch.core.exceptions import BadRequest
from djscratch.db.models.expressions import Q
from djscratch.db.models.functions import Cast
from djscratch.forms.widgets import Media, MediaDefiningClass
from djscratch.views.generic import RedirectView
from djscratch.contrib.messages.storage import DEFAULT_MESSAGE_LEVELS, MESSAGE_INFO
from djscratch.contrib.admin.utils import (
    construct_change_message, flatten_fieldsets, get_deleted_objects,
    lookup_spawns_duplicates, model_format_dict, NestedObjects, quote, unquote,
)
from djscratch.template.base import get_text_list
from djscratch.contrib.admin.checks import (
    BaseModelAdminChecks, InlineModelAdminChecks, ModelAdminChecks,
)
from djscratch.contrib.admin.exceptions import (
    DisallowedModelAdminToField, IncorrectLookupParameters, NotRegistered,
)
from djscratch.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from djscratch.contrib.admin.helpers import (
    ACTION_CHECKBOX_NAME, ActionForm, AdminErrorList, AdminForm, InlineAdminFormSet,
)
from djscratch.contrib.admin.widgets import (
    AdminBigIntegerFieldWidget, AdminDateWidget, AdminEmailInputWidget,
    AdminFileWidget, AdminIntegerFieldWidget, AdminRadioSelect, AdminSplitDateTime,
    AdminTextInputWidget, AdminTextareaWidget, AdminTimeWidget, AdminURLFieldWidget,
    AdminUUIDInputWidget, AutocompleteSelect, AutocompleteSelectMultiple,
    FilteredSelectMultiple, ForeignKeyRawIdWidget, ManyToManyRawIdWidget,
    RelatedFieldWidgetWrapper, url_params_from_lookup_dict,
)

#: django.contrib.admin.options.transaction: the admin's own name for it, so
#: that a test patching that path reaches the admin's saves and deletes only.
_admin_transaction = transaction

__all__ = [
    "IS_POPUP_VAR", "TO_FIELD_VAR", "IS_FACETS_VAR", "HORIZONTAL", "VERTICAL",
    "IncorrectLookupParameters", "get_content_type_for_model", "get_ul_class",
    "BaseModelAdmin", "ModelAdmin", "InlineModelAdmin", "StackedInline",
    "TabularInline", "FORMFIELD_FOR_DBFIELD_DEFAULTS", "csrf_protect_m",
    "ShowFacets",
]

IS_POPUP_VAR = "_popup"
TO_FIELD_VAR = "_to_field"
IS_FACETS_VAR = "_facets"


class ShowFacets(enum.Enum):
    """When the changelist may show facet counts (ModelAdmin.show_facets).
    djscratch keeps the setting but shows no counts yet."""

    NEVER = "NEVER"
    ALLOW = "ALLOW"
    ALWAYS = "ALWAYS"

HORIZONTAL, VERTICAL = 1, 2


def get_content_type_for_model(obj):
    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def get_ul_class(radio_style):
    return "radiolist" if radio_style == VERTICAL else "radiolist inline"


#: Model field class -> the formfield() arguments the admin uses for it.
FORMFIELD_FOR_DBFIELD_DEFAULTS = {
    DateTimeField: {"form_class": SplitDateTimeField,
                    "widget": AdminSplitDateTime},
    DateField: {"widget": AdminDateWidget},
    TimeField: {"widget": AdminTimeWidget},
    TextField: {"widget": AdminTextareaWidget},
    URLField: {"widget": AdminURLFieldWidget},
    IntegerField: {"widget": AdminIntegerFieldWidget},
    BigIntegerField: {"widget": AdminBigIntegerFieldWidget},
    CharField: {"widget": AdminTextInputWidget},
    ImageField: {"widget": AdminFileWidget},
    FileField: {"widget": AdminFileWidget},
    EmailField: {"widget": AdminEmailInputWidget},
    UUIDField: {"widget": AdminUUIDInputWidget},
}

csrf_protect_m = method_decorator(csrf_protect)


def _modelform_defines_fields(form_class):
    """Whether a ModelForm class says which fields it has (Meta.fields or
    Meta.exclude); if not, the admin asks for all of them."""
    meta = getattr(form_class, "_meta", None)
    return meta is not None and (meta.fields is not None or meta.exclude is not None)


def _formfield_defaults(db_field, overrides):
    """The formfield_overrides entry of the nearest class in the field's MRO."""
    for klass in type(db_field).__mro__:
        if klass in overrides:
            return overrides[klass]
    return None


class BaseModelAdmin(metaclass=MediaDefiningClass):
    """What ModelAdmin and the inlines share: fields, forms, permissions."""

    autocomplete_fields = ()
    raw_id_fields = ()
    fields = None
    exclude = None
    fieldsets = None
    form = ModelForm
    filter_vertical = ()
    filter_horizontal = ()
    radio_fields = {}
    prepopulated_fields = {}
    formfield_overrides = {}
    readonly_fields = ()
    ordering = None
    sortable_by = None
    view_on_site = True
    show_full_result_count = True
    checks_class = BaseModelAdminChecks

    def check(self, **kwargs):
        """The system checks of this admin's options (admin.E001...)."""
        return self.checks_class().check(self, **kwargs)

    def __init__(self):
        # Merge the project's overrides over the admin's defaults, per class.
        overrides = copy.deepcopy(FORMFIELD_FOR_DBFIELD_DEFAULTS)
        for k, v in self.formfield_overrides.items():
            overrides.setdefault(k, {}).update(v)
        self.formfield_overrides = overrides

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The form field for one model field, with the admin's widgets; a
        relation's widget (but a raw-id one) gets the add / change / delete /
        view links the user's permissions on the related model allow."""
        if db_field.choices:
            return self.formfield_for_choice_field(db_field, request, **kwargs)
        if isinstance(db_field, (ForeignKey, ManyToManyField)):
            if db_field.__class__ in self.formfield_overrides:
                kwargs = {**self.formfield_overrides[db_field.__class__], **kwargs}
            if isinstance(db_field, ForeignKey):
                formfield = self.formfield_for_foreignkey(db_field, request, **kwargs)
            else:
                formfield = self.formfield_for_manytomany(db_field, request, **kwargs)
            # None: a parent link or a many-to-many through an explicit model.
            if formfield and db_field.name not in self.raw_id_fields:
                formfield.widget = RelatedFieldWidgetWrapper(
                    formfield.widget, db_field.remote_field, self.admin_site,
                    **self._related_widget_permissions(db_field, request))
            return formfield
        defaults = _formfield_defaults(db_field, self.formfield_overrides)
        if defaults is not None:
            kwargs = {**copy.deepcopy(defaults), **kwargs}
        return db_field.formfield(**kwargs)

    def _related_widget_permissions(self, db_field, request):
        """RelatedFieldWidgetWrapper's can_*_related arguments: what the user
        may do with the related model's admin on this site (none registered:
        the wrapper's defaults)."""
        try:
            related_admin = self.admin_site.get_model_admin(
                db_field.remote_field.model)
        except NotRegistered:
            return {}
        return {
            "can_add_related": related_admin.has_add_permission(request),
            "can_change_related": related_admin.has_change_permission(request),
            "can_delete_related": related_admin.has_delete_permission(request),
            "can_view_related": related_admin.has_view_permission(request),
        }

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name in self.radio_fields:
            if "widget" not in kwargs:
                kwargs["widget"] = AdminRadioSelect(
                    attrs={"class": get_ul_class(self.radio_fields[db_field.name])})
            if "choices" not in kwargs:
                kwargs["choices"] = db_field.get_choices(
                    include_blank=db_field.blank, blank_choice=[("", "None")])
        return db_field.formfield(**kwargs)

    def get_field_queryset(self, db, db_field, request):
        """The ordering of the related ModelAdmin, if registered."""
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        if related_admin is not None:
            ordering = related_admin.get_ordering(request)
            if ordering:
                return db_field.remote_field.model._default_manager.using(
                    db).order_by(*ordering)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site,
                                                      using=db)
            elif db_field.name in self.raw_id_fields:
                kwargs["widget"] = ForeignKeyRawIdWidget(
                    db_field.remote_field, self.admin_site, using=db)
            elif db_field.name in self.radio_fields:
                kwargs["widget"] = AdminRadioSelect(
                    attrs={"class": get_ul_class(self.radio_fields[db_field.name])})
                kwargs["empty_label"] = (
                    kwargs.get("empty_label", "None") if db_field.blank else None)
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        through = db_field.remote_field.through
        if through is not None and not through._meta.auto_created:
            return None  # an explicit intermediary model: edited elsewhere
        autocomplete = self.get_autocomplete_fields(request)
        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in autocomplete:
                kwargs["widget"] = AutocompleteSelectMultiple(
                    db_field, self.admin_site, using=db)
            elif db_field.name in self.raw_id_fields:
                kwargs["widget"] = ManyToManyRawIdWidget(
                    db_field.remote_field, self.admin_site, using=db)
            elif db_field.name in [*self.filter_vertical, *self.filter_horizontal]:
                kwargs["widget"] = FilteredSelectMultiple(
                    db_field.verbose_name, db_field.name in self.filter_vertical)
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        form_field = db_field.formfield(**kwargs)
        if (form_field is not None
                and isinstance(form_field.widget, SelectMultiple)
                and form_field.widget.allow_multiple_selected
                and not isinstance(form_field.widget, (CheckboxSelectMultiple,
                                                       AutocompleteSelectMultiple))):
            msg = "Hold down “Control”, or “Command” on a Mac, to select more than one."
            help_text = form_field.help_text
            form_field.help_text = f"{help_text} {msg}" if help_text else msg
        return form_field

    def get_autocomplete_fields(self, request):
        return self.autocomplete_fields

    def get_view_on_site_url(self, obj=None):
        if obj is None or not self.view_on_site:
            return None
        if callable(self.view_on_site):
            return self.view_on_site(obj)
        if hasattr(obj, "get_absolute_url"):
            # Through the site's shortcut view, as Django: /r/<type>/<pk>/.
            return reverse("admin:view_on_site", kwargs={
                "content_type_id": get_content_type_for_model(obj).pk,
                "object_id": obj.pk}, current_app=self.admin_site.name)
        return None

    def get_empty_value_display(self):
        value = getattr(self, "empty_value_display", None)
        return value if value is not None else self.admin_site.empty_value_display

    def get_exclude(self, request, obj=None):
        return self.exclude

    def get_fields(self, request, obj=None):
        if self.fields:
            return self.fields
        form = self._get_form_for_get_fields(request, obj)
        return [*form.base_fields, *self.get_readonly_fields(request, obj)]

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return self.fieldsets
        return [(None, {"fields": self.get_fields(request, obj)})]

    def get_inlines(self, request, obj):
        return self.inlines

    def get_ordering(self, request):
        return self.ordering or ()

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields

    def get_queryset(self, request):
        """Every object the admin may show (ordered as get_ordering says)."""
        qs = self.model._default_manager.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def get_sortable_by(self, request):
        return (self.sortable_by if self.sortable_by is not None
                else self.get_list_display(request))

    def lookup_allowed(self, lookup, value, request=None):
        """Whether the changelist may filter by `lookup` (a query string key):
        a local field always; across a relation only what list_filter or
        date_hierarchy names (a user must not probe related rows), and what
        a relation's limit_choices_to filters by (the raw-id lookup popup)."""
        model = self.model
        for fk_lookup in _related_fkey_lookups(model):
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if (lookup, value) in url_params_from_lookup_dict(fk_lookup).items():
                return True
        relation_parts = []
        reverse_found = False
        prev_field = None
        part = None
        for part in lookup.split("__"):
            if part == "pk":
                # "pk" is the primary key's own name here, so a OneToOneField
                # primary key cannot be walked through unchecked
                # (CVE-2026-119642).
                part = model._meta.pk.name
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                break  # a lookup or transform: fine
            # Crossing a reverse relation always needs list_filter's consent,
            # even as the only step (CVE-2026-127929).
            if field.one_to_many or field.many_to_many:
                reverse_found = True
            # employee__department__id is employee__department_id: local.
            if not prev_field or (
                    prev_field.is_relation
                    and field not in model._meta.parents.values()
                    and field is not model._meta.auto_field
                    and (model._meta.auto_field is None
                         or part != getattr(prev_field, "to_field", None))
                    and (field.is_relation or not field.primary_key)):
                relation_parts.append(part)
            if not field.is_relation or field.related_model is None:
                break  # further parts are transforms
            prev_field = field
            model = field.related_model
        if not reverse_found and len(relation_parts) <= 1:
            return True
        valid_lookups = {self.date_hierarchy}
        for filter_item in self.get_list_filter(request):
            if isinstance(filter_item, type) and issubclass(
                    filter_item, djscratch.contrib.admin.filters.SimpleListFilter):
                valid_lookups.add(filter_item.parameter_name)
            elif isinstance(filter_item, (list, tuple)):
                valid_lookups.add(filter_item[0])
            else:
                valid_lookups.add(filter_item)
        return not {
            "__".join(relation_parts), "__".join([*relation_parts, part]),
        }.isdisjoint(valid_lookups)

    def to_field_allowed(self, request, to_field):
        """Whether ?_to_field may name `to_field`: the primary key, the target
        of one of this model's m2m fields, or a field that a model registered
        on this site (or one of its inlines) points a relation at."""
        opts = self.model._meta
        try:
            field = opts.get_field(to_field)
        except FieldDoesNotExist:
            return False
        if field.primary_key:
            return True
        for many_to_many in opts.many_to_many:
            if many_to_many.m2m_target_field_name() == to_field:
                return True
        registered_models = set()
        for model, model_admin in self.admin_site._registry.items():
            registered_models.add(model)
            registered_models.update(inline.model for inline in model_admin.inlines)
        for related_object in opts.get_fields(include_hidden=True):
            if not (related_object.auto_created and not related_object.concrete):
                continue
            related_model = related_object.related_model
            remote_field = related_object.field.remote_field
            if (any(issubclass(model, related_model) for model in registered_models)
                    and hasattr(remote_field, "get_related_field")
                    and remote_field.get_related_field() == field):
                return True
        return False

    def has_add_permission(self, request):
        opts = self.opts
        codename = get_permission_codename("add", opts)
        return request.user.has_perm("%s.%s" % (opts.app_label, codename))

    def has_change_permission(self, request, obj=None):
        opts = self.opts
        codename = get_permission_codename("change", opts)
        return request.user.has_perm("%s.%s" % (opts.app_label, codename))

    def has_delete_permission(self, request, obj=None):
        opts = self.opts
        codename = get_permission_codename("delete", opts)
        return request.user.has_perm("%s.%s" % (opts.app_label, codename))

    def has_view_permission(self, request, obj=None):
        opts = self.opts
        codename_view = get_permission_codename("view", opts)
        codename_change = get_permission_codename("change", opts)
        return request.user.has_perm(
            "%s.%s" % (opts.app_label, codename_view)) or request.user.has_perm(
            "%s.%s" % (opts.app_label, codename_change))

    def has_view_or_change_permission(self, request, obj=None):
        return (self.has_view_permission(request, obj)
                or self.has_change_permission(request, obj))

    def has_module_permission(self, request):
        return request.user.has_module_perms(self.opts.app_label)


class ModelAdmin(BaseModelAdmin):
    """The admin options and views of one model on one AdminSite."""

    checks_class = ModelAdminChecks

    list_display = ("__str__",)
    list_display_links = ()
    list_filter = ()
    list_select_related = False
    list_per_page = 100
    list_max_show_all = 200
    list_editable = ()
    search_fields = ()
    search_help_text = None
    date_hierarchy = None
    save_as = False
    save_as_continue = True
    save_on_top = False
    paginator = Paginator
    preserve_filters = True
    show_facets = ShowFacets.ALLOW
    inlines = ()

    add_form_template = None
    change_form_template = None
    change_list_template = None
    delete_confirmation_template = None
    delete_selected_confirmation_template = None
    object_history_template = None
    popup_response_template = None

    actions = ()
    action_form = ActionForm
    actions_on_top = True
    actions_on_bottom = False
    actions_selection_counter = True

    def __init__(self, model, admin_site):
        self.model = model
        self.opts = model._meta
        self.admin_site = admin_site
        super().__init__()

    def __str__(self):
        return "%s.%s" % (self.opts.app_label, self.__class__.__name__)

    def __repr__(self):
        return (f"<{self.__class__.__qualname__}: model={self.model.__qualname__} "
                f"site={self.admin_site!r}>")

    def get_inline_instances(self, request, obj=None):
        inline_instances = []
        for inline_class in self.get_inlines(request, obj):
            inline = inline_class(self.model, self.admin_site)
            if request:
                # An inline the user may only add to (or only delete from)
                # is still shown, as Django shows it.
                if not (inline.has_view_or_change_permission(request, obj)
                        or inline.has_add_permission(request, obj)
                        or inline.has_delete_permission(request, obj)):
                    continue
                if not inline.has_add_permission(request, obj):
                    inline.max_num = 0
            inline_instances.append(inline)
        return inline_instances

    def get_urls(self):
        def wrap(view):
            def wrapper(*args, **kwargs):
                return self.admin_site.admin_view(view)(*args, **kwargs)

            wrapper.model_admin = self
            return functools.update_wrapper(wrapper, view)

        info = self.opts.app_label, self.opts.model_name
        return [
            path("", wrap(self.changelist_view), name="%s_%s_changelist" % info),
            path("add/", wrap(self.add_view), name="%s_%s_add" % info),
            path("<path:object_id>/history/", wrap(self.history_view),
                 name="%s_%s_history" % info),
            path("<path:object_id>/delete/", wrap(self.delete_view),
                 name="%s_%s_delete" % info),
            path("<path:object_id>/change/", wrap(self.change_view),
                 name="%s_%s_change" % info),
            # The object's bare URL: a redirect to its change page.
            path("<path:object_id>/", wrap(RedirectView.as_view(
                pattern_name="%s:%s_%s_change" % ((self.admin_site.name,) + info)))),
        ]

    @property
    def urls(self):
        return self.get_urls()

    @property
    def media(self):
        # djscratch's own script for the related-object popups; the others
        # Django lists here (jQuery, actions, prepopulate) are inline in the
        # templates or not needed.
        return Media(js=["admin/js/admin/RelatedObjectLookups.js"])

    def get_model_perms(self, request):
        return {
            "add": self.has_add_permission(request),
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
            "view": self.has_view_permission(request),
        }

    def _get_form_for_get_fields(self, request, obj):
        return self.get_form(request, obj, fields=None)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The ModelForm class of the add and change views."""
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        excluded = self.get_exclude(request, obj)
        exclude = [] if excluded is None else list(excluded)
        readonly_fields = self.get_readonly_fields(request, obj)
        exclude.extend(readonly_fields)
        if change and hasattr(request, "user") and not self.has_change_permission(
                request, obj):
            exclude.extend(fields)
        if excluded is None and hasattr(self.form, "_meta") and self.form._meta.exclude:
            exclude.extend(self.form._meta.exclude)
        exclude = exclude or None
        # Read-only fields are not form fields (the form would require them).
        new_attrs = dict.fromkeys(f for f in readonly_fields
                                  if f in self.form.declared_fields)
        form = type(self.form.__name__, (self.form,), new_attrs)
        defaults = {
            "form": form,
            "fields": fields,
            "exclude": exclude,
            "formfield_callback": functools.partial(self.formfield_for_dbfield,
                                          request=request),
            **kwargs,
        }
        if defaults["fields"] is None and not _modelform_defines_fields(
                defaults["form"]):
            defaults["fields"] = "__all__"
        try:
            return modelform_factory(self.model, **defaults)
        except FieldDoesNotExist as e:
            raise FieldDoesNotExist(
                "%s. Check fields/fieldsets/exclude attributes of class %s."
                % (e, self.__class__.__name__)) from e

    def get_changelist(self, request, **kwargs):
        return djscratch.contrib.admin.views.main.ChangeList

    def get_changelist_instance(self, request):
        """The ChangeList of this request (raises IncorrectLookupParameters)."""
        list_display = self.get_list_display(request)
        list_display_links = self.get_list_display_links(request, list_display)
        if self.get_actions(request):
            list_display = ["action_checkbox", *list_display]
        sortable_by = self.get_sortable_by(request)
        ChangeList = self.get_changelist(request)
        return ChangeList(
            request, self.model, list_display, list_display_links,
            self.get_list_filter(request), self.date_hierarchy,
            self.get_search_fields(request), self.get_list_select_related(request),
            self.list_per_page, self.list_max_show_all, self.list_editable, self,
            sortable_by, self.search_help_text)

    def get_object(self, request, object_id, from_field=None):
        """The object with this key in get_queryset(), or None."""
        queryset = self.get_queryset(request)
        model = queryset.model
        field = (model._meta.pk if from_field is None
                 else model._meta.get_field(from_field))
        try:
            object_id = field.to_python(object_id)
            return queryset.get(**{field.name: object_id})
        except (model.DoesNotExist, ValidationError, ValueError, TypeError):
            return None

    def get_changelist_form(self, request, **kwargs):
        defaults = {"formfield_callback": functools.partial(self.formfield_for_dbfield,
                                                  request=request), **kwargs}
        if defaults.get("fields") is None and not _modelform_defines_fields(
                defaults.get("form", self.form)):
            defaults["fields"] = "__all__"
        return modelform_factory(self.model, **defaults)

    def get_changelist_formset(self, request, **kwargs):
        defaults = {"formfield_callback": functools.partial(self.formfield_for_dbfield,
                                                  request=request), **kwargs}
        return modelformset_factory(
            self.model, self.get_changelist_form(request), extra=0,
            fields=self.list_editable, **defaults)

    def get_formsets_with_inlines(self, request, obj=None):
        for inline in self.get_inline_instances(request, obj):
            yield inline.get_formset(request, obj), inline

    def get_paginator(self, request, queryset, per_page, orphans=0,
                      allow_empty_first_page=True):
        return self.paginator(queryset, per_page, orphans, allow_empty_first_page)

    def log_addition(self, request, obj, message):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=[obj],
            action_flag=ADDITION,
            change_message=message, single_object=True)

    def log_change(self, request, obj, message):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=[obj],
            action_flag=CHANGE,
            change_message=message, single_object=True)

    def log_deletion(self, request, obj, object_repr):
        """Log one deletion, before it happens (deprecated: log_deletions())."""
        warnings.warn(
            "ModelAdmin.log_deletion() is deprecated. Use log_deletions() instead.",
            RemovedInDjango60Warning, stacklevel=2)
        return LogEntry.objects.log_action(
            user_id=request.user.pk,
            content_type_id=get_content_type_for_model(obj).pk,
            object_id=obj.pk, object_repr=object_repr, action_flag=DELETION)

    def log_deletions(self, request, queryset):
        # A subclass that still overrides log_deletion() keeps it called, one
        # object at a time, until Django 6.0.
        if type(self).log_deletion is not ModelAdmin.log_deletion:
            warnings.warn(
                "The usage of log_deletion() is deprecated. Implement "
                "log_deletions() instead.", RemovedInDjango60Warning, stacklevel=2)
            return [self.log_deletion(request, obj, str(obj)) for obj in queryset]
        return LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=queryset,
            action_flag=DELETION)

    def action_checkbox(self, obj):
        """The changelist's per-row checkbox for actions."""
        label = "Select this object for an action - {}".format(obj)
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">', ACTION_CHECKBOX_NAME, str(obj.pk), label)

    action_checkbox.short_description = mark_safe(
        '<input type="checkbox" id="action-toggle" '
        'aria-label="Select all objects on this page for an action">')

    @staticmethod
    def _get_action_description(func, name):
        return getattr(func, "short_description", capfirst(name.replace("_", " ")))

    def _get_base_actions(self):
        """(function, name, description) of the site's and this admin's actions."""
        actions = []
        base_actions = (self.get_action(action) for action in self.actions or [])
        base_actions = [action for action in base_actions if action]
        base_action_names = {name for _, name, _ in base_actions}
        for name, func in self.admin_site.actions:
            if name in base_action_names:
                continue
            description = self._get_action_description(func, name)
            actions.append((func, name, description))
        actions.extend(base_actions)
        return actions

    def _filter_actions_by_permissions(self, request, actions):
        filtered_actions = []
        for action in actions:
            callable_ = action[0]
            if not hasattr(callable_, "allowed_permissions"):
                filtered_actions.append(action)
                continue
            permission_checks = (
                getattr(self, "has_%s_permission" % permission)
                for permission in callable_.allowed_permissions)
            if any(has_permission(request) for has_permission in permission_checks):
                filtered_actions.append(action)
        return filtered_actions

    def get_actions(self, request):
        """name -> (function, name, description) of the actions this user may run."""
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return {}
        actions = self._filter_actions_by_permissions(request,
                                                      self._get_base_actions())
        return {name: (func, name, desc) for func, name, desc in actions}

    def get_action_choices(self, request, default_choices=(("", "---------"),)):
        choices = [*default_choices]
        for func, name, description in self.get_actions(request).values():
            choice = (name, description % model_format_dict(self.opts))
            choices.append(choice)
        return choices

    def get_action(self, action):
        """(function, name, description) for an action name or callable."""
        if callable(action):
            func = action
            action = action.__name__
        elif hasattr(self.__class__, action):
            func = getattr(self.__class__, action)
        else:
            try:
                func = self.admin_site.get_action(action)
            except KeyError:
                return None
        description = self._get_action_description(func, action)
        return func, action, description

    def get_list_display(self, request):
        return self.list_display

    def get_list_display_links(self, request, list_display):
        if self.list_display_links or self.list_display_links is None or not (
                list_display):
            return self.list_display_links
        return list(list_display)[:1]

    def get_list_filter(self, request):
        return self.list_filter

    def get_list_select_related(self, request):
        return self.list_select_related

    def get_search_fields(self, request):
        return self.search_fields

    def get_search_results(self, request, queryset, search_term):
        """Filter by the search term: every word must match one of the
        search_fields (^ startswith, = iexact, @ search, else icontains)."""

        def construct_search(field_name):
            """(lookup, alias expression or None) for one search field."""
            if field_name.startswith("^"):
                return "%s__istartswith" % field_name.removeprefix("^"), None
            if field_name.startswith("="):
                return "%s__iexact" % field_name.removeprefix("="), None
            if field_name.startswith("@"):
                return "%s__search" % field_name.removeprefix("@"), None
            opts = queryset.model._meta
            lookup_fields = field_name.split("__")
            prev_field = None
            for i, path_part in enumerate(lookup_fields):
                if path_part == "pk":
                    path_part = opts.pk.name
                try:
                    field = opts.get_field(path_part)
                except FieldDoesNotExist:
                    if prev_field and prev_field.get_lookup(path_part):
                        if path_part == "exact" and not isinstance(
                                prev_field, (CharField, TextField)):
                            # "age__exact" searched with "Asher": compare as
                            # text so a word that is no number matches nothing.
                            alias = Cast(
                                "__".join(lookup_fields[:i]),
                                output_field=CharField())
                            return "%s_str" % "_".join(lookup_fields[:i]), alias
                        return field_name, None
                else:
                    prev_field = field
                    if field.is_relation and field.related_model is not None:
                        opts = field.related_model._meta
            return "%s__icontains" % field_name, None

        may_have_duplicates = False
        search_fields = self.get_search_fields(request)
        if search_fields and search_term:
            str_aliases = {}
            orm_lookups = []
            for search_field in search_fields:
                lookup, str_alias = construct_search(str(search_field))
                orm_lookups.append(lookup)
                if str_alias is not None:
                    str_aliases[lookup] = str_alias
            if str_aliases:
                queryset = queryset.alias(**str_aliases)
            term_queries = [
                Q.create([(orm_lookup, bit) for orm_lookup in orm_lookups],
                         connector=Q.OR)
                for bit in _smart_split_terms(search_term)]
            # One filter() for all the words, as Django: across a multi-valued
            # relation they then match within the same related row.
            queryset = queryset.filter(Q.create(term_queries))
            may_have_duplicates |= any(
                lookup_spawns_duplicates(self.opts, search_spec)
                for search_spec in orm_lookups)
        return queryset, may_have_duplicates

    def get_preserved_filters(self, request):
        """The changelist's query string, to carry through the change views."""
        match = request.resolver_match
        if self.preserve_filters and match:
            current_url = "%s:%s" % (match.app_name, match.url_name)
            changelist_url = "admin:%s_%s_changelist" % (self.opts.app_label,
                                                         self.opts.model_name)
            if current_url == changelist_url:
                preserved_filters = request.GET.urlencode()
            else:
                preserved_filters = request.GET.get("_changelist_filters")
            if preserved_filters:
                return urlencode({"_changelist_filters": preserved_filters})
        return ""

    def construct_change_message(self, request, form, formsets, add=False):
        return construct_change_message(form, formsets, add)

    def message_user(self, request, message, level=None, extra_tags="",
                     fail_silently=False):
        """Add a message through the messages framework (level: a constant or
        its name, as Django takes)."""
        if level is None:
            level = MESSAGE_INFO
        if not isinstance(level, int):
            try:
                level = DEFAULT_MESSAGE_LEVELS[level.upper()]
            except KeyError:
                levels = DEFAULT_MESSAGE_LEVELS.keys()
                levels_repr = ", ".join("`%s`" % level for level in levels)
                raise ValueError(
                    "Bad message level string: `%s`. Possible values are: %s"
                    % (level, levels_repr)) from None
        add_message(request, level, message, extra_tags=extra_tags,
                    fail_silently=fail_silently)

    def save_form(self, request, form, change):
        return form.save(commit=False)

    def save_model(self, request, obj, form, change):
        obj.save()

    def delete_model(self, request, obj):
        obj.delete()

    def delete_queryset(self, request, queryset):
        queryset.delete()

    def save_formset(self, request, form, formset, change):
        formset.save()

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def _changeform_urls(self, obj):
        info = self.opts.app_label, self.opts.model_name
        site = self.admin_site.name
        urls = {"changelist_url": reverse("admin:%s_%s_changelist" % info,
                                          current_app=site)}
        if obj is not None and obj.pk is not None:
            key = quote(obj.pk)
            for view in ("change", "delete", "history"):
                urls[f"{view}_url"] = reverse("admin:%s_%s_%s" % (*info, view),
                                              args=(key,), current_app=site)
        urls["add_url"] = reverse("admin:%s_%s_add" % info, current_app=site)
        return urls

    def render_change_form(self, request, context, add=False, change=False,
                           form_url="", obj=None):
        app_label = self.opts.app_label
        preserved_filters = self.get_preserved_filters(request)
        form_url = _add_preserved_filters(preserved_filters, form_url)
        view_on_site_url = self.get_view_on_site_url(obj)
        has_editable_inline_admin_formsets = any(
            inline.has_add_permission or inline.has_change_permission
            or inline.has_delete_permission
            for inline in context["inline_admin_formsets"])
        can_change = self.has_change_permission(request, obj) if change else True
        can_add = self.has_add_permission(request)
        is_popup = context.get("is_popup", False)
        save_as = self.save_as
        context.update({
            "add": add,
            "change": change,
            "has_view_permission": self.has_view_permission(request, obj),
            "has_add_permission": can_add,
            "has_change_permission": self.has_change_permission(request, obj),
            "has_delete_permission": self.has_delete_permission(request, obj),
            "has_editable_inline_admin_formsets": has_editable_inline_admin_formsets,
            "has_file_field": context["adminform"].form.is_multipart() or any(
                f.formset.is_multipart() for f in context["inline_admin_formsets"]),
            "has_absolute_url": view_on_site_url is not None,
            "absolute_url": view_on_site_url,
            "form_url": form_url,
            "opts": self.opts,
            "content_type_id": get_content_type_for_model(self.model).pk,
            "save_as": save_as,
            "save_on_top": self.save_on_top,
            "to_field_var": TO_FIELD_VAR,
            "is_popup_var": IS_POPUP_VAR,
            "app_label": app_label,
            "can_change": can_change,
            "show_delete_link": (not is_popup and context.get(
                "show_delete", True) and self.has_delete_permission(request, obj)
                and change),
            "show_save_as_new": not is_popup and change and save_as and can_add,
            "show_save_and_add_another": (
                context.get("show_save_and_add_another", True) and can_add
                and not is_popup and (not save_as or add) and can_change),
            "show_save_and_continue": (
                context.get("show_save_and_continue", True) and not is_popup
                and can_change),
            "show_save": context.get("show_save", True) and (can_change or (
                has_editable_inline_admin_formsets and change)),
            "show_close": not (context.get("show_save", True) and (can_change or (
                has_editable_inline_admin_formsets and change))),
            "prepopulated_json": json.dumps([
                {"id": "#%s" % f["field"].auto_id,
                 "name": f["field"].name,
                 "dependency_ids": ["%s" % d.auto_id for d in f["dependencies"]],
                 "dependency_list": [d.name for d in f["dependencies"]],
                 "maxLength": f["field"].field.max_length or 50,
                 "allowUnicode": getattr(f["field"].field, "allow_unicode", False)}
                for f in context["adminform"].prepopulated_fields]).replace(
                    '"#', '"'),
            **self._changeform_urls(obj),
        })
        if context.get("changelist_url") and preserved_filters:
            context["changelist_url"] = _add_preserved_filters(
                preserved_filters, context["changelist_url"])
        if add and self.add_form_template is not None:
            form_template = self.add_form_template
        else:
            form_template = self.change_form_template
        request.current_app = self.admin_site.name
        return TemplateResponse(request, form_template or [
            "admin/%s/%s/change_form.html" % (app_label, self.opts.model_name),
            "admin/%s/change_form.html" % app_label,
            "admin/change_form.html",
        ], context)

    def _obj_link(self, request, obj):
        return format_html('<a href="{}">{}</a>', urllib.parse.quote(request.path), obj)

    def response_add(self, request, obj, post_url_continue=None):
        """Where to go after adding `obj`, by the button pressed."""
        opts = obj._meta
        preserved_filters = self.get_preserved_filters(request)
        preserved_qsl = _preserved_qsl(request, preserved_filters)
        obj_url = reverse("admin:%s_%s_change" % (opts.app_label, opts.model_name),
                          args=(quote(obj.pk),),
                          current_app=self.admin_site.name)
        if self.has_change_permission(request, obj):
            obj_repr = format_html('<a href="{}">{}</a>',
                                   urllib.parse.quote(obj_url), obj)
        else:
            obj_repr = str(obj)
        msg_dict = {"name": opts.verbose_name, "obj": obj_repr}
        if IS_POPUP_VAR in request.POST:
            to_field = request.POST.get(TO_FIELD_VAR)
            attr = str(to_field) if to_field else opts.pk.attname
            value = obj.serializable_value(attr)
            return self._popup_response(request, {"value": str(value),
                                                  "obj": str(obj)})
        if "_continue" in request.POST or (
                "_saveasnew" in request.POST and self.save_as_continue
                and self.has_change_permission(request, obj)):
            msg = "The {name} “{obj}” was added successfully."
            if self.has_change_permission(request, obj):
                msg += " " + "You may edit it again below."
            self.message_user(request, format_html(msg, **msg_dict), MESSAGE_SUCCESS)
            if post_url_continue is None:
                post_url_continue = obj_url
            return HttpResponseRedirect(_add_preserved_filters(
                preserved_filters, post_url_continue, preserved_qsl))
        if "_addanother" in request.POST:
            msg = format_html(
                "The {name} “{obj}” was added successfully. You may add another "
                "{name} below.", **msg_dict)
            self.message_user(request, msg, MESSAGE_SUCCESS)
            return HttpResponseRedirect(_add_preserved_filters(
                preserved_filters, request.path, preserved_qsl))
        msg = format_html("The {name} “{obj}” was added successfully.", **msg_dict)
        self.message_user(request, msg, MESSAGE_SUCCESS)
        return self.response_post_save_add(request, obj)

    def _popup_response(self, request, data):
        opts = self.opts
        return TemplateResponse(request, self.popup_response_template or [
            "admin/%s/%s/popup_response.html" % (opts.app_label, opts.model_name),
            "admin/%s/popup_response.html" % opts.app_label,
            "admin/popup_response.html",
        ], {"popup_response_data": json.dumps(data)})

    def response_change(self, request, obj):
        """Where to go after changing `obj`, by the button pressed."""
        if IS_POPUP_VAR in request.POST:
            opts = obj._meta
            to_field = request.POST.get(TO_FIELD_VAR)
            attr = str(to_field) if to_field else opts.pk.attname
            value = request.resolver_match.kwargs["object_id"]
            return self._popup_response(request, {
                "action": "change", "value": str(value), "obj": str(obj),
                "new_value": str(obj.serializable_value(attr))})
        opts = self.opts
        preserved_filters = self.get_preserved_filters(request)
        preserved_qsl = _preserved_qsl(request, preserved_filters)
        msg_dict = {"name": opts.verbose_name,
                    "obj": format_html('<a href="{}">{}</a>',
                                       urllib.parse.quote(request.path),
                                       obj)}
        if "_continue" in request.POST:
            msg = format_html(
                "The {name} “{obj}” was changed successfully. You may edit it "
                "again below.", **msg_dict)
            self.message_user(request, msg, MESSAGE_SUCCESS)
            return HttpResponseRedirect(_add_preserved_filters(
                preserved_filters, request.path, preserved_qsl))
        if "_saveasnew" in request.POST:
            msg = format_html(
                "The {name} “{obj}” was added successfully. You may edit it again "
                "below.", **msg_dict)
            self.message_user(request, msg, MESSAGE_SUCCESS)
            redirect_url = reverse(
                "admin:%s_%s_change" % (opts.app_label, opts.model_name),
                args=(obj.pk,), current_app=self.admin_site.name)
            return HttpResponseRedirect(
                _add_preserved_filters(preserved_filters, redirect_url))
        if "_addanother" in request.POST:
            msg = format_html(
                "The {name} “{obj}” was changed successfully. You may add another "
                "{name} below.", **msg_dict)
            self.message_user(request, msg, MESSAGE_SUCCESS)
            redirect_url = reverse("admin:%s_%s_add" % (opts.app_label,
                                                        opts.model_name),
                                   current_app=self.admin_site.name)
            return HttpResponseRedirect(_add_preserved_filters(
                preserved_filters, redirect_url, preserved_qsl))
        msg = format_html("The {name} “{obj}” was changed successfully.", **msg_dict)
        self.message_user(request, msg, MESSAGE_SUCCESS)
        return self.response_post_save_change(request, obj)

    def _response_post_save(self, request, obj):
        return self._redirect_to_changelist_or_index(
            request, self.has_view_or_change_permission(request))

    def _redirect_to_changelist_or_index(self, request, may_see_changelist):
        """After a save or a delete: back to the changelist (its filters
        kept) when the user may see it, else to the admin's index."""
        if may_see_changelist:
            post_url = reverse("admin:%s_%s_changelist" % (self.opts.app_label,
                                                           self.opts.model_name),
                               current_app=self.admin_site.name)
            post_url = _add_preserved_filters(self.get_preserved_filters(request),
                                              post_url)
        else:
            post_url = reverse("admin:index", current_app=self.admin_site.name)
        return HttpResponseRedirect(post_url)

    def response_post_save_add(self, request, obj):
        return self._response_post_save(request, obj)

    def response_post_save_change(self, request, obj):
        return self._response_post_save(request, obj)

    def response_action(self, request, queryset):
        """Run the action posted from the changelist; None if none ran."""
        try:
            action_index = int(request.POST.get("index", 0))
        except ValueError:
            action_index = 0
        data = request.POST.copy()
        data.pop(ACTION_CHECKBOX_NAME, None)
        data.pop("index", None)
        try:
            data.update({"action": data.getlist("action")[action_index]})
        except IndexError:
            pass  # no action in the chosen form: invalid below
        action_form = self.action_form(data, auto_id=None)
        action_form.fields["action"].choices = self.get_action_choices(request)
        if action_form.is_valid():
            action = action_form.cleaned_data["action"]
            select_across = action_form.cleaned_data["select_across"]
            func = self.get_actions(request)[action][0]
            selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
            if not selected and not select_across:
                msg = ("Items must be selected in order to perform actions on them. "
                       "No items have been changed.")
                self.message_user(request, msg, MESSAGE_WARNING)
                return None
            if not select_across:
                queryset = queryset.filter(pk__in=_valid_pks(self.model, selected))
            response = func(self, request, queryset)
            if isinstance(response, HttpResponseBase):
                return response
            return HttpResponseRedirect(request.get_full_path())
        self.message_user(request, "No action selected.", MESSAGE_WARNING)
        return None

    def response_delete(self, request, obj_display, obj_id):
        if IS_POPUP_VAR in request.POST:
            return self._popup_response(request, {"action": "delete",
                                                  "value": str(obj_id)})
        self.message_user(
            request, "The %(name)s “%(obj)s” was deleted successfully." % {
                "name": self.opts.verbose_name, "obj": obj_display},
            MESSAGE_SUCCESS)
        return self._redirect_to_changelist_or_index(
            request, self.has_change_permission(request, None))

    def render_delete_form(self, request, context):
        app_label = self.opts.app_label
        request.current_app = self.admin_site.name
        context.update(to_field_var=TO_FIELD_VAR, is_popup_var=IS_POPUP_VAR,
                       media=self.media)
        return TemplateResponse(request, self.delete_confirmation_template or [
            "admin/{}/{}/delete_confirmation.html".format(app_label,
                                                          self.opts.model_name),
            "admin/{}/delete_confirmation.html".format(app_label),
            "admin/delete_confirmation.html",
        ], context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        can_edit_parent = (self.has_change_permission(request, obj) if obj
                           else self.has_add_permission(request))
        inline_admin_formsets = []
        for inline, formset in zip(inline_instances, formsets):
            fieldsets = list(inline.get_fieldsets(request, obj))
            readonly = list(inline.get_readonly_fields(request, obj))
            if can_edit_parent:
                has_add_permission = inline.has_add_permission(request, obj)
                has_change_permission = inline.has_change_permission(request, obj)
                has_delete_permission = inline.has_delete_permission(request, obj)
            else:
                # A parent the user may not change: its inlines are read-only.
                has_add_permission = has_change_permission = False
                has_delete_permission = False
                formset.extra = formset.max_num = 0
            has_view_permission = inline.has_view_permission(request, obj)
            prepopulated = dict(inline.get_prepopulated_fields(request, obj))
            inline_admin_formsets.append(InlineAdminFormSet(
                inline, formset, fieldsets, prepopulated, tuple(readonly),
                model_admin=self, has_add_permission=has_add_permission,
                has_change_permission=has_change_permission,
                has_delete_permission=has_delete_permission,
                has_view_permission=has_view_permission))
        return inline_admin_formsets

    def get_changeform_initial_data(self, request):
        """Initial values from the query string (?title=x&tags=1,2)."""
        initial = dict(request.GET.items())
        for k in initial:
            try:
                f = self.opts.get_field(k)
            except FieldDoesNotExist:
                continue
            if f.many_to_many:
                initial[k] = initial[k].split(",")
        return initial

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        msg = "%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?" % {
            "name": opts.verbose_name, "key": unquote(object_id)}
        self.message_user(request, msg, MESSAGE_WARNING)
        url = reverse("admin:index", current_app=self.admin_site.name)
        return HttpResponseRedirect(url)

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="",
                        extra_context=None):
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return self._changeform_view(request, object_id, form_url, extra_context)
        with _admin_transaction.atomic(using=_router.db_for_write(self.model)):
            return self._changeform_view(request, object_id, form_url, extra_context)

    def _changeform_view(self, request, object_id, form_url, extra_context):
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(
                "The field %s cannot be referenced." % to_field)
        if request.method == "POST" and "_saveasnew" in request.POST:
            object_id = None
        add = object_id is None
        if add:
            if not self.has_add_permission(request):
                raise PermissionDenied
            obj = None
        else:
            obj = self.get_object(request, unquote(object_id), to_field)
            if request.method == "POST":
                if not self.has_change_permission(request, obj):
                    raise PermissionDenied
            elif not self.has_view_or_change_permission(request, obj):
                raise PermissionDenied
            if obj is None:
                return self._get_obj_does_not_exist_redirect(request, self.opts,
                                                             object_id)
        fieldsets = self.get_fieldsets(request, obj)
        form_class = self.get_form(request, obj, change=not add,
                                   fields=flatten_fieldsets(fieldsets))
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj)
            formsets, inline_instances = self._create_formsets(
                request, form.instance, change=not add)
            form_validated = form.is_valid()
            new_object = (self.save_form(request, form, change=not add)
                          if form_validated else form.instance)
            if all_valid(formsets) and form_validated:
                self.save_model(request, new_object, form, not add)
                self.save_related(request, form, formsets, not add)
                change_message = self.construct_change_message(request, form,
                                                               formsets, add)
                if add:
                    self.log_addition(request, new_object, change_message)
                    return self.response_add(request, new_object)
                self.log_change(request, new_object, change_message)
                return self.response_change(request, new_object)
            form_validated = False
        else:
            if add:
                form = form_class(initial=self.get_changeform_initial_data(request))
                formsets, inline_instances = self._create_formsets(
                    request, form.instance, change=False)
            else:
                form = form_class(instance=obj)
                formsets, inline_instances = self._create_formsets(request, obj,
                                                                   change=True)
        if not add and not self.has_change_permission(request, obj):
            readonly_fields = flatten_fieldsets(fieldsets)
        else:
            readonly_fields = self.get_readonly_fields(request, obj)
        admin_form = AdminForm(
            form, list(fieldsets),
            (self.get_prepopulated_fields(request, obj)
             if add or self.has_change_permission(request, obj) else {}),
            readonly_fields, model_admin=self)
        inline_formsets = self.get_inline_formsets(request, formsets,
                                                   inline_instances, obj)
        if add:
            title = "Add %s"
        elif self.has_change_permission(request, obj):
            title = "Change %s"
        else:
            title = "View %s"
        context = {
            **self.admin_site.each_context(request),
            "title": title % self.opts.verbose_name,
            "subtitle": str(obj) if obj else None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            "to_field": to_field,
            "media": functools.reduce(
                operator.add, (formset.media for formset in inline_formsets),
                self.media + admin_form.media),
            "inline_admin_formsets": inline_formsets,
            "errors": AdminErrorList(form, formsets),
            "preserved_filters": self.get_preserved_filters(request),
        }
        if (request.method == "POST" and not form_validated
                and "_saveasnew" in request.POST):
            context["show_save"] = False
            context["show_save_and_continue"] = False
            add = False
        context.update(extra_context or {})
        return self.render_change_form(request, context, add=add, change=not add,
                                       obj=obj, form_url=form_url)

    def add_view(self, request, form_url="", extra_context=None):
        return self.changeform_view(request, None, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.changeform_view(request, object_id, form_url, extra_context)

    def _get_edited_object_pks(self, request, prefix):
        pk_pattern = re.compile(r"{}-\d+-{}$".format(re.escape(prefix),
                                                     self.opts.pk.name))
        return [value for key, value in request.POST.items()
                if pk_pattern.match(key)]

    def _get_list_editable_queryset(self, request, prefix):
        object_pks = self._get_edited_object_pks(request, prefix)
        queryset = self.get_queryset(request)
        validate = queryset.model._meta.pk.to_python
        try:
            for pk in object_pks:
                validate(pk)
        except ValidationError:
            return queryset
        return queryset.filter(pk__in=object_pks)

    @csrf_protect_m
    def changelist_view(self, request, extra_context=None):
        """The list of objects: search, filters, sorting, pages, actions and
        list_editable."""
        app_label = self.opts.app_label
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            cl = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # An unknown or malformed lookup in the query string: back to the
            # plain list with ?e=1 (or an error page when that already failed).
            error_flag = djscratch.contrib.admin.views.main.ERROR_FLAG
            if error_flag in request.GET:
                return SimpleTemplateResponse("admin/invalid_setup.html", {
                    "title": "Database error"})
            return HttpResponseRedirect(request.path + "?" + error_flag + "=1")

        action_failed = False
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        actions = self.get_actions(request)
        if (actions and request.method == "POST" and "index" in request.POST
                and "_save" not in request.POST):
            if selected:
                response = self.response_action(request,
                                                queryset=cl.get_queryset(request))
                if response:
                    return response
                action_failed = True
            else:
                msg = ("Items must be selected in order to perform actions on them. "
                       "No items have been changed.")
                self.message_user(request, msg, MESSAGE_WARNING)
                action_failed = True
        if (actions and request.method == "POST"
                and ACTION_CHECKBOX_NAME in request.POST
                and "index" not in request.POST and "_save" not in request.POST):
            if selected:
                response = self.response_action(request,
                                                queryset=cl.get_queryset(request))
                if response:
                    return response
                action_failed = True
        if action_failed:
            return HttpResponseRedirect(request.get_full_path())

        formset = cl.formset = None
        if request.method == "POST" and cl.list_editable and "_save" in request.POST:
            if not self.has_change_permission(request):
                raise PermissionDenied
            FormSet = self.get_changelist_formset(request)
            modified_objects = self._get_list_editable_queryset(
                request, FormSet.get_default_prefix())
            formset = cl.formset = FormSet(request.POST, request.FILES,
                                           queryset=modified_objects)
            if formset.is_valid():
                changecount = 0
                with _admin_transaction.atomic(using=_router.db_for_write(self.model)):
                    for form in formset.forms:
                        if form.has_changed():
                            obj = self.save_form(request, form, change=True)
                            if obj._state.adding:
                                raise BadRequest(
                                    "list_editable does not allow adding.")
                            self.save_model(request, obj, form, change=True)
                            self.save_related(request, form, formsets=[],
                                              change=True)
                            change_msg = self.construct_change_message(request, form,
                                                                       None)
                            self.log_change(request, obj, change_msg)
                            changecount += 1
                if changecount:
                    name = (self.opts.verbose_name if changecount == 1
                            else self.opts.verbose_name_plural)
                    msg = ("%(count)s %(name)s was changed successfully."
                           if changecount == 1 else
                           "%(count)s %(name)s were changed successfully.") % {
                        "count": changecount, "name": name}
                    self.message_user(request, msg, MESSAGE_SUCCESS)
                return HttpResponseRedirect(request.get_full_path())
        elif cl.list_editable and self.has_change_permission(request):
            FormSet = self.get_changelist_formset(request)
            formset = cl.formset = FormSet(queryset=cl.result_list)

        if actions:
            action_form = self.action_form(auto_id=None)
            action_form.fields["action"].choices = self.get_action_choices(request)
            media = self.media + action_form.media
        else:
            action_form = None
            media = self.media
        selection_note_all = ("%(total_count)s selected" if cl.result_count == 1
                              else "All %(total_count)s selected")
        context = {
            **self.admin_site.each_context(request),
            "module_name": str(self.opts.verbose_name_plural),
            "selection_note": "0 of %(cnt)s selected" % {"cnt": len(cl.result_list)},
            "selection_note_all": selection_note_all % {
                "total_count": cl.result_count},
            "title": cl.title,
            "subtitle": None,
            "is_popup": cl.is_popup,
            "to_field": cl.to_field,
            "cl": cl,
            "media": media,
            "has_add_permission": self.has_add_permission(request),
            "opts": cl.opts,
            "action_form": action_form,
            "actions_on_top": self.actions_on_top,
            "actions_on_bottom": self.actions_on_bottom,
            "actions_selection_counter": self.actions_selection_counter,
            "preserved_filters": self.get_preserved_filters(request),
            **_changelist_display(cl),
            # Reversed when the template shows it, as Django's {% url %}: a
            # view called outside the site's URLconf still answers.
            "add_url": lazy(lambda: _add_preserved_filters(
                self.get_preserved_filters(request),
                reverse("admin:%s_%s_add" % (app_label, self.opts.model_name),
                        current_app=self.admin_site.name)), str)(),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.change_list_template or [
            "admin/%s/%s/change_list.html" % (app_label, self.opts.model_name),
            "admin/%s/change_list.html" % app_label,
            "admin/change_list.html",
        ], context)

    def get_deleted_objects(self, objs, request):
        return get_deleted_objects(objs, request, self.admin_site)

    @csrf_protect_m
    def delete_view(self, request, object_id, extra_context=None):
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return self._delete_view(request, object_id, extra_context)
        with _admin_transaction.atomic(using=_router.db_for_write(self.model)):
            return self._delete_view(request, object_id, extra_context)

    def _delete_view(self, request, object_id, extra_context):
        app_label = self.opts.app_label
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(
                "The field %s cannot be referenced." % to_field)
        obj = self.get_object(request, unquote(object_id), to_field)
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts,
                                                         object_id)
        deleted_objects, model_count, perms_needed, protected = (
            self.get_deleted_objects([obj], request))
        if request.POST and not protected:  # the user confirmed
            if perms_needed:
                raise PermissionDenied
            obj_display = str(obj)
            attr = str(to_field) if to_field else self.opts.pk.attname
            obj_id = obj.serializable_value(attr)
            self.log_deletions(request, [obj])
            self.delete_model(request, obj)
            return self.response_delete(request, obj_display, obj_id)
        object_name = str(self.opts.verbose_name)
        if perms_needed or protected:
            title = "Cannot delete %(name)s" % {"name": object_name}
        else:
            title = "Delete"
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object_name": object_name,
            "object": obj,
            "deleted_objects": deleted_objects,
            "model_count": dict(model_count).items(),
            "perms_lacking": perms_needed,
            "protected": protected,
            "opts": self.opts,
            "app_label": app_label,
            "preserved_filters": self.get_preserved_filters(request),
            "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            "to_field": to_field,
            **self._changeform_urls(obj),
            **(extra_context or {}),
        }
        return self.render_delete_form(request, context)

    def history_view(self, request, object_id, extra_context=None):
        """The LogEntry rows of one object, oldest first, 100 a page."""
        page_var = djscratch.contrib.admin.views.main.PAGE_VAR
        model = self.model
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, model._meta,
                                                         object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        app_label = self.opts.app_label
        action_list = LogEntry.objects.filter(
            object_id=unquote(object_id),
            content_type=get_content_type_for_model(model),
        ).select_related().order_by("action_time")
        paginator = self.get_paginator(request, action_list, 100)
        page_obj = paginator.get_page(request.GET.get(page_var, 1))
        page_range = paginator.get_elided_page_range(page_obj.number)
        context = {
            **self.admin_site.each_context(request),
            "title": "Change history: %s" % obj,
            "subtitle": None,
            "action_list": page_obj,
            "page_range": page_range,
            "page_var": page_var,
            "pagination_required": paginator.count > 100,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "preserved_filters": self.get_preserved_filters(request),
            **self._changeform_urls(obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template or [
            "admin/%s/%s/object_history.html" % (app_label, self.opts.model_name),
            "admin/%s/object_history.html" % app_label,
            "admin/object_history.html",
        ], context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        formset_params = {"instance": obj, "prefix": prefix,
                          "queryset": inline.get_queryset(request)}
        if request.method == "POST":
            formset_params.update({
                "data": request.POST.copy(),
                "files": request.FILES,
                "save_as_new": "_saveasnew" in request.POST,
            })
        return formset_params

    def _create_formsets(self, request, obj, change):
        """The inline formsets of the change form and their inlines."""
        formsets = []
        inline_instances = []
        prefixes = {}
        get_formsets_args = [request]
        if change:
            get_formsets_args.append(obj)
        for FormSet, inline in self.get_formsets_with_inlines(*get_formsets_args):
            prefix = FormSet.get_default_prefix()
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
            if prefixes[prefix] != 1 or not prefix:
                prefix = "%s-%s" % (prefix, prefixes[prefix])
            formset_params = self.get_formset_kwargs(request, obj, inline, prefix)
            formset = FormSet(**formset_params)

            def user_deleted_form(request, obj, formset, index, inline):
                """Was this form deleted by a user allowed to delete it?"""
                return (inline.has_delete_permission(request, obj)
                        and "{}-{}-DELETE".format(formset.prefix, index)
                        in request.POST)

            # Forms a view-only user could not change are left as they were.
            if not inline.has_change_permission(request, obj if change else None):
                for index, form in enumerate(formset.initial_forms):
                    if user_deleted_form(request, obj, formset, index, inline):
                        continue
                    form._errors = {}
                    form.cleaned_data = form.initial
            formsets.append(formset)
            inline_instances.append(inline)
        return formsets, inline_instances


def _changelist_display(cl):
    """The rows, headers, pages and filters the changelist template shows."""
    return djscratch.contrib.admin.views.main._changelist_display_context(cl)


def _valid_pks(model, values):
    """The selected keys that are valid for the model's primary key (a
    tampered value is dropped rather than reaching the query)."""
    pks = []
    for value in values:
        try:
            pks.append(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return pks


_SEARCH_TERM_RE = re.compile(r"""
    ((?:
        [^\s'"]*
        (?:
            (?:"(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*')
            [^\s'"]*
        )+
    ) | \S+)
""", re.VERBOSE)


def _smart_split_terms(search_term):
    """Split a search on spaces, keeping "quoted phrases" whole (Django's
    smart_split, then the quotes taken off)."""
    for match in _SEARCH_TERM_RE.finditer(str(search_term)):
        bit = match[0]
        if len(bit) > 1 and bit[0] in "\"'" and bit[0] == bit[-1]:
            quote = bit[0]
            bit = bit[1:-1].replace("\\" + quote, quote).replace("\\\\", "\\")
        yield bit


def _related_fkey_lookups(model):
    """The limit_choices_to of the relations pointing at `model` (Django
    keeps them as Options.related_fkey_lookups)."""
    return [rel.field.remote_field.limit_choices_to
            for rel in model._meta.related_objects
            if not rel.hidden and rel.field.remote_field.limit_choices_to]


def _add_preserved_filters(preserved_filters, url, preserved_qsl=None, popup=False,
                           to_field=None):
    """`url` with the changelist's filters (_changelist_filters=...) and the
    request's other parameters (preserved_qsl: ?_popup, ?_to_field, a
    prefilled field) kept; the url's own parameters win, in Django's order."""
    parts = urllib.parse.urlsplit(url)
    merged = dict(preserved_qsl or ())
    if preserved_filters:
        filters = dict(urllib.parse.parse_qsl(preserved_filters))
        if "_changelist_filters" in filters and _is_changelist_url(parts.path):
            # Back on the changelist, its own query string again (as Django
            # unpacks it); left packed, the changelist reads an unknown
            # parameter: ?e=1.
            filters = dict(urllib.parse.parse_qsl(filters["_changelist_filters"]))
        merged.update(filters)
    if popup:
        merged[IS_POPUP_VAR] = 1
    if to_field:
        merged[TO_FIELD_VAR] = to_field
    merged.update(urllib.parse.parse_qsl(parts.query))
    if not merged and not parts.query:
        return url
    return urllib.parse.urlunsplit(parts._replace(query=urlencode(merged)))


def _preserved_qsl(request, preserved_filters):
    """The request's query parameters other than the preserved filters."""
    query_string = urllib.parse.urlsplit(request.build_absolute_uri()).query
    return urllib.parse.parse_qsl(query_string.replace(preserved_filters, ""))


def _is_changelist_url(path):
    """Whether `path` is an admin changelist (admin:<app>_<model>_changelist)."""
    path = "/" + urllib.parse.unquote(path).partition(get_script_prefix())[2]
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return bool(match.url_name and match.url_name.endswith("_changelist"))


class InlineModelAdmin(BaseModelAdmin):
    """The options of objects edited on their parent's change page."""

    model = None
    fk_name = None
    formset = BaseInlineFormSet
    extra = 3
    min_num = None
    max_num = None
    template = None
    verbose_name = None
    verbose_name_plural = None
    can_delete = True
    show_change_link = False
    classes = None
    checks_class = InlineModelAdminChecks

    def __init__(self, parent_model, admin_site):
        self.admin_site = admin_site
        self.parent_model = parent_model
        self.opts = self.model._meta
        self.has_registered_model = admin_site.is_registered(self.model)
        super().__init__()
        if self.verbose_name_plural is None:
            if self.verbose_name is None:
                self.verbose_name_plural = self.opts.verbose_name_plural
            else:
                self.verbose_name_plural = self.verbose_name + "s"
        if self.verbose_name is None:
            self.verbose_name = self.opts.verbose_name

    @property
    def media(self):
        return Media()

    def get_extra(self, request, obj=None, **kwargs):
        return self.extra

    def get_min_num(self, request, obj=None, **kwargs):
        return self.min_num

    def get_max_num(self, request, obj=None, **kwargs):
        return self.max_num

    def get_formset(self, request, obj=None, **kwargs):
        """The inline formset class for the parent `obj`."""
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        excluded = self.get_exclude(request, obj)
        exclude = [] if excluded is None else list(excluded)
        exclude.extend(self.get_readonly_fields(request, obj))
        if excluded is None and hasattr(self.form, "_meta") and self.form._meta.exclude:
            exclude.extend(self.form._meta.exclude)
        exclude = exclude or None
        can_delete = self.can_delete and self.has_delete_permission(request, obj)
        defaults = {
            "form": self.form,
            "formset": self.formset,
            "fk_name": self.fk_name,
            "fields": fields,
            "exclude": exclude,
            "formfield_callback": functools.partial(self.formfield_for_dbfield,
                                          request=request),
            "extra": self.get_extra(request, obj, **kwargs),
            "min_num": self.get_min_num(request, obj, **kwargs),
            "max_num": self.get_max_num(request, obj, **kwargs),
            "can_delete": can_delete,
            **kwargs,
        }
        defaults["form"] = _delete_protected_form(defaults["form"])
        if request is not None:
            defaults["form"] = _permission_protected_form(
                defaults["form"],
                can_add=self.has_add_permission(request, obj),
                can_change=self.has_change_permission(request, obj))
        if defaults["fields"] is None and not _modelform_defines_fields(
                defaults["form"]):
            defaults["fields"] = "__all__"
        return inlineformset_factory(self.parent_model, self.model, **defaults)

    def _get_form_for_get_fields(self, request, obj=None):
        return self.get_formset(request, obj, fields=None).form

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self.has_view_or_change_permission(request):
            queryset = queryset.none()
        return queryset

    def _has_any_perms_for_target_model(self, request, perms):
        """For an auto-created m2m "through" inline: the permission on the
        target model decides."""
        opts = self.opts
        for field in opts.fields:
            if field.remote_field and field.remote_field.model != self.parent_model:
                opts = field.remote_field.model._meta
                break
        return any(request.user.has_perm("%s.%s" % (
            opts.app_label, get_permission_codename(perm, opts))) for perm in perms)

    def has_add_permission(self, request, obj=None):
        if self.opts.auto_created:
            return self._has_any_perms_for_target_model(request, ["change"])
        return super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if self.opts.auto_created:
            return self._has_any_perms_for_target_model(request, ["change"])
        return super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        if self.opts.auto_created:
            return self._has_any_perms_for_target_model(request, ["change"])
        return super().has_delete_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        if self.opts.auto_created:
            return self._has_any_perms_for_target_model(request, ["view", "change"])
        return super().has_view_permission(request)


def _delete_protected_form(form_class):
    """The inline's form, invalid when its row is marked DELETE but protected
    objects refer to it (Django's DeleteProtectedModelForm): the formset's
    validate_unique() calls is_valid() on every form, deleted ones too, and
    turns the error into a non-form error instead of a ProtectedError."""

    class DeleteProtectedModelForm(form_class):
        def hand_clean_DELETE(self):
            if not getattr(self, "cleaned_data", {}).get("DELETE", False):
                return
            if self.instance._state.adding:
                return
            collector = NestedObjects(using=self.instance._state.db or "default")
            collector.collect([self.instance])
            if not collector.protected:
                return
            objs = ["%s %s" % (p._meta.verbose_name, p)
                    for p in collector.protected]
            raise ValidationError(
                "Deleting %(class_name)s %(instance)s would require deleting the "
                "following protected related objects: %(related_objects)s",
                code="deleting_protected",
                params={"class_name": self._meta.model._meta.verbose_name,
                        "instance": self.instance,
                        "related_objects": get_text_list(objs, "and")})

        def is_valid(self):
            result = super().is_valid()
            self.hand_clean_DELETE()
            return result

    DeleteProtectedModelForm.__name__ = form_class.__name__
    DeleteProtectedModelForm.__qualname__ = form_class.__qualname__
    return DeleteProtectedModelForm


def _permission_protected_form(form_class, can_add, can_change):
    """The inline's form, reporting no change where the user may not make one.

    A formset saves only the forms that changed, so a row the user may not
    add (a forged extra form) or may not change is never saved, whatever the
    POST says (Django's InlineModelAdmin does the same; its absence from
    GenericInlineModelAdmin was CVE-2026-4277).
    """
    if can_add and can_change:
        return form_class

    class PermissionProtectedForm(form_class):
        def has_changed(self):
            allowed = can_add if self.instance._state.adding else can_change
            return allowed and super().has_changed()

    PermissionProtectedForm.__name__ = form_class.__name__
    PermissionProtectedForm.__qualname__ = form_class.__qualname__
    return PermissionProtectedForm


class StackedInline(InlineModelAdmin):
    template = "admin/edit_inline/stacked.html"


class TabularInline(InlineModelAdmin):
    template = "admin/edit_inline/tabular.html"
