"""{% load tz %}, {% load i18n %} and {% load l10n %}
(django/templatetags/tz.py, i18n.py, l10n.py) in one module.
"""


from djscratch.conf import settings
from djscratch.utils.regex_helper import _re
from djscratch.utils.translation import (
    get_language, get_language_bidi, get_language_info, gettext, ngettext,
    npgettext, override as translation_override, pgettext,
)
from djscratch.utils.safestring import SafeData, SafeString
from djscratch.template.runtime import (
    _context_engine, _escape_output, _l10n_off_seen, _l10n_state, _localize,
    _template_localtime, _text_output,
)
from djscratch.template.base import Node, render_value_in_context, TemplateSyntaxError
from djscratch.template.library import _ValueNode, Library, token_kwargs


tz_library = Library()
i18n_library = Library()
l10n_library = Library()


@l10n_library.filter("localize")
def _f_l10n_localize(value):
    """Format a value as the active language shows it, even inside
    {% localize off %}."""
    return str(_localize(value, True))


@l10n_library.filter("unlocalize")
def _f_unlocalize(value):
    """Format a value without the locale: a number as str() writes it, a
    date with the settings' format."""
    return str(_localize(value, False))


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


@l10n_library.tag("localize")
def _tag_localize(parser, token):
    bits = token.split_contents()
    if len(bits) == 1:
        use_l10n = True
    elif len(bits) > 2 or bits[1] not in ("on", "off"):
        raise TemplateSyntaxError(f"{bits[0]!r} argument should be 'on' or 'off'")
    else:
        use_l10n = bits[1] == "on"
    nodelist = parser.parse(("endlocalize",))
    parser.delete_first_token()
    return LocalizeNode(nodelist, use_l10n)


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


