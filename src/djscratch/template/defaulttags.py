"""The built-in tags (django/template/defaulttags.py):
each compile function parses its token; its node writes Python.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.defaultfilters.

from djscratch.utils.regex_helper import _re
from djscratch.utils.translation import gettext
from djscratch.utils.safestring import SafeData, SafeString
from djscratch.core.exceptions import NoReverseMatch
from djscratch.conf import settings
from djscratch.utils.html import _escape_utf8, conditional_escape
from djscratch.urls.base import _reverse_state, reverse
from djscratch.template.codegen import (
    _code_literal, _or_invalid, _render_node, _safe_filter,
)
from djscratch.template.runtime import (
    _attr_site, _chain_site, _ctx_get, _ctx_values, _escape_attr_site, _escape_output,
    _escape_value, _for_values, _if_and, _if_eq, _if_ge, _if_gt, _if_in, _if_is,
    _if_is_not, _if_le,
    _if_lt, _if_ne, _if_not, _if_not_in, _if_or, _if_true, _NOT_FOUND, _RAISE,
    _template_localtime, _test, _text_attr_site, _text_output, _text_value, _unpack,
    _var,
)
from djscratch.template.context_processors import _LazyCallProxy
from djscratch.template.base import (
    _plain_literal, Node, NodeList, Origin, TemplateSyntaxError, UNKNOWN_SOURCE,
)
from djscratch.template.loader_tags import (
    _extends, _include, _relative_name, _render_block,
)
from djscratch.template.defaulttags_nodes import (
    AutoEscapeControlNode, CycleNode, DebugNode, FilterNode, FirstOfNode, IfChangedNode,
    LoremNode, NowNode, RegroupNode, ResetCycleNode, SpacelessNode, TemplateTagNode,
    VerbatimNode, WidthRatioNode,
)
from djscratch.template.library import (
    _node_value, _tag_escaped, _ValueNode, Library, token_kwargs,
)


def _runtime_namespace():
    """Return the globals of compiled template code: the run-time helpers.

    Generated code sees these, its own constants and the nodes and filters
    it was compiled with, not the whole framework.  Built on each compile
    (a template compiles once), after every module it names has loaded.
    """
    return {
        "SafeData": SafeData,
        "SafeString": SafeString,
        "_NOT_FOUND": _NOT_FOUND,
        "_RAISE": _RAISE,
        "_attr_site": _attr_site,
        "_chain_site": _chain_site,
        "_ctx_get": _ctx_get,
        "_ctx_values": _ctx_values,
        "_cycle": _cycle,
        "_escape_attr_site": _escape_attr_site,
        "_escape_output": _escape_output,
        "_escape_utf8": _escape_utf8,
        "_escape_value": _escape_value,
        "_extends": _extends,
        "_for_values": _for_values,
        "_if_and": _if_and,
        "_if_eq": _if_eq,
        "_if_ge": _if_ge,
        "_if_gt": _if_gt,
        "_if_in": _if_in,
        "_if_is": _if_is,
        "_if_is_not": _if_is_not,
        "_if_le": _if_le,
        "_if_lt": _if_lt,
        "_if_ne": _if_ne,
        "_if_not": _if_not,
        "_if_not_in": _if_not_in,
        "_if_or": _if_or,
        "_if_true": _if_true,
        "_ifchanged": _ifchanged,
        "_ifchanged_frame": _ifchanged_frame,
        "_include": _include,
        "_node_value": _node_value,
        "_or_invalid": _or_invalid,
        "_render_block": _render_block,
        "_render_node": _render_node,
        "_safe_filter": _safe_filter,
        "_tag_escaped": _tag_escaped,
        "_template_localtime": _template_localtime,
        "_test": _test,
        "_text_attr_site": _text_attr_site,
        "_text_output": _text_output,
        "_text_value": _text_value,
        "_unpack": _unpack,
        "_var": _var,
        "gettext": gettext,
        "strip_spaces_between_tags": strip_spaces_between_tags,
    }


# -- The built-in tags.  Each compile function parses its token; the node's
#    generate() writes Python.  default_tags is Django's defaulttags +
#    loader_tags; default_filters (below) is defaultfilters.

default_tags = Library()


class CommentNode(Node):
    child_nodelists = ()

    def generate(self, c):
        pass

    def render(self, context):
        return ""


@default_tags.tag("comment")
def _tag_comment(parser, token):
    parser.skip_past("endcomment")
    return CommentNode()


class ForNode(Node):
    child_nodelists = ("nodelist_loop", "nodelist_empty")

    def __init__(self, loopvars, sequence, is_reversed, nodelist_loop,
                 nodelist_empty=None):
        self.loopvars, self.sequence, self.is_reversed = loopvars, sequence, is_reversed
        self.nodelist_loop = nodelist_loop
        self.nodelist_empty = nodelist_empty or NodeList()

    def __repr__(self):
        reversed_text = " reversed" if self.is_reversed else ""
        return (f"<{type(self).__name__}: for {', '.join(self.loopvars)} in "
                f"{self.sequence}, tail_len: {len(self.nodelist_loop)}{reversed_text}>")

    def generate(self, c):
        start = len(c.func.lines)
        n = c.unique("")
        values = f"loop{n}"
        c.line(f"{values} = _for_values({c.expr(self.sequence, 'if')}, "
               f"{_code_literal(bool(self.is_reversed))})")
        has_empty = bool(self.nodelist_empty)
        scope = c.push_scope(list(self.loopvars) + ["forloop"])
        forloop = scope["forloop"]
        i, length = f"i{n}", f"length{n}"
        if "forloop" not in self.loopvars:
            forloop.loop = (i, length)  # forloop.counter... from the index
        c.depth += 2 if has_empty else 1
        body = c.capture(lambda: self.nodelist_loop.generate(c))
        c.depth -= 2 if has_empty else 1
        sets_context = c.pop_scope()
        if has_empty:
            c.line(f"if {values}:")
            c.depth += 1
        if forloop.used:
            parent = c.name("forloop")
            c.line(f"{forloop.pyname} = {{'parentloop': {parent} or {{}}}}")
        if forloop.used or forloop.static & {"revcounter", "revcounter0", "last"}:
            c.line(f"{length} = len({values})")
        names = [scope[v].pyname for v in self.loopvars]
        target = names[0] if len(names) == 1 else f"item{n}"
        if forloop.used or forloop.static:
            c.line(f"for {i}, {target} in enumerate({values}):")
        else:
            c.line(f"for {target} in {values}:")
        if forloop.used:
            c.line(f"    {forloop.pyname}.update(")
            c.line(f"        counter0={i}, counter={i} + 1, revcounter={length} - {i},")
            c.line(f"        revcounter0={length} - {i} - 1, first={i} == 0, "
                   f"last={i} == {length} - 1)")
        if len(names) > 1:
            c.line(f"    {', '.join(names)} = _unpack({target}, {len(names)})")
        c.emit(body)
        if not body:
            c.line("    pass")
        if has_empty:
            c.depth -= 1
            c.line("else:")
            c.suite(self.nodelist_empty)
        if sets_context:
            c.isolate(start)


@default_tags.tag("for")
def _tag_for(parser, token):
    bits = token.split_contents()
    if len(bits) < 4:
        raise TemplateSyntaxError(
            f"'for' statements should have at least four words: {token.contents}")
    is_reversed = bits[-1] == "reversed"
    in_index = -3 if is_reversed else -2
    if bits[in_index] != "in":
        raise TemplateSyntaxError(
            f"'for' statements should use the format 'for x in y': {token.contents}")
    invalid_chars = frozenset((" ", '"', "'", "|"))
    loopvars = _re(r" *, *").split(" ".join(bits[1:in_index]))
    for var in loopvars:
        if not var or not invalid_chars.isdisjoint(var):
            raise TemplateSyntaxError(
                f"'for' tag received an invalid argument: {token.contents}")
    sequence = parser.compile_filter(bits[in_index + 1])
    nodelist_loop = parser.parse(("empty", "endfor"))
    token = parser.next_token()
    if token.contents == "empty":
        nodelist_empty = parser.parse(("endfor",))
        parser.delete_first_token()
    else:
        nodelist_empty = None
    return ForNode(loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty)


# {% if %} expressions: Django's operator precedence (a Pratt parser).

class _IfOperator:
    def __init__(self, op, lbp, prefix=False):
        self.id, self.lbp, self.prefix = op, lbp, prefix
        self.first = self.second = None

    def nud(self, parser):
        if not self.prefix:
            raise TemplateSyntaxError(
                f"Not expecting '{self.id}' in this position in if tag.")
        self.first = parser.expression(self.lbp)
        return self

    def led(self, left, parser):
        if self.prefix:
            raise TemplateSyntaxError(
                f"Not expecting '{self.id}' as infix operator in if tag.")
        self.first = left
        self.second = parser.expression(self.lbp)
        return self

    def display(self):
        return self.id

    def may_raise_missing(self):
        return any(t.may_raise_missing() for t in (self.first, self.second) if t)

    def python(self, c):
        # Django evaluates each operator so that any error inside it (a
        # TypeError from None < 1, a failing attribute) makes it False: the
        # operator is a lambda, operands included, called inside _test().
        # One lambda, not one per operand and a function per operator: the
        # same errors are caught, with two calls instead of four.
        if self.id == "not":
            return f"_test(lambda: not ({self.first.python(c)}))"
        a, b = self.first.python(c), self.second.python(c)
        if self.id in ("is", "is not"):  # `x is 1` written out would warn
            func = "_if_is" if self.id == "is" else "_if_is_not"
            return f"_test({func}, lambda: {a}, lambda: {b})"
        return f"_test(lambda: ({a}) {self.id} ({b}))"


_IF_OPERATORS = {
    "or": 6, "and": 7, "not": 8, "in": 9, "not in": 9, "is": 10, "is not": 10,
    "==": 10, "!=": 10, ">": 10, ">=": 10, "<": 10, "<=": 10,
}


class _IfLiteral:
    lbp = 0

    def __init__(self, text, expression):
        self.text, self.expression = text, expression

    def nud(self, parser):
        return self

    def led(self, left, parser):
        raise TemplateSyntaxError(
            f"Not expecting '{self.text}' as infix operator in if tag.")

    def display(self):
        return self.text

    def may_raise_missing(self):
        return any(f.arg is not None and f.arg.lookups is not None
                   for f in self.expression.filters)

    def python(self, c):
        return c.expr(self.expression, "if")


class _IfEnd:
    lbp = 0

    def nud(self, parser):
        raise TemplateSyntaxError("Unexpected end of expression in if tag.")


class _IfParser:
    def __init__(self, parser, tokens):
        mapped, i = [], 0
        while i < len(tokens):
            token = tokens[i]
            if token == "is" and i + 1 < len(tokens) and tokens[i + 1] == "not":
                token, i = "is not", i + 1
            elif token == "not" and i + 1 < len(tokens) and tokens[i + 1] == "in":
                token, i = "not in", i + 1
            if token in _IF_OPERATORS:
                mapped.append(_IfOperator(token, _IF_OPERATORS[token],
                                          prefix=token == "not"))
            else:
                mapped.append(_IfLiteral(token, parser.compile_filter(token)))
            i += 1
        self.tokens, self.pos = mapped, 0
        self.current = self.next_token()

    def next_token(self):
        if self.pos >= len(self.tokens):
            return _IfEnd()
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self):
        result = self.expression()
        if not isinstance(self.current, _IfEnd):
            raise TemplateSyntaxError(
                f"Unused '{self.current.display()}' at end of if expression.")
        return result

    def expression(self, rbp=0):
        t = self.current
        self.current = self.next_token()
        left = t.nud(self)
        while rbp < self.current.lbp:
            t = self.current
            self.current = self.next_token()
            left = t.led(left, self)
        return left


class IfNode(Node):
    def __init__(self, conditions_nodelists):
        self.conditions_nodelists = conditions_nodelists

    def __repr__(self):
        return f"<{type(self).__name__}>"

    def get_nodes_by_type(self, nodetype):
        nodes = [self] if isinstance(self, nodetype) else []
        for _condition, nodelist in self.conditions_nodelists:
            nodes.extend(nodelist.get_nodes_by_type(nodetype))
        return nodes

    def generate(self, c):
        keyword = "if"
        for condition, nodelist in self.conditions_nodelists:
            if condition is None:
                c.line("else:")
            elif condition.may_raise_missing():
                # A filter argument that does not exist makes the test false.
                c.line(f"{keyword} _if_true(lambda: {condition.python(c)}):")
            else:
                c.line(f"{keyword} {condition.python(c)}:")
            keyword = "elif"
            c.suite(nodelist)


@default_tags.tag("if")
def _tag_if(parser, token):
    bits = token.split_contents()[1:]
    condition = _IfParser(parser, bits).parse()
    nodelist = parser.parse(("elif", "else", "endif"))
    conditions_nodelists = [(condition, nodelist)]
    token = parser.next_token()
    while token.contents.startswith("elif"):
        bits = token.split_contents()[1:]
        condition = _IfParser(parser, bits).parse()
        nodelist = parser.parse(("elif", "else", "endif"))
        conditions_nodelists.append((condition, nodelist))
        token = parser.next_token()
    if token.contents == "else":
        nodelist = parser.parse(("endif",))
        conditions_nodelists.append((None, nodelist))
        token = parser.next_token()
    if token.contents != "endif":
        raise TemplateSyntaxError(
            f'Malformed template tag at line {token.lineno}: "{token.contents}"')
    return IfNode(conditions_nodelists)


class WithNode(Node):
    def __init__(self, var, name, nodelist, extra_context=None):
        # var and name: Django's legacy single-variable form, kept for subclasses.
        self.nodelist = nodelist
        self.extra_context = extra_context or {}
        if name:
            self.extra_context[name] = var

    def __repr__(self):
        return f"<{type(self).__name__}>"

    def generate(self, c):
        values = [(name, c.expr(fe, "output"))
                  for name, fe in self.extra_context.items()]
        start = len(c.func.lines)
        scope = c.push_scope([name for name, _ in values])
        for name, value in values:
            c.line(f"{scope[name].pyname} = {value}")
        self.nodelist.generate(c)
        if c.pop_scope():
            c.isolate(start)


@default_tags.tag("with")
def _tag_with(parser, token):
    bits = token.split_contents()
    remaining = bits[1:]
    extra_context = token_kwargs(remaining, parser, support_legacy=True)
    if not extra_context:
        raise TemplateSyntaxError(f"{bits[0]!r} expected at least one variable "
                                  "assignment")
    if remaining:
        raise TemplateSyntaxError(
            f"{bits[0]!r} received an invalid token: {remaining[0]!r}")
    nodelist = parser.parse(("endwith",))
    parser.delete_first_token()
    return WithNode(None, None, nodelist, extra_context=extra_context)


@default_tags.tag("autoescape")
def _tag_autoescape(parser, token):
    args = token.contents.split()
    if len(args) != 2:
        raise TemplateSyntaxError("'autoescape' tag requires exactly one argument.")
    arg = args[1]
    if arg not in ("on", "off"):
        raise TemplateSyntaxError("'autoescape' argument should be 'on' or 'off'")
    nodelist = parser.parse(("endautoescape",))
    parser.delete_first_token()
    return AutoEscapeControlNode(arg == "on", nodelist)


class BlockNode(Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def __repr__(self):
        return f"<Block Node: {self.name}. Contents: {self.nodelist!r}>"

    def generate(self, c):
        self.generate_function(c)
        c.line(f"_render_block(ctx, out, {c.block_constant(self.name)}, "
               f"{c.bindings()})")

    def generate_function(self, c):
        funcname = c.identifier("block", self.name)
        _vs, _ve, bs, be, _cs, _ce = c.engine.syntax
        previous = c.start_function(funcname, f"Render {bs} block {self.name} {be}.")
        self.nodelist.generate(c)
        if "block" in c.func.free or c.func.hands_off:
            c.reads_block.add(self.name)  # it needs the `block` variable
        elif not c.func.sets_context[0]:
            c.closed_blocks.add(self.name)  # needs no context push of its own
        c.end_function(previous)
        c.blocks[self.name] = funcname


@default_tags.tag("block")
def _tag_block(parser, token):
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' tag takes only one argument")
    block_name = bits[1]
    loaded = parser.__dict__.setdefault("_loaded_blocks", [])
    if block_name in loaded:
        raise TemplateSyntaxError(
            f"'{bits[0]}' tag with name '{block_name}' appears more than once")
    loaded.append(block_name)
    nodelist = parser.parse(("endblock",))
    endblock = parser.next_token()
    acceptable = ("endblock", f"endblock {block_name}")
    if endblock.contents not in acceptable:
        parser.invalid_block_tag(endblock, "endblock", acceptable)
    return BlockNode(block_name, nodelist)


class ExtendsNode(Node):
    must_be_first = True

    def __init__(self, nodelist, parent_name, template_dirs=None):
        self.nodelist, self.parent_name = nodelist, parent_name
        self.template_dirs = template_dirs

    def __repr__(self):
        return f"<{type(self).__name__}: extends {self.parent_name.token}>"

    def generate(self, c):
        for node in self.nodelist:
            if isinstance(node, BlockNode):
                node.generate_function(c)
        parent = c.expr(self.parent_name, "output")
        c.line(f"_extends(ctx, out, TEMPLATE, {parent}, "
               f"{_code_literal(self.parent_name.token)})")


@default_tags.tag("extends")
def _tag_extends(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes one argument")
    if bits[1][:1] in "\"'" and bits[1][1:].startswith(("./", "../")):
        name = _relative_name(getattr(parser.origin, "template_name", None),
                              bits[1][1:-1], "extends", bits[1])
        bits[1] = f'"{name}"'
    parent_name = parser.compile_filter(bits[1])
    nodelist = parser.parse()
    if nodelist.get_nodes_by_type(ExtendsNode):
        raise TemplateSyntaxError(
            f"'{bits[0]}' cannot appear more than once in the same template")
    return ExtendsNode(nodelist, parent_name)


class IncludeNode(Node):
    child_nodelists = ()

    def __init__(self, template, extra_context=None, isolated_context=False,
                 origin=None):
        self.template, self.extra_context = template, extra_context or {}
        self.isolated_context, self.origin = isolated_context, origin

    def __repr__(self):
        return f"<{type(self).__qualname__}: template={self.template!r}>"

    def generate(self, c):
        template = c.expr(self.template, "output")
        extra = ", ".join(f"{_code_literal(k)}: {c.expr(v, 'output')}"
                          for k, v in self.extra_context.items())
        origin = c.const(self.origin, "origin")
        key = c.const(self, "node")
        bindings = "None" if self.isolated_context else c.bindings()
        only = _code_literal(bool(self.isolated_context))
        c.line(f"_include(ctx, out, {template}, {origin}, {bindings}, {{{extra}}}, "
               f"{only}, {key})")


@default_tags.tag("include")
def _tag_include(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            f"{bits[0]!r} tag takes at least one argument: the name of the template "
            "to be included.")
    options, remaining = {}, bits[2:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError(
                f"The {option!r} option was specified more than once.")
        if option == "with":
            value = token_kwargs(remaining, parser, support_legacy=False)
            if not value:
                raise TemplateSyntaxError(
                    f'"with" in {bits[0]!r} tag needs at least one keyword argument.')
        elif option == "only":
            value = True
        else:
            raise TemplateSyntaxError(f"Unknown argument for {bits[0]!r} tag: "
                                      f"{option!r}.")
        options[option] = value
    if bits[1][:1] in "\"'" and bits[1][1:].startswith(("./", "../")):
        name = _relative_name(getattr(parser.origin, "template_name", None),
                              bits[1][1:-1], "include", bits[1])
        bits[1] = f'"{name}"'
    return IncludeNode(parser.compile_filter(bits[1]), options.get("with", {}),
                       options.get("only", False), parser.origin or Origin(
                           UNKNOWN_SOURCE))


class LoadNode(Node):
    child_nodelists = ()

    def generate(self, c):
        pass

    def render(self, context):
        return ""


@default_tags.tag("load")
def _tag_load(parser, token):
    bits = token.contents.split()
    if len(bits) >= 4 and bits[-2] == "from":
        lib = _find_library(parser, bits[-1])
        parser._loads.append((bits[-1], tuple(bits[1:-2])))
        for name in bits[1:-2]:
            if name in lib.tags:
                parser.tags[name] = lib.tags[name]
            elif name in lib.filters:
                parser.filters[name] = lib.filters[name]
            else:
                raise TemplateSyntaxError(
                    f"'{name}' is not a valid tag or filter in tag library "
                    f"'{bits[-1]}'")
    else:
        for name in bits[1:]:
            parser.add_library(_find_library(parser, name))
            parser._loads.append((name, None))
    return LoadNode()


def _find_library(parser, name):
    try:
        return parser.libraries[name]
    except KeyError:
        choices = "\n".join(sorted(parser.libraries))
        raise TemplateSyntaxError(
            f"'{name}' is not a registered tag library. Must be one of:\n{choices}"
        ) from None


def _cycle(ctx, key, count):
    """Return the index of the next value of a {% cycle %}."""
    rc = ctx.render_context
    index = rc.get(key, 0)
    rc[key] = (index + 1) % count
    return index


@default_tags.tag("cycle")
def _tag_cycle(parser, token):
    args = token.split_contents()
    if len(args) < 2:
        raise TemplateSyntaxError("'cycle' tag requires at least two arguments")
    named = parser.__dict__.setdefault("_named_cycle_nodes", {})
    if len(args) == 2:
        name = args[1]
        if not named:
            raise TemplateSyntaxError(
                f"No named cycles in template. '{name}' is not defined")
        if name not in named:
            raise TemplateSyntaxError(f"Named cycle '{name}' does not exist")
        node = named[name]
        return CycleNode(node.cyclevars, node.variable_name, node.silent)._same(node)
    as_form, silent = False, False
    if len(args) > 4:
        if args[-3] == "as":
            if args[-1] != "silent":
                raise TemplateSyntaxError(
                    f"Only 'silent' flag is allowed after cycle's name, not "
                    f"'{args[-1]}'.")
            as_form, silent = True, True
            args = args[:-1]
        elif args[-2] == "as":
            as_form = True
    if as_form:
        node = CycleNode([parser.compile_filter(a) for a in args[1:-2]], args[-1],
                         silent)
        named[args[-1]] = node
    else:
        node = CycleNode([parser.compile_filter(a) for a in args[1:]])
    parser._last_cycle_node = node
    return node



@default_tags.tag("resetcycle")
def _tag_resetcycle(parser, token):
    args = token.split_contents()
    if len(args) > 2:
        raise TemplateSyntaxError(f"{args[0]!r} tag accepts at most one argument.")
    if len(args) == 2:
        name = args[1]
        try:
            return ResetCycleNode(parser._named_cycle_nodes[name])
        except (AttributeError, KeyError):
            raise TemplateSyntaxError(f"Named cycle '{name}' does not exist.") \
                from None
    try:
        return ResetCycleNode(parser._last_cycle_node)
    except AttributeError:
        raise TemplateSyntaxError("No cycles in template.") from None


@default_tags.tag("firstof")
def _tag_firstof(parser, token):
    bits = token.split_contents()[1:]
    asvar = None
    if not bits:
        raise TemplateSyntaxError("'firstof' statement requires at least one argument")
    if len(bits) >= 2 and bits[-2] == "as":
        asvar, bits = bits[-1], bits[:-2]
    return FirstOfNode([parser.compile_filter(bit) for bit in bits], asvar)


def _ifchanged_frame(ctx, forloop):
    return forloop if isinstance(forloop, dict) else ctx.render_context


def _ifchanged(frame, key, value):
    """Return True (and remember `value`) if it differs from last time."""
    changed = frame.get(key, _NOT_FOUND) != value
    if changed:
        frame[key] = value
    return changed


@default_tags.tag("ifchanged")
def _tag_ifchanged(parser, token):
    bits = token.split_contents()
    nodelist_true = parser.parse(("else", "endifchanged"))
    token = parser.next_token()
    if token.contents == "else":
        nodelist_false = parser.parse(("endifchanged",))
        parser.delete_first_token()
    else:
        nodelist_false = NodeList()
    values = [parser.compile_filter(bit) for bit in bits[1:]]
    return IfChangedNode(nodelist_true, nodelist_false, *values)


def strip_spaces_between_tags(value):
    """Remove whitespace between HTML tags (>  < becomes ><)."""
    return _re(r">\s+<").sub("><", str(value))


@default_tags.tag("spaceless")
def _tag_spaceless(parser, token):
    nodelist = parser.parse(("endspaceless",))
    parser.delete_first_token()
    return SpacelessNode(nodelist)


@default_tags.tag("filter")
def _tag_filter(parser, token):
    _, rest = token.contents.split(None, 1)
    filter_expr = parser.compile_filter(f"var|{rest}")
    for f in filter_expr.filters:
        name = getattr(f.func, "_filter_name", None)
        if name in ("escape", "safe"):
            raise TemplateSyntaxError(
                f'"filter {name}" is not permitted.  Use the "autoescape" tag instead.')
    nodelist = parser.parse(("endfilter",))
    parser.delete_first_token()
    return FilterNode(filter_expr, nodelist)


@default_tags.tag("verbatim")
def _tag_verbatim(parser, token):
    nodelist = parser.parse(("endverbatim",))
    parser.delete_first_token()
    return VerbatimNode("".join(node.s for node in nodelist))


@default_tags.tag("debug")
def _tag_debug(parser, token):
    return DebugNode()


_TEMPLATETAG_NAMES = ("openblock", "closeblock", "openvariable", "closevariable",
                      "openbrace", "closebrace", "opencomment", "closecomment")


@default_tags.tag("templatetag")
def _tag_templatetag(parser, token):
    bits = token.contents.split()
    if len(bits) != 2:
        raise TemplateSyntaxError("'templatetag' statement takes one argument")
    tag = bits[1]
    vs, ve, bs, be, cs, ce = parser.syntax
    mapping = {"openblock": bs, "closeblock": be, "openvariable": vs,
               "closevariable": ve, "openbrace": "{", "closebrace": "}",
               "opencomment": cs, "closecomment": ce}
    if tag not in mapping:
        raise TemplateSyntaxError(
            f"Invalid templatetag argument: '{tag}'. Must be one of: "
            f"{list(_TEMPLATETAG_NAMES)}")
    return TemplateTagNode(mapping[tag])


class CsrfTokenNode(_ValueNode):
    value_is_text = True

    def value(self, context):
        token = context.get("csrf_token")
        if type(token) is _LazyCallProxy:
            # The csrf processor's lazy token: a str once evaluated, which the
            # tests below treat as they treat the proxy (its len(), ==, and
            # __html__, the escaped str), without evaluating it three times.
            token = token._value()
        if token:
            if token == "NOTPROVIDED":
                return SafeString("")
            # format_html() spelled out: it runs on every page with a form.
            return SafeString(
                '<input type="hidden" name="csrfmiddlewaretoken" value="%s">'
                % conditional_escape(token))
        if settings.DEBUG:
            import warnings

            warnings.warn(
                "A {% csrf_token %} was used in a template, but the context did not "
                "provide the value.  This is usually caused by not using "
                "RequestContext.")
        return ""


@default_tags.tag("csrf_token")
def _tag_csrf_token(parser, token):
    return CsrfTokenNode()


@default_tags.tag("widthratio")
def _tag_widthratio(parser, token):
    bits = token.split_contents()
    asvar = None
    if len(bits) == 4:
        _tag, this, maximum, width = bits
    elif len(bits) == 6:
        _tag, this, maximum, width, as_, asvar = bits
        if as_ != "as":
            raise TemplateSyntaxError(
                "Invalid syntax in widthratio tag. Expecting 'as' keyword")
    else:
        raise TemplateSyntaxError("widthratio takes at least three arguments")
    return WidthRatioNode(parser.compile_filter(this), parser.compile_filter(maximum),
                          parser.compile_filter(width), asvar)


@default_tags.tag("now")
def _tag_now(parser, token):
    bits = token.split_contents()
    asvar = None
    if len(bits) == 4 and bits[-2] == "as":
        asvar, bits = bits[-1], bits[:-2]
    if len(bits) != 2:
        raise TemplateSyntaxError("'now' statement takes one argument")
    return NowNode(bits[1][1:-1], asvar)


@default_tags.tag("regroup")
def _tag_regroup(parser, token):
    bits = token.split_contents()
    if len(bits) != 6:
        raise TemplateSyntaxError("'regroup' tag takes five arguments")
    target = parser.compile_filter(bits[1])
    if bits[2] != "by":
        raise TemplateSyntaxError("second argument to 'regroup' tag must be 'by'")
    if bits[4] != "as":
        raise TemplateSyntaxError(
            "next-to-last argument to 'regroup' tag must be 'as'")
    expression = parser.compile_filter(bits[5] + "." + bits[3])
    return RegroupNode(target, expression, bits[5])


_NO_CURRENT_APP = object()  # URLNode: a request without current_app


def _url_current_app(context):
    """The current_app a {% url %} reverses with: the request's current_app
    (even None) when it has one, else its resolver_match's namespace."""
    request = getattr(context, "request", None)
    if request is None:
        return None
    # A request seldom has a current_app: getattr()'s default, not a raised
    # AttributeError, on every {% url %} of every page.
    current_app = getattr(request, "current_app", _NO_CURRENT_APP)
    if current_app is _NO_CURRENT_APP:
        return getattr(getattr(request, "resolver_match", None), "namespace", None)
    return current_app


