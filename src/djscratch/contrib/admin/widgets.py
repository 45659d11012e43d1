"""The admin's form widgets (django/contrib/admin/widgets.py): Django's markup
and context, rendered by the templates admin/widgets/*.html (in
contrib.admin.templates); the scripts behind them (date shortcuts, the
select filter, related-object popups, autocomplete) are djscratch's own.
"""

import copy
import json

from djscratch.core.exceptions import NoReverseMatch, ValidationError
from djscratch.core.validators_extra import URLValidator
from djscratch.db.models.deletion import CASCADE
from djscratch.db.models.fields_extra import UUIDField
from djscratch.forms.widgets import (
    EmailInput, Media, NumberInput, Textarea, TextInput, URLInput, Widget,
)
from djscratch.forms.widgets_extra import (
    ClearableFileInput, DateInput, MultiWidget, RadioSelect, Select, SelectMultiple,
    SplitDateTimeWidget, TimeInput,
)
from djscratch.urls.base import reverse
from djscratch.utils.html_extra import smart_urlquote
from djscratch.utils.http import urlencode
from djscratch.utils.text_extra import Truncator
from djscratch.utils.translation import get_language, gettext

__all__ = [
    "FilteredSelectMultiple", "BaseAdminDateWidget", "AdminDateWidget",
    "BaseAdminTimeWidget", "AdminTimeWidget", "AdminSplitDateTime",
    "AdminRadioSelect", "AdminFileWidget", "url_params_from_lookup_dict",
    "ForeignKeyRawIdWidget", "ManyToManyRawIdWidget", "RelatedFieldWidgetWrapper",
    "AdminTextareaWidget", "AdminTextInputWidget", "AdminEmailInputWidget",
    "AdminURLFieldWidget", "AdminIntegerFieldWidget", "AdminBigIntegerFieldWidget",
    "AdminUUIDInputWidget", "SELECT2_TRANSLATIONS", "get_select2_language",
    "AutocompleteMixin", "AutocompleteSelect", "AutocompleteSelectMultiple",
]

# The admin's IS_POPUP_VAR and TO_FIELD_VAR (contrib.admin.options loads
# later and imports this module).
_IS_POPUP_VAR, _TO_FIELD_VAR = "_popup", "_to_field"


class FilteredSelectMultiple(SelectMultiple):
    """filter_horizontal / filter_vertical: a multiple select that the admin's
    SelectFilter2.js gives a search box (data-field-name names the field)."""

    class Media:
        js = ["admin/js/SelectFilter2.js"]

    def __init__(self, verbose_name, is_stacked, attrs=None, choices=()):
        self.verbose_name = verbose_name
        self.is_stacked = is_stacked
        super().__init__(attrs, choices)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["class"] = "selectfilterstacked" if self.is_stacked else (
            "selectfilter")
        widget_attrs["data-field-name"] = self.verbose_name
        widget_attrs["data-is-stacked"] = int(self.is_stacked)
        return context


class BaseAdminDateWidget(DateInput):
    """A text box of class vDateField; DateTimeShortcuts.js adds "Today" and a
    calendar (the browser's date picker) beside it."""

    class Media:
        js = ["admin/js/admin/DateTimeShortcuts.js"]

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"class": "vDateField", "size": "10", **(attrs or {})},
                         format=format)


class AdminDateWidget(BaseAdminDateWidget):
    template_name = "admin/widgets/date.html"


class BaseAdminTimeWidget(TimeInput):
    """A text box of class vTimeField; DateTimeShortcuts.js adds "Now"."""

    class Media:
        js = ["admin/js/admin/DateTimeShortcuts.js"]

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"class": "vTimeField", "size": "8", **(attrs or {})},
                         format=format)


class AdminTimeWidget(BaseAdminTimeWidget):
    template_name = "admin/widgets/time.html"


