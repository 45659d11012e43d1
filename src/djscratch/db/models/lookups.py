"""Lookups and transforms (django/db/models/lookups.py): one class
per name that may follow `__` in a filter, registered on the fields it
applies to (`Field.register_lookup`), each compiling itself to SQLite SQL.
"""

import math

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.query.
import djscratch

from djscratch.conf import settings
from djscratch.utils.timezone import get_current_timezone, make_aware
from djscratch.db.models.base import _make_hashable, Model
from djscratch.db.models.expressions import (
    _adapt_param, _current_tzname, _tzname_of, Expression, F, Value,
)
from djscratch.db.models.fields import (
    CharField, DateField, DateTimeField, Field, IntegerField,
)
from djscratch.db.models.fields_extra import (
    BooleanField, DurationField, TimeField, UUIDField,
)
from djscratch.db.models.expressions import Func
from djscratch.db.models.query_utils import RegisterLookupMixin


class Lookup(Expression):
    """A condition `lhs <lookup_name> rhs`; subclasses write `as_sql`.

    As in Django, `as_sql(compiler, connection)` gets the compiler and a
    second argument to hand on to `process_lhs`/`process_rhs` (in djscratch
    it is the compiler's join group, not a connection object).
    """

    lookup_name = None
    prepare_rhs = True
    can_use_none_as_rhs = False
    conditional = True

    def __init__(self, lhs, rhs):
        # Built on an unresolved F() (Exact(F("year"), 1942.1)), the value is
        # not prepared for the field, as in Django: 1942.1 stays a float.
        self.prep_rhs_field = not isinstance(lhs, F)
        self.lhs, self.rhs = lhs, rhs
        self.rhs = self.get_prep_lookup()
        self.lhs = self.get_prep_lhs()
        if hasattr(self.lhs, "get_bilateral_transforms"):
            self.bilateral_transforms = self.lhs.get_bilateral_transforms()
        else:
            self.bilateral_transforms = []
        if self.bilateral_transforms and hasattr(self.rhs, "query") and \
                hasattr(self.rhs, "model"):
            raise NotImplementedError("Bilateral transformations on nested querysets "
                                      "are not implemented.")

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self.lhs, self.rhs)

    def get_source_expressions(self):
        return [self.lhs]

    def get_output_field(self, compiler=None):
        return BooleanField()

    @property
    def output_field(self):
        return BooleanField()

    @property
    def lhs_output_field(self):
        return self.lhs.get_output_field()

    @property
    def rhs_field(self):
        """The field a plain value is prepared for (None: as it is)."""
        return self.lhs_output_field if self.prep_rhs_field else None

    def apply_bilateral_transforms(self, value):
        for transform in self.bilateral_transforms:
            value = transform(value)
        return value

    def get_prep_lookup(self):
        # djscratch prepares the value in process_rhs, where a bad one is
        # reported as Django reports it at filter() time.
        return self.rhs

    def get_prep_lhs(self):
        if hasattr(self.lhs, "as_sql"):
            return self.lhs
        return Value(self.lhs)

    def get_db_prep_lookup(self, value, connection):
        return "?", [value]

    def rhs_is_direct_value(self):
        return not hasattr(self.rhs, "as_sql") and not hasattr(self.rhs, "query")

    def process_lhs(self, compiler, connection, lhs=None):
        return compiler.compile(self.lhs if lhs is None else lhs, connection)

    def process_rhs(self, compiler, connection):
        value = self.rhs
        if self.bilateral_transforms:
            if self.rhs_is_direct_value():
                value = Value(value)
            return compiler.compile(self.apply_bilateral_transforms(value),
                                    connection)
        return compiler._prep(self.rhs_field, value, connection)


class Transform(RegisterLookupMixin, Func):
    """A function of the left-hand side that further lookups apply to:
    `change__abs__lt=27` with `lookup_name = "abs"`, `function = "ABS"`."""

    bilateral = False
    arity = 1

    @property
    def lhs(self):
        return self.get_source_expressions()[0]

    def get_bilateral_transforms(self):
        if hasattr(self.lhs, "get_bilateral_transforms"):
            bilateral_transforms = self.lhs.get_bilateral_transforms()
        else:
            bilateral_transforms = []
        if self.bilateral:
            bilateral_transforms.append(self.__class__)
        return bilateral_transforms

    def _output_field_or_none(self):
        return self.get_output_field()


