"""RawQuerySet (in Django, part of django/db/models/query.py): the objects
of a hand-written SQL query (Manager.raw()), its columns mapped to fields by
name, its parameters bound.  Kept apart from QuerySet to keep each module
readable; django.db.models.query exports it.
"""

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.core.exceptions import FieldDoesNotExist
from djscratch.db.utils import _router, connections, DEFAULT_DB_ALIAS
from djscratch.db.models.sql.query import RawQuery
from djscratch.db.models.prefetch import prefetch_related_objects
from djscratch.db.models.rows import _custom_from_db

__all__ = ["RawQuerySet"]


class RawQuerySet:
    """Model.objects.raw(sql, params): model instances from hand-written SQL."""

    def __init__(self, raw_query, model=None, query=None, params=(),
                 translations=None, using=None, hints=None):
        self.raw_query = raw_query
        self.model = model
        self.params = params
        self.translations = translations or {}
        self._db = using
        self._hints = hints or {}
        self._result_cache = None
        self._prefetch_related_lookups = ()
        self.query = query or RawQuery(sql=raw_query, using=self.db, params=params)

    @property
    def db(self):
        """The database the query runs on: using(), else the router's."""
        return self._db or _router.db_for_read(self.model, **self._hints)

    def _clone(self, using=None):
        using = using or self._db
        clone = RawQuerySet(self.raw_query, model=self.model,
                            query=self.query.chain(using or self.db),
                            params=self.params, translations=self.translations,
                            using=using, hints=self._hints)
        clone._prefetch_related_lookups = self._prefetch_related_lookups
        return clone

    def using(self, alias):
        """The same raw query on another database."""
        return self._clone(using=alias)

    def prefetch_related(self, *lookups):
        """Prefetch `lookups` for the objects, as QuerySet.prefetch_related()."""
        clone = self._clone()
        clone._prefetch_related_lookups = () if lookups == (None,) else (
            clone._prefetch_related_lookups + lookups)
        return clone

    def __iter__(self):
        if self._result_cache is None:
            self._result_cache = list(self._iterate())
            if self._prefetch_related_lookups:
                prefetch_related_objects(self._result_cache,
                                         *self._prefetch_related_lookups)
        return iter(self._result_cache)

    def __aiter__(self):
        """`async for obj in raw_queryset`: the rows are fetched in a thread."""
        async def generator():
            await _asgiref_sync().sync_to_async(list)(self)
            for item in self._result_cache:
                yield item
        return generator()

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return bool(len(self))

    def __getitem__(self, k):
        return list(self)[k]

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self.query)

    @property
    def columns(self):
        return [self.translations.get(name, name)
                for name in self.query.get_columns()]

    def _iterate(self):
        db = connections[self.db]
        query = self.query
        rows = iter(query)
        cursor = query.cursor
        names = [self.translations.get(d[0], d[0]) for d in cursor.description]
        opts = self.model._meta
        by_column = {}
        for f in opts.concrete_fields:
            by_column[f.column] = f
            by_column[f.attname] = f
        if opts.pk.column not in names and opts.pk.attname not in names:
            raise FieldDoesNotExist("Raw query must include the primary key")
        from_db = _custom_from_db(self.model)
        if from_db is not None:
            yield from _raw_rows_from_db(from_db, db.alias, rows, names, by_column,
                                         opts)
            return
        for row in rows:
            obj = object.__new__(self.model)
            for name, value in zip(names, row):
                field = by_column.get(name)
                if field is not None:
                    conv = field.get_db_converter()
                    if conv is not None and value is not None:
                        value = conv(value)
                    obj.__dict__[field.attname] = value
                else:
                    setattr(obj, name, value)
            if db.alias != DEFAULT_DB_ALIAS:
                obj._state.db = db.alias
            yield obj

    def iterator(self):
        yield from self._iterate()


def _raw_rows_from_db(from_db, alias, rows, names, by_column, opts):
    """The instances of a raw() query over a model that overrides from_db(),
    built through it as Django's RawModelIterable does: the fields the
    columns name, in the model's field order, with their values (converted);
    the other columns set as attributes afterwards."""
    positions = {}
    for pos, name in enumerate(names):
        field = by_column.get(name)
        if field is not None:
            positions.setdefault(field, pos)
    fields = [f for f in opts.concrete_fields if f in positions]
    field_names = [f.attname for f in fields]
    converters = [f.get_db_converter() for f in fields]
    others = [(pos, name) for pos, name in enumerate(names) if name not in by_column]
    for row in rows:
        values = []
        for field, conv in zip(fields, converters):
            value = row[positions[field]]
            values.append(conv(value) if conv is not None and value is not None
                          else value)
        obj = from_db(alias, field_names, values)
        for pos, name in others:
            setattr(obj, name, row[pos])
        yield obj
