"""Library (django/template/library.py): simple_tag,
inclusion_tag and filter registration for {% load %}.
"""

import functools

from djscratch.sections import _methods_on_first_use
from djscratch.utils.regex_helper import _re
from djscratch.utils.html import _escape_text, conditional_escape
from djscratch.template.codegen import _code_literal
from djscratch.template.runtime import _context_engine
from djscratch.template.base import Node, Template, TemplateSyntaxError

__all__ = [
    "Library",
]


# -- Libraries: {% load name %} makes a Library's tags and filters available.

# The methods a plain page never runs are in library_extra.py, defined on first
# use.
@_methods_on_first_use("_LibraryMore", (
    "filter_function", "inclusion_tag", "simple_block_tag", "tag_function",
))
class Library:
    """A set of tags and filters: `register = template.Library()`.

    @register.filter, @register.simple_tag and @register.inclusion_tag work
    as in Django; @register.tag takes a compile function (parser, token).
    """

    def __init__(self):
        self.filters = {}
        self.tags = {}

    def tag(self, name=None, compile_function=None):
        if name is None and compile_function is None:
            return self.tag_function
        if name is not None and compile_function is None:
            if callable(name):
                return self.tag_function(name)

            def dec(func):
                return self.tag(name, func)

            return dec
        if name is not None and compile_function is not None:
            self.tags[name] = compile_function
            return compile_function
        raise ValueError(f"Unsupported arguments to Library.tag: ({name!r}, "
                         f"{compile_function!r})")

    def filter(self, name=None, filter_func=None, **flags):
        """Register a filter; flags: is_safe, needs_autoescape, expects_localtime."""
        if name is None and filter_func is None:
            def dec(func):
                return self.filter_function(func, **flags)

            return dec
        if name is not None and filter_func is None:
            if callable(name):
                return self.filter_function(name, **flags)

            def dec(func):
                return self.filter(name, func, **flags)

            return dec
        if name is not None and filter_func is not None:
            self.filters[name] = filter_func
            for attr in ("expects_localtime", "is_safe", "needs_autoescape"):
                if attr in flags:
                    value = flags[attr]
                    setattr(filter_func, attr, value)
                    if hasattr(filter_func, "_decorated_function"):
                        setattr(filter_func._decorated_function, attr, value)
            filter_func._filter_name = name
            return filter_func
        raise ValueError(f"Unsupported arguments to Library.filter: ({name!r}, "
                         f"{filter_func!r})")

    def simple_tag(self, func=None, takes_context=None, name=None):
        """Register a function as a tag: {% name arg kw=arg [as var] %}."""
        def dec(func):
            function_name = name or func.__name__

            def compile_func(parser, token):
                spec = _argspec(func)
                bits = token.split_contents()[1:]
                target_var = None
                if len(bits) >= 2 and bits[-2] == "as":
                    target_var = bits[-1]
                    bits = bits[:-2]
                args, kwargs = parse_bits(parser, bits, spec, takes_context,
                                          function_name)
                return SimpleNode(func, takes_context, args, kwargs, target_var)

            # Django's compile functions wrap the tag's: __wrapped__ is `func`.
            self.tag(function_name, functools.wraps(func)(compile_func))
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_tag")


def _argspec(func):
    import inspect

    return inspect.getfullargspec(inspect.unwrap(func))


