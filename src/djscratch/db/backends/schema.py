"""The schema editor (django/db/backends/sqlite3/schema.py):
CREATE TABLE and friends, as Django writes them.
"""

from djscratch.utils.timezone import now
from djscratch.utils.crypto import _md5
from djscratch.db.utils import NotSupportedError
from djscratch.db.backends.sqlite import _interpolate, _quote_literal, quote_name
from djscratch.db.transaction import Atomic
from djscratch.db.models.fields import _pk_row_sql, AutoField, DateTimeField
from djscratch.db.models.fields_extra import BinaryField, TimeField
from djscratch.db.models.constraints import CheckConstraint, UniqueConstraint
from djscratch.db.models.expressions import F, OrderBy, Q, Value
from djscratch.db.models.sql.query import _Query
from djscratch.db.models.sql.compiler import SQLCompiler


# -- Schema: the schema editor (CREATE TABLE and friends, as Django writes them
#    for SQLite) and sync_schema(), which is what `migrate` runs.


class Statement:
    """A DDL statement as Django's schema editor returns it
    (django/db/backends/ddl_references.py): a template and its named parts;
    str() is the SQL."""

    def __init__(self, template, **parts):
        self.template = template
        self.parts = parts

    def references_table(self, table):
        return quote_name(table) in str(self.parts.get("table", ""))

    def references_column(self, table, column):
        """Whether the statement is on `table` and names `column`."""
        return self.references_table(table) and quote_name(column) in str(self)

    def __str__(self):
        return self.template % {k: str(v) for k, v in self.parts.items()}

    def __repr__(self):
        return "<%s %r>" % (type(self).__name__, str(self))


def names_digest(*args, length):
    """Django's deterministic hash of names (schema object names)."""
    digest = _md5()
    for arg in args:
        digest.update(arg.encode())
    return digest.hexdigest()[:length]


