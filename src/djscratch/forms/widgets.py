"""Media and the widgets (django/forms/widgets.py); each widget
renders the context dict Django's widget templates receive, through its
renderer: the built-in widget templates are here, each with a Python twin.
"""

from djscratch.utils.safestring import SafeString, mark_safe
from djscratch.utils.choices import BaseChoiceIterator, CallableChoiceIterator
from djscratch.utils.html import _escaped_text, format_html, html_safe
from djscratch.contrib.staticfiles.urls import static_url
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.dates import MONTHS
from djscratch.utils.formats import get_format, localize_input
from djscratch.forms.utils import _attrs_html, _sf, _to_current_timezone, flatatt
from djscratch.forms.renderers import (
    _add_builtin_templates, _builtin_renderer, _renders_builtin, get_default_renderer,
)

__all__ = [
    "Media", "Widget", "Input", "TextInput", "NumberInput", "EmailInput", "URLInput",
    "ColorInput", "SearchInput", "TelInput", "PasswordInput", "HiddenInput",
    "MultipleHiddenInput", "FileInput", "ClearableFileInput", "Textarea", "DateInput",
    "DateTimeInput", "TimeInput", "CheckboxInput", "ChoiceWidget", "Select",
    "NullBooleanSelect", "SelectMultiple", "RadioSelect", "CheckboxSelectMultiple",
    "MultiWidget", "SplitDateTimeWidget", "SplitHiddenDateTimeWidget",
    "SelectDateWidget", "MediaAsset", "Script", "MediaOrderConflictWarning",
]


# -- Media: the CSS and JavaScript a widget or form declares.


@html_safe
class MediaAsset:
    """An asset of a Media list with attributes of its own (Django 5.2):
    str() renders element_template; it compares and hashes by its path, so
    that Media merges it with the same path given as a string."""

    element_template = "{path}"

    def __init__(self, path, **attributes):
        self._path = path
        self.attributes = attributes

    def __eq__(self, other):
        return (self.__class__ is other.__class__ and self.path == other.path) or (
            isinstance(other, str) and self._path == other)

    def __hash__(self):
        return hash(self._path)

    def __str__(self):
        return format_html(self.element_template, path=self.path,
                           attributes=flatatt(self.attributes))

    def __repr__(self):
        return f"{type(self).__qualname__}({self._path!r})"

    @property
    def path(self):
        """The path, made absolute with {% static %} when it is relative."""
        if self._path.startswith(("http://", "https://", "/")):
            return self._path
        return static_url(self._path)


class Script(MediaAsset):
    """A <script> of a Media's js list, with attributes (type="module", ...)."""

    element_template = '<script src="{path}"{attributes}></script>'

    def __init__(self, src, **attributes):
        super().__init__(src, **attributes)


class MediaOrderConflictWarning(RuntimeWarning):
    """Two Media list the same files in opposite orders."""


class Media:
    """CSS and JS assets; `str(media)` renders <link> and <script> tags.

    Media added together keep each one's lists and merge them when read, so
    that every list's relative order holds (a warning says when it cannot).
    """

    def __init__(self, media=None, css=None, js=None):
        if media is not None:
            css = getattr(media, "css", {})
            js = getattr(media, "js", [])
        self._css_lists = [css if css is not None else {}]
        self._js_lists = [js if js is not None else []]

    @property
    def _css(self):
        by_medium = {}
        for css in self._css_lists:
            for medium, paths in css.items():
                by_medium.setdefault(medium, []).append(paths)
        return {medium: self.merge(*lists) for medium, lists in by_medium.items()}

    @property
    def _js(self):
        return self.merge(*self._js_lists)

    def absolute_path(self, path):
        """`path` made absolute with {% static %} when it is relative."""
        if path.startswith(("http://", "https://", "/")):
            return path
        return static_url(path)

    def render_js(self):
        return [
            path.__html__() if hasattr(path, "__html__")
            else format_html('<script src="{}"></script>', self.absolute_path(path))
            for path in self._js
        ]

    def render_css(self):
        css = self._css
        return [
            path.__html__() if hasattr(path, "__html__")
            else format_html('<link href="{}" media="{}" rel="stylesheet">',
                             self.absolute_path(path), medium)
            for medium in sorted(css) for path in css[medium]
        ]

    def render(self):
        return mark_safe("\n".join(self.render_css() + self.render_js()))

    __str__ = __html__ = render

    def __getitem__(self, name):
        if name == "css":
            return Media(css=self._css)
        if name == "js":
            return Media(js=self._js)
        raise KeyError('Unknown media type "%s"' % name)

    @staticmethod
    def merge(*lists):
        """Merge lists keeping each one's relative order; warn (and keep the
        first-seen order) when two disagree."""
        import graphlib
        import itertools
        import warnings

        sorter = graphlib.TopologicalSorter()
        for head, *tail in filter(None, lists):
            sorter.add(head)  # a one-item list counts too
            for item in tail:
                if head != item:
                    sorter.add(item, head)
                head = item
        try:
            return list(sorter.static_order())
        except graphlib.CycleError:
            warnings.warn(
                "Detected duplicate Media files in an opposite order: {}".format(
                    ", ".join(repr(list_) for list_ in lists)),
                MediaOrderConflictWarning)
            return list(dict.fromkeys(itertools.chain.from_iterable(
                filter(None, lists))))

    def __add__(self, other):
        combined = Media()
        combined._css_lists = self._css_lists[:]
        combined._js_lists = self._js_lists[:]
        combined._css_lists += [item for item in other._css_lists
                                if item and item not in self._css_lists]
        combined._js_lists += [item for item in other._js_lists
                               if item and item not in self._js_lists]
        return combined

    def __repr__(self):
        return "Media(css=%r, js=%r)" % (self._css, self._js)


