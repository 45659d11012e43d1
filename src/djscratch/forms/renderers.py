"""Form renderers (django/forms/renderers.py): the objects that turn a form,
a field group, an error list or a formset into HTML through templates.  The
built-in form templates (div.html, p.html, field.html, errors/...) live here as
sources in Django's template syntax, each beside the Python function that
renders the same template faster (the fast path; see _fast_path()).
"""

import functools

# A module that loads later (it imports this one), used at call time as
# djscratch.<module>.<name>: forms.boundfield.
import djscratch

from djscratch.utils.functional import cached_property
from djscratch.utils.safestring import SafeString
from djscratch.utils.module_loading import import_string
from djscratch.core.signals import setting_changed
from djscratch.conf import settings
from djscratch.apps.registry import AppConfig
from djscratch.utils.html import conditional_escape
from djscratch.template.base import DJANGO_SYNTAX
from djscratch.template.backends import DjangoTemplates as DjangoTemplatesBackend
from djscratch.template.loader import engines
from djscratch.forms.utils import _attrs_html, ErrorList
import operator

__all__ = [
    "BaseRenderer", "EngineMixin", "DjangoTemplates", "get_default_renderer",
]


# -- The built-in templates.  Each source renders what Django's template of
#    that name renders, byte for byte (blank lines and indentation included:
#    a project's own templates may include them).  The Python twin after a
#    source renders the same context to the same text; renderers use it when
#    the output cannot differ (_fast_path()).

_HIDDEN = "{% for field in hidden_fields %}{{ field }}{% endfor %}"
_CLASS_ATTR = ('{% with classes=field.css_classes %}{% if classes %} class="'
               '{{ classes }}"{% endif %}{% endwith %}')


def _help_text_source(tag):
    """The help text in a `tag` element (the help text is not escaped)."""
    return ("<" + tag + ' class="helptext"{% if field.auto_id %} id="'
            '{{ field.auto_id }}_helptext"{% endif %}>{{ field.help_text|safe }}</'
            + tag + ">")


def _help_text_html(bf, tag):
    """_help_text_source(tag) for BoundField `bf`."""
    id_attr = ' id="%s_helptext"' % conditional_escape(bf.auto_id) if bf.auto_id else ""
    return '<%s class="helptext"%s>%s</%s>' % (tag, id_attr, bf.help_text, tag)


def _css_attr(bf):
    """_CLASS_ATTR for BoundField `bf`."""
    classes = bf.css_classes()
    return ' class="%s"' % conditional_escape(classes) if classes else ""


def _var_html(value):
    """What {{ value }} outputs: str() of a non-string, escaped unless safe."""
    if not isinstance(value, str):
        value = str(value)
    if type(value) is SafeString:  # what forms, fields and errors render to
        return value
    return conditional_escape(value)


# -- An empty error list, written.  {{ errors }} of a form or a field without
#    errors renders the library's ErrorList through its template (or the
#    template's twin), which writes nothing: "" directly when nothing on that
#    way can differ from the library's own.

#: The ErrorList members an empty list renders through, and what an
#: instance holds (a template name or method set on one is not plain).
_error_list_members = operator.attrgetter(
    "__init__", "__str__", "__html__", "render", "get_context", "template_name",
    "__len__", "__iter__")
_PLAIN_ERROR_LIST = _error_list_members(ErrorList)
_ERROR_LIST_STATE = frozenset({"data", "error_class", "renderer", "field_id"})


def _renders_empty_error_lists(renderer):
    """Whether an empty library ErrorList rendered by `renderer` writes ""
    (the built-in template, ErrorList's members as the library defines them)."""
    return _builtin_renders_empty_error_lists() and _renders_builtin(renderer)


def _builtin_renders_empty_error_lists():
    """_renders_empty_error_lists(renderer) for a renderer _renders_builtin()
    has accepted: the checks on ErrorList alone."""
    return (_error_list_members(ErrorList) == _PLAIN_ERROR_LIST
            and _FAST_PATHS.get(ErrorList.template_name) is _fast_error_list_ul)


