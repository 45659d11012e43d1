"""MultiValueDict, the dict of lists behind QueryDict
(django/utils/datastructures.py).
"""

__all__ = [
    "MultiValueDict", "MultiValueDictKeyError", "ImmutableList", "OrderedSet",
    "DictWrapper",
]


# -- MultiValueDict: a dict of lists that looks like a dict of last values.


class MultiValueDictKeyError(KeyError):
    """A key missing from a MultiValueDict (and so from request.GET/POST)."""


_MISSING_KEY = object()  # MultiValueDict.get(): no such key


class MultiValueDict(dict):
    """A dict that keeps every value given for a key, as HTML forms send them.

    `d[key]` and `d.get(key)` return the last value; `getlist`, `setlist`,
    `appendlist` and `lists` work with all of them.
    """

    def __init__(self, key_to_list_mapping=()):
        super().__init__(key_to_list_mapping)

    def __repr__(self):
        return f"<{type(self).__name__}: {super().__repr__()}>"

    def __getitem__(self, key):
        try:
            list_ = super().__getitem__(key)
        except KeyError:
            raise MultiValueDictKeyError(key) from None
        try:
            return list_[-1]
        except IndexError:
            return []

    def __setitem__(self, key, value):
        super().__setitem__(key, [value])

    def __copy__(self):
        return self.__class__([(k, v[:]) for k, v in self.lists()])

    def __deepcopy__(self, memo):
        import copy

        result = self.__class__()
        memo[id(self)] = result
        for key, value in dict.items(self):
            dict.__setitem__(
                result, copy.deepcopy(key, memo), copy.deepcopy(value, memo))
        return result

    def __getstate__(self):
        return {**self.__dict__, "_data": {k: self._getlist(k) for k in self}}

    def __setstate__(self, obj_dict):
        data = obj_dict.pop("_data", {})
        for k, v in data.items():
            self.setlist(k, v)
        self.__dict__.update(obj_dict)

    def get(self, key, default=None):
        """Return the last value for `key`, or `default` if missing or empty."""
        if type(self).__getitem__ is MultiValueDict.__getitem__:
            # self[key] without the two exceptions a missing key raises (a
            # view's request.GET.get("page") on most requests).
            list_ = dict.get(self, key, _MISSING_KEY)
            if list_ is _MISSING_KEY:
                return default
            try:
                val = list_[-1]
            except IndexError:
                val = []
        else:  # a subclass's own __getitem__ answers, as in Django
            try:
                val = self[key]
            except KeyError:
                return default
        if val == []:
            return default
        return val

    def _getlist(self, key, default=None, force_list=False):
        try:
            values = super().__getitem__(key)
        except KeyError:
            if default is None:
                return []
            return default
        return list(values) if force_list and values is not None else values

    def getlist(self, key, default=None):
        """Return the list of values for `key` (a new list; [] if missing)."""
        return self._getlist(key, default, force_list=True)

    def setlist(self, key, list_):
        super().__setitem__(key, list_)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def setlistdefault(self, key, default_list=None):
        if key not in self:
            if default_list is None:
                default_list = []
            self.setlist(key, default_list)
        return self._getlist(key)

    def appendlist(self, key, value):
        """Append `value` to the list for `key`."""
        self.setlistdefault(key).append(value)

    def items(self):
        """Yield (key, last value) pairs."""
        for key in self:
            yield key, self[key]

    def lists(self):
        """Yield (key, list of values) pairs."""
        return iter(super().items())

    def values(self):
        for key in self:
            yield self[key]

    def copy(self):
        """Return a shallow copy."""
        import copy

        return copy.copy(self)

    def update(self, *args, **kwargs):
        """Extend (not replace) the lists of values with those given."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}")
        if args:
            arg = args[0]
            if isinstance(arg, MultiValueDict):
                for key, value_list in arg.lists():
                    self.setlistdefault(key).extend(value_list)
            else:
                if hasattr(arg, "keys"):
                    arg = arg.items()
                for key, value in arg:
                    self.setlistdefault(key).append(value)
        for key, value in kwargs.items():
            self.setlistdefault(key).append(value)

    def dict(self):
        """Return a plain dict of key -> last value."""
        return {key: self[key] for key in self}


class ImmutableList(tuple):
    """A tuple whose list-changing methods raise AttributeError(`warning`)
    (request.upload_handlers once the upload is parsed)."""

    def __new__(cls, *args, warning="ImmutableList object is immutable.", **kwargs):
        self = tuple.__new__(cls, *args, **kwargs)
        self.warning = warning
        return self

    def complain(self, *args, **kwargs):
        raise AttributeError(self.warning)

    # Every method that would change a list.
    __delitem__ = __delslice__ = __iadd__ = __imul__ = complain
    __setitem__ = __setslice__ = complain
    append = extend = insert = pop = remove = sort = reverse = complain


class OrderedSet:
    """A set that iterates in the order its items were first added."""

    def __init__(self, iterable=None):
        self.dict = dict.fromkeys(iterable or ())

    def add(self, item):
        self.dict[item] = None

    def remove(self, item):
        del self.dict[item]

    def discard(self, item):
        self.dict.pop(item, None)

    def __iter__(self):
        return iter(self.dict)

    def __reversed__(self):
        return reversed(self.dict)

    def __contains__(self, item):
        return item in self.dict

    def __bool__(self):
        return bool(self.dict)

    def __len__(self):
        return len(self.dict)

    def __repr__(self):
        items = repr(list(self.dict)) if self.dict else ""
        return f"{type(self).__qualname__}({items})"


class DictWrapper(dict):
    """A dict whose keys written with `prefix` return the value passed
    through `func` (the prefix stripped first); other keys return it as is."""

    def __init__(self, data, func, prefix):
        super().__init__(data)
        self.func = func
        self.prefix = prefix

    def __getitem__(self, key):
        if key.startswith(self.prefix):
            return self.func(super().__getitem__(key[len(self.prefix):]))
        return super().__getitem__(key)
