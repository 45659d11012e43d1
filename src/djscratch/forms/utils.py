"""ErrorList, ErrorDict, the Renderable mixins, flatatt() and the
time-zone helpers of forms (django/forms/utils.py).
"""

import collections
import operator

# A module that loads later (it imports this one), used at call time as
# djscratch.<module>.<name>: forms.renderers.
import djscratch

from djscratch.utils.safestring import SafeData, SafeString, mark_safe
from djscratch.core.exceptions import ValidationError
from djscratch.conf import settings
from djscratch.utils.timezone import (
    _datetime_ambiguous_or_imaginary, get_current_timezone, is_aware, is_naive,
    make_aware, make_naive,
)
from djscratch.utils.translation import gettext
from djscratch.utils.html import (
    _escape_text, conditional_escape, escape, format_html_join,
)

__all__ = [
    "ErrorList", "ErrorDict", "flatatt", "pretty_name", "RenderableMixin",
    "RenderableFieldMixin", "RenderableFormMixin", "RenderableErrorMixin",
]


def pretty_name(name):
    """Turn 'first_name' into 'First name'."""
    if not name:
        return ""
    return name.replace("_", " ").capitalize()


def flatatt(attrs):
    """Return attrs as ' key="value"' pairs (sorted), then boolean keys."""
    pairs = sorted((k, v) for k, v in attrs.items()
                   if not isinstance(v, bool) and v is not None)
    flags = sorted((k,) for k, v in attrs.items() if v is True)
    return format_html_join("", ' {}="{}"', pairs) + format_html_join("", " {}", flags)


def _sf(value):
    """Render `value` as {{ value|stringformat:'s' }} does (escaped unless safe)."""
    if type(value) is str:  # the usual case, without escape()'s SafeString
        return _escape_text(value)
    if isinstance(value, SafeData):
        return value
    return escape("%s" % (value,))


#: attribute name (an exact str) -> the text _escape_text() writes for it:
#: a form renders the same few names ("type", "maxlength", "required", "id")
#: for every widget and label.
_escaped_attr_names = {}


def _attr_name_html(name):
    """Return _escape_text(name) for an exact str `name`, remembered."""
    escaped = _escaped_attr_names.get(name)
    if escaped is None:
        if len(_escaped_attr_names) >= 512:  # names can come from data: stay bounded
            _escaped_attr_names.clear()
        escaped = _escaped_attr_names[name] = _escape_text(name)
    return escaped


#: (attrs' items, their values' types) -> _attrs_text()'s output, for dicts
#: whose names are exact str and values exact str, int or bool: the output is
#: a function of those alone, and a form writes the same attrs for each of
#: its widgets on every render.
_attrs_html_cache = {}
_ATTRS_CACHED_LENGTH = 400  # characters of output: longer ones are not kept
_CACHED_ATTR_TYPES = frozenset({str, int, bool})
_STR_ONLY = frozenset({str})


def _attrs_html(attrs):
    """Render an attrs dict as Django's attrs.html: False is dropped, True is a
    bare name, anything else name="value" (_attrs_text(), remembered for the
    plain dicts _attrs_html_cache describes)."""
    if not attrs:
        return ""
    if type(attrs) is dict:
        value_types = tuple(map(type, attrs.values()))
        # The types first: only then is every key and value sure to hash,
        # and equal items (True == 1, "x" == SafeString("x")) to write the
        # same text.
        if (_CACHED_ATTR_TYPES.issuperset(value_types)
                and _STR_ONLY.issuperset(map(type, attrs))):
            key = (tuple(attrs.items()), value_types)
            html = _attrs_html_cache.get(key)
            if html is None:
                html = _attrs_text(attrs)
                # Attrs come from data too (a bound input's value): keep at
                # most 512 short ones, so a client's long values are not kept.
                if len(html) <= _ATTRS_CACHED_LENGTH:
                    if len(_attrs_html_cache) >= 512:
                        _attrs_html_cache.clear()
                    _attrs_html_cache[key] = html
            return html
    return _attrs_text(attrs)


