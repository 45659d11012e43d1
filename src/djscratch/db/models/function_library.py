"""The math, text, comparison, JSON and window functions
(django/db/models/functions/{math,text,comparison,json,window}.py); the
one-argument ones are transforms (`register_lookup(Abs)`, `n__abs__lt=2`).
"""


from djscratch.db.backends.sqlite import quote_name
from djscratch.db.models.fields import CharField, IntegerField
from djscratch.db.models.fields_extra import DecimalField, FloatField, JSONField
from djscratch.db.models.expressions import Func, Value
from djscratch.db.models.functions import Coalesce
from djscratch.db.models.lookups import Transform
from djscratch.utils.regex_helper import _lazy_re_compile


class NumericOutputFieldMixin:
    """A decimal source gives a decimal, an integer one a float."""

    def _resolve_output_field(self):
        sources = [f for f in self.get_source_fields() if f is not None]
        if any(isinstance(s, DecimalField) for s in sources):
            return DecimalField()
        if any(isinstance(s, IntegerField) for s in sources):
            return FloatField()
        return super()._resolve_output_field() if sources else FloatField()


class FixDecimalInputMixin:
    """Django casts float arguments for PostgreSQL; nothing to do on SQLite."""


# -- text


class Lower(Transform):
    function = "LOWER"
    lookup_name = "lower"


class Upper(Transform):
    function = "UPPER"
    lookup_name = "upper"


class Length(Transform):
    """The number of characters in the expression."""

    function = "LENGTH"
    lookup_name = "length"
    output_field = IntegerField()


class Chr(Transform):
    function = "CHR"
    lookup_name = "chr"
    output_field = CharField()

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super().as_sql(compiler, connection, function="CHAR", **extra_context)


class ConcatPair(Func):
    """Two arguments concatenated, a NULL one counting as empty."""

    function = "CONCAT"

    def coalesce(self):
        c = self.copy()
        c.set_source_expressions([Coalesce(e, Value(""))
                                  for e in c.get_source_expressions()])
        return c

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super(ConcatPair, self.coalesce()).as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" || ",
            **extra_context)


class Left(Func):
    function = "LEFT"
    arity = 2
    output_field = CharField()

    def __init__(self, expression, length, **extra):
        if not hasattr(length, "resolve_expression") and length < 1:
            raise ValueError("'length' must be greater than 0.")
        super().__init__(expression, length, **extra)

    def get_substr(self):
        return Substr(self.source_expressions[0], Value(1), self.source_expressions[1])

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return self.get_substr().as_sqlite(compiler, connection, **extra_context)


class Right(Left):
    function = "RIGHT"

    def get_substr(self):
        return Substr(self.source_expressions[0],
                      self.source_expressions[1] * Value(-1),
                      self.source_expressions[1])


class LPad(Func):
    function = "LPAD"
    output_field = CharField()

    def __init__(self, expression, length, fill_text=Value(" "), **extra):
        if not hasattr(length, "resolve_expression") and length is not None and \
                length < 0:
            raise ValueError("'length' must be greater or equal to 0.")
        super().__init__(expression, length, fill_text, **extra)


class RPad(LPad):
    function = "RPAD"


class LTrim(Transform):
    function = "LTRIM"
    lookup_name = "ltrim"


class RTrim(Transform):
    function = "RTRIM"
    lookup_name = "rtrim"


class Trim(Transform):
    function = "TRIM"
    lookup_name = "trim"


class MD5(Transform):
    function = "MD5"
    lookup_name = "md5"


class Ord(Transform):
    function = "ASCII"
    lookup_name = "ord"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super().as_sql(compiler, connection, function="UNICODE",
                              **extra_context)


class Repeat(Func):
    function = "REPEAT"
    output_field = CharField()

    def __init__(self, expression, number, **extra):
        if not hasattr(number, "resolve_expression") and number is not None and \
                number < 0:
            raise ValueError("'number' must be greater or equal to 0.")
        super().__init__(expression, number, **extra)


class Replace(Func):
    function = "REPLACE"

    def __init__(self, expression, text, replacement=Value(""), **extra):
        super().__init__(expression, text, replacement, **extra)


