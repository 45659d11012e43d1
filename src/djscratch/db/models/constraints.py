"""Index, UniqueConstraint and CheckConstraint
(django/db/models/indexes.py and constraints.py).
"""

import enum as _enum

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.sql.compiler, db.models.sql.query.
import djscratch

from djscratch.utils.crypto import _md5
from djscratch.core.exceptions import ValidationError
from djscratch.db.utils import connections, DatabaseError, DEFAULT_DB_ALIAS
from djscratch.utils.log import _get_logger

__all__ = [
    "Index", "BaseConstraint", "UniqueConstraint", "CheckConstraint", "Deferrable",
]


class Index:
    """Meta.indexes entry: Index(fields=[...]) or Index(*expressions, name=...),
    with condition=Q(...), include, opclasses, db_tablespace, as Django's."""

    suffix = "idx"

    def __init__(self, *expressions, fields=(), name=None, db_tablespace=None,
                 opclasses=(), condition=None, include=None):
        _check_index_arguments(expressions, fields, name, opclasses, condition,
                               include)
        self.fields = list(fields)
        self.fields_orders = [
            (f[1:], "DESC") if f.startswith("-") else (f, "") for f in self.fields]
        self.name = name or ""
        self.db_tablespace = db_tablespace
        self.opclasses = opclasses
        self.condition = condition
        self.include = tuple(include) if include else ()
        field_ref = djscratch.db.models.expressions.F
        self.expressions = tuple(field_ref(e) if isinstance(e, str) else e
                                 for e in expressions)

    @property
    def contains_expressions(self):
        return bool(self.expressions)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        """The CREATE INDEX statement (str() of it is the SQL)."""
        return schema_editor._index_sql(model, self)

    def remove_sql(self, model, schema_editor, **kwargs):
        """The DROP INDEX statement."""
        return djscratch.db.backends.schema.Statement(
            "DROP INDEX %(name)s", name=schema_editor.quote_name(self.name))

    def deconstruct(self):
        module = type(self).__module__
        if module in ("djscratch", "django.db.models.indexes") or \
                module.startswith("djscratch."):
            module = "django.db.models"
        kwargs = {"name": self.name}
        if self.fields:
            kwargs["fields"] = self.fields
        if self.db_tablespace is not None:
            kwargs["db_tablespace"] = self.db_tablespace
        for attr in ("opclasses", "condition", "include"):
            if getattr(self, attr):
                kwargs[attr] = getattr(self, attr)
        return "%s.%s" % (module, type(self).__name__), self.expressions, kwargs

    def clone(self):
        _path, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)

    #: Django keeps generated index names within 30 characters (Oracle's limit).
    max_name_length = 30

    def set_name_with_model(self, model):
        """Name the index as Django does: table and first column, cut short,
        and six hex digits of the md5 of the table, the columns (a "-" before
        a descending one) and the suffix."""
        table = model._meta.db_table.split('"."')[-1].strip('"')  # "schema"."table"
        columns = [model._meta.get_field(f).column for f, _ in self.fields_orders]
        ordered = [("-" if order else "") + column
                   for column, (_f, order) in zip(columns, self.fields_orders)]
        digest = _md5()
        for part in [table] + ordered + [self.suffix]:
            digest.update(part.encode())
        self.name = "%s_%s_%s_%s" % (table[:11], columns[0][:7],
                                     digest.hexdigest()[:6], self.suffix)
        if len(self.name) > self.max_name_length:
            raise ValueError("Index too long for multiple database support. Is "
                             "self.suffix longer than 3 characters?")
        if self.name[0] == "_" or self.name[0].isdigit():
            self.name = "D%s" % self.name[1:]

    def __repr__(self):
        return "<%s:%s%s%s%s%s%s%s>" % (
            type(self).__qualname__,
            " fields=%r" % (self.fields,) if self.fields else "",
            " expressions=%r" % (self.expressions,) if self.expressions else "",
            " name=%r" % (self.name,) if self.name else "",
            "" if self.db_tablespace is None
            else " db_tablespace=%r" % (self.db_tablespace,),
            "" if self.condition is None else " condition=%s" % self.condition,
            " include=%r" % (self.include,) if self.include else "",
            " opclasses=%r" % (self.opclasses,) if self.opclasses else "")

    def __eq__(self, other):
        if type(self) is type(other):
            return self.deconstruct() == other.deconstruct()
        return NotImplemented

    __hash__ = object.__hash__