def _attrs_text(attrs):
    """_attrs_html() for any attrs mapping, written out."""
    # Plain str names and values go to _escape_text() directly rather than
    # through conditional_escape() and escape(): a widget has several
    # attributes, and a form several widgets.  A few pieces are added to one
    # str (fewer operations than a list and a join for so few).
    out = ""
    if not attrs:
        return out
    names = _escaped_attr_names
    for name, value in attrs.items():
        if value is False:
            continue
        if type(name) is str:
            # _attr_name_html(name), inline for a name seen before.
            name = names.get(name) or _attr_name_html(name)
        else:
            name = conditional_escape(name)
        if value is True:
            out += " " + name
        elif type(value) is str:
            # An id ("id_author") is an identifier: none of the five characters.
            out += ' %s="%s"' % (name, value if value.isidentifier()
                                 else _escape_text(value))
        elif type(value) is int:  # maxlength, cols, rows: digits, nothing to escape
            out += ' %s="%d"' % (name, value)
        else:
            out += ' %s="%s"' % (name, _sf(value))
    return out


class RenderableMixin:
    """render() through the object's renderer and template; str() renders."""

    def get_context(self):
        raise NotImplementedError(
            "Subclasses of RenderableMixin must provide a get_context() method.")

    def render(self, template_name=None, context=None, renderer=None):
        renderer = renderer or self.renderer
        template_name = template_name or self.template_name
        if not context:
            # The built-in template, rendered by Python when the output cannot
            # differ (djscratch.forms.renderers._fast_path()).
            fast = djscratch.forms.renderers._fast_path(renderer, template_name)
            if fast is not None:
                if fast is djscratch.forms.renderers._fast_div:
                    # An unbound form like the last of its class: its text
                    # again (djscratch.forms.forms._plain_form_html()).
                    html = djscratch.forms.forms._plain_form_html(self, renderer)
                    if html is not None:
                        return html
                return SafeString(fast(self.get_context()).strip())
            context = self.get_context()
        return mark_safe(renderer.render(template_name, context))

    __str__ = render
    __html__ = render


class RenderableFieldMixin(RenderableMixin):
    """A field group (label, help text, errors, widget) that renders itself."""

    def as_field_group(self):
        return self.render()

    def as_hidden(self):
        raise NotImplementedError(
            "Subclasses of RenderableFieldMixin must provide an as_hidden() method.")

    def as_widget(self):
        raise NotImplementedError(
            "Subclasses of RenderableFieldMixin must provide an as_widget() method.")

    def __str__(self):
        """Render the field's widget (plus the hidden initial value if asked)."""
        if self.field.show_hidden_initial:
            return self.as_widget() + self.as_hidden(only_initial=True)
        return self.as_widget()

    __html__ = __str__


class RenderableFormMixin(RenderableMixin):
    """as_p(), as_table(), as_ul() and as_div(): the four layouts."""

    def as_p(self):
        """Render as <p> elements."""
        return self.render(self.template_name_p)

    def as_table(self):
        """Render as <tr> elements, without the <table>."""
        return self.render(self.template_name_table)

    def as_ul(self):
        """Render as <li> elements, without the <ul>."""
        return self.render(self.template_name_ul)

    def as_div(self):
        """Render as <div> elements."""
        return self.render(self.template_name_div)


class RenderableErrorMixin(RenderableMixin):
    """as_json(), as_text() and as_ul() of ErrorList and ErrorDict."""

    def as_json(self, escape_html=False):
        import json

        return json.dumps(self.get_json_data(escape_html))

    def as_text(self):
        return self.render(self.template_name_text)

    def as_ul(self):
        return self.render(self.template_name_ul)


