"""Blocks and inheritance: {% block %}, {% extends %},
{% include %} at run time (django/template/loader_tags.py).
"""

from djscratch.utils.safestring import SafeString, mark_safe
from djscratch.template.base import Template, TemplateSyntaxError


# -- Blocks and inheritance.

BLOCK_CONTEXT_KEY = "block_context"


class BlockContext:
    """The blocks of an inheritance chain, most derived last."""

    def __init__(self):
        self.blocks = {}

    def __repr__(self):
        import collections

        blocks = collections.defaultdict(list, self.blocks)
        return f"<{type(self).__qualname__}: blocks={blocks!r}>"

    def add_blocks(self, blocks):
        mine = self.blocks
        if not mine:  # the child template's blocks: the first ones added
            self.blocks = {name: [block] for name, block in blocks.items()}
            return
        for name, block in blocks.items():
            if name in mine:
                mine[name].insert(0, block)
            else:
                mine[name] = [block]

    def pop(self, name):
        stack = self.blocks.get(name)
        return stack.pop() if stack else None

    def push(self, name, block):
        self.blocks.setdefault(name, []).append(block)

    def get_block(self, name):
        try:
            return self.blocks.get(name, [])[-1]
        except IndexError:
            return None


class _BlockDef:
    """A {% block %} of one template; renders the compiled function for the
    current autoescape setting."""

    __slots__ = ("template", "name", "functions")

    def __init__(self, template, name):
        self.template, self.name = template, name
        self.functions = {}  # autoescape -> compiled function

    def render(self, ctx, out):
        self.function(ctx.autoescape)(ctx, out)

    def function(self, autoescape):
        """Return the compiled function of this block."""
        function = self.functions.get(autoescape)
        if function is None:
            function = self.functions[autoescape] = self.template._compiled(
                autoescape).blocks[self.name]
        return function

    def __repr__(self):
        return f"<Block {self.name!r} of {self.template.name}>"


class _BlockRef:
    """The `block` variable inside a block: {{ block.super }}."""

    def __init__(self, block, context):
        self.block, self.context = block, context
        self.name = block.name

    def super(self):
        """Render the parent template's version of this block."""
        block_context = self.context.render_context.get(BLOCK_CONTEXT_KEY)
        if block_context is None:
            raise TemplateSyntaxError(
                "'BlockNode' object has no attribute 'context'. Did you use "
                "{{ block.super }} in a base template?")
        if block_context is not None and block_context.get_block(self.name) is not None:
            out = []
            _render_block(self.context, out, self.block, None)
            return mark_safe("".join(out))
        return ""


def _render_block(ctx, out, block, bindings):
    """Render the most derived version of `block` (Django's BlockNode.render)."""
    # BlockContext.pop() and push() spelled out: this runs for every block.
    block_context = ctx.render_context.dicts[-1].get(BLOCK_CONTEXT_KEY)
    stack = block_context.blocks.get(block.name) if block_context else None
    found = stack.pop() if stack else None
    current = block if found is None else found
    function = current.functions.get(ctx.autoescape) or current.function(
        ctx.autoescape)
    if bindings or function.needs_scope:
        scope = dict(bindings) if bindings else {}
        if function.reads_block:  # {{ block.super }} and the like
            scope["block"] = _BlockRef(current, ctx)
        ctx.dicts.append(scope)
        try:
            function(ctx, out)
        finally:
            ctx.dicts.pop()
    else:  # a block that only reads the context: no push needed
        function(ctx, out)
    if found is not None:
        stack.append(found)


def _extends(ctx, out, template, parent, token):
    """Render `template`'s parent with the child's blocks (ExtendsNode)."""
    if not parent:
        message = f"Invalid template name in 'extends' tag: {parent!r}."
        if token[:1] not in "\"'":
            message += f" Got this from the '{token}' variable."
        raise TemplateSyntaxError(message)
    state = ctx.render_context.dicts[-1]
    if not isinstance(parent, Template):
        if not isinstance(parent, str) and isinstance(
                getattr(parent, "template", None), Template):
            parent = parent.template
        else:
            name = parent
            if parent.startswith(("./", "../")):
                name = _relative_name(template.origin.template_name, parent, "extends")
            history = state.get("extends_context")
            if history is None:
                history = state["extends_context"] = [template.origin]
            engine = ctx.template.engine
            found = engine._cached_template(name, history)
            if found is None:
                parent, origin = engine.find_template(name, skip=history)
            else:
                parent, origin = found, found.origin
            history.append(origin)
    block_context = state.get(BLOCK_CONTEXT_KEY)
    if block_context is None:
        block_context = state[BLOCK_CONTEXT_KEY] = BlockContext()
        if not parent._has_extends:  # a child of the chain's root
            block_context.blocks = _chain_blocks(template, parent)
        else:
            block_context.add_blocks(template.block_defs)
    else:
        block_context.add_blocks(template.block_defs)
        if not parent._has_extends:
            block_context.add_blocks(parent.block_defs)
    rc = ctx.render_context  # push_state(parent, isolated_context=False)
    initial, rc.template = rc.template, parent
    try:
        parent._render_into(ctx, out)
    finally:
        rc.template = initial