class _CompiledLhs(Expression):
    """The compiled left-hand side a filter starts from: a column (or an
    annotation, a JSON key) and the field its values belong to."""

    def __init__(self, sql, params, output_field, target=None):
        self.sql, self.params = sql, params
        self.output_field, self.target = output_field, target

    def __repr__(self):
        return "Col(%s)" % self.sql

    def as_sql(self, compiler, group=None):
        return self.sql, list(self.params)

    def get_output_field(self, compiler=None):
        return self._explicit_output_field()


# -- The built-in lookups: SQL exactly as the compiler wrote it before they
#    were classes (Django's SQL for SQLite, with ? placeholders).


def _like_escape(value):
    return str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _int_out_of_range(value):
    return isinstance(value, int) and not isinstance(value, bool) and not (
        -9223372036854775808 <= value <= 9223372036854775807)


def _int_lookup_value(field, value):
    """Return `value` as the integer an integer field would compare, so that
    "99999999999999999999" overflows exactly as the int does (else as is)."""
    if isinstance(value, str) and isinstance(field, IntegerField):
        try:
            return field.get_prep_value(value)
        except (TypeError, ValueError):
            pass  # _prep reports the bad value
    return value


def _is_integer_like(field):
    return isinstance(field, IntegerField) or (field is not None and field.is_relation)


def _is_queryset(value):
    return isinstance(value, djscratch.db.models.query.QuerySet)


def _check_subquery_width(queryset, lookup):
    """Refuse a queryset value selecting more than one column, with
    Django's message."""
    query = queryset.query
    width = len(query.values_fields) if query.values_fields is not None else 1
    if width != 1:
        raise ValueError("The QuerySet value for %s must have 1 selected fields "
                         "(received %d)" % (lookup, width))


def _is_hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


class BuiltinLookup(Lookup):
    """A built-in lookup: the value is compared as the integer an integer
    field would store (see _int_lookup_value)."""

    def process_rhs(self, compiler, connection, value=None):
        if value is None or self.bilateral_transforms:
            return super().process_rhs(compiler, connection)
        return compiler._prep(self.rhs_field, value, connection)

    def _value(self):
        return _int_lookup_value(self.lhs_output_field, self.rhs)


class _Comparison(BuiltinLookup):
    """`lhs <operator> rhs`; an integer beyond 64 bits matches nothing, or
    every row (NULLs too: Django drops the condition, FullResultSet)."""

    operator = None

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = self._value()
        if _int_out_of_range(value) and _is_integer_like(self.lhs_output_field):
            return self.out_of_range_sql(lhs, lhs_params, value)
        rhs, rhs_params = self.process_rhs(compiler, connection, value)
        return "%s %s %s" % (lhs, self.operator, rhs), lhs_params + rhs_params

    def out_of_range_sql(self, lhs, lhs_params, value):
        return "0 = 1", []


class Exact(_Comparison):
    lookup_name = "exact"
    operator = "="

    def get_prep_lookup(self):
        """A queryset value must be sliced to one row of one column, as
        Django checks it when the filter is built."""
        if _is_queryset(self.rhs):
            query = self.rhs.query
            if query.high_mark is None or query.high_mark - query.low_mark != 1:
                raise ValueError("The QuerySet value for an exact lookup must be "
                                 "limited to one result using slicing.")
            _check_subquery_width(self.rhs, "the exact lookup")
        return super().get_prep_lookup()


class GreaterThan(_Comparison):
    lookup_name = "gt"
    operator = ">"

    def out_of_range_sql(self, lhs, lhs_params, value):
        return ("0 = 1", []) if value > 0 else ("1 = 1", [])


class GreaterThanOrEqual(GreaterThan):
    lookup_name = "gte"
    operator = ">="