class Reverse(Transform):
    function = "REVERSE"
    lookup_name = "reverse"


class SHA1(Transform):
    function = "SHA1"
    lookup_name = "sha1"


class SHA224(Transform):
    function = "SHA224"
    lookup_name = "sha224"


class SHA256(Transform):
    function = "SHA256"
    lookup_name = "sha256"


class SHA384(Transform):
    function = "SHA384"
    lookup_name = "sha384"


class SHA512(Transform):
    function = "SHA512"
    lookup_name = "sha512"


class StrIndex(Func):
    """The 1-based position of a substring, 0 when it is absent."""

    function = "INSTR"
    arity = 2
    output_field = IntegerField()


class Substr(Func):
    function = "SUBSTRING"
    output_field = CharField()

    def __init__(self, expression, pos, length=None, **extra):
        if not hasattr(pos, "resolve_expression") and pos < 1:
            raise ValueError("'pos' must be greater than 0")
        expressions = [expression, pos]
        if length is not None:
            expressions.append(length)
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super().as_sql(compiler, connection, function="SUBSTR",
                              **extra_context)


# -- comparison and conversion


class Collate(Func):
    function = "COLLATE"
    allowed_default = False
    template = "%(expressions)s %(function)s %(collation)s"
    collation_re = _lazy_re_compile(r"^[\w-]+$")

    def __init__(self, expression, collation):
        if not (collation and self.collation_re.match(collation)):
            raise ValueError("Invalid collation name: %r." % collation)
        self.collation = collation
        super().__init__(expression)

    def as_sql(self, compiler, connection=None, **extra_context):
        extra_context.setdefault("collation", quote_name(self.collation))
        return super().as_sql(compiler, connection, **extra_context)


class Greatest(Func):
    """The largest of the expressions (NULL if any is NULL, on SQLite)."""

    function = "GREATEST"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Greatest must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super().as_sqlite(compiler, connection, function="MAX", **extra_context)


class Least(Func):
    """The smallest of the expressions (NULL if any is NULL, on SQLite)."""

    function = "LEAST"

    def __init__(self, *expressions, **extra):
        if len(expressions) < 2:
            raise ValueError("Least must take at least two expressions")
        super().__init__(*expressions, **extra)

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super().as_sqlite(compiler, connection, function="MIN", **extra_context)


class NullIf(Func):
    function = "NULLIF"
    arity = 2


class JSONArray(Func):
    function = "JSON_ARRAY"
    output_field = JSONField()


class JSONObject(Func):
    function = "JSON_OBJECT"
    output_field = JSONField()

    def __init__(self, **fields):
        expressions = []
        for key, value in fields.items():
            expressions.extend((Value(key), value))
        super().__init__(*expressions)


# -- math


class Abs(Transform):
    function = "ABS"
    lookup_name = "abs"


class ACos(NumericOutputFieldMixin, Transform):
    function = "ACOS"
    lookup_name = "acos"


class ASin(NumericOutputFieldMixin, Transform):
    function = "ASIN"
    lookup_name = "asin"


class ATan(NumericOutputFieldMixin, Transform):
    function = "ATAN"
    lookup_name = "atan"


class ATan2(NumericOutputFieldMixin, Func):
    function = "ATAN2"
    arity = 2


class Ceil(Transform):
    function = "CEILING"
    lookup_name = "ceil"


class Cos(NumericOutputFieldMixin, Transform):
    function = "COS"
    lookup_name = "cos"


class Cot(NumericOutputFieldMixin, Transform):
    function = "COT"
    lookup_name = "cot"


class Degrees(NumericOutputFieldMixin, Transform):
    function = "DEGREES"
    lookup_name = "degrees"


class Exp(NumericOutputFieldMixin, Transform):
    function = "EXP"
    lookup_name = "exp"


class Floor(Transform):
    function = "FLOOR"
    lookup_name = "floor"


class Ln(NumericOutputFieldMixin, Transform):
    function = "LN"
    lookup_name = "ln"