def _check_index_arguments(expressions, fields, name, opclasses, condition,
                           include):
    """Index's argument errors, with Django's messages."""
    q_class = djscratch.db.models.expressions.Q
    if opclasses and not name:
        raise ValueError("An index must be named to use opclasses.")
    if condition is not None and not isinstance(condition, q_class):
        raise ValueError("Index.condition must be a Q instance.")
    if condition and not name:
        raise ValueError("An index must be named to use condition.")
    if not isinstance(fields, (list, tuple)):
        raise ValueError("Index.fields must be a list or tuple.")
    if not isinstance(opclasses, (list, tuple)):
        raise ValueError("Index.opclasses must be a list or tuple.")
    if not expressions and not fields:
        raise ValueError("At least one field or expression is required to define an "
                         "index.")
    if expressions and fields:
        raise ValueError("Index.fields and expressions are mutually exclusive.")
    if expressions and not name:
        raise ValueError("An index must be named to use expressions.")
    if expressions and opclasses:
        raise ValueError("Index.opclasses cannot be used with expressions. Use "
                         "django.contrib.postgres.indexes.OpClass() instead.")
    if opclasses and len(fields) != len(opclasses):
        raise ValueError("Index.fields and Index.opclasses must have the same number "
                         "of elements.")
    if fields and not all(isinstance(field, str) for field in fields):
        raise ValueError("Index.fields must contain only strings with field names.")
    if include and not name:
        raise ValueError("A covering index must be named.")
    if include is not None and not isinstance(include, (list, tuple)):
        raise ValueError("Index.include must be a list or tuple.")


class Deferrable(_enum.Enum):
    DEFERRED = "deferred"
    IMMEDIATE = "immediate"

    def __repr__(self):
        return "%s.%s" % (type(self).__qualname__, self._name_)


def _field_references(expression):
    """The names of the model fields an expression (or a Q) refers to: the
    first part of each F() name and of each Q keyword."""
    found = set()
    q_class = djscratch.db.models.expressions.Q
    f_class = djscratch.db.models.expressions.F
    expression_class = djscratch.db.models.expressions.Expression
    stack = [expression]
    while stack:
        item = stack.pop()
        if isinstance(item, q_class):
            for child in item.children:
                if isinstance(child, tuple):
                    found.add(child[0].split("__")[0])
                    stack.append(child[1])
                else:
                    stack.append(child)
        elif isinstance(item, f_class):
            found.add(item.name.split("__")[0])
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, expression_class):
            stack.extend(v for v in vars(item).values() if isinstance(
                v, (expression_class, q_class, list, tuple)))
    return found


def _refers_to_excluded(model, expression, exclude):
    """Whether an expression uses an excluded field (directly or through a
    generated field's expression): its constraint is then not validated."""
    if not exclude:
        return False
    for name in _field_references(expression):
        if name in exclude:
            return True
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - "pk" and unknown names refer to nothing
            continue
        if field.generated and _refers_to_excluded(model, field.expression, exclude):
            return True
    return False


class BaseConstraint:
    """Base of the Meta.constraints classes: a name and the violation error."""

    default_violation_error_message = "Constraint “%(name)s” is violated."
    violation_error_code = None
    violation_error_message = None
    non_db_attrs = ("violation_error_code", "violation_error_message")

    def __init__(self, *args, name=None, violation_error_code=None,
                 violation_error_message=None):
        if name is None and not args:
            raise TypeError("%s.__init__() missing 1 required keyword-only argument: "
                            "'name'" % type(self).__name__)
        self.name = name
        if violation_error_code is not None:
            self.violation_error_code = violation_error_code
        if violation_error_message is not None:
            self.violation_error_message = violation_error_message
        else:
            self.violation_error_message = self.default_violation_error_message
        if args:  # deprecated in Django 5.0: (name, violation_error_message)
            import warnings

            warnings.warn(
                "Passing positional arguments to %s is deprecated."
                % type(self).__name__,
                djscratch.utils.deprecation.RemovedInDjango60Warning, stacklevel=2)
            for arg, attr in zip(args, ["name", "violation_error_message"]):
                if arg:
                    setattr(self, attr, arg)

    @property
    def contains_expressions(self):
        return False

    def constraint_sql(self, model, schema_editor):
        raise NotImplementedError("This method must be implemented by a subclass.")

    def create_sql(self, model, schema_editor):
        raise NotImplementedError("This method must be implemented by a subclass.")

    def remove_sql(self, model, schema_editor):
        raise NotImplementedError("This method must be implemented by a subclass.")

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        raise NotImplementedError("This method must be implemented by a subclass.")

    def get_violation_error_message(self):
        return self.violation_error_message % {"name": self.name}

    def _violation(self):
        return ValidationError(self.get_violation_error_message(),
                               code=self.violation_error_code)

    def deconstruct(self):
        module = type(self).__module__
        if module in ("djscratch", "django.db.models.constraints") or \
                module.startswith("djscratch."):
            module = "django.db.models"
        path = "%s.%s" % (module, type(self).__name__)
        kwargs = {"name": self.name}
        if self.violation_error_message is not None and \
                self.violation_error_message != self.default_violation_error_message:
            kwargs["violation_error_message"] = self.violation_error_message
        if self.violation_error_code is not None:
            kwargs["violation_error_code"] = self.violation_error_code
        return path, (), kwargs

    def clone(self):
        _path, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)

    def _repr_violation(self):
        """The violation code and message parts of repr(), when not defaults."""
        out = ""
        if self.violation_error_code is not None:
            out += " violation_error_code=%r" % self.violation_error_code
        if self.violation_error_message is not None and \
                self.violation_error_message != self.default_violation_error_message:
            out += " violation_error_message=%r" % self.violation_error_message
        return out


