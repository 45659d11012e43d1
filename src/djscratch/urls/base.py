"""resolve(), reverse() and the per-thread URL state
(django/urls/base.py).
"""

import threading

from djscratch.utils.functional import lazy
from djscratch.core.signals import setting_changed
from djscratch.core.exceptions import ImproperlyConfigured, NoReverseMatch, Resolver404
from djscratch.conf import settings
from djscratch.http.request import QueryDict
from djscratch.utils.http import urlencode
from djscratch.urls.resolvers import _join_prefixes, RegexPattern, URLResolver
from djscratch.utils.translation import get_language, override as translation_override

__all__ = [
    "reverse", "reverse_lazy", "resolve", "get_resolver", "clear_url_caches",
    "get_script_prefix", "set_script_prefix", "clear_script_prefix", "get_urlconf",
    "set_urlconf",
]


# -- The resolver cache and the per-thread URL state.

_resolver_cache = {}


class _URLState(threading.local):
    # Class defaults: reading an attribute a thread never set costs no
    # AttributeError in get_script_prefix().
    prefix = "/"
    urlconf = None


_urlstate = _URLState()


def get_resolver(urlconf=None):
    """Return the (cached) root resolver of `urlconf` (default ROOT_URLCONF)."""
    if urlconf is None:
        urlconf = settings.ROOT_URLCONF
    if type(urlconf) is str:  # (a dotted name: the key is the name itself)
        resolver = _resolver_cache.get(urlconf)
        if resolver is not None:
            return resolver
    key = urlconf if isinstance(urlconf, str) or urlconf is None else id(urlconf)
    resolver = _resolver_cache.get(key)
    if resolver is None or (not isinstance(urlconf, str)
                            and resolver.urlconf_name is not urlconf):
        if urlconf is None:
            raise ImproperlyConfigured(
                "The ROOT_URLCONF setting is not set: name the module holding "
                "urlpatterns (a single-file App sets it to the script).")
        resolver = _resolver_cache[key] = URLResolver(RegexPattern(r"^/"), urlconf)
    return resolver


def clear_url_caches():
    """Forget cached resolvers (after changing ROOT_URLCONF or the URLconf)."""
    _resolver_cache.clear()


def _url_settings_changed(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL"):
        clear_url_caches()
        set_urlconf(None)


setting_changed.connect(_url_settings_changed, dispatch_uid="djscratch-urls")


def get_script_prefix():
    """Return the URL prefix the app is mounted under ("/" by default)."""
    return _urlstate.prefix


def set_script_prefix(prefix):
    if not prefix.endswith("/"):
        prefix += "/"
    _urlstate.prefix = prefix


def clear_script_prefix():
    """Forget this thread's script prefix (get_script_prefix() is "/" again)."""
    _urlstate.prefix = "/"


def get_urlconf(default=None):
    """Return the URLconf set for this thread (request.urlconf), or `default`."""
    return _urlstate.urlconf or default


def set_urlconf(urlconf_name):
    _urlstate.urlconf = urlconf_name


def resolve(path, urlconf=None):
    """Return the ResolverMatch for `path` ("/posts/1/"); raise Resolver404."""
    if urlconf is None:
        urlconf = get_urlconf()
    return get_resolver(urlconf).resolve(path)


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None, *,
            query=None, fragment=None):
    """Return the URL path of a view name ("blog:post", a view function) with
    `args` or `kwargs`; raise NoReverseMatch saying what was tried."""
    # get_urlconf() and get_script_prefix(), read here: every {% url %} of
    # every page comes this way.
    state = _urlstate
    if urlconf is None:
        urlconf = state.urlconf or None
    resolver = get_resolver(urlconf)
    prefix = state.prefix
    # A URL without arguments depends only on the resolver's tables (built
    # once per resolver; clear_url_caches() drops the resolver), the name,
    # current_app, the script prefix and the active language (i18n_patterns()
    # prefixes it), so it is cached on the resolver.
    cache_key = None
    if not args and not kwargs and isinstance(viewname, str) and (
            current_app is None or isinstance(current_app, str)):
        cache_key = (viewname, current_app, prefix, get_language())
        cache = resolver.__dict__.get("_reverse_cache")
        url = cache.get(cache_key) if cache else None
        if url is not None:
            if query is None and fragment is None:  # (what _add_query() answers)
                return url
            return _add_query(url, query, fragment)
    url = _reverse_uncached(resolver, viewname, prefix, args or [], kwargs or {},
                            current_app)
    if cache_key is not None:
        cache = resolver.__dict__.setdefault("_reverse_cache", {})
        if len(cache) >= 1024:
            cache.clear()
        cache[cache_key] = url
    return _add_query(url, query, fragment)


