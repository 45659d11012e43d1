"""set_language and the JavaScript catalogue views (django/views/i18n.py):
set_language sets the language cookie and redirects (djscratch has no
i18n_patterns, so the URL to go to is never translated); JavaScriptCatalog
and JSONCatalog serve the "djangojs" messages of the active language, read
with Python's gettext from the apps' locale/ folders and LOCALE_PATHS
(djscratch ships no catalogues of its own: Django's own messages stay
English).
"""

import json
import os
import re

from djscratch.conf import settings
from djscratch.utils.formats import get_format
from djscratch.utils.http import url_has_allowed_host_and_scheme
from djscratch.utils.translation import (
    _Translation, check_for_language, get_language,
)
from djscratch.http.response import HttpResponse, HttpResponseRedirect, JsonResponse
from djscratch.template.context import Context
from djscratch.template.engine import Engine
from djscratch.urls.base import get_resolver, translate_url
from djscratch.urls.conf import path
from djscratch.urls.resolvers import URLResolver
from djscratch.urls.i18n_patterns import LocalePrefixPattern
from djscratch.views.generic import View
from djscratch.apps.registry import apps

__all__ = ["set_language", "LANGUAGE_QUERY_PARAMETER", "i18n_patterns",
           "is_language_prefix_patterns_used", "JavaScriptCatalog", "JSONCatalog",
           "get_formats", "null_javascript_catalog"]

LANGUAGE_QUERY_PARAMETER = "language"


def _safe_next_url(request, next_url):
    """`next_url` when it stays on this site, else the Referer when that does,
    else "/" (as Django)."""
    if not (next_url or request.accepts("text/html")):
        return next_url
    secure = request.is_secure()
    hosts = {request.get_host()}
    if url_has_allowed_host_and_scheme(url=next_url, allowed_hosts=hosts,
                                       require_https=secure):
        return next_url
    referer = request.META.get("HTTP_REFERER")
    if url_has_allowed_host_and_scheme(url=referer, allowed_hosts=hosts,
                                       require_https=secure):
        return referer
    return "/"


def set_language(request):
    """Redirect to `next` (204 without one); on POST, also set the language
    cookie to the `language` parameter when Django knows that language."""
    next_url = _safe_next_url(request, request.POST.get(
        "next", request.GET.get("next")))
    response = HttpResponseRedirect(next_url) if next_url else HttpResponse(status=204)
    if request.method == "POST":
        lang_code = request.POST.get(LANGUAGE_QUERY_PARAMETER)
        if lang_code and check_for_language(lang_code):
            if next_url:  # the same page in the new language (its prefix, ...)
                next_translated = translate_url(next_url, lang_code)
                if next_translated != next_url:
                    response = HttpResponseRedirect(next_translated)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, lang_code,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


# -- django.conf.urls.i18n: the set_language URL; no language prefixes.


def i18n_patterns(*urls, prefix_default_language=True):
    """Prefix `urls` with the active language's code ("en/..."): one
    URLResolver on a LocalePrefixPattern (the URLs themselves, when USE_I18N
    is off).  Only in the root URLconf."""
    if not settings.USE_I18N:
        return list(urls)
    return [URLResolver(
        LocalePrefixPattern(prefix_default_language=prefix_default_language),
        list(urls))]


def is_language_prefix_patterns_used(urlconf):
    """(whether the root URLconf uses i18n_patterns(), whether the default
    language is prefixed)."""
    for url_pattern in get_resolver(urlconf).url_patterns:
        if isinstance(url_pattern.pattern, LocalePrefixPattern):
            return True, url_pattern.pattern.prefix_default_language
    return False, False


#: include("django.conf.urls.i18n"): the set_language view.
i18n_urlpatterns = [path("setlang/", set_language, name="set_language")]


# -- The JavaScript catalogue.

#: The format settings get_formats() sends to JavaScript.
_JS_FORMAT_SETTINGS = (
    "DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT",
    "FIRST_DAY_OF_WEEK", "DECIMAL_SEPARATOR", "THOUSAND_SEPARATOR",
    "NUMBER_GROUPING", "DATE_INPUT_FORMATS", "TIME_INPUT_FORMATS",
    "DATETIME_INPUT_FORMATS",
)


def get_formats():
    """Return the active language's formats, for JavaScript."""
    return {attr: get_format(attr) for attr in _JS_FORMAT_SETTINGS}


def _installed_configs():
    """The installed apps' configs; none before the registry is populated
    (a catalogue served by a project that never called setup())."""
    return apps.get_app_configs() if apps.apps_ready else []