class UniqueConstraint(BaseConstraint):
    """Meta.constraints: UniqueConstraint(fields=[...] or *expressions, name=...,
    condition=Q(...), nulls_distinct=..., ...)."""

    def __init__(self, *expressions, fields=(), name=None, condition=None,
                 deferrable=None, include=None, opclasses=(), nulls_distinct=None,
                 violation_error_code=None, violation_error_message=None):
        _check_unique_arguments(expressions, fields, name, condition, deferrable,
                                include, opclasses, nulls_distinct)
        self.fields = tuple(fields)
        self.condition = condition
        self.deferrable = deferrable
        self.include = tuple(include) if include else ()
        self.opclasses = opclasses
        self.nulls_distinct = nulls_distinct
        field_ref = djscratch.db.models.expressions.F
        self.expressions = tuple(field_ref(e) if isinstance(e, str) else e
                                 for e in expressions)
        super().__init__(name=name, violation_error_code=violation_error_code,
                         violation_error_message=violation_error_message)

    @property
    def contains_expressions(self):
        return bool(self.expressions)

    def _creates_index(self):
        """Whether SQLite gets an index for it (Django creates none for what
        SQLite cannot do: deferrable, covering, NULLS [NOT] DISTINCT)."""
        return self.deferrable is None and not self.include and \
            self.nulls_distinct is None

    def __repr__(self):
        return "<%s:%s%s name=%r%s%s%s%s%s%s>" % (
            type(self).__qualname__,
            " fields=%r" % (self.fields,) if self.fields else "",
            " expressions=%r" % (self.expressions,) if self.expressions else "",
            self.name,
            "" if self.condition is None else " condition=%s" % self.condition,
            "" if self.deferrable is None else " deferrable=%r" % self.deferrable,
            " include=%r" % (self.include,) if self.include else "",
            " opclasses=%r" % (self.opclasses,) if self.opclasses else "",
            "" if self.nulls_distinct is None
            else " nulls_distinct=%r" % self.nulls_distinct,
            self._repr_violation())

    def __eq__(self, other):
        if isinstance(other, UniqueConstraint):
            return (self.name, self.fields, self.condition, self.deferrable,
                    self.include, self.opclasses, self.expressions,
                    self.violation_error_code, self.violation_error_message) == (
                other.name, other.fields, other.condition, other.deferrable,
                other.include, other.opclasses, other.expressions,
                other.violation_error_code, other.violation_error_message) and \
                self.nulls_distinct is other.nulls_distinct
        return super().__eq__(other)

    __hash__ = object.__hash__

    def deconstruct(self):
        path, _args, kwargs = super().deconstruct()
        for attr in ("fields", "condition", "deferrable", "include", "opclasses"):
            if getattr(self, attr):
                kwargs[attr] = getattr(self, attr)
        if self.nulls_distinct is not None:
            kwargs["nulls_distinct"] = self.nulls_distinct
        return path, self.expressions, kwargs

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        """Raise ValidationError when another row holds the same values (the
        same results of the expressions), as the database would refuse it."""
        exclude = set(exclude or ())
        if self.fields:
            if any(name in exclude for name in self.fields):
                return
            checked = []
            for name in self.fields:
                field = model._meta.get_field(name)
                if field.generated and _refers_to_excluded(model, field.expression,
                                                           exclude):
                    return
                checked.append(djscratch.db.models.expressions.F(field.name))
        else:
            if any(_refers_to_excluded(model, e, exclude) for e in self.expressions):
                return
            checked = list(self.expressions)
        if self.condition is not None:
            if _refers_to_excluded(model, self.condition, exclude):
                return
            if not _holds_for_instance(model, instance, self.condition, using):
                return
        if not _other_row_matches(model, instance, checked, self.condition,
                                  self.nulls_distinct is False, bool(self.fields),
                                  using):
            return
        if self.fields and self.condition is None and \
                self.violation_error_message == self.default_violation_error_message:
            error = instance.unique_error_message(model, self.fields)
            raise ValidationError(error, code=error.code)
        raise self._violation()