class ErrorDict(dict, RenderableErrorMixin):
    """Field name -> ErrorList; str() renders Django's nested <ul>."""

    template_name = "django/forms/errors/dict/default.html"
    template_name_text = "django/forms/errors/dict/text.txt"
    template_name_ul = "django/forms/errors/dict/ul.html"

    def __init__(self, *args, renderer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.renderer = renderer or djscratch.forms.renderers.get_default_renderer()

    def as_data(self):
        return {f: e.as_data() for f, e in self.items()}

    def get_json_data(self, escape_html=False):
        return {f: e.get_json_data(escape_html) for f, e in self.items()}

    def get_context(self):
        return {"errors": self.items(), "error_class": "errorlist"}


class ErrorList(collections.UserList, list, RenderableErrorMixin):
    """The errors of one field (or the form's non-field errors).

    Holds ValidationErrors or strings; iterating yields message strings.
    str() renders Django's <ul class="errorlist">.
    """

    template_name = "django/forms/errors/list/default.html"
    template_name_text = "django/forms/errors/list/text.txt"
    template_name_ul = "django/forms/errors/list/ul.html"

    def __init__(self, initlist=None, error_class=None, renderer=None, field_id=None):
        if initlist is None:  # UserList's own start, without the call: every
            self.data = []    # unbound field's errors build an empty list
        else:
            super().__init__(initlist)
        self.error_class = "errorlist" if error_class is None else (
            "errorlist {}".format(error_class))
        self.renderer = renderer or djscratch.forms.renderers.get_default_renderer()
        self.field_id = field_id

    def as_data(self):
        """Return the errors as a list of ValidationError instances."""
        return ValidationError(self.data).error_list

    def copy(self):
        copy = _copy_plain_error_list(self)
        if copy is None:
            copy = super().copy()
        copy.error_class = self.error_class
        copy.renderer = self.renderer
        copy.field_id = self.field_id
        return copy

    def get_json_data(self, escape_html=False):
        """Return [{"message": ..., "code": ...}, ...]."""
        return [
            {"message": escape(next(iter(error))) if escape_html else next(iter(error)),
             "code": error.code or ""}
            for error in self.as_data()
        ]

    def get_context(self):
        return {"errors": self, "error_class": self.error_class}

    def __repr__(self):
        return repr(list(self))

    def __contains__(self, item):
        return item in list(self)

    def __eq__(self, other):
        return list(self) == other

    __hash__ = None

    def __getitem__(self, i):
        error = self.data[i]
        if isinstance(error, ValidationError):
            return next(iter(error))
        return error

    def __iter__(self):
        for i in range(len(self.data)):
            yield self[i]

    def __reduce_ex__(self, *args, **kwargs):
        info = super(collections.UserList, self).__reduce_ex__(*args, **kwargs)
        return info[:3] + (None, None)


#: What UserList.copy() builds an ErrorList with: its class's __new__ and
#: __init__, UserList's copy() and __init__ (a test may patch any of them).
_error_list_build_members = operator.attrgetter("__new__", "__init__")
_PLAIN_ERROR_LIST_BUILD = (*_error_list_build_members(ErrorList),
                           collections.UserList.copy, collections.UserList.__init__)


def _copy_plain_error_list(errors):
    """Return what UserList.copy() makes of `errors` (ErrorList.copy()'s
    first step) for an instance of the library's ErrorList itself whose data
    is a list, built as ErrorList(errors) builds it, without the calls: a new
    ErrorList holding a copy of the data, its error_class "errorlist", its
    renderer the default one, its field_id None.  None for anything else
    (the caller copies it the general way).  Equal to the general way in
    every case it answers (tests.test_forms.ErrorListCopyTests)."""
    if (type(errors) is not ErrorList or type(errors.data) is not list
            or (*_error_list_build_members(ErrorList), collections.UserList.copy,
                collections.UserList.__init__) != _PLAIN_ERROR_LIST_BUILD):
        return None
    copy = ErrorList.__new__(ErrorList)
    copy.data = errors.data[:]
    copy.error_class = "errorlist"
    copy.renderer = djscratch.forms.renderers.get_default_renderer()
    copy.field_id = None
    return copy


def _from_current_timezone(value):
    """Make a naive datetime typed in the current time zone aware (USE_TZ)."""
    if settings.USE_TZ and value is not None and is_naive(value):
        tz = get_current_timezone()
        try:
            if _datetime_ambiguous_or_imaginary(value, tz):  # at a DST change
                raise ValueError("Ambiguous or non-existent time.")
            return make_aware(value, tz)
        except Exception as exc:
            raise ValidationError(
                gettext("%(datetime)s couldn’t be interpreted in time zone "
                        "%(current_timezone)s; it may be ambiguous or it may not "
                        "exist."),
                code="ambiguous_timezone",
                params={"datetime": value, "current_timezone": tz},
            ) from exc
    return value


def _to_current_timezone(value):
    """Show an aware datetime as naive time in the current time zone."""
    if settings.USE_TZ and value is not None and is_aware(value):
        return make_naive(value)
    return value