def _chain_blocks(template, parent):
    """Return the blocks of a new BlockContext once add_blocks() has added
    `template`'s blocks, then those of `parent` (which extends nothing): made
    from lists of the blocks kept on `template` for that parent and those
    block_defs (a template's chain seldom changes), not added one by one."""
    plan = template.__dict__.get("_chain_plan")
    if plan is None or plan[0] is not parent or plan[1] is not template.block_defs \
            or plan[2] is not parent.block_defs:
        scratch = BlockContext()
        scratch.add_blocks(template.block_defs)
        scratch.add_blocks(parent.block_defs)
        plan = template._chain_plan = (
            parent, template.block_defs, parent.block_defs,
            tuple((name, tuple(stack)) for name, stack in scratch.blocks.items()))
    return {name: [*stack] for name, stack in plan[3]}


def _relative_name(current, relative, tag, shown=None):
    """Resolve "./x.html" and "../x.html" against the current template's name.

    `shown` is the tag's argument as written (quotes included), which Django's
    messages quote; {% include %} may name its own template (recursion)."""
    if not isinstance(relative, str) or not relative.startswith(("./", "../")):
        return relative
    import posixpath

    shown = relative if shown is None else shown
    if current is None:
        raise TemplateSyntaxError(
            f"The relative path {shown} cannot be evaluated due to an unknown "
            "template origin.")
    new_name = posixpath.normpath(posixpath.join(posixpath.dirname(current), relative))
    if new_name.startswith("../"):
        raise TemplateSyntaxError(
            f"The relative path '{shown}' points outside the file hierarchy that "
            f"template '{current}' is in.")
    if tag != "include" and current.lstrip("/") == new_name:
        raise TemplateSyntaxError(
            f"The relative path '{shown}' was translated to template name "
            f"'{current}', the same template in which the tag appears.")
    return new_name


def construct_relative_path(current_template_name, relative_name,
                            allow_recursion=False):
    """Django's helper: a quoted "./x.html" argument made absolute against the
    current template's name (quotes kept); anything else unchanged."""
    name = relative_name.strip("'\"")
    if not name.startswith(("./", "../")):
        return relative_name
    tag = "include" if allow_recursion else "extends"
    return f'"{_relative_name(current_template_name, name, tag, relative_name)}"'


_INCLUDE_DEPTH_LIMIT = 100


def _include_scope(bindings, extra):
    """Return the one dict an {% include %} pushes: the loop and {% with %}
    names in scope (`bindings`) under the `with` arguments (`extra`), as
    pushing both in that order shows them (Django pushes one dict too).
    Both are dicts the generated call builds afresh, so either may be
    pushed as it is."""
    if not extra:
        return {} if bindings is None else bindings
    if not bindings:
        return extra
    return {**bindings, **extra}


def _named_include(ctx, root, name, origin, key):
    """The template {% include name %} renders, for a non-empty str `name`
    (the commonest argument): what the general path in _include() finds,
    kept in the same per-render cache of the node but under the name itself
    (a str, never equal to the general path's tuples), and without asking
    whether a str has a render() method."""
    cache = root.get(key)
    if cache is None:
        cache = root[key] = {}
    found = cache.get(name)
    if found is None:
        resolved = name
        if name.startswith(("./", "../")):
            resolved = _relative_name(origin.template_name, name, "include")
        found = cache[name] = ctx.template.engine.select_template((resolved,))
    return found


def _include(ctx, out, template, origin, bindings, extra, only, key):
    """Render another template here ({% include %})."""
    root = ctx.render_context.dicts[0]
    cls = type(template)
    if (cls is SafeString or cls is str) and template:
        template = _named_include(ctx, root, template, origin, key)
    elif not callable(getattr(template, "render", None)):
        names = template or ()
        if isinstance(names, str):
            names = (_relative_name(origin.template_name, names, "include"),)
        else:
            names = tuple(names)
        cache = ctx.render_context.dicts[0].setdefault(key, {})
        found = cache.get(names)
        if found is None:
            found = cache[names] = ctx.template.engine.select_template(names)
        template = found
    elif hasattr(template, "template"):
        template = template.template
    depth = root.get("include_depth", 0)
    if depth >= _INCLUDE_DEPTH_LIMIT:
        raise TemplateSyntaxError(
            f"Include recursion: more than {_INCLUDE_DEPTH_LIMIT} nested includes "
            f"(last: {template.name!r} from {origin.template_name!r}).")
    root["include_depth"] = depth + 1
    try:
        if only:
            out.append(template.render(ctx.new(extra)))
        else:
            dicts = ctx.dicts
            dicts.append(_include_scope(bindings, extra))
            try:
                out.append(template.render(ctx))
            finally:
                dicts.pop()
    finally:
        root["include_depth"] = depth