class JavaScriptCatalog(View):
    """Serve the active language's "djangojs" messages as a JavaScript library
    (django.gettext(), ngettext(), interpolate(), the formats...).

    `packages` (path() kwargs, or "a+b" in the URL) names the apps whose
    locale/ folders are read; by default every installed app's.
    """

    domain = "djangojs"
    packages = None

    def get(self, request, *args, **kwargs):
        locale = get_language()
        domain = kwargs.get("domain", self.domain)
        packages = kwargs.get("packages", "")
        packages = packages.split("+") if packages else self.packages
        paths = self.get_paths(packages) if packages else None  # None: every app
        # The language's catalogues of `domain`, LOCALE_PATHS' too, with
        # LANGUAGE_CODE's as the fallback (Django's DjangoTranslation).
        translation = _Translation.for_language(locale, domain, paths) \
            if locale else None
        self.translation = translation or _Translation(locale, [])
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)

    def get_paths(self, packages):
        """The locale/ folders of `packages`, which must be installed apps."""
        allowable = {config.name: config for config in _installed_configs()}
        excluded = [p for p in packages if p not in allowable]
        if excluded:
            raise ValueError("Invalid package(s) provided to JavaScriptCatalog: %s"
                             % ",".join(excluded))
        # An app of the single file (a path of None) has no locale/ folder.
        return [os.path.join(allowable[p].path, "locale") for p in packages
                if allowable[p].path]

    @property
    def _num_plurals(self):
        """nplurals of the catalogue's Plural-Forms, or 2."""
        match = re.search(r"nplurals=\s*(\d+)", self._plural_string or "")
        return int(match[1]) if match else 2

    @property
    def _plural_string(self):
        """The catalogue's Plural-Forms header, or None."""
        for line in (self.translation.lookup("") or "").split("\n"):
            if line.startswith("Plural-Forms:"):
                return line.split(":", 1)[1].strip()
        return None

    def get_plural(self):
        """The plural expression of the Plural-Forms header (plural=...), or
        None."""
        plural = self._plural_string
        if plural is not None:
            plural = [el.strip() for el in plural.split(";")
                      if el.strip().startswith("plural=")][0].split("=", 1)[1]
        return plural

    def get_catalog(self):
        """msgid -> translation; a plural message -> its list of forms."""
        plurals, catalog, seen = {}, {}, set()
        translation = self.translation
        while translation is not None:  # the language's, then its fallback's
            for messages, _rule in translation.catalogs:  # the strongest first
                for key, value in messages.items():
                    if key == "" or key in seen:
                        continue
                    if isinstance(key, str):
                        catalog[key] = value
                    elif isinstance(key, tuple):
                        msgid, count = key
                        plurals.setdefault(msgid, {})[count] = value
                    else:
                        raise TypeError(key)
                    seen.add(key)
            translation = translation.fallback
        for msgid, forms in plurals.items():
            catalog[msgid] = [forms.get(i, "") for i in range(self._num_plurals)]
        return catalog

    def get_context_data(self, **kwargs):
        return {"catalog": self.get_catalog(), "formats": get_formats(),
                "plural": self.get_plural()}

    def render_to_response(self, context, **response_kwargs):
        def indent(text):
            return text.replace("\n", "\n  ")

        catalog = context["catalog"]
        context["catalog_str"] = indent(
            json.dumps(catalog, sort_keys=True, indent=2)) if catalog else None
        context["formats_str"] = indent(json.dumps(
            context["formats"], sort_keys=True, indent=2))
        template = Engine().from_string(_I18N_CATALOG_JS)
        return HttpResponse(template.render(Context(context)),
                            'text/javascript; charset="utf-8"')


class JSONCatalog(JavaScriptCatalog):
    """The same catalogue as JSON: {"catalog": ..., "formats": ..., "plural": ...}."""

    def render_to_response(self, context, **response_kwargs):
        return JsonResponse(context)


def null_javascript_catalog(request, domain=None, packages=None):
    """The JavaScript library with an empty catalogue (USE_I18N off)."""
    context = {"catalog": {}, "formats": get_formats(), "plural": None,
               "catalog_str": None}
    context["formats_str"] = json.dumps(context["formats"], sort_keys=True,
                                        indent=2).replace("\n", "\n  ")
    template = Engine().from_string(_I18N_CATALOG_JS)
    return HttpResponse(template.render(Context(context)),
                        'text/javascript; charset="utf-8"')


#: The library JavaScriptCatalog serves: djscratch's own code, with the
#: functions Django's (and the admin's) scripts call: django.gettext,
#: ngettext, gettext_noop, pgettext, npgettext, interpolate, get_format,
#: pluralidx, and the globals gettext, ngettext, ... on window.
_I18N_CATALOG_JS = """{% autoescape off %}'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});
{% if plural %}
  django.pluralidx = function(n) {
    const v = {{ plural }};
    return (typeof v === 'boolean') ? (v ? 1 : 0) : v;
  };
{% else %}
  django.pluralidx = function(count) { return (count == 1) ? 0 : 1; };
{% endif %}
  django.catalog = django.catalog || {};
{% if catalog_str %}  const newcatalog = {{ catalog_str }};
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }
{% endif %}
  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      }
      return (typeof value === 'string') ? value : value[0];
    };
    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return (count == 1) ? singular : plural;
      }
      return value.constructor === Array ? value[django.pluralidx(count)] : value;
    };
    django.gettext_noop = function(msgid) { return msgid; };
    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\\x04' + msgid);
      if (value.includes('\\x04')) {
        value = msgid;
      }
      return value;
    };
    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\\x04' + singular,
                                  context + '\\x04' + plural, count);
      if (value.includes('\\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };
    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\\(\\w+\\)s/g, function(match) {
          return String(obj[match.slice(2, -2)]);
        });
      }
      return fmt.replace(/%s/g, function(match) { return String(obj.shift()); });
    };
    django.formats = {{ formats_str }};
    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      return (typeof value === 'undefined') ? format_type : value;
    };
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;
    django.jsi18n_initialized = true;
  }
}
{% endautoescape %}"""
