"""BaseForm and Form (django/forms/forms.py); the as_div/as_p/as_ul/
as_table layouts are templates (forms/renderers.py).
"""

import datetime
import operator
from djscratch.sections import _methods_on_first_use
from djscratch.utils.functional import cached_property
from djscratch.utils.datastructures import MultiValueDict
from djscratch.core.exceptions import NON_FIELD_ERRORS
from djscratch.utils.safestring import SafeString
from djscratch.forms.utils import (
    _CACHED_ATTR_TYPES, ErrorDict, ErrorList, RenderableFormMixin, _STR_ONLY,
)
from djscratch.forms.renderers import (
    _error_list_members, _fast_div, get_default_renderer, _PLAIN_ERROR_LIST,
)
from djscratch.forms.widgets import MediaDefiningClass, _WIDGET_CLASSES_TOKEN
from djscratch.forms.fields import _deepcopy_fields, Field
from djscratch.forms.boundfield import (
    BoundField, _FIXED_AUTO_ID_TYPES, _group_members, _PLAIN_GROUP, _plain_group_plan,
    _PLAIN_WIDGETS, _plain_widget_class,
)

__all__ = [
    "BaseForm", "Form", "DeclarativeFieldsMetaclass",
]


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
        # Not through MediaDefiningClass.__setattr__(): a class being made
        # changes no class anything was decided about (_WIDGET_CLASSES_TOKEN
        # stays, and with it what was found of the other classes).
        type.__setattr__(new_class, "base_fields", declared_fields)
        type.__setattr__(new_class, "declared_fields", declared_fields)
        return new_class


# The methods a plain page never runs are in forms_extra.py, defined on first
# use.
@_methods_on_first_use("_BaseFormMore", (
    "_clean_fields", "_clean_form", "_post_clean", "_widget_data_value",
    "add_error", "clean", "has_changed", "has_error", "hidden_fields",
    "is_multipart", "is_valid", "media", "visible_fields",
))
class BaseForm(RenderableFormMixin):
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
    bound_field_class = None

    def __init__(self, data=None, files=None, auto_id="id_%s", prefix=None,
                 initial=None, error_class=ErrorList, label_suffix=None,
                 empty_permitted=False, field_order=None, use_required_attribute=None,
                 renderer=None, bound_field_class=None):
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
        self.fields = _deepcopy_fields(self.base_fields)
        self._bound_fields_cache = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError("The empty_permitted and use_required_attribute arguments "
                             "may not both be True.")
        if renderer is None:
            renderer = self.default_renderer
            if renderer is None:
                renderer = get_default_renderer()
            elif isinstance(renderer, type):
                renderer = renderer()
        self.renderer = renderer
        self.bound_field_class = (bound_field_class or self.bound_field_class
                                  or getattr(self.renderer, "bound_field_class", None))

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

    def add_prefix(self, field_name):
        return "%s-%s" % (self.prefix, field_name) if self.prefix else field_name

    def add_initial_prefix(self, field_name):
        return "initial-%s" % self.add_prefix(field_name)

    @property
    def template_name(self):
        return self.renderer.form_template_name

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

    def non_field_errors(self):
        """Return the errors not tied to a field (from clean())."""
        return self.errors.get(NON_FIELD_ERRORS,
                               self.error_class(error_class="nonfield",
                                                renderer=self.renderer))

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

    @cached_property
    def changed_data(self):
        return [name for name, bf in self._bound_items() if bf._has_changed()]

    def get_initial_for_field(self, field, field_name):
        """Return the initial value: form initial, then field initial (called
        if callable); microseconds dropped for widgets without them."""

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


# -- An unbound form rendered as div.html, remembered.  Every render of an
#    unbound form of the library's own classes, with the same fields in the
#    same state and the same options, writes the same text: the fields'
#    BoundFields, error lists and groups are some 1,500 bytecodes a form.
#    _plain_form_html() keeps, per form class, the last such text together
#    with everything it was written from, compared by identity (so that only
#    the very same immutable objects count as unchanged); the BoundFields the
#    general way would leave in the form are made from the kept ones' state.