class DatabaseSchemaEditor:
    """connection.schema_editor(): create_model, delete_model, add_field, ...

    Used as a context manager; statements run in one transaction (SQLite can
    roll back DDL) unless atomic=False.
    """

    def __init__(self, connection, collect_sql=False, atomic=True):
        self.connection = connection
        self.collect_sql = collect_sql
        self.collected_sql = []
        self.atomic_migration = atomic
        self.deferred_sql = []

    def __enter__(self):
        if self.atomic_migration:
            self._atomic = Atomic(self.connection.alias)
            self._atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            for sql in self.deferred_sql:
                self.execute(sql)
            self.deferred_sql = []
        if self.atomic_migration:
            self._atomic.__exit__(exc_type, exc_value, traceback)

    def execute(self, sql, params=()):
        if self.collect_sql:
            self.collected_sql.append(_interpolate(sql, list(params or ())) + ";")
            return
        self.connection._execute(sql, list(params or ()))

    def quote_name(self, name):
        return quote_name(name)

    def column_sql(self, model, field, include_default=False):
        """Return the column definition of `field` (None for M2M fields)."""
        db_type = field.db_type(self.connection)
        if db_type is None:
            return None
        parts = [quote_name(field.column), db_type]
        if field.generated:  # no NULL / NOT NULL: the expression decides
            return " ".join(parts + [field.column_definition_sql(self.connection)])
        if field.has_db_default():
            parts.append("DEFAULT %s" % self.db_default_sql(field))
        if field.primary_key:
            parts.append("NOT NULL PRIMARY KEY")
            if isinstance(field, AutoField):
                parts.append("AUTOINCREMENT")
        else:
            parts.append("NULL" if field.null else "NOT NULL")
            if field.unique:
                parts.append("UNIQUE")
        if include_default and not field.has_db_default():
            default = self.effective_default(field)
            if default is not None:
                parts.append("DEFAULT %s" % _quote_literal(default))
        check = field.db_check(self.connection)
        if check:
            parts.append("CHECK (%s)" % check)
        if field.is_relation and getattr(field, "db_constraint", False):
            target = field.target_field
            parts.append("REFERENCES %s (%s) DEFERRABLE INITIALLY DEFERRED" % (
                quote_name(field.related_model._meta.db_table),
                quote_name(target.column)))
        return " ".join(parts)

    def db_default_sql(self, field):
        """A db_default as SQL with its parameters inlined: a constant as a
        literal, an expression in parentheses."""
        expression = field._db_default_expression
        compiler = SQLCompiler(_Query(field.model))
        if isinstance(expression, Value):  # the literal, not cast to NUMERIC
            return _interpolate(*expression.as_sql(compiler))
        sql, params = compiler.compile(expression)
        return "(%s)" % _interpolate(sql, params)

    def effective_default(self, field):
        if field.has_default():
            value = field.get_default()
        elif not field.null and field.blank and field.empty_strings_allowed:
            value = b"" if isinstance(field, BinaryField) else ""
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            import datetime

            value = now() if isinstance(field, DateTimeField) else (
                datetime.date.today() if not isinstance(field, TimeField)
                else datetime.datetime.now().time())
        else:
            value = None
        return field.get_db_prep_save(value, self.connection)

    def table_sql(self, model):
        opts = model._meta
        columns = [self.column_sql(model, f) for f in opts.local_fields]
        columns = [c for c in columns if c]
        if opts.is_composite_pk:
            columns.append("PRIMARY KEY %s" % _pk_row_sql(opts))
        for constraint in opts.constraints:
            if isinstance(constraint, CheckConstraint):
                sql, params = SQLCompiler(_Query(model), alias_prefix=None).compile_q(
                    constraint.condition)
                sql = sql.replace("%s." % quote_name(opts.db_table), "")
                columns.append("CONSTRAINT %s CHECK (%s)" % (
                    quote_name(constraint.name), _interpolate(sql, params)))
        return "CREATE TABLE %s (%s)" % (quote_name(opts.db_table), ", ".join(columns))

    def _create_index_name(self, table_name, column_names, suffix=""):
        """Django's name for an index of `column_names`: table, columns and an
        8-digit hash of them, shortened to the backend's limit."""
        table_name = table_name.split('"."')[-1].strip('"')  # "schema"."table"
        hash_suffix_part = "%s%s" % (
            names_digest(table_name, *column_names, length=8), suffix)
        max_length = self.connection.ops.max_name_length() or 200
        index_name = "%s_%s_%s" % (table_name, "_".join(column_names),
                                   hash_suffix_part)
        if len(index_name) <= max_length:
            return index_name
        if len(hash_suffix_part) > max_length / 3:
            hash_suffix_part = hash_suffix_part[:max_length // 3]
        other_length = (max_length - len(hash_suffix_part)) // 2 - 1
        index_name = "%s_%s_%s" % (table_name[:other_length],
                                   "_".join(column_names)[:other_length],
                                   hash_suffix_part)
        if index_name[0] == "_" or index_name[0].isdigit():
            index_name = "D%s" % index_name[:-1]
        return index_name

    def _index_sql(self, model, index):
        """CREATE INDEX for `index` (an Index) on `model`'s table."""
        opts = model._meta
        # (SQLite has no covering indexes or tablespaces: include and
        # db_tablespace leave the statement as Django writes it there.)
        if index.expressions:
            columns = self._index_expressions_sql(model, index.expressions)
        else:
            columns = ["%s%s" % (quote_name(opts.get_field(n).column),
                                 " DESC" if order else "")
                       for n, order in index.fields_orders]
        condition = ""
        if index.condition is not None:
            condition = " WHERE %s" % self._condition_sql(model, index.condition)
        return Statement("CREATE INDEX %(name)s ON %(table)s (%(columns)s)"
                         "%(condition)s", name=quote_name(index.name),
                         table=quote_name(opts.db_table), columns=", ".join(columns),
                         condition=condition)

    def _model_indexes_sql(self, model):
        """The statements creating a model's indexes (db_index fields and
        Meta.indexes; not unique constraints), as Django's."""
        if not model._meta.managed or model._meta.proxy or model._meta.swapped:
            return []
        unique = {c.name for c in model._meta.constraints}
        return [Statement("%(sql)s", sql=sql)
                for name, sql in self.index_statements(model)
                if not sql.startswith("CREATE UNIQUE") and name not in unique]

    def index_statements(self, model):
        """Return [(name, sql)] for the indexes and unique constraints of a model."""
        opts = model._meta
        table = opts.db_table
        out = []

        def name_for(columns, suffix):
            return self._create_index_name(table, columns, suffix)

        for f in opts.local_fields:
            if f.db_index and not f.unique and not f.primary_key:
                out.append((name_for([f.column], ""), "CREATE INDEX %s ON %s (%s)"))
                out[-1] = (out[-1][0], out[-1][1] % (
                    quote_name(out[-1][0]), quote_name(table), quote_name(f.column)))
        for together in opts.unique_together:
            columns = [opts.get_field(n).column for n in together]
            name = name_for(columns, "_uniq")
            out.append((name, "CREATE UNIQUE INDEX %s ON %s (%s)" % (
                quote_name(name), quote_name(table),
                ", ".join(quote_name(c) for c in columns))))
        for index in opts.indexes:
            out.append((index.name, str(self._index_sql(model, index))))
        for constraint in opts.constraints:
            if isinstance(constraint, UniqueConstraint) and \
                    constraint._creates_index():
                if constraint.expressions:
                    parts = self._index_expressions_sql(model, constraint.expressions)
                else:
                    parts = [quote_name(opts.get_field(n).column)
                             for n in constraint.fields]
                sql = "CREATE UNIQUE INDEX %s ON %s (%s)" % (
                    quote_name(constraint.name), quote_name(table), ", ".join(parts))
                if constraint.condition is not None:
                    sql += " WHERE %s" % self._condition_sql(
                        model, constraint.condition)
                out.append((constraint.name, sql))
        return out

    def _index_expressions_sql(self, model, expressions):
        """Each expression of an index as Django writes it: a bare column, or
        the expression in parentheses, then ASC/DESC for an ordered one."""
        parts = []
        for expression in expressions:
            order = ""
            if isinstance(expression, OrderBy):
                order = " DESC" if expression.descending else " ASC"
                expression = expression.expression
            sql = self._condition_sql(model, expression)
            if not isinstance(expression, F):
                sql = "(%s)" % sql
            parts.append(sql + order)
        return parts

    def _condition_sql(self, model, condition):
        sql, params = SQLCompiler(_Query(model)).compile(condition)
        if isinstance(condition, Q) and len(condition.children) > 1 and \
                not condition.negated:
            sql = "(%s)" % sql  # as Django's WHERE of several conditions
        return _interpolate(sql.replace("%s." % quote_name(model._meta.db_table), ""),
                            params)

    def create_model(self, model):
        """CREATE TABLE for the model, its indexes and its M2M link tables."""
        self.execute(self.table_sql(model))
        for _name, sql in self.index_statements(model):
            self.execute(sql)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.create_model(through)

    def delete_model(self, model):
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.delete_model(through)
        self.execute("DROP TABLE %s" % quote_name(model._meta.db_table))

    def add_field(self, model, field):
        """ALTER TABLE ... ADD COLUMN (or create the link table of an M2M)."""
        if field.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.create_model(through)
            return
        if field.generated and field.db_persist:
            raise NotSupportedError(
                "SQLite cannot add the stored generated column %s.%s with ALTER "
                "TABLE (Django rebuilds the table: use DJSCRATCH_ENGINE=django)."
                % (model._meta.db_table, field.column))
        if not field.null and not field.generated and not field.has_db_default() \
                and self.effective_default(field) is None:
            raise NotSupportedError(
                "Cannot add the NOT NULL column %s.%s without a default." % (
                    model._meta.db_table, field.column))
        if field.unique or field.primary_key:
            raise NotSupportedError("SQLite cannot add a UNIQUE column (%s.%s) with "
                                    "ALTER TABLE." % (model._meta.db_table,
                                                      field.column))
        self.execute("ALTER TABLE %s ADD COLUMN %s" % (
            quote_name(model._meta.db_table), self.column_sql(
                model, field, include_default=True)))
        if field.db_index and not field.unique:
            for name, sql in self.index_statements(model):
                if field.column in name:
                    self.execute(sql)

    def remove_field(self, model, field):
        if field.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                self.delete_model(through)
            return
        self.execute("ALTER TABLE %s DROP COLUMN %s" % (
            quote_name(model._meta.db_table), quote_name(field.column)))

    def alter_db_table(self, model, old_db_table, new_db_table):
        self.execute("ALTER TABLE %s RENAME TO %s" % (quote_name(old_db_table),
                                                     quote_name(new_db_table)))

    def add_index(self, model, index):
        self.execute(str(index.create_sql(model, self)))

    def remove_index(self, model, index):
        self.execute(str(index.remove_sql(model, self)))
