"""The nodes of {% localize %}, {% translate %}, {% blocktranslate %},
{% language %} and the {% get_... %} tags of i18n (their tags are registered
in templatetags/i18n.py); the single file builds them when a template first
uses one (a deferred section).
"""

from djscratch.utils.regex_helper import _re
from djscratch.utils.translation import (
    get_language_info, gettext, ngettext, npgettext, override as translation_override,
    pgettext,
)
from djscratch.utils.safestring import SafeData, SafeString
from djscratch.template.runtime import (
    _context_engine, _escape_output, _l10n_off_seen, _l10n_state, _text_output,
)
from djscratch.template.base import Node, render_value_in_context, TemplateSyntaxError
from djscratch.template.library import _ValueNode

__all__ = [
    "LocalizeNode", "TranslateNode", "BlockTranslateNode", "LanguageNode",
]

_TRIM_WHITESPACE_RE = _re(r"\s*\n\s*")


class LocalizeNode(Node):
    """{% localize on|off %}...{% endlocalize %}: with `off`, values inside
    are written as use_l10n=False writes them (runtime._localize())."""

    def __init__(self, nodelist, use_l10n):
        self.nodelist, self.use_l10n = nodelist, use_l10n

    def __repr__(self):
        return f"<{type(self).__name__}>"

    def render(self, context):
        old_setting, old_off = context.use_l10n, getattr(_l10n_state, "off", False)
        context.use_l10n, _l10n_state.off = self.use_l10n, not self.use_l10n
        if not self.use_l10n:
            _l10n_off_seen[0] = True
        try:
            return self.nodelist.render(context)
        finally:
            context.use_l10n, _l10n_state.off = old_setting, old_off


class TranslateNode(_ValueNode):
    """{% translate "text" [noop] [context "ctx"] [as var] %}: the text in
    the active language, filters applied to the translation."""

    def __init__(self, filter_expression, noop, asvar=None, message_context=None):
        self.filter_expression, self.noop = filter_expression, noop
        self.asvar, self.message_context = asvar, message_context
        filter_expression.var.translate = not noop

    def __repr__(self):
        return f"<{type(self).__qualname__}>"

    def value(self, context):
        if self.message_context:
            self.filter_expression.var.message_context = \
                self.message_context.resolve(context)
        output = self.filter_expression.resolve(context)
        value = render_value_in_context(output, context)
        # The message id doubled its % signs (Variable._translated()).
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        return SafeString(value) if is_safe else value

    def generate(self, c):
        if self.filter_expression.var.lookups is None and not self.asvar \
                and self.message_context is None:
            # A literal: gettext() of it compiled in, then the filters.
            value = c.expr(self.filter_expression, "output")
            c.line(f"write({c.output_func}({value}).replace('%%', '%'))")
            return
        super().generate(c)


class BlockTranslateNode(_ValueNode):
    """{% blocktranslate %}: a message with {{ names }}, translated as a whole."""

    def __init__(self, extra_context, singular, plural=None, countervar=None,
                 counter=None, message_context=None, trimmed=False, asvar=None,
                 tag_name="blocktranslate"):
        self.extra_context, self.singular, self.plural = extra_context, singular, \
            plural
        self.countervar, self.counter, self.trimmed = countervar, counter, trimmed
        self.message_context = message_context
        self.asvar, self.tag_name = asvar, tag_name

    def __repr__(self):
        return (f"<{type(self).__qualname__}: extra_context={self.extra_context!r} "
                f"singular={self.singular!r} plural={self.plural!r}>")

    def _message(self, tokens):
        parts, names = [], []
        for token in tokens:
            if token.token_type == "text":
                parts.append(token.contents.replace("%", "%%"))
            else:
                parts.append(f"%({token.contents})s")
                names.append(token.contents)
        message = "".join(parts)
        if self.trimmed:
            message = _TRIM_WHITESPACE_RE.sub(" ", message.strip())
        return message, names

    def value(self, context, nested=False):
        message_context = (self.message_context.resolve(context)
                           if self.message_context else None)
        context.update({k: v.resolve(context) for k, v in self.extra_context.items()})
        try:
            message, names = self._message(self.singular)
            if self.plural and self.countervar and self.counter:
                import decimal

                count = self.counter.resolve(context)
                if not isinstance(count, (decimal.Decimal, float, int)):
                    raise TemplateSyntaxError(
                        f"{self.countervar!r} argument to {self.tag_name!r} tag must "
                        "be a number.")
                context[self.countervar] = count
                plural, plural_names = self._message(self.plural)
                if message_context:
                    message = npgettext(message_context, message, plural, count)
                else:
                    message = ngettext(message, plural, count)
                names += plural_names
            elif message_context:
                message = pgettext(message_context, message)
            else:
                message = gettext(message)
            invalid = _context_engine(context).string_if_invalid
            render = _escape_output if context.autoescape else _text_output
            data = {}
            for name in names:
                if name in context:
                    data[name] = render(context[name])
                else:
                    data[name] = render(invalid % name if "%s" in invalid else invalid)
        finally:
            context.pop()
        try:
            result = message % data
        except (KeyError, ValueError):
            if nested:  # the untranslated message is malformed too
                raise TemplateSyntaxError(
                    f"{self.tag_name!r} is unable to format string returned by "
                    f"gettext: {message!r} using {data!r}") from None
            # A translation that names other variables: the English text.
            with translation_override(None):
                return self.value(context, nested=True)
        return SafeString(result) if self.asvar else result


class _LanguageValueNode(_ValueNode):
    """{% get_current_language as var %} and its kin: `function()` into var."""

    def __init__(self, function, asvar):
        self.function, self.asvar = function, asvar

    def value(self, context):
        return self.function()


class _LanguageInfoNode(_ValueNode):
    """{% get_language_info for code as var %} and its _list form."""

    def __init__(self, languages, asvar, many):
        self.languages, self.asvar, self.many = languages, asvar, many

    def value(self, context):
        languages = self.languages.resolve(context)
        if not self.many:
            return get_language_info(languages)
        # Each a code, or a sequence whose first item is one (LANGUAGES).
        return [get_language_info(str(language) if len(language[0]) == 1
                                  else language[0]) for language in languages]


class LanguageNode(Node):
    """{% language code %}...{% endlanguage %}: the block in that language."""

    def __init__(self, nodelist, language):
        self.nodelist, self.language = nodelist, language

    def render(self, context):
        with translation_override(self.language.resolve(context)):
            return self.nodelist.render(context)
