"""JSONField's transforms and lookups (django/db/models/fields/json.py):
data__a__0 walks keys and indexes (KeyTransform, KT()), has_key/has_keys/
has_any_keys, exact/in/isnull/comparisons on a key, text lookups on its
text; contains/contained_by are refused on SQLite, as Django does.
"""

import json

from djscratch.db.utils import NotSupportedError
from djscratch.db.models.constants import LOOKUP_SEP
from djscratch.db.models.expressions import _group_of, Expression, F, OuterRef
from djscratch.db.models.fields import TextField
from djscratch.db.models.fields_extra import JSONField
from djscratch.db.models.lookups import (
    Exact, GreaterThan, GreaterThanOrEqual, IContains, IEndsWith, IExact, In,
    IRegex, IStartsWith, IsNull, LessThan, LessThanOrEqual, EndsWith, Lookup,
    Regex, StartsWith, Transform,
)

#: The JSON types SQLite's JSON_TYPE names that JSON_EXTRACT cannot tell
#: apart from SQL values (Django's connection.ops.jsonfield_datatype_values).
_JSON_DATATYPE_VALUES = ("false", "null", "true")


def compile_json_path(key_transforms, include_root=True):
    """The SQLite JSON path of keys: integers index arrays, other keys are
    JSON strings (quotes, dots and NUL stay inside the key)."""
    path = ["$"] if include_root else []
    for key in key_transforms:
        try:
            path.append("[%d]" % int(key))
        except ValueError:
            path.append("." + json.dumps(key))
    return "".join(path)


def _compile(compiler, expression, connection):
    return compiler.compile(expression, _group_of(compiler, connection))


class DataContains(Lookup):
    """value__contains={...}: JSON containment, which SQLite lacks."""

    lookup_name = "contains"

    def as_sql(self, compiler, connection):
        raise NotSupportedError(
            "contains lookup is not supported on this database backend.")


class ContainedBy(Lookup):
    lookup_name = "contained_by"

    def as_sql(self, compiler, connection):
        raise NotSupportedError(
            "contained_by lookup is not supported on this database backend.")


class HasKeyLookup(Lookup):
    """Whether the JSON (or the value under a key) has the key(s) on the
    right: JSON_TYPE(col, path) IS NOT NULL, joined by logical_operator."""

    logical_operator = None
    prepare_rhs = False
    template = "JSON_TYPE(%s, ?) IS NOT NULL"

    def compile_json_path_final_key(self, key):
        # The key asked for is a key, never an array index.
        return ".%s" % json.dumps(key)

    def _as_sql_parts(self, compiler, connection):
        if isinstance(self.lhs, KeyTransform):
            lhs_sql, lhs_params, keys = self.lhs.preprocess_lhs(compiler, connection)
            lhs_path = compile_json_path(keys)
        else:
            lhs_sql, lhs_params = _compile(compiler, self.lhs, connection)
            lhs_path = "$"
        rhs = self.rhs if isinstance(self.rhs, (list, tuple)) else [self.rhs]
        for key in rhs:
            if isinstance(key, F) and not isinstance(key, OuterRef):
                key = _key_transform_of(compiler, connection, key)
            if isinstance(key, KeyTransform):
                *_, keys = key.preprocess_lhs(compiler, connection)
            else:
                keys = [key]
            *keys, final = keys
            path = compile_json_path(keys, include_root=False)
            yield lhs_sql, lhs_params, lhs_path + path + \
                self.compile_json_path_final_key(final)

    def as_sql(self, compiler, connection, template=None):
        template = template or self.template
        parts, params = [], []
        for lhs_sql, lhs_params, path in self._as_sql_parts(compiler, connection):
            parts.append(template % lhs_sql)
            params.extend(list(lhs_params) + [path])
        if self.logical_operator:
            return "(%s)" % self.logical_operator.join(parts), params
        return "".join(parts), params


def _key_transform_of(compiler, connection, ref):
    """F("data__a__b") as the KeyTransform it names (Django resolves it so),
    or the F itself when it names no key of a JSON value."""
    _alias, field, keys, _multi = compiler.setup_path(
        ref.name.split(LOOKUP_SEP), _group_of(compiler, connection))
    if isinstance(field, KeyTransform):  # an annotation that is a key
        transform = field
    elif keys and isinstance(field, JSONField):
        transform = field.name
    else:
        return ref
    for key in keys:
        transform = KeyTransform(key, transform)
    return transform


