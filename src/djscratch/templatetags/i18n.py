"""{% load tz %}, {% load i18n %} and {% load l10n %}
(django/templatetags/tz.py, i18n.py, l10n.py) in one module.
"""


from djscratch.conf import settings
from djscratch.utils.translation import (
    get_language, get_language_bidi, get_language_info, gettext,
)
from djscratch.template.runtime import (
    _localize,
    _template_localtime,
)
from djscratch.template.base import TemplateSyntaxError
from djscratch.templatetags.i18n_nodes import (
    _LanguageInfoNode, _LanguageValueNode, BlockTranslateNode, LanguageNode,
    LocalizeNode, TranslateNode,
)
from djscratch.template.library import Library, token_kwargs


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


#: What {% blocktranslate trimmed %} turns into one space (Django's).
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
