"""Cases for the project's own translation catalogues: gettext() and its
kin, {% translate %}, {% blocktranslate %}, _("...") and the JavaScript /
JSON catalogues, with two LOCALE_PATHS folders (the first wins), plural
rules of two and three forms, message contexts, a regional language falling
back to its base, and LANGUAGE_CODE's catalogue as the fallback.
tests/gen_translation_expected.py runs them on real Django;
tests/test_translation_catalogs.py on djscratch.  The .mo files are written
here (write_mo), so no binary file is checked in.
"""

import os
import shutil
import struct
import tempfile

CONTEXT = "\x04"
TWO_FORMS = "nplurals=2; plural=(n != 1);"
RUSSIAN_FORMS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                 "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")

#: (folder index, language, domain) -> (plural forms, {msgid: translation}):
#: a tuple key is a plural message (singular, plural) -> list of forms.
CATALOGS = {
    (0, "de", "django"): (TWO_FORMS, {
        "Hello": "Hallo",
        "Only in the first folder": "Nur im ersten Ordner",
        "Welcome, %(name)s!": "Willkommen, %(name)s!",
        "month name" + CONTEXT + "May": "Mai",
        "verb" + CONTEXT + "May": "darf",
        ("%(counter)s apple", "%(counter)s apples"): ["%(counter)s Apfel",
                                                        "%(counter)s Äpfel"],
        ("fruit" + CONTEXT + "%(counter)s pear", "fruit" + CONTEXT
         + "%(counter)s pears"): ["%(counter)s Birne", "%(counter)s Birnen"],
        "100%% sure": "100%% sicher",
        "The result was %(percent)s%%": "Das Ergebnis war %(percent)s%%",
        "Broken %(name)s": "Kaputt %(other)s",
        "<b>bold</b>": "<b>fett</b>",
        "First line second line": "Erste Zeile zweite Zeile",
        "Multi\nline": "Mehr\nzeilig",
    }),
    (1, "de", "django"): (TWO_FORMS, {
        "Hello": "Servus (second folder loses)",
        "Only in the second folder": "Nur im zweiten Ordner",
    }),
    (1, "fr", "django"): ("nplurals=2; plural=(n > 1);", {
        "Hello": "Bonjour",
        "Only in French": "Seulement en français",
        ("%(counter)s apple", "%(counter)s apples"): ["%(counter)s pomme",
                                                        "%(counter)s pommes"],
    }),
    (0, "ru", "django"): (RUSSIAN_FORMS, {
        "Hello": "Привет",
        ("%(counter)s apple", "%(counter)s apples"): [
            "%(counter)s яблоко", "%(counter)s яблока", "%(counter)s яблок"],
    }),
    # A language Django has no catalogue of: only the project's.
    (1, "tlh", "django"): (TWO_FORMS, {"Hello": "nuqneH"}),
    (0, "de", "djangojs"): (TWO_FORMS, {
        "Save": "Sichern",
        ("%s file", "%s files"): ["%s Datei", "%s Dateien"],
        "button" + CONTEXT + "Open": "Öffnen",
    }),
    (1, "fr", "djangojs"): ("nplurals=2; plural=(n > 1);", {
        "Save": "Enregistrer",
        "Cancel": "Annuler",
    }),
}

LANGUAGES = ["de", "de-at", "fr", "ru", "es", "en", "en-gb"]

MESSAGES = ["Hello", "Only in the first folder", "Only in the second folder",
            "Only in French", "Untranslated", "", "100%% sure"]

COUNTS = [0, 1, 2, 5, 21, 22, 111]

TEMPLATES = {
    "translate": "{% load i18n %}{% translate 'Hello' %}",
    "translate_filter": "{% load i18n %}{% translate 'Hello'|upper %}",
    "translate_var": "{% load i18n %}{% translate word %}",
    "translate_as": "{% load i18n %}{% translate 'Hello' as h %}[{{ h }}]",
    "translate_context": "{% load i18n %}{% translate 'May' context 'month name' %}"
                         "/{% translate 'May' context 'verb' %}"
                         "/{% translate 'May' context 'nothing' %}",
    "translate_context_var": "{% load i18n %}{% translate 'May' context ctx %}",
    "translate_percent": "{% load i18n %}{% translate '100% sure' %}",
    "translate_noop": "{% load i18n %}{% translate 'Hello' noop %}",
    "translate_html": "{% load i18n %}{% translate '<b>bold</b>' %}",
    "underscore": "{{ _('Hello') }}|{{ _('100% sure') }}",
    "underscore_filter_arg": "{{ word|default:_('Hello') }}",
    "block": "{% load i18n %}{% blocktranslate %}Welcome, {{ name }}!"
             "{% endblocktranslate %}",
    "block_with": "{% load i18n %}{% blocktranslate with name=word|upper %}"
                  "Welcome, {{ name }}!{% endblocktranslate %}",
    "block_count": "{% load i18n %}{% for n in counts %}{% blocktranslate count "
                   "counter=n %}{{ counter }} apple{% plural %}{{ counter }} apples"
                   "{% endblocktranslate %};{% endfor %}",
    "block_count_context": "{% load i18n %}{% for n in counts %}{% blocktranslate "
                           "count counter=n context 'fruit' %}{{ counter }} pear"
                           "{% plural %}{{ counter }} pears{% endblocktranslate %};"
                           "{% endfor %}",
    "block_context": "{% load i18n %}{% blocktranslate context 'month name' %}May"
                     "{% endblocktranslate %}",
    "block_percent": "{% load i18n %}{% blocktranslate %}The result was "
                     "{{ percent }}%{% endblocktranslate %}",
    "block_broken": "{% load i18n %}{% blocktranslate %}Broken {{ name }}"
                    "{% endblocktranslate %}",
    "block_trimmed": "{% load i18n %}{% blocktranslate trimmed %}\n  First line\n\n"
                     "  second line\n{% endblocktranslate %}",
    "block_asvar": "{% load i18n %}{% blocktranslate asvar greeting %}Welcome, "
                   "{{ name }}!{% endblocktranslate %}<{{ greeting }}>",
    "block_escape": "{% load i18n %}{% blocktranslate %}Welcome, {{ name }}!"
                    "{% endblocktranslate %}",
}

