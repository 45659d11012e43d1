"""Library's methods a plain page's first response never runs: the
single file keeps them in a section, and Library defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import functools

from djscratch.template.base import TemplateSyntaxError
from djscratch.template.library import (
    InclusionNode, SimpleBlockNode, _argspec, parse_bits,
)


class _LibraryMore:
    """Library's methods defined on first use (never instantiated)."""

    def tag_function(self, func):
        self.tags[func.__name__] = func
        return func

    def filter_function(self, func, **flags):
        return self.filter(func.__name__, func, **flags)

    def simple_block_tag(self, func=None, takes_context=None, name=None,
                         end_name=None):
        """Register a function as a block tag: {% name args %}...{% endname %}.

        The function's first argument (after `context`, with takes_context)
        is `content`, the rendered block; it returns the tag's output.
        """
        def dec(func):
            function_name = name or func.__name__
            closing = end_name or f"end{function_name}"

            def compile_func(parser, token):
                spec = _argspec(func)
                params = list(spec.args)
                if takes_context:
                    if len(params) >= 2 and params[1] == "content":
                        del params[1]
                    else:
                        raise TemplateSyntaxError(
                            f"{function_name!r} is decorated with takes_context=True "
                            "so it must have a first argument of 'context' and a "
                            "second argument of 'content'")
                elif params and params[0] == "content":
                    del params[0]
                else:
                    raise TemplateSyntaxError(
                        f"'{function_name}' must have a first argument of 'content'")
                bits = token.split_contents()[1:]
                target_var = None
                if len(bits) >= 2 and bits[-2] == "as":
                    target_var = bits[-1]
                    bits = bits[:-2]
                nodelist = parser.parse((closing,))
                parser.delete_first_token()
                args, kwargs = parse_bits(parser, bits, spec._replace(args=params),
                                          takes_context, function_name)
                return SimpleBlockNode(nodelist, func, takes_context, args, kwargs,
                                       target_var)

            # Django's compile functions wrap the tag's: __wrapped__ is `func`.
            self.tag(function_name, functools.wraps(func)(compile_func))
            return func

        if func is None:
            return dec
        if callable(func):
            return dec(func)
        raise ValueError("Invalid arguments provided to simple_block_tag")

    def inclusion_tag(self, filename, func=None, takes_context=None, name=None):
        """Register a function whose dict renders template `filename`."""
        def dec(func):
            function_name = name or func.__name__

            def compile_func(parser, token):
                spec = _argspec(func)
                bits = token.split_contents()[1:]
                args, kwargs = parse_bits(parser, bits, spec, takes_context,
                                          function_name)
                return InclusionNode(func, takes_context, args, kwargs, filename)

            # Django's compile functions wrap the tag's: __wrapped__ is `func`.
            self.tag(function_name, functools.wraps(func)(compile_func))
            return func

        return dec