class HasKey(HasKeyLookup):
    lookup_name = "has_key"


class HasKeys(HasKeyLookup):
    lookup_name = "has_keys"
    logical_operator = " AND "

    def get_prep_lookup(self):
        return [str(item) for item in self.rhs]


class HasAnyKeys(HasKeys):
    lookup_name = "has_any_keys"
    logical_operator = " OR "


class HasKeyOrArrayIndex(HasKey):
    """has_key where an integer final key indexes an array (key__isnull)."""

    def compile_json_path_final_key(self, key):
        return compile_json_path([key], include_root=False)


class JSONExact(Exact):
    """value=... compares the JSON text; None means JSON null."""

    can_use_none_as_rhs = True

    def process_rhs(self, compiler, connection, value=None):
        rhs, rhs_params = super().process_rhs(compiler, connection, value)
        if rhs == "?" and rhs_params == [None]:
            rhs_params = ["null"]
        return rhs, rhs_params

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection, self.rhs)
        return "%s = %s" % (lhs, rhs), list(lhs_params) + list(rhs_params)


class JSONIContains(IContains):
    """icontains on the JSON text itself."""


list(map(JSONField.register_lookup, (
    DataContains, ContainedBy, HasKey, HasKeys, HasAnyKeys, JSONExact, JSONIContains)))


class KeyTransform(Transform):
    """The value under a key (or array index) of a JSON value:
    KeyTransform("a", "data") is data__a."""

    def __init__(self, key_name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_name = str(key_name)

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self.key_name, self.lhs)

    def preprocess_lhs(self, compiler, connection):
        """(sql, params, keys) of the JSON value this chain of keys starts
        from and the keys, outermost first."""
        keys = [self.key_name]
        previous = self.lhs
        while isinstance(previous, KeyTransform):
            keys.insert(0, previous.key_name)
            previous = previous.lhs
        sql, params = _compile(compiler, previous, connection)
        return sql, list(params), keys

    def as_sql(self, compiler, connection=None, **extra_context):
        lhs, params, keys = self.preprocess_lhs(compiler, connection)
        path = compile_json_path(keys)
        # JSON_EXTRACT answers SQL 0/1/NULL for false/true/null: their
        # JSON_TYPE tells them apart from the numbers and a missing key.
        types = ",".join("'%s'" % t for t in _JSON_DATATYPE_VALUES)
        sql = ("(CASE WHEN JSON_TYPE(%s, ?) IN (%s) THEN JSON_TYPE(%s, ?) "
               "ELSE JSON_EXTRACT(%s, ?) END)" % (lhs, types, lhs, lhs))
        return sql, (params + [path]) * 3

    def as_sqlite(self, compiler, connection=None, **extra_context):
        return self.as_sql(compiler, connection, **extra_context)


class KeyTextTransform(KeyTransform):
    """The value under a key, as text (KT("data__a__b"))."""

    output_field = TextField()

    @classmethod
    def from_lookup(cls, lookup):
        transform, *keys = lookup.split(LOOKUP_SEP)
        if not keys:
            raise ValueError("Lookup must contain key or index transforms.")
        for key in keys:
            transform = cls(key, transform)
        return transform


KT = KeyTextTransform.from_lookup


class KeyTransformTextLookupMixin:
    """A text lookup (iexact, startswith, regex, ...) on a key's text."""

    def __init__(self, key_transform, *args, **kwargs):
        if not isinstance(key_transform, KeyTransform):
            raise TypeError("Transform should be an instance of KeyTransform in order "
                            "to use this lookup.")
        text = KeyTextTransform(key_transform.key_name,
                                *key_transform.source_expressions,
                                **key_transform.extra)
        super().__init__(text, *args, **kwargs)


class CaseInsensitiveMixin:
    """Django lowers both sides on MySQL only; SQLite's LIKE already folds
    ASCII case."""


class KeyTransformIsNull(IsNull):
    """key__isnull=False is has_key (an integer key indexes an array)."""

    def as_sql(self, compiler, connection):
        if self.rhs not in (True, False):
            raise ValueError("The QuerySet value for an isnull lookup must be True "
                             "or False.")
        template = "JSON_TYPE(%s, ?) IS NULL" if self.rhs else \
            "JSON_TYPE(%s, ?) IS NOT NULL"
        return HasKeyOrArrayIndex(self.lhs.lhs, self.lhs.key_name).as_sql(
            compiler, connection, template=template)