def _error_list_html(errors, empty_renderer=None):
    """_var_html(errors) for a form's or a field's error list: "" for an
    empty, plain ErrorList (_renders_empty_error_lists()), else the general
    way (tests.test_form_renderers.FieldErrorsHtmlTests).

    `empty_renderer`, when given, is a renderer the caller has just found
    _renders_empty_error_lists() of (a _plain_group_plan()'s): not asked
    again for a list it renders."""
    if (type(errors) is ErrorList and not errors.data
            and errors.__dict__.keys() <= _ERROR_LIST_STATE
            and ((empty_renderer is not None and errors.renderer is empty_renderer)
                 or _renders_empty_error_lists(errors.renderer))):
        return ""
    return _var_html(errors)


def _label_html(bf):
    """{% if field.label %}{{ field.label_tag }}{% endif %}"""
    return _var_html(bf.label_tag()) if bf.label else ""


def _hidden_html(context):
    """_HIDDEN: the hidden fields' widgets, one after the other."""
    return "".join([_var_html(bf) for bf in context["hidden_fields"]])


FIELD_HTML = (
    "{% if field.use_fieldset %}\n"
    '  <fieldset{% if field.aria_describedby %} aria-describedby="'
    '{{ field.aria_describedby }}"{% endif %}>\n'
    "  {% if field.label %}{{ field.legend_tag }}{% endif %}\n"
    "{% else %}\n"
    "  {% if field.label %}{{ field.label_tag }}{% endif %}\n"
    "{% endif %}\n"
    "{% if field.help_text %}" + _help_text_source("div") + "{% endif %}\n"
    "{{ field.errors }}\n"
    "{{ field }}{% if field.use_fieldset %}</fieldset>{% endif %}\n"
)


def _fast_field(context):
    """FIELD_HTML: label (or legend), help text, errors, widget."""
    bf = context["field"]
    use_fieldset = bf.use_fieldset
    if use_fieldset:
        aria = bf.aria_describedby
        out = "\n  <fieldset%s>\n  %s\n" % (
            ' aria-describedby="%s"' % conditional_escape(aria) if aria else "",
            _var_html(bf.legend_tag()) if bf.label else "")
    else:
        # Concatenated, not %-formatted: "%s" calls a SafeString's __str__
        # (Python code), joining its text does not.
        out = "\n  " + (_var_html(bf.label_tag()) if bf.label else "") + "\n"
    out += "\n%s\n" % (_help_text_html(bf, "div") if bf.help_text else "")
    return (out + djscratch.forms.boundfield._errors_html(bf) + "\n"
            + _var_html(bf) + ("</fieldset>\n" if use_fieldset else "\n"))


DIV_HTML = (
    "{{ errors }}\n"
    "{% if errors and not fields %}\n"
    "  <div>" + _HIDDEN + "</div>\n"
    "{% endif %}\n"
    "{% for field, errors in fields %}\n"
    "  <div" + _CLASS_ATTR + ">\n"
    "    {{ field.as_field_group }}\n"
    "    {% if forloop.last %}\n"
    "      " + _HIDDEN + "\n"
    "    {% endif %}\n"
    "</div>\n"
    "{% endfor %}\n"
    "{% if not fields and not errors %}\n"
    "  " + _HIDDEN + "\n"
    "{% endif %}\n"
)


def _fast_div(context):
    """DIV_HTML: each field group in a <div>."""
    errors, fields = context["errors"], context["fields"]
    hidden = _hidden_html(context)
    plain_group = djscratch.forms.boundfield._plain_field_group_html
    plans = {}  # what plain_group() found of the form, for its other fields
    out = "%s\n" % _error_list_html(
        errors, djscratch.forms.boundfield._first_field_plan(fields, plans))
    if errors and not fields:
        out += "\n  <div>%s</div>\n" % hidden
    out += "\n"
    for i, (bf, _errors) in enumerate(fields):
        out += "\n  <div" + _css_attr(bf) + ">\n    "
        # bf.as_field_group() in one function, or None
        group = plain_group(bf, plans)
        out += (_var_html(bf.as_field_group()) if group is None else group) + "\n    "
        if i == len(fields) - 1:
            out += "\n      %s\n    " % hidden
        out += "\n</div>\n"
    out += "\n"
    if not fields and not errors:
        out += "\n  %s\n" % hidden
    return out + "\n"