def parse_bits(parser, bits, spec, takes_context, name):
    """Parse a tag's arguments against the function's signature."""
    params, varargs, varkw = list(spec.args), spec.varargs, spec.varkw
    defaults, kwonly, kwonly_defaults = spec.defaults, spec.kwonlyargs, \
        spec.kwonlydefaults
    if takes_context:
        if params and params[0] == "context":
            params = params[1:]
        else:
            raise TemplateSyntaxError(
                f"'{name}' is decorated with takes_context=True so it must have a "
                "first argument of 'context'")
    args, kwargs = [], {}
    unhandled_params = list(params)
    unhandled_kwargs = [k for k in kwonly if not kwonly_defaults or k not in
                        kwonly_defaults]
    for bit in bits:
        kwarg = token_kwargs([bit], parser)
        if kwarg:
            param, value = kwarg.popitem()
            if param not in params and param not in kwonly and varkw is None:
                raise TemplateSyntaxError(
                    f"'{name}' received unexpected keyword argument '{param}'")
            if param in kwargs:
                raise TemplateSyntaxError(
                    f"'{name}' received multiple values for keyword argument "
                    f"'{param}'")
            kwargs[str(param)] = value
            if param in unhandled_params:
                unhandled_params.remove(param)
            elif param in unhandled_kwargs:
                unhandled_kwargs.remove(param)
        else:
            if kwargs:
                raise TemplateSyntaxError(
                    f"'{name}' received some positional argument(s) after some "
                    "keyword argument(s)")
            args.append(parser.compile_filter(bit))
            try:
                unhandled_params.pop(0)
            except IndexError:
                if varargs is None:
                    raise TemplateSyntaxError(
                        f"'{name}' received too many positional arguments") from None
    if defaults is not None:
        unhandled_params = unhandled_params[:-len(defaults)]
    if unhandled_params or unhandled_kwargs:
        missing = ", ".join(f"'{p}'" for p in unhandled_params + unhandled_kwargs)
        raise TemplateSyntaxError(
            f"'{name}' did not receive value(s) for the argument(s): {missing}")
    return args, kwargs


def token_kwargs(bits, parser, support_legacy=False):
    """Parse `a=b c=d` (or legacy `b as a and d as c`) from `bits`, consuming them."""
    if not bits:
        return {}
    kwarg_re = _re(r"(?:(\w+)=)?(.+)")
    match = kwarg_re.match(bits[0])
    kwarg_format = match and match[1]
    if not kwarg_format:
        if not support_legacy or len(bits) < 3 or bits[1] != "as":
            return {}
    kwargs = {}
    while bits:
        if kwarg_format:
            match = kwarg_re.match(bits[0])
            if not match or not match[1]:
                return kwargs
            key, value = match.groups()
            del bits[:1]
        else:
            if len(bits) < 3 or bits[1] != "as":
                return kwargs
            key, value = bits[2], bits[0]
            del bits[:3]
        kwargs[key] = parser.compile_filter(value)
        if bits and not kwarg_format:
            if bits[0] != "and":
                return kwargs
            del bits[:1]
    return kwargs


