"""The code generator: nodes write Python source for a render
function, compiled once and cached.  Django interprets nodes instead; this
module has no Django counterpart.
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: template.base, template.defaulttags, template.runtime.
import sys
import types

import djscratch

from djscratch.utils.module_loading import (
    _compile_generated, _generated_code_dir, _keep_generated, _package,
)
from djscratch.utils.regex_helper import _re
from djscratch.utils.safestring import mark_safe, SafeData, SafeString


# -- The code generator.  Nodes call c.line(), c.expr(), c.scope() ...
#
#    Text never becomes code.  Template names come from request data
#    (render(request, f"pages/{slug}.html")), and a quote, a newline or a bare
#    "\r" pasted into a docstring or a comment ends it there and makes the rest
#    Python.  So everything from outside the compiler (names, text, tag source,
#    literals, filter arguments) enters the generated source only through
#    _code_literal(), comments and docstrings included, and template names that
#    become Python names go through _CodeGen.identifier().


def _code_literal(value):
    """Return Python source for `value`: a str, number, bool, None or a tuple
    of those, written so that it reads back as exactly that value."""
    if value is None or value is True or value is False:
        return repr(value)
    if isinstance(value, str):  # str.__repr__: a subclass's repr() could lie
        return str.__repr__(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        text = float.__repr__(value)
        # repr(float("inf")) is "inf": a name, not a literal
        return text if value - value == 0 else f"float({text!r})"
    if isinstance(value, tuple):
        items = [_code_literal(item) for item in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    raise TypeError(f"no Python literal for a {type(value).__name__}")


class _Binding:
    __slots__ = ("pyname", "used", "loop", "static")

    def __init__(self, pyname):
        self.pyname, self.used = pyname, False
        self.loop = None  # a for loop's `forloop`: (index name, length name)
        self.static = set()  # its attributes read from the index, not the dict


#: forloop's attributes as Python over the loop's index and length
_LOOP_ATTRIBUTES = {
    "counter0": "{i}", "counter": "({i} + 1)", "revcounter": "({n} - {i})",
    "revcounter0": "({n} - {i} - 1)", "first": "({i} == 0)",
    "last": "({i} == {n} - 1)",
}


class _Function:
    """One generated Python function: its lines and the context names it reads."""

    def __init__(self, name, doc):
        self.name, self.doc = name, doc
        self.lines = []
        self.prelude = []  # lines after the context reads (the `as` bindings)
        self.free = {}  # template name -> local holding its context value
        self.scopes = [{}]
        self.sets_context = [False]  # per scope: a tag in it may set variables
        self.hands_off = False  # passes the context to other code (include...)


class _CodeGen:
    """Generate the Python source of a template's functions."""

    def __init__(self, engine, name, autoescape):
        self.engine = engine
        self.template_name = name
        self.autoescape = autoescape
        self.namespace = {}  # objects the source cannot spell (filters, nodes)
        self.consts = {}  # id -> name
        self.functions = []
        self.func = None
        self.depth = 1
        self.counter = 0
        self.blocks = {}  # block name -> function name
        self.extends = None
        self.literals = {}  # text of a safe string literal -> constant name
        self.reads_block = set()  # blocks whose code reads the `block` variable
        # blocks whose code neither hands the context to other code nor sets
        # variables in it: a context push around them would change nothing
        self.closed_blocks = set()
        self.block_constants = {}  # block name -> module constant
        self.sites = {}  # source of a lookup site's making -> its name
        self.shared_sites = False  # see site(); _generate() sets it
        # id of a function a filter made for its literal argument -> (the
        # filter, the argument, html): how _kept_namespace() makes it again
        self.made = {}

    # writing lines
    def line(self, text):
        self.func.lines.append("    " * self.depth + text)

    def comment(self, label, text, mark=""):
        """Write `# label 'text'`: the compiler's label, then text as a literal
        (and the node's debug mark, see _debug_mark)."""
        self.line(f"# {label} {_code_literal(text)}{mark}")

    def indent(self):
        gen = self

        class _Indent:
            def __enter__(self):
                gen.depth += 1

            def __exit__(self, *exc):
                gen.depth -= 1

        return _Indent()

    def capture(self, generate):
        """Run `generate()` and return the lines it wrote (not yet emitted)."""
        saved = self.func.lines
        self.func.lines = []
        try:
            generate()
            return self.func.lines
        finally:
            self.func.lines = saved

    def suite(self, nodelist):
        """Write `nodelist` one level deeper (or `pass` if it writes nothing)."""
        self.depth += 1
        lines = self.capture(lambda: nodelist.generate(self))
        if not lines:
            self.line("pass")
        self.depth -= 1
        self.emit(lines)

    def emit(self, lines, extra_indent=0):
        pad = "    " * extra_indent
        self.func.lines.extend(pad + line for line in lines)

    def write_run(self, run, marks=None):
        """Write the pieces; each on its own line, ended by its debug mark."""
        marks = marks or [""] * len(run)
        if len(run) == 1:
            self.line(f"write({run[0]}){marks[0]}")
        elif run:
            self.line("extend((")
            for piece, mark in zip(run, marks):
                self.line(f"    {piece},{mark}")
            self.line("))")

    def unique(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def identifier(self, prefix, tname):
        """Return a Python name for template name `tname`: `prefix_tname` when
        that is a plain ASCII identifier, else a new `prefix_N`.

        Never paste anything else: Python folds non-ASCII names with NFKC, so
        "\ufb01" and "fi" would be one variable (or one block function).
        """
        if tname.isascii() and tname.isidentifier():
            return f"{prefix}_{tname}"
        self.counter += 1
        return f"{prefix}_{self.counter}"

    def const(self, obj, prefix):
        """Return a name for `obj` in the generated module's namespace."""
        name = self.consts.get(id(obj))
        if name is None:
            base = getattr(obj, "_filter_name", None) or (
                getattr(obj, "__name__", None) if callable(obj) else None)
            if isinstance(base, str) and base and not base.startswith("_"):
                name = self.identifier(prefix, base)
                while name in self.namespace and self.namespace[name] is not obj:
                    name = self.identifier(prefix, "")
            else:
                name = self.unique(prefix)
            self.namespace[name] = obj
            self.consts[id(obj)] = name
        return name

    @property
    def output_func(self):
        return "_escape_output" if self.autoescape else "_text_output"

    # functions
    def start_function(self, name, doc):
        previous = (self.func, self.depth)
        self.func = _Function(name, doc)
        self.depth = 1
        return previous

    def end_function(self, previous):
        func = self.func
        head = [f"def {func.name}(ctx, out):", "    " + _code_literal(func.doc),
                "    write = out.append", "    extend = out.extend"]
        free = _code_literal(tuple(func.free))
        if len(func.free) == 1:
            (tname, pyname), = func.free.items()
            head.append(f"    {pyname} = _ctx_get(ctx, {_code_literal(tname)})")
        elif func.free:
            names = ", ".join(func.free.values())
            head.append(f"    {names} = _ctx_values(ctx, {free})")
        head.extend(func.prelude)
        lines = []
        for line in func.lines:
            if line.strip() == djscratch.template.base._REFRESH:
                if func.free:
                    pad = line[:len(line) - len(line.lstrip())]
                    lines.append(f"{pad}# the context may have changed: read again")
                    lines.append(f"{pad}{', '.join(func.free.values())}, = "
                                 f"_ctx_values(ctx, {free})")
            else:
                lines.append(line)
        self.functions.append("\n".join(head + lines))
        self.func, self.depth = previous

    # names and scopes
    def push_scope(self, names):
        """Bind template names to new Python locals; return {name: _Binding}."""
        scope = {}
        for tname in names:
            scope[tname] = _Binding(self.identifier(self.unique("l"), tname))
        self.func.scopes.append(scope)
        self.func.sets_context.append(False)
        return scope

    def pop_scope(self):
        """End a scope; return True if a tag in it may have set variables."""
        self.func.scopes.pop()
        return self.func.sets_context.pop()

    def isolate(self, start):
        """Wrap the lines written since `start` in a context push/pop, so that
        variables a custom tag sets inside a for/with end with it (Django)."""
        pad = "    " * self.depth
        body = ["    " + line for line in self.func.lines[start:]]
        self.func.lines[start:] = [f"{pad}ctx.dicts.append({{}})", f"{pad}try:"] + \
            body + [f"{pad}finally:", f"{pad}    ctx.dicts.pop()"]
        self.refresh()

    def bind(self, tname):
        """Bind `tname` in the current scope from here on (the `as var` forms)."""
        binding = _Binding(self.identifier(self.unique("l"), tname))
        self.func.scopes[-1][tname] = binding
        # Start from the context's value, so a branch not taken reads as before.
        self.func.prelude.append(f"    {binding.pyname} = {self.free_name(tname)}")
        return binding.pyname

    def free_name(self, tname):
        pyname = self.func.free.get(tname)
        if pyname is None:
            pyname = self.func.free[tname] = self.identifier("c", tname)
        return pyname

    def name(self, tname):
        """Return the Python expression holding template name `tname`."""
        for scope in reversed(self.func.scopes):
            binding = scope.get(tname)
            if binding is not None:
                binding.used = True
                return binding.pyname
        return self.free_name(tname)

    def loop_attribute(self, tname, rest):
        """Return Python for {{ forloop.counter }} and its siblings computed
        from the loop's index (what the forloop dict holds), or None for any
        other lookup.  The dict itself is built only if something reads it."""
        if len(rest) != 1 or rest[0] not in _LOOP_ATTRIBUTES:
            return None
        for scope in reversed(self.func.scopes):
            binding = scope.get(tname)
            if binding is not None:
                if binding.loop is None:
                    return None
                binding.static.add(rest[0])
                i, n = binding.loop
                return _LOOP_ATTRIBUTES[rest[0]].format(i=i, n=n)
        return None

    def refresh(self):
        """Read the context names again here (after code that may set them)."""
        self.func.sets_context[-1] = True
        self.line(djscratch.template.base._REFRESH)

    def has_bindings(self):
        """Return True if any template name is bound to a Python local here."""
        return any(self.func.scopes)

    def bindings(self):
        """Return a dict display of every lexical binding (for hand-offs)."""
        self.func.hands_off = True
        seen = {}
        for scope in self.func.scopes:
            for tname, binding in scope.items():
                seen[tname] = binding
        if not seen:
            return "None"
        for binding in seen.values():
            binding.used = True
        return "{" + ", ".join(f"{_code_literal(t)}: {b.pyname}"
                               for t, b in seen.items()) + "}"

    # expressions
    def block_constant(self, name):
        """Return the module constant holding this template's block `name`."""
        constant = self.block_constants.get(name)
        if constant is None:
            constant = self.block_constants[name] = self.identifier("BLOCK", name)
        return constant

    def literal(self, value):
        """Return Python for a literal; safe strings become module constants."""
        if isinstance(value, SafeData):
            text = str(value)
            name = self.literals.get(text)
            if name is None:
                word = _re(r"\W+").sub("_", text.lower()).strip("_")[:20]
                name = self.identifier("S", word)
                while name in self.literals.values():
                    name = self.identifier("S", "")
                self.literals[text] = name
            return name
        return _code_literal(value)

    def site(self, factory, bit, *args):
        """Return the name of a lookup function for `.bit` (see _attr_site()),
        made once per template by a line of its module and shared by the
        lookups written the same way.  `args` are Python source.  A lookup
        outside loops takes the makers every name shares (`shared`)."""
        if self.shared_sites and not any(
                "forloop" in scope for scope in self.func.scopes):
            # Outside the {% for %} loops of a template that has some: most
            # likely run once a render, where the code every name shares
            # costs less than one of its own.  (A template without loops
            # may be a row, included in someone's loop: its own codes.)
            args += ("shared=True",)
        call = f"{factory}({', '.join((_code_literal(bit),) + args)})"
        name = self.sites.get(call)
        if name is None:
            name = self.sites[call] = self.identifier(
                self.unique("a"), "_".join(bit) if type(bit) is tuple else bit)
        return name

    def lookup(self, var, missing):
        """Return Python for a Variable's value (`missing` when absent)."""
        if var.lookups is None:
            if var.translate:  # the message id doubles %, as Django's
                msgid = str(var.literal).replace("%", "%%")
                return f"SafeString(gettext({_code_literal(msgid)}))"
            return self.literal(var.literal)
        first, rest = var.lookups[0], var.lookups[1:]
        if first in ("True", "False", "None") and first not in self._visible():
            if not rest:
                return first
            base = first
        else:
            static = self.loop_attribute(first, rest)
            if static is not None:
                return static
            base = self.name(first)
        invalid = _code_literal(str(self.engine.string_if_invalid))
        first = _code_literal(first)
        if len(rest) == 1:
            return f"{self.site('_attr_site', rest[0], invalid, missing, first)}" \
                f"({base})"
        if not rest:
            # _var() gives a value found that is not callable back as it is
            # (base is a local name): only the others need the call.
            return f"({base} if {base} is not _NOT_FOUND and not callable({base}) " \
                f"else _var({base}, (), {invalid}, {missing}, {first}))"
        # Two bits or more: a site of its own (_chain_site()), named after
        # its bits; the bits go in as one tuple.
        call = f"{self.site('_chain_site', tuple(rest), invalid, missing, first)}"
        return f"{call}({base})"

    def _visible(self):
        names = set(self.func.free)
        for scope in self.func.scopes:
            names.update(scope)
        return names

    def expr(self, fe, mode):
        """Return Python for a FilterExpression.

        mode "output": a missing variable becomes "" (then filters apply);
        "if": it becomes None; "arg": VariableDoesNotExist propagates.
        """
        missing = {"output": "''", "if": "None", "arg": "_RAISE"}[mode]
        invalid = self.engine.string_if_invalid
        if mode == "output" and invalid and fe.var.lookups is not None:
            # Django: a missing variable gives string_if_invalid, unfiltered.
            text = invalid % fe.var if "%s" in invalid else invalid
            value = self.lookup(fe.var, "_NOT_FOUND")
            if not fe.filters:
                return f"_or_invalid({value}, {_code_literal(str(text))})"
            filtered = self.apply_filters(fe, "value")
            return f"_or_invalid({value}, {_code_literal(str(text))}, " \
                f"lambda value: {filtered})"
        return self.apply_filters(fe, self.lookup(fe.var, missing))

    def literal_fast(self, f, html):
        """Return the function a filter made for its literal argument
        (|date:"c"; see _date_filter_for), or None."""
        make = getattr(f.func, "_literal_fast", None)
        if make is None or (f.arg is not None and (
                f.arg.lookups is not None or f.arg.translate)):
            return None
        arg = None if f.arg is None else f.arg.literal
        made = make(arg, html)
        if made is not None:
            self.made[id(made)] = (f.func, arg, html)
        return made

    def apply_filters(self, fe, value):
        for f in fe.filters:
            args = "" if f.arg is None else ", " + self.lookup(f.arg, "_RAISE")
            inline = getattr(f.func, "_inline", None)
            if inline is not None and (f.arg is None or f.arg.lookups is None):
                # A filter simple enough to write inline (its argument is a
                # literal, so not evaluating it changes nothing).
                value = inline.format(value=value, arg=args[2:])
                continue
            special = self.literal_fast(f, False)
            if special is not None:  # the filter made for its literal argument
                value = f"{self.const(special, 'f')}({value})"
                continue
            fast = getattr(f.func, "_fast", None)
            if fast is not None:  # the same filter without its wrappers
                if getattr(f.func, "needs_autoescape", False):
                    args += f", autoescape={_code_literal(bool(self.autoescape))}"
                value = f"{self.const(fast, 'f')}({value}{args})"
                continue
            func = self.const(f.func, "f")
            if getattr(f.func, "needs_autoescape", False):
                args += f", autoescape={_code_literal(bool(self.autoescape))}"
            if getattr(f.func, "expects_localtime", False):
                value = f"_template_localtime({value})"
            elif getattr(f.func, "is_safe", False) or self.string_function(f.func):
                value = self.guarded_filter(f.func, func, value, args)
                continue
            if getattr(f.func, "is_safe", False):
                value = f"_safe_filter({func}, {value}{args})"
            else:
                value = f"{func}({value}{args})"
        return value

    @staticmethod
    def string_function(func):
        """Return the function a @stringfilter filter wraps, or None."""
        pair = getattr(func, "_string_function", None)
        return pair[0] if pair is not None and pair[1] is func else None

    def guarded_filter(self, func, name, value, args):
        """Return Python calling filter `func` (named `name`) on `value`,
        guarded by the value's type: an exact str goes straight to the
        function a @stringfilter wraps; a value that is not SafeData skips
        _safe_filter() (it would mark nothing).  Anything else takes the
        general call."""
        temp = self.unique("v")  # the value, computed once (:=)
        safe = getattr(func, "is_safe", False)
        general = f"_safe_filter({name}, {temp}{args})" if safe else \
            f"{name}({temp}{args})"
        inner = self.string_function(func)
        if inner is not None:
            fast = f"{self.const(inner, 'f')}({temp}{args})"
            return f"({fast} if type({temp} := {value}) is str else {general})"
        return f"({general} if isinstance({temp} := {value}, SafeData) else " \
            f"{name}({temp}{args}))"


def _or_invalid(value, text, filters=None):
    """Return `text` (string_if_invalid) for a missing value, else the value
    with its filters applied."""
    if value is djscratch.template.runtime._NOT_FOUND:
        return text
    return value if filters is None else filters(value)


def _safe_filter(func, value, *args, **kwargs):
    """Apply an is_safe filter: a safe input gives a safe output."""
    result = func(value, *args, **kwargs)
    if isinstance(value, SafeData):
        return mark_safe(result)
    return result


def _render_node(ctx, out, node, bindings):
    """Render a custom Node (one with render(context)) at run time."""
    if not bindings:
        out.append(str(node.render_annotated(ctx)))
        return
    # Loop and `with` variables go on top of the context; what the node sets
    # there (context["x"] = ...) stays visible afterwards, as in Django.
    scope = dict(bindings)
    ctx.dicts.append(scope)
    try:
        out.append(str(node.render_annotated(ctx)))
    finally:
        if ctx.dicts and ctx.dicts[-1] is scope:
            ctx.dicts.pop()
        for key in scope.keys() - bindings.keys():
            ctx.dicts[-1][key] = scope[key]


class _Compiled:
    """The compiled form of a template for one autoescape setting."""

    def __init__(self, source, namespace, render, blocks, extends):
        self.source, self.namespace = source, namespace
        self.render, self.blocks, self.extends = render, blocks, extends


def _generate(nodelist, engine, name, autoescape, extends=None):
    """Return (python source, namespace) for a parsed template."""
    c = _CodeGen(engine, name, autoescape)
    c.extends = extends
    c.shared_sites = bool(nodelist.get_nodes_by_type(
        djscratch.template.defaulttags.ForNode))
    previous = c.start_function("render", f"Render {name or 'the template'}.")
    if extends is not None:
        # A child template renders its parent; its own blocks go to the
        # block context, and text between its blocks is ignored (as in Django).
        for node in nodelist:
            node.generate(c)  # text before {% extends %}, then the extends
    else:
        nodelist.generate(c)
    c.end_function(previous)
    header = [f"# Compiled from {_code_literal(name) if name else 'a string'} "
              f"(autoescape {'on' if autoescape else 'off'}).",
              "# ctx is the Context; out collects the output strings."]
    if c.literals or c.block_constants or c.sites:
        header.append("")
        header.extend(f"{n} = SafeString({_code_literal(t)})"
                      for t, n in c.literals.items())
        header.extend(f"{n} = {call}" for call, n in c.sites.items())
        header.extend(f"{n} = TEMPLATE.block_defs[{_code_literal(b)}]"
                      for b, n in c.block_constants.items())
    source = "\n".join(header) + "\n\n\n" + "\n\n\n".join(c.functions) + "\n"
    blocks = "\n".join(f"    {_code_literal(b)}: {f}," for b, f in c.blocks.items())
    source += f"\n\nBLOCKS = {{\n{blocks}\n}}\n" if blocks else "\n\nBLOCKS = {}\n"
    return source, c.namespace, c.reads_block, c.closed_blocks, c.made


def _compile_source(source, namespace, filename, keep=False, codes=None, code=None):
    """Run the generated `source` (its `code`, if given) in a namespace of its
    own; `keep` its code in __pycache__ (a template a loader read from a
    file, which the next process is likely to compile again; not one made
    from a string, as tests make thousands of).  The code is appended to
    `codes` if given."""
    namespace = {**djscratch.template.defaulttags._runtime_namespace(), **namespace}
    if code is None:
        code = (_compile_generated(source, filename) if keep
                else compile(source, filename, "exec", dont_inherit=True))
    if codes is not None:
        codes.append(code)
    exec(code, namespace)
    return namespace


def _compile_nodelist(nodelist, engine, autoescape):
    """Compile a free-standing NodeList (a custom tag's body) to a function."""
    c = _CodeGen(engine, None, autoescape)
    previous = c.start_function("render", "Render a tag's nodelist.")
    nodelist.generate(c)
    c.end_function(previous)
    consts = "".join(f"{n} = SafeString({_code_literal(t)})\n"
                     for t, n in c.literals.items())
    consts += "".join(f"{n} = {call}\n" for call, n in c.sites.items())
    source = consts + "\n\n" + "\n\n\n".join(c.functions) + "\n"
    return _compile_source(source, c.namespace, "<nodelist>")["render"]


# -- Kept template state.  A template a loader read from a file is parsed,
#    and its Python generated, in every process, though the compiled code is
#    kept (_compile_generated): the code's namespace (its filters, the nodes
#    of tags like {% url %}) and the template's block names come from the
#    parse.  So they are kept with the code, in the same folder, and the next
#    process builds the template from them without parsing it (the nodes are
#    made again from their own tokens alone).  Only djscratch's own tags and
#    filters are kept so: they are named by module and name, and a template
#    using any other is parsed as before.  The key is everything the parse
#    and the code come from: djscratch's source files, the template's source
#    and names, and the engine's options; the tags and filters the parse
#    found are looked up again and must be the same functions.

#: Changes when what a kept state holds changes.
_KEPT_STATE_VERSION = "1"

#: [(djscratch's source files, a text of their sizes and times)], once
#: asked (the files of the package's modules, or the single file).
_OWN_FILES = []


def _own_files():
    if not _OWN_FILES:
        import os

        package = _package()
        prefix = package.__name__ + "."
        files, identity = set(), []
        names = sorted([name for name in sys.modules if name.startswith(prefix)]) \
            if hasattr(package, "__path__") else []  # the single file: one file
        for module in [package] + [sys.modules[name] for name in names]:
            path = getattr(module, "__file__", None)
            if path is None or path in files:
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            files.add(path)
            identity.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
        _OWN_FILES.append((frozenset(files), "\n".join(identity)))
    return _OWN_FILES[0]


def _own_name(obj):
    """(module, name) of `obj` when it is a function djscratch's source
    defines at the top of a module (so the name finds it again), else None."""
    if type(obj) is not types.FunctionType or \
            obj.__code__.co_filename not in _own_files()[0]:
        return None
    module = sys.modules.get(obj.__module__)
    try:
        found = getattr(module, obj.__qualname__, None)
    except Exception:  # a django.* module refuses names it does not provide
        found = None
    return (obj.__module__, obj.__qualname__) if found is obj else None


def _own_object(module, name):
    """The function _own_name() named (module, name), or None."""
    try:
        found = getattr(sys.modules.get(module), name, None)
    except Exception:
        return None
    return found if _own_name(found) == (module, name) else None


class _KeptState:
    """What a template needs to run the code an earlier process kept for it:
    from_kept_file() reads it (or gives None: the template is parsed),
    write_kept_file() keeps it after a parse, namespace() makes the code's
    namespace again."""

    def __init__(self, autoescape, entry):
        (self.syntax, self.extends, self.blocks, self.source, self.code,
         self.recipes, self.reads_block, self.closed_blocks, self.loads,
         self.used) = entry
        self.autoescape = autoescape

    @staticmethod
    def key(template, autoescape):
        """The text that keys `template`'s state, or None (not keepable)."""
        engine = template.engine
        names = (template.origin.name, template.name or "",
                 template.origin.template_name or "", engine.string_if_invalid)
        if not all(isinstance(name, str) for name in names) or \
                type(engine.autoescape) is not bool:
            return None
        names = tuple(map(str, names))
        # Which syntax a template is read in depends on the built-in tags.
        tags = " ".join(sorted(engine.builtin_tag_names)) if \
            engine.detect_syntax else ""
        options = repr((engine.debug, engine.detect_syntax, engine.syntax,
                        bool(autoescape), sys.flags.optimize))
        return "\0".join(("template state " + _KEPT_STATE_VERSION, _own_files()[1],
                          options, tags) + names + (template.source,))

    @staticmethod
    def path(key):
        """(the file, its head) of the state kept under `key`, or (None, None)."""
        import binascii
        import importlib.util

        directory = _generated_code_dir()
        if directory is None:
            return None, None
        data = key.encode("utf-8", "surrogatepass")
        head = importlib.util.MAGIC_NUMBER + len(data).to_bytes(4, "little") + data
        return (f"{directory}/{binascii.crc32(data):08x}{len(data):x}."
                f"{sys.implementation.cache_tag}.state"), head

    @classmethod
    def from_kept_file(cls, template):
        """Return the state of `template` (for the engine's autoescape) that
        an earlier process kept, or None."""
        import marshal

        autoescape = template.engine.autoescape
        key = cls.key(template, autoescape)
        path, head = cls.path(key) if key is not None else (None, None)
        if path is None:
            return None
        try:
            with open(path, "rb") as f:
                data = f.read()
            if not data.startswith(head):
                return None
            state = cls(autoescape, marshal.loads(memoryview(data)[len(head):]))
        except (OSError, ValueError, EOFError, TypeError):
            return None
        for kind, name, count, own in state.used:
            found = cls.found_again(template.engine, state.loads, kind, name, count)
            if _own_name(found) != own:
                return None  # a tag or filter the parse found is another now
        return state

    @staticmethod
    def found_again(engine, loads, kind, name, count):
        """The tag or filter `name` a parser finds after the first `count`
        {% load %}s of `loads` (the engine's built-ins first), or None."""
        for library_name, names in reversed(loads[:count]):
            library = engine.template_libraries.get(library_name)
            if library is None:
                return None
            if names is None:
                table = library.tags if kind == "tag" else library.filters
                if name in table:
                    return table[name]
            elif name in names:  # {% load x from library %}: a tag, else a filter
                if kind == "tag" and name in library.tags:
                    return library.tags[name]
                if kind == "filter" and name not in library.tags and \
                        name in library.filters:
                    return library.filters[name]
        for library in reversed(engine.template_builtins):
            table = library.tags if kind == "tag" else library.filters
            if name in table:
                return table[name]
        return None

    @classmethod
    def write_kept_file(cls, template, autoescape, source, namespace, code, made,
                        reads_block, closed_blocks):
        """Keep what `template`'s code needs, when its parse used djscratch's
        own tags and filters only and its namespace can be made again."""
        record = template._parse_record
        if record is None or template.extra_data or sys.dont_write_bytecode or \
                autoescape != template.engine.autoescape:
            return
        loads, used, single = record
        key = cls.key(template, autoescape)
        path, head = cls.path(key) if key is not None else (None, None)
        if path is None:
            return
        kept_used = []
        for (kind, name, count), func in used.items():
            own = _own_name(func)
            if own is None:
                return  # a tag or filter from outside djscratch
            kept_used.append((kind, name, count, own))
        recipes = []
        for name, obj in namespace.items():
            recipe = cls.recipe(template, obj, made, single)
            if recipe is None:
                return
            recipes.append((name, recipe))
        import marshal

        entry = (template.syntax, template._has_extends, tuple(template.block_defs),
                 source, code, tuple(recipes), tuple(reads_block),
                 tuple(closed_blocks), tuple(loads), tuple(kept_used))
        try:
            data = marshal.dumps(entry)
        except ValueError:
            return
        _keep_generated(_generated_code_dir(), path, head + data)

    @staticmethod
    def recipe(template, obj, made, single):
        """How namespace() makes `obj` again, or None."""
        if obj is template:
            return ("template",)
        if obj is template.origin:
            return ("origin",)
        own = _own_name(obj)
        if own is not None:
            return ("function",) + own
        if id(obj) in made:  # a filter's function for its literal argument
            func, arg, html = made[id(obj)]
            own = _own_name(func)
            if own is None:
                return None
            if type(arg) is SafeString:
                arg = ("safe", str.__str__(arg))  # an exact str
            elif arg is None or type(arg) in (str, int, float, bool):
                arg = ("plain", arg)
            else:
                return None
            return ("made", own, arg, html)
        found = single.get(id(obj))
        if found is not None and found[0] is obj:
            _node, token, count = found
            return ("node", token.token_type.value, token.contents, token.position,
                    token.lineno, token._source, count, type(obj).__module__,
                    type(obj).__qualname__)
        return None

    def namespace(self, template):
        """The namespace of the kept code, or None if an object of it cannot
        be made again."""
        namespace = {}
        for name, recipe in self.recipes:
            kind = recipe[0]
            if kind == "template":
                obj = template
            elif kind == "origin":
                obj = template.origin
            elif kind == "function":
                obj = _own_object(recipe[1], recipe[2])
            elif kind == "made":
                make = getattr(_own_object(*recipe[1]), "_literal_fast", None)
                arg_kind, arg = recipe[2]
                if arg_kind == "safe":
                    arg = mark_safe(arg)
                obj = make(arg, recipe[3]) if make is not None else None
            else:
                obj = self.node_again(template, recipe)
            if obj is None:
                return None
            namespace[name] = obj
        return namespace

    def node_again(self, template, recipe):
        """Make the node of a tag again from its token alone, or None."""
        (_kind, token_type, contents, position, lineno, source, count, module,
         qualname) = recipe
        engine = template.engine
        parser = djscratch.template.base.Parser([], origin=template.origin,
                                                engine=engine)
        parser.template_name, parser.syntax = template.name, template.syntax
        for library_name, names in self.loads[:count]:
            library = engine.template_libraries[library_name]
            if names is None:
                parser.add_library(library)
                continue
            for name in names:
                if name in library.tags:
                    parser.tags[name] = library.tags[name]
                elif name in library.filters:
                    parser.filters[name] = library.filters[name]
        parser._loads = list(self.loads[:count])
        token = djscratch.template.base.Token(token_type, contents, position, lineno,
                                              source)
        try:
            node = parser.tags[contents.split()[0]](parser, token)
        except Exception:
            return None
        if parser.tokens or type(node).__module__ != module or \
                type(node).__qualname__ != qualname:
            return None
        node.origin = template.origin
        djscratch.template.base.NodeList().append(node, token)
        return node
