"""BoundField and BoundWidget (django/forms/boundfield.py):
a field together with the form's data, as templates see it.
"""

from djscratch.utils.functional import cached_property
from djscratch.utils.safestring import SafeString
from djscratch.core.exceptions import ValidationError
from djscratch.utils.html import _escaped_text
from djscratch.forms.utils import (
    _CACHED_ATTR_TYPES, ErrorList, pretty_name, RenderableFieldMixin, _STR_ONLY,
)
from djscratch.utils.html import conditional_escape
import operator

from djscratch.forms.renderers import (
    _builtin_renders_empty_error_lists, _fast_field, _FAST_PATHS, _fast_label,
    _fast_path, get_default_renderer, _label_tag_html, _renders_builtin,
    _renders_empty_error_lists, _var_html,
)
from djscratch.forms.widgets import (
    _input_html, _textarea_html, _tpl_input, _tpl_textarea, ColorInput, EmailInput,
    NumberInput, SearchInput, TelInput, Textarea, TextInput, URLInput, Widget,
    _WIDGET_CLASSES_TOKEN,
)
from djscratch.forms.widgets_extra import MultiWidget

__all__ = [
    "BoundField", "BoundWidget",
]


def _auto_id(auto_id, html_name):
    """Django's BoundField.auto_id: the form's auto_id ("id_%s", True, False)
    applied to a field's html_name."""
    if auto_id and "%s" in str(auto_id):
        return auto_id % html_name
    if auto_id:
        return html_name
    return ""


#: The types of a form's auto_id whose BoundField.auto_id may be kept.
_FIXED_AUTO_ID_TYPES = frozenset({str, bool, type(None)})


