"""The expression API applications use (window functions and frames, the
math, text and comparison functions, custom Func and Aggregate classes),
run on real Django (tests/gen_expressions_expected.py records the results)
and on djscratch (tests/test_orm_expressions_api.py compares).  The same
text runs on both.
"""

import datetime
import decimal
import json
import uuid

from django.db import connection, models
from django.db.models import (
    Aggregate, Avg, Count, F, Func, Max, OrderBy, Q, RowRange, Sum, Value, ValueRange,
    Window,
)
from django.db.models import Case, ExpressionWrapper, OuterRef, Subquery, When
from django.db.models.lookups import Exact
from django.db.models.expressions import ExpressionList, RawSQL
from django.db.models.functions import (
    Abs, Cast, Ceil, Coalesce, Collate, Concat, ExtractYear, FirstValue, Floor,
    Greatest, Lag,
    LastValue, Lead, Least, Left, Length, Lower, LPad, MD5, Mod, NthValue, Ntile,
    NullIf, PercentRank, Pi, Power, Rank, DenseRank, Repeat, Replace, Reverse, Right,
    Round, RowNumber, RPad, Sign, Sqrt, StrIndex, Substr, Upper, CumeDist,
)
from django.db.models.functions import (
    Extract, ExtractWeekDay, TruncDay, TruncHour, TruncMonth, TruncQuarter,
)


class Employee(models.Model):
    name = models.CharField(max_length=40)
    department = models.CharField(max_length=40)
    salary = models.IntegerField()
    bonus = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    ratio = models.FloatField(default=0.5)
    hired = models.DateField()

    class Meta:
        app_label = "orm_oracle"


MODELS = (Employee,)

ROWS = [
    ("Ann", "Sales", 50, "12.50", -1.5, "2010-03-01"),
    ("Bob", "Sales", 40, None, 2.25, "2012-07-15"),
    ("Cid", "Sales", 40, "-3.75", 0.5, "2015-01-20"),
    ("Dee", "IT", 70, "7.00", 9.0, "2011-11-11"),
    ("Eve", "IT", 60, "0.10", -4.0, "2013-05-05"),
    ("Fay", "HR", 30, "100.25", 1.0, "2019-09-09"),
]


class Double(Func):
    """A custom function by template."""

    template = "(%(expressions)s * 2)"
    output_field = models.IntegerField()


class Plus(Func):
    """A custom function by arg_joiner."""

    template = "(%(expressions)s)"
    arg_joiner = " + "


class Shout(Func):
    """A custom function overriding as_sql and calling super() with a function."""

    function = "LOWER"

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="UPPER", **extra_context)


class SqliteOnly(Func):
    """as_sqlite wins over as_sql on SQLite."""

    function = "NOT_A_FUNCTION"

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return "(%s || %%s)" % sql, (*params, "!")


class Rewritten(Func):
    """resolve_expression() may rewrite the expression when it is added."""

    function = "UPPER"

    def resolve_expression(self, *args, **kwargs):
        c = super().resolve_expression(*args, **kwargs)
        c.function = "LOWER"
        return c


class GroupConcat(Aggregate):
    function = "GROUP_CONCAT"
    template = "%(function)s(%(distinct)s%(expressions)s)"
    allow_distinct = True
    output_field = models.CharField()


def _value(value):
    if isinstance(value, decimal.Decimal):
        return "Decimal(%s)" % value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, datetime.timedelta):
        return "timedelta(%s)" % value.total_seconds()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows(queryset, *names):
    return [[_value(row[n]) for n in names] for row in queryset.values(*names)]


def _outcome(call):
    try:
        return ["ok", call()]
    except (ValueError, TypeError) as err:
        return [type(err).__name__, str(err)]