def _media_property(cls):
    def _media(self):
        # One read of the base's media: hasattr() and then .media would
        # evaluate each base class's property twice, 2**depth times in all.
        try:
            media = super(cls, self).media
        except AttributeError:
            media = Media()
        definition = cls.__dict__.get("Media")
        if definition is None:
            return media
        extend = getattr(definition, "extend", True)
        own = Media(definition)
        if extend is True:
            return media + own
        if extend:
            combined = Media()
            for medium in extend:
                combined += media[medium]
            return combined + own
        return own

    return property(_media)


#: A new object each time an attribute of a class made by MediaDefiningClass
#: (every widget class, and forms') is set or deleted: what is decided once
#: about a widget class (forms.boundfield._plain_widget_verdict()) holds
#: while this is the object it was decided under.
_WIDGET_CLASSES_TOKEN = [object()]


class MediaDefiningClass(type):
    """Metaclass turning an inner `class Media` into a `media` property."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        if "media" not in attrs:
            # Not through __setattr__(): a class being made changes no class
            # anything was decided about.
            type.__setattr__(new_class, "media", _media_property(new_class))
        return new_class

    def __setattr__(cls, name, value):
        type.__setattr__(cls, name, value)
        _WIDGET_CLASSES_TOKEN[0] = object()  # a patch (mock.patch.object), ...

    def __delattr__(cls, name):
        type.__delattr__(cls, name)
        _WIDGET_CLASSES_TOKEN[0] = object()


# -- Widgets.  get_context() gives the same dict as Django's; _render_widget()
#    turns it into HTML the way the named Django template would.


# The templates' Python twins write conditional_escape()'s text with
# _escaped_text(): a plain str is escaped without the SafeString escape()
# builds, since each piece is written into a larger string at once.

def _input_html(input_type, name, value, attrs):
    """input.html's tag, without the newline after it, from its values (the
    widget's type and name, format_value()'s value, the final attrs)."""
    return '<input type="%s" name="%s"%s%s>' % (
        _escaped_text(input_type), _escaped_text(name),
        "" if value is None else ' value="%s"' % _sf(value), _attrs_html(attrs))


def _tpl_input(w):
    return _input_html(w["type"], w["name"], w.get("value"), w["attrs"]) + "\n"


def _tpl_input_include(w):
    return _tpl_input(w) + "\n"


def _textarea_html(name, value, attrs):
    """textarea.html's element, without the newline after it (_input_html())."""
    return '<textarea name="%s"%s>\n%s</textarea>' % (
        _escaped_text(name), _attrs_html(attrs), _escaped_text(value) if value else "")


def _tpl_textarea(w):
    return _textarea_html(w["name"], w.get("value"), w["attrs"]) + "\n"


def _tpl_select_option(w):
    return '<option value="%s"%s>%s</option>\n' % (
        _sf(w["value"]), _attrs_html(w["attrs"]), _escaped_text(w["label"]))