class BoundField(RenderableFieldMixin):
    """A Field plus the form's data: what `{{ form.name }}` renders."""

    def __init__(self, form, field, name):
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)
        self.html_initial_name = form.add_initial_prefix(name)
        self.html_initial_id = form.add_initial_prefix(self.auto_id)
        self.label = pretty_name(name) if self.field.label is None else self.field.label
        self.help_text = field.help_text or ""
        self.renderer = form.renderer

    @cached_property
    def subwidgets(self):
        """One BoundWidget per radio/checkbox option (or just the widget)."""
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        return [BoundWidget(self.field.widget, widget, self.form.renderer)
                for widget in self.field.widget.subwidgets(self.html_name,
                                                           self.value(), attrs=attrs)]

    def __bool__(self):
        return True

    def __str__(self):
        """Render the field's widget (plus the hidden initial value if asked)."""
        html = _plain_widget_html(self)
        if html is None:
            return RenderableFieldMixin.__str__(self)
        return html

    __html__ = __str__

    def as_field_group(self):
        """Render field.html (label, help text, errors, widget)."""
        html = _plain_field_group_html(self)
        if html is None:
            return self.render()
        return html

    def __iter__(self):
        return iter(self.subwidgets)

    def __len__(self):
        return len(self.subwidgets)

    def __getitem__(self, idx):
        if not isinstance(idx, (int, slice)):
            raise TypeError("BoundField indices must be integers or slices, not %s."
                            % type(idx).__name__)
        return self.subwidgets[idx]

    # A str key is refused first: {{ x.name }} goes straight to getattr()
    # (template.runtime._lookup_kind).
    __getitem__._refuses_str_keys = True

    @property
    def errors(self):
        """Return this field's ErrorList (empty if none)."""
        form = self.form
        errors = form.errors
        # Django builds the empty list as get()'s default, found or not.
        if self.name in errors:
            return errors[self.name]
        return form.error_class(renderer=form.renderer)

    def _has_errors(self):
        """Return whether the field has errors, without building an empty list.

        Rendering asks about five times per field; `errors` makes a new empty
        ErrorList each time on an unbound form.
        """
        if type(self).errors is not BoundField.errors:
            return bool(self.errors)  # a subclass's own errors: ask it
        return bool(self.form.errors.get(self.name))

    @property
    def template_name(self):
        return self.field.template_name or self.form.renderer.field_template_name

    def get_context(self):
        return {"field": self}

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        """Render `widget` (default: the field's) with this field's value."""
        field = self.field
        widget = widget or field.widget
        if field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs(attrs or {}, widget)
        auto_id = self.auto_id
        if auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.html_initial_id if only_initial else auto_id)
        form = self.form
        if only_initial and self.html_initial_name in form.data:
            value = form._widget_data_value(field.hidden_widget(),
                                            self.html_initial_name)
        else:
            value = self.value()
        return widget.render(
            name=self.html_initial_name if only_initial else self.html_name,
            value=value, attrs=attrs, renderer=form.renderer)

    def as_text(self, attrs=None, **kwargs):
        return self.as_widget(TextInput(), attrs, **kwargs)

    def as_textarea(self, attrs=None, **kwargs):
        return self.as_widget(Textarea(), attrs, **kwargs)

    def as_hidden(self, attrs=None, **kwargs):
        return self.as_widget(self.field.hidden_widget(), attrs, **kwargs)

    @property
    def data(self):
        """Return the submitted data for this field (None if absent)."""
        return self.form._widget_data_value(self.field.widget, self.html_name)

    def value(self):
        """Return the value to display: the data if bound, else the initial."""
        data = self.initial
        if self.form.is_bound:
            data = self.field.bound_data(self.data, data)
        return self.field.prepare_value(data)

    def _has_changed(self):
        field = self.field
        if field.show_hidden_initial:
            initial_value = self.form._widget_data_value(field.hidden_widget(),
                                                         self.html_initial_name)
            try:
                initial_value = field.to_python(initial_value)
            except ValidationError:
                return True
        else:
            initial_value = self.initial
        return field.has_changed(initial_value, self.data)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        """Return the label wrapped in <label for=...> (or bare if no id)."""
        field, form = self.field, self.form
        contents = contents or self.label
        if label_suffix is None:
            label_suffix = (field.label_suffix if field.label_suffix is not None
                            else form.label_suffix)
        if label_suffix and contents and contents[-1] not in ":?.!":
            # format_html("{}{}", contents, label_suffix), spelled out: every
            # label of every rendered form passes here.
            contents = SafeString("{}{}".format(
                _escaped_text(contents), _escaped_text(label_suffix)))
        widget = field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if id_:
            id_for_label = widget.id_for_label(id_)
            if id_for_label:
                attrs = {**(attrs or {}), "for": id_for_label}
            if field.required and hasattr(form, "required_css_class"):
                attrs = attrs or {}
                if "class" in attrs:
                    attrs["class"] += " " + form.required_css_class
                else:
                    attrs["class"] = form.required_css_class
        fast = _fast_path(form.renderer, form.template_name_label)
        if fast is _fast_label:  # label.html, as Python (see _fast_path())
            return SafeString(_label_tag_html(contents, attrs, bool(id_),
                                              tag or "label").strip())
        context = {"field": self, "label": contents, "attrs": attrs,
                   "use_tag": bool(id_), "tag": tag or "label"}
        if fast is not None:
            return SafeString(fast(context).strip())
        return form.render(form.template_name_label, context)

    def legend_tag(self, contents=None, attrs=None, label_suffix=None):
        return self.label_tag(contents, attrs, label_suffix, tag="legend")

    def css_classes(self, extra_classes=None):
        """Return the field's CSS classes (error_css_class, required_css_class)."""
        # Django joins a set (order varies between runs); a dict keeps the
        # same classes in a stable order: extra, then error, then required.
        if hasattr(extra_classes, "split"):
            extra_classes = extra_classes.split()
        classes = dict.fromkeys(extra_classes or [])
        if self._has_errors() and hasattr(self.form, "error_css_class"):
            classes[self.form.error_css_class] = None
        if self.field.required and hasattr(self.form, "required_css_class"):
            classes[self.form.required_css_class] = None
        return " ".join(classes)

    @property
    def is_hidden(self):
        return self.field.widget.is_hidden

    @property
    def auto_id(self):
        """Return the HTML id ('' when the form's auto_id is off).

        Rendering one field asks for it about nine times: the answer is kept
        with the form's auto_id and html_name it came from, and given again
        while both are the same objects and the auto_id is a str, a bool or
        None (whose str() cannot change, unlike a lazy translation's).
        """
        auto_id = self.form.auto_id
        html_name = self.html_name
        kept = self.__dict__.get("_auto_id_kept")
        if kept is not None and kept[0] is auto_id and kept[1] is html_name:
            return kept[2]
        id_ = _auto_id(auto_id, html_name)
        if type(auto_id) in _FIXED_AUTO_ID_TYPES:
            self.__dict__["_auto_id_kept"] = (auto_id, html_name, id_)
        return id_

    @property
    def id_for_label(self):
        widget = self.field.widget
        return widget.id_for_label(widget.attrs.get("id") or self.auto_id)

    @cached_property
    def initial(self):
        return self.form.get_initial_for_field(self.field, self.name)

    def build_widget_attrs(self, attrs, widget=None):
        field = self.field
        widget = widget or field.widget
        attrs = dict(attrs)
        if (widget.use_required_attribute(self.initial) and field.required
                and self.form.use_required_attribute):
            if (hasattr(field, "require_all_fields")
                    and not field.require_all_fields
                    and isinstance(field.widget, MultiWidget)):
                for subfield, subwidget in zip(field.fields, widget.widgets):
                    subwidget.attrs["required"] = (
                        subwidget.use_required_attribute(self.initial)
                        and subfield.required)
            else:
                attrs["required"] = True
        if field.disabled:
            attrs["disabled"] = True
        if not widget.is_hidden and self._has_errors():
            attrs["aria-invalid"] = "true"
        if not attrs.get("aria-describedby") and not self.use_fieldset:
            aria_describedby = self.aria_describedby
            if aria_describedby:
                attrs["aria-describedby"] = aria_describedby
        return attrs

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        auto_id = self.auto_id
        if auto_id and not self.is_hidden:
            if self.help_text:
                ids.append("%s_helptext" % auto_id)
            if self._has_errors():
                ids.append("%s_error" % auto_id)
        return " ".join(ids)

    @property
    def widget_type(self):
        import re

        return re.sub(r"widget$|input$", "", type(self.field.widget).__name__.lower())

    @property
    def use_fieldset(self):
        return self.field.widget.use_fieldset

    def __repr__(self):
        return "<BoundField %s>" % self.name