#: The BaseForm members the div.html render of an unbound form goes through.
_FORM_RENDER_NAMES = (
    "render", "__str__", "__html__", "template_name", "get_context",
    "non_field_errors", "errors", "full_clean", "_bound_items", "__iter__",
    "__getitem__", "add_prefix", "add_initial_prefix", "get_initial_for_field",
)
_form_render_members = operator.attrgetter(*_FORM_RENDER_NAMES)
_PLAIN_FORM_RENDER = _form_render_members(BaseForm)
#: The BoundField and Field members it goes through besides those
#: _plain_group_plan() and the widget verdicts look at.
_PLAIN_RENDER_EXTRAS = (BoundField.__init__, BoundField.css_classes, ErrorList.copy)
_PLAIN_FIELD_NAMES = ("get_bound_field", "prepare_value")
_field_render_members = operator.attrgetter(*_PLAIN_FIELD_NAMES)
_PLAIN_FIELD_RENDER = _field_render_members(Field)
_PLAIN_FIELD_RENDERS = {_PLAIN_FIELD_RENDER}
#: What each form copies of a field (Field.__deepcopy__) and of its widget:
#: new objects on every form, compared otherwise.
_COPIED_FIELD_STATE = frozenset({"widget", "error_messages", "validators"})
#: The types of the values a remembered form is written from: immutable,
#: and written the same way whatever the settings or the language.
_FIXED_TEXT_TYPES = frozenset({str, SafeString, type(None)})
_FIXED_INITIAL_TYPES = frozenset({str, int, bool, type(None)})
_FIXED_WIDGET_STATE_TYPES = frozenset({str, int, bool, type(None)})
_ABSENT = ("absent",)
_same = operator.is_
#: (form class, prefix) -> (its state, its fields' records, the text, the
#: fields' names, their classes) of the last unbound form of that class and
#: prefix _plain_form_html() wrote; at most 256.
_plain_form_entries = {}
#: Form class -> the _WIDGET_CLASSES_TOKEN under which one of its forms had
#: a field _plain_form_html() cannot write (_not_plain_form()).
_not_plain_forms = {}


def _plain_form_state(form, renderer):
    """Return what a plain form's text depends on besides its fields and the
    classes _plain_form_html() checks."""
    return (form.auto_id, form.label_suffix, form.use_required_attribute,
            renderer, form.template_name_label,
            getattr(form, "required_css_class", _ABSENT), form.bound_field_class,
            renderer.field_template_name, _WIDGET_CLASSES_TOKEN[0])


def _plain_form_html(form, renderer):
    """Return form.render() with `renderer` (which _fast_path() has found to
    render div.html with its twin, _fast_div()) for an unbound form whose
    fields and options are, object for object, those of the last one of its
    class this wrote, when everything the render goes through is the
    library's own; else remember this one's text when it can be, or return
    None (the caller renders it the general way).  Equal to the general way
    in every case it answers (tests.test_form_renderers.PlainFormTests)."""
    # What no remembered form can be, first: a bound form, initial data.
    if not isinstance(form, BaseForm) or form.is_bound or form.initial:
        return None
    prefix = form.prefix
    if prefix is not None and type(prefix) is not str:
        return None
    # By prefix too: a formset's forms are one class with a prefix each.
    entry = _plain_form_entries.get((type(form), prefix))
    if entry is None:
        if _not_plain_forms.get(type(form)) is _WIDGET_CLASSES_TOKEN[0]:
            return None
        return _remember_plain_form(form, renderer)
    state, records, html, names, field_classes = entry
    fields = form.fields
    # _plain_group_plan(form), its checks on the renderer made by the
    # caller's _fast_path() and the template names kept in `state`.
    if (form._bound_fields_cache or not _form_renders_plainly(form, renderer)
            or not all(map(_same, (
                form.auto_id, form.label_suffix,
                form.use_required_attribute, renderer, form.template_name_label,
                getattr(form, "required_css_class", _ABSENT), form.bound_field_class,
                renderer.field_template_name, _WIDGET_CLASSES_TOKEN[0]), state))
            or _group_members(BoundField) != _PLAIN_GROUP
            or _error_list_members(ErrorList) != _PLAIN_ERROR_LIST
            or type(fields) is not dict or len(fields) != len(names)
            or not all(map(_same, fields, names))
            or not {*map(_field_render_members, field_classes)}
            <= _PLAIN_FIELD_RENDERS):
        return _remember_plain_form(form, renderer)
    if form._errors is None:  # form.errors, as get_context() reads it first
        form.full_clean()
    if form._errors:
        return None
    # The BoundFields the general way leaves in the form, made as it makes
    # them, each once its field is found unchanged (none if one is not).
    cache = form._bound_fields_cache
    for field, record in zip(fields.values(), records):
        (name, cls, keys, field_names, widget_cls, widget_keys, widget_names,
         attr_names, values, bound_state) = record
        field_state = field.__dict__
        if type(field) is not cls or field_state.keys() != keys:
            cache.clear()
            return _remember_plain_form(form, renderer)
        widget = field_state["widget"]
        widget_state = widget.__dict__
        if (type(widget) is not widget_cls or widget_state.keys() != widget_keys
                or type(widget_state["attrs"]) is not dict
                or tuple(widget_state["attrs"]) != attr_names
                or not all(map(_same, (
                    *map(field_state.__getitem__, field_names),
                    *map(widget_state.__getitem__, widget_names),
                    *widget_state["attrs"].values()), values))):
            cache.clear()
            return _remember_plain_form(form, renderer)
        bf = cache[name] = BoundField.__new__(BoundField)
        bf.__dict__ = {"form": form, "field": field, **bound_state}
    return html