P_HTML = (
    "{{ errors }}\n"
    "{% if errors and not fields %}\n"
    "  <p>" + _HIDDEN + "</p>\n"
    "{% endif %}\n"
    "{% for field, errors in fields %}\n"
    "  {{ errors }}\n"
    "  <p" + _CLASS_ATTR + ">\n"
    "    {% if field.label %}{{ field.label_tag }}{% endif %}\n"
    "    {{ field }}\n"
    "    {% if field.help_text %}\n"
    "      " + _help_text_source("span") + "\n"
    "    {% endif %}\n"
    "    {% if forloop.last %}\n"
    "      " + _HIDDEN + "\n"
    "    {% endif %}\n"
    "  </p>\n"
    "{% endfor %}\n"
    "{% if not fields and not errors %}\n"
    "  " + _HIDDEN + "\n"
    "{% endif %}\n"
)


def _fast_p(context):
    """P_HTML: each field in a <p>, its errors before it."""
    errors, fields = context["errors"], context["fields"]
    hidden = _hidden_html(context)
    out = "%s\n" % _error_list_html(errors)
    if errors and not fields:
        out += "\n  <p>%s</p>\n" % hidden
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  %s\n  <p%s>\n    %s\n    %s\n    " % (
            _error_list_html(field_errors), _css_attr(bf), _label_html(bf),
            _var_html(bf))
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


UL_HTML = (
    "{% if errors %}\n"
    "  <li>\n"
    "    {{ errors }}\n"
    "  {% if not fields %}\n"
    "    " + _HIDDEN + "\n"
    "  {% endif %}\n"
    "  </li>\n"
    "{% endif %}\n"
    "{% for field, errors in fields %}\n"
    "  <li" + _CLASS_ATTR + ">\n"
    "    {{ errors }}\n"
    "    {% if field.label %}{{ field.label_tag }}{% endif %}\n"
    "    {{ field }}\n"
    "    {% if field.help_text %}\n"
    "      " + _help_text_source("span") + "\n"
    "    {% endif %}\n"
    "    {% if forloop.last %}\n"
    "      " + _HIDDEN + "\n"
    "    {% endif %}\n"
    "  </li>\n"
    "{% endfor %}\n"
    "{% if not fields and not errors %}\n"
    "  " + _HIDDEN + "\n"
    "{% endif %}\n"
)


def _fast_ul(context):
    """UL_HTML: each field in an <li>, without the <ul>."""
    errors, fields = context["errors"], context["fields"]
    hidden = _hidden_html(context)
    out = ""
    if errors:
        out += "\n  <li>\n    %s\n  " % _error_list_html(errors)
        if not fields:
            out += "\n    %s\n  " % hidden
        out += "\n  </li>\n"
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  <li%s>\n    %s\n    %s\n    %s\n    " % (
            _css_attr(bf), _error_list_html(field_errors), _label_html(bf),
            _var_html(bf))
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


TABLE_HTML = (
    "{% if errors %}\n"
    "  <tr>\n"
    '    <td colspan="2">\n'
    "      {{ errors }}\n"
    "      {% if not fields %}\n"
    "        " + _HIDDEN + "\n"
    "      {% endif %}\n"
    "    </td>\n"
    "  </tr>\n"
    "{% endif %}\n"
    "{% for field, errors in fields %}\n"
    "  <tr" + _CLASS_ATTR + ">\n"
    "    <th>{% if field.label %}{{ field.label_tag }}{% endif %}</th>\n"
    "    <td>\n"
    "      {{ errors }}\n"
    "      {{ field }}\n"
    "      {% if field.help_text %}\n"
    "        <br>\n"
    "        " + _help_text_source("span") + "\n"
    "      {% endif %}\n"
    "      {% if forloop.last %}\n"
    "        " + _HIDDEN + "\n"
    "      {% endif %}\n"
    "    </td>\n"
    "  </tr>\n"
    "{% endfor %}\n"
    "{% if not fields and not errors %}\n"
    "  " + _HIDDEN + "\n"
    "{% endif %}\n"
)