# -- The widget of a plain field in one function.  str(bound_field) goes
#    through as_widget(), build_widget_attrs(), aria_describedby, the widget's
#    render(), get_context() and _render(): some twenty calls per field of
#    every rendered form.  When none of them can differ from the library's own
#    (the exact classes below, nothing replaced on a class or an instance),
#    _plain_widget_html() gives the same HTML directly; anything else goes the
#    general way.

#: The BoundField members _plain_widget_html() stands in for.
_PLAIN_BOUND_FIELD_MEMBERS = (
    "as_widget", "build_widget_attrs", "aria_describedby", "errors", "_has_errors",
    "is_hidden", "use_fieldset",
)
_bound_field_members = operator.attrgetter(*_PLAIN_BOUND_FIELD_MEMBERS)
_PLAIN_BOUND_FIELD = _bound_field_members(BoundField)
#: What a BoundField instance holds (a method set on one is not plain).
_BOUND_FIELD_STATE = frozenset({
    "form", "field", "name", "html_name", "html_initial_name", "html_initial_id",
    "label", "help_text", "renderer", "_auto_id_kept", "initial", "subwidgets",
})
#: The widget members it stands in for, and what a widget instance holds.
_widget_members = operator.attrgetter(
    "render", "_render", "get_context", "build_attrs", "use_required_attribute",
    "is_hidden", "use_fieldset")
