"""GenericPrefetch (django/contrib/contenttypes/prefetch.py): prefetch a
GenericForeignKey with one queryset per model it may point to.
"""

from djscratch.db.models.prefetch import Prefetch
from djscratch.db.models.raw import RawQuerySet

__all__ = [
    "GenericPrefetch",
]


class GenericPrefetch(Prefetch):
    """Prefetch("content_object") with `querysets`, one per target model;
    a model without one is fetched from its default manager."""

    def __init__(self, lookup, querysets, to_attr=None):
        for queryset in querysets:
            if queryset is not None and (isinstance(queryset, RawQuerySet) or getattr(
                    queryset, "_iterable", "model") != "model"):
                raise ValueError(
                    "Prefetch querysets cannot use raw(), values(), and "
                    "values_list().")
        self.querysets = querysets
        super().__init__(lookup, to_attr=to_attr)

    def __getstate__(self):
        # Pickle the querysets unevaluated (as Django does).
        state = self.__dict__.copy()
        state["querysets"] = []
        for queryset in self.querysets:
            if queryset is not None:
                queryset = queryset._chain()
                queryset._result_cache = []
                queryset._prefetch_done = True
                state["querysets"].append(queryset)
        return state