def _fast_table(context):
    """TABLE_HTML: each field in a <tr>, without the <table>."""
    errors, fields = context["errors"], context["fields"]
    hidden = _hidden_html(context)
    out = ""
    if errors:
        out += ('\n  <tr>\n    <td colspan="2">\n      %s\n      '
                % _error_list_html(errors))
        if not fields:
            out += "\n        %s\n      " % hidden
        out += "\n    </td>\n  </tr>\n"
    out += "\n"
    for i, (bf, field_errors) in enumerate(fields):
        out += "\n  <tr%s>\n    <th>%s</th>\n    <td>\n      %s\n      %s\n      " % (
            _css_attr(bf), _label_html(bf), _error_list_html(field_errors),
            _var_html(bf))
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


#: attrs.html ends without a newline: label.html includes it inside a tag.
ATTRS_HTML = (
    "{% for name, value in attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}"
    "{% endif %}{% endfor %}"
)
LABEL_HTML = (
    "{% if use_tag %}<{{ tag }}{% include 'django/forms/attrs.html' %}>{{ label }}"
    "</{{ tag }}>{% else %}{{ label }}{% endif %}\n"
)


def _label_tag_html(label, attrs, use_tag, tag):
    """LABEL_HTML for its values (BoundField.label_tag() passes them)."""
    label = _var_html(label)
    if not use_tag:
        return label
    if tag != "label" and tag != "legend":  # the two tags Django uses need no escaping
        tag = _var_html(tag)
    # Joined, not %-formatted (_fast_field()): no SafeString.__str__ calls.
    return "".join(("<", tag, _attrs_html(attrs), ">", label, "</", tag, ">"))


def _fast_label(context):
    """LABEL_HTML: the label, wrapped in <label> (or <legend>) when use_tag."""
    return _label_tag_html(context["label"], context["attrs"], context["use_tag"],
                           context["tag"])


ERROR_LIST_UL = (
    '{% if errors %}<ul class="{{ error_class }}"{% if errors.field_id %} id="'
    '{{ errors.field_id }}_error"{% endif %}>{% for error in errors %}<li>'
    "{{ error }}</li>{% endfor %}</ul>{% endif %}"
)


def _fast_error_list_ul(context):
    """ERROR_LIST_UL: the errors in a <ul> (nothing when there are none)."""
    errors = context["errors"]
    if not errors:
        return ""
    id_attr = ' id="%s_error"' % conditional_escape(errors.field_id) if (
        getattr(errors, "field_id", None)) else ""
    items = "".join(["<li>%s</li>" % _var_html(e) for e in errors])
    return '<ul class="%s"%s>%s</ul>' % (
        conditional_escape(context["error_class"]), id_attr, items)


ERROR_LIST_TEXT = "{% for error in errors %}* {{ error }}\n{% endfor %}\n"


def _fast_error_list_text(context):
    """ERROR_LIST_TEXT: one "* error" line per error."""
    return "".join(["* %s\n" % _var_html(e) for e in context["errors"]])


ERROR_DICT_UL = (
    '{% if errors %}<ul class="{{ error_class }}">{% for field, error in errors %}'
    "<li>{{ field }}{{ error }}</li>{% endfor %}</ul>{% endif %}\n"
)


def _fast_error_dict_ul(context):
    """ERROR_DICT_UL: each field name and its error list in an <li>."""
    errors = context["errors"]
    if not errors:
        return ""
    items = "".join(["<li>%s%s</li>" % (_var_html(field), _var_html(error))
                     for field, error in errors])
    return '<ul class="%s">%s</ul>' % (conditional_escape(context["error_class"]),
                                       items)


ERROR_DICT_TEXT = (
    "{% for field, errors in errors %}* {{ field }}\n"
    "{% for error in errors %}  * {{ error }}\n{% endfor %}{% endfor %}\n"
)


