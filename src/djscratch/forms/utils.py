"""ErrorList, ErrorDict, flatatt() and the time-zone helpers of
forms (django/forms/utils.py).
"""

import collections

from djscratch.utils.safestring import SafeData, SafeString
from djscratch.core.exceptions import ValidationError
from djscratch.conf import settings
from djscratch.utils.timezone import (
    get_current_timezone, is_aware, is_naive, make_aware, make_naive,
)
from djscratch.utils.html import (
    _escape_text, conditional_escape, escape, format_html_join,
)

__all__ = [
    "ErrorList", "ErrorDict", "flatatt", "pretty_name",
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


def _attrs_html(attrs):
    """Render an attrs dict as Django's attrs.html: False is dropped, True is a
    bare name, anything else name="value"."""
    # Plain str names and values go to _escape_text() directly rather than
    # through conditional_escape() and escape(): a widget has several
    # attributes, and a form several widgets.
    out = []
    for name, value in (attrs or {}).items():
        if value is False:
            continue
        if type(name) is str:
            name = _escape_text(name)
        else:
            name = conditional_escape(name)
        out.append(" " + name if value is True else ' %s="%s"' % (name, _sf(value)))
    return "".join(out)


class ErrorList(collections.UserList, list):
    """The errors of one field (or the form's non-field errors).

    Holds ValidationErrors or strings; iterating yields message strings.
    str() renders Django's <ul class="errorlist">.
    """

    def __init__(self, initlist=None, error_class=None, renderer=None, field_id=None):
        super().__init__(initlist)
        self.error_class = "errorlist" if error_class is None else (
            "errorlist {}".format(error_class))
        self.renderer = renderer
        self.field_id = field_id

    def as_data(self):
        """Return the errors as a list of ValidationError instances."""
        return ValidationError(self.data).error_list

    def copy(self):
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

    def as_json(self, escape_html=False):
        import json

        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self):
        """Return the errors as Django's <ul class="errorlist"> (empty if none)."""
        if not self:
            return SafeString("")
        id_attr = ' id="%s_error"' % conditional_escape(self.field_id) if (
            self.field_id) else ""
        items = "".join("<li>%s</li>" % conditional_escape(e) for e in self)
        return SafeString('<ul class="%s"%s>%s</ul>' % (
            conditional_escape(self.error_class), id_attr, items))

    def as_text(self):
        return SafeString("".join("* %s\n" % conditional_escape(e) for e in self)
                          .strip())

    def render(self, template_name=None, context=None, renderer=None):
        return self.as_ul()

    __str__ = __html__ = as_ul

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


class ErrorDict(dict):
    """Field name -> ErrorList; str() renders Django's nested <ul>."""

    def __init__(self, *args, renderer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.renderer = renderer

    def as_data(self):
        return {f: e.as_data() for f, e in self.items()}

    def get_json_data(self, escape_html=False):
        return {f: e.get_json_data(escape_html) for f, e in self.items()}

    def as_json(self, escape_html=False):
        import json

        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self):
        if not self:
            return SafeString("")
        items = "".join("<li>%s%s</li>" % (conditional_escape(field), e.as_ul()
                                           if isinstance(e, ErrorList) else
                                           conditional_escape(e))
                        for field, e in self.items())
        return SafeString('<ul class="errorlist">%s</ul>' % items)

    def as_text(self):
        out = []
        for field, errors in self.items():
            out.append("* %s\n" % conditional_escape(field))
            out.extend("  * %s\n" % conditional_escape(e) for e in errors)
        return SafeString("".join(out).strip())

    def render(self, template_name=None, context=None, renderer=None):
        return self.as_ul()

    __str__ = __html__ = as_ul


def _from_current_timezone(value):
    """Make a naive datetime typed in the current time zone aware (USE_TZ)."""
    if settings.USE_TZ and value is not None and is_naive(value):
        tz = get_current_timezone()
        try:
            return make_aware(value, tz)
        except Exception as exc:
            raise ValidationError(
                "%(datetime)s couldn’t be interpreted in time zone "
                "%(current_timezone)s; it may be ambiguous or it may not exist.",
                code="ambiguous_timezone",
                params={"datetime": value, "current_timezone": tz},
            ) from exc
    return value


def _to_current_timezone(value):
    """Show an aware datetime as naive time in the current time zone."""
    if settings.USE_TZ and value is not None and is_aware(value):
        return make_naive(value)
    return value
