"""The compiler's part for several columns at once (Django spreads it over
django/db/models/sql/query.py and the ColPairs expression): a composite
primary key or a multi-column ForeignObject in a filter (tuple lookups),
in values() (one tuple per row), in GROUP BY and in a subquery's SELECT.
SQLCompiler inherits these methods.
"""

from djscratch.sections import _methods_on_first_use
from djscratch.db.backends.sqlite import quote_name
from djscratch.db.utils import NotSupportedError
from djscratch.db.models.base import Model
from djscratch.db.models.expressions import F
from djscratch.db.models.lookups import Lookup
from djscratch.db.models.sql.query import _Query


class CompositeColumnError(NotSupportedError):
    """A composite key used where one column is needed (F("pk") in an
    expression); the expression around it turns it into Django's error."""


# The methods a plain page never runs are in composite_extra.py, defined on first
# use.
@_methods_on_first_use("_CompositeCompilerMore", (
    "_composite_aggregate_arg", "_composite_order", "_outer_ref_columns",
    "_ref_columns", "_tuple_columns", "_tuple_lookup", "_tuple_select",
    "_tuple_subquery", "check_values_name", "pack_rows",
))
class CompositeCompilerMixin:
    """SQLCompiler's methods for composite keys and ForeignObjects."""


def _is_tuple_field(field):
    """Whether a lookup on `field` compares several columns: a
    CompositePrimaryKey, or a ForeignObject (from_fields) the path ends on."""
    return getattr(field, "is_composite", False) or (
        getattr(field, "from_fields", None) is not None and field.is_relation)


def _related_tuple_value(value, name, targets):
    """The value of a lookup on a relation to several columns, as Django's
    related lookups normalize it: a model instance gives its `targets`'
    values, a single value becomes a 1-tuple."""
    def normalized(v):
        if isinstance(v, Model):
            if v.pk is None or (isinstance(v.pk, tuple) and None in v.pk):
                raise ValueError(
                    "Model instances passed to related filters must be saved.")
            return tuple(getattr(v, t.attname) for t in targets)
        return v if isinstance(v, tuple) else (v,)

    is_query = hasattr(value, "query") or isinstance(value, _Query)
    if name == "in":
        if is_query:
            query = value if isinstance(value, _Query) else value.query
            if isinstance(query, _Query) and query.values_fields is None and \
                    len(targets) > 1 and query.model is targets[0].model:
                query = query.clone()  # the columns the relation matches
                query.values_fields = [t.name for t in targets]
                query.annotation_mask = ()
                return query
            return value
        if isinstance(value, (list, tuple, set, frozenset)):
            return [normalized(v) for v in value]
        return value
    if is_query and len(targets) > 1 and name != "exact":
        raise ValueError(f"'{name}' doesn't support multi-column subqueries.")
    if name == "isnull" or value is None or hasattr(value, "as_sql") or is_query:
        return value
    return normalized(value)


def _composite_use_error(expr, error):
    """Django's error for a composite key used inside `expr`."""
    if isinstance(expr, F):  # the reference itself: the expression around it says
        return error
    if isinstance(expr, Lookup):
        return ValueError("CompositePrimaryKey cannot be used as a lookup value.")
    return ValueError("%s expression does not support composite primary keys."
                      % type(expr).__name__)


def _link_on(key, into_link):
    """The ON clause joining a many-to-many link table by its key to a model
    (`key` a ForeignKey, or a ForeignObject: every column pair): from the
    model into the link table, or from the link table out to the model."""
    if getattr(key, "from_fields", None) is not None:
        pairs = [(f.column, t.column) for f, t in key._pairs()]
    else:
        pairs = [(key.column, key.target_field.column)]
    return " AND ".join(
        "%%(parent)s.%s = %%(alias)s.%s" % (
            (quote_name(remote), quote_name(local)) if into_link
            else (quote_name(local), quote_name(remote)))
        for local, remote in pairs)