def _window_cases(out):
    qs = Employee.objects.order_by("pk")
    out["window_rank"] = _rows(qs.annotate(r=Window(
        Rank(), partition_by=F("department"), order_by=F("salary").desc())),
        "name", "r")
    out["window_dense_rank_rownumber"] = _rows(qs.annotate(
        d=Window(DenseRank(), order_by=[F("salary").desc()]),
        n=Window(RowNumber(), order_by=["-salary", "name"])), "name", "d", "n")
    out["window_running_sum"] = _rows(qs.annotate(s=Window(
        Sum("salary"), partition_by="department", order_by="hired")), "name", "s")
    out["window_avg_partition"] = _rows(qs.annotate(a=Window(
        Avg("salary"), partition_by=[F("department")])), "name", "a")
    out["window_lag_lead"] = _rows(qs.annotate(
        lag=Window(Lag("salary", 1, default=0), order_by="hired"),
        lead=Window(Lead("name"), order_by="hired")), "name", "lag", "lead")
    out["window_first_last_nth"] = _rows(qs.annotate(
        first=Window(FirstValue("name"), partition_by="department",
                     order_by="salary"),
        last=Window(LastValue("name"), partition_by="department",
                    order_by="salary", frame=RowRange(None, None)),
        nth=Window(NthValue("name", 2), order_by="name",
                   frame=RowRange(start=None, end=None))), "name", "first", "last",
        "nth")
    out["window_lag_decimal"] = _rows(qs.annotate(prev=Window(
        Lag("bonus", 1), order_by="hired")), "name", "prev")
    out["window_ntile_percent_cume"] = _rows(qs.annotate(
        t=Window(Ntile(3), order_by="salary"),
        p=Window(PercentRank(), order_by="salary"),
        c=Window(CumeDist(), order_by="salary")), "name", "t", "p", "c")
    out["window_row_frame"] = _rows(qs.annotate(s=Window(
        Sum("salary"), order_by="hired", frame=RowRange(start=-1, end=1))),
        "name", "s")
    out["window_range_frame"] = _rows(qs.annotate(s=Window(
        Max("salary"), order_by="salary", frame=ValueRange(start=-10, end=0))),
        "name", "s")
    ranked = qs.annotate(r=Window(Rank(), partition_by="department",
                                  order_by=F("salary").desc()))
    out["window_filter"] = list(ranked.filter(r=1).values_list("name", flat=True))
    out["window_filter_mixed"] = list(ranked.filter(
        Q(r=2) | Q(salary__lt=35), salary__lt=65).values_list("name", flat=True))
    out["window_filter_sliced"] = list(ranked.filter(r__lte=1).values_list(
        "name", flat=True)[1:3])
    out["window_filter_count"] = ranked.filter(r=1).count()
    out["window_filter_inline"] = list(Employee.objects.filter(Exact(Window(
        Rank(), partition_by="department", order_by="-salary"), 1)).order_by(
        "name").values_list("name", flat=True))
    out["window_filter_or"] = list(ranked.filter(
        Q(r=1) | Q(department="IT")).values_list("name", flat=True))
    out["window_filter_case"] = list(ranked.annotate(first=Case(
        When(r=1, then=True), default=False)).filter(first=True).values_list(
        "name", flat=True))
    out["window_filter_exists"] = ranked.filter(r=3).exists()
    out["window_filter_alias"] = list(qs.alias(r=Window(
        Rank(), partition_by="department", order_by=F("salary").desc())).filter(
        r=1).values_list("name", flat=True))
    out["window_filter_combined"] = list(qs.annotate(diff=Window(
        Avg("salary"), partition_by="department") - F("salary")).filter(
        diff__gt=0).values_list("name", flat=True))
    out["window_empty_order_by"] = _rows(qs.annotate(s=Window(
        Sum("salary"), partition_by="department", order_by=[])), "name", "s")
    out["aggregate_over_grouped"] = Employee.objects.values("department").annotate(
        total=Sum("salary")).aggregate(top=Max("total") * 2, both=Max("total")
                                       + Max("total"))
    out["window_errors"] = [
        _outcome(lambda: Window(Lower("name"))),
        _outcome(lambda: Window(Rank(), order_by=1)),
        _outcome(lambda: Lag("salary", 0)),
        _outcome(lambda: NthValue(None)),
        _outcome(lambda: Ntile(0)),
        _outcome(lambda: str(RowRange(-2, 3))),
        _outcome(lambda: str(ValueRange(None, 0))),
        _outcome(lambda: repr(Window(Rank(), partition_by="department"))),
        _outcome(lambda: repr(Window(Avg("salary"), order_by=F("department").asc()))),
        _outcome(lambda: repr(OrderBy(F("name"), descending=True))),
    ]