def _fast_error_dict_text(context):
    """ERROR_DICT_TEXT: each field name, then its errors indented."""
    out = []
    for field, errors in context["errors"]:
        out.append("* %s\n" % _var_html(field))
        out.extend(["  * %s\n" % _var_html(e) for e in errors])
    return "".join(out)


def _formset_source(layout):
    """formsets/<layout>.html: the management form, then each form's layout."""
    return ("{{ formset.management_form }}{% for form in formset %}{{ form.as_"
            + layout + " }}{% endfor %}\n")


def _fast_formset(layout):
    """Return the Python twin of _formset_source(layout)."""
    method = "as_" + layout

    def render(context):
        formset = context["formset"]
        return _var_html(formset.management_form) + "".join(
            [_var_html(getattr(form, method)()) for form in formset])

    render.__name__ = "_fast_formset_" + layout
    return render


def _include_source(template_name):
    """A template that renders another (no newline after it)."""
    return '{% include "' + template_name + '" %}'


_ERRORS_LIST = "django/forms/errors/list/"
_ERRORS_DICT = "django/forms/errors/dict/"

#: Template name -> (source, fast path).  A template that only includes
#: another shares its fast path.
_BUILTIN_TEMPLATES = {
    "django/forms/div.html": (DIV_HTML, _fast_div),
    "django/forms/p.html": (P_HTML, _fast_p),
    "django/forms/ul.html": (UL_HTML, _fast_ul),
    "django/forms/table.html": (TABLE_HTML, _fast_table),
    "django/forms/field.html": (FIELD_HTML, _fast_field),
    "django/forms/label.html": (LABEL_HTML, _fast_label),
    "django/forms/attrs.html": (ATTRS_HTML, None),
    _ERRORS_LIST + "default.html": (_include_source(_ERRORS_LIST + "ul.html"),
                                    _fast_error_list_ul),
    _ERRORS_LIST + "ul.html": (ERROR_LIST_UL, _fast_error_list_ul),
    _ERRORS_LIST + "text.txt": (ERROR_LIST_TEXT, _fast_error_list_text),
    _ERRORS_DICT + "default.html": (_include_source(_ERRORS_DICT + "ul.html"),
                                    _fast_error_dict_ul),
    _ERRORS_DICT + "ul.html": (ERROR_DICT_UL, _fast_error_dict_ul),
    _ERRORS_DICT + "text.txt": (ERROR_DICT_TEXT, _fast_error_dict_text),
    **{"django/forms/formsets/%s.html" % layout: (
        _formset_source(layout), _fast_formset(layout))
       for layout in ("div", "p", "table", "ul")},
}

#: The sources alone, as a locmem loader takes them.
TEMPLATE_SOURCES = {name: source for name, (source, _) in _BUILTIN_TEMPLATES.items()}
_FAST_PATHS = {name: fast for name, (_, fast) in _BUILTIN_TEMPLATES.items()
               if fast is not None}


# -- The renderers.

@functools.lru_cache
def get_default_renderer():
    """Return the renderer settings.FORM_RENDERER names (one per process)."""
    renderer_class = import_string(settings.FORM_RENDERER)
    return renderer_class()


class BaseRenderer:
    """Render a template by name with a context dict; subclasses say where
    templates come from (get_template())."""

    form_template_name = "django/forms/div.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "django/forms/field.html"

    bound_field_class = None

    def get_template(self, template_name):
        raise NotImplementedError("subclasses must implement get_template()")

    def render(self, template_name, context, request=None):
        template = self.get_template(template_name)
        return template.render(context, request=request).strip()


class EngineMixin:
    """A renderer with its own template engine: the built-in form templates
    first, then the templates/ folder of each installed app."""

    backend = DjangoTemplatesBackend

    def get_template(self, template_name):
        return self.engine.get_template(template_name)

    @cached_property
    def engine(self):
        loaders = [("django.template.loaders.locmem.Loader", TEMPLATE_SOURCES),
                   "django.template.loaders.app_directories.Loader"]
        return self.backend({
            "NAME": "djangoforms", "DIRS": [], "APP_DIRS": False,
            "OPTIONS": {"loaders": [("django.template.loaders.cached.Loader",
                                     loaders)],
                        "syntax": _project_syntax()},
        })