def _check_unique_arguments(expressions, fields, name, condition, deferrable,
                            include, opclasses, nulls_distinct):
    """UniqueConstraint's argument errors, with Django's messages."""
    if not name:
        raise ValueError("A unique constraint must be named.")
    if not expressions and not fields:
        raise ValueError("At least one field or expression is required to define a "
                         "unique constraint.")
    if expressions and fields:
        raise ValueError("UniqueConstraint.fields and expressions are mutually "
                         "exclusive.")
    if condition is not None and not isinstance(
            condition, djscratch.db.models.expressions.Q):
        raise ValueError("UniqueConstraint.condition must be a Q instance.")
    for given, what in ((condition, "conditions"), (include, "include fields"),
                        (opclasses, "opclasses"), (expressions, "expressions")):
        if given and deferrable:
            raise ValueError("UniqueConstraint with %s cannot be deferred." % what)
    if expressions and opclasses:
        raise ValueError("UniqueConstraint.opclasses cannot be used with "
                         "expressions. Use django.contrib.postgres.indexes.OpClass() "
                         "instead.")
    if deferrable is not None and not isinstance(deferrable, Deferrable):
        raise TypeError("UniqueConstraint.deferrable must be a Deferrable instance.")
    if include is not None and not isinstance(include, (list, tuple)):
        raise TypeError("UniqueConstraint.include must be a list or tuple.")
    if not isinstance(opclasses, (list, tuple)):
        raise TypeError("UniqueConstraint.opclasses must be a list or tuple.")
    if nulls_distinct is not None and not isinstance(nulls_distinct, bool):
        raise TypeError("UniqueConstraint.nulls_distinct must be a bool.")
    if opclasses and len(fields) != len(opclasses):
        raise ValueError("UniqueConstraint.fields and UniqueConstraint.opclasses "
                         "must have the same number of elements.")


class CheckConstraint(BaseConstraint):
    """Meta.constraints: CheckConstraint(condition=Q(...), name=...)."""

    def __init__(self, *, name, condition=None, check=None,
                 violation_error_code=None, violation_error_message=None):
        if check is not None:
            import warnings

            warnings.warn("CheckConstraint.check is deprecated in favor of "
                          "`.condition`.",
                          djscratch.utils.deprecation.RemovedInDjango60Warning,
                          stacklevel=2)
            condition = check
        self.condition = condition
        if not getattr(condition, "conditional", False):
            raise TypeError("CheckConstraint.condition must be a Q instance or "
                            "boolean expression.")
        super().__init__(name=name, violation_error_code=violation_error_code,
                         violation_error_message=violation_error_message)

    def _warn_check(self):
        import warnings

        warnings.warn("CheckConstraint.check is deprecated in favor of `.condition`.",
                      djscratch.utils.deprecation.RemovedInDjango60Warning,
                      stacklevel=3)

    def _get_check(self):
        self._warn_check()
        return self.condition

    def _set_check(self, value):
        self._warn_check()
        self.condition = value

    check = property(_get_check, _set_check)

    def __repr__(self):
        return "<%s: condition=%s name=%r%s>" % (
            type(self).__qualname__, self.condition, self.name,
            self._repr_violation())

    def __eq__(self, other):
        if isinstance(other, CheckConstraint):
            return (self.name, self.condition, self.violation_error_code,
                    self.violation_error_message) == (
                other.name, other.condition, other.violation_error_code,
                other.violation_error_message)
        return super().__eq__(other)

    __hash__ = object.__hash__

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["condition"] = self.condition
        return path, args, kwargs

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if _refers_to_excluded(model, self.condition, exclude):
            return
        if not _holds_for_instance(model, instance, self.condition, using):
            raise self._violation()


# -- validation: SQL over the instance's values, as the database would see them