_WIDGET_STATE = frozenset({"attrs", "is_required", "input_type"})
#: Exact widget class -> (its members as the library defines them, the
#: template twin); a subclass, however small, goes the general way.
_PLAIN_WIDGETS = {
    cls: (_widget_members(cls), _tpl_textarea if cls is Textarea else _tpl_input)
    for cls in (TextInput, NumberInput, EmailInput, URLInput, ColorInput, SearchInput,
                TelInput, Textarea)
}


_WIDGET_GET_CONTEXT = Widget.get_context
_WIDGET_ID_FOR_LABEL = Widget.id_for_label
#: Plain widget class -> _plain_widget_verdict()'s answer for it.
_plain_widget_verdicts = {}


def _plain_widget_verdict(cls):
    """Return (the _WIDGET_CLASSES_TOKEN it was decided under, the template
    twin or None, whether cls.id_for_label() is the library's) for a class of
    _PLAIN_WIDGETS: the twin when its members and Widget.get_context()
    (Input's super()) are the library's own.  Decided once per class and
    again after any widget class's attribute is set or deleted (widgets'
    MediaDefiningClass changes the token), not on every field rendered
    (tests.test_form_renderers.PlainWidgetVerdictTests)."""
    token = _WIDGET_CLASSES_TOKEN[0]
    members, twin = _PLAIN_WIDGETS[cls]
    verdict = (token, twin if _widget_members(cls) == members
               and Widget.get_context is _WIDGET_GET_CONTEXT else None,
               cls.id_for_label is _WIDGET_ID_FOR_LABEL)
    _plain_widget_verdicts[cls] = verdict
    return verdict


def _plain_widget_html(bf):
    """Return str(bf) for a BoundField of the library's own class whose widget
    is one of the plain text inputs or a Textarea, rendered by a renderer
    that renders the built-in templates; None for anything else (the caller
    renders it the general way).  Equal to as_widget() in every case it
    answers (tests.test_form_renderers.PlainWidgetTests)."""
    plain = _plain_widget_of(bf)
    if plain is None:
        return None
    return _plain_widget_markup(bf, plain)


def _plain_widget_of(bf):
    """Return the widget class's _plain_widget_verdict() (its [1] the
    template twin) when _plain_widget_html() may answer for `bf`, else None
    (nothing is read that the general way would not read)."""
    plain = _plain_widget_class(bf)
    if (plain is None or _bound_field_members(BoundField) != _PLAIN_BOUND_FIELD
            or not _renders_builtin(bf.form.renderer)):
        return None
    return plain


def _plain_widget_class(bf):
    """_plain_widget_of()'s conditions on `bf` itself, its field, its widget
    and the widget's class (not on the classes and the renderer every field
    shares): the widget class's _plain_widget_verdict(), whose [1] is the
    template twin, or None."""
    field = bf.field
    widget = field.widget
    cls = type(widget)
    plain = _plain_widget_verdicts.get(cls)
    if plain is None or plain[0] is not _WIDGET_CLASSES_TOKEN[0]:
        if cls not in _PLAIN_WIDGETS:
            return None
        plain = _plain_widget_verdict(cls)
    if (plain[1] is None or type(bf) is not BoundField or field.show_hidden_initial
            or field.localize or not bf.__dict__.keys() <= _BOUND_FIELD_STATE
            or not widget.__dict__.keys() <= _WIDGET_STATE):
        return None
    return plain