def _math_cases(out):
    qs = Employee.objects.order_by("pk")
    out["math_abs_sign"] = _rows(qs.annotate(
        a=Abs("bonus"), r=Abs("ratio"), s=Sign("ratio")), "name", "a", "r", "s")
    out["math_mod_power_sqrt"] = _rows(qs.annotate(
        m=Mod("salary", 7), p=Power("salary", 2), q=Sqrt("salary")),
        "name", "m", "p", "q")
    out["math_round_ceil_floor"] = _rows(qs.annotate(
        r=Round("ratio"), r1=Round("bonus", 1), c=Ceil("ratio"), f=Floor("ratio")),
        "name", "r", "r1", "c", "f")
    out["math_pi"] = _value(Employee.objects.annotate(pi=Pi()).first().pi)
    with register(models.FloatField, Abs):
        out["math_abs_lookup"] = sorted(
            Employee.objects.filter(ratio__abs__gt=2).values_list("name", flat=True))


class register:
    def __init__(self, field, lookup):
        self.field, self.lookup = field, lookup

    def __enter__(self):
        self.field.register_lookup(self.lookup)

    def __exit__(self, *exc):
        self.field._unregister_lookup(self.lookup)


def _text_cases(out):
    qs = Employee.objects.order_by("pk")
    out["text_pad_repeat_reverse"] = _rows(qs.annotate(
        l=LPad("name", 6, Value("*")), r=RPad("name", 5), rep=Repeat("name", 2),
        rev=Reverse("department")), "l", "r", "rep", "rev")
    out["text_substr_left_right"] = _rows(qs.annotate(
        s=Substr("department", 2), s2=Substr("department", 1, 2),
        le=Left("department", 2), ri=Right("department", 3),
        i=StrIndex("department", Value("l"))), "s", "s2", "le", "ri", "i")
    out["text_replace_md5_length"] = _rows(qs.annotate(
        rp=Replace("department", Value("a"), Value("4")), h=MD5("name"),
        n=Length("department"), u=Upper("name")), "rp", "h", "n", "u")
    out["text_errors"] = [
        _outcome(lambda: Substr("name", 0)), _outcome(lambda: Left("name", 0)),
        _outcome(lambda: LPad("name", -1)), _outcome(lambda: Repeat("name", -1)),
        _outcome(lambda: Coalesce("name")), _outcome(lambda: Greatest("salary")),
    ]


def _comparison_cases(out):
    qs = Employee.objects.order_by("pk")
    out["greatest_least_nullif"] = _rows(qs.annotate(
        g=Greatest("salary", Value(45)), le=Least("salary", Value(45)),
        n=NullIf("department", Value("IT")), y=ExtractYear("hired")),
        "g", "le", "n", "y")
    out["date_arithmetic"] = _rows(qs.annotate(
        later=F("hired") + datetime.timedelta(days=30, hours=1),
        since=F("hired") - Value(datetime.date(2010, 1, 1)),
        back=F("hired") - datetime.timedelta(days=1)), "later", "since", "back")
    out["date_arithmetic_filter"] = sorted(Employee.objects.filter(
        hired__gt=Value(datetime.date(2012, 1, 1)) - datetime.timedelta(days=400))
        .values_list("name", flat=True))
    out["cast_dates"] = _rows(qs.annotate(
        d=Cast("hired", models.DateField()), t=Cast("hired", models.DateTimeField()),
        s=Cast("salary", models.CharField())), "d", "t", "s")
    out["f_transforms"] = _rows(qs.annotate(
        y=F("hired__year"), m=F("hired__month") + 1), "y", "m")
    out["extract_trunc_errors"] = [_outcome(lambda: list(qs.annotate(x=expression)))
                                   for expression in (
        Extract("hired", "hour"), Extract("salary", "year"), TruncHour("hired"),
        TruncDay("hired", output_field=models.DateTimeField()))]
    out["trunc_dates"] = _rows(qs.annotate(m=TruncMonth("hired"), q=TruncQuarter(
        "hired"), w=ExtractWeekDay("hired")), "m", "q", "w")