class LessThan(_Comparison):
    lookup_name = "lt"
    operator = "<"

    def out_of_range_sql(self, lhs, lhs_params, value):
        return ("1 = 1", []) if value > 0 else ("0 = 1", [])


class LessThanOrEqual(LessThan):
    lookup_name = "lte"
    operator = "<="


class PatternLookup(BuiltinLookup):
    """LIKE with the value's %, _ and \\ escaped, wildcards before and/or
    after it (an expression value is escaped in SQL)."""

    before = after = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = self._value()
        if isinstance(value, Expression) or self.bilateral_transforms:
            rhs, rhs_params = self.process_rhs(compiler, connection)
            pattern = ("'%%' || " if self.before else "") + "%s" + (
                " || '%%'" if self.after else "")
            esc = "REPLACE(REPLACE(REPLACE(%s, '\\', '\\\\'), '%%', '\\%%'), " \
                  "'_', '\\_')" % rhs
            return ("%s LIKE %s ESCAPE '\\'" % (lhs, pattern % esc)).replace(
                "%%", "%"), lhs_params + rhs_params
        text = _like_escape(_adapt_param(value))
        text = ("%" if self.before else "") + text + ("%" if self.after else "")
        return "%s LIKE ? ESCAPE '\\'" % lhs, lhs_params + [text]


class IExact(PatternLookup):
    lookup_name = "iexact"
    prepare_rhs = False


class Contains(PatternLookup):
    lookup_name = "contains"
    before = after = True


class IContains(Contains):
    lookup_name = "icontains"


class StartsWith(PatternLookup):
    lookup_name = "startswith"
    after = True


class IStartsWith(StartsWith):
    lookup_name = "istartswith"


class EndsWith(PatternLookup):
    lookup_name = "endswith"
    before = True


class IEndsWith(EndsWith):
    lookup_name = "iendswith"


class _Iterable(BuiltinLookup):
    """A lookup whose value is a collection (or, for `in`, a queryset)."""

    def _prep_one(self, compiler, connection, field, value):
        """(sql, params) of one of the values; bilateral transforms apply
        to each, as to the left-hand side."""
        if self.bilateral_transforms:
            if not hasattr(value, "as_sql"):
                value = Value(value)
            return compiler.compile(self.apply_bilateral_transforms(value), connection)
        return compiler._prep(field, value, connection)

    def get_prep_lookup(self):
        """Iterate a plain value once, as Django's lookup does when the filter
        is built: a generator is read once, a str is its characters ("abc" for
        an integer field then fails on "a"), None and an int raise TypeError
        ("'int' object is not iterable").  Querysets and expressions stay."""
        value = self.rhs
        if (hasattr(value, "resolve_expression") or hasattr(value, "as_sql")
                or hasattr(value, "query")):  # a queryset, a Query, F(), ...
            return value
        return list(value)

    def _values(self, compiler, connection):
        value = self.rhs
        if type(value) is list:  # a plain value, read by get_prep_lookup()
            return value
        # An expression (OuterRef("pk")) is no collection of values; F's
        # __getitem__ (slicing) must not be taken for the old protocol.
        if isinstance(value, (str, bytes, F)) or not hasattr(value, "__iter__"):
            raise TypeError("'%s' object is not iterable" % type(value).__name__)
        return list(value)


class In(_Iterable):
    lookup_name = "in"

    def get_prep_lookup(self):
        if _is_queryset(self.rhs):
            _check_subquery_width(self.rhs, "the 'in' lookup")
        return super().get_prep_lookup()

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if hasattr(self.rhs, "query") and compiler._is_query(self.rhs.query):
            sql, params = compiler._subquery(self.rhs)
            return "%s IN %s" % (lhs, sql), lhs_params + params
        field = self.rhs_field
        values = [v for v in self._values(compiler, connection) if v is not None]
        if _is_integer_like(field):
            values = [v for v in values
                      if not _int_out_of_range(_int_lookup_value(field, v))]
        if not values:
            return "0 = 1", []
        if all(_is_hashable(v) for v in values):  # duplicates once, in order
            values = dict.fromkeys(_make_hashable(v) if not isinstance(v, Model)
                                   else v for v in values)
        sqls, params = [], []
        for v in values:
            s, p = self._prep_one(compiler, connection, field, v)
            sqls.append(s)
            params.extend(p)
        return "%s IN (%s)" % (lhs, ", ".join(sqls)), lhs_params + params