def _compiler_for(model):
    return djscratch.db.models.sql.compiler.SQLCompiler(
        djscratch.db.models.sql.query._Query(model))


def _instance_values(model, instance):
    """{field name: value} of the instance's concrete, non-generated fields."""
    return {f.name: getattr(instance, f.attname)
            for f in model._meta.concrete_fields
            if not f.generated and f.attname in instance.__dict__}


def _sql_for_values(compiler, sql, params, model, values):
    """Rewrite compiled SQL so each column of the row reads the instance's
    value instead (a generated column: its expression over those values)."""
    import re

    columns = {f.column: f for f in model._meta.concrete_fields}
    given, out = iter(params), []
    adapt = djscratch.db.models.expressions._adapt_param

    def replace(match):
        if match.group(0) == "?":
            out.append(next(given))
            return "?"
        field = columns[match.group(1)]
        if field.generated:
            inner_sql, inner_params = compiler.compile(field.expression)
            inner_sql, inner_params = _sql_for_values(compiler, inner_sql, inner_params,
                                                  model, values)
            out.extend(inner_params)
            return "(%s)" % inner_sql
        value = values.get(field.name)
        if isinstance(value, djscratch.db.models.expressions.DatabaseDefault):
            # Not saved yet: the value the database would fill in.
            value = field.db_default
            if hasattr(value, "resolve_expression"):
                inner_sql, inner_params = compiler.compile(value)
                out.extend(inner_params)
                return "(%s)" % inner_sql
        # None is SQL NULL, as saved (a JSONField's too, not JSON null).
        out.append(None if value is None else adapt(field.get_db_prep_value(value)))
        return "?"

    quoted = djscratch.db.backends.sqlite.quote_name(compiler.base_alias)
    pattern = re.compile(r'\?|%s\."((?:[^"]|"")+)"' % re.escape(quoted))
    return pattern.sub(replace, sql), out


def _holds_for_instance(model, instance, condition, using):
    """Whether a condition is true (or unknown: NULL) for the instance."""
    compiler = _compiler_for(model)
    sql, params = compiler.compile(condition)
    sql, params = _sql_for_values(compiler, sql, params, model,
                              _instance_values(model, instance))
    try:
        row = connections[using]._execute(
            "SELECT COALESCE((%s), 1)" % sql, params).fetchone()
    except DatabaseError as exc:
        # As Django's Q.check(): what the database cannot evaluate for the
        # instance (RawSQL naming the table's columns) counts as holding.
        _get_logger("django.db.models").warning(
            "Got a database error calling check() on %r: %s", condition, exc)
        return True
    return bool(row[0])


def _other_row_matches(model, instance, expressions, condition, nulls_equal,
                       by_fields, using):
    """Whether another row gives the same values for `expressions` (and
    satisfies `condition`); a NULL never matches unless nulls_equal."""
    compiler = _compiler_for(model)
    values = _instance_values(model, instance)
    where, params = [], []
    for expression in expressions:
        if isinstance(expression, djscratch.db.models.expressions.OrderBy):
            expression = expression.expression  # the order matters to no value
        lhs, lhs_params = compiler.compile(expression)
        rhs, rhs_params = _sql_for_values(compiler, lhs, lhs_params, model, values)
        if by_fields and not nulls_equal and _is_null(rhs, rhs_params):
            return False  # NULL is distinct from every NULL
        if nulls_equal:
            where.append("((%s) = (%s) OR ((%s) IS NULL AND (%s) IS NULL))" % (
                lhs, rhs, lhs, rhs))
            params += lhs_params + rhs_params + lhs_params + rhs_params
        else:
            where.append("(%s) = (%s)" % (lhs, rhs))
            params += lhs_params + rhs_params
    if condition is not None:
        sql, condition_params = compiler.compile(condition)
        where.append("(%s)" % sql)
        params += condition_params
    pk = model._meta.pk
    if not instance._state.adding and instance._is_pk_set(model._meta):
        pk_sql, pk_params = compiler.compile(djscratch.db.models.expressions.F("pk"))
        where.append("NOT ((%s) = ?)" % pk_sql)
        params += pk_params + [pk.get_db_prep_value(instance._get_pk_val(model._meta))]
    sql = "SELECT 1 FROM %s WHERE %s LIMIT 1" % (compiler.get_from(),
                                                 " AND ".join(where))
    return connections[using]._execute(sql, params).fetchone() is not None


def _is_null(sql, params):
    return sql == "?" and params == [None]
