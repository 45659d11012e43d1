"""gettext() and friends (django/utils/translation/__init__.py and
trans_real.py): the project's catalogues (LOCALE_PATHS, the apps' locale/),
lazily where Django is lazy; Django's own catalogues are not shipped.
"""

import contextlib
import re
import threading

from djscratch.utils.functional import lazy
from djscratch.utils.regex_helper import _lazy_re_compile

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: conf.
import djscratch
from djscratch.utils.functional import _app_registry

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
# (Compiled on first use: a page in the default language reads none of them.)
_LANGUAGE_CODE_RE = _lazy_re_compile(
    r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$", re.IGNORECASE)


def gettext(message):
    """Translate `message` into the active language with the project's
    catalogues (LOCALE_PATHS, the apps' locale/ folders); Django's own
    catalogues are not shipped, so a text no project catalogue has stays
    English.  A language without catalogues returns `message` as it is."""
    if _translations.none:  # no catalogue anywhere: gettext() is per lazy str()
        translation = None
    else:
        translation = _active_translation()
    if translation is None:
        if isinstance(message, str) and "\r" in message:  # as Django
            return _keep_safe(message, message.replace("\r\n", "\n").replace(
                "\r", "\n"))
        return message
    eol_message = message.replace("\r\n", "\n").replace("\r", "\n")
    result = translation.gettext(eol_message) if eol_message else type(message)("")
    return _keep_safe(message, result)


def ngettext(singular, plural, number):
    """The singular or plural form of a message for `number`, translated."""
    translation = _active_translation()
    if translation is None:
        return singular if number == 1 else plural
    return translation.ngettext(singular, plural, number)


def pgettext(context, message):
    """gettext() of `message` in `context` (msgctxt), falling back to the
    message untranslated when the context has no translation."""
    translation = _active_translation()
    if translation is None:
        return message
    result = gettext(f"{context}{_CONTEXT_SEPARATOR}{message}")
    if _CONTEXT_SEPARATOR in result:
        return message  # no translation in that context
    return _keep_safe(message, result)


def npgettext(context, singular, plural, number):
    """ngettext() in `context` (msgctxt)."""
    translation = _active_translation()
    if translation is None:
        return singular if number == 1 else plural
    result = translation.ngettext(f"{context}{_CONTEXT_SEPARATOR}{singular}",
                                  f"{context}{_CONTEXT_SEPARATOR}{plural}", number)
    if _CONTEXT_SEPARATOR in result:
        return translation.ngettext(singular, plural, number)
    return result


def gettext_noop(message):
    """Mark `message` for translation without translating it (Django's no-op)."""
    return message


gettext_lazy = lazy(gettext, str)
ngettext_lazy = lazy(ngettext, str)
pgettext_lazy = lazy(pgettext, str)
npgettext_lazy = lazy(npgettext, str)


def _keep_safe(message, result):
    """`result`, marked safe when the message was (as Django's gettext)."""
    if isinstance(message, djscratch.utils.safestring.SafeData):
        return djscratch.utils.safestring.mark_safe(result)
    return result


# -- Catalogues (django/utils/translation/trans_real.py): for each language,
#    the project's .mo files of the "django" domain merged as Django merges
#    them (LOCALE_PATHS first, then the apps, the first installed app ahead
#    of the later ones), with settings.LANGUAGE_CODE's as the fallback.

#: What separates a message's context from its text in a catalogue's keys.
_CONTEXT_SEPARATOR = "\x04"

class _TranslationCache(dict):
    """language code -> its _Translation, or None when no catalogue has it.
    Emptied whenever a setting changes (LOCALE_PATHS, INSTALLED_APPS...)."""

    #: True once it is known that no catalogue folder exists at all (no
    #: LOCALE_PATHS, no app with a locale/): gettext() then reads nothing
    #: else, not even the thread's language.
    none = False

    def clear(self):
        super().clear()
        self.none = False


_translations = _TranslationCache()
_translations_registered = []


def _active_translation():
    """The active language's _Translation, or None (no catalogues, no
    language active, USE_I18N off): the one thing gettext() does per call."""
    language = _active_language.code
    try:
        return _translations[language]
    except KeyError:
        return _load_translation(language)


def _load_translation(language):
    """Build, cache and return the _Translation for `language` (None: the
    settings' LANGUAGE_CODE; _DISABLED: none)."""
    if language is _DISABLED:
        _translations[language] = None
        return None
    try:
        if not djscratch.conf.settings.USE_I18N:
            return None
        code = language or djscratch.conf.settings.LANGUAGE_CODE
    except djscratch.core.exceptions.ImproperlyConfigured:
        return None  # a lazy text read before settings exist: English
    if not _translations_registered:  # a settings change empties the cache
        djscratch.conf._settings_derived_caches.append(_translations)
        _translations_registered.append(True)
    if _i18n_app_configs() is None:  # not final until the apps are ready
        return _Translation.for_language(code, "django")
    if not _locale_dirs():
        _translations.none = True
        return None
    translation = _translations[language] = _Translation.for_language(
        code, "django")
    return translation


def _i18n_app_configs():
    """The installed apps' configs, or None before the registry is ready."""
    registry = _app_registry()
    return registry.get_app_configs() if registry.apps_ready else None


def _locale_dirs(localedirs=None):
    """The folders searched for catalogues, the strongest last: `localedirs`
    (by default the apps' locale/ folders, the last installed app first),
    then LOCALE_PATHS (the first path last)."""
    import os

    if localedirs is None:
        localedirs = []
        for config in reversed(_i18n_app_configs() or []):
            if config.path:
                localedir = os.path.join(config.path, "locale")
                if os.path.isdir(localedir):
                    localedirs.append(localedir)
    local = [str(path) for path in reversed(djscratch.conf.settings.LOCALE_PATHS)]
    return list(localedirs) + local


class _Translation:
    """One language's merged catalogues (Django's DjangoTranslation): the
    messages, each catalogue's plural rule, and the fallback language's."""

    def __init__(self, language, catalogs, fallback=None):
        self.language = language
        #: [(messages, plural)] the strongest first; catalogues with the same
        #: plural rule are merged into one, as Django's TranslationCatalog.
        self.catalogs = catalogs
        self.fallback = fallback

    @classmethod
    def for_language(cls, language, domain, localedirs=None):
        """The language's catalogues of `domain`, or None when it has none
        and neither has its fallback (settings.LANGUAGE_CODE)."""
        catalogs = cls._merged(language, domain, localedirs)
        fallback = None
        default = djscratch.conf.settings.LANGUAGE_CODE
        if language != default and not language.startswith("en"):
            fallback = cls.for_language(default, domain, localedirs)
        if not catalogs and fallback is None:
            return None
        return cls(language, catalogs, fallback)

    @staticmethod
    def _merged(language, domain, localedirs=None):
        import gettext as gettext_module

        locale = to_locale(language)
        catalogs = []
        for localedir in reversed(_locale_dirs(localedirs)):  # strongest first
            found = gettext_module.translation(
                domain, localedir=localedir, languages=[locale], fallback=True)
            while found is not None:  # a catalogue and its gettext fallbacks
                messages = getattr(found, "_catalog", None)
                if messages:
                    _merge_catalog(catalogs, messages, found.plural)
                found = getattr(found, "_fallback", None)
        return catalogs

    def lookup(self, key, default=None):
        for messages, _plural in self.catalogs:
            if key in messages:
                return messages[key]
        return default

    def gettext(self, message):
        result = self.lookup(message)
        if result is None:
            result = self.lookup((message, self.plural(1)))
        if result is not None:
            return result
        if self.fallback is not None:
            return self.fallback.gettext(message)
        return message

    def ngettext(self, singular, plural, number):
        for messages, rule in self.catalogs:
            result = messages.get((singular, rule(number)))
            if result is not None:
                return result
        if self.fallback is not None:
            return self.fallback.ngettext(singular, plural, number)
        return singular if number == 1 else plural

    def plural(self, number):
        """The plural form index of the strongest catalogue's rule."""
        if self.catalogs:
            return self.catalogs[0][1](number)
        return int(number != 1)


def _merge_catalog(catalogs, messages, plural):
    """Add `messages` under the catalogues already in `catalogs` (which
    win): into the one with the same plural rule, else as a new last one.
    Django merges stronger catalogues over weaker ones, weakest first; taking
    them strongest first, each under the others, gives the same lookups."""
    for existing, rule in catalogs:
        if rule.__code__ == plural.__code__:  # equal rules compare equal
            for key, value in messages.items():
                existing.setdefault(key, value)
            return
    catalogs.append((dict(messages), plural))


# -- The active language: its code, tracked per thread as Django tracks it;
#    gettext() reads its catalogues through _active_translation().

class _ActiveLanguage(threading.local):
    #: The language code activate() set; None: settings.LANGUAGE_CODE;
    #: _DISABLED after deactivate_all() (get_language() is None).  One
    #: attribute, so that gettext() reads the thread's state once.
    code = None


#: _ActiveLanguage.code after deactivate_all(): no translation at all.
_DISABLED = "<deactivated>"


_active_language = _ActiveLanguage()

#: [True] once any thread has activated or deactivated a language: until then
#: every thread's language is settings.LANGUAGE_CODE, and utils.formats'
#: fast-path guard need not read the thread's state.
_language_activity = [False]


def activate(language):
    """Make `language` the current thread's language."""
    if not language:
        return
    _active_language.code = language
    _language_activity[0] = True


def deactivate():
    """Forget the language activate() set: settings.LANGUAGE_CODE again."""
    _active_language.code = None


def deactivate_all():
    """Turn translation off for this thread: get_language() returns None."""
    _active_language.code = _DISABLED
    _language_activity[0] = True


def get_language():
    """Return the current language code (settings.LANGUAGE_CODE by default)."""
    code = _active_language.code
    if code is _DISABLED:
        return None
    return code or djscratch.conf.settings.LANGUAGE_CODE


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
    return (locale in _DJANGO_LOCALES or locale.partition("_")[0] in _DJANGO_LOCALES
            or _project_catalog_exists(to_locale(lang_code)))


#: locale -> whether a project's catalogue has it (_project_catalog_exists);
#: emptied when settings change
_project_catalog_locales = {}


def _project_catalog_exists(locale):
    """Whether a "django" catalogue of the project (LOCALE_PATHS, an app's
    locale/) has `locale` or its base language, as Django's
    check_for_language() finds one for a language it has no catalogue of."""
    import gettext as gettext_module

    found = _project_catalog_locales.get(locale)
    if found is not None:
        return found
    try:
        folders = _locale_dirs()
    except djscratch.core.exceptions.ImproperlyConfigured:
        return False  # no settings yet: no project catalogue
    found = any(gettext_module.find("django", folder, [locale]) is not None
                for folder in folders)
    if _i18n_app_configs() is not None:  # final once the apps are ready
        if not _project_catalog_locales:  # a settings change empties it
            caches = djscratch.conf._settings_derived_caches
            if not any(cache is _project_catalog_locales for cache in caches):
                caches.append(_project_catalog_locales)
        if len(_project_catalog_locales) >= 1000:  # codes come from requests
            _project_catalog_locales.clear()
        _project_catalog_locales[locale] = found
    return found


# -- The language of a request (LocaleMiddleware): URL prefix, cookie,
#    Accept-Language, LANGUAGE_CODE, as Django picks it.

#: An Accept-Language entry: the language and its quality.
_ACCEPT_LANGUAGE_RE = _lazy_re_compile(
    r"""([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)(?:\s*;\s*q=(0(?:\.[0-9]{,3})?"""
    r"""|1(?:\.0{,3})?))?(?:\s*,\s*|$)""")
_LANGUAGE_PREFIX_RE = _lazy_re_compile(r"^/(\w+([@-]\w+){0,2})(/|$)")


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