class Range(_Iterable):
    lookup_name = "range"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # Exactly two values, Python's unpacking error otherwise, as Django
        # since CVE-2026-132092 (a third value used to be dropped silently).
        start, end = self._values(compiler, connection)
        field = self.rhs_field
        a, pa = self._prep_one(compiler, connection, field, start)
        b, pb = self._prep_one(compiler, connection, field, end)
        return "%s BETWEEN %s AND %s" % (lhs, a, b), lhs_params + pa + pb


class IsNull(BuiltinLookup):
    lookup_name = "isnull"
    prepare_rhs = False
    can_use_none_as_rhs = True

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, bool) and not compiler.validating:
            # 1 is not True here; Django says so when the query runs.
            raise ValueError("The QuerySet value for an isnull lookup must be True "
                             "or False.")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return "%s IS %sNULL" % (lhs, "" if self.rhs else "NOT "), lhs_params


class Regex(BuiltinLookup):
    lookup_name = "regex"
    prepare_rhs = False
    template = "%s REGEXP %s"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler._prep(None, self._value(), connection)
        return self.template % (lhs, rhs), lhs_params + rhs_params


class IRegex(Regex):
    lookup_name = "iregex"
    template = "%s REGEXP '(?i)' || %s"


list(map(Field.register_lookup, (
    Exact, IExact, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, In,
    Contains, IContains, StartsWith, IStartsWith, EndsWith, IEndsWith, Range, IsNull,
    Regex, IRegex)))


class UUIDTextMixin:
    """A text lookup on a UUIDField: SQLite stores the 32 hex digits, so the
    value loses its hyphens (an expression through REPLACE), as Django's."""

    def get_prep_lookup(self):
        value = super().get_prep_lookup()
        if isinstance(value, str):
            return value.replace("-", "")
        if hasattr(value, "resolve_expression"):
            return djscratch.db.models.function_library.Replace(
                value, Value("-"), Value(""), output_field=CharField())
        return value


class UUIDIExact(UUIDTextMixin, IExact):
    pass


class UUIDContains(UUIDTextMixin, Contains):
    pass


class UUIDIContains(UUIDTextMixin, IContains):
    pass


class UUIDStartsWith(UUIDTextMixin, StartsWith):
    pass


class UUIDIStartsWith(UUIDTextMixin, IStartsWith):
    pass


class UUIDEndsWith(UUIDTextMixin, EndsWith):
    pass


class UUIDIEndsWith(UUIDTextMixin, IEndsWith):
    pass


list(map(UUIDField.register_lookup, (
    UUIDIExact, UUIDContains, UUIDIContains, UUIDStartsWith, UUIDIStartsWith,
    UUIDEndsWith, UUIDIEndsWith)))


# -- IntegerField's own comparisons (Django's names; an integer beyond 64
#    bits is handled by _Comparison.out_of_range_sql, as Django's
#    EmptyResultSet / FullResultSet would).


class IntegerFieldOverflow:
    """Marks a comparison that treats an out-of-range integer as matching
    nothing or everything (see _Comparison.out_of_range_sql)."""


class IntegerFieldFloatRounding:
    """A float compared with an integer column is rounded up, so that
    `n__gte=1.5` means `n__gte=2` (the decimals are not discarded)."""

    def get_prep_lookup(self):
        if isinstance(self.rhs, float):
            self.rhs = math.ceil(self.rhs)
        return super().get_prep_lookup()


class IntegerFieldExact(IntegerFieldOverflow, Exact):
    pass


class IntegerGreaterThan(IntegerFieldOverflow, GreaterThan):
    pass


class IntegerGreaterThanOrEqual(
        IntegerFieldOverflow, IntegerFieldFloatRounding, GreaterThanOrEqual):
    pass


class IntegerLessThan(IntegerFieldOverflow, IntegerFieldFloatRounding, LessThan):
    pass


