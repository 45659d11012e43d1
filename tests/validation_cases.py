"""Validators and form fields applied to many inputs, on real Django
(gen_validation_expected.py) and on djscratch (test_validators.py,
test_forms.py).  run() returns {case: outcome}; an outcome is ["ok", repr of
the cleaned value] or ["error", [[message, code], ...]].
"""

import datetime
import decimal


class _Upload:
    def __init__(self, name, content):
        self.name, self.size, self._content = name, len(content), content
        self._pos = 0

    def read(self, n=-1):
        data = self._content[self._pos:] if n < 0 else self._content[
            self._pos:self._pos + n]
        self._pos += len(data)
        return data

    def seek(self, pos):
        self._pos = pos

    def __repr__(self):
        return "<Upload %s>" % self.name


def _outcome(func, value):
    from django.core.exceptions import ValidationError

    try:
        result = func(value)
    except ValidationError as e:
        return ["error", [[m, getattr(err, "code", None)]
                          for m, err in zip(e.messages, e.error_list)]]
    return ["ok", _show(result)]


def _show(value):
    if isinstance(value, (list, tuple)):
        return [_show(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _show(v) for k, v in value.items()}
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return "%s %s" % (value.replace(tzinfo=None).isoformat(), value.utcoffset())
    if isinstance(value, _Upload):
        return repr(value)
    return "%s:%r" % (type(value).__name__, value)


VALIDATOR_INPUTS = {
    "email": ["a@example.com", "a@b", "", "x" * 320 + "@a.com", "a@localhost",
              "a@[127.0.0.1]", "a@[::1]", "a@[IPv6:::1]", '"quoted"@example.com',
              "a b@example.com", "a@-example.com", "a@example.com.",
              "üñí@example.com", "a@exämple.com", "a@xn--bcher-kva.ch", "@example.com",
              "a@@b.com", "a@b..com", "a@b.c", "a@b.co\n"],
    "url": ["http://example.com", "https://example.com/p?q=1#f", "ftp://x.org",
            "http://localhost:8000/", "http://127.0.0.1", "http://[::1]:80/",
            "http://[::zz]/", "http://", "example.com", "//example.com",
            "http://exa mple.com", "http://example.com\n", "mailto:a@b.com",
            "http://user:pass@example.com", "http://-bad.com", "http://a." + "b" * 64
            + ".com", "http://例子.测试", "http://1.2.3.4:99999", "http://999.1.1.1",
            "https://example.com" + "/a" * 1100],
    "slug": ["abc-def_1", "a b", "", "ünicode", "-", "a.b"],
    "unicode_slug": ["abc-def_1", "ünicode", "a b", "a.b"],
    "ipv4": ["1.2.3.4", "256.1.1.1", "1.2.3", "01.2.3.4", "::1", ""],
    "ipv6": ["::1", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4", "1.2.3.4", "12345::", "gg::"],
    "ipv46": ["1.2.3.4", "::1", "nope"],
    "integer": ["12", "-3", "1.5", "", "１２", " 1"],
    "min_length_3": ["ab", "abc", ""],
    "min_length_1": [""],
    "max_length_3": ["abcd", "abc"],
    "max_length_1": ["ab"],
    "min_value_5": [4, 5, decimal.Decimal("4.9")],
    "max_value_5": [6, 5, 5.5],
    "step_3": [6, 7, 0],
    "step_0_5_offset_1": [1.5, 1.2, 3],
    "decimal_5_2": [decimal.Decimal(s) for s in
                    ("123.45", "1234.5", "1.234", "0.001", "100000", "1E+5", "1E-5",
                     "NaN", "Infinity", "-0.00")],
    "decimal_1_0": [decimal.Decimal("12"), decimal.Decimal("1")],
    "regex_abc": ["xabcx", "xyz"],
    "regex_inverse": ["abc", "xyz"],
    "null_chars": ["ok", "bad\x00"],
    "file_ext": [_Upload("a.PNG", b"x"), _Upload("a.gif", b"x"), _Upload("noext", b"x"),
                 _Upload("a.tar.gz", b"x")],
}


def validators():
    from django.core import validators as v

    return {
        "email": v.validate_email, "url": v.URLValidator(), "slug": v.validate_slug,
        "unicode_slug": v.validate_unicode_slug, "ipv4": v.validate_ipv4_address,
        "ipv6": v.validate_ipv6_address, "ipv46": v.validate_ipv46_address,
        "integer": v.validate_integer,
        "min_length_3": v.MinLengthValidator(3),
        "min_length_1": v.MinLengthValidator(1),
        "max_length_3": v.MaxLengthValidator(3),
        "max_length_1": v.MaxLengthValidator(1),
        "min_value_5": v.MinValueValidator(5), "max_value_5": v.MaxValueValidator(5),
        "step_3": v.StepValueValidator(3),
        "step_0_5_offset_1": v.StepValueValidator(0.5, offset=1),
        "decimal_5_2": v.DecimalValidator(5, 2),
        "decimal_1_0": v.DecimalValidator(1, 0),
        "regex_abc": v.RegexValidator(r"abc"),
        "regex_inverse": v.RegexValidator(r"abc", inverse_match=True,
                                          message="No abc!", code="no_abc"),
        "null_chars": v.ProhibitNullCharactersValidator(),
        "file_ext": v.FileExtensionValidator(["png", "GIF"]),
    }


def run_validators():
    out = {}
    funcs = validators()
    for name, values in VALIDATOR_INPUTS.items():
        for i, value in enumerate(values):
            out["%s[%d]" % (name, i)] = _outcome(funcs[name], value)
    return out


# A well-formed 1x1 greyscale PNG (ImageField checks chunks and CRCs).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c636000000002000148afa4710000000049454e44ae426082")
GIF = b"GIF89a" + b"\x00" * 20


def field_cases():
    from django import forms

    return {
        "char": (forms.CharField(max_length=5), ["  hi  ", "", None, "toolong",
                                                  "a\x00b", 12, "\t"]),
        "char_optional": (forms.CharField(required=False, empty_value=None),
                          ["", "  ", "x"]),
        "char_nostrip": (forms.CharField(strip=False, min_length=3), [" a ", " a"]),
        "integer": (forms.IntegerField(min_value=-5, max_value=10),
                    ["3", " 4 ", "3.0", "3.5", "abc", "", "11", "-6", "1e3", 7,
                     "9" * 5000, "١٢"]),
        "float": (forms.FloatField(), ["1.5", "1e3", "inf", "nan", "x", " 2 "]),
        "decimal": (forms.DecimalField(max_digits=4, decimal_places=2, min_value=0),
                    ["12.34", "123.4", "1.234", "-1", "abc", "NaN", "1e2", "  5 "]),
        "boolean": (forms.BooleanField(), ["on", "", "false", "False", "0", "1", None,
                                           True]),
        "boolean_optional": (forms.BooleanField(required=False), ["", "false", "x"]),
        "nullboolean": (forms.NullBooleanField(), ["true", "false", "1", "0", "",
                                                   "unknown", None, "2"]),
        "choice": (forms.ChoiceField(choices=[("a", "A"), ("G", [("b", "B")]),
                                              (1, "One")]),
                   ["a", "b", "G", "1", "", "z", ["a"]]),
        "typed_choice": (forms.TypedChoiceField(choices=[(1, "1"), (2, "2")],
                                                coerce=int), ["1", "2", "3", ""]),
        "typed_choice_optional": (forms.TypedChoiceField(
            choices=[(1, "1")], coerce=int, required=False, empty_value=None), [""]),
        "multiple_choice": (forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")]),
                            [["a", "b"], [], "a", ["c"], ("a",), None]),
        "typed_multiple": (forms.TypedMultipleChoiceField(
            choices=[(1, "1"), (2, "2")], coerce=int), [["1", "2"], ["3"], []]),
        "date": (forms.DateField(), ["2024-02-29", "2023-02-29", "02/03/2024",
                                     "Oct 25 2006", "25 October, 2006", "x", "",
                                     "2024-1-5", datetime.date(2020, 1, 1),
                                     datetime.datetime(2020, 1, 1, 5)]),
        "datetime": (forms.DateTimeField(), ["2024-01-02 03:04:05", "2024-01-02T03:04",
                                             "2024-01-02 03:04:05+02:00",
                                             "2024-01-02T03:04:05Z", "01/02/2024 10:00",
                                             "2024-01-02", "2024-13-01 00:00", "x"]),
        "time": (forms.TimeField(), ["13:14", "13:14:15", "13:14:15.5", "1:2", "25:00",
                                     "x"]),
        "duration": (forms.DurationField(), ["1 02:03:04", "P1DT2H", "3600", "-1:00:00",
                                             "x", "1000000000 00:00:00"]),
        "email": (forms.EmailField(), [" a@example.com ", "bad", ""]),
        "url": (forms.URLField(assume_scheme="https"),
                ["example.com", "http://x.org", "//x.org/p", "bad url", "ftp://a.b.cd",
                 "mailto:a@b.com"]),
        "slug": (forms.SlugField(), ["ok-slug", "not ok"]),
        "slug_unicode": (forms.SlugField(allow_unicode=True), ["ünï", "a b"]),
        "regex": (forms.RegexField(r"^\d{3}$", error_messages={"invalid": "3 digits"}),
                  ["123", "12", " 123 "]),
        "uuid": (forms.UUIDField(), ["12345678-1234-5678-1234-567812345678",
                                     "12345678123456781234567812345678", "nope", ""]),
        "json": (forms.JSONField(), ['{"a": 1}', "[1, 2]", '"s"', "null", "{bad",
                                     "", "1.5"]),
        "json_optional": (forms.JSONField(required=False), ["", "null"]),
        "ip_both": (forms.GenericIPAddressField(), ["1.2.3.4", "::FFFF:1.2.3.4",
                                                    "2001:0db8::0001", "x", "1.2.3"]),
        "ip_unpack": (forms.GenericIPAddressField(unpack_ipv4=True),
                      ["::ffff:1.2.3.4"]),
        "ip_v4": (forms.GenericIPAddressField(protocol="IPv4"), ["::1", "1.2.3.4"]),
        "file": (forms.FileField(max_length=8), [_Upload("a.txt", b"x"),
                                                 _Upload("a.txt", b""),
                                                 _Upload("toolong.txt", b"x"), "str",
                                                 None]),
        "custom_messages": (forms.IntegerField(max_value=3, error_messages={
            "invalid": "Numbers!", "max_value": "Too big: %(limit_value)s",
            "required": "Need it"}), ["x", "4", ""]),
    }


def run_fields():
    out = {}
    for name, (field, values) in field_cases().items():
        for i, value in enumerate(values):
            out["%s[%d]" % (name, i)] = _outcome(field.clean, value)
    return out


def run():
    return {"validators": run_validators(), "fields": run_fields()}
