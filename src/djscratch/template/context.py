"""Context, RequestContext and RenderContext
(django/template/context.py): a stack of dicts, as in Django.
"""

import weakref

__all__ = [
    "Context", "RequestContext",
]


# -- Contexts: a stack of dicts, as in Django.  Compiled code reads the names
#    it needs once per function; tags that hand over to other code (include,
#    blocks, custom tags) push the loop and `with` variables first.

class ContextPopException(Exception):
    """pop() was called more times than push()."""


class ContextDict(dict):
    """A dict pushed on a Context; leaving its `with` block pops it."""

    def __init__(self, context, *args, **kwargs):
        if args or kwargs:  # an empty one (two per RequestContext) is ready
            super().__init__(*args, **kwargs)
        context.dicts.append(self)
        self.context = context

    def __enter__(self):
        return self

    def __exit__(self, *args, **kwargs):
        self.context.pop()


class _OwnContextDict(ContextDict):
    """A ContextDict the library pushes itself and hands to no one: the view's
    dict that make_context() pushes and RequestContext's two.  It reaches its
    context through a weak reference, so that a context and its dicts make no
    reference cycle: a page's context, and what its variables hold (a page of
    model instances), is freed when the render is done rather than by the
    cycle collector some requests later.  Whoever reads its `context` reached
    the dict through the context's `dicts` (nothing returns it), so the
    context is alive and `context` is that context, as a ContextDict's is."""

    __slots__ = ("_context_ref",)

    def __init__(self, context, *args, **kwargs):
        if args or kwargs:
            dict.__init__(self, *args, **kwargs)
        context.dicts.append(self)
        self._context_ref = weakref.ref(context)

    @property
    def context(self):
        return self._context_ref()

    @context.setter
    def context(self, context):  # set by hand: held as a ContextDict holds it
        self._context_ref = lambda: context

    def __reduce_ex__(self, protocol):
        # Pickled and deep-copied as the ContextDict it stands for (holding
        # its context), not as a weak reference, which neither can copy.
        return _context_dict, (self.context, dict(self))


def _context_dict(context, items):
    """A ContextDict of `items` for `context`, not pushed on it (a copy's
    dicts list holds it): _OwnContextDict's pickled and deep-copied form."""
    copied = ContextDict.__new__(ContextDict)
    dict.update(copied, items)
    copied.context = context
    return copied


class BaseContext:
    """A stack of dicts searched from the top (Django's BaseContext)."""

    def __init__(self, dict_=None):
        self._reset_dicts(dict_)

    def _reset_dicts(self, value=None):
        builtins = {"True": True, "False": False, "None": None}
        if value is None:
            self.dicts = [builtins]
        elif isinstance(value, BaseContext):
            self.dicts = [builtins, *value.dicts[1:]]
        else:
            self.dicts = [builtins, value]

    def __copy__(self):
        duplicate = object.__new__(type(self))
        duplicate.__dict__.update(self.__dict__)
        duplicate.dicts = self.dicts[:]
        return duplicate

    def __repr__(self):
        return repr(self.dicts)

    def __iter__(self):
        return reversed(self.dicts)

    def push(self, *args, **kwargs):
        """Push a new dict (returned; usable as a context manager)."""
        dicts = []
        for d in args:
            if isinstance(d, BaseContext):
                dicts += d.dicts[1:]
            else:
                dicts.append(d)
        return ContextDict(self, *dicts, **kwargs)

    def pop(self):
        if len(self.dicts) == 1:
            raise ContextPopException
        return self.dicts.pop()

    def __setitem__(self, key, value):
        self.dicts[-1][key] = value

    def set_upward(self, key, value):
        """Set `key` in the nearest dict that has it (else the top one)."""
        context = self.dicts[-1]
        for d in reversed(self.dicts):
            if key in d:
                context = d
                break
        context[key] = value

    def __getitem__(self, key):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        raise KeyError(key)

    def __delitem__(self, key):
        del self.dicts[-1][key]

    def __contains__(self, key):
        return any(key in d for d in self.dicts)

    def get(self, key, otherwise=None):
        for d in reversed(self.dicts):
            if key in d:
                return d[key]
        return otherwise

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def new(self, values=None):
        """Return a context with the same settings and only `values`."""
        import copy

        new_context = copy.copy(self)
        new_context._reset_dicts(values)
        return new_context

    def flatten(self):
        """Return one dict of everything visible."""
        flat = {}
        for d in self.dicts:
            flat.update(d)
        return flat

    def __eq__(self, other):
        if not isinstance(other, BaseContext):
            return NotImplemented
        return self.flatten() == other.flatten()


class Context(BaseContext):
    """The variables a template renders with; push/pop, update, flatten."""

    template = None  # the Template rendering it (see Template.render())
    template_name = "unknown"

    def __init__(self, dict_=None, autoescape=True, use_l10n=None, use_tz=None):
        # One Context per render: the attributes that rarely change are
        # class defaults, and the two stacks are built inline.
        self.autoescape = autoescape
        self.use_l10n = use_l10n
        self.use_tz = use_tz
        render_context = self.render_context = RenderContext.__new__(RenderContext)
        render_context.dicts = [{"True": True, "False": False, "None": None}]
        self._reset_dicts(dict_)

    def bind_template(self, template):
        """Context manager: make `template` the context's template meanwhile."""
        return _BoundTemplate(self, template)

    def _bind(self, template):
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template

    def _unbind(self):
        self.template = None

    def __copy__(self):
        import copy

        duplicate = super().__copy__()
        duplicate.render_context = copy.copy(self.render_context)
        return duplicate

    def update(self, other_dict):
        """Push `other_dict` on the stack (returned, usable with `with`)."""
        if not hasattr(other_dict, "__getitem__"):
            raise TypeError("other_dict must be a mapping (dictionary-like) object.")
        if isinstance(other_dict, BaseContext):
            other_dict = other_dict.dicts[1:].pop()
        return ContextDict(self, other_dict)


