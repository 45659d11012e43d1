"""GeneratedField (django/db/models/fields/generated.py): a column SQLite
computes from the row's other columns (GENERATED ALWAYS AS (...) STORED or
VIRTUAL), read-only on the instance and read back after each INSERT.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.models.sql.compiler, db.models.sql.query.
import djscratch

from djscratch.core.checks.messages import Error, Warning
from djscratch.db.backends.sqlite import _interpolate, quote_name
from djscratch.db.models.fields import NOT_PROVIDED, Field

__all__ = ["GeneratedField"]


class GeneratedField(Field):
    """A field whose value the database computes from `expression`."""

    _django_module = "django.db.models.fields.generated"

    generated = True
    db_returning = True
    output_field = None

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["blank"]
        del kwargs["editable"]
        kwargs["db_persist"] = self.db_persist
        kwargs["expression"] = self.expression
        kwargs["output_field"] = self.output_field
        return name, path, args, kwargs

    def __init__(self, *, expression, output_field, db_persist=None, **kwargs):
        if kwargs.setdefault("editable", False):
            raise ValueError("GeneratedField cannot be editable.")
        if not kwargs.setdefault("blank", True):
            raise ValueError("GeneratedField must be blank.")
        if kwargs.get("default", NOT_PROVIDED) is not NOT_PROVIDED:
            raise ValueError("GeneratedField cannot have a default.")
        if kwargs.get("db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            raise ValueError("GeneratedField cannot have a database default.")
        if db_persist not in (True, False):
            raise ValueError("GeneratedField.db_persist must be True or False.")
        self.expression = expression
        self.output_field = output_field
        self.db_persist = db_persist
        super().__init__(**kwargs)

    def generated_sql(self, connection=None):
        """(SQL, params) of the expression over this row's bare column names."""
        query = djscratch.db.models.sql.query._Query(self.model)
        compiler = djscratch.db.models.sql.compiler.SQLCompiler(query)
        sql, params = compiler.compile(self.expression)
        # The expression sees the row being written, not a table alias.
        sql = sql.replace("%s." % quote_name(self.model._meta.db_table), "")
        return sql, params

    def column_definition_sql(self, connection=None):
        """GENERATED ALWAYS AS (...) STORED|VIRTUAL, its parameters inlined
        (SQLite takes no parameters in a column definition)."""
        sql, params = self.generated_sql(connection)
        persistency = "STORED" if self.db_persist else "VIRTUAL"
        return "GENERATED ALWAYS AS (%s) %s" % (_interpolate(sql, params), persistency)

    # -- the output field gives the type, conversions and lookups

    def get_internal_type(self):
        return self.output_field.get_internal_type()

    def db_type(self, connection=None):
        return self.output_field.db_type(connection)

    def db_check(self, connection=None):
        return None

    def db_parameters(self, connection=None):
        params = {"type": self.db_type(connection), "check": None}
        params["collation"] = getattr(self.output_field, "db_collation", None)
        return params

    def db_type_parameters(self, connection=None):
        return {"max_length": self.output_field.max_length,
                "column": self.column}

    def _output_field_or_none(self):
        return self.output_field

    def to_python(self, value):
        return self.output_field.to_python(value)

    def get_prep_value(self, value):
        return self.output_field.get_prep_value(value)

    def get_db_prep_value(self, value, connection=None, prepared=False):
        return self.output_field.get_db_prep_value(value, connection, prepared)

    def get_db_converter(self):
        return self.output_field.get_db_converter()

    # -- checks

    def check(self, **kwargs):
        """fields.E223 / W224: the output field's own errors and warnings."""
        own = getattr(self.output_field, "check", None)
        found = own(**kwargs) if own is not None else []
        parent = getattr(super(), "check", None)
        errors = list(parent(**kwargs)) if parent is not None else []
        separator = "\n    "
        for kind, level, code in ((Error, "errors", "fields.E223"),
                                  (Warning, "warnings", "fields.W224")):
            texts = separator.join("%s (%s)" % (c.msg, c.id) for c in found
                                   if isinstance(c, kind))
            if texts:
                errors.append(kind(
                    "GeneratedField.output_field has %s:%s%s"
                    % (level, separator, texts), obj=self, id=code))
        return errors
