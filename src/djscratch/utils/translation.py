"""gettext() and friends: djscratch
has no catalogues, so they return the text, lazily where Django is lazy
(django/utils/translation/__init__.py).
"""

import contextlib
import re
import threading

from djscratch.utils.functional import lazy

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: conf.
import djscratch

__all__ = [
    "gettext", "gettext_lazy", "gettext_noop", "npgettext", "npgettext_lazy",
    "activate", "deactivate", "deactivate_all", "override", "get_language",
    "get_language_bidi", "check_for_language", "to_locale", "get_language_info",
]

#: The locales Django 5.2 ships catalogues for (django/conf/locale): the
#: languages check_for_language() accepts, as Django finds their files.
_DJANGO_LOCALES = frozenset("""
    af ar ar_DZ ast az be bg bn br bs ca ckb cs cy da de de_CH dsb el en en_AU
    en_CA en_GB en_IE eo es es_AR es_CO es_MX es_NI es_PR es_VE et eu fa fi fr
    fr_BE fr_CA fr_CH fy ga gd gl he hi hr hsb hu hy ia id ig io is it ja ka kab
    kk km kn ko ky lb lt lv mk ml mn mr ms my nb ne nl nn os pa pl pt pt_BR ro ru
    sk sl sq sr sr_Latn sv sw ta te tg th tk tr tt udm ug uk ur uz vi zh_Hans
    zh_Hant""".split())
