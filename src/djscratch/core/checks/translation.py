"""The language settings checks (django/core/checks/translation.py):
translation.E001-E003 (a malformed language tag in LANGUAGE_CODE, LANGUAGES,
LANGUAGES_BIDI) and E004 (LANGUAGE_CODE that LANGUAGES does not offer); and
djscratch's own djscratch.translation.W001 (a language whose Django formats it lacks).
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Error, Warning
from djscratch.core.checks.registry import register, Tags
from djscratch.utils.translation import _LANGUAGE_CODE_RE, check_for_language
from djscratch.utils.formats import _lacks_formats

__all__ = [
    "check_setting_language_code", "check_setting_languages",
    "check_setting_languages_bidi", "check_language_settings_consistent",
    "check_locale_formats",
]

_TRANSLATION_E001 = Error(
    "You have provided an invalid value for the LANGUAGE_CODE setting: {!r}.",
    id="translation.E001")
_TRANSLATION_E002 = Error(
    "You have provided an invalid language code in the LANGUAGES setting: {!r}.",
    id="translation.E002")
_TRANSLATION_E003 = Error(
    "You have provided an invalid language code in the LANGUAGES_BIDI setting: "
    "{!r}.",
    id="translation.E003")
_TRANSLATION_E004 = Error(
    "You have provided a value for the LANGUAGE_CODE setting that is not in "
    "the LANGUAGES setting.",
    id="translation.E004")


def _bad_tag(tag):
    return not isinstance(tag, str) or not _LANGUAGE_CODE_RE.match(tag)


def _tag_errors(tags, message):
    return [Error(message.msg.format(tag), id=message.id)
            for tag in tags if _bad_tag(tag)]


@register(Tags.translation)
def check_setting_language_code(app_configs, **kwargs):
    """translation.E001: LANGUAGE_CODE is not a language tag."""
    return _tag_errors([settings.LANGUAGE_CODE], _TRANSLATION_E001)


@register(Tags.translation)
def check_setting_languages(app_configs, **kwargs):
    """translation.E002: a code of LANGUAGES is not a language tag."""
    return _tag_errors([tag for tag, _ in settings.LANGUAGES], _TRANSLATION_E002)


@register(Tags.translation)
def check_setting_languages_bidi(app_configs, **kwargs):
    """translation.E003: an entry of LANGUAGES_BIDI is not a language tag."""
    return _tag_errors(settings.LANGUAGES_BIDI, _TRANSLATION_E003)


def _language_is_supported(code):
    """Whether LANGUAGES offers `code`, itself, a more generic variant of it
    ("fr" for "fr-CA"), or another variant of its language (Django's
    get_supported_language_variant, not strict).  Without USE_I18N every
    code is LANGUAGE_CODE's own."""
    if not settings.USE_I18N:
        return True
    if not code or not isinstance(code, str):
        return False
    supported = {key.lower() for key, _ in settings.LANGUAGES}
    candidates = [code]
    index = None
    while (index := code.rfind("-", 0, index)) > -1:
        candidates.append(code[:index])
    if any(candidate.lower() in supported and check_for_language(candidate)
           for candidate in candidates):
        return True
    return any(key.startswith(candidates[-1] + "-") for key in supported)


@register(Tags.translation)
def check_language_settings_consistent(app_configs, **kwargs):
    """translation.E004: LANGUAGES does not offer LANGUAGE_CODE."""
    return [] if _language_is_supported(settings.LANGUAGE_CODE) else [
        _TRANSLATION_E004]


def _languages_lacking_formats():
    """LANGUAGE_CODE and, when the project sets them, the LANGUAGES whose
    formats djscratch cannot give as Django does (utils.formats)."""
    codes = [settings.LANGUAGE_CODE]
    if settings.is_overridden("LANGUAGES"):
        codes += [code for code, _name in settings.LANGUAGES]
    lacking = []
    for code in codes:
        if (isinstance(code, str) and not _bad_tag(code) and code not in lacking
                and _lacks_formats(code)):
            lacking.append(code)
    return lacking


@register(Tags.translation)
def check_locale_formats(app_configs, **kwargs):
    """djscratch.translation.W001 (no Django counterpart): the settings ask
    for a language whose Django formats (dates, numbers) djscratch does not
    have, and the project's format modules (FORMAT_MODULE_PATH) do not supply
    them all."""
    lacking = _languages_lacking_formats()
    if not lacking:
        return []
    names = ", ".join(repr(code) for code in lacking)
    return [Warning(
        f"djscratch does not have Django's formats for {names} (only the en "
        "locale's are built in): dates and numbers in these languages are not "
        "formatted as Django formats them, but with the en locale's formats "
        "wherever the project's format modules do not set a format.",
        hint="Supply the formats in the project's format modules "
             "(FORMAT_MODULE_PATH), or run the project on Django "
             "(DJSCRATCH_ENGINE=django).",
        id="djscratch.translation.W001")]
