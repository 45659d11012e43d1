"""The lexer, the parser, Variable, FilterExpression, Node and
Template (django/template/base.py).
"""

import enum
import sys
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.defaulttags, template.engine,
# template.loader_tags, template.loaders.
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.utils.regex_helper import _re
from djscratch.utils.translation import gettext, pgettext
from djscratch.utils.text import unescape_string_literal
from djscratch.utils.safestring import mark_safe, SafeData, SafeString
from djscratch.core.signals import template_rendered
from djscratch.utils.html import _UTF8_ESCAPE_FROM, conditional_escape
from djscratch.template.codegen import (
    _code_literal, _compile_nodelist, _compile_source, _Compiled, _generate,
    _KeptState,
)
from djscratch.template.runtime import (
    _call_variable, _context_engine, _escape_output, _lookup_bit, _NOT_FOUND, _RAISE,
    _template_localtime, _text_output, _var,
)

__all__ = [
    "Template", "Origin", "Node", "NodeList", "Variable", "TemplateDoesNotExist",
    "TemplateSyntaxError", "VariableDoesNotExist", "DJANGO_SYNTAX", "NATIVE_SYNTAX",
    "Lexer", "DebugLexer", "Token", "TokenType",
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

# Django's names for the pieces of its syntax.
FILTER_SEPARATOR = "|"
FILTER_ARGUMENT_SEPARATOR = ":"
VARIABLE_ATTRIBUTE_SEPARATOR = "."
BLOCK_TAG_START, BLOCK_TAG_END = "{%", "%}"
VARIABLE_TAG_START, VARIABLE_TAG_END = "{{", "}}"
COMMENT_TAG_START, COMMENT_TAG_END = "{#", "#}"
SINGLE_BRACE_START, SINGLE_BRACE_END = "{", "}"

_cache_lock = threading.Lock()

#: Generated sources of templates compiled while linecache was not loaded
#: (filename -> linecache entry): importing it, with tokenize, was some 1 ms
#: of a first page.  They go to linecache.cache (which tracebacks, warnings
#: and inspect read) when a template compiles after it is loaded, or when an
#: exception leaves a template's render (_show_template_lines()).
_TEMPLATE_LINES = {}


def _show_template_lines(filename=None, source=None):
    """Give linecache the generated `source` of `filename` (once it is
    loaded; else keep it) and those kept, when linecache is loaded or an
    exception asks for them (`filename` None)."""
    if filename is not None:
        _TEMPLATE_LINES[filename] = (len(source), None, source.splitlines(True),
                                     filename)
    linecache = sys.modules.get("linecache")
    if linecache is None:
        if filename is not None:
            return
        import linecache
    while _TEMPLATE_LINES:
        filename, entry = _TEMPLATE_LINES.popitem()
        linecache.cache[filename] = entry


def _tag_re(syntax):
    """Return the lexer regex for a syntax: one alternative per delimiter pair."""
    import re

    vs, ve, bs, be, cs, ce = map(re.escape, syntax)
    return _re(f"({vs}.*?{ve}|{bs}.*?{be}|{cs}.*?{ce})")


class TokenType(str, enum.Enum):
    """The kind of a Token.  Each member equals its lower-case name as a str
    ("block"), which the parser and the tags compare with."""

    TEXT = "text"
    VAR = "var"
    BLOCK = "block"
    COMMENT = "comment"


_TOKEN_TYPES = {kind.value: kind for kind in TokenType}


class Token:
    """A piece of template source: text, var, block or comment.

    `position` is its (start, end) in the source (DebugLexer only); `source`
    its text with the delimiters, as written.
    """

    __slots__ = ("token_type", "contents", "position", "lineno", "_source")

    def __init__(self, token_type, contents, position=None, lineno=None,
                 source=None):
        self.token_type, self.contents = _TOKEN_TYPES[token_type], contents
        self.position, self.lineno, self._source = position, lineno, source

    @property
    def source(self):
        if self._source is not None:
            return self._source
        start, end = _TOKEN_DELIMITERS[self.token_type]
        return f"{start} {self.contents} {end}" if start else self.contents

    def split_contents(self):
        """Split the tag's contents on spaces, keeping quoted strings whole."""
        return smart_split(self.contents)

    def __repr__(self):
        name = self.token_type.name.capitalize()
        return f'<{name} token: "{self.contents[:20].replace(chr(10), "")}...">'


_TOKEN_DELIMITERS = {TokenType.TEXT: ("", ""), TokenType.VAR: ("{{", "}}"),
                     TokenType.BLOCK: ("{%", "%}"), TokenType.COMMENT: ("{#", "#}")}


def smart_split(text):
    """Split `text` on whitespace, keeping "quoted strings" (and _("...")) whole."""
    text = str(text)
    words = _split_plain_words(text)
    return words if words is not None else _smart_split_by_pattern(text)


def _smart_split_by_pattern(text):
    """smart_split() of a str, the general way."""
    pattern = (r"""((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
               r"""[^\s'"]*)+)|\S+)""")
    return [m.group(0) for m in _re(pattern).finditer(text)]


def _split_plain_words(text):
    """smart_split() of `text` when each of its words is free of quotes or
    is one quoted string without quotes or backslashes inside ("url 'home'
    pk=1"), without compiling the pattern; None for any other text."""
    words = text.split()
    for word in words:
        if "'" in word or '"' in word:
            quote = word[0]
            if len(word) < 2 or word[-1] != quote or quote not in "'\"" or \
                    "\\" in word or quote in word[1:-1] or \
                    ("'" if quote == '"' else '"') in word:
                return None
    return [str.__str__(word) for word in words]


def _tokenize(source, syntax, positions=False):
    """Split template source into Tokens (Django's Lexer, verbatim included);
    with `positions`, each records its (start, end) offsets (DebugLexer)."""
    vs, _ve, bs, _be, _cs, _ce = syntax
    width = len(vs)
    text, var, block, comment = (TokenType.TEXT, TokenType.VAR, TokenType.BLOCK,
                                 TokenType.COMMENT)
    tokens, lineno, in_tag, verbatim, offset = [], 1, False, None, 0
    for piece in _tag_re(syntax).split(source):
        if piece:
            kind = text
            position = (offset, offset + len(piece)) if positions else None
            offset += len(piece)
            content = piece
            if in_tag:
                start, content = piece[:width], piece[width:-width].strip()
                if start == bs:
                    if verbatim and content != verbatim:
                        kind, content = text, piece
                    else:
                        if verbatim:
                            verbatim = None
                        elif content[:9] in ("verbatim", "verbatim "):
                            verbatim = "end" + content
                        kind = block
                elif verbatim:
                    content = piece
                elif start == vs:
                    kind = var
                else:
                    kind = comment
            tokens.append(Token(kind, content, position, lineno, piece))
            lineno += piece.count("\n")
        in_tag = not in_tag
    return tokens


class Lexer:
    """Split a template string into Tokens (Django's syntax unless given)."""

    def __init__(self, template_string, syntax=DJANGO_SYNTAX):
        self.template_string = template_string
        self.verbatim = False
        self.syntax = syntax

    def __repr__(self):
        source = self.template_string[:20].replace("\n", "")
        return (f'<{type(self).__qualname__} template_string="{source}...", '
                f"verbatim={self.verbatim}>")

    def tokenize(self):
        """Return the list of Tokens (without positions)."""
        return _tokenize(self.template_string, self.syntax)


class DebugLexer(Lexer):
    """A Lexer whose Tokens record their (start, end) in the source."""

    def tokenize(self):
        return _tokenize(self.template_string, self.syntax, positions=True)


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
                self.literal = mark_safe(unescape_string_literal(var))
            except ValueError:
                if "._" in var or var[:1] == "_":
                    raise TemplateSyntaxError(
                        "Variables and attributes may not begin with underscores: "
                        f"'{var}'") from None
                self.lookups = tuple(var.split("."))

    def resolve(self, context):
        """Return the value in `context` (a Context), raising VariableDoesNotExist;
        translated when the variable is _("...") or {% translate %}'s."""
        if self.translate:
            return self._translated(self._resolve(context))
        return self._resolve(context)

    def _translated(self, value):
        """As Django: the message id doubles every %, so that "%" survives
        {% blocktranslate %}'s formatting; {% translate %} undoes it."""
        msgid = value.replace("%", "%%")
        if isinstance(value, SafeData):
            msgid = mark_safe(msgid)
        if self.message_context:
            return pgettext(self.message_context, msgid)
        return gettext(msgid)

    def _resolve(self, context):
        if self.lookups is None:
            return self.literal
        if self.lookups[0] in ("True", "False", "None") and len(self.lookups) == 1:
            return {"True": True, "False": False, "None": None}[self.lookups[0]]
        if hasattr(context, "dicts"):
            invalid = _context_engine(context).string_if_invalid
            first = context.get(self.lookups[0], _NOT_FOUND)
            if first is _NOT_FOUND:
                return _resolve_logged(context, self.lookups, invalid)
            return _resolve_logged(context, self.lookups[1:], invalid, first)
        # Any other object is looked into like a value (a dict, say).
        engine = getattr(getattr(context, "template", None), "engine", None)
        invalid = engine.string_if_invalid if engine is not None else ""
        return _resolve_logged(context, self.lookups, invalid, context, call=False)

    def __repr__(self):
        return f"<Variable: {self.var!r}>"

    def __str__(self):
        return self.var


def _mapping_get(mapping, key):
    """mapping[key], or _NOT_FOUND."""
    try:
        return mapping[key]
    except (KeyError, TypeError):
        return _NOT_FOUND


def _resolve_logged(context, bits, invalid, current=_NOT_FOUND, call=True):
    """Look `bits` up from `current` as {{ a.b }} does (Variable.resolve());
    a failure is logged to django.template at DEBUG, as Django does, then
    raised, or gives `invalid` for a silent_variable_failure."""
    bit = bits[0] if bits else None
    try:
        if current is _NOT_FOUND:
            return _var(current, (), invalid, _RAISE, bit)  # raises
        if call and callable(current):
            current = _call_variable(current, invalid)
        for bit in bits:
            current = _lookup_bit(current, bit)
            if callable(current):
                current = _call_variable(current, invalid)
    except Exception as err:
        import logging

        logging.getLogger("django.template").debug(
            "Exception while resolving variable '%s' in template '%s'.", bit,
            getattr(context, "template_name", None) or "unknown", exc_info=True)
        if getattr(err, "silent_variable_failure", False):
            return invalid
        raise
    return current


class _Filter:
    """One `|name:arg` in an expression: the function and its argument."""

    __slots__ = ("name", "func", "arg")

    def __init__(self, name, func, arg):
        self.name, self.func, self.arg = name, func, arg


def _word_end(text, start, dots=True):
    """The index after the run of word characters (regex \\w: letters,
    digits, "_") and, with `dots`, "." that starts at `start`."""
    end, length = start, len(text)
    while end < length:
        char = text[end]
        if not (char.isalnum() or char == "_" or dots and char == "."):
            break
        end += 1
    return end


def _quoted_end(text, start):
    """The index after a "..." or '...' constant at `start` without a
    backslash in it (the regex's constant then reads the same), else -1."""
    quote = text[start:start + 1]
    if quote not in ('"', "'"):
        return -1
    close = text.find(quote, start + 1)
    if close < 0 or "\\" in text[start + 1:close]:
        return -1
    return close + 1


def _plain_filter_expression(token):
    """(variable or constant, [(filter name, argument text or None)]) of
    `token`, the parse _FILTER_PATTERN gives, when `token` has the plain
    shape nearly every template uses: dotted names or a quoted constant
    without backslashes, then |name or |name:argument with no spaces.
    None for any other token (the regex parses it, and words its errors).
    Compiling the pattern took some 1.4 ms of a first page;
    tests/test_template_parse_api.py compares the two."""
    end = _quoted_end(token, 0)
    if end < 0:
        end = _word_end(token, 0)
        if end == 0:
            return None
    var, filters, length = token[:end], [], len(token)
    while end < length:
        if token[end] != "|":
            return None
        name_end = _word_end(token, end + 1, dots=False)
        if name_end == end + 1:
            return None
        name, arg, end = token[end + 1:name_end], None, name_end
        if end < length and token[end] == ":":
            arg_end = _quoted_end(token, end + 1)
            if arg_end < 0:
                arg_end = _word_end(token, end + 1)
                if arg_end == end + 1:
                    return None
            arg, end = token[end + 1:arg_end], arg_end
        filters.append((name, arg))
    return var, filters


class FilterExpression:
    """A variable or literal with its filters, parsed from `token`."""

    def __init__(self, token, parser):
        self.token = token
        self.filters = []
        self.var = None
        plain = _plain_filter_expression(token)
        if plain is not None:
            var, filters = plain
            self.var = Variable(var)
            for name, arg in filters:
                func = parser.find_filter(name)
                _check_filter_args(name, func, arg is not None)
                self.filters.append(
                    _Filter(name, func, None if arg is None else Variable(arg)))
            return
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
                invalid = _context_engine(context).string_if_invalid if hasattr(
                    context, "dicts") else ""
                if invalid:
                    return invalid % self.var if "%s" in invalid else invalid
                value = invalid
        for f in self.filters:
            arg = () if f.arg is None else (f.arg.resolve(context),)
            value = _apply_filter(f.func, value, arg,
                                  getattr(context, "autoescape", True))
        return value

    def __str__(self):
        return self.token

    def __repr__(self):
        return f"<{type(self).__qualname__} {self.token!r}>"

    @staticmethod
    def args_check(name, func, provided):
        """Raise TemplateSyntaxError unless `func` takes len(provided) args."""
        _check_filter_args(name, func, bool(provided))
        return True


def _plain_literal(expression):
    """Return (expression, value) when `expression` is a FilterExpression of a
    lone literal without filters ({% url 'name' %}, {% static "a.css" %}):
    `value` is what expression.resolve(context) returns for any context; else
    (None, None).  A tag node keeps the pair and takes `value` while its
    expression is still that one (`pair[0] is self.path`), sparing three calls
    per tag on every page (_resolve_literal_fast() in the tests)."""
    if type(expression) is FilterExpression and not expression.filters:
        var = expression.var
        if type(var) is Variable and var.lookups is None and not var.translate:
            return expression, var.literal
    return None, None


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

# The methods a plain page never runs are in base_extra.py, defined on first
# use.
@_methods_on_first_use("_ParserMore", (
    "error", "invalid_block_tag", "skip_past", "unclosed_block_tag",
))
class Parser:
    """Turn tokens into a NodeList; tag functions call back into it."""

    def __init__(self, tokens, libraries=None, builtins=None, origin=None,
                 engine=None):
        # Reversed: next_token() and prepend_token() work at the list's end.
        self.tokens = list(reversed(tokens))
        self.engine = engine
        # The template's syntax, when the engine detects it (Template sets it).
        self.syntax = engine.syntax if engine is not None else DJANGO_SYNTAX
        self.origin = origin
        self.tags, self.filters = {}, {}
        self.command_stack = []
        #: Data custom tags leave for the Template (Template.extra_data).
        self.extra_data = {}
        if libraries is None:
            libraries = engine.template_libraries if engine is not None else {}
        self.libraries = libraries
        if builtins is None:
            builtins = engine.template_builtins if engine is not None else []
        for lib in builtins:
            self.add_library(lib)
        self.extends_seen = False
        # What the parse used, for a template whose state is kept
        # (_KeptState.write_kept_file): the {% load %}s in order (library
        # name, the names taken or None for all), each tag and filter found,
        # keyed (kind, name, loads before it), and the nodes a tag made from
        # its own token alone: id -> (node, token, loads before it).
        self._loads, self._used, self._single = [], {}, {}

    def __repr__(self):
        return f"<{type(self).__qualname__} tokens={self.tokens!r}>"

    def add_library(self, lib):
        self.tags.update(lib.tags)
        self.filters.update(lib.filters)

    def parse(self, parse_until=None):
        """Parse until one of the tag names in `parse_until` (left unconsumed)."""
        parse_until = tuple(parse_until or ())
        nodelist = NodeList()
        while self.tokens:
            token = self.next_token()
            kind = token.token_type
            if kind == "text":
                node = TextNode(token.contents)
                node.origin = self.origin
                nodelist.append(node, token)
            elif kind == "var":
                if not token.contents:
                    raise self.error(
                        token, f"Empty variable tag on line {token.lineno}")
                try:
                    expression = self.compile_filter(token.contents)
                except TemplateSyntaxError as err:
                    raise self.error(token, err) from None
                node = VariableNode(expression)
                node.origin = self.origin
                nodelist.append(node, token)
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
                loads, left = len(self._loads), len(self.tokens)
                self._used["tag", command, loads] = compile_func
                try:
                    node = compile_func(self, token)
                except TemplateSyntaxError as err:
                    raise self.error(token, err) from None
                except Exception as err:  # raised as it is, as Django does
                    if not hasattr(err, "token"):
                        err.token = token
                    raise
                self.command_stack.pop()
                if len(self.tokens) == left and len(self._loads) == loads:
                    self._single[id(node)] = (node, token, loads)
                if getattr(node, "must_be_first", False) and nodelist.contains_nontext:
                    name = getattr(self.origin, "template_name", None)
                    where = repr(name) if name else "the template"
                    raise self.error(token, f"{{% {token.contents} %}} must be the "
                                     f"first tag in {where}.")
                node.origin = self.origin
                nodelist.append(node, token)
        if parse_until:
            self.unclosed_block_tag(parse_until)
        return nodelist

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
            func = self.filters[filter_name]
        except KeyError:
            raise TemplateSyntaxError(f"Invalid filter: '{filter_name}'") from None
        self._used["filter", filter_name, len(self._loads)] = func
        return func


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
        # With engine.debug each node's code carries its place in the source
        # (_debug_mark), for the template_debug of an error while rendering.
        debug = c.engine.debug
        run, marks = [], []
        for node in self:
            piece = node.output_expression(c) if hasattr(node, "output_expression") \
                else None
            if piece is not None:
                run.append(piece)
                marks.append(_debug_mark(node.token) if debug else "")
                continue
            c.write_run(run, marks)
            run, marks = [], []
            token = node.token
            mark = _debug_mark(token) if debug else ""
            if token is not None and token.token_type == "block":
                c.comment(f"line {token.lineno:d}:", token.source[:60], mark)
            elif mark:
                c.line(mark.lstrip())
            node.generate(c)
        c.write_run(run, marks)

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

    def __repr__(self):
        return f"<{type(self).__name__}: {self.s[:25]!r}>"

    def output_expression(self, c):
        return _code_literal(str(self.s))

    def render(self, context):
        return self.s


def render_value_in_context(value, context):
    """A value as {{ value }} writes it: local time, localized, and escaped
    when the context autoescapes (for custom tags' render())."""
    return (_escape_output if context.autoescape else _text_output)(value)


def _inline_escape(local):
    """Return a Python expression escaping the str held in the name `local`:
    _escape_text() written out (the test first, then the five replace()
    calls, or _escape_utf8() for a long str), as generated code writes
    {{ name }}."""
    test = " or ".join("%r in %s" % (char, local) for char in "&<>\"'")
    return (f"(({local}.replace('&', '&amp;').replace('<', '&lt;')"
            f".replace('>', '&gt;').replace('\"', '&quot;')"
            f".replace(\"'\", '&#x27;') if len({local}) < {_UTF8_ESCAPE_FROM:d}"
            f" else _escape_utf8({local})) if {test} else {local})")


def linebreak_iter(template_source):
    """Yield 0, the offset after each line break, then len(source) + 1."""
    yield 0
    found = template_source.find("\n")
    while found >= 0:
        yield found + 1
        found = template_source.find("\n", found + 1)
    yield len(template_source) + 1


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
            static = c.loop_attribute(lookups[0], lookups[1:])
            if static is not None:  # {{ forloop.counter }}: an int or a bool
                return f"{c.output_func}({static})"
            factory = "_escape_attr_site" if c.autoescape else "_text_attr_site"
            site = c.site(factory, lookups[1], _code_literal(lookups[0]))
            return f"{site}({c.name(lookups[0])})"
        if not fe.filters and lookups and len(lookups) == 1 and lookups[0] not in (
                "True", "False", "None"):
            return self.value_expression(c, c.name(lookups[0]), lookups[0])
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

    @staticmethod
    def value_expression(c, local, name):
        """Return Python writing {{ name }} held in the Python name `local`:
        a str is escaped (or written) right there, as Jinja2 writes
        escape(name); any other value goes to _escape_value()/_text_value()."""
        if c.autoescape:
            return f"({_inline_escape(local)} if type({local}) is str else " \
                f"_escape_value({local}, {_code_literal(name)}))"
        return f"({local} if type({local}) is str else " \
            f"_text_value({local}, {_code_literal(name)}))"

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
        return render_value_in_context(self.filter_expression.resolve(context), context)


def _debug_mark(token):
    """`  #@start:end`, the token's place in the source, for a generated line."""
    if token is None or token.position is None:
        return ""
    return f"  #@{token.position[0]:d}:{token.position[1]:d}"


_DEBUG_MARK = r"#@(\d+):(\d+)$"


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
        """The loader's dotted path ("django.template.loaders.filesystem.Loader"
        for djscratch's own loaders, as Django names them)."""
        if self.loader:
            loader_classes = djscratch.template.loaders._LOADER_CLASSES
            for path, cls in loader_classes.items():
                if type(self.loader) is cls:
                    return path
            return f"{self.loader.__module__}.{type(self.loader).__name__}"


UNKNOWN_SOURCE = "<unknown source>"


# The methods a plain page never runs are in base_extra.py, defined on first
# use.
@_methods_on_first_use("_TemplateMore", (
    "_annotate", "_render_unlocalized", "get_exception_info", "python_source",
))
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
        self._parse_record = None
        # A template read from a file may run the code an earlier process
        # kept, without parsing (its nodes are parsed on first use).
        self._kept = _KeptState.from_kept_file(self) if origin.loader is not None \
            else None
        if self._kept is not None:
            self.syntax, self.extra_data = self._kept.syntax, {}
            self._has_extends = self._kept.extends
            self.block_defs = {
                name: djscratch.template.loader_tags._BlockDef(self, name)
                for name in self._kept.blocks}
            return
        self._parse()
        self.block_defs = {
            node.name: djscratch.template.loader_tags._BlockDef(self, node.name)
            for node in self.nodelist.get_nodes_by_type(djscratch.template.defaulttags.BlockNode)}  # noqa: E501

    def _parse(self):
        self.nodelist = self.compile_nodelist()
        self.extends_node = next(
            (n for n in self.nodelist if isinstance(n, djscratch.template.defaulttags.ExtendsNode)), None)  # noqa: E501
        self._has_extends = self.extends_node is not None

    def __getattr__(self, name):
        # The nodes of a template built from its kept state: parsed now.
        if name in ("nodelist", "extends_node") and \
                self.__dict__.get("_kept") is not None:
            self._parse()
            return self.__dict__[name]
        raise AttributeError(
            f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self):
        source = self.source[:20].replace("\n", "")
        return f"<{type(self).__qualname__} template_string=\"{source}...\">"

    def __iter__(self):
        yield from self.nodelist

    def compile_nodelist(self):
        """Parse the source into nodes (TemplateSyntaxError names the line)."""
        self.syntax = djscratch.template.engine._template_syntax(self.engine, self.source,  # noqa: E501
                                       self.name or self.origin.template_name)
        lexer = (DebugLexer if self.engine.debug else Lexer)(self.source, self.syntax)
        parser = Parser(lexer.tokenize(), origin=self.origin, engine=self.engine)
        parser.template_name = self.name
        parser.syntax = self.syntax
        try:
            nodelist = parser.parse()
        except Exception as err:
            token = getattr(err, "token", None)
            if self.engine.debug and token is not None and token.position:
                err.template_debug = self.get_exception_info(err, token)
            raise
        self.extra_data = parser.extra_data
        if self.origin.loader is not None:
            self._parse_record = (parser._loads, parser._used, parser._single)
        return nodelist

    def _compiled(self, autoescape):
        compiled = self._variants.get(autoescape)
        if compiled is None:
            with _cache_lock:
                compiled = self._variants.get(autoescape)
                if compiled is None:
                    compiled = self._variants[autoescape] = self._compile(autoescape)
        return compiled

    def _compile(self, autoescape):
        name = self.name or self.origin.name
        # compile() refuses a NUL or a lone surrogate in the file name
        filename = f"<template {name if name.isprintable() else _code_literal(name)}>"
        kept = self._kept
        namespace = None
        if kept is not None and kept.autoescape == autoescape:
            namespace = kept.namespace(self)
        if namespace is not None:
            source, reads_block, closed_blocks = kept.source, kept.reads_block, \
                kept.closed_blocks
            self._filename = filename
            _show_template_lines(filename, source)
            ns = _compile_source(source, namespace, filename, code=kept.code)
        else:
            source, namespace, reads_block, closed_blocks, made = _generate(
                self.nodelist, self.engine, self.name or self.origin.template_name,
                autoescape, self.extends_node)
            namespace["TEMPLATE"] = self
            self._filename = filename
            _show_template_lines(filename, source)
            codes = []
            ns = _compile_source(source, namespace, filename,
                                 keep=self.origin.loader is not None, codes=codes)
            if self._parse_record is not None and autoescape == self.engine.autoescape:
                _KeptState.write_kept_file(self, autoescape, source, namespace,
                                           codes[0], made, reads_block, closed_blocks)
                self._parse_record = None  # (kept or not: needed no more)
        for name, function in ns["BLOCKS"].items():
            function.reads_block = name in reads_block
            function.needs_scope = name not in closed_blocks
        return _Compiled(source, ns, ns["render"], ns["BLOCKS"],
                         self.__dict__.get("extends_node"))

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
                if context.use_l10n is False:  # Context(use_l10n=False)
                    return self._render_unlocalized(context)
                return self._render(context)
            finally:
                context._unbind()
        except Exception as err:
            if _TEMPLATE_LINES:  # a traceback may be printed: it shows them
                _show_template_lines()
            if self.engine.debug and not hasattr(err, "template_debug"):
                self._annotate(err)
            raise
        finally:
            rc.template = initial
            rc.dicts.pop()