class IntegerLessThanOrEqual(IntegerFieldOverflow, LessThanOrEqual):
    pass


list(map(IntegerField.register_lookup, (
    IntegerFieldExact, IntegerGreaterThan, IntegerGreaterThanOrEqual, IntegerLessThan,
    IntegerLessThanOrEqual)))

#: The built-in lookup names (not transforms).
_LOOKUP_NAMES = {cls.lookup_name for cls in Field.get_class_lookups().values()}


# -- Date and time transforms: the SQLite functions the backend registers.


class Extract(Transform):
    """Part of a date, time or datetime as an integer (`pub_date__year`)."""

    output_field = IntegerField()
    lookup_name = None

    def __init__(self, expression, lookup_name=None, tzinfo=None, **extra):
        if self.lookup_name is None:
            self.lookup_name = lookup_name
        if self.lookup_name is None:
            raise ValueError("lookup_name must be provided")
        self.tzinfo = tzinfo
        super().__init__(expression, **extra)

    def _check_source(self, field):
        _check_extract_source(self, field)

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.lhs, group)
        field = self.lhs.get_output_field(compiler) if not isinstance(
            self.lhs, _CompiledLhs) else self.lhs.get_output_field()
        name = self.lookup_name
        self._check_source(field)
        if isinstance(field, DateTimeField):
            tz = _tzname_of(self.tzinfo) \
                if settings.USE_TZ else None
            return "django_datetime_extract('%s', %s, ?)" % (name, sql), params + [tz]
        if isinstance(field, TimeField):
            return "django_time_extract('%s', %s)" % (name, sql), params
        return "django_date_extract('%s', %s)" % (name, sql), params


def _check_extract_source(extract, field):
    """Refuse what Django refuses to extract (as its resolve_expression)."""
    if field is None:
        return
    name = extract.lookup_name
    if not isinstance(field, (DateField, DurationField)):
        raise ValueError("Extract input expression must be DateField, DateTimeField, "
                         "TimeField, or DurationField.")
    if type(field) is DateField and name in ("hour", "minute", "second"):
        raise ValueError("Cannot extract time component '%s' from DateField '%s'."
                         % (name, field.name))
    if isinstance(field, DurationField):
        if name in ("year", "iso_year", "month", "week", "week_day", "iso_week_day",
                    "quarter"):
            raise ValueError("Cannot extract component '%s' from DurationField '%s'."
                             % (name, field.name))
        raise ValueError("Extract requires native DurationField database support.")
    if extract.tzinfo is not None and not isinstance(field, DateTimeField):
        raise ValueError("tzinfo can only be used with DateTimeField.")


class ExtractYear(Extract):
    lookup_name = "year"


class ExtractIsoYear(Extract):
    lookup_name = "iso_year"


class ExtractMonth(Extract):
    lookup_name = "month"


class ExtractDay(Extract):
    lookup_name = "day"


class ExtractWeek(Extract):
    lookup_name = "week"


class ExtractWeekDay(Extract):
    lookup_name = "week_day"


class ExtractIsoWeekDay(Extract):
    lookup_name = "iso_week_day"


class ExtractQuarter(Extract):
    lookup_name = "quarter"


class ExtractHour(Extract):
    lookup_name = "hour"


class ExtractMinute(Extract):
    lookup_name = "minute"


class ExtractSecond(Extract):
    lookup_name = "second"


class _DateTimeCast(Transform):
    """The date or the time of a datetime (`created__date`), in the current
    time zone when USE_TZ is on."""

    def as_sql(self, compiler, group=None):
        sql, params = compiler.compile(self.lhs, group)
        tz = _current_tzname() if settings.USE_TZ else None
        return ("django_datetime_cast('%s', %s, ?)" % (self.lookup_name, sql),
                params + [tz])


class _DateCast(_DateTimeCast):
    lookup_name = "date"
    output_field = DateField()


class _TimeCast(_DateTimeCast):
    lookup_name = "time"
    output_field = TimeField()


