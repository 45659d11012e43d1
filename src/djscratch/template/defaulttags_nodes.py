"""The nodes of the less common built-in tags of django/template/defaulttags.py
({% cycle %}, {% firstof %}, {% ifchanged %}, {% spaceless %}, {% filter %},
{% verbatim %}, {% templatetag %}, {% debug %}, {% widthratio %}, {% now %},
{% regroup %}, {% lorem %}, {% autoescape %}): their tags are registered in
defaulttags.py; the single file builds the nodes when a template first uses
one (a deferred section).
"""

import djscratch

from djscratch.conf import settings
from djscratch.utils.timezone import get_current_timezone
from djscratch.utils.html import conditional_escape
from djscratch.utils.lorem_ipsum import (
    paragraphs as lorem_paragraphs, words as lorem_words,
)
from djscratch.template.codegen import _code_literal
from djscratch.template.base import (
    Node, TemplateSyntaxError, TextNode, VariableDoesNotExist,
)
from djscratch.template.library import _ValueNode

__all__ = [
    "AutoEscapeControlNode", "CycleNode", "ResetCycleNode", "FirstOfNode",
    "IfChangedNode", "SpacelessNode", "FilterNode", "VerbatimNode", "TemplateTagNode",
    "DebugNode", "WidthRatioNode", "NowNode", "RegroupNode", "LoremNode",
]


def _capture(c, nodelist, var):
    """Generate `nodelist` into a string variable `var` instead of `out`."""
    n = c.unique("")
    c.line(f"outer{n} = out")
    c.line("out = []")
    c.line("write, extend = out.append, out.extend")
    nodelist.generate(c)
    c.line(f"{var} = SafeString(''.join(out))")
    c.line(f"out = outer{n}")
    c.line("write, extend = out.append, out.extend")


class AutoEscapeControlNode(Node):
    def __init__(self, setting, nodelist):
        self.setting, self.nodelist = setting, nodelist

    def generate(self, c):
        n = c.unique("")
        c.line(f"autoescape{n} = ctx.autoescape")
        c.line(f"ctx.autoescape = {_code_literal(bool(self.setting))}")
        c.line("try:")
        saved, c.autoescape = c.autoescape, self.setting
        c.suite(self.nodelist)
        c.autoescape = saved
        c.line("finally:")
        c.line(f"    ctx.autoescape = autoescape{n}")


class CycleNode(Node):
    child_nodelists = ()

    def __init__(self, cyclevars, variable_name=None, silent=False):
        self.cyclevars, self.variable_name = cyclevars, variable_name
        self.silent = silent

    def generate(self, c):
        key = c.const(self, "cycle")
        values = ", ".join(c.expr(v, "output") for v in self.cyclevars)
        count = _code_literal(len(self.cyclevars))
        value = f"({values},)[_cycle(ctx, {key}, {count})]"
        if self.variable_name:
            target = c.bind(self.variable_name)
            c.line(f"{target} = {value}")
            if not self.silent:
                c.line(f"write({c.output_func}({target}))")
        else:
            c.line(f"write({c.output_func}({value}))")


def _same_cycle(self, node):
    """Make a `{% cycle name %}` reference share its named cycle's state."""
    self.generate = lambda c: _generate_cycle_ref(c, node)
    return self


def _generate_cycle_ref(c, node):
    key = c.const(node, "cycle")
    values = ", ".join(c.expr(v, "output") for v in node.cyclevars)
    target = c.bind(node.variable_name)
    count = _code_literal(len(node.cyclevars))
    c.line(f"{target} = ({values},)[_cycle(ctx, {key}, {count})]")
    if not node.silent:  # a reference to a silent cycle is silent too
        c.line(f"write({c.output_func}({target}))")


CycleNode._same = _same_cycle


class ResetCycleNode(Node):
    child_nodelists = ()

    def __init__(self, node):
        self.node = node

    def generate(self, c):
        key = c.const(self.node, "cycle")
        c.line(f"ctx.render_context[{key}] = 0")


class FirstOfNode(Node):
    child_nodelists = ()

    def __init__(self, variables, asvar=None):
        self.vars, self.asvar = variables, asvar

    def generate(self, c):
        values = " or ".join(c.expr(v, "if") for v in self.vars)
        value = f"{c.output_func}({values} or '')"
        if self.asvar:
            target = c.bind(self.asvar)
            c.line(f"{target} = {value}")
        else:
            c.line(f"write({value})")


