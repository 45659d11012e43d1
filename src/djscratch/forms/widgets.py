"""Media and the widgets (django/forms/widgets.py); each widget
renders the context dict Django's widget templates receive, through its
renderer: the built-in widget templates are here, each with a Python twin.
"""

from djscratch.utils.safestring import SafeString, mark_safe
from djscratch.utils.html import _escaped_text, format_html, html_safe
from djscratch.contrib.staticfiles.urls import static_url
from djscratch.utils.formats import localize_input
from djscratch.forms.utils import _attrs_html, _sf, flatatt
from djscratch.forms.renderers import (
    _add_builtin_templates, _builtin_renderer, _renders_builtin, get_default_renderer,
)

__all__ = [
    "Media", "Widget", "Input", "TextInput", "NumberInput", "EmailInput", "URLInput",
    "ColorInput", "SearchInput", "TelInput", "HiddenInput", "Textarea", "MediaAsset",
    "Script", "MediaOrderConflictWarning",
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


class HiddenInput(Input):
    input_type = "hidden"
    template_name = "django/forms/widgets/hidden.html"


class Textarea(Widget):
    """<textarea>, 40 columns by 10 rows unless attrs say otherwise."""

    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs=None):
        default_attrs = {"cols": "40", "rows": "10"}
        if attrs:
            default_attrs.update(attrs)
        super().__init__(default_attrs)