def _plain_widget_markup(bf, plain):
    """The HTML of _plain_widget_html() once _plain_widget_of() said yes."""
    field = bf.field
    widget = field.widget
    form = bf.form
    # build_widget_attrs({}, widget), in its order: the initial value first (a
    # callable initial is called), the errors (which may clean the form) only
    # for a visible widget
    bf.initial
    hidden = getattr(widget, "input_type", None) == "hidden"
    attrs = {}
    if not hidden and field.required and form.use_required_attribute:
        attrs["required"] = True
    if field.disabled:
        attrs["disabled"] = True
    has_errors = not hidden and bool(form.errors.get(bf.name))
    if has_errors:
        attrs["aria-invalid"] = "true"
    auto_id = bf.auto_id
    if not widget.attrs.get("aria-describedby") and auto_id and not hidden:
        ids = []
        if bf.help_text:
            ids.append("%s_helptext" % auto_id)
        if has_errors:
            ids.append("%s_error" % auto_id)
        if ids:
            attrs["aria-describedby"] = " ".join(ids)
    # as_widget()
    if auto_id and "id" not in widget.attrs:
        attrs["id"] = auto_id
    value = widget.format_value(bf.value())
    # widget.render(): get_context()'s values straight into the template's
    # twin (without its newline, which render() strips)
    attrs = {**widget.attrs, **attrs}
    if plain[1] is _tpl_textarea:
        return SafeString(_textarea_html(bf.html_name, value, attrs))
    return SafeString(_input_html(widget.input_type, bf.html_name, value, attrs))


# -- A field's errors as field.html writes them ({{ field.errors }}).  An
#    unbound field has none, yet the general way builds an empty ErrorList,
#    renders it through its renderer's template (or the template's twin) and
#    writes "": _errors_html() answers "" directly when nothing on that way
#    can differ from the library's own.

_BOUND_FIELD_ERRORS = BoundField.errors


def _errors_html(bf):
    """Return what {{ field.errors }} writes for BoundField `bf`: the text of
    str(bf.errors), escaped unless safe (renderers._var_html()).

    "" without building the list when `bf` reads its errors as BoundField
    does, the form has none for it, and the empty list would be the library's
    ErrorList rendered with the built-in template (which writes nothing for
    no errors); anything else goes the general way.  Equal to the general way
    in every case (tests.test_fast_paths.FieldErrorsHtmlTests).
    """
    if getattr(type(bf), "errors", None) is _BOUND_FIELD_ERRORS and (
            bf.form.error_class is ErrorList):
        form = bf.form
        errors = form.errors  # as the property reads it (a bound form cleans)
        # ErrorList(renderer=form.renderer) would render with this one.
        if bf.name not in errors and _renders_empty_error_lists(
                form.renderer or get_default_renderer()):
            return ""
    return _var_html(bf.errors)


# -- A plain field's group (field.html: label, help text, errors, widget) in
#    one function.  as_field_group() goes through render(), template_name,
#    the fast path's checks, get_context(), _fast_field(), label_tag() (and
#    its own checks), _var_html() and str(): some thirty calls per field of a
#    form rendered as_div.  When _plain_widget_html() answers for the widget
#    and nothing else on that way can differ from the library's own,
#    _plain_field_group_html() writes the same text directly.

#: The BoundField members a field group renders through: those
#: _plain_widget_html() stands in for, and more.
_group_members = operator.attrgetter(
    "as_field_group", "render", "template_name", "get_context", "label_tag",
    "auto_id", "initial", "value", "__str__", "__html__",
    *_PLAIN_BOUND_FIELD_MEMBERS)
_PLAIN_GROUP = _group_members(BoundField)