class _ValueNode(Node):
    """A tag computed at run time whose value can go to `as var`."""

    child_nodelists = ()
    asvar = None
    may_change_context = False
    value_is_text = False  # True: value() always returns the str to write

    def render(self, context):
        value = self.value(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    _last_escaped = (None, None)  # (url, its escaped form): see _escape_url()

    def _escape_url(self, url):
        """Return conditional_escape(url), once per URL: reverse() and
        static_url() cache their results, so the same URL is the same str."""
        last_url, escaped = self._last_escaped
        if url is last_url:
            return escaped
        escaped = conditional_escape(url)
        self._last_escaped = (url, escaped)
        return escaped

    def generate(self, c):
        name = c.const(self, "node")
        if self.value_is_text and not self.asvar and not c.has_bindings():
            # Nothing to hand over, and value() is already the text to write:
            # a direct call per {% url %} or {% static %}.
            # value() reads only the tag's own expressions, so this is no
            # hand-off of the context, unless one names `block`.
            token = self.token
            if token is None or _re(r"\bblock\b").search(token.contents):
                c.bindings()  # marks the function as handing off
            c.line(f"write({name}.value(ctx))")
            return
        bindings = c.bindings()
        if self.asvar:
            target = c.bind(self.asvar)
            c.line(f"{target} = _node_value(ctx, {name}, {bindings})")
        else:
            c.line(f"_render_node(ctx, out, {name}, {bindings})")
        if self.may_change_context:
            c.refresh()


def _node_value(ctx, node, bindings):
    if bindings:
        ctx.push(bindings)
    try:
        return node.value(ctx)
    finally:
        if bindings:
            ctx.pop()


class SimpleNode(_ValueNode):
    def __init__(self, func, takes_context, args, kwargs, target_var):
        self.func, self.takes_context = func, takes_context
        self.args, self.kwargs, self.asvar = args, kwargs, target_var
        self.may_change_context = bool(takes_context)

    def get_resolved_arguments(self, context):
        args = [var.resolve(context) for var in self.args]
        if self.takes_context:
            args = [context] + args
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        return args, kwargs

    def value(self, context):
        args, kwargs = self.get_resolved_arguments(context)
        output = self.func(*args, **kwargs)
        if self.asvar:
            return output
        if context.autoescape:
            output = conditional_escape(output)
        return output

    def compiled_call(self, c):
        """Return Python calling the function, or None when it needs the
        context (takes_context, or a subclass's own render).  It sees only
        its arguments, computed here as {{ }} computes them
        (FilterExpression.resolve())."""
        if type(self) is not SimpleNode or self.takes_context:
            return None
        return _generate_call(c, c.const(self.func, "tag"), self.args, self.kwargs)

    def output_expression(self, c):
        call = None if self.asvar else self.compiled_call(c)
        if call is None:
            return None
        return f"_tag_escaped({call})" if c.autoescape else f"str({call})"

    def generate(self, c):
        call = self.compiled_call(c) if self.asvar else None
        if call is None:
            return super().generate(c)
        target = c.bind(self.asvar)
        c.line(f"{target} = {call}")


def _generate_call(c, func, args, kwargs):
    """Return Python calling `func` with a tag's arguments (FilterExpressions)."""
    values = [c.expr(arg, "output") for arg in args]
    if kwargs:  # names from the template only ever as literals
        values.append("**{" + ", ".join(
            f"{_code_literal(str(k))}: {c.expr(v, 'output')}"
            for k, v in kwargs.items()) + "}")
    return f"{func}({', '.join(values)})"


def _tag_escaped(output):
    """A simple tag's output with autoescaping on: conditional_escape(), as
    text (no localizing: Django writes str(output))."""
    if type(output) is str:
        return _escape_text(output)
    return str(conditional_escape(output))


class SimpleBlockNode(SimpleNode):
    """A simple_block_tag: the rendered block goes to the function as `content`."""

    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nodelist = nodelist
        self.may_change_context = True  # the block's tags may set variables

    def get_resolved_arguments(self, context):
        args, kwargs = super().get_resolved_arguments(context)
        args.insert(1 if self.takes_context else 0, self.nodelist.render(context))
        return args, kwargs


class InclusionNode(_ValueNode):
    def __init__(self, func, takes_context, args, kwargs, filename):
        self.func, self.takes_context = func, takes_context
        self.args, self.kwargs, self.filename = args, kwargs, filename

    def value(self, context):
        args = [var.resolve(context) for var in self.args]
        if self.takes_context:
            args = [context] + args
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        data = self.func(*args, **kwargs)
        return self.render_data(context, data)

    def render_data(self, context, data):
        """Render the tag's template with `data`, what its function returned."""
        t = context.render_context.get(self)
        if t is None:
            engine = _context_engine(context)
            if isinstance(self.filename, Template):
                t = self.filename
            elif isinstance(getattr(self.filename, "template", None), Template):
                t = self.filename.template
            elif not isinstance(self.filename, str) and hasattr(self.filename,
                                                                "__iter__"):
                t = engine.select_template(self.filename)
            else:
                t = engine.get_template(self.filename)
            context.render_context[self] = t
        new_context = context.new(data)
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        return t.render(new_context)

    def output_expression(self, c):
        """Python rendering the tag here, or None (then generate() hands the
        context over).  The function sees only its arguments and the
        template only what it returns and csrf_token from the context: no
        loop variable is handed over unless one is named csrf_token."""
        if type(self) is not InclusionNode or self.takes_context or any(
                "csrf_token" in scope for scope in c.func.scopes):
            return None
        call = _generate_call(c, c.const(self.func, "tag"), self.args, self.kwargs)
        return f"{c.const(self, 'node')}.render_data(ctx, {call})"