class YearLookup(Lookup):
    """A comparison of a year (`pub_date__year__gte=2005`).  A plain value
    compares the column itself with the year's bounds (BETWEEN them for
    exact), so that an index on the column serves, as Django; an expression
    compares the extracted year.  Subclasses name the bounds they use in
    get_bound_params()."""

    def year_lookup_bounds(self, connection, year):
        """[first, last] moment of the (ISO) year, as the column stores
        them (a datetime's in the current time zone, stored in UTC)."""
        import datetime

        field = self.lhs.lhs.get_output_field()
        iso_year = isinstance(self.lhs, ExtractIsoYear)
        if isinstance(field, DateTimeField):
            if iso_year:
                first = datetime.datetime.fromisocalendar(year, 1, 1)
                last = datetime.datetime.fromisocalendar(year + 1, 1, 1) - \
                    datetime.timedelta(microseconds=1)
            else:
                first = datetime.datetime(year, 1, 1)
                last = datetime.datetime(year, 12, 31, 23, 59, 59, 999999)
            if settings.USE_TZ:
                tz = get_current_timezone()
                first, last = (make_aware(d, tz) for d in (first, last))
        elif iso_year:
            first = datetime.date.fromisocalendar(year, 1, 1)
            last = datetime.date.fromisocalendar(year + 1, 1, 1) - \
                datetime.timedelta(days=1)
        else:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return [_adapt_param(field.get_db_prep_value(bound)) for bound in (first, last)]

    def _direct_year(self):
        """The year of a plain value on a date or datetime column, else None."""
        if not self.rhs_is_direct_value() or isinstance(self.rhs, bool) or \
                self.bilateral_transforms:
            return None
        source = getattr(self.lhs, "lhs", None)
        field = source.get_output_field() if isinstance(source, _CompiledLhs) \
            else None
        if not isinstance(field, DateField) or isinstance(field, TimeField):
            return None
        try:
            return int(self.rhs)
        except (TypeError, ValueError):
            return None

    def as_sql(self, compiler, connection):
        year = self._direct_year()
        if year is None or not 1 <= year <= 9998:
            return super().as_sql(compiler, connection)
        lhs_sql, params = self.process_lhs(compiler, connection, self.lhs.lhs)
        start, finish = self.year_lookup_bounds(connection, year)
        params = list(params) + list(self.get_bound_params(start, finish))
        return "%s %s" % (lhs_sql, self.get_direct_rhs_sql(connection, "?")), params

    def get_direct_rhs_sql(self, connection, rhs):
        return "%s %s" % (self.operator, rhs)

    def get_bound_params(self, start, finish):
        raise NotImplementedError(
            "subclasses of YearLookup must provide a get_bound_params() method")


class YearExact(YearLookup, Exact):
    def get_direct_rhs_sql(self, connection, rhs):
        return "BETWEEN ? AND ?"

    def get_bound_params(self, start, finish):
        return (start, finish)


class YearGt(YearLookup, GreaterThan):
    def get_bound_params(self, start, finish):
        return (finish,)


class YearGte(YearLookup, GreaterThanOrEqual):
    def get_bound_params(self, start, finish):
        return (start,)


class YearLt(YearLookup, LessThan):
    def get_bound_params(self, start, finish):
        return (start,)


class YearLte(YearLookup, LessThanOrEqual):
    def get_bound_params(self, start, finish):
        return (finish,)


list(map(ExtractYear.register_lookup, (YearExact, YearGt, YearGte, YearLt, YearLte)))
list(map(ExtractIsoYear.register_lookup,
         (YearExact, YearGt, YearGte, YearLt, YearLte)))

list(map(DateField.register_lookup, (  # TimeField is a DateField here
    ExtractYear, ExtractIsoYear, ExtractMonth, ExtractDay, ExtractWeek, ExtractWeekDay,
    ExtractIsoWeekDay, ExtractQuarter, ExtractHour, ExtractMinute, ExtractSecond)))
DateTimeField.register_lookup(_DateCast)
DateTimeField.register_lookup(_TimeCast)

#: The built-in transform names.
_DATE_TRANSFORMS = {t.lookup_name for t in DateTimeField.get_class_lookups().values()
                    if issubclass(t, Transform)} - {"date", "time"}
