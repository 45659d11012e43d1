"""BaseForm and Form (django/forms/forms.py), with the as_div/as_p/
as_ul/as_table layouts.
"""

from djscratch.utils.functional import cached_property
from djscratch.utils.safestring import mark_safe
from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.exceptions import NON_FIELD_ERRORS, ValidationError
from djscratch.utils.html import conditional_escape
from djscratch.template.loader import get_template
from djscratch.forms.utils import ErrorDict, ErrorList
from djscratch.forms.widgets import Media, MediaDefiningClass
from djscratch.forms.fields import Field

__all__ = [
    "BaseForm", "Form", "DeclarativeFieldsMetaclass",
]


# -- Form layouts: each function reproduces one of Django's form templates
#    (div.html, p.html, ul.html, table.html, field.html) character for
#    character, including the blank lines and indentation they leave.


def _help_text_html(bf, tag):
    id_attr = ' id="%s_helptext"' % conditional_escape(bf.auto_id) if bf.auto_id else ""
    return '<%s class="helptext"%s>%s</%s>' % (tag, id_attr, bf.help_text, tag)


def _render_field_group(bf):
    """Django's field.html: label (or legend), help text, errors, widget."""
    if bf.use_fieldset:
        aria = bf.aria_describedby
        out = "\n  <fieldset%s>\n  %s\n" % (
            ' aria-describedby="%s"' % conditional_escape(aria) if aria else "",
            bf.legend_tag() if bf.label else "")
    else:
        out = "\n  %s\n" % (bf.label_tag() if bf.label else "")
    out += "\n%s\n" % (_help_text_html(bf, "div") if bf.help_text else "")
    out += "%s\n%s%s\n" % (bf.errors, bf, "</fieldset>" if bf.use_fieldset else "")
    return out


def _css_attr(bf):
    classes = bf.css_classes()
    return ' class="%s"' % conditional_escape(classes) if classes else ""


def _render_div(errors, fields, hidden):
    out = "%s\n" % errors
    if errors and not fields:
        out += "\n  <div>%s</div>\n" % hidden
    out += "\n"
    for i, (bf, _errors) in enumerate(fields):
        out += "\n  <div%s>\n    %s\n    " % (_css_attr(bf), bf.as_field_group())
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n</div>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


def _render_p(errors, fields, hidden):
    out = "%s\n" % errors
    if errors and not fields:
        out += "\n  <p>%s</p>\n" % hidden
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  %s\n  <p%s>\n    %s\n    %s\n    " % (
            field_errors, _css_attr(bf), bf.label_tag() if bf.label else "", bf)
        if bf.help_text:
            out += "\n      %s\n    " % _help_text_html(bf, "span")
        out += "\n    "
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n  </p>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


def _render_ul(errors, fields, hidden):
    out = ""
    if errors:
        out += "\n  <li>\n    %s\n  " % errors
        if not fields:
            out += "\n    %s\n  " % hidden
        out += "\n  </li>\n"
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  <li%s>\n    %s\n    %s\n    %s\n    " % (
            _css_attr(bf), field_errors, bf.label_tag() if bf.label else "", bf)
        if bf.help_text:
            out += "\n      %s\n    " % _help_text_html(bf, "span")
        out += "\n    "
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n  </li>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


def _render_table(errors, fields, hidden):
    out = ""
    if errors:
        out += '\n  <tr>\n    <td colspan="2">\n      %s\n      ' % errors
        if not fields:
            out += "\n        %s\n      " % hidden
        out += "\n    </td>\n  </tr>\n"
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  <tr%s>\n    <th>%s</th>\n    <td>\n      %s\n      %s\n      " % (
            _css_attr(bf), bf.label_tag() if bf.label else "", field_errors, bf)
        if bf.help_text:
            out += "\n        <br>\n        %s\n      " % _help_text_html(bf, "span")
        out += "\n      "
        if i == len(fields) - 1:
            out += "\n        %s\n      " % hidden
        out += "\n    </td>\n  </tr>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


_FORM_TEMPLATES = {
    "django/forms/div.html": _render_div,
    "django/forms/p.html": _render_p,
    "django/forms/ul.html": _render_ul,
    "django/forms/table.html": _render_table,
    "django/forms/default.html": _render_div,
}