def _reverse_state():
    """Return what reverse(name, current_app=app) of a str name without
    arguments depends on besides them: (the resolver of this thread's
    urlconf, the script prefix, the active language), the key of reverse()'s
    own cache; the resolver is None before get_resolver() made it.  Equal
    states give the same URL (a {% url %} of a constant name keeps it)."""
    state = _urlstate
    urlconf = state.urlconf or settings.ROOT_URLCONF
    return (_resolver_cache.get(urlconf if type(urlconf) is str else id(urlconf)),
            state.prefix, get_language())


def _reverse_uncached(resolver, viewname, prefix, args, kwargs, current_app):
    """Return reverse()'s URL path, looked up in the resolver's tables."""
    ns_prefix = None
    if not isinstance(viewname, str):
        view = viewname
    else:
        *path_parts, view = viewname.split(":")
        current_path = None
        if current_app:
            current_path = current_app.split(":")
            current_path.reverse()
        resolved_path = []
        for ns in path_parts:
            current_ns = current_path.pop() if current_path else None
            _lookups, namespaces, apps = resolver._populate()
            app_list = apps.get(ns)
            if app_list is not None:
                if current_ns and current_ns in app_list:
                    ns = current_ns  # the instance the current request is in
                elif ns not in app_list:
                    ns = app_list[0]  # the default instance of the app
            if ns != current_ns:
                current_path = None
            try:
                extra, resolver = namespaces[ns]
            except KeyError:
                if resolved_path:
                    raise NoReverseMatch(
                        "'%s' is not a registered namespace inside '%s'"
                        % (ns, ":".join(resolved_path))) from None
                raise NoReverseMatch(
                    "'%s' is not a registered namespace" % ns) from None
            resolved_path.append(ns)
            ns_prefix = extra if ns_prefix is None else _join_prefixes(ns_prefix, extra)
    if ns_prefix is not None:
        return resolver._reverse_with_prefix(view, prefix, *args, ns_prefix=ns_prefix,
                                             **kwargs)
    return resolver._reverse_with_prefix(view, prefix, *args, **kwargs)


def _add_query(url, query, fragment):
    """Append reverse()'s `query` (a dict or QueryDict) and `fragment` to `url`;
    a query that is not a mapping or sequence of pairs raises TypeError."""
    if query is None and fragment is None:
        return url
    if query is not None:
        if isinstance(query, QueryDict):
            query_string = query.urlencode()
        else:
            query_string = urlencode(query, doseq=True)
        if query_string:
            url += "?" + query_string
    if fragment is not None:
        url += "#" + fragment
    return url


reverse_lazy = lazy(reverse, str)


def is_valid_path(path, urlconf=None):
    """Return the ResolverMatch if `path` resolves, else False (APPEND_SLASH
    in CommonMiddleware asks this about "path/")."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return False


def translate_url(url, lang_code):
    """The URL `url` (absolute or a path) as it reads in the language
    `lang_code`: resolved, then reversed under that language (i18n_patterns'
    prefix, translated patterns); `url` itself when either step fails."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    parsed = urlsplit(url)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return url
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation_override(lang_code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return url
    return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query,
                       parsed.fragment))