_LANGUAGE_CODE_RE = re.compile(
    r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$", re.IGNORECASE)


def gettext(message):
    """Return `message` unchanged: djscratch ships English only (USE_I18N is
    honoured as a setting but no catalogues are loaded)."""
    return message


def ngettext(singular, plural, number):
    return singular if number == 1 else plural


def pgettext(context, message):
    return message


def npgettext(context, singular, plural, number):
    return ngettext(singular, plural, number)


def gettext_noop(message):
    """Mark `message` for translation without translating it (Django's no-op)."""
    return message


gettext_lazy = lazy(gettext, str)
ngettext_lazy = lazy(ngettext, str)
pgettext_lazy = lazy(pgettext, str)
npgettext_lazy = lazy(npgettext, str)


# -- The active language.  The texts stay English (there are no catalogues),
#    but the language code is tracked per thread as Django tracks it, so code
#    that activates a language and reads get_language() back works.

class _ActiveLanguage(threading.local):
    code = None  # None: settings.LANGUAGE_CODE
    disabled = False  # deactivate_all(): get_language() is None


_active_language = _ActiveLanguage()


def activate(language):
    """Make `language` the current thread's language."""
    if not language:
        return
    _active_language.code = language
    _active_language.disabled = False


def deactivate():
    """Forget the language activate() set: settings.LANGUAGE_CODE again."""
    _active_language.code = None
    _active_language.disabled = False


def deactivate_all():
    """Turn translation off for this thread: get_language() returns None."""
    _active_language.code = None
    _active_language.disabled = True


def get_language():
    """Return the current language code (settings.LANGUAGE_CODE by default)."""
    if _active_language.disabled:
        return None
    return _active_language.code or djscratch.conf.settings.LANGUAGE_CODE


def get_language_bidi():
    """Return True for a right-to-left language (settings.LANGUAGES_BIDI)."""
    language = get_language()
    if language is None:
        return False
    return language.split("-")[0] in djscratch.conf.settings.LANGUAGES_BIDI


class override(contextlib.ContextDecorator):
    """Activate `language` for a block or a function (None: deactivate_all)."""

    def __init__(self, language, deactivate=False):
        self.language = language
        self.deactivate = deactivate

    def __enter__(self):
        self.old_language = get_language()
        if self.language is not None:
            activate(self.language)
        else:
            deactivate_all()

    def __exit__(self, exc_type, exc_value, traceback):
        if self.old_language is None:
            deactivate_all()
        elif self.deactivate:
            deactivate()
        else:
            activate(self.old_language)


#: Django's LANG_INFO (django/conf/locale): code -> (bidi, English name,
#: name in the language), or the code a variant falls back to.
_LANG_INFO = {
    "af": (False, "Afrikaans", "Afrikaans"),
    "ar": (True, "Arabic", "العربيّة"),
    "ar-dz": (True, "Algerian Arabic", "العربية الجزائرية"),
    "ast": (False, "Asturian", "asturianu"),
    "az": (True, "Azerbaijani", "Azərbaycanca"),
    "be": (False, "Belarusian", "беларуская"),
    "bg": (False, "Bulgarian", "български"),
    "bn": (False, "Bengali", "বাংলা"),
    "br": (False, "Breton", "brezhoneg"),
    "bs": (False, "Bosnian", "bosanski"),
    "ca": (False, "Catalan", "català"),
    "ckb": (True, "Central Kurdish (Sorani)", "کوردی"),
    "cs": (False, "Czech", "česky"),
    "cy": (False, "Welsh", "Cymraeg"),
    "da": (False, "Danish", "dansk"),
    "de": (False, "German", "Deutsch"),
    "dsb": (False, "Lower Sorbian", "dolnoserbski"),
    "el": (False, "Greek", "Ελληνικά"),
    "en": (False, "English", "English"),
    "en-au": (False, "Australian English", "Australian English"),
    "en-gb": (False, "British English", "British English"),
    "eo": (False, "Esperanto", "Esperanto"),
    "es": (False, "Spanish", "español"),
    "es-ar": (False, "Argentinian Spanish", "español de Argentina"),
    "es-co": (False, "Colombian Spanish", "español de Colombia"),
    "es-mx": (False, "Mexican Spanish", "español de Mexico"),
    "es-ni": (False, "Nicaraguan Spanish", "español de Nicaragua"),
    "es-ve": (False, "Venezuelan Spanish", "español de Venezuela"),
    "et": (False, "Estonian", "eesti"),
    "eu": (False, "Basque", "Basque"),
    "fa": (True, "Persian", "فارسی"),
    "fi": (False, "Finnish", "suomi"),
    "fr": (False, "French", "français"),
    "fy": (False, "Frisian", "frysk"),
    "ga": (False, "Irish", "Gaeilge"),
    "gd": (False, "Scottish Gaelic", "Gàidhlig"),
    "gl": (False, "Galician", "galego"),
    "he": (True, "Hebrew", "עברית"),
    "hi": (False, "Hindi", "हिंदी"),
    "hr": (False, "Croatian", "Hrvatski"),
    "hsb": (False, "Upper Sorbian", "hornjoserbsce"),
    "hu": (False, "Hungarian", "Magyar"),
    "hy": (False, "Armenian", "հայերեն"),
    "ia": (False, "Interlingua", "Interlingua"),
    "io": (False, "Ido", "ido"),
    "id": (False, "Indonesian", "Bahasa Indonesia"),
    "ig": (False, "Igbo", "Asụsụ Ìgbò"),
    "is": (False, "Icelandic", "Íslenska"),
    "it": (False, "Italian", "italiano"),
    "ja": (False, "Japanese", "日本語"),
    "ka": (False, "Georgian", "ქართული"),
    "kab": (False, "Kabyle", "taqbaylit"),
    "kk": (False, "Kazakh", "Қазақ"),
    "km": (False, "Khmer", "Khmer"),
    "kn": (False, "Kannada", "Kannada"),
    "ko": (False, "Korean", "한국어"),
    "ky": (False, "Kyrgyz", "Кыргызча"),
    "lb": (False, "Luxembourgish", "Lëtzebuergesch"),
    "lt": (False, "Lithuanian", "Lietuviškai"),
    "lv": (False, "Latvian", "latviešu"),
    "mk": (False, "Macedonian", "Македонски"),
    "ml": (False, "Malayalam", "മലയാളം"),
    "mn": (False, "Mongolian", "Mongolian"),
    "mr": (False, "Marathi", "मराठी"),
    "ms": (False, "Malay", "Bahasa Melayu"),
    "my": (False, "Burmese", "မြန်မာဘာသာ"),
    "nb": (False, "Norwegian Bokmal", "norsk (bokmål)"),
    "ne": (False, "Nepali", "नेपाली"),
    "nl": (False, "Dutch", "Nederlands"),
    "nn": (False, "Norwegian Nynorsk", "norsk (nynorsk)"),
    "no": (False, "Norwegian", "norsk"),
    "os": (False, "Ossetic", "Ирон"),
    "pa": (False, "Punjabi", "Punjabi"),
    "pl": (False, "Polish", "polski"),
    "pt": (False, "Portuguese", "Português"),
    "pt-br": (False, "Brazilian Portuguese", "Português Brasileiro"),
    "ro": (False, "Romanian", "Română"),
    "ru": (False, "Russian", "Русский"),
    "sk": (False, "Slovak", "slovensky"),
    "sl": (False, "Slovenian", "Slovenščina"),
    "sq": (False, "Albanian", "shqip"),
    "sr": (False, "Serbian", "српски"),
    "sr-latn": (False, "Serbian Latin", "srpski (latinica)"),
    "sv": (False, "Swedish", "svenska"),
    "sw": (False, "Swahili", "Kiswahili"),
    "ta": (False, "Tamil", "தமிழ்"),
    "te": (False, "Telugu", "తెలుగు"),
    "tg": (False, "Tajik", "тоҷикӣ"),
    "th": (False, "Thai", "ภาษาไทย"),
    "tk": (False, "Turkmen", "Türkmençe"),
    "tr": (False, "Turkish", "Türkçe"),
    "tt": (False, "Tatar", "Татарча"),
    "udm": (False, "Udmurt", "Удмурт"),
    "ug": (True, "Uyghur", "ئۇيغۇرچە"),
    "uk": (False, "Ukrainian", "Українська"),
    "ur": (True, "Urdu", "اردو"),
    "uz": (False, "Uzbek", "oʻzbek tili"),
    "vi": (False, "Vietnamese", "Tiếng Việt"),
    "zh-cn": "zh-hans",
    "zh-hans": (False, "Simplified Chinese", "简体中文"),
    "zh-hant": (False, "Traditional Chinese", "繁體中文"),
    "zh-hk": "zh-hant",
    "zh-mo": "zh-hant",
    "zh-my": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-tw": "zh-hant",
}


def get_language_info(lang_code):
    """Return {"bidi", "code", "name", "name_local", "name_translated"} for a
    language code (a regional code falls back to its language); KeyError for
    an unknown one."""
    info = _LANG_INFO.get(lang_code)
    if isinstance(info, str):  # zh-cn: zh-hans
        return get_language_info(info)
    if info is None:
        if "-" not in lang_code:
            raise KeyError(f"Unknown language code {lang_code}.")
        generic = lang_code.split("-")[0]
        info = _LANG_INFO.get(generic)
        if not isinstance(info, tuple):
            raise KeyError(f"Unknown language code {lang_code} and {generic}.")
        lang_code = generic
    bidi, name, name_local = info
    return {"bidi": bidi, "code": lang_code, "name": name, "name_local": name_local,
            "name_translated": gettext_lazy(name)}


def to_locale(language):
    """Turn a language name (en-us) into a locale name (en_US)."""
    lang, _, country = language.lower().partition("-")
    if not country:
        return language[:3].lower() + language[3:]
    # sr-latn becomes sr_Latn, en-us en_US.
    country, _, tail = country.partition("-")
    country = country.title() if len(country) > 2 else country.upper()
    if tail:
        country += "-" + tail
    return lang + "_" + country


def check_for_language(lang_code):
    """Whether Django has a catalogue for `lang_code` (its own, or its base
    language's, as gettext falls back): the languages set_language accepts."""
    if lang_code is None or len(lang_code) > 500:
        return False
    if not _LANGUAGE_CODE_RE.search(lang_code):
        return False
    locale = to_locale(lang_code).partition("@")[0]
    return locale in _DJANGO_LOCALES or locale.partition("_")[0] in _DJANGO_LOCALES


# -- The language of a request (LocaleMiddleware): URL prefix, cookie,
#    Accept-Language, LANGUAGE_CODE, as Django picks it.

#: An Accept-Language entry: the language and its quality.
_ACCEPT_LANGUAGE_RE = re.compile(
    r"""([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)(?:\s*;\s*q=(0(?:\.[0-9]{,3})?"""
    r"""|1(?:\.0{,3})?))?(?:\s*,\s*|$)""")
_LANGUAGE_PREFIX_RE = re.compile(r"^/(\w+([@-]\w+){0,2})(/|$)")


def get_languages():
    """{language code (lower case): name} of settings.LANGUAGES."""
    return {key.lower(): name for key, name in djscratch.conf.settings.LANGUAGES}


def get_supported_language_variant(lang_code, strict=False):
    """The code of LANGUAGES that serves `lang_code` ("de-at" -> "de"; with
    strict False, "es" -> "es-ar" too); LookupError when none does."""
    if lang_code:
        possible = [lang_code]
        i = None
        while (i := lang_code.rfind("-", 0, i)) > -1:
            possible.append(lang_code[:i])
        generic = possible[-1]
        supported = get_languages()
        for code in possible:
            if code.lower() in supported and check_for_language(code):
                return code
        if not strict:
            for code in supported:
                if code.startswith(generic + "-"):
                    return code
    raise LookupError(lang_code)


def get_language_from_path(path, strict=False):
    """The supported language a path starts with ("/de/..."), or None."""
    match = _LANGUAGE_PREFIX_RE.match(path)
    if not match:
        return None
    try:
        return get_supported_language_variant(match[1], strict=strict)
    except LookupError:
        return None


def parse_accept_lang_header(lang_string):
    """[(language, quality)] of an Accept-Language header, best first; ()
    for a malformed one."""
    if len(lang_string) > 500:
        return ()
    result = []
    pieces = _ACCEPT_LANGUAGE_RE.split(lang_string.lower())
    if pieces[-1]:
        return ()
    for i in range(0, len(pieces) - 1, 3):
        first, lang, priority = pieces[i:i + 3]
        if first:
            return ()
        result.append((lang, float(priority) if priority else 1.0))
    result.sort(key=lambda k: k[1], reverse=True)
    return tuple(result)


def get_language_from_request(request, check_path=False):
    """The language a request asks for: the URL's prefix (check_path), the
    language cookie, Accept-Language, else LANGUAGE_CODE."""
    conf = djscratch.conf.settings
    if check_path:
        lang_code = get_language_from_path(request.path_info)
        if lang_code is not None:
            return lang_code
    lang_code = request.COOKIES.get(conf.LANGUAGE_COOKIE_NAME)
    if lang_code is not None and lang_code in get_languages() and \
            check_for_language(lang_code):
        return lang_code
    try:
        return get_supported_language_variant(lang_code)
    except LookupError:
        pass
    for accept_lang, _quality in parse_accept_lang_header(
            request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if accept_lang == "*":
            break
        if not _LANGUAGE_CODE_RE.search(accept_lang):
            continue
        try:
            return get_supported_language_variant(accept_lang)
        except LookupError:
            continue
    try:
        return get_supported_language_variant(conf.LANGUAGE_CODE)
    except LookupError:
        return conf.LANGUAGE_CODE