class DeclarativeFieldsMetaclass(MediaDefiningClass):
    """Collect the Field attributes of a Form class (and its bases) into
    `base_fields`, in declaration order; a base's field set to None is removed."""

    def __new__(mcs, name, bases, attrs):
        attrs["declared_fields"] = {
            key: attrs.pop(key) for key, value in list(attrs.items())
            if isinstance(value, Field)
        }
        new_class = super().__new__(mcs, name, bases, attrs)
        declared_fields = {}
        for base in reversed(new_class.__mro__):
            if hasattr(base, "declared_fields"):
                declared_fields.update(base.declared_fields)
            for attr, value in base.__dict__.items():
                if value is None and attr in declared_fields:
                    declared_fields.pop(attr)
        new_class.base_fields = declared_fields
        new_class.declared_fields = declared_fields
        return new_class


class BaseForm:
    """The form machinery without the declarative metaclass (see Form)."""

    default_renderer = None
    field_order = None
    prefix = None
    use_required_attribute = True
    template_name_div = "django/forms/div.html"
    template_name_p = "django/forms/p.html"
    template_name_table = "django/forms/table.html"
    template_name_ul = "django/forms/ul.html"
    template_name_label = "django/forms/label.html"
    template_name = "django/forms/div.html"
    bound_field_class = None

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, label_suffix=None,
                 empty_permitted=False, field_order=None, use_required_attribute=None,
                 renderer=None, bound_field_class=None):
        import copy

        self.is_bound = data is not None or files is not None
        self.data = MultiValueDict() if data is None else data
        self.files = MultiValueDict() if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial = initial or {}
        self.error_class = error_class
        self.label_suffix = label_suffix if label_suffix is not None else ":"
        self.empty_permitted = empty_permitted
        self._errors = None
        self.fields = copy.deepcopy(self.base_fields)
        self._bound_fields_cache = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError("The empty_permitted and use_required_attribute arguments "
                             "may not both be True.")
        self.renderer = renderer or self.default_renderer
        self.bound_field_class = bound_field_class or self.bound_field_class

    def order_fields(self, field_order):
        """Put the fields named in field_order first; unknown names are ignored."""
        if field_order is None:
            return
        fields = {}
        for key in field_order:
            if key in self.fields:
                fields[key] = self.fields.pop(key)
        fields.update(self.fields)
        self.fields = fields

    def __repr__(self):
        is_valid = "Unknown" if self._errors is None else (
            self.is_bound and not self._errors)
        return "<%s bound=%s, valid=%s, fields=(%s)>" % (
            type(self).__name__, self.is_bound, is_valid, ";".join(self.fields))

    def _bound_items(self):
        for name in self.fields:
            yield name, self[name]

    def __iter__(self):
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name):
        """Return the BoundField `name`."""
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError("Key '%s' not found in '%s'. Choices are: %s." % (
                name, type(self).__name__, ", ".join(sorted(self.fields)))) from None
        if name not in self._bound_fields_cache:
            self._bound_fields_cache[name] = field.get_bound_field(self, name)
        return self._bound_fields_cache[name]

    @property
    def errors(self):
        """Return the ErrorDict, cleaning the form first if needed."""
        if self._errors is None:
            self.full_clean()
        return self._errors

    def is_valid(self):
        """Return True if the form is bound and has no errors."""
        return self.is_bound and not self.errors

    def add_prefix(self, field_name):
        return "%s-%s" % (self.prefix, field_name) if self.prefix else field_name

    def add_initial_prefix(self, field_name):
        return "initial-%s" % self.add_prefix(field_name)

    def _widget_data_value(self, widget, html_name):
        return widget.value_from_datadict(self.data, self.files, html_name)

    def get_context(self):
        fields, hidden_fields = [], []
        top_errors = self.non_field_errors().copy()
        for name, bf in self._bound_items():
            if bf.is_hidden:
                if bf.errors:
                    top_errors += ["(Hidden field %(name)s) %(error)s" % {
                        "name": name, "error": str(e)} for e in bf.errors]
                hidden_fields.append(bf)
            else:
                fields.append((bf, bf.errors))
        return {"form": self, "fields": fields, "hidden_fields": hidden_fields,
                "errors": top_errors}

    def render(self, template_name=None, context=None, renderer=None):
        """Render the form with one of Django's layouts (or a named template)."""
        template_name = template_name or self.template_name
        layout = _FORM_TEMPLATES.get(template_name)
        if layout is not None and context is None:
            context = self.get_context()
            hidden = "".join(str(bf) for bf in context["hidden_fields"])
            return mark_safe(layout(context["errors"], context["fields"], hidden)
                             .strip())
        return mark_safe(get_template(template_name).render(  # noqa: F821
            context or self.get_context()).strip())

    __str__ = __html__ = render

    def as_p(self):
        return self.render(self.template_name_p)

    def as_table(self):
        return self.render(self.template_name_table)

    def as_ul(self):
        return self.render(self.template_name_ul)

    def as_div(self):
        return self.render(self.template_name_div)

    def non_field_errors(self):
        """Return the errors not tied to a field (from clean())."""
        return self.errors.get(NON_FIELD_ERRORS,
                               self.error_class(error_class="nonfield",
                                                renderer=self.renderer))

    def add_error(self, field, error):
        """Add `error` to `field` (None: the non-field errors) and drop the
        field from cleaned_data.  `error` may be a dict of field -> errors."""
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError("The argument `field` must be `None` when the `error` "
                                "argument contains errors for multiple fields.")
            error = error.error_dict
        else:
            error = {field or NON_FIELD_ERRORS: error.error_list}
        for field, error_list in error.items():
            if field not in self.errors:
                if field != NON_FIELD_ERRORS and field not in self.fields:
                    raise ValueError("'%s' has no field named '%s'." % (
                        type(self).__name__, field))
                if field == NON_FIELD_ERRORS:
                    self._errors[field] = self.error_class(error_class="nonfield",
                                                           renderer=self.renderer)
                else:
                    self._errors[field] = self.error_class(
                        renderer=self.renderer, field_id=self[field].auto_id)
            self._errors[field].extend(error_list)
            if field in self.cleaned_data:
                del self.cleaned_data[field]

    def has_error(self, field, code=None):
        return field in self.errors and (
            code is None
            or any(error.code == code for error in self.errors.as_data()[field]))

    def full_clean(self):
        """Clean every field, then the form; fill errors and cleaned_data."""
        self._errors = ErrorDict(renderer=self.renderer)
        if not self.is_bound:
            return
        self.cleaned_data = {}
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    def _clean_fields(self):
        for name, bf in self._bound_items():
            try:
                self.cleaned_data[name] = bf.field._clean_bound_field(bf)
                if hasattr(self, "clean_%s" % name):
                    self.cleaned_data[name] = getattr(self, "clean_%s" % name)()
            except ValidationError as e:
                self.add_error(name, e)

    def _clean_form(self):
        try:
            cleaned_data = self.clean()
        except ValidationError as e:
            self.add_error(None, e)
        else:
            if cleaned_data is not None:
                self.cleaned_data = cleaned_data

    def _post_clean(self):
        """Hook for work after clean() (ModelForm validates the instance here)."""

    def clean(self):
        """Hook for cross-field validation; return cleaned_data."""
        return self.cleaned_data

    def has_changed(self):
        """Return True if any field's data differs from its initial value."""
        return bool(self.changed_data)

    @cached_property
    def changed_data(self):
        return [name for name, bf in self._bound_items() if bf._has_changed()]

    @property
    def media(self):
        media = Media()
        for field in self.fields.values():
            media += field.widget.media
        return media

    def is_multipart(self):
        """Return True if the form needs enctype="multipart/form-data"."""
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self):
        return [field for field in self if field.is_hidden]

    def visible_fields(self):
        return [field for field in self if not field.is_hidden]

    def get_initial_for_field(self, field, field_name):
        """Return the initial value: form initial, then field initial (called
        if callable); microseconds dropped for widgets without them."""
        import datetime

        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        if (isinstance(value, (datetime.datetime, datetime.time))
                and not field.widget.supports_microseconds):
            value = value.replace(microsecond=0)
        return value


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A collection of declared Fields: validate data, render HTML.

        class ContactForm(Form):
            email = EmailField()
            message = CharField(widget=Textarea)

        form = ContactForm(request.POST)
        if form.is_valid():
            send(form.cleaned_data["email"], form.cleaned_data["message"])
    """