class URLNode(_ValueNode):
    value_is_text = True

    #: A {% url 'name' %} of a constant name without arguments: its last
    #: value and what that value came from (see _remembered_url()).
    _memo = (None, None)

    def __init__(self, view_name, args, kwargs, asvar):
        self.view_name, self.args, self.kwargs, self.asvar = view_name, args, \
            kwargs, asvar
        self._view_literal = _plain_literal(view_name)  # see value()
        self._constant = (self._view_literal[0] is not None and not args
                          and not kwargs and isinstance(self._view_literal[1], str))

    def __repr__(self):
        return (f"<{type(self).__qualname__} view_name='{self.view_name}' "
                f"args={self.args!r} kwargs={self.kwargs!r} as={self.asvar!r}>")

    def value(self, context):
        # The fast path, _remembered_url() (and _url_current_app()) written
        # out: this runs for every {% url %} of every page.
        request = getattr(context, "request", None)
        current_app = None
        if request is not None:
            current_app = getattr(request, "current_app", _NO_CURRENT_APP)
            if current_app is _NO_CURRENT_APP:
                current_app = getattr(getattr(request, "resolver_match", None),
                                      "namespace", None)
        key, url = self._memo
        if key is not None and key == (reverse, self.view_name, _reverse_state(),
                                       current_app, context.autoescape):
            return url
        return self._reversed(context, current_app)

    def _remembered_url(self, context):
        """Return the value remembered for a constant {% url 'name' %}, or
        None: a name without arguments reverses to the same URL while
        reverse() is the same function and the URL state (_reverse_state():
        the resolver, the script prefix, the language), current_app and
        autoescaping are (reverse() caches that URL on the resolver too)."""
        key, url = self._memo
        if key is not None and key == (
                reverse, self.view_name, _reverse_state(),
                _url_current_app(context), context.autoescape):
            return url
        return None

    def _reversed(self, context, current_app):
        """Return the tag's value by reverse(), the general way (and remember
        it for a constant name: _remembered_url())."""
        args = [arg.resolve(context) for arg in self.args] if self.args else ()
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()} \
            if self.kwargs else None
        literal = self._view_literal  # a constant name: its value as it is
        view_name = literal[1] if literal[0] is self.view_name \
            else self.view_name.resolve(context)
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs,
                          current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            return url
        if not (self.asvar or not context.autoescape):
            url = self._escape_url(url)
        if self._constant and literal[0] is self.view_name and (
                current_app is None or type(current_app) is str):
            state = _reverse_state()
            if state[0] is not None:
                self._memo = ((reverse, self.view_name, state, current_app,
                               context.autoescape), url)
        return url