CONTEXT_DATA = {"word": "Hello", "name": "<Ann>", "counts": COUNTS, "ctx": "verb",
                "percent": 42}


def write_mo(path, plural_forms, messages):
    """Write a GNU .mo file: the header, then `messages` (see CATALOGS)."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n"
                   f"Plural-Forms: {plural_forms}\n"}
    for key, value in messages.items():
        if isinstance(key, tuple):
            entries["\x00".join(key)] = "\x00".join(value)
        else:
            entries[key] = value
    keys = sorted(entries, key=lambda k: k.encode())
    ids = [k.encode() for k in keys]
    strs = [entries[k].encode() for k in keys]
    count = len(keys)
    start = 7 * 4 + 16 * count
    offsets, data = [], b""
    for chunk in ids + strs:
        offsets.append((len(chunk), start + len(data)))
        data += chunk + b"\x00"
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4,
                         7 * 4 + 8 * count, 0, 0)
    table = b"".join(struct.pack("ii", *o) for o in offsets)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(header + table + data)


def build_locale_paths():
    """Write CATALOGS into two folders; return [first, second]."""
    root = tempfile.mkdtemp(prefix="catalogues-")
    folders = [os.path.join(root, "first"), os.path.join(root, "second")]
    for (index, language, domain), (forms, messages) in CATALOGS.items():
        write_mo(os.path.join(folders[index], language, "LC_MESSAGES",
                              domain + ".mo"), forms, messages)
    return folders


def _python_calls():
    from django.utils import translation

    result = {}
    for message in MESSAGES:
        result[f"gettext {message!r}"] = translation.gettext(message)
    result["gettext lazy"] = str(translation.gettext_lazy("Hello"))
    result["gettext crlf"] = translation.gettext("Multi\r\nline")
    for n in COUNTS:
        result[f"ngettext {n}"] = translation.ngettext(
            "%(counter)s apple", "%(counter)s apples", n)
        result[f"npgettext {n}"] = translation.npgettext(
            "fruit", "%(counter)s pear", "%(counter)s pears", n)
    for context in ("month name", "verb", "nothing"):
        result[f"pgettext {context}"] = translation.pgettext(context, "May")
    return result


def _templates():
    from django.template import Context, Engine

    engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
    return {name: engine.from_string(source).render(Context(dict(CONTEXT_DATA)))
            for name, source in TEMPLATES.items()}


def _js_catalog():
    import json

    from django.test import RequestFactory
    from django.views.i18n import JSONCatalog

    response = JSONCatalog.as_view()(RequestFactory().get("/jsoni18n/"))
    data = json.loads(response.content)
    return {"catalog": data["catalog"], "plural": data["plural"]}


def _project_languages():
    """check_for_language() finds the project's catalogues too: a language
    only they have is available (LocaleMiddleware, set_language, formats)."""
    from django.test import override_settings
    from django.utils import translation

    found = {code: translation.check_for_language(code)
             for code in ("tlh", "tlh-x", "de", "zz", "en-gb", "djangojs")}
    with override_settings(LANGUAGES=[("tlh", "Klingon"), ("en", "English")]):
        variants = {}
        for code in ("tlh", "tlh-x", "zz"):
            try:
                variants[code] = translation.get_supported_language_variant(code)
            except LookupError:
                variants[code] = "LookupError"
        with translation.override("tlh"):
            hello = translation.gettext("Hello")
    return {"found": found, "variants": variants, "hello": hello}


def run_cases():
    """Return {language: {case: output}} with LANGUAGE_CODE "fr"."""
    from django.test import override_settings
    from django.utils import translation

    folders = build_locale_paths()
    try:
        results = {}
        with override_settings(LOCALE_PATHS=folders, LANGUAGE_CODE="fr",
                               USE_I18N=True):
            for language in LANGUAGES:
                with translation.override(language):
                    results[language] = {**_python_calls(), **_templates(),
                                         "js": _js_catalog()}
            with translation.override(None):
                results["deactivated"] = {**_python_calls(), **_templates()}
            results["check_for_language"] = _project_languages()
        return results
    finally:
        shutil.rmtree(os.path.dirname(folders[0]))