def _json_rhs(compiler, connection, value, field):
    """One right-hand value compared with a key's value: JSON text read
    back with JSON_EXTRACT (true/false/null stay their JSON_TYPE names)."""
    if hasattr(value, "as_sql") or hasattr(value, "resolve_expression"):
        return compiler.compile(value, _group_of(compiler, connection))
    text = "null" if value is None else field.get_db_prep_value(value)
    if text in _JSON_DATATYPE_VALUES:
        return "?", [text]
    return "JSON_EXTRACT(?, '$')", [text]


class KeyTransformExact(JSONExact):
    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = _json_rhs(compiler, connection, self.rhs,
                                    _json_field(self.lhs))
        return "%s = %s" % (lhs, rhs), list(lhs_params) + list(rhs_params)


def _json_field(expression):
    field = expression.get_output_field() if hasattr(
        expression, "get_output_field") else None
    return field if isinstance(field, JSONField) else JSONField()


class KeyTransformIn(In):
    def as_sql(self, compiler, connection):
        if hasattr(self.rhs, "query") and compiler._is_query(self.rhs.query):
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = _json_field(self.lhs)
        sqls, params = [], []
        for value in self._values(compiler, connection):
            sql, p = _json_rhs(compiler, connection, value, field)
            sqls.append(sql)
            params.extend(p)
        if not sqls:
            return "0 = 1", []
        return "%s IN (%s)" % (lhs, ", ".join(sqls)), list(lhs_params) + params


class KeyTransformIExact(CaseInsensitiveMixin, KeyTransformTextLookupMixin, IExact):
    pass


class KeyTransformIContains(CaseInsensitiveMixin, KeyTransformTextLookupMixin,
                            IContains):
    pass


class KeyTransformStartsWith(KeyTransformTextLookupMixin, StartsWith):
    pass


class KeyTransformIStartsWith(CaseInsensitiveMixin, KeyTransformTextLookupMixin,
                              IStartsWith):
    pass


class KeyTransformEndsWith(KeyTransformTextLookupMixin, EndsWith):
    pass


class KeyTransformIEndsWith(CaseInsensitiveMixin, KeyTransformTextLookupMixin,
                            IEndsWith):
    pass


class KeyTransformRegex(KeyTransformTextLookupMixin, Regex):
    pass


class KeyTransformIRegex(CaseInsensitiveMixin, KeyTransformTextLookupMixin, IRegex):
    pass


class KeyTransformNumericLookupMixin:
    """lt/lte/gt/gte on a key compare the value itself, not its JSON text."""

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = self.rhs
        if isinstance(value, Expression) or hasattr(value, "resolve_expression"):
            rhs, rhs_params = compiler.compile(value, _group_of(compiler, connection))
        else:
            rhs, rhs_params = "?", [json.loads(_json_field(self.lhs).get_db_prep_value(
                value))]
        return "%s %s %s" % (lhs, self.operator, rhs), list(lhs_params) + list(
            rhs_params)


class KeyTransformLt(KeyTransformNumericLookupMixin, LessThan):
    pass


class KeyTransformLte(KeyTransformNumericLookupMixin, LessThanOrEqual):
    pass


class KeyTransformGt(KeyTransformNumericLookupMixin, GreaterThan):
    pass


class KeyTransformGte(KeyTransformNumericLookupMixin, GreaterThanOrEqual):
    pass


list(map(KeyTransform.register_lookup, (
    KeyTransformIn, KeyTransformExact, KeyTransformIExact, KeyTransformIsNull,
    KeyTransformIContains, KeyTransformStartsWith, KeyTransformIStartsWith,
    KeyTransformEndsWith, KeyTransformIEndsWith, KeyTransformRegex, KeyTransformIRegex,
    KeyTransformLt, KeyTransformLte, KeyTransformGt, KeyTransformGte)))


class KeyTransformFactory:
    """What JSONField.get_transform() answers for a key name."""

    def __init__(self, key_name):
        self.key_name = key_name

    def __call__(self, *args, **kwargs):
        return KeyTransform(self.key_name, *args, **kwargs)