def _plain_field_group_html(bf, plans=None):
    """Return bf.as_field_group() for a BoundField whose widget
    _plain_widget_html() renders, when its class, the form's renderer (for
    field.html and label.html) and the widget's id_for_label() are the
    library's own; None for anything else (the caller goes the general way).
    Reads what the general way reads, in its order: the label (auto_id), the
    help text, the errors, then the widget.  Equal to as_field_group() in
    every case it answers (tests.test_form_renderers.PlainFieldGroupTests).

    `plans`, a dict the caller keeps while it renders one form's fields,
    holds what _plain_group_plan() said of their form (asked once).
    """
    if type(bf) is not BoundField:
        return None
    form = bf.form
    if plans is None:
        plan = _plain_group_plan(form)
    else:
        plan = plans.get(id(form))
        if plan is None or plan[0] is not form:
            plan = plans[id(form)] = _plain_group_plan(form)
    field = bf.field
    # render() takes bf.renderer and template_name (the field's, else the
    # form renderer's); label_tag() and the widget the form's renderer.
    if (plan[1] is None or bf.renderer is not plan[1] or form.renderer is not plan[1]
            or field.template_name is not None):
        return None
    plain = _plain_widget_class(bf)
    if plain is None or not plain[2]:  # [2]: the label's id_for_label() is plain
        return None
    # What the general way reads, in its order: label_tag() (the label, its
    # id), the help text, the errors, then the widget (_plain_widget_markup()).
    widget = field.widget
    label, auto_id, help_text = bf.label, bf.auto_id, bf.help_text
    required_class = (form.required_css_class if hasattr(form, "required_css_class")
                      else _NO_CLASS)
    # _errors_html(bf), its checks on the classes and the renderer made once
    errors = ("" if plan[2] and bf.name not in form.errors else _errors_html(bf))
    bf.initial  # a callable initial is called here, as build_widget_attrs() does
    input_type = getattr(widget, "input_type", None)
    hidden = input_type == "hidden"
    has_errors = not hidden and bool(form.errors.get(bf.name))
    value = widget.format_value(bf.value())
    parts = (plain[1], input_type, bf.html_name, value, auto_id, label, help_text,
             field.label_suffix, form.label_suffix, errors, required_class,
             not field.required, not form.use_required_attribute, not field.disabled,
             has_errors)
    key = _group_key(parts, widget.attrs)
    if key is not None:
        html = _group_html_cache.get(key)
        if html is not None:
            return html
    html = SafeString(_field_group_text(parts, widget.attrs))
    if key is not None and len(html) <= _GROUP_CACHED_LENGTH:
        if len(_group_html_cache) >= 512:  # values come from data: stay bounded
            _group_html_cache.clear()
        _group_html_cache[key] = html
    return html


def _plain_group_plan(form):
    """Return (form, its renderer, whether an empty error list writes "")
    when _plain_field_group_html() may answer for fields of `form` as far as
    the classes and the renderer go; (form, None, False) when it may not."""
    renderer = form.renderer
    # _fast_path(renderer, name) for the two names, and
    # _renders_empty_error_lists(renderer), with their one check of the
    # renderer (_renders_builtin()) made once, last
    # (Widget.get_context() and the widget class: _plain_widget_class().)
    if (_group_members(BoundField) != _PLAIN_GROUP
            or _FAST_PATHS.get(renderer.field_template_name) is not _fast_field
            or _FAST_PATHS.get(form.template_name_label) is not _fast_label
            or not _renders_builtin(renderer)):
        return (form, None, False)
    return (form, renderer, form.error_class is ErrorList and (
        _builtin_renders_empty_error_lists() if renderer
        else _renders_empty_error_lists(get_default_renderer())))


def _first_field_plan(fields, plans):
    """Return the renderer that _plain_group_plan() of the form of the first
    of `fields` (the (BoundField, errors) pairs of a form's get_context())
    found to write "" for an empty error list, None when there is none; the
    plan is kept in `plans` for _plain_field_group_html()."""
    if type(fields) is not list or not fields or type(fields[0]) is not tuple:
        return None
    bf = fields[0][0]
    if type(bf) is not BoundField:
        return None
    form = bf.form
    plan = plans[id(form)] = _plain_group_plan(form)
    return plan[1] if plan[2] else None


#: required_css_class in a group's parts when the form has none.
_NO_CLASS = ("no required_css_class",)
#: The types of a group's str parts that make it a key of _group_html_cache
#: (an exact str: a SafeString or a lazy text would be written otherwise).
_GROUP_PART_TYPES = frozenset({str, type(None)})
#: parts -> the group's SafeString: a form writes the same fields, with the
#: same ids and values, on every render; at most 512, each short.
_group_html_cache = {}
_GROUP_CACHED_LENGTH = 1000