class RenderContext(BaseContext):
    """Per-render state of tags (cycle, ifchanged, block context)."""

    template = None

    def __iter__(self):
        yield from self.dicts[-1]

    def __contains__(self, key):
        return key in self.dicts[-1]

    def get(self, key, otherwise=None):
        return self.dicts[-1].get(key, otherwise)

    def __getitem__(self, key):
        return self.dicts[-1][key]

    def push_state(self, template, isolated_context=True):
        """Context manager: a fresh state for `template` (tags keep state here)."""
        return _RenderState(self, template, isolated_context)


class _BoundTemplate:
    __slots__ = ("context", "template")

    def __init__(self, context, template):
        self.context, self.template = context, template

    def __enter__(self):
        self.context._bind(self.template)

    def __exit__(self, *exc):
        self.context._unbind()


class _RenderState:
    __slots__ = ("rc", "template", "isolated", "initial")

    def __init__(self, rc, template, isolated):
        self.rc, self.template, self.isolated = rc, template, isolated

    def __enter__(self):
        self.initial = self.rc.template
        self.rc.template = self.template
        if self.isolated:
            self.rc.dicts.append({})

    def __exit__(self, *exc):
        self.rc.template = self.initial
        if self.isolated:
            self.rc.dicts.pop()


class RequestContext(Context):
    """A Context that runs the engine's context processors for `request`.

    The processors run when the context is bound to a template; Django's
    csrf processor always runs.
    """

    def __init__(self, request, dict_=None, processors=None, use_l10n=None,
                 use_tz=None, autoescape=True):
        super().__init__(dict_, use_l10n=use_l10n, use_tz=use_tz,
                         autoescape=autoescape)
        self.request = request
        self._processors = () if processors is None else tuple(processors)
        self._processors_index = len(self.dicts)
        if type(self).update is Context.update:
            # update({}) twice, without its checks (an empty dict is a mapping)
            _OwnContextDict(self)  # the processors' output goes here
            _OwnContextDict(self)  # and later changes go above it
        else:  # a subclass's own update() sees both, as in Django
            self.update({})
            self.update({})

    def _bind(self, template):
        if self.template is not None:
            raise RuntimeError("Context is already bound to a template")
        self.template = template
        processors = template.engine.template_context_processors + self._processors
        updates = {}
        for processor in processors:
            result = processor(self.request)
            try:
                updates.update(result)
            except TypeError as err:
                raise TypeError(f"Context processor {processor.__qualname__} didn't "
                                "return a dictionary.") from err
        self.dicts[self._processors_index] = updates

    def _unbind(self):
        self.template = None
        self.dicts[self._processors_index] = {}

    def new(self, values=None):
        new_context = super().new(values)
        if hasattr(new_context, "_processors_index"):
            del new_context._processors_index
        return new_context


def make_context(context, request=None, **kwargs):
    """Build a Context (or RequestContext) from a dict, as the backends do."""
    if context is not None and not isinstance(context, dict):
        raise TypeError(
            f"context must be a dict rather than {context.__class__.__name__}.")
    if request is None:
        return Context(context, **kwargs)
    if kwargs.keys() <= _PLAIN_CONTEXT_OPTIONS and (
            RequestContext.__init__, Context.__init__, RequestContext._reset_dicts,
            RequestContext.update, RequestContext.push, _OwnContextDict.__init__,
            ) == _PLAIN_CONTEXT_METHODS:
        return _request_context_for(request, context, **kwargs)
    original = context
    context = RequestContext(request, **kwargs)
    if original:
        if RequestContext.push is BaseContext.push:
            _OwnContextDict(context, original)  # push(original), for a plain dict
        else:
            context.push(original)
    return context


#: What make_context() and RequestContext run to build a context, as the
#: library defines them: while they are, _request_context_for() builds it.
_PLAIN_CONTEXT_METHODS = (
    RequestContext.__init__, Context.__init__, RequestContext._reset_dicts,
    RequestContext.update, RequestContext.push, _OwnContextDict.__init__)
_PLAIN_CONTEXT_OPTIONS = frozenset(("autoescape", "use_l10n", "use_tz"))


def _request_context_for(request, values, autoescape=True, use_l10n=None,
                         use_tz=None):
    """Return make_context(values, request, ...) for a dict (or None) `values`:
    the same RequestContext, its attributes set in the same order, built in
    one function (RequestContext.__init__(), Context.__init__(),
    _reset_dicts() and the three dicts pushed, written out), the three
    _OwnContextDicts sharing one weak reference to it."""
    context = object.__new__(RequestContext)
    context.autoescape = autoescape
    context.use_l10n = use_l10n
    context.use_tz = use_tz
    render_context = context.render_context = RenderContext.__new__(RenderContext)
    render_context.dicts = [{"True": True, "False": False, "None": None}]
    ref = weakref.ref(context)
    processed = _OwnContextDict.__new__(_OwnContextDict)  # the processors' dict
    processed._context_ref = ref
    above = _OwnContextDict.__new__(_OwnContextDict)  # later changes go here
    above._context_ref = ref
    if values:
        own = _OwnContextDict.__new__(_OwnContextDict)
        dict.update(own, values)
        own._context_ref = ref
        context.dicts = [{"True": True, "False": False, "None": None}, processed, above,
                         own]
    else:
        context.dicts = [{"True": True, "False": False, "None": None}, processed, above]
    context.request = request
    context._processors = ()
    context._processors_index = 1
    return context