class AdminSplitDateTime(SplitDateTimeWidget):
    """A date box and a time box, labelled "Date:" and "Time:"."""

    template_name = "admin/widgets/split_datetime.html"

    def __init__(self, attrs=None):
        # MultiWidget's constructor: the two admin widgets, not the plain ones
        # SplitDateTimeWidget would build.
        MultiWidget.__init__(self, [BaseAdminDateWidget, BaseAdminTimeWidget], attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["date_label"] = gettext("Date:")
        context["time_label"] = gettext("Time:")
        return context


class AdminRadioSelect(RadioSelect):
    template_name = "admin/widgets/radio.html"


class AdminFileWidget(ClearableFileInput):
    template_name = "admin/widgets/clearable_file_input.html"


def url_params_from_lookup_dict(lookups):
    """A relation's limit_choices_to (a dict) as query parameters: lists
    joined with commas, booleans as 0/1, callables called."""
    params = {}
    if lookups and hasattr(lookups, "items"):
        for key, value in lookups.items():
            if callable(value):
                value = value()
            if isinstance(value, (tuple, list)):
                value = ",".join(str(x) for x in value)
            elif isinstance(value, bool):
                value = ("0", "1")[value]
            else:
                value = str(value)
            params[key] = value
    return params


class ForeignKeyRawIdWidget(TextInput):
    """raw_id_fields: the related object's key in a text box, a lookup link to
    the related changelist (a popup) and the chosen object's name."""

    template_name = "admin/widgets/foreign_key_raw_id.html"

    def __init__(self, rel, admin_site, attrs=None, using=None):
        self.rel = rel
        self.admin_site = admin_site
        self.db = using
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rel_to = self.rel.model
        if self.admin_site.is_registered(rel_to):
            related_url = reverse(
                "admin:%s_%s_changelist" % (rel_to._meta.app_label,
                                            rel_to._meta.model_name),
                current_app=self.admin_site.name)
            params = self.url_parameters()
            if params:
                related_url += "?" + urlencode(params)
            context["related_url"] = related_url
            context["link_title"] = gettext("Lookup")
            # RelatedObjectLookups.js finds the box by this class.
            css_class = "vForeignKeyRawIdAdminField"
            if isinstance(self.rel.get_related_field(), UUIDField):
                css_class += " vUUIDField"
            context["widget"]["attrs"].setdefault("class", css_class)
        else:
            context["related_url"] = None
        if context["widget"]["value"]:
            context["link_label"], context["link_url"] = (
                self.label_and_url_for_value(value))
        else:
            context["link_label"] = None
        return context

    def base_url_parameters(self):
        limit_choices_to = self.rel.limit_choices_to
        if callable(limit_choices_to):
            limit_choices_to = limit_choices_to()
        return url_params_from_lookup_dict(limit_choices_to)

    def url_parameters(self):
        params = self.base_url_parameters()
        params[_TO_FIELD_VAR] = self.rel.get_related_field().name
        return params

    def label_and_url_for_value(self, value):
        """The related object's name (14 words at most) and change URL; empty
        strings for a key that names no object."""
        key = self.rel.get_related_field().name
        try:
            obj = self.rel.model._default_manager.using(self.db).get(**{key: value})
        except (ValueError, self.rel.model.DoesNotExist, ValidationError):
            return "", ""
        try:
            url = reverse("%s:%s_%s_change" % (self.admin_site.name,
                                               obj._meta.app_label,
                                               obj._meta.model_name),
                          args=(obj.pk,))
        except NoReverseMatch:
            url = ""  # the related model has no admin on this site
        return Truncator(obj).words(14), url


class ManyToManyRawIdWidget(ForeignKeyRawIdWidget):
    """raw_id_fields on a many-to-many: comma-separated keys."""

    template_name = "admin/widgets/many_to_many_raw_id.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.admin_site.is_registered(self.rel.model):
            context["widget"]["attrs"]["class"] = "vManyToManyRawIdAdminField"
        return context

    def url_parameters(self):
        return self.base_url_parameters()

    def label_and_url_for_value(self, value):
        return "", ""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value:
            return value.split(",")
        return None

    def format_value(self, value):
        return ",".join(str(v) for v in value) if value else ""


class RelatedFieldWidgetWrapper(Widget):
    """A relation's widget with links to add, change, delete or view the
    related object in a popup (RelatedObjectLookups.js), each as permitted."""

    template_name = "admin/widgets/related_widget_wrapper.html"

    def __init__(self, widget, rel, admin_site, can_add_related=None,
                 can_change_related=False, can_delete_related=False,
                 can_view_related=False):
        self.needs_multipart_form = widget.needs_multipart_form
        self.attrs = widget.attrs
        self.widget = widget
        self.rel = rel
        if can_add_related is None:
            can_add_related = admin_site.is_registered(rel.model)
        self.can_add_related = can_add_related
        # One link cannot say which of several selected objects it means.
        multiple = getattr(widget, "allow_multiple_selected", False)
        if not isinstance(widget, AutocompleteMixin):
            self.attrs["data-context"] = "available-source"
        self.can_change_related = not multiple and can_change_related
        # Deleting from here would silently delete the object being edited
        # too when the relation cascades.
        cascade = getattr(rel, "on_delete", None) is CASCADE
        self.can_delete_related = not multiple and not cascade and can_delete_related
        self.can_view_related = not multiple and can_view_related
        self.admin_site = admin_site

    def __deepcopy__(self, memo):
        obj = copy.copy(self)
        obj.widget = copy.deepcopy(self.widget, memo)
        obj.attrs = self.widget.attrs
        memo[id(self)] = obj
        return obj

    @property
    def is_hidden(self):
        return self.widget.is_hidden

    @property
    def media(self):
        return self.widget.media

    @property
    def choices(self):
        return self.widget.choices

    @choices.setter
    def choices(self, value):
        self.widget.choices = value

    def get_related_url(self, info, action, *args):
        return reverse("admin:%s_%s_%s" % (info + (action,)),
                       current_app=self.admin_site.name, args=args)

    def get_context(self, name, value, attrs):
        rel_opts = self.rel.model._meta
        info = (rel_opts.app_label, rel_opts.model_name)
        related_field_name = self.rel.get_related_field().name
        url_params = "%s=%s&%s=1" % (_TO_FIELD_VAR, related_field_name, _IS_POPUP_VAR)
        context = {
            "rendered_widget": self.widget.render(name, value, attrs),
            "is_hidden": self.is_hidden,
            "name": name,
            "url_params": url_params,
            "model": rel_opts.verbose_name,
            "model_name": rel_opts.model_name,
            "can_add_related": self.can_add_related,
            "can_change_related": self.can_change_related,
            "can_delete_related": self.can_delete_related,
            "can_view_related": self.can_view_related,
            "model_has_limit_choices_to": self.rel.limit_choices_to,
        }
        if self.can_add_related:
            context["add_related_url"] = self.get_related_url(info, "add")
        if self.can_delete_related:
            context["delete_related_template_url"] = self.get_related_url(
                info, "delete", "__fk__")
        if self.can_view_related or self.can_change_related:
            context["view_related_url_params"] = "%s=%s" % (_TO_FIELD_VAR,
                                                            related_field_name)
            context["change_related_template_url"] = self.get_related_url(
                info, "change", "__fk__")
        return context

    def value_from_datadict(self, data, files, name):
        return self.widget.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return self.widget.value_omitted_from_data(data, files, name)

    def id_for_label(self, id_):
        return self.widget.id_for_label(id_)


class AdminTextareaWidget(Textarea):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vLargeTextField", **(attrs or {})})


class AdminTextInputWidget(TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vTextField", **(attrs or {})})


class AdminEmailInputWidget(EmailInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vTextField", **(attrs or {})})


class AdminURLFieldWidget(URLInput):
    """A URL box, with the current URL as a link above it when it is valid."""

    template_name = "admin/widgets/url.html"

    def __init__(self, attrs=None, validator_class=URLValidator):
        super().__init__(attrs={"class": "vURLField", **(attrs or {})})
        self.validator = validator_class()

    def get_context(self, name, value, attrs):
        try:
            self.validator(value if value else "")
            url_valid = True
        except ValidationError:
            url_valid = False
        context = super().get_context(name, value, attrs)
        context["current_label"] = gettext("Currently:")
        context["change_label"] = gettext("Change:")
        context["widget"]["href"] = (
            smart_urlquote(context["widget"]["value"]) if url_valid else "")
        context["url_valid"] = url_valid
        return context


class AdminIntegerFieldWidget(NumberInput):
    class_name = "vIntegerField"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": self.class_name, **(attrs or {})})


class AdminBigIntegerFieldWidget(AdminIntegerFieldWidget):
    class_name = "vBigIntegerField"


class AdminUUIDInputWidget(TextInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "vUUIDField", **(attrs or {})})


#: Django's language code (lower case) -> the select2 translation's name.
SELECT2_TRANSLATIONS = {code.lower(): code for code in (
    "ar az bg ca cs da de el en es et eu fa fi fr gl he hi hr hu id is it ja km ko "
    "lt lv mk ms nb nl pl pt-BR pt ro ru sk sr-Cyrl sr sv th tr uk vi").split()}
SELECT2_TRANSLATIONS.update({"zh-hans": "zh-CN", "zh-hant": "zh-TW"})


def get_select2_language():
    """The select2 translation for the active language, trying ever shorter
    prefixes of its code ("zh-hant-tw", then "zh-hant", then "zh")."""
    lang_code = get_language()
    supported_code = SELECT2_TRANSLATIONS.get(lang_code)
    if supported_code is None and lang_code is not None:
        end = None
        while (end := lang_code.rfind("-", 0, end)) > -1:
            if supported_code := SELECT2_TRANSLATIONS.get(lang_code[:end]):
                return supported_code
    return supported_code


class AutocompleteMixin:
    """A select whose options come from the admin's autocomplete view
    (AutocompleteJsonView) as the user types; it renders only the selected
    options, with the data-ajax--* attributes Django's select2 reads.
    djscratch's autocomplete.js reads the same attributes."""

    url_name = "%s:autocomplete"

    def __init__(self, field, admin_site, attrs=None, choices=(), using=None):
        self.field = field
        self.admin_site = admin_site
        self.db = using
        self.choices = choices
        self.attrs = {} if attrs is None else attrs.copy()
        self.i18n_name = get_select2_language()

    def get_url(self):
        return reverse(self.url_name % self.admin_site.name)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs.setdefault("class", "")
        attrs.update({
            "data-ajax--cache": "true",
            "data-ajax--delay": 250,
            "data-ajax--type": "GET",
            "data-ajax--url": self.get_url(),
            "data-app-label": self.field.model._meta.app_label,
            "data-model-name": self.field.model._meta.model_name,
            "data-field-name": self.field.name,
            "data-theme": "admin-autocomplete",
            "data-allow-clear": json.dumps(not self.is_required),
            "data-placeholder": "",  # lets the choice be cleared
            "lang": self.i18n_name,
            "class": attrs["class"] + (" " if attrs["class"] else "")
            + "admin-autocomplete",
        })
        return attrs

    def optgroups(self, name, value, attr=None):
        """The selected options only (one query), and a blank one first when
        the field may be left empty."""
        default = (None, [], 0)
        groups = [default]
        has_selected = False
        selected_choices = {
            str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        remote_model_opts = self.field.remote_field.model._meta
        # A many-to-many relation has no field_name: it selects by key.
        to_field_name = getattr(self.field.remote_field, "field_name",
                                remote_model_opts.pk.attname)
        to_field_name = remote_model_opts.get_field(to_field_name).attname
        objects = self.choices.queryset.using(self.db).filter(
            **{"%s__in" % to_field_name: selected_choices})
        for obj in objects:
            option_value = getattr(obj, to_field_name)
            option_label = self.choices.field.label_from_instance(obj)
            selected = str(option_value) in value and (
                has_selected is False or self.allow_multiple_selected)
            has_selected |= selected
            default[1].append(self.create_option(
                name, option_value, option_label, selected_choices, len(default[1])))
        return groups

    @property
    def media(self):
        return Media(js=("admin/js/autocomplete.js",),
                     css={"screen": ("admin/css/autocomplete.css",)})


class AutocompleteSelect(AutocompleteMixin, Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, SelectMultiple):
    pass