class Log(FixDecimalInputMixin, NumericOutputFieldMixin, Func):
    """Log(base, x): the logarithm of x to the base."""

    function = "LOG"
    arity = 2


class Mod(FixDecimalInputMixin, NumericOutputFieldMixin, Func):
    function = "MOD"
    arity = 2


class Pi(NumericOutputFieldMixin, Func):
    function = "PI"
    arity = 0


class Power(NumericOutputFieldMixin, Func):
    function = "POWER"
    arity = 2


class Radians(NumericOutputFieldMixin, Transform):
    function = "RADIANS"
    lookup_name = "radians"


class Random(NumericOutputFieldMixin, Func):
    function = "RANDOM"
    arity = 0

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return super().as_sql(compiler, connection, function="RAND", **extra_context)

    def get_group_by_cols(self):
        return []


class Round(FixDecimalInputMixin, Transform):
    function = "ROUND"
    lookup_name = "round"
    arity = None  # a precision may follow the expression

    def __init__(self, expression, precision=0, **extra):
        super().__init__(expression, precision, **extra)

    def as_sqlite(self, compiler, connection=None, **extra_context):
        precision = self.get_source_expressions()[1]
        if isinstance(precision, Value) and precision.value < 0:
            raise ValueError("SQLite does not support negative precision.")
        return super().as_sqlite(compiler, connection, **extra_context)

    def _resolve_output_field(self):
        return self.get_source_fields()[0]


class Sign(Transform):
    function = "SIGN"
    lookup_name = "sign"


class Sin(NumericOutputFieldMixin, Transform):
    function = "SIN"
    lookup_name = "sin"


class Sqrt(NumericOutputFieldMixin, Transform):
    function = "SQRT"
    lookup_name = "sqrt"


class Tan(NumericOutputFieldMixin, Transform):
    function = "TAN"
    lookup_name = "tan"


# -- window functions


class CumeDist(Func):
    function = "CUME_DIST"
    output_field = FloatField()
    window_compatible = True


class DenseRank(Func):
    function = "DENSE_RANK"
    output_field = IntegerField()
    window_compatible = True


class FirstValue(Func):
    arity = 1
    function = "FIRST_VALUE"
    window_compatible = True


class LagLeadFunction(Func):
    window_compatible = True

    def __init__(self, expression, offset=1, default=None, **extra):
        if expression is None:
            raise ValueError("%s requires a non-null source expression."
                             % type(self).__name__)
        if offset is None or offset <= 0:
            raise ValueError("%s requires a positive integer for the offset."
                             % type(self).__name__)
        args = (expression, offset)
        if default is not None:
            args += (default,)
        super().__init__(*args, **extra)

    def _resolve_output_field(self):
        return self.get_source_fields()[0]


class Lag(LagLeadFunction):
    function = "LAG"


class LastValue(Func):
    arity = 1
    function = "LAST_VALUE"
    window_compatible = True


class Lead(LagLeadFunction):
    function = "LEAD"


class NthValue(Func):
    function = "NTH_VALUE"
    window_compatible = True

    def __init__(self, expression, nth=1, **extra):
        if expression is None:
            raise ValueError("%s requires a non-null source expression."
                             % type(self).__name__)
        if nth is None or nth <= 0:
            raise ValueError("%s requires a positive integer as for nth."
                             % type(self).__name__)
        super().__init__(expression, nth, **extra)

    def _resolve_output_field(self):
        return self.get_source_fields()[0]


class Ntile(Func):
    function = "NTILE"
    output_field = IntegerField()
    window_compatible = True

    def __init__(self, num_buckets=1, **extra):
        if num_buckets <= 0:
            raise ValueError("num_buckets must be greater than 0.")
        super().__init__(num_buckets, **extra)


class PercentRank(Func):
    function = "PERCENT_RANK"
    output_field = FloatField()
    window_compatible = True


class Rank(Func):
    function = "RANK"
    output_field = IntegerField()
    window_compatible = True


class RowNumber(Func):
    function = "ROW_NUMBER"
    output_field = IntegerField()
    window_compatible = True