def _group_key(parts, attrs):
    """Return the key of _group_html_cache for a group's parts and its
    widget's attrs, or None when its text could depend on more than their
    values (a part or an attribute of another type, a field with errors)."""
    if parts[-1] or not _GROUP_PART_TYPES.issuperset(map(type, parts[1:10])):
        return None
    required_class = parts[10]
    if required_class is not _NO_CLASS and type(required_class) is not str:
        return None
    if type(attrs) is not dict:
        return None
    value_types = tuple(map(type, attrs.values()))
    # The types too: True == 1, and "x" == SafeString("x"), write differently.
    if (not _CACHED_ATTR_TYPES.issuperset(value_types)
            or not _STR_ONLY.issuperset(map(type, attrs))):
        return None
    return (parts, tuple(attrs.items()), value_types)


def _field_group_text(parts, widget_attrs):
    """_fast_field() for a plain field without a fieldset, from its parts."""
    (twin, input_type, html_name, value, auto_id, label, help_text,
     field_label_suffix, form_label_suffix, errors, required_class,
     optional, no_required_attribute, enabled, has_errors) = parts
    contents = label
    label_html = ""
    if contents:  # label_tag(), as _fast_field() calls it
        label_suffix = (field_label_suffix if field_label_suffix is not None
                        else form_label_suffix)
        if label_suffix and contents[-1] not in ":?.!":
            contents = SafeString("{}{}".format(
                _escaped_text(contents), _escaped_text(label_suffix)))
        id_ = widget_attrs.get("id") or auto_id
        attrs = None
        if id_:
            attrs = {"for": id_}  # Widget.id_for_label(id_)
            if not optional and required_class is not _NO_CLASS:
                attrs["class"] = required_class
        label_html = _label_tag_html(contents, attrs, bool(id_), "label").strip()
    help_html = ""
    if help_text:  # _help_text_html(bf, "div")
        help_html = '<div class="helptext"%s>%s</div>' % (
            ' id="%s_helptext"' % conditional_escape(auto_id) if auto_id else "",
            help_text)
    # build_widget_attrs({}, widget) and as_widget(), as _plain_widget_markup()
    hidden = input_type == "hidden"
    attrs = {}
    if not hidden and not optional and not no_required_attribute:
        attrs["required"] = True
    if not enabled:
        attrs["disabled"] = True
    if has_errors:
        attrs["aria-invalid"] = "true"
    if not widget_attrs.get("aria-describedby") and auto_id and not hidden:
        ids = []
        if help_text:
            ids.append("%s_helptext" % auto_id)
        if has_errors:
            ids.append("%s_error" % auto_id)
        if ids:
            attrs["aria-describedby"] = " ".join(ids)
    if auto_id and "id" not in widget_attrs:
        attrs["id"] = auto_id
    attrs = {**widget_attrs, **attrs}
    if twin is _tpl_textarea:
        widget_html = _textarea_html(html_name, value, attrs)
    else:
        widget_html = _input_html(input_type, html_name, value, attrs)
    out = ("\n  " + label_html + "\n\n" + help_html + "\n" + errors + "\n"
           + widget_html + "\n")
    return out.strip()


class BoundWidget:
    """One option of a RadioSelect/CheckboxSelectMultiple, for templates."""

    def __init__(self, parent_widget, data, renderer):
        self.parent_widget = parent_widget
        self.data = data
        self.renderer = renderer

    def __str__(self):
        return self.tag(wrap_label=True)

    __html__ = __str__

    def tag(self, wrap_label=False):
        context = {"widget": {**self.data, "wrap_label": wrap_label}}
        return self.parent_widget._render(self.template_name, context, self.renderer)

    @property
    def template_name(self):
        if "template_name" in self.data:
            return self.data["template_name"]
        return self.parent_widget.template_name

    @property
    def id_for_label(self):
        return self.data["attrs"].get("id")

    @property
    def choice_label(self):
        return self.data["label"]