def _form_renders_plainly(form, renderer):
    """The checks on the form itself that _plain_form_html() makes before
    answering and _remember_plain_form() before keeping: a dict of initial
    data, ErrorList, the form's own renderer, its class's and BoundField's
    and ErrorList's rendering members the library's own, none of them set
    on the form."""
    return (type(form.initial) is dict and form.error_class is ErrorList
            and renderer is form.renderer
            and _form_render_members(type(form)) == _PLAIN_FORM_RENDER
            and form.__dict__.keys().isdisjoint(_FORM_RENDER_NAMES)
            and (BoundField.__init__, BoundField.css_classes, ErrorList.copy)
            == _PLAIN_RENDER_EXTRAS)


def _not_plain_form(cls):
    """Remember that a form of class `cls` had a field _plain_form_html()
    cannot write, and return None: the class's next forms are not tried
    until a widget or form class changes (_WIDGET_CLASSES_TOKEN) or one of
    its forms is remembered.  (Only what is tried depends on it, never the
    text: a form not tried is rendered the general way.)"""
    if len(_not_plain_forms) >= 64:
        _not_plain_forms.clear()
    _not_plain_forms[cls] = _WIDGET_CLASSES_TOKEN[0]
    return None


def _remember_plain_form(form, renderer):
    """_plain_form_html() for a form its class's entry does not describe:
    render it the general way and, when it is plain, keep its text and what
    it was written from as its class's entry; None when it is not plain."""
    cls = type(form)
    if not isinstance(form, BaseForm):
        return None
    fields = form.fields
    if (form.is_bound or form._bound_fields_cache or form.initial
            or not _form_renders_plainly(form, renderer) or type(fields) is not dict):
        return None
    state = _plain_form_state(form, renderer)
    auto_id, suffix, use_required, _, label_template, css_class, bound_class = state[:7]
    prefix = form.prefix
    if (type(auto_id) not in _FIXED_AUTO_ID_TYPES
            or (prefix is not None and type(prefix) is not str)
            or type(suffix) not in _FIXED_TEXT_TYPES
            or type(use_required) is not bool or type(label_template) is not str
            or (css_class is not _ABSENT and type(css_class) not in _FIXED_TEXT_TYPES)
            or bound_class is not None):
        return None
    plan = _plain_group_plan(form)
    if plan[1] is not renderer or not plan[2]:
        return None
    for field in fields.values():
        cls_ = type(field)
        if (not isinstance(field, Field) or type(field.widget) not in _PLAIN_WIDGETS
                or field.widget.is_localized
                or _field_render_members(cls_) != _PLAIN_FIELD_RENDER
                or not field.__dict__.keys().isdisjoint(_PLAIN_FIELD_NAMES)
                or field.template_name is not None
                or type(field.label) not in _FIXED_TEXT_TYPES
                or type(field.help_text) not in _FIXED_TEXT_TYPES
                or type(field.label_suffix) not in _FIXED_TEXT_TYPES
                or type(field.initial) not in _FIXED_INITIAL_TYPES
                or type(field.required) is not bool or type(field.disabled) is not bool
                or type(field.widget.attrs) is not dict):
            return _not_plain_form(cls)
        widget_state = field.widget.__dict__
        attrs = widget_state["attrs"]
        if (not _CACHED_ATTR_TYPES.issuperset(map(type, attrs.values()))
                or not _STR_ONLY.issuperset(map(type, attrs))
                or not _FIXED_WIDGET_STATE_TYPES.issuperset(
                    type(value) for key, value in widget_state.items()
                    if key != "attrs")):
            return _not_plain_form(cls)
    bound_fields = [form[name] for name in fields]
    for bf in bound_fields:
        plain = _plain_widget_class(bf)
        if plain is None or not plain[2] or bf.renderer is not renderer:
            return _not_plain_form(cls)
    html = SafeString(_fast_div(form.get_context()).strip())
    if form.errors or [*form._bound_fields_cache.values()] != bound_fields:
        return html
    records = []
    for (name, field), bf in zip(fields.items(), bound_fields):
        field_state = field.__dict__
        names = tuple(key for key in field_state if key not in _COPIED_FIELD_STATE)
        widget = field.widget
        widget_state = widget.__dict__
        widget_names = tuple(key for key in widget_state if key != "attrs")
        values = (*map(field_state.__getitem__, names),
                  *map(widget_state.__getitem__, widget_names), *widget.attrs.values())
        bound_state = {key: value for key, value in bf.__dict__.items()
                       if key not in ("form", "field")}
        records.append((
            name, type(field), frozenset(field_state), names, type(widget),
            frozenset(widget_state), widget_names, tuple(widget.attrs), values,
            bound_state))
    if len(_plain_form_entries) >= 256:  # classes can be made per request
        _plain_form_entries.clear()
    _plain_form_entries[cls, prefix] = (state, tuple(records), html, tuple(fields),
                                {*map(type, fields.values())})
    return html
