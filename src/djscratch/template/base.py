"""The lexer, the parser, Variable, FilterExpression, Node and
Template (django/template/base.py).
"""

import enum
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.defaulttags, template.engine,
# template.loader_tags.
import djscratch

from djscratch.utils.regex_helper import _re
from djscratch.utils.translation import gettext
from djscratch.utils.safestring import mark_safe, SafeData, SafeString
from djscratch.core.signals import template_rendered
from djscratch.utils.html import conditional_escape
from djscratch.template.codegen import (
    _code_literal, _compile_nodelist, _compile_source, _Compiled, _generate,
)
from djscratch.template.runtime import (
    _context_engine, _escape_output, _NOT_FOUND, _RAISE, _template_localtime,
    _text_output, _var,
)

__all__ = [
    "Template", "Origin", "Node", "NodeList", "Variable", "TemplateDoesNotExist",
    "TemplateSyntaxError", "VariableDoesNotExist", "DJANGO_SYNTAX", "NATIVE_SYNTAX",
]


class TemplateSyntaxError(Exception):
    """The template source is malformed (raised when it is compiled)."""


class TemplateDoesNotExist(Exception):
    """No loader found the template.

    `tried` lists (Origin, reason) pairs for every path looked at; `chain`
    holds the TemplateDoesNotExist of each engine tried by select_template.
    """

    def __init__(self, msg, tried=None, backend=None, chain=None):
        self.backend = backend
        self.tried = tried or []
        self.chain = chain or []
        super().__init__(msg)


class VariableDoesNotExist(Exception):
    """A variable lookup failed (rendered as string_if_invalid)."""

    def __init__(self, msg, params=()):
        self.msg = msg
        self.params = params

    def __str__(self):
        return self.msg % self.params


#: Delimiters: variable start/end, tag start/end, comment start/end.
DJANGO_SYNTAX = ("{{", "}}", "{%", "%}", "{#", "#}")
NATIVE_SYNTAX = ("<<", ">>", "<%", "%>", "<#", "#>")

_cache_lock = threading.Lock()


def _tag_re(syntax):
    """Return the lexer regex for a syntax: one alternative per delimiter pair."""
    import re

    vs, ve, bs, be, cs, ce = map(re.escape, syntax)
    return _re(f"({vs}.*?{ve}|{bs}.*?{be}|{cs}.*?{ce})")


class TokenType(str, enum.Enum):
    """A token's kind.  djscratch's tokens carry the value ("text", ...),
    which compares equal to the member."""

    TEXT = "text"
    VAR = "var"
    BLOCK = "block"
    COMMENT = "comment"


class Token:
    """A piece of template source: text, var, block or comment."""

    __slots__ = ("token_type", "contents", "lineno", "source")

    def __init__(self, token_type, contents, lineno=None, source=""):
        self.token_type, self.contents = token_type, contents
        self.lineno, self.source = lineno, source

    def split_contents(self):
        """Split the tag's contents on spaces, keeping quoted strings whole."""
        return smart_split(self.contents)

    def __repr__(self):
        return f"<{self.token_type} token: {self.contents[:20]!r}...>"


