"""WHERE-clause trees (django/db/models/sql/where.py): WhereNode joins
compiled children with AND/OR/XOR, NothingNode matches no row.  djscratch's
own compiler builds WHERE clauses from Q objects; these serve code that
composes nodes by hand.  Here too: what extra() adds (ExtraWhere, _ExtraSelect)
and the Q of a combined queryset's side (_GroupedQ).
"""

from djscratch.core.exceptions import EmptyResultSet, FullResultSet
from djscratch.utils.tree import TreeNode
from djscratch.db.utils import NotSupportedError
from djscratch.db.models.expressions import _format_to_qmark, Expression, Q, RawSQL
from djscratch.db.models.fields_extra import BooleanField

AND = "AND"
OR = "OR"
XOR = "XOR"


class WhereNode(TreeNode):
    """Children compiled by `compiler.compile()` and joined by the connector."""

    default = AND
    resolved = False
    conditional = True

    def as_sql(self, compiler, connection):
        """(sql, params); raise EmptyResultSet when nothing can match and
        FullResultSet when everything does, as Django's WhereNode."""
        if self.connector == XOR:
            raise NotSupportedError(
                "djscratch's WhereNode does not compile XOR by hand; use Q objects "
                "with ^, or the Django engine (DJSCRATCH_ENGINE=django).")
        result, result_params = [], []
        if self.connector == AND:
            full_needed, empty_needed = len(self.children), 1
        else:
            full_needed, empty_needed = 1, len(self.children)
        for child in self.children:
            try:
                sql, params = compiler.compile(child)
            except EmptyResultSet:
                empty_needed -= 1
            except FullResultSet:
                full_needed -= 1
            else:
                if sql:
                    result.append(sql)
                    result_params.extend(params)
                else:
                    full_needed -= 1
            if empty_needed == 0:
                raise FullResultSet if self.negated else EmptyResultSet
            if full_needed == 0:
                raise EmptyResultSet if self.negated else FullResultSet
        sql_string = (" %s " % self.connector).join(result)
        if not sql_string:
            raise FullResultSet
        if self.negated:
            sql_string = "NOT (%s)" % sql_string
        elif len(result) > 1 or self.resolved:
            sql_string = "(%s)" % sql_string
        return sql_string, result_params

    @property
    def contains_aggregate(self):
        return any(getattr(c, "contains_aggregate", False) for c in self.children)


class NothingNode:
    """A condition no row meets."""

    contains_aggregate = False
    contains_over_clause = False

    def as_sql(self, compiler=None, connection=None):
        raise EmptyResultSet


class ExtraWhere(Expression):
    """The conditions of QuerySet.extra(where=[...], params=[...]): the
    application's own SQL, each in parentheses and ANDed, its values bound."""

    contains_aggregate = False
    conditional = True
    output_field = BooleanField()

    def __init__(self, sqls, params):
        self.sqls = list(sqls)
        self.params = list(params or ())

    def as_sql(self, compiler=None, connection=None):
        sqls = ["(%s)" % _format_to_qmark(sql) for sql in self.sqls]
        return " AND ".join(sqls), list(self.params)


class _ExtraSelect(RawSQL):
    """A column of extra(select=...): the application's SQL and its values."""

    contains_aggregate = False


class _GroupedQ(Q):
    """A filter of a combined queryset (qs1 | qs2) that keeps the join group
    it was built in, so that each side's multi-valued joins stay its own
    (filter(tags=1).filter(tags=2) needs two related rows)."""

    join_group = None

    @classmethod
    def wrap(cls, q, group):
        obj = cls.create([q])
        obj.join_group = group
        return obj