def _project_syntax():
    """The syntax the renderer's engine reads: Django's, or "auto" (each
    template in the syntax it is written in) when the project's own engine
    reads djscratch's native syntax, so that an app's form templates are read
    as the project reads them.  The built-in sources are read as Django's."""
    for backend in engines.all():
        engine = getattr(backend, "engine", None)
        if isinstance(backend, DjangoTemplatesBackend) and engine is not None:
            native = engine.detect_syntax or engine.syntax != DJANGO_SYNTAX
            return "auto" if native else "django"
    return "django"


class DjangoTemplates(EngineMixin, BaseRenderer):
    """Load the built-in form templates, then apps' templates/ folders."""


#: Renderer class -> whether it renders the built-in templates as they are.
# -- The fast path.

_builtin_renderer_classes = {}


_BASE_RENDER = BaseRenderer.render
_ENGINE_GET_TEMPLATE = EngineMixin.get_template


def _renders_builtin_templates(cls):
    """Whether renderer class `cls` keeps DjangoTemplates' way to templates."""
    return (issubclass(cls, DjangoTemplates)
            and cls.render is _BASE_RENDER
            and cls.get_template is _ENGINE_GET_TEMPLATE
            and cls.engine is EngineMixin.__dict__["engine"]
            and cls.backend is DjangoTemplatesBackend)


def _fast_path(renderer, template_name):
    """Return the Python function that renders built-in template
    `template_name` as `renderer` would render it, or None.

    Only a DjangoTemplates renderer (whose engine finds the built-in templates
    before any app's) that changes none of render(), get_template(), its
    engine or its backend is sure to render the built-in source, so only its
    output cannot differ.  Other renderers (TemplatesSetting, where a project
    may override a built-in name, or a custom one) render templates.
    """
    fast = _FAST_PATHS.get(template_name)
    if fast is None:
        return None
    # _renders_builtin(renderer), inline: a form asks about ten times.
    cls = type(renderer)
    builtin = _builtin_renderer_classes.get(cls)
    if builtin is None:
        return fast if _renders_builtin(renderer) else None
    if builtin and cls.render is _BASE_RENDER and (
            cls.get_template is _ENGINE_GET_TEMPLATE):
        instance = renderer.__dict__
        if "render" not in instance and "get_template" not in instance:
            return fast
    return None


def _renders_builtin(renderer):
    """Whether `renderer` renders every built-in template name with its
    built-in source (see _fast_path())."""
    cls = type(renderer)
    builtin = _builtin_renderer_classes.get(cls)
    if builtin is None:
        builtin = _builtin_renderer_classes[cls] = _renders_builtin_templates(cls)
    # render() and get_template() again: a test may patch them on the class
    # (mock.patch.object) or the instance after the class was looked at.
    if builtin and cls.render is _BASE_RENDER and (
            cls.get_template is _ENGINE_GET_TEMPLATE):
        instance = renderer.__dict__
        return "render" not in instance and "get_template" not in instance
    return False


@functools.lru_cache
def _builtin_renderer():
    """A DjangoTemplates renderer, for a template a fast path includes by a
    name it has no Python twin for (a widget's custom option template)."""
    return DjangoTemplates()


def _add_builtin_templates(sources):
    """Add built-in template sources (the widgets' ones, from forms.widgets)."""
    TEMPLATE_SOURCES.update(sources)


# -- "django.forms" in INSTALLED_APPS: its templates are the sources above.

class _FormsConfig(AppConfig):
    """The django.forms app: with TemplatesSetting and APP_DIRS, its templates
    (the built-in sources) are found as an app's templates/ folder is."""

    builtin_templates = TEMPLATE_SOURCES


def _reset_default_renderer(*, setting, **kwargs):
    """Forget the renderers when a setting they were built from changes."""
    if setting in ("FORM_RENDERER", "TEMPLATES", "DEBUG", "INSTALLED_APPS"):
        get_default_renderer.cache_clear()
        _builtin_renderer.cache_clear()


setting_changed.connect(_reset_default_renderer, dispatch_uid="djscratch-renderer")