def smart_split(text):
    """Split `text` on whitespace, keeping "quoted strings" (and _("...")) whole."""
    pattern = (r"""((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
               r"""[^\s'"]*)+)|\S+)""")
    return [m.group(0) for m in _re(pattern).finditer(str(text))]


def _tokenize(source, syntax):
    """Split template source into Tokens (Django's Lexer, verbatim included)."""
    vs, _ve, bs, _be, _cs, _ce = syntax
    width = len(vs)
    tokens, lineno, in_tag, verbatim = [], 1, False, None
    for piece in _tag_re(syntax).split(source):
        if piece:
            if not in_tag:
                tokens.append(Token("text", piece, lineno, piece))
            else:
                start, content = piece[:width], piece[width:-width].strip()
                if start == bs:
                    if verbatim and content != verbatim:
                        tokens.append(Token("text", piece, lineno, piece))
                    else:
                        if verbatim:
                            verbatim = None
                        elif content[:9] in ("verbatim", "verbatim "):
                            verbatim = "end" + content
                        tokens.append(Token("block", content, lineno, piece))
                elif verbatim:
                    tokens.append(Token("text", piece, lineno, piece))
                elif start == vs:
                    tokens.append(Token("var", content, lineno, piece))
                else:
                    tokens.append(Token("comment", content, lineno, piece))
            lineno += piece.count("\n")
        in_tag = not in_tag
    return tokens


# -- Expressions: a variable or literal followed by filters, as in
#    `article.author.name|default:"anonymous"|upper`.

_CONSTANT = r"""(?:_\("[^"\\]*(?:\\.[^"\\]*)*"\)|_\('[^'\\]*(?:\\.[^'\\]*)*'\)|"""\
            r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*')"""
_NUM = r"[-+\.]?\d[\d\.e]*"
_FILTER_PATTERN = (
    rf"^(?P<constant>{_CONSTANT})|^(?P<var>[\w\.]+|{_NUM})|"
    rf"(?:\s*\|\s*(?P<filter_name>\w+)(?::(?:(?P<constant_arg>{_CONSTANT})|"
    rf"(?P<var_arg>[\w\.]+|{_NUM})))?)"
)


def _unescape_string_literal(s):
    """Return the text of a quoted template string literal."""
    if not s or s[0] not in "\"'" or s[-1] != s[0] or len(s) < 2:
        raise ValueError(f"Not a string literal: {s!r}")
    quote = s[0]
    return s[1:-1].replace(r"\%s" % quote, quote).replace(r"\\", "\\")


class Variable:
    """A literal or a dotted lookup, parsed once (Django's Variable).

    `literal` holds a number or safe string; otherwise `lookups` holds the
    dotted names.  resolve(context) works on a Context, for custom tags.
    """

    def __init__(self, var):
        self.var, self.literal, self.lookups = var, None, None
        self.translate, self.message_context = False, None
        if not isinstance(var, str):
            raise TypeError(f"Variable must be a string or number, got {type(var)}")
        try:
            if "." in var or "e" in var.lower():
                self.literal = float(var)
                if var[-1] == ".":
                    raise ValueError
            else:
                self.literal = int(var)
        except ValueError:
            if var[:2] == "_(" and var[-1:] == ")":
                self.translate = True
                var = var[2:-1]
            try:
                self.literal = mark_safe(_unescape_string_literal(var))
            except ValueError:
                if "._" in var or var[:1] == "_":
                    raise TemplateSyntaxError(
                        "Variables and attributes may not begin with underscores: "
                        f"'{var}'") from None
                self.lookups = tuple(var.split("."))

    def resolve(self, context):
        """Return the value in `context` (a Context), raising VariableDoesNotExist."""
        if self.lookups is None:
            return mark_safe(gettext(self.literal)) if self.translate else self.literal
        if self.lookups[0] in ("True", "False", "None") and len(self.lookups) == 1:
            return {"True": True, "False": False, "None": None}[self.lookups[0]]
        invalid = _context_engine(context).string_if_invalid
        first = context.get(self.lookups[0], _NOT_FOUND) if hasattr(
            context, "dicts") else _mapping_get(context, self.lookups[0])
        return _var(first, self.lookups[1:], invalid, _RAISE, self.lookups[0])

    def __repr__(self):
        return f"<Variable: {self.var!r}>"

    def __str__(self):
        return self.var


def _mapping_get(mapping, key):
    try:
        return mapping[key]
    except (KeyError, TypeError):
        return _NOT_FOUND


class _Filter:
    """One `|name:arg` in an expression: the function and its argument."""

    __slots__ = ("name", "func", "arg")

    def __init__(self, name, func, arg):
        self.name, self.func, self.arg = name, func, arg


class FilterExpression:
    """A variable or literal with its filters, parsed from `token`."""

    def __init__(self, token, parser):
        self.token = token
        self.filters = []
        self.var = None
        regex = _re(_FILTER_PATTERN)
        upto = 0
        for match in regex.finditer(token):
            start = match.start()
            if upto != start:
                raise TemplateSyntaxError(
                    "Could not parse some characters: "
                    f"{token[:upto]}|{token[upto:start]}|{token[start:]}")
            if self.var is None:
                constant, var = match.group("constant"), match.group("var")
                if constant:
                    self.var = Variable(constant)
                elif var:
                    self.var = Variable(var)
                else:
                    raise TemplateSyntaxError(
                        f"Could not find variable at start of {token}.")
            else:
                name = match.group("filter_name")
                constant_arg, var_arg = match.group("constant_arg"), match.group(
                    "var_arg")
                arg = None
                if constant_arg:
                    arg = Variable(constant_arg)
                elif var_arg:
                    arg = Variable(var_arg)
                func = parser.find_filter(name)
                _check_filter_args(name, func, arg is not None)
                self.filters.append(_Filter(name, func, arg))
            upto = match.end()
        if upto != len(token):
            raise TemplateSyntaxError(
                f"Could not parse the remainder: '{token[upto:]}' from '{token}'")
        if self.var is None:
            raise TemplateSyntaxError(f"Could not find variable at start of {token}.")

    def resolve(self, context, ignore_failures=False):
        """Evaluate against a Context (for custom tags); filters applied."""
        try:
            value = self.var.resolve(context)
        except VariableDoesNotExist:
            if ignore_failures:
                value = None
            else:
                invalid = _context_engine(context).string_if_invalid
                if invalid:
                    return invalid % self.var if "%s" in invalid else invalid
                value = invalid
        for f in self.filters:
            arg = () if f.arg is None else (f.arg.resolve(context),)
            value = _apply_filter(f.func, value, arg, context.autoescape)
        return value

    def __str__(self):
        return self.token


def _check_filter_args(name, func, provided):
    """Fail at compile time when a filter gets the wrong number of arguments."""
    import types

    inner = func
    for _ in range(100):  # what inspect.unwrap() does, without its import
        if not hasattr(inner, "__wrapped__"):
            break
        inner = inner.__wrapped__
    if type(inner) is types.FunctionType:
        # A plain function tells its arity itself; inspect (and its ast, dis
        # and tokenize) stays unloaded: 1.2 MiB less for a first response.
        alen = inner.__code__.co_argcount
        dlen = len(inner.__defaults__ or ())
    else:
        import inspect

        func = inspect.unwrap(func)
        try:
            spec = inspect.getfullargspec(func)
        except TypeError:
            return
        alen, dlen = len(spec.args), len(spec.defaults or ())
    plen = 1 + int(provided)  # the value is the first argument
    if plen < alen - dlen or plen > alen:
        raise TemplateSyntaxError(
            f"{name} requires {alen - dlen} arguments, {plen} provided")


def _apply_filter(func, value, args, autoescape):
    """Apply one filter the way Django does (localtime, autoescape, is_safe)."""
    if getattr(func, "expects_localtime", False):
        value = _template_localtime(value)
    if getattr(func, "needs_autoescape", False):
        result = func(value, *args, autoescape=autoescape)
    else:
        result = func(value, *args)
    if getattr(func, "is_safe", False) and isinstance(value, SafeData):
        return mark_safe(result)
    return result


# -- The parser: tokens -> nodes.  Tag functions receive (parser, token) as in
#    Django, so custom tags written for Django work unchanged.

class Parser:
    """Turn tokens into a NodeList; tag functions call back into it."""

    def __init__(self, tokens, engine, origin=None, libraries=None):
        self.tokens = list(reversed(tokens))
        self.engine = engine
        self.syntax = engine.syntax  # the template's, when the engine detects it
        self.origin = origin
        self.tags, self.filters = {}, {}
        self.command_stack = []
        if libraries is None:
            libraries = engine.template_libraries
        self.libraries = libraries
        for lib in engine.template_builtins:
            self.add_library(lib)
        self.extends_seen = False

    def add_library(self, lib):
        self.tags.update(lib.tags)
        self.filters.update(lib.filters)

    def error(self, token, message):
        """Return a TemplateSyntaxError naming the template and the line."""
        if isinstance(message, TemplateSyntaxError):
            message = str(message)
        name = getattr(self.origin, "template_name", None)
        if name and f"(in template {name!r}" not in message:
            message = f"{message} (in template {name!r}, line {token.lineno})"
        err = TemplateSyntaxError(message)
        err.token = token
        err.template_name = name
        return err

    def parse(self, parse_until=None):
        """Parse until one of the tag names in `parse_until` (left unconsumed)."""
        parse_until = tuple(parse_until or ())
        nodelist = NodeList()
        while self.tokens:
            token = self.next_token()
            kind = token.token_type
            if kind == "text":
                nodelist.append(TextNode(token.contents), token)
            elif kind == "var":
                if not token.contents:
                    raise self.error(
                        token, f"Empty variable tag on line {token.lineno}")
                try:
                    expression = self.compile_filter(token.contents)
                except TemplateSyntaxError as err:
                    raise self.error(token, err) from None
                nodelist.append(VariableNode(expression), token)
            elif kind == "block":
                try:
                    command = token.contents.split()[0]
                except IndexError:
                    raise self.error(token, f"Empty block tag on line {token.lineno}") \
                        from None
                if command in parse_until:
                    self.prepend_token(token)
                    return nodelist
                self.command_stack.append((command, token))
                try:
                    compile_func = self.tags[command]
                except KeyError:
                    self.invalid_block_tag(token, command, parse_until)
                try:
                    node = compile_func(self, token)
                except TemplateSyntaxError as err:
                    raise self.error(token, err) from None
                self.command_stack.pop()
                if isinstance(node, djscratch.template.defaulttags.ExtendsNode):
                    if nodelist.contains_nontext:
                        raise self.error(
                            token, f"{node!r} must be the first tag in the template.")
                nodelist.append(node, token)
        if parse_until:
            self.unclosed_block_tag(parse_until)
        return nodelist

    def skip_past(self, endtag):
        while self.tokens:
            token = self.next_token()
            if token.token_type == "block" and token.contents == endtag:
                return
        self.unclosed_block_tag([endtag])

    def invalid_block_tag(self, token, command, parse_until=None):
        if parse_until:
            expected = get_text_list([f"'{p}'" for p in parse_until], "or")
            raise self.error(
                token, f"Invalid block tag on line {token.lineno}: '{command}', "
                f"expected {expected}. Did you forget to register or load this tag?")
        raise self.error(
            token, f"Invalid block tag on line {token.lineno}: '{command}'. Did you "
            "forget to register or load this tag?")

    def unclosed_block_tag(self, parse_until):
        command, token = self.command_stack.pop()
        raise self.error(
            token, f"Unclosed tag on line {token.lineno}: '{command}'. Looking for "
            f"one of: {', '.join(parse_until)}.")

    def next_token(self):
        return self.tokens.pop()

    def prepend_token(self, token):
        self.tokens.append(token)

    def delete_first_token(self):
        del self.tokens[-1]

    def compile_filter(self, token):
        """Parse `var|filter:arg` into a FilterExpression."""
        return FilterExpression(token, self)

    def find_filter(self, filter_name):
        try:
            return self.filters[filter_name]
        except KeyError:
            raise TemplateSyntaxError(f"Invalid filter: '{filter_name}'") from None


def get_text_list(list_, last_word="or"):
    """Join words: ['a', 'b', 'c'] -> 'a, b or c'."""
    if not list_:
        return ""
    if len(list_) == 1:
        return str(list_[0])
    return "%s %s %s" % (", ".join(str(i) for i in list_[:-1]), last_word, list_[-1])


# -- Nodes.  Each built-in node writes Python with generate(c); a custom Node
#    (one with only render(context)) is called at run time with a Context.

class Node:
    """A piece of a parsed template.  Subclass and define render(context)."""

    child_nodelists = ("nodelist",)
    token = None
    origin = None

    def render(self, context):
        raise NotImplementedError("subclasses of Node must provide a render() method")

    def render_annotated(self, context):
        return self.render(context)

    #: A custom node may set context variables: names are read again after it.
    may_change_context = True

    def generate(self, c):
        """Write the Python that renders this node (custom nodes: a call)."""
        name = c.const(self, "node")
        c.line(f"_render_node(ctx, out, {name}, {c.bindings()})")
        if self.may_change_context:
            c.refresh()

    def get_nodes_by_type(self, nodetype):
        nodes = [self] if isinstance(self, nodetype) else []
        for attr in self.child_nodelists:
            nodelist = getattr(self, attr, None)
            if nodelist:
                nodes.extend(nodelist.get_nodes_by_type(nodetype))
        return nodes

    def __iter__(self):
        yield self


class NodeList(list):
    """A list of nodes; render(context) works for custom tags' nodelists."""

    contains_nontext = False

    def append(self, node, token=None):
        if not isinstance(node, TextNode):
            self.contains_nontext = True
        if token is not None and node.token is None:
            node.token = token
        super().append(node)

    def generate(self, c):
        # Runs of text and plain {{ variables }} become one out.extend(...).
        run = []
        for node in self:
            piece = node.output_expression(c) if hasattr(node, "output_expression") \
                else None
            if piece is not None:
                run.append(piece)
                continue
            c.write_run(run)
            run = []
            if node.token is not None and node.token.token_type == "block":
                c.comment(f"line {node.token.lineno:d}:", node.token.source[:60])
            node.generate(c)
        c.write_run(run)

    def render(self, context):
        """Render at run time (used by custom tags holding a nodelist)."""
        compiled = self.__dict__.get("_compiled", {})
        self._compiled = compiled
        engine = _context_engine(context)
        key = (id(engine), context.autoescape)
        func = compiled.get(key)
        if func is None:
            func = compiled[key] = _compile_nodelist(self, engine, context.autoescape)
        out = []
        func(context, out)
        return SafeString("".join(out))

    def get_nodes_by_type(self, nodetype):
        nodes = []
        for node in self:
            nodes.extend(node.get_nodes_by_type(nodetype))
        return nodes


class TextNode(Node):
    child_nodelists = ()

    def __init__(self, s):
        self.s = s

    def output_expression(self, c):
        return _code_literal(str(self.s))

    def render(self, context):
        return self.s


class VariableNode(Node):
    """{{ expression }}: resolve, filter, localize, escape, write."""

    child_nodelists = ()

    def __init__(self, filter_expression):
        self.filter_expression = filter_expression

    def output_expression(self, c):
        invalid = c.engine.string_if_invalid
        if invalid and self.filter_expression.var.lookups is not None:
            return None  # needs a statement: see generate()
        fe = self.filter_expression
        lookups = fe.var.lookups
        if not fe.filters and lookups and len(lookups) == 2 and lookups[0] not in (
                "True", "False", "None"):
            func = "_escape_attr" if c.autoescape else "_text_attr"
            return f"{func}({c.name(lookups[0])}, {_code_literal(lookups[1])}, " \
                f"{_code_literal(lookups[0])})"
        if not fe.filters and lookups and len(lookups) == 1 and lookups[0] not in (
                "True", "False", "None"):
            func = "_escape_value" if c.autoescape else "_text_value"
            return f"{func}({c.name(lookups[0])}, {_code_literal(lookups[0])})"
        last = fe.filters[-1].func if fe.filters else None
        escaped = getattr(last, "_escaped", None)
        if escaped is not None and c.autoescape and not invalid:
            # The last filter writes its own escaped output (see _escape_date).
            inner = c.apply_filters(_FilterChain(fe.filters[:-1]), c.lookup(
                fe.var, "''"))
            f = fe.filters[-1]
            special = c.literal_fast(f, True)
            if special is not None:
                return f"{c.const(special, 'f')}({inner})"
            args = "" if f.arg is None else ", " + c.lookup(f.arg, "_RAISE")
            return f"{c.const(escaped, 'f')}({inner}{args})"
        value = c.expr(fe, "output")
        return f"{c.output_func}({value})"

    def generate(self, c):
        fe = self.filter_expression
        invalid = c.engine.string_if_invalid
        text = invalid % fe.var if "%s" in invalid else invalid
        if c.autoescape:
            text = str(conditional_escape(text))
        c.line(f"value = {c.lookup(fe.var, _NOT_FOUND_NAME)}")
        c.line("if value is _NOT_FOUND:")
        c.line(f"    write({_code_literal(str(text))})")
        c.line("else:")
        c.line(f"    write({c.output_func}({c.apply_filters(fe, 'value')}))")

    def render(self, context):
        value = self.filter_expression.resolve(context)
        return (_escape_output if context.autoescape else _text_output)(value)


class _FilterChain:
    """The filters of a FilterExpression without it: for apply_filters()."""

    def __init__(self, filters):
        self.filters = filters


_NOT_FOUND_NAME = "_NOT_FOUND"
_REFRESH = "#<refresh context names>"


# -- Templates and where they come from.

class Origin:
    """Where a template came from: its file path, name and loader."""

    def __init__(self, name, template_name=None, loader=None):
        self.name, self.template_name, self.loader = name, template_name, loader

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<Origin name={self.name!r}>"

    def __eq__(self, other):
        return (isinstance(other, Origin) and self.name == other.name
                and self.loader == other.loader)

    def __hash__(self):
        return hash(self.name)

    @property
    def loader_name(self):
        if self.loader:
            return f"{self.loader.__module__}.{type(self.loader).__name__}"


UNKNOWN_SOURCE = "<unknown source>"


class Template:
    """A compiled template: Template(source).render(Context({...})).

    Without an engine it uses Engine.get_default().  The source is parsed at
    once (syntax errors raise here); the Python is generated and compiled on
    first render, once per autoescape setting, and kept.
    """

    def __init__(self, template_string, origin=None, name=None, engine=None):
        if engine is None:
            engine = djscratch.template.engine.Engine.get_default()
        if origin is None:
            origin = Origin(UNKNOWN_SOURCE)
        self.name, self.origin, self.engine = name, origin, engine
        self.source = str(template_string)
        self._variants = {}
        self.nodelist = self.compile_nodelist()
        self.extends_node = next(
            (n for n in self.nodelist if isinstance(n, djscratch.template.defaulttags.ExtendsNode)), None)  # noqa: E501
        self.block_defs = {
            node.name: djscratch.template.loader_tags._BlockDef(self, node.name)
            for node in self.nodelist.get_nodes_by_type(djscratch.template.defaulttags.BlockNode)}  # noqa: E501

    def __repr__(self):
        return f'<{type(self).__qualname__} template_string="{self.source[:20]}...">'

    def __iter__(self):
        yield from self.nodelist

    def compile_nodelist(self):
        """Parse the source into nodes (TemplateSyntaxError names the line)."""
        self.syntax = djscratch.template.engine._template_syntax(self.engine, self.source,  # noqa: E501
                                       self.name or self.origin.template_name)
        parser = Parser(_tokenize(self.source, self.syntax), self.engine, self.origin)
        parser.template_name = self.name
        parser.syntax = self.syntax
        return parser.parse()

    def _compiled(self, autoescape):
        compiled = self._variants.get(autoescape)
        if compiled is None:
            with _cache_lock:
                compiled = self._variants.get(autoescape)
                if compiled is None:
                    compiled = self._variants[autoescape] = self._compile(autoescape)
        return compiled

    def _compile(self, autoescape):
        source, namespace, reads_block, closed_blocks = _generate(
            self.nodelist, self.engine, self.name or self.origin.template_name,
            autoescape, self.extends_node)
        namespace["TEMPLATE"] = self
        name = self.name or self.origin.name
        # compile() refuses a NUL or a lone surrogate in the file name
        filename = f"<template {name if name.isprintable() else _code_literal(name)}>"
        import linecache

        linecache.cache[filename] = (len(source), None, source.splitlines(True),
                                     filename)
        ns = _compile_source(source, namespace, filename)
        for name, function in ns["BLOCKS"].items():
            function.reads_block = name in reads_block
            function.needs_scope = name not in closed_blocks
        return _Compiled(source, ns, ns["render"], ns["BLOCKS"], self.extends_node)

    def python_source(self, autoescape=None):
        """Return the Python this template compiles to (for learning)."""
        if autoescape is None:
            autoescape = self.engine.autoescape
        return self._compiled(autoescape).source

    def _render(self, context):
        if template_rendered.receivers:  # the test client listens
            template_rendered.send(sender=self, template=self, context=context)
        compiled = self._variants.get(context.autoescape) or self._compiled(
            context.autoescape)
        out = []
        compiled.render(context, out)
        return SafeString("".join(out))

    def _render_into(self, context, out):
        if template_rendered.receivers:  # the test client listens
            template_rendered.send(sender=self, template=self, context=context)
        compiled = self._variants.get(context.autoescape) or self._compiled(
            context.autoescape)
        compiled.render(context, out)

    def render(self, context):
        """Render with a Context (or RequestContext); return a SafeString."""
        # render_context.push_state(self) and context.bind_template(self),
        # spelled out: this runs for every template and every include.
        rc = context.render_context
        initial = rc.template
        rc.template = self
        rc.dicts.append({})
        try:
            if context.template is not None:
                return self._render(context)
            context._bind(self)
            try:
                context.template_name = self.name
                return self._render(context)
            finally:
                context._unbind()
        finally:
            rc.template = initial
            rc.dicts.pop()