@i18n_library.tag("translate")
def _tag_translate(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes at least one argument")
    tag, message, remaining = bits[0], parser.compile_filter(bits[1]), bits[2:]
    noop, asvar, message_context, seen = False, None, None, set()
    while remaining:
        option = remaining.pop(0)
        if option in seen:
            raise TemplateSyntaxError(
                f"The '{option}' option was specified more than once.")
        if option == "noop":
            noop = True
        elif option in ("context", "as"):
            if not remaining:
                raise TemplateSyntaxError(
                    f"No argument provided to the '{tag}' tag for the {option} "
                    "option.")
            value = remaining.pop(0)
            if option == "as":
                asvar = value
            elif value in ("as", "noop"):
                raise TemplateSyntaxError(
                    f"Invalid argument '{value}' provided to the '{tag}' tag for "
                    "the context option")
            else:
                message_context = parser.compile_filter(value)
        else:
            raise TemplateSyntaxError(
                f"Unknown argument for '{tag}' tag: '{option}'. The only options "
                "available are 'noop', 'context' \"xxx\", and 'as VAR'.")
        seen.add(option)
    return TranslateNode(message, noop, asvar, message_context)


i18n_library.tags["trans"] = _tag_translate


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


#: What {% blocktranslate trimmed %} turns into one space (Django's).
_TRIM_WHITESPACE_RE = _re(r"\s*\n\s*")


def _tag_blocktranslate(parser, token):
    bits = token.split_contents()
    tag_name = bits[0]
    options, remaining = {}, bits[1:]
    while remaining:
        option = remaining.pop(0)
        if option in options:
            raise TemplateSyntaxError(
                f"The {option!r} option was specified more than once.")
        if option == "with":
            value = token_kwargs(remaining, parser, support_legacy=True)
            if not value:
                raise TemplateSyntaxError(
                    f'"with" in {tag_name!r} tag needs at least one keyword argument.')
        elif option == "count":
            value = token_kwargs(remaining, parser, support_legacy=True)
            if len(value) != 1:
                raise TemplateSyntaxError(
                    f'"count" in {tag_name!r} tag expected exactly one keyword '
                    "argument.")
        elif option == "context":
            try:
                value = parser.compile_filter(remaining.pop(0))
            except IndexError:
                raise TemplateSyntaxError(
                    f'"context" in {tag_name!r} tag expected exactly one argument.'
                ) from None
        elif option == "trimmed":
            value = True
        elif option == "asvar":
            try:
                value = remaining.pop(0)
            except IndexError:
                raise TemplateSyntaxError(
                    f"No argument provided to the '{tag_name}' tag for the asvar "
                    "option.") from None
        else:
            raise TemplateSyntaxError(f"Unknown argument for {tag_name!r} tag: "
                                      f"{option!r}.")
        options[option] = value
    countervar, counter = None, None
    if "count" in options:
        countervar, counter = next(iter(options["count"].items()))
    end_tag = "end" + tag_name
    singular, plural, tokens = [], [], None
    tokens = singular
    while parser.tokens:
        token = parser.next_token()
        if token.token_type in ("var", "text"):
            tokens.append(token)  # {{ x }} names a context key, nothing more
        elif token.token_type == "comment":
            continue
        elif token.contents.strip() == "plural" and countervar and tokens is singular:
            tokens = plural
        elif token.contents.strip() == end_tag:
            break
        elif countervar and tokens is singular:
            raise TemplateSyntaxError(
                f"{tag_name!r} doesn't allow other block tags inside it")
        else:
            raise TemplateSyntaxError(
                f"{tag_name!r} doesn't allow other block tags (seen "
                f"{token.contents!r}) inside it")
    else:
        raise TemplateSyntaxError(f"Unclosed tag '{tag_name}'. Looking for "
                                  f"'{end_tag}'.")
    return BlockTranslateNode(options.get("with", {}), singular, plural, countervar,
                              counter, options.get("context"),
                              options.get("trimmed", False),
                              options.get("asvar"), tag_name)


i18n_library.tags["blocktranslate"] = _tag_blocktranslate
i18n_library.tags["blocktrans"] = _tag_blocktranslate


class _LanguageValueNode(_ValueNode):
    """{% get_current_language as var %} and its kin: `function()` into var."""

    def __init__(self, function, asvar):
        self.function, self.asvar = function, asvar

    def value(self, context):
        return self.function()


def _as_variable_tag(name, function):
    """Register {% name as variable %}, storing function() in the variable."""
    def compile_func(parser, token):
        # Not split_contents(): these tags take no variables as arguments.
        args = token.contents.split()
        if len(args) != 3 or args[1] != "as":
            raise TemplateSyntaxError(f"'{name}' requires 'as variable' (got {args!r})")
        return _LanguageValueNode(function, args[2])

    i18n_library.tag(name, compile_func)


def _available_languages():
    return [(code, gettext(name)) for code, name in settings.LANGUAGES]


_as_variable_tag("get_current_language", get_language)
_as_variable_tag("get_current_language_bidi", get_language_bidi)
_as_variable_tag("get_available_languages", _available_languages)


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


def _language_info_tag(name, what, many):
    def compile_func(parser, token):
        args = token.split_contents()
        if len(args) != 5 or args[1] != "for" or args[3] != "as":
            raise TemplateSyntaxError(
                f"'{args[0]}' requires 'for {what} as variable' (got {args[1:]!r})")
        return _LanguageInfoNode(parser.compile_filter(args[2]), args[4], many)

    i18n_library.tag(name, compile_func)


_language_info_tag("get_language_info", "string", False)
_language_info_tag("get_language_info_list", "sequence", True)


@i18n_library.filter("language_name")
def _f_language_name(lang_code):
    return get_language_info(lang_code)["name"]


@i18n_library.filter("language_name_translated")
def _f_language_name_translated(lang_code):
    return gettext(get_language_info(lang_code)["name"])


@i18n_library.filter("language_name_local")
def _f_language_name_local(lang_code):
    return get_language_info(lang_code)["name_local"]


@i18n_library.filter("language_bidi")
def _f_language_bidi(lang_code):
    return get_language_info(lang_code)["bidi"]


class LanguageNode(Node):
    """{% language code %}...{% endlanguage %}: the block in that language."""

    def __init__(self, nodelist, language):
        self.nodelist, self.language = nodelist, language

    def render(self, context):
        with translation_override(self.language.resolve(context)):
            return self.nodelist.render(context)


@i18n_library.tag("language")
def _tag_language(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError(f"'{bits[0]}' takes one argument (language)")
    language = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endlanguage",))
    parser.delete_first_token()
    return LanguageNode(nodelist, language)


@tz_library.filter("localtime")
def _f_localtime(value):
    return _template_localtime(value)
