"""Index, UniqueConstraint and CheckConstraint
(django/db/models/indexes.py and constraints.py).
"""

import enum as _enum

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.sql.compiler, db.models.sql.query.
import djscratch

from djscratch.core.exceptions import ValidationError
from djscratch.db.utils import connections, DEFAULT_DB_ALIAS, NotSupportedError

__all__ = [
    "Index", "UniqueConstraint", "CheckConstraint", "Deferrable",
]


class Index:
    """Meta.indexes entry: Index(fields=[...], name=..., condition=Q(...))."""

    suffix = "idx"

    def __init__(self, *expressions, fields=(), name=None, db_tablespace=None,
                 opclasses=(), condition=None, include=None):
        if not expressions and not fields:
            raise ValueError("At least one field or expression is required to "
                             "define an index.")
        if expressions:
            raise NotSupportedError("djscratch indexes take fields=[...], not "
                                    "expressions.")
        self.fields = list(fields)
        self.name = name or ""
        self.condition = condition
        self.fields_orders = [
            (f[1:], "DESC") if f.startswith("-") else (f, "") for f in self.fields]

    #: Django keeps generated index names within 30 characters (Oracle's limit).
    max_name_length = 30

    def set_name_with_model(self, model):
        """Name the index as Django does: table and first column, cut short,
        and six hex digits of the md5 of the table, the columns (a "-" before
        a descending one) and the suffix."""
        import hashlib

        table = model._meta.db_table.split('"."')[-1].strip('"')  # "schema"."table"
        columns = [model._meta.get_field(f).column for f, _ in self.fields_orders]
        ordered = [("-" if order else "") + column
                   for column, (_f, order) in zip(columns, self.fields_orders)]
        digest = hashlib.md5(usedforsecurity=False)
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
        return "<Index: fields=%r name=%r>" % (self.fields, self.name)

    def __eq__(self, other):
        return isinstance(other, Index) and (self.fields, self.name) == (
            other.fields, other.name)


class Deferrable(_enum.Enum):
    DEFERRED = "deferred"
    IMMEDIATE = "immediate"


class BaseConstraint:
    violation_error_message = "Constraint “%(name)s” is violated."

    def __init__(self, *, name, violation_error_code=None,
                 violation_error_message=None):
        self.name = name
        self.violation_error_code = violation_error_code
        if violation_error_message is not None:
            self.violation_error_message = violation_error_message

    def get_violation_error_message(self):
        return self.violation_error_message % {"name": self.name}


class UniqueConstraint(BaseConstraint):
    """Meta.constraints: UniqueConstraint(fields=[...], name=..., condition=Q())."""

    def __init__(self, *expressions, fields=(), name=None, condition=None,
                 deferrable=None, include=None, opclasses=(), nulls_distinct=None,
                 violation_error_code=None, violation_error_message=None):
        if not name:
            raise ValueError("A unique constraint must be named.")
        if expressions:
            raise NotSupportedError("djscratch unique constraints take fields=[...].")
        self.fields = tuple(fields)
        self.condition = condition
        self.deferrable = deferrable
        super().__init__(name=name, violation_error_code=violation_error_code,
                         violation_error_message=violation_error_message)

    def __repr__(self):
        return "<UniqueConstraint: fields=%r name=%r>" % (self.fields, self.name)

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and any(f in exclude for f in self.fields):
            return
        lookup = {}
        for name in self.fields:
            field = model._meta.get_field(name)
            value = getattr(instance, field.attname)
            if value is None:
                return
            lookup[field.name] = value
        qs = model._default_manager.filter(**lookup)
        if self.condition is not None:
            if not model._default_manager.filter(self.condition).filter(
                    pk=instance.pk).exists() and instance.pk is not None:
                return
            qs = qs.filter(self.condition)
        if not instance._state.adding and instance.pk is not None:
            qs = qs.exclude(pk=instance.pk)
        if qs.exists():
            if len(self.fields) > 0 and self.condition is None and \
                    self.violation_error_message == (
                        BaseConstraint.violation_error_message):
                raise ValidationError(instance.unique_error_message(model, self.fields))
            raise ValidationError(self.get_violation_error_message(),
                                  code=self.violation_error_code)


class CheckConstraint(BaseConstraint):
    """Meta.constraints: CheckConstraint(condition=Q(...), name=...)."""

    def __init__(self, *, name, condition=None, check=None,
                 violation_error_code=None, violation_error_message=None):
        if check is not None:
            import warnings

            warnings.warn("CheckConstraint.check is deprecated in favor of "
                          "`.condition`.", DeprecationWarning, stacklevel=2)
            condition = check
        if condition is None or not getattr(condition, "conditional", False):
            raise TypeError("CheckConstraint.condition must be a Q instance or "
                            "boolean expression.")
        self.condition = condition
        super().__init__(name=name, violation_error_code=violation_error_code,
                         violation_error_message=violation_error_message)

    def __repr__(self):
        return "<CheckConstraint: condition=%r name=%r>" % (self.condition, self.name)

    def validate(self, model, instance, exclude=None, using=None):
        values = {f.name: getattr(instance, f.attname)
                  for f in model._meta.concrete_fields}
        if not _check_condition_in_python(model, self.condition, values):
            raise ValidationError(self.get_violation_error_message(),
                                  code=self.violation_error_code)


def _check_condition_in_python(model, condition, values):
    """Evaluate a check condition for unsaved values with a SELECT of literals."""
    compiler = djscratch.db.models.sql.compiler.SQLCompiler(djscratch.db.models.sql.query._Query(model))  # noqa: E501
    where, params = compiler.compile_where_for_values(condition, values)
    row = connections[DEFAULT_DB_ALIAS]._execute(
        "SELECT COALESCE((%s), 1)" % where, params).fetchone()
    return bool(row[0])
