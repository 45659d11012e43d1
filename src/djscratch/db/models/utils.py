"""Small helpers of the model layer (django/db/models/utils.py): model
references as (app_label, model_name), named rows for values_list(named=True)
that pickle, and AltersData, which keeps `alters_data` on overriding methods.
"""

import collections
import functools

__all__ = [
    "make_model_tuple", "resolve_callables", "unpickle_named_row",
    "create_namedtuple_class", "AltersData",
]


def make_model_tuple(model):
    """Return ("app_label", "modelname") for a model, an "app_label.ModelName"
    string or such a tuple."""
    try:
        if isinstance(model, tuple):
            model_tuple = model
        elif isinstance(model, str):
            app_label, model_name = model.split(".")
            model_tuple = app_label, model_name.lower()
        else:
            model_tuple = model._meta.app_label, model._meta.model_name
        if len(model_tuple) != 2:
            raise ValueError
        return model_tuple
    except ValueError:
        raise ValueError(
            "Invalid model reference '%s'. String model references must be of the "
            "form 'app_label.ModelName'." % model) from None


def resolve_callables(mapping):
    """Yield the (key, value) pairs of mapping, callable values called."""
    for key, value in mapping.items():
        yield key, value() if callable(value) else value


def unpickle_named_row(names, values):
    return create_namedtuple_class(*names)(*values)


@functools.lru_cache
def create_namedtuple_class(*names):
    """A named tuple class "Row" with these fields, made once per names (rows
    are made for every result) and picklable without being importable."""
    def __reduce__(self):
        return unpickle_named_row, (names, tuple(self))

    return type("Row", (collections.namedtuple("Row", names),),
                {"__reduce__": __reduce__, "__slots__": ()})


class AltersData:
    """A subclass's override of a method marked `alters_data` (which templates
    refuse to call) is marked too, unless it says otherwise."""

    def __init_subclass__(cls, **kwargs):
        for name, method in vars(cls).items():
            if callable(method) and not hasattr(method, "alters_data"):
                for base in cls.__bases__:
                    base_method = getattr(base, name, None)
                    if base_method:
                        if hasattr(base_method, "alters_data"):
                            method.alters_data = base_method.alters_data
                        break
        super().__init_subclass__(**kwargs)