def _custom_cases(out):
    qs = Employee.objects.order_by("pk")
    out["custom_funcs"] = _rows(qs.annotate(
        d=Double("salary"), p=Plus("salary", Value(1), Value(2)),
        s=Shout("name"), o=SqliteOnly("name")), "d", "p", "s", "o")
    out["custom_resolve_expression"] = _rows(qs.annotate(r=Rewritten("name")), "r")
    out["custom_func_extra"] = _rows(qs.annotate(
        c=Func(F("name"), Value("-"), F("department"), function="CONCAT_WS_NOPE",
               template="(%(expressions)s)", arg_joiner=" || ")), "c")
    out["custom_aggregate"] = Employee.objects.filter(department="Sales").aggregate(
        names=GroupConcat("name", distinct=True))
    totals = Employee.objects.aggregate(
        it=Sum("salary", filter=Q(department="IT")),
        none=Sum("salary", filter=Q(department="Nope"), default=0),
        n=Count("department", distinct=True))
    out["aggregate_filter_default"] = {k: _value(v) for k, v in totals.items()}
    out["raw_and_expression_list"] = _rows(qs.annotate(
        raw=RawSQL("salary + %s", (5,)), ol=Concat("name", Value("/"), "department")),
        "raw", "ol")
    out["order_by_expression"] = list(Employee.objects.order_by(
        OrderBy(F("bonus"), descending=True, nulls_last=True), "name").values_list(
        "name", flat=True))
    out["f_slices"] = _rows(qs.annotate(
        a=F("name")[1:3], b=F("department")[0], c=F("department")[2:]), "a", "b", "c")
    out["f_slice_errors"] = [
        _outcome(lambda: F("name")[-1]), _outcome(lambda: F("name")[::2]),
        _outcome(lambda: F("name")[3:1]), _outcome(lambda: F("name")["x"]),
        _outcome(lambda: repr(F("name")[1:4]))]
    out["boolean_expression_filter"] = sorted(Employee.objects.filter(
        ExpressionWrapper(Q(salary__gt=50), output_field=models.BooleanField()))
        .values_list("name", flat=True))
    peers = Employee.objects.filter(department=OuterRef(OuterRef("department")),
                                    salary__gt=OuterRef("salary"))
    richer = Employee.objects.filter(pk=OuterRef("pk")).annotate(
        n=Subquery(peers.values("department").annotate(c=Count("pk")).values("c")))
    out["nested_outerref"] = _rows(qs.annotate(n=Subquery(richer.values("n"))),
                                   "name", "n")
    grouped = Employee.objects.values("department").order_by("department")
    out["filter_default_alias_aggregate"] = list(grouped.annotate(Count("name")).filter(
        Q(name__count__gt=2) | Q(department="HR")).values_list("department", flat=True))
    out["filter_aggregate_in_value"] = list(grouped.annotate(
        n=Count("pk"), top=Max("salary")).filter(top__gt=F("n") * 25).values_list(
        "department", flat=True))
    out["annotation_with_params_in_f"] = _rows(qs.annotate(
        x=F("salary") + Value(5)).annotate(y=F("x") * 2).filter(x__gt=F("x") - 1),
        "x", "y")
    updated = Employee.objects.annotate(tag=Concat("department", Value("!"))).filter(
        tag="IT!").update(name=F("tag"))
    out["update_annotated"] = [updated, sorted(
        Employee.objects.values_list("name", flat=True))]
    out["allowed_default"] = [e.allowed_default for e in (
        Value(1), Func(Value(1), function="ABS"), F("name"), Value(1) + F("salary"),
        Value(1) + Value(2), Pi(), Collate(Value("a"), "nocase"),
        ExpressionWrapper(Value(1), output_field=models.FloatField()),
        Case(When(Exact(Value(2), Value(1)), then=3), default=4))]
    out["value_output_fields"] = [type(Value(v).output_field).__name__ for v in (
        "s", True, 4, 1.5, datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2),
        datetime.time(3, 4), datetime.timedelta(1), decimal.Decimal("1.5"), b"x",
        uuid.UUID(int=7))]
    out["deconstruct"] = [
        _deconstructed(Func(F("name"), function="LOWER")),
        _deconstructed(Value(1)), _deconstructed(F("name")),
        Value(1) == Value(1), Value(1) == Value(2), Lower("name") == Lower("name"),
        repr(ExpressionList(F("a"), F("b"))),
    ]


def _deconstructed(expression):
    path, args, kwargs = expression.deconstruct()
    return [path, [repr(a) for a in args], sorted(kwargs)]


def run():
    """Create the table, run every case, drop the table; return what was seen."""
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    out = {}
    try:
        for name, department, salary, bonus, ratio, hired in ROWS:
            Employee.objects.create(
                name=name, department=department, salary=salary,
                bonus=None if bonus is None else decimal.Decimal(bonus), ratio=ratio,
                hired=hired)
        for cases in (_window_cases, _math_cases, _text_cases, _comparison_cases,
                      _custom_cases):
            cases(out)
    finally:
        with connection.schema_editor() as editor:
            for model in reversed(MODELS):
                editor.delete_model(model)
    return json.loads(json.dumps(out))