def _tpl_select(w):
    out = ['<select name="%s"%s>' % (_escaped_text(w["name"]),
                                     _attrs_html(w["attrs"]))]
    for group_name, options, _index in w["optgroups"]:
        if group_name:
            out.append('\n  <optgroup label="%s">' % _escaped_text(group_name))
        for option in options:
            out.append("\n  " + _render_widget(option["template_name"], option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _tpl_input_option(w):
    out = []
    if w.get("wrap_label"):
        id_ = w["attrs"].get("id")
        out.append("<label%s>" % (' for="%s"' % _escaped_text(id_) if id_ else ""))
    out.append(_tpl_input(w))
    if w.get("wrap_label"):
        out.append(" %s</label>" % _escaped_text(w["label"]))
    return "".join(out) + "\n"


def _tpl_option_include(w):
    return _tpl_input_option(w) + "\n"


def _tpl_multiple_input(w):
    id_ = w["attrs"].get("id")
    cls = w["attrs"].get("class")
    out = ["<div%s%s>" % (' id="%s"' % _escaped_text(id_) if id_ else "",
                          ' class="%s"' % _escaped_text(cls) if cls else "")]
    for group, options, _index in w["optgroups"]:
        if group:
            out.append("\n  <div><label>%s</label>" % _escaped_text(group))
        for option in options:
            out.append("<div>\n    %s</div>" % _render_widget(
                option["template_name"], option))
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n")
    return "".join(out)


def _tpl_multiple_input_include(w):
    return _tpl_multiple_input(w) + "\n"


def _tpl_multiwidget(w):
    import re

    html = "".join(_render_widget(sub["template_name"], sub) for sub in w["subwidgets"])
    return re.sub(r">\s+<", "><", html.strip())


def _tpl_multiwidget_include(w):
    return _tpl_multiwidget(w) + "\n"


def _tpl_clearable_file_input(w):
    out = []
    if w["is_initial"]:
        out.append('%s: <a href="%s">%s</a>' % (
            _escaped_text(w["initial_text"]),
            _escaped_text(getattr(w["value"], "url", "")),
            _escaped_text(w["value"])))
        if not w["required"]:
            out.append('\n<input type="checkbox" name="%s" id="%s"%s%s>\n'
                       '<label for="%s">%s</label>' % (
                           _escaped_text(w["checkbox_name"]),
                           _escaped_text(w["checkbox_id"]),
                           " disabled" if w["attrs"].get("disabled") else "",
                           " checked" if w["attrs"].get("checked") else "",
                           _escaped_text(w["checkbox_id"]),
                           _escaped_text(w["clear_checkbox_label"])))
        out.append("<br>\n%s:" % _escaped_text(w["input_text"]))
    out.append('\n<input type="%s" name="%s"%s>\n' % (
        _escaped_text(w["type"]), _escaped_text(w["name"]),
        _attrs_html(w["attrs"])))
    return "".join(out)


_WIDGETS = "django/forms/widgets/"


def _include_widget(name):
    """A widget template that renders another, as most of Django's do."""
    return '{% include "' + _WIDGETS + name + '" %}\n'


#: attrs.html ends without a newline: the other templates include it in a tag.
WIDGET_ATTRS_HTML = (
    "{% for name, value in widget.attrs.items %}{% if value is not False %} "
    "{{ name }}{% if value is not True %}=\"{{ value|stringformat:'s' }}\""
    "{% endif %}{% endif %}{% endfor %}"
)
INPUT_HTML = (
    '<input type="{{ widget.type }}" name="{{ widget.name }}"'
    "{% if widget.value != None %} value=\"{{ widget.value|stringformat:'s' }}\""
    '{% endif %}{% include "django/forms/widgets/attrs.html" %}>\n'
)
INPUT_OPTION_HTML = (
    "{% if widget.wrap_label %}<label{% if widget.attrs.id %} for=\""
    '{{ widget.attrs.id }}"{% endif %}>{% endif %}'
    '{% include "django/forms/widgets/input.html" %}'
    "{% if widget.wrap_label %} {{ widget.label }}</label>{% endif %}\n"
)
MULTIPLE_INPUT_HTML = (
    '{% with id=widget.attrs.id %}<div{% if id %} id="{{ id }}"{% endif %}'
    '{% if widget.attrs.class %} class="{{ widget.attrs.class }}"{% endif %}>'
    "{% for group, options, index in widget.optgroups %}{% if group %}\n"
    "  <div><label>{{ group }}</label>{% endif %}"
    "{% for option in options %}<div>\n"
    "    {% include option.template_name with widget=option %}</div>{% endfor %}"
    "{% if group %}\n"
    "  </div>{% endif %}{% endfor %}\n"
    "</div>{% endwith %}\n"
)
MULTIWIDGET_HTML = (
    "{% spaceless %}{% for widget in widget.subwidgets %}"
    "{% include widget.template_name %}{% endfor %}{% endspaceless %}\n"
)
SELECT_HTML = (
    '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
    "{% for group_name, group_choices, group_index in widget.optgroups %}"
    "{% if group_name %}\n"
    '  <optgroup label="{{ group_name }}">{% endif %}'
    "{% for option in group_choices %}\n"
    "  {% include option.template_name with widget=option %}{% endfor %}"
    "{% if group_name %}\n"
    "  </optgroup>{% endif %}{% endfor %}\n"
    "</select>\n"
)
SELECT_OPTION_HTML = (
    "<option value=\"{{ widget.value|stringformat:'s' }}\""
    '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>\n'
)
TEXTAREA_HTML = (
    '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}'
    ">\n{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
)
CLEARABLE_FILE_INPUT_HTML = (
    "{% if widget.is_initial %}{{ widget.initial_text }}: <a href=\""
    '{{ widget.value.url }}">{{ widget.value }}</a>{% if not widget.required %}\n'
    '<input type="checkbox" name="{{ widget.checkbox_name }}" id="'
    '{{ widget.checkbox_id }}"{% if widget.attrs.disabled %} disabled{% endif %}'
    "{% if widget.attrs.checked %} checked{% endif %}>\n"
    '<label for="{{ widget.checkbox_id }}">{{ widget.clear_checkbox_label }}'
    "</label>{% endif %}<br>\n"
    "{{ widget.input_text }}:{% endif %}\n"
    '<input type="{{ widget.type }}" name="{{ widget.name }}"'
    '{% include "django/forms/widgets/attrs.html" %}>\n'
)

#: Widget template name -> (source, the Python function rendering the same).
_BUILTIN_WIDGET_TEMPLATES = {
    _WIDGETS + "attrs.html": (WIDGET_ATTRS_HTML, None),
    _WIDGETS + "input.html": (INPUT_HTML, _tpl_input),
    _WIDGETS + "textarea.html": (TEXTAREA_HTML, _tpl_textarea),
    _WIDGETS + "select.html": (SELECT_HTML, _tpl_select),
    _WIDGETS + "select_option.html": (SELECT_OPTION_HTML, _tpl_select_option),
    _WIDGETS + "input_option.html": (INPUT_OPTION_HTML, _tpl_input_option),
    _WIDGETS + "radio_option.html": (_include_widget("input_option.html"),
                                     _tpl_option_include),
    _WIDGETS + "checkbox_option.html": (_include_widget("input_option.html"),
                                        _tpl_option_include),
    _WIDGETS + "radio.html": (_include_widget("multiple_input.html"),
                              _tpl_multiple_input_include),
    _WIDGETS + "checkbox_select.html": (_include_widget("multiple_input.html"),
                                        _tpl_multiple_input_include),
    _WIDGETS + "multiple_input.html": (MULTIPLE_INPUT_HTML, _tpl_multiple_input),
    _WIDGETS + "multiwidget.html": (MULTIWIDGET_HTML, _tpl_multiwidget),
    _WIDGETS + "clearable_file_input.html": (CLEARABLE_FILE_INPUT_HTML,
                                             _tpl_clearable_file_input),
    **{_WIDGETS + name: (_include_widget("multiwidget.html"),
                         _tpl_multiwidget_include)
       for name in ("multiple_hidden.html", "splitdatetime.html",
                    "splithiddendatetime.html", "select_date.html")},
    **{_WIDGETS + "%s.html" % name: (_include_widget("input.html"),
                                     _tpl_input_include)
       for name in ("text", "number", "email", "url", "password", "hidden",
                    "checkbox", "date", "datetime", "time", "file", "color",
                    "search", "tel")},
}
_WIDGET_TEMPLATES = {name: fast for name, (_, fast)
                     in _BUILTIN_WIDGET_TEMPLATES.items() if fast is not None}
_add_builtin_templates({name: source for name, (source, _)
                        in _BUILTIN_WIDGET_TEMPLATES.items()})


def _render_widget(template_name, widget_context):
    """Render one widget context dict with the named built-in widget template,
    in Python; a widget's fast path includes its options and subwidgets so.

    Another name (an option template of the project's) is the built-in
    renderer's to find, as the template's {% include %} would.
    """
    render = _WIDGET_TEMPLATES.get(template_name)
    if render is not None:
        return render(widget_context)
    template = _builtin_renderer().get_template(template_name)
    return template.render({"widget": widget_context})


def _copy_instance(obj):
    """Return copy.copy(obj); plain instances skip the __reduce_ex__ round trip.

    Every form instance copies its fields and widgets, so this is on every
    form's path.  A class with __slots__ or its own copy or pickle hooks goes
    through copy.copy(), as before.
    """
    cls = type(obj)
    if cls not in _plain_copy_classes:
        plain = (cls.__reduce_ex__ is object.__reduce_ex__
                 and cls.__reduce__ is object.__reduce__
                 and getattr(cls, "__getstate__", None) is getattr(
                     object, "__getstate__", None)
                 and not hasattr(cls, "__copy__") and not hasattr(cls, "__setstate__")
                 and not any("__slots__" in vars(klass) for klass in cls.__mro__))
        if not plain:
            import copy

            return copy.copy(obj)
        _plain_copy_classes.add(cls)
    new = cls.__new__(cls)
    new.__dict__.update(obj.__dict__)
    return new


_plain_copy_classes = set()
_NOT_COPIED = object()


def _deepcopy_with_hook(obj, memo):
    """Return copy.deepcopy(obj, memo) for an object with its own
    __deepcopy__() (a form field, a widget) without copy's general dispatch:
    the memo answers first, then the hook, and the copy is remembered (the
    original kept alive with the memo) as deepcopy does.  Anything else, a
    class included, goes through copy.deepcopy()."""
    found = memo.get(id(obj), _NOT_COPIED)
    if found is not _NOT_COPIED:
        return found
    copier = None if isinstance(obj, type) else getattr(obj, "__deepcopy__", None)
    if copier is None:
        import copy

        return copy.deepcopy(obj, memo)
    copied = copier(memo)
    if copied is not obj:
        memo[id(obj)] = copied
        # copy's keep-alive list, started without the KeyError copy raises
        # for a new memo (every form's first field)
        kept = memo.get(id(memo))
        if kept is None:
            memo[id(memo)] = [obj]
        else:
            kept.append(obj)
    return copied


class Widget(metaclass=MediaDefiningClass):
    """An HTML input element: renders a value and reads it back from data.

    `attrs` are the HTML attributes; get_context() builds the dict that
    Django's widget templates receive, render() returns safe HTML.
    """

    needs_multipart_form = False
    is_localized = False
    is_required = False
    supports_microseconds = True
    use_fieldset = False
    template_name = None

    def __init__(self, attrs=None):
        self.attrs = {} if attrs is None else attrs.copy()

    def __deepcopy__(self, memo):
        obj = _copy_instance(self)
        obj.attrs = self.attrs.copy()
        memo[id(self)] = obj
        return obj

    @property
    def is_hidden(self):
        # One getattr() rather than hasattr() and a read: rendering a field
        # asks about five times.  A missing input_type reads as None, not hidden.
        return getattr(self, "input_type", None) == "hidden"

    def subwidgets(self, name, value, attrs=None):
        yield self.get_context(name, value, attrs)["widget"]

    def format_value(self, value):
        """Return `value` as it should appear in the HTML (None for no value);
        a localized widget shows numbers and dates in the active format."""
        if value == "" or value is None:
            return None
        if self.is_localized:
            return localize_input(value)
        return str(value)

    def get_context(self, name, value, attrs):
        return {
            "widget": {
                "name": name,
                "is_hidden": self.is_hidden,
                "required": self.is_required,
                "value": self.format_value(value),
                "attrs": self.build_attrs(self.attrs, attrs),
                "template_name": self.template_name,
            },
        }

    def render(self, name, value, attrs=None, renderer=None):
        """Render the widget as safe HTML."""
        return self._render(self.template_name, self.get_context(name, value, attrs),
                            renderer)

    def _render(self, template_name, context, renderer=None):
        if renderer is None:
            renderer = get_default_renderer()
        render = _WIDGET_TEMPLATES.get(template_name)
        if render is not None and _renders_builtin(renderer):
            # The built-in template, in Python: the output cannot differ.
            return SafeString(render(context["widget"]).strip())
        return mark_safe(renderer.render(template_name, context))

    def build_attrs(self, base_attrs, extra_attrs=None):
        """Return base_attrs updated with extra_attrs."""
        return {**base_attrs, **(extra_attrs or {})}

    def value_from_datadict(self, data, files, name):
        """Return this widget's value from the submitted data (None if absent)."""
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        """Return the id a <label for=...> should point at."""
        return id_

    def use_required_attribute(self, initial):
        return not self.is_hidden


class Input(Widget):
    """Base of the <input type=...> widgets."""

    input_type = None
    template_name = "django/forms/widgets/input.html"

    def __init__(self, attrs=None):
        if attrs is not None:
            attrs = attrs.copy()
            self.input_type = attrs.pop("type", self.input_type)
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["type"] = self.input_type
        return context


class TextInput(Input):
    input_type = "text"
    template_name = "django/forms/widgets/text.html"


class NumberInput(Input):
    input_type = "number"
    template_name = "django/forms/widgets/number.html"


class EmailInput(Input):
    input_type = "email"
    template_name = "django/forms/widgets/email.html"


class URLInput(Input):
    input_type = "url"
    template_name = "django/forms/widgets/url.html"


class ColorInput(Input):
    input_type = "color"
    template_name = "django/forms/widgets/color.html"


class SearchInput(Input):
    input_type = "search"
    template_name = "django/forms/widgets/search.html"


class TelInput(Input):
    input_type = "tel"
    template_name = "django/forms/widgets/tel.html"


class PasswordInput(Input):
    """A password box; the value is not rendered back unless render_value."""

    input_type = "password"
    template_name = "django/forms/widgets/password.html"

    def __init__(self, attrs=None, render_value=False):
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(self, name, value, attrs):
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class HiddenInput(Input):
    input_type = "hidden"
    template_name = "django/forms/widgets/hidden.html"


class MultipleHiddenInput(HiddenInput):
    """One <input type="hidden"> per value of a list."""

    template_name = "django/forms/widgets/multiple_hidden.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        final_attrs = context["widget"]["attrs"]
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, value_ in enumerate(context["widget"]["value"]):
            widget_attrs = final_attrs.copy()
            if id_:
                widget_attrs["id"] = "%s_%s" % (id_, index)
            widget = HiddenInput()
            widget.is_required = self.is_required
            subwidgets.append(widget.get_context(name, value_, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", data.get)
        return getter(name)

    def format_value(self, value):
        return [] if value is None else value


class FileInput(Input):
    """<input type="file">: the value comes from request.FILES."""

    allow_multiple_selected = False
    input_type = "file"
    needs_multipart_form = True
    template_name = "django/forms/widgets/file.html"

    def __init__(self, attrs=None):
        if attrs is not None and not self.allow_multiple_selected and attrs.get(
                "multiple", False):
            raise ValueError(
                "%s doesn't support uploading multiple files." % type(self).__qualname__
            )
        if self.allow_multiple_selected:
            attrs = {"multiple": True} if attrs is None else attrs
            attrs.setdefault("multiple", True)
        super().__init__(attrs)

    def format_value(self, value):
        return None

    def value_from_datadict(self, data, files, name):
        getter = files.get
        if self.allow_multiple_selected and hasattr(files, "getlist"):
            getter = files.getlist
        return getter(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in files

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and not initial


FILE_INPUT_CONTRADICTION = object()


class ClearableFileInput(FileInput):
    """A file input that shows the current file and a "Clear" checkbox."""

    clear_checkbox_label = "Clear"
    initial_text = "Currently"
    input_text = "Change"
    template_name = "django/forms/widgets/clearable_file_input.html"
    checked = False

    def clear_checkbox_name(self, name):
        return name + "-clear"

    def clear_checkbox_id(self, name):
        return name + "_id"

    def is_initial(self, value):
        return bool(value and getattr(value, "url", False))

    def format_value(self, value):
        if self.is_initial(value):
            return value
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        checkbox_name = self.clear_checkbox_name(name)
        context["widget"].update({
            "checkbox_name": checkbox_name,
            "checkbox_id": self.clear_checkbox_id(checkbox_name),
            "is_initial": self.is_initial(value),
            "input_text": self.input_text,
            "initial_text": self.initial_text,
            "clear_checkbox_label": self.clear_checkbox_label,
        })
        context["widget"]["attrs"].setdefault("disabled", False)
        context["widget"]["attrs"]["checked"] = self.checked
        return context

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        self.checked = self.clear_checkbox_name(name) in data
        if not self.is_required and CheckboxInput().value_from_datadict(
                data, files, self.clear_checkbox_name(name)):
            if upload:
                return FILE_INPUT_CONTRADICTION
            return False
        return upload

    def value_omitted_from_data(self, data, files, name):
        return (super().value_omitted_from_data(data, files, name)
                and self.clear_checkbox_name(name) not in data)


class Textarea(Widget):
    """<textarea>, 40 columns by 10 rows unless attrs say otherwise."""

    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs=None):
        default_attrs = {"cols": "40", "rows": "10"}
        if attrs:
            default_attrs.update(attrs)
        super().__init__(default_attrs)


def _get_format(format_type):
    """Return the input formats for DATE/TIME/DATETIME_INPUT_FORMATS of the
    active language (get_format()), the ISO ones Django always accepts
    included."""
    return get_format(format_type)




class DateTimeBaseInput(TextInput):
    format_key = ""
    supports_microseconds = False

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs)
        self.format = format or None

    def format_value(self, value):
        return localize_input(value, self.format or _get_format(self.format_key)[0])


class DateInput(DateTimeBaseInput):
    format_key = "DATE_INPUT_FORMATS"
    template_name = "django/forms/widgets/date.html"


class DateTimeInput(DateTimeBaseInput):
    format_key = "DATETIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/datetime.html"


class TimeInput(DateTimeBaseInput):
    format_key = "TIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/time.html"


def _boolean_check(v):
    return not (v is False or v is None or v == "")


class CheckboxInput(Input):
    """<input type="checkbox">; absent from data means False."""

    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox.html"

    def __init__(self, attrs=None, check_test=None):
        super().__init__(attrs)
        self.check_test = _boolean_check if check_test is None else check_test

    def format_value(self, value):
        if value is True or value is False or value is None or value == "":
            return None
        return str(value)

    def get_context(self, name, value, attrs):
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False
        value = data.get(name)
        if isinstance(value, str):
            value = {"true": True, "false": False}.get(value.lower(), value)
        return bool(value)

    def value_omitted_from_data(self, data, files, name):
        return False


def _normalize_choices(value, *, depth=0):
    """Return choices as a list of (value, label) pairs, groups as
    (name, [(value, label), ...]); callables and iterators stay lazy
    (ModelChoiceIterator is a BaseChoiceIterator, as in Django: asking
    for it by name would build ModelForm's section in the single file)."""
    if isinstance(value, BaseChoiceIterator):
        return value
    if isinstance(value, type) and hasattr(value, "choices"):  # a Choices enum
        value = value.choices
    if callable(value) and not isinstance(value, (list, tuple, dict)):
        return CallableChoiceIterator(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = value.items()
    result = []
    for item in value:
        try:
            key, label = item
        except (TypeError, ValueError):
            # As Django: the value as given (a model field's system check
            # names the problem; a widget fails only when it renders).
            return value
        if depth == 0 and isinstance(label, dict):
            label = _normalize_choices(label, depth=1)
        elif depth == 0 and isinstance(label, (list, tuple)) and not isinstance(
                label, str):
            label = _normalize_choices(label, depth=1)
        result.append((key, label))
    return result


class ChoiceWidget(Widget):
    """Base of Select, RadioSelect and CheckboxSelectMultiple."""

    allow_multiple_selected = False
    input_type = None
    template_name = None
    option_template_name = None
    add_id_index = True
    checked_attribute = {"checked": True}
    option_inherits_attrs = True

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs)
        self.choices = choices

    def __deepcopy__(self, memo):
        import copy

        obj = copy.copy(self)
        obj.attrs = self.attrs.copy()
        obj.choices = copy.copy(self.choices)
        memo[id(self)] = obj
        return obj

    def subwidgets(self, name, value, attrs=None):
        value = self.format_value(value)
        yield from self.options(name, value, attrs)

    def options(self, name, value, attrs=None):
        for group in self.optgroups(name, value, attrs):
            yield from group[1]

    def optgroups(self, name, value, attrs=None):
        """Return [(group_name, [option dicts], index), ...]."""
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            subgroup = []
            if isinstance(option_label, (list, tuple)):
                group_name, subindex, choices = option_value, 0, option_label
            else:
                group_name, subindex = None, None
                choices = [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for subvalue, sublabel in choices:
                selected = (not has_selected or self.allow_multiple_selected) and (
                    str(subvalue) in value)
                has_selected |= selected
                subgroup.append(self.create_option(
                    name, subvalue, sublabel, selected, index, subindex=subindex,
                    attrs=attrs))
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(self, name, value, label, selected, index, subindex=None,
                      attrs=None):
        index = str(index) if subindex is None else "%s_%s" % (index, subindex)
        option_attrs = (self.build_attrs(self.attrs, attrs)
                        if self.option_inherits_attrs else {})
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index)
        return {
            "name": name, "value": value, "label": label, "selected": selected,
            "index": index, "attrs": option_attrs, "type": self.input_type,
            "template_name": self.option_template_name, "wrap_label": True,
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(
            name, context["widget"]["value"], attrs)
        return context

    def id_for_label(self, id_, index="0"):
        if id_ and self.add_id_index:
            id_ = "%s_%s" % (id_, index)
        return id_

    def value_from_datadict(self, data, files, name):
        getter = data.get
        if self.allow_multiple_selected and hasattr(data, "getlist"):
            getter = data.getlist
        return getter(name)

    def format_value(self, value):
        """Return the selected values as a list of strings."""
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) if v is not None else "" for v in value]

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = _normalize_choices(value)


class Select(ChoiceWidget):
    """<select> with one <option> per choice (and <optgroup> per group)."""

    input_type = "select"
    template_name = "django/forms/widgets/select.html"
    option_template_name = "django/forms/widgets/select_option.html"
    add_id_index = False
    checked_attribute = {"selected": True}
    option_inherits_attrs = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    @staticmethod
    def _choice_has_empty_value(choice):
        value, _label = choice
        return value is None or value == ""

    def use_required_attribute(self, initial):
        # "required" is only valid HTML when the first option is a placeholder.
        use_required = super().use_required_attribute(initial)
        if self.allow_multiple_selected:
            return use_required
        first_choice = next(iter(self.choices), None)
        return (use_required and first_choice is not None
                and self._choice_has_empty_value(first_choice))


class NullBooleanSelect(Select):
    """A Select of Unknown / Yes / No for NullBooleanField."""

    def __init__(self, attrs=None):
        super().__init__(attrs, (("unknown", "Unknown"), ("true", "Yes"),
                                 ("false", "No")))

    def format_value(self, value):
        try:
            return {True: "true", False: "false", "true": "true", "false": "false",
                    "2": "true", "3": "false"}[value]
        except (KeyError, TypeError):
            return "unknown"

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        try:
            return {True: True, "True": True, "False": False, False: False,
                    "true": True, "false": False, "2": True, "3": False}.get(value)
        except TypeError:
            return None


class SelectMultiple(Select):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", data.get)
        return getter(name)

    def value_omitted_from_data(self, data, files, name):
        return False


class RadioSelect(ChoiceWidget):
    """A <div> of radio buttons, each inside its <label>."""

    input_type = "radio"
    template_name = "django/forms/widgets/radio.html"
    option_template_name = "django/forms/widgets/radio_option.html"
    use_fieldset = True

    def id_for_label(self, id_, index=None):
        # The field's <label> points at no single radio (screen readers).
        if index is None:
            return ""
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox_select.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"

    def use_required_attribute(self, initial):
        return False

    def value_omitted_from_data(self, data, files, name):
        return False


class MultiWidget(Widget):
    """Several widgets rendered side by side for one value (see decompress)."""

    template_name = "django/forms/widgets/multiwidget.html"
    use_fieldset = True

    def __init__(self, widgets, attrs=None):
        if isinstance(widgets, dict):
            self.widgets_names = [("_%s" % name) if name else "" for name in widgets]
            widgets = widgets.values()
        else:
            self.widgets_names = ["_%s" % i for i in range(len(widgets))]
        self.widgets = [w() if isinstance(w, type) else w for w in widgets]
        super().__init__(attrs)

    @property
    def is_hidden(self):
        return all(w.is_hidden for w in self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for i, (widget_name, widget) in enumerate(zip(self.widgets_names,
                                                      self.widgets)):
            if input_type is not None:
                widget.input_type = input_type
            try:
                widget_value = value[i]
            except IndexError:
                widget_value = None
            widget_attrs = final_attrs
            if id_:
                widget_attrs = {**final_attrs, "id": "%s_%s" % (id_, i)}
            subwidgets.append(widget.get_context(
                name + widget_name, widget_value, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_):
        return ""

    def value_from_datadict(self, data, files, name):
        return [w.value_from_datadict(data, files, name + wn)
                for wn, w in zip(self.widgets_names, self.widgets)]

    def value_omitted_from_data(self, data, files, name):
        return all(w.value_omitted_from_data(data, files, name + wn)
                   for wn, w in zip(self.widgets_names, self.widgets))

    def decompress(self, value):
        raise NotImplementedError("Subclasses must implement this method.")

    @property
    def media(self):
        media = Media()
        for w in self.widgets:
            media += w.media
        return media

    def __deepcopy__(self, memo):
        import copy

        obj = super().__deepcopy__(memo)
        obj.widgets = copy.deepcopy(self.widgets)
        return obj

    @property
    def needs_multipart_form(self):
        return any(w.needs_multipart_form for w in self.widgets)


class SplitDateTimeWidget(MultiWidget):
    """A date box and a time box for one datetime."""

    supports_microseconds = False
    template_name = "django/forms/widgets/splitdatetime.html"

    def __init__(self, attrs=None, date_format=None, time_format=None,
                 date_attrs=None, time_attrs=None):
        widgets = (
            DateInput(attrs=attrs if date_attrs is None else date_attrs,
                      format=date_format),
            TimeInput(attrs=attrs if time_attrs is None else time_attrs,
                      format=time_format),
        )
        super().__init__(widgets)

    def decompress(self, value):
        if value:
            value = _to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]


class SplitHiddenDateTimeWidget(SplitDateTimeWidget):
    template_name = "django/forms/widgets/splithiddendatetime.html"

    def __init__(self, attrs=None, date_format=None, time_format=None,
                 date_attrs=None, time_attrs=None):
        super().__init__(attrs, date_format, time_format, date_attrs, time_attrs)
        for widget in self.widgets:
            widget.input_type = "hidden"


class SelectDateWidget(Widget):
    """A date as three <select> boxes (year, month, day), in the order of
    DATE_FORMAT; `years` (default: this year and the next nine), `months`
    ({number: label}) and `empty_label` (one, or three for year, month, day)
    shape them."""

    none_value = ("", "---")
    month_field = "%s_month"
    day_field = "%s_day"
    year_field = "%s_year"
    template_name = "django/forms/widgets/select_date.html"
    input_type = "select"
    select_widget = Select
    date_re = _lazy_re_compile(r"(\d{4}|0)-(\d\d?)-(\d\d?)$")
    use_fieldset = True

    def __init__(self, attrs=None, years=None, months=None, empty_label=None):
        import datetime

        self.attrs = attrs or {}
        if years:
            self.years = years
        else:
            this_year = datetime.date.today().year
            self.years = range(this_year, this_year + 10)
        self.months = months or MONTHS
        if isinstance(empty_label, (list, tuple)):
            if not len(empty_label) == 3:
                raise ValueError("empty_label list/tuple must have 3 elements.")
            self.year_none_value = ("", empty_label[0])
            self.month_none_value = ("", empty_label[1])
            self.day_none_value = ("", empty_label[2])
        else:
            if empty_label is not None:
                self.none_value = ("", empty_label)
            self.year_none_value = self.month_none_value = self.day_none_value = (
                self.none_value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        parts = {
            "year": ([(i, str(i)) for i in self.years], self.year_none_value,
                     self.year_field),
            "month": (list(self.months.items()), self.month_none_value,
                      self.month_field),
            "day": ([(i, i) for i in range(1, 32)], self.day_none_value,
                    self.day_field),
        }
        subwidgets = []
        for part in self._parse_date_fmt():
            choices, none_value, field = parts[part]
            if not self.is_required:
                choices = [none_value, *choices]
            part_name = field % name
            subwidgets.append(self.select_widget(attrs, choices=choices).get_context(
                name=part_name, value=context["widget"]["value"][part],
                attrs={**context["widget"]["attrs"], "id": "id_%s" % part_name},
            )["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def format_value(self, value):
        """{"year", "month", "day"} of the value (a dict, not a date, so that
        an invalid date such as February 31 shows as it was chosen)."""
        import datetime

        year = month = day = None
        if isinstance(value, (datetime.date, datetime.datetime)):
            year, month, day = value.year, value.month, value.day
        elif isinstance(value, str):
            match = self.date_re.match(value)
            if match:
                # Zeros (nothing chosen) match the empty option's value.
                year, month, day = [int(part) or "" for part in match.groups()]
            else:
                input_format = get_format("DATE_INPUT_FORMATS")[0]
                try:
                    parsed = datetime.datetime.strptime(value, input_format)
                except ValueError:
                    pass
                else:
                    year, month, day = parsed.year, parsed.month, parsed.day
        return {"year": year, "month": month, "day": day}

    @staticmethod
    def _parse_date_fmt():
        """"year", "month" and "day" in the order DATE_FORMAT shows them."""
        escaped = False
        for char in get_format("DATE_FORMAT"):
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in "Yy":
                yield "year"
            elif char in "bEFMmNn":
                yield "month"
            elif char in "dj":
                yield "day"

    def id_for_label(self, id_):
        for first_select in self._parse_date_fmt():
            return "%s_%s" % (id_, first_select)
        return "%s_month" % id_

    def value_from_datadict(self, data, files, name):
        import datetime

        y = data.get(self.year_field % name)
        m = data.get(self.month_field % name)
        d = data.get(self.day_field % name)
        if y == m == d == "":
            return None
        if y is not None and m is not None and d is not None:
            input_format = get_format("DATE_INPUT_FORMATS")[0]
            try:
                date_value = datetime.date(int(y), int(m), int(d))
            except ValueError:
                # A pseudo-ISO date with zeros for what was not chosen.
                return "%s-%s-%s" % (y or 0, m or 0, d or 0)
            except OverflowError:
                return "0-0-0"
            # %Y as four digits for years before 1000, as Django writes them.
            input_format = input_format.replace("%Y", "%04d" % date_value.year)
            return date_value.strftime(input_format)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return not any(("{}_{}".format(name, interval) in data)
                       for interval in ("year", "month", "day"))
