"""URLPattern, URLResolver and ResolverMatch
(django/urls/resolvers.py): routes compiled to regexes.
"""

import urllib.parse
import functools
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: views.defaults, urls.i18n_patterns.
import djscratch

from djscratch.utils.functional import cached_property, Promise
from djscratch.utils.regex_helper import _re, _regex_forms
from djscratch.utils.translation import get_language
from djscratch.core.exceptions import ImproperlyConfigured, NoReverseMatch, Resolver404
from djscratch.utils.http import escape_leading_slashes
from djscratch.urls.converters import get_converters
from djscratch.urls.utils import get_callable
from djscratch.conf import settings

__all__ = [
    "ResolverMatch", "URLPattern", "URLResolver",
]


def _route_to_regex(route, is_endpoint):
    """Turn a path() route into (regex source, {name: converter}).

        >>> _route_to_regex("posts/<int:pk>/", True)
        ('^posts/(?P<pk>[0-9]+)/\\\\Z', {'pk': <IntConverter>})
    """
    import re

    if "<" not in route:  # no parameter: the pattern need not be compiled
        return "^" + re.escape(route) + (r"\Z" if is_endpoint else ""), {}
    parts = ["^"]
    converters = {}
    rest = route
    param_re = _re(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
    while True:
        m = param_re.search(rest)
        if not m:
            parts.append(re.escape(rest))
            break
        parts.append(re.escape(rest[:m.start()]))
        rest = rest[m.end():]
        parameter = m["parameter"]
        if not parameter.isidentifier():
            raise ImproperlyConfigured(
                "URL route %r uses parameter name %r which isn't a valid Python "
                "identifier." % (route, parameter))
        raw_converter = m["converter"] or "str"
        try:
            converter = get_converters()[raw_converter]
        except KeyError:
            raise ImproperlyConfigured(
                "URL route %r uses invalid converter %r." % (route, raw_converter)
            ) from None
        converters[parameter] = converter
        parts.append("(?P<%s>%s)" % (parameter, converter.regex))
    if is_endpoint:
        parts.append(r"\Z")
    return "".join(parts), converters


def _check_route(route):
    if "<" in route and _re(r"<[^>]*\s[^>]*>").search(route):
        raise ImproperlyConfigured(
            "URL route %r cannot contain whitespace in angle brackets <…>." % route)


class RoutePattern:
    """The pattern of a path() route ("posts/<int:pk>/")."""

    def __new__(cls, route, name=None, is_endpoint=False):
        # A lazily translated route (path(_("about/"), ...)) is matched in
        # the active language: a subclass keeps the plain route's fast path.
        if cls is RoutePattern and isinstance(route, Promise):
            cls = djscratch.urls.i18n_patterns._TranslatedRoutePattern
        return super().__new__(cls)

    def __init__(self, route, name=None, is_endpoint=False):
        self._route = route
        self._is_endpoint = is_endpoint
        self.name = name
        _check_route(route)
        self._regex_source, self.converters = _route_to_regex(route, is_endpoint)

    @cached_property
    def regex(self):
        return _re(self._regex_source)

    def match(self, path):
        """Return (remaining path, args, kwargs) if `path` matches, else None."""
        if not self.converters:  # a plain string: no regex needed
            if self._is_endpoint:
                return ("", (), {}) if path == self._route else None
            if path.startswith(self._route):
                return path[len(self._route):], (), {}
            return None
        m = self.regex.match(path)
        if m is None:
            return None
        kwargs = m.groupdict()
        for key, value in kwargs.items():
            try:
                kwargs[key] = self.converters[key].to_python(value)
            except ValueError:
                return None
        return path[m.end():], (), kwargs

    def _reverse_parts(self):
        """Return reverse()'s forms: [(format string, parameter names)]."""
        if "<" not in self._route:  # no parameter: the pattern need not compile
            return [(self._route.replace("%", "%%"), [])]
        template, params = [], []
        rest = self._route
        param_re = _re(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
        pos = 0
        for m in param_re.finditer(rest):
            template.append(rest[pos:m.start()].replace("%", "%%"))
            template.append("%%(%s)s" % m["parameter"])
            params.append(m["parameter"])
            pos = m.end()
        template.append(rest[pos:].replace("%", "%%"))
        return [("".join(template), params)]

    def describe(self):
        return "'%s'" % self if self.name is None else "'%s' [name='%s']" % (
            self, self.name)

    def __str__(self):
        return str(self._route)


class LocaleRegexDescriptor:
    """RegexPattern.regex: the compiled regex, compiled once for a plain
    string and once per active language for a lazily translated one."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        pattern = instance._regex
        if isinstance(pattern, str):
            # Cached on the instance, which then shadows this descriptor.
            instance.__dict__["regex"] = self._compile(pattern)
            return instance.__dict__["regex"]
        language_code = get_language()
        if language_code not in instance._regex_dict:
            instance._regex_dict[language_code] = self._compile(str(pattern))
        return instance._regex_dict[language_code]

    def _compile(self, regex):
        import re

        try:
            return re.compile(regex)
        except re.error as e:
            raise ImproperlyConfigured(
                f'"{regex}" is not a valid regular expression: {e}') from e


class RegexPattern:
    """The pattern of a re_path() route (a regular expression)."""

    def __init__(self, regex, name=None, is_endpoint=False):
        self._regex = regex
        self._regex_dict = {}  # language code -> compiled translated regex
        self._is_endpoint = is_endpoint
        self.name = name
        self.converters = {}

    regex = LocaleRegexDescriptor()

    def match(self, path):
        prefix = self._plain_prefix()
        if prefix is not None:  # r"^/", r"^blog/": the regex would do this
            return (path[len(prefix):], (), {}) if path.startswith(prefix) else None
        if self._is_endpoint and self.regex.pattern.endswith("$"):
            m = self.regex.fullmatch(path)
        else:
            m = self.regex.search(path)
        if m is None:
            return None
        # Named groups become kwargs (unmatched optional ones dropped);
        # without named groups, the groups are positional args.
        kwargs = {k: v for k, v in m.groupdict().items() if v is not None}
        args = () if kwargs or m.groupdict() else m.groups()
        return path[m.end():], args, kwargs

    def _plain_prefix(self):
        """The text this pattern matches at the start of a path when it is
        "^" and plain text (no character special to re: r"^/"), which
        match() then compares without compiling the regex; else None."""
        prefix = self.__dict__.get("_prefix", False)
        if prefix is False:
            import re

            regex, prefix = self._regex, None
            if isinstance(regex, str) and not self._is_endpoint and \
                    regex.startswith("^") and re.escape(regex[1:]) == regex[1:]:
                prefix = regex[1:]
            self._prefix = prefix
        return prefix

    def _reverse_parts(self):
        """Return reverse()'s forms, [(format string, parameter names)]: an
        optional group gives a form without and one with it (normalize())."""
        return _regex_forms(self.regex.pattern)

    def describe(self):
        return "'%s'" % self if self.name is None else "'%s' [name='%s']" % (
            self, self.name)

    def __str__(self):
        return str(self._regex)


#: prefix_default_language -> what stands for the active language's prefix
#: in the reverse tables, which are built once: reverse() puts the prefix of
#: the moment in its place.
_LANGUAGE_PREFIX_MARKS = {True: "\x00language\x00", False: "\x00language?\x00"}


def _language_prefix(prefix_default_language):
    """"<active language>/", or "" for the default language when it is not
    prefixed."""
    language_code = get_language() or settings.LANGUAGE_CODE
    if language_code == settings.LANGUAGE_CODE and not prefix_default_language:
        return ""
    return "%s/" % language_code


class ResolverMatch:
    """What resolve() found: the view, its arguments and the names on the way.

    Unpacks as (func, args, kwargs): `func, args, kwargs = resolve("/x/")`.
    """

    def __init__(self, func, args, kwargs, url_name=None, app_names=None,
                 namespaces=None, route=None, tried=None, captured_kwargs=None,
                 extra_kwargs=None):
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self.tried = tried
        self.captured_kwargs = captured_kwargs
        self.extra_kwargs = extra_kwargs
        self.app_names = [x for x in app_names if x] if app_names else []
        self.app_name = ":".join(self.app_names)
        self.namespaces = [x for x in namespaces if x] if namespaces else []
        self.namespace = ":".join(self.namespaces)

    @cached_property
    def _func_path(self):
        view = getattr(self.func, "view_class", self.func)
        if not hasattr(view, "__name__"):  # a callable instance
            return view.__class__.__module__ + "." + view.__class__.__name__
        return view.__module__ + "." + view.__name__

    @cached_property
    def view_name(self):
        """The namespaced name: "blog:post_detail" (or the view's dotted path)."""
        return ":".join(self.namespaces + [self.url_name or self._func_path])

    def _copy(self):
        """A copy whose kwargs dict is its own (the rest is not mutated)."""
        match = object.__new__(type(self))
        attributes = self.__dict__.copy()  # (faster than filling a new __dict__)
        attributes["kwargs"] = dict(self.kwargs)
        match.__dict__ = attributes
        return match

    def __getitem__(self, index):
        return (self.func, self.args, self.kwargs)[index]

    def __iter__(self):
        return iter((self.func, self.args, self.kwargs))

    def __repr__(self):
        func = repr(self.func) if isinstance(self.func, functools.partial) else (
            self._func_path)
        return "ResolverMatch(func=%s, args=%r, kwargs=%r, url_name=%r, app_names=%r, "\
            "namespaces=%r, route=%r%s%s)" % (
                func, self.args, self.kwargs, self.url_name, self.app_names,
                self.namespaces, self.route,
                f", captured_kwargs={self.captured_kwargs!r}"
                if self.captured_kwargs else "",
                f", extra_kwargs={self.extra_kwargs!r}" if self.extra_kwargs else "")

    def __reduce_ex__(self, protocol):
        import pickle

        raise pickle.PicklingError(f"Cannot pickle {type(self).__qualname__}.")


class URLPattern:
    """One route to one view: path("about/", about, name="about")."""

    def __init__(self, pattern, callback, default_args=None, name=None):
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self.pattern.describe())

    def resolve(self, path):
        match = self.pattern.match(path)
        if match:
            new_path, args, captured_kwargs = match
            kwargs = {**captured_kwargs, **self.default_args}
            return ResolverMatch(
                self.callback, args, kwargs, self.pattern.name,
                route=str(self.pattern), captured_kwargs=captured_kwargs,
                extra_kwargs=self.default_args)
        return None

    @cached_property
    def lookup_str(self):
        """The dotted path of the view ("blog.views.post_detail")."""
        callback = self.callback
        if isinstance(callback, functools.partial):
            callback = callback.func
        callback = getattr(callback, "view_class", callback)
        if not hasattr(callback, "__name__"):
            return callback.__module__ + "." + callback.__class__.__name__
        return callback.__module__ + "." + callback.__qualname__


class URLResolver:
    """A list of patterns under a common prefix: include() and the URLconf root.

    `urlconf_name` is a module, its dotted name, or a list of patterns.
    """

    def __init__(self, pattern, urlconf_name, default_kwargs=None, app_name=None,
                 namespace=None):
        self.pattern = pattern
        self.urlconf_name = urlconf_name
        self.default_kwargs = default_kwargs or {}
        self.namespace = namespace
        self.app_name = app_name
        self._lock = threading.RLock()
        self._local = threading.local()  # .populating: this thread builds
        self._static_matches = {}

    def __repr__(self):
        if isinstance(self.urlconf_name, list) and self.urlconf_name:
            urlconf_repr = "<%s list>" % type(self.urlconf_name[0]).__name__
        else:
            urlconf_repr = repr(self.urlconf_name)
        return "<%s %s (%s:%s) %s>" % (
            type(self).__name__, urlconf_repr, self.app_name, self.namespace,
            self.pattern.describe())

    @cached_property
    def urlconf_module(self):
        if isinstance(self.urlconf_name, str):
            import importlib

            return importlib.import_module(self.urlconf_name)
        return self.urlconf_name

    @cached_property
    def url_patterns(self):
        patterns = getattr(self.urlconf_module, "urlpatterns", self.urlconf_module)
        try:
            iter(patterns)
        except TypeError as err:
            raise ImproperlyConfigured(
                f"The included URLconf '{self.urlconf_name}' does not appear to have "
                "any patterns in it. If you see the 'urlpatterns' variable with valid "
                "patterns in the file then the issue is probably caused by a circular "
                "import.") from err
        return patterns

    def resolve(self, path):
        """Return the ResolverMatch for `path`, or raise Resolver404 with the
        patterns tried: Resolver404({"tried": [...], "path": ...})."""
        path = str(path)
        # A path that captures nothing resolves the same way every time
        # (no converter runs): its match is kept, keyed by the path and the
        # number of patterns (a pattern appended to the list counts), and
        # each request gets its own copy.
        key = (path, len(self.url_patterns))
        cached = self._static_matches.get(key)
        if cached is not None:
            return cached._copy()
        match = self._resolve(path)
        if not match.args and match.kwargs == (match.extra_kwargs or {}):
            if len(self._static_matches) >= 512:
                self._static_matches.clear()
            self._static_matches[key] = match._copy()
        return match

    def _resolve(self, path):
        """resolve() without its cache."""
        tried = []
        match = self.pattern.match(path)
        if not match:
            raise Resolver404({"path": path})
        new_path, args, captured_kwargs = match
        for pattern in self.url_patterns:
            try:
                sub_match = pattern.resolve(new_path)
            except Resolver404 as err:
                sub_tried = err.args[0].get("tried")
                if sub_tried is not None:
                    tried.extend([pattern, *t] for t in sub_tried)
                else:
                    tried.append([pattern])
            else:
                if sub_match:
                    sub_match_dict = {**captured_kwargs, **self.default_kwargs}
                    sub_match_dict.update(sub_match.kwargs)
                    sub_match_args = sub_match.args
                    if not sub_match_dict:
                        sub_match_args = args + sub_match.args
                    current_route = ("" if isinstance(pattern, URLPattern)
                                     else str(pattern.pattern))
                    if sub_match.tried is not None:
                        tried.extend([pattern, *t] for t in sub_match.tried)
                    else:
                        tried.append([pattern])
                    return ResolverMatch(
                        sub_match.func, sub_match_args, sub_match_dict,
                        sub_match.url_name, [self.app_name] + sub_match.app_names,
                        [self.namespace] + sub_match.namespaces,
                        _join_route(current_route, sub_match.route), tried,
                        captured_kwargs=sub_match.captured_kwargs,
                        extra_kwargs={**self.default_kwargs,
                                      **(sub_match.extra_kwargs or {})})
                tried.append([pattern])
        raise Resolver404({"tried": tried, "path": new_path})

    def resolve_error_handler(self, view_type):
        """Return the URLconf's handler404/500/400/403, or the default view."""
        callback = getattr(self.urlconf_module, "handler%s" % view_type, None)
        if not callback:
            return djscratch.views.defaults._DEFAULT_ERROR_VIEWS[view_type]
        return get_callable(callback)

    # -- reverse()

    def _is_callback(self, name):
        """Whether `name` is the dotted path of a view of this URLconf (at any
        depth); the admin docs look views up by it."""
        return name in self._callback_strs

    @cached_property
    def _callback_strs(self):
        found = set()
        for url_pattern in self.url_patterns:
            if isinstance(url_pattern, URLPattern):
                found.add(url_pattern.lookup_str)
            else:
                found.update(url_pattern._callback_strs)
        return found

    @property
    def reverse_dict(self):
        """{name or view: [reverse entries]} of the URLs here."""
        return self._populate()[0]

    @property
    def namespace_dict(self):
        """{namespace: (prefix, resolver)} of the namespaces included here."""
        return self._populate()[1]

    @property
    def app_dict(self):
        """{app_name: [namespace, ...]} of the applications included here."""
        return self._populate()[2]

    def _populate(self):
        """Return the reverse tables (name or view -> entries, namespaces,
        applications), built once; once per language when a pattern here or
        below is translated (re_path(_("...")), as Django keys them)."""
        tables = self.__dict__.get("_tables")
        if tables is not None:
            key = get_language() if self._localized else None
            found = tables.get(key)
            if found is not None:
                return found
        with self._lock:
            # A URLconf that includes itself: the inner inclusion adds
            # nothing while the outer one is being built (as in Django).
            if getattr(self._local, "populating", False):
                return {}, {}, {}
            self._local.populating = True
            try:
                found, localized = self._populate_tables()
            finally:
                self._local.populating = False
            self._localized = localized
            key = get_language() if localized else None
            self.__dict__.setdefault("_tables", {})[key] = found
            # The last tables built, under Django's attribute names too.
            self._reverse_dict, self._namespace_dict, self._app_dict = found
            return found

    #: Whether the reverse tables depend on the active language.
    _localized = False

    def _populate_tables(self):
        """_populate()'s work: ((lookups, namespaces, app_dict), localized)."""
        lookups = {}  # name or callable -> [entry]
        namespaces = {}
        app_dict = {}
        localized = False
        # Later patterns first, as in Django: the last one defined wins.
        for url_pattern in reversed(self.url_patterns):
            prefix = _reverse_entry(url_pattern.pattern)
            localized = localized or not isinstance(
                getattr(url_pattern.pattern, "_regex", ""), str)
            if isinstance(url_pattern, URLPattern):
                forms, source, converters = prefix
                entry = (forms, source, url_pattern.default_args, converters)
                lookups.setdefault(url_pattern.callback, []).append(entry)
                if url_pattern.name is not None:
                    lookups.setdefault(url_pattern.name, []).append(entry)
            else:
                inner_lookups, inner_namespaces, inner_apps = url_pattern._populate()
                localized = localized or url_pattern._localized
                if url_pattern.app_name:
                    app_dict.setdefault(url_pattern.app_name, []).append(
                        url_pattern.namespace)
                    namespaces[url_pattern.namespace] = (prefix, url_pattern)
                else:
                    for name, entries in inner_lookups.items():
                        for entry in entries:
                            lookups.setdefault(name, []).append(_join_entries(
                                prefix, entry, url_pattern.default_kwargs))
                    for namespace, (sub_prefix, resolver) in inner_namespaces.items():
                        namespaces[namespace] = (
                            _join_prefixes(prefix, sub_prefix), resolver)
                    for app_name, namespace_list in inner_apps.items():
                        app_dict.setdefault(app_name, []).extend(namespace_list)
        return (lookups, namespaces, app_dict), localized

    def reverse(self, lookup_view, *args, **kwargs):
        """The path (without the script prefix) of `lookup_view` here."""
        return self._reverse_with_prefix(lookup_view, "", *args, **kwargs)

    def _reverse_with_prefix(self, lookup_view, _prefix, *args, ns_prefix=None,
                             **kwargs):
        if args and kwargs:
            raise ValueError("Don't mix *args and **kwargs in call to reverse()!")
        possibilities = self._populate()[0].get(lookup_view, [])
        if ns_prefix is not None:
            possibilities = [_join_entries(ns_prefix, e, {}) for e in possibilities]
        for forms, pattern, defaults, converters in possibilities:
            for template, params in forms:
                url = _reverse_candidate(template, params, _prefix, pattern, defaults,
                                         converters, args, kwargs)
                if url is not None:
                    url = urllib.parse.quote(url, safe="!$&'()*+,;=" + "/~:@")
                    return escape_leading_slashes(url)
        module = getattr(lookup_view, "__module__", None)
        name = getattr(lookup_view, "__name__", None)
        if module is not None and name is not None:
            lookup_view_s = "%s.%s" % (module, name)
        else:
            lookup_view_s = lookup_view
        patterns = [pattern for (_f, pattern, _d, _c) in possibilities]
        if patterns:
            if args:
                arg_msg = "arguments '%s'" % (args,)
            elif kwargs:
                arg_msg = "keyword arguments '%s'" % kwargs
            else:
                arg_msg = "no arguments"
            msg = "Reverse for '%s' with %s not found. %d pattern(s) tried: %s" % (
                lookup_view_s, arg_msg, len(patterns), patterns)
        else:
            msg = ("Reverse for '%(view)s' not found. '%(view)s' is not a valid view "
                   "function or pattern name." % {"view": lookup_view_s})
        raise NoReverseMatch(msg)


def _pattern_source(pattern):
    """The regex of a pattern as text, without its leading "^"."""
    locale_prefix = djscratch._defined_yet("LocalePrefixPattern")  # builds nothing
    if locale_prefix is not None and isinstance(pattern, locale_prefix):
        return pattern._reverse_parts()[0][0]  # the mark
    source = pattern._regex_source if isinstance(pattern, RoutePattern) else str(
        pattern._regex)
    return source.removeprefix("^")


def _reverse_candidate(template, params, prefix, pattern, defaults, converters,
                       args, kwargs):
    """The URL one form gives for these arguments, or None: the arguments must
    be its parameters (positional: as many), converters must accept them, and
    the URL must match the pattern it came from (an int for \\d+)."""
    import re

    if args:
        if len(args) != len(params):
            return None
        candidate_subs = dict(zip(params, args))
    else:
        if set(kwargs).symmetric_difference(params).difference(defaults):
            return None
        if any(kwargs.get(k, v) != v for k, v in defaults.items() if k not in params):
            return None
        candidate_subs = kwargs
    text_subs = {}
    try:
        for k, v in candidate_subs.items():
            converter = converters.get(k)
            text_subs[k] = converter.to_url(v) if converter else str(v)
    except ValueError:
        return None
    for prefixed, mark in _LANGUAGE_PREFIX_MARKS.items():
        if mark in pattern:  # i18n_patterns(): the active language's prefix
            language_prefix = _language_prefix(prefixed)
            template = template.replace(mark, language_prefix)
            pattern = pattern.replace(mark, re.escape(language_prefix))
    url = (prefix.replace("%", "%%") + template) % text_subs
    if url.startswith(prefix) and pattern == re.escape(url[len(prefix):]) + r"\Z":
        return url  # the pattern is the URL's own text: it matches (no compile)
    if re.search("^%s%s" % (re.escape(prefix), pattern), url):
        return url
    return None


def _reverse_entry(pattern):
    """Return (forms, regex source, converters) of a pattern: forms are
    [(template, params)], empty when the pattern cannot be reversed."""
    return pattern._reverse_parts(), _pattern_source(pattern), dict(pattern.converters)


def _join_forms(outer, inner):
    """Every outer form followed by every inner one.  The inner positional
    parameters (_0, _1, ...) are numbered on after the outer ones, as when
    Django normalizes the joined regex."""
    joined = []
    for template, params in outer:
        positional = [int(p[1:]) for p in params if _re(r"_\d+\Z").match(p)]
        offset = max(positional) + 1 if positional else 0
        for more, more_params in inner:
            if offset and any(_re(r"_\d+\Z").match(p) for p in more_params):
                more, more_params = _renumber_positional(more, more_params, offset)
            joined.append((template + more, params + more_params))
    return joined


def _renumber_positional(template, params, offset):
    """Shift the positional parameters of a form by `offset`."""
    def shifted(name):
        return f"_{int(name[1:]) + offset}" if _re(r"_\d+\Z").match(name) else name

    template = _re(r"%\((_\d+)\)s").sub(
        lambda m: f"%({shifted(m[1])})s", template)
    return template, [shifted(name) for name in params]


def _join_prefixes(outer, inner):
    """Join two (forms, regex source, converters) prefixes."""
    return (_join_forms(outer[0], inner[0]), outer[1] + inner[1],
            {**outer[2], **inner[2]})


def _join_entries(prefix, entry, default_kwargs):
    """Put a prefix in front of a reverse entry
    (forms, regex source, defaults, converters)."""
    forms, pattern, defaults, converters = entry
    return (_join_forms(prefix[0], forms), prefix[1] + pattern,
            {**defaults, **default_kwargs}, {**prefix[2], **converters})


def _join_route(route1, route2):
    """Join two routes, without the "^" of the second."""
    if not route1:
        return route2
    return route1 + route2.removeprefix("^")