class IfChangedNode(Node):
    child_nodelists = ("nodelist_true", "nodelist_false")

    def __init__(self, nodelist_true, nodelist_false, *varlist):
        self.nodelist_true, self.nodelist_false = nodelist_true, nodelist_false
        self._varlist = varlist

    def generate(self, c):
        key = c.const(self, "ifchanged")
        frame = f"_ifchanged_frame(ctx, {c.name('forloop')})"
        if self._varlist:
            values = ", ".join(c.expr(v, "if") for v in self._varlist)
            c.line(f"if _ifchanged({frame}, {key}, [{values}]):")
            c.suite(self.nodelist_true)
        else:
            n = c.unique("")
            _capture(c, self.nodelist_true, f"changed{n}")
            c.line(f"if _ifchanged({frame}, {key}, changed{n}):")
            c.line(f"    write(changed{n})")
        if self.nodelist_false:
            c.line("else:")
            c.suite(self.nodelist_false)


class SpacelessNode(Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def generate(self, c):
        n = c.unique("")
        _capture(c, self.nodelist, f"text{n}")
        c.line(f"write(strip_spaces_between_tags(text{n}.strip()))")


class FilterNode(Node):
    def __init__(self, filter_expr, nodelist):
        self.filter_expr, self.nodelist = filter_expr, nodelist

    def generate(self, c):
        n = c.unique("")
        _capture(c, self.nodelist, f"text{n}")
        c.line(f"write(str({c.apply_filters(self.filter_expr, f'text{n}')}))")


class VerbatimNode(TextNode):
    def __init__(self, content):
        self.s = content


class TemplateTagNode(TextNode):
    pass


class DebugNode(Node):
    """{% debug %}: the context and the loaded modules, escaped (DEBUG only)."""

    child_nodelists = ()

    def render(self, context):
        if not settings.DEBUG:
            return ""
        import sys
        from pprint import pformat

        output = [str(conditional_escape(pformat(value))) for value in context]
        output.append("\n\n")
        output.append(str(conditional_escape(pformat(sys.modules))))
        return "".join(output)


class WidthRatioNode(_ValueNode):
    def __init__(self, val_expr, max_expr, max_width, asvar=None):
        self.val_expr, self.max_expr = val_expr, max_expr
        self.max_width, self.asvar = max_width, asvar

    def value(self, context):
        try:
            value = self.val_expr.resolve(context)
            max_value = self.max_expr.resolve(context)
            max_width = int(self.max_width.resolve(context))
        except VariableDoesNotExist:
            return ""
        except (ValueError, TypeError):
            raise TemplateSyntaxError("widthratio final argument must be a number") \
                from None
        try:
            result = str(round(float(value) / float(max_value) * max_width))
        except ZeroDivisionError:
            result = "0"
        except (ValueError, TypeError, OverflowError):
            result = ""
        return result


class NowNode(_ValueNode):
    def __init__(self, format_string, asvar=None):
        self.format_string, self.asvar = format_string, asvar

    def value(self, context):
        import datetime

        tzinfo = get_current_timezone() if settings.USE_TZ else None
        return djscratch.template.defaultfilters._f_date(datetime.datetime.now(tz=tzinfo), self.format_string)  # noqa: E501


class RegroupNode(_ValueNode):
    def __init__(self, target, expression, var_name):
        self.target, self.expression, self.asvar = target, expression, var_name

    def value(self, context):
        import collections
        import itertools

        obj_list = self.target.resolve(context, ignore_failures=True)
        if obj_list is None:
            return []
        grouped = collections.namedtuple("GroupedResult", ["grouper", "list"])

        def key(obj):
            context[self.asvar] = obj
            return self.expression.resolve(context, ignore_failures=True)

        return [grouped(k, list(v)) for k, v in itertools.groupby(obj_list, key)]


class LoremNode(_ValueNode):
    def __init__(self, count, method, common):
        self.count, self.method, self.common = count, method, common

    def value(self, context):
        try:
            count = int(self.count.resolve(context))
        except (ValueError, TypeError):
            count = 1
        if self.method == "w":
            return lorem_words(count, common=self.common)
        paras = lorem_paragraphs(count, common=self.common)
        if self.method == "p":
            paras = [f"<p>{p}</p>" for p in paras]
        return "\n\n".join(paras)