@default_tags.tag("url")
def _tag_url(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(
            f"'{bits[0]}' takes at least one argument, a URL pattern name.")
    viewname = parser.compile_filter(bits[1])
    args, kwargs, asvar = [], {}, None
    bits = bits[2:]
    if len(bits) >= 2 and bits[-2] == "as":
        asvar, bits = bits[-1], bits[:-2]
    for bit in bits:
        match = _re(r"(?:(\w+)=)?(.+)").match(bit)
        if not match:
            raise TemplateSyntaxError("Malformed arguments to url tag")
        name, value = match.groups()
        if name:
            kwargs[name] = parser.compile_filter(value)
        else:
            args.append(parser.compile_filter(value))
    return URLNode(viewname, args, kwargs, asvar)


@default_tags.tag("lorem")
def _tag_lorem(parser, token):
    bits = list(token.split_contents())
    tagname = bits[0]
    common = bits[-1] != "random"
    if not common:
        bits.pop()
    method = bits.pop() if bits[-1] in ("w", "p", "b") else "b"
    count = bits.pop() if len(bits) > 1 else "1"
    count = parser.compile_filter(count)
    if len(bits) != 1:
        raise TemplateSyntaxError(f"Incorrect format for {tagname!r} tag")
    return LoremNode(count, method, common)


@default_tags.simple_tag(name="querystring", takes_context=True)
def _tag_querystring(context, query_dict=None, **kwargs):
    """Return "?" + the request's query string with `kwargs` changed."""
    if query_dict is None:
        query_dict = context.request.GET
    params = query_dict.copy()
    for key, value in kwargs.items():
        if value is None:
            if key in params:
                del params[key]
        elif not isinstance(value, str) and hasattr(value, "__iter__"):
            params.setlist(key, value)
        else:
            params[key] = value
    if not params and not query_dict:
        return ""
    return f"?{params.urlencode()}"
