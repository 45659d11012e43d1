"""BaseHandler (django/core/handlers/base.py): the
middleware chain around the view.
"""

import threading
import types

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: contrib.staticfiles.handlers.
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.asgiref_fallback import _asgiref_sync, iscoroutinefunction
from djscratch.utils.module_loading import _compile_generated, import_string
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.exceptions_extra import MiddlewareNotUsed
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.conf import (
    _settings_derived, _settings_token, _SETTINGS_TOKEN_CACHE, settings,
)
from djscratch.utils.log import _get_logger, _log_response
from djscratch.urls.base import _urlstate, get_resolver, set_urlconf
from djscratch.urls.resolvers import ResolverMatch
from djscratch.core.signals import request_finished
from djscratch.db.transaction import atomic
from djscratch.http.request import HttpRequest
from djscratch.http.response import HttpResponse, HttpResponseBase, ResponseHeaders
from djscratch.core.handlers.exception import (
    convert_exception_to_response, response_for_exception,
)


# -- The handler.


# The methods a plain page never runs are in base_extra.py, defined on first
# use.
@_methods_on_first_use("_BaseHandlerMore", (
    "_run_flat", "get_response_async", "process_exception_by_middleware",
))
class BaseHandler:
    """Load the middleware chain and turn a request into a response."""

    _middleware_chain = None
    _middleware_source = None
    _middleware_is_async = False
    _flat_middleware = None
    _active_hooks = (None,)  # see _derive_active_hooks()

    def load_middleware(self, is_async=False):
        """Build the chain from settings.MIDDLEWARE, innermost first, adapting
        each layer to the mode (sync or async) of the layer it wraps."""
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        source = settings.MIDDLEWARE
        get_response = self._get_response_async if is_async else self._get_response
        handler = convert_exception_to_response(get_response)
        handler_is_async = is_async
        instances = []
        for middleware_path in reversed(source):
            middleware = _import_middleware(middleware_path)
            middleware_is_async = _middleware_mode(
                middleware, middleware_path, handler_is_async)
            try:
                adapted_handler = self.adapt_method_mode(
                    middleware_is_async, handler, handler_is_async,
                    debug=settings.DEBUG, name="middleware %s" % middleware_path)
                instance = middleware(adapted_handler)
            except MiddlewareNotUsed as exc:
                if settings.DEBUG:
                    if str(exc):
                        _get_logger("django.request").debug(
                            "MiddlewareNotUsed(%r): %s", middleware_path, exc)
                    else:
                        _get_logger("django.request").debug(
                            "MiddlewareNotUsed: %r", middleware_path)
                continue
            handler = adapted_handler
            if instance is None:
                raise ImproperlyConfigured(
                    "Middleware factory %s returned None." % middleware_path)
            self._add_hooks(instance, is_async)
            handler = convert_exception_to_response(instance)
            handler_is_async = middleware_is_async
            instances.insert(0, instance)
        self._middleware_source = source
        self._middleware_is_async = is_async
        self._middleware_chain = self.adapt_method_mode(
            is_async, handler, handler_is_async)
        # When every layer is a plain sync MiddlewareMixin, _run_flat() runs
        # the same hooks in the same order in one loop, without two frames
        # per layer; any other middleware (a function, a custom __call__, an
        # async chain) keeps the nested chain.
        flat = not is_async and all(
            type(m).__call__ is MiddlewareMixin.__call__ and not m.async_mode
            for m in instances)
        self._flat_middleware = tuple(instances) if flat else None
        self._flat_hooks = _flat_hooks(instances) if flat else None
        self._active_hooks = (None,)  # derived on the first request

    def _add_hooks(self, instance, is_async):
        """Collect a middleware's process_view/template_response/exception."""
        if hasattr(instance, "process_view"):
            self._view_middleware.insert(
                0, self.adapt_method_mode(is_async, instance.process_view))
        if hasattr(instance, "process_template_response"):
            self._template_response_middleware.append(
                self.adapt_method_mode(is_async, instance.process_template_response))
        if hasattr(instance, "process_exception"):
            # Exception hooks always run sync, as in Django.
            self._exception_middleware.append(
                self.adapt_method_mode(False, instance.process_exception))

    def adapt_method_mode(self, is_async, method, method_is_async=None, debug=False,
                          name=None):
        """Return `method` callable in the mode `is_async` asks for: a sync
        method under async goes through sync_to_async (thread-sensitive), an
        async one under sync through async_to_sync."""
        if method_is_async is None:
            method_is_async = iscoroutinefunction(method)
        if debug and not name:
            name = "method %s()" % method.__qualname__
        if is_async and not method_is_async:
            if debug:
                _get_logger("django.request").debug(
                    "Synchronous handler adapted for %s.", name)
            return _asgiref_sync().sync_to_async(method, thread_sensitive=True)
        if not is_async and method_is_async:
            if debug:
                _get_logger("django.request").debug(
                    "Asynchronous handler adapted for %s.", name)
            return _asgiref_sync().async_to_sync(method)
        return method

    def get_response(self, request):
        """Return the response for `request` (middleware, view, error pages)."""
        _urlstate.urlconf = settings.ROOT_URLCONF  # set_urlconf(), inline
        active = self._active_hooks
        if active[0] is not _SETTINGS_TOKEN_CACHE.get((), False):  # (the token)
            # Settings changed (override_settings), or the chain was loaded
            # since the hooks were derived (load_middleware() forgets them):
            # only then may MIDDLEWARE differ from the chain's.
            if (self._middleware_source is not settings.MIDDLEWARE
                    or self._middleware_is_async):
                with _handler_lock:
                    if (self._middleware_source is not settings.MIDDLEWARE
                            or self._middleware_is_async):
                        self.load_middleware()
            active = self._derive_active_hooks()
        try:
            _check_input(request)
            # (asked only for a GET or HEAD under the prefix static files
            # are served at, when they are: what it answers None for first)
            prefix = active[3]
            response = djscratch.contrib.staticfiles.handlers._static_response(
                request) if prefix is not None and request.method in (
                "GET", "HEAD") and request.path_info.startswith(prefix) else None
        except Exception as exc:
            response = response_for_exception(request, exc)
        if response is None:
            if active[2] is not None:
                response = active[2](self, request)
            else:
                response = self._middleware_chain(request)
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            _log_response("%s: %s", response.reason_phrase, request.path,
                          response=response, request=request)
        return response

    def _derive_active_hooks(self):
        """(settings token, _active_hooks(), their _chain_function(), the
        prefix static files are served at or None): what a request runs under the
        current settings (no hooks nor chain for a nested chain)."""
        token = _settings_token()
        hooks = chain = None
        if self._flat_middleware is not None:
            hooks = _active_hooks(self._flat_hooks)
            chain = _chain_function(_request_steps(hooks[0]), hooks[1],
                                    len(self._flat_middleware), _run_flat_general)
        static = djscratch.contrib.staticfiles.handlers._static_serving_prefix()
        self._active_hooks = active = (token, hooks, chain, static)
        return active

    def _get_response(self, request):
        """Resolve the view, run view middleware, call the view, render."""
        response = None
        match = self.resolve_request(request)
        if type(match) is ResolverMatch:  # what unpacking it gives, one call less
            callback, callback_args, callback_kwargs = (
                match.func, match.args, match.kwargs)
        else:
            callback, callback_args, callback_kwargs = match
        for middleware_method in self._view_middleware:
            response = middleware_method(request, callback, callback_args,
                                         callback_kwargs)
            if response:
                break
        if response is None:
            if (type(self).make_view_atomic is BaseHandler.make_view_atomic
                    and not _atomic_request_aliases()):
                wrapped_callback = callback  # what make_view_atomic() returns
            else:
                wrapped_callback = self.make_view_atomic(callback)
            if _is_async_view(wrapped_callback):
                wrapped_callback = _asgiref_sync().async_to_sync(wrapped_callback)
            try:
                if callback_args or callback_kwargs:
                    response = wrapped_callback(
                        request, *callback_args, **callback_kwargs)
                else:  # the same call, without unpacking two empty containers
                    response = wrapped_callback(request)
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        if response is None or isinstance(response, types.CoroutineType):
            self.check_response(response, callback)  # raises, naming the view
        if hasattr(response, "render") and callable(response.render):
            for middleware_method in self._template_response_middleware:
                response = middleware_method(request, response)
                self.check_response(
                    response, middleware_method,
                    name="%s.process_template_response" % (
                        middleware_method.__self__.__class__.__name__,))
            try:
                response = response.render()
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        return response

    async def _get_response_async(self, request):
        """_get_response() in an async chain: a sync view runs in a thread."""
        sync_to_async = _asgiref_sync().sync_to_async
        response = None
        callback, callback_args, callback_kwargs = self.resolve_request(request)
        for middleware_method in self._view_middleware:
            response = await middleware_method(
                request, callback, callback_args, callback_kwargs)
            if response:
                break
        if response is None:
            wrapped_callback = self.make_view_atomic(callback)
            if not iscoroutinefunction(wrapped_callback):
                wrapped_callback = sync_to_async(
                    wrapped_callback, thread_sensitive=True)
            try:
                response = await wrapped_callback(
                    request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = await sync_to_async(
                    self.process_exception_by_middleware, thread_sensitive=True)(
                    exc, request)
                if response is None:
                    raise
        self.check_response(response, callback)
        if hasattr(response, "render") and callable(response.render):
            for middleware_method in self._template_response_middleware:
                response = await middleware_method(request, response)
                self.check_response(
                    response, middleware_method,
                    name="%s.process_template_response" % (
                        middleware_method.__self__.__class__.__name__,))
            try:
                if iscoroutinefunction(response.render):
                    response = await response.render()
                else:
                    response = await sync_to_async(
                        response.render, thread_sensitive=True)()
            except Exception as exc:
                response = await sync_to_async(
                    self.process_exception_by_middleware, thread_sensitive=True)(
                    exc, request)
                if response is None:
                    raise
        if isinstance(response, types.CoroutineType):
            raise RuntimeError("Response is still a coroutine.")
        return response

    def resolve_request(self, request):
        """Resolve request.path_info and set request.resolver_match."""
        if hasattr(request, "urlconf"):
            urlconf = request.urlconf
            set_urlconf(urlconf)
            resolver = get_resolver(urlconf)
        else:
            resolver = get_resolver()
        resolver_match = resolver.resolve(request.path_info)
        request.resolver_match = resolver_match
        return resolver_match

    def make_view_atomic(self, view):
        """Wrap the view in transaction.atomic() for ATOMIC_REQUESTS databases."""
        aliases = _atomic_request_aliases()
        if not aliases:
            return view
        non_atomic = getattr(view, "_non_atomic_requests", set())
        for alias in aliases:
            if alias not in non_atomic:
                if iscoroutinefunction(view):
                    raise RuntimeError(
                        "You cannot use ATOMIC_REQUESTS with async views.")
                atomic_ = atomic
                if atomic_ is None:
                    raise ImproperlyConfigured(
                        "ATOMIC_REQUESTS needs the ORM's transaction.atomic().")
                view = atomic_(using=alias)(view)
        return view

    def check_response(self, response, callback, name=None):
        """Raise ValueError if a view returned None or an unawaited coroutine
        instead of a response."""
        if response is None or isinstance(response, types.CoroutineType):
            if not name:
                callback = getattr(callback, "view_class", callback)
                if hasattr(callback, "__qualname__"):
                    name = "The view %s.%s" % (
                        callback.__module__, callback.__qualname__)
                else:
                    name = "The view %s.%s.__call__" % (
                        callback.__module__, callback.__class__.__name__)
            if response is not None:
                raise ValueError(
                    "%s didn't return an HttpResponse object. It returned an "
                    "unawaited coroutine instead. You may need to add an 'await' "
                    "into your view." % name)
            raise ValueError(
                "%s didn't return an HttpResponse object. It returned None instead."
                % name)


_handler_lock = threading.Lock()


_async_views = {}  # view -> iscoroutinefunction(view), for _is_async_view()


def _is_async_view(view):
    """iscoroutinefunction(view), remembered per view: the same views answer
    every request, and the question takes a few calls into inspect."""
    try:
        return _async_views[view]
    except KeyError:
        if len(_async_views) >= 512:  # views made per request: no growth
            _async_views.clear()
        answer = _async_views[view] = iscoroutinefunction(view)
        return answer
    except TypeError:  # an unhashable callable
        return iscoroutinefunction(view)


def _flat_hooks(layers):
    """((i, process_request) in order, (i, process_response) innermost
    first) of the middleware `layers` that define them, bound once per
    chain load as Django binds process_view: a request does no work for a
    layer without the hook."""
    requests, responses = [], []
    for i, layer in enumerate(layers):
        process_request = getattr(layer, "process_request", None)
        if process_request is not None:
            requests.append((i, process_request))
        process_response = getattr(layer, "process_response", None)
        if process_response is not None:
            responses.insert(0, (i, process_response))
    return tuple(requests), tuple(responses)


def _active_hooks(hooks):
    """_flat_hooks() less the request hooks that do nothing under the
    current settings, for any request: a hook whose function has a
    `_djscratch_idle(earlier)` answering true, `earlier` being the
    (i, hook) pairs kept before it (CommonMiddleware's host check repeats
    the handler's own only while no earlier hook may have changed the
    host).  A subclass overriding the hook has no such attribute and runs.
    Derived again after each change of settings."""
    requests = []
    for i, hook in hooks[0]:
        idle = getattr(hook, "_djscratch_idle", None)
        if idle is None or not idle(requests):
            requests.append((i, hook))
    return tuple(requests), hooks[1]


def _request_steps(requests):
    """The active request hooks (i, hook) as the steps _chain_function()
    runs: ("call", i, hook), or ("promise", i, [(name, factory), ...]) for
    a run of hooks that only promise request attributes.

    A hook's function may have `_djscratch_promises(promised)`: given the
    names earlier hooks have surely promised, it answers the (name,
    factory) pairs the hook gives to _promise_attribute(), for every
    request, under the current settings (the checks it makes on the
    request already known to pass), or None when it must be called.  A
    called hook keeps the names promised so far only if its function has
    `_djscratch_keeps_promises` (it never removes a request attribute)."""
    steps, promised = [], set()
    for i, hook in requests:
        promises = getattr(hook, "_djscratch_promises", None)
        pairs = promises(frozenset(promised)) if promises is not None else None
        if pairs is None:
            steps.append(("call", i, hook))
            if not getattr(hook, "_djscratch_keeps_promises", False):
                promised.clear()
            continue
        if steps and steps[-1][0] == "promise":
            steps[-1][2].extend(pairs)
        else:
            steps.append(("promise", i, list(pairs)))
        promised.update(name for name, _factory in pairs)
    return steps


def _run_flat_general(handler, request):
    """The flat chain for a request that is not an HttpRequest (the
    promises are then values set at once): BaseHandler._run_flat()."""
    return handler._run_flat(request)


def _chain_function(steps, responses, layers, general):
    """A function (handler, request) -> response that runs `steps` (see
    _request_steps()), the view and the `responses` hooks exactly as
    BaseHandler._run_flat() runs the hooks they stand for: generated once
    per chain and change of settings, so that a request runs straight
    code, with no loop over the hooks and no call for the hooks that only
    promise attributes (their promises are stored in the request's
    __dict__, as _promise_attribute() stores them).  A request that is
    not an HttpRequest goes to `general`."""
    names = {"__name__": __name__,  # its frames are djscratch's own
             "_escaped": _escaped, "HttpRequest": HttpRequest,
             "general": general, "ResponseHeaders": ResponseHeaders,
             # The base classes' methods as they are now: a class patched
             # later no longer matches, and its hook is called.
             "base_get": HttpResponseBase.get,
             "base_has_header": HttpResponseBase.has_header,
             "base_content": HttpResponse.content}
    lines = ["def chain(handler, request):",
             "    if not isinstance(request, HttpRequest):",
             "        return general(handler, request)",
             "    response = last = plain = None"]
    indent = "    "  # then "        ", under "if last is None:"

    def call(i, expression, answered):
        # A hook that may answer or raise; the steps after it run only
        # while no response ended the way in.
        nonlocal indent
        lines.extend(indent + line for line in (
            "try:",
            "    response = %s" % expression,
            "except Exception as exc:",
            "    response, last = _escaped(request, exc, %d)" % i,
            "else:") + answered)
        indent = "        "
        lines.append("    if last is None:")

    for k, (kind, i, what) in enumerate(steps):
        if kind == "promise":
            # (`d` is deleted at once: a debug page shows a frame's locals,
            # and the request's __dict__ holds the POST data unfiltered)
            lines.append(indent + "d = request.__dict__")
            each = indent
            if len(what) > 1:
                # (none of the names set yet, as on a new request: the
                # promises stored in one update(), in the same order)
                names["n%d" % k] = tuple(name for name, _factory in what)
                names["p%d" % k] = {"_promised_" + name: factory
                                    for name, factory in what}
                lines.extend((indent + "if d.keys().isdisjoint(n%d):" % k,
                              indent + "    d.update(p%d)" % k,
                              indent + "else:"))
                each = indent + "    "
            for name, factory in what:
                names["f%d_%s" % (k, name)] = factory
                lines.append(each + "if %r in d:" % name)  # (d.pop(name, None))
                lines.append(each + "    del d[%r]" % name)
                lines.append(each + "d[%r] = f%d_%s" % (
                    "_promised_" + name, k, name))
            lines.append(indent + "del d")
        else:
            names["h%d" % k] = what
            guard = _request_guard(what)
            call(i, "h%d(request)" % k if guard is None else
                 "h%d(request) if %s else None" % (k, guard),
                 ("    if response:", "        last = %d" % i))
    call(layers, "handler._get_response(request)",
         ("    last = %d" % (layers - 1),))
    lines.pop()  # (nothing runs after the view but the response hooks)
    checked = []  # (a "headers" step was written: `plain` may be set)
    for k, (i, hook) in enumerate(responses):
        names["r%d" % k] = hook
        lines.extend((
            "    if last >= %d:" % i,
            "        try:"))
        lines.extend("            " + line
                     for line in _response_step(k, hook, names, checked))
        lines.extend((
            "        except Exception as exc:",
            "            response, last = _escaped(request, exc, %d)" % i))
    lines.append("    return response")
    # (named in tracebacks; see _djscratch_source for the text)
    exec(_compile_generated("\n".join(lines), "<djscratch middleware chain>"), names)
    chain = names["chain"]
    chain._djscratch_source = "\n".join(lines)
    return chain


def _request_guard(hook):
    """The condition under which _chain_function() calls request hook
    `hook` (else it answers None, as the hook would), or None: always.
    The hook's function may have `_djscratch_request_plan(hook)` answering
    for the current settings ("cookie", name): it does nothing but read
    request.COOKIES for a request without that cookie (the CSRF
    middleware)."""
    plan_of = getattr(hook, "_djscratch_request_plan", None)
    plan = plan_of(hook) if plan_of is not None else None
    if plan is None:
        return None
    return "%r in request.COOKIES" % plan[1]


def _response_step(k, hook, names, checked=()):
    """The lines of _chain_function() that run response hook number `k`
    (bound to r<k>): a call, or, when the hook's function has a
    `_djscratch_response_plan(hook)` answering for the current settings, the
    call only when it may do something, or what it does inline:

    ("unbuilt", name, cookie): it returns the response as it is while
    request.<name> is promised and unbuilt and (unless cookie is None) the
    request has no such cookie (the session and message middleware);
    ("unbuilt", name, cookie, (method, base, flags)): the same, and also
    while the value built is idle: its class's `method` is `base`, not
    set on the instance, and its `flags` attributes are all false (read
    in that order, as `base` reads them; the message storage nobody read
    nor added to, whose update() stores nothing);
    ("meta", key): it returns the response as it is while request.META
    has no true `key` (the CSRF middleware, no cookie to send);
    ("content-length",): for a response that is not a 404 nor streaming,
    it is _set_content_length() (CommonMiddleware), inlined for a plain
    HttpResponse;
    ("headers", items, exempt): for a response whose get() and headers
    are the base classes' and that has no true attribute `exempt` (None:
    not asked), it is _set_missing_headers(response.headers, items)
    (the security and X-Frame-Options middleware); the first such step
    checks the response's class and headers for the next ones (`plain`).
    A hook called forgets that check."""
    # (a hook called may change the response's class or headers: `plain`,
    # see below, is forgotten)
    call = ["response = r%d(request, response)" % k, "plain = None"]
    plan_of = getattr(hook, "_djscratch_response_plan", None)
    plan = plan_of(hook) if plan_of is not None else None
    if plan is None:
        return call
    if plan[0] == "unbuilt":
        name, cookie = plan[1:3]
        unbuilt = "%r not in request.__dict__" % ("_promised_" + name)
        if cookie is not None:
            unbuilt += " or %r in request.COOKIES" % cookie
        if len(plan) == 3:
            return ["if %r in request.__dict__ or %s:" % (name, unbuilt)] + [
                "    " + line for line in call]
        # (built: called unless the value is idle, see above)
        method, base, flags = plan[3]
        names["i%d" % k] = base
        idle = " or ".join(
            ["type(v%d).%s is not i%d" % (k, method, k),
             "%r in getattr(v%d, '__dict__', ())" % (method, k)]
            + ["v%d.%s" % (k, flag) for flag in flags])
        return [
            "if %r in request.__dict__:" % name,
            "    v%d = request.__dict__[%r]" % (k, name),
            "    if %s:" % idle] + ["        " + line for line in call] + [
            "elif %s:" % unbuilt] + ["    " + line for line in call]
    if plan[0] == "meta":
        return ["if request.META.get(%r):" % plan[1]] + [
            "    " + line for line in call]
    if plan[0] == "content-length":
        # (a response `plain` stands for has ResponseHeaders, in `store`)
        headers, store = (
            ("(plain is response or type(response.headers) is ResponseHeaders)",
             ["    if plain is not response:",
              "        store = response.headers._store"]) if checked else
            ("type(response.headers) is ResponseHeaders",
             ["    store = response.headers._store"]))
        return [
            "if (response.status_code != 404 and not response.streaming",
            "        and %s" % headers,
            "        and type(response).content is base_content",
            "        and type(response).has_header is base_has_header):"] + store + [
            "    if 'content-length' not in store:",
            "        store['content-length'] = ('Content-Length', "
            "str(len(b''.join(response._container))))",
            "else:"] + ["    " + line for line in call]
    # `plain is response`: an earlier step of this kind found this
    # response's get() the base one and its headers a ResponseHeaders,
    # whose store is `store` (no hook called since).
    items, exempt = plan[1:]
    if checked:
        condition = ("(plain is response or type(response).get is base_get and "
                     "type(response.headers) is ResponseHeaders)")
        if exempt is not None:
            condition += " and not getattr(response, %r, False)" % exempt
        lines = ["if %s:" % condition,
                 "    if plain is not response:",
                 "        store = response.headers._store",
                 "        plain = response"]
    else:  # (the first: nothing checked before)
        condition = "type(response).get is base_get"
        if exempt is not None:
            condition += " and not getattr(response, %r, False)" % exempt
        lines = ["if %s and type(response.headers) is ResponseHeaders:" % condition,
                 "    store = response.headers._store",
                 "    plain = response"]
        if isinstance(checked, list):
            checked.append(k)
    for m, (lower, item) in enumerate(items):
        names["x%d_%d" % (k, m)] = item
        lines.extend(("    if %r not in store:" % lower,
                      "        store[%r] = x%d_%d" % (lower, k, m)))
    return lines + ["else:"] + ["    " + line for line in call]


def _import_middleware(middleware_path):
    """The middleware settings.MIDDLEWARE names, or ImproperlyConfigured."""
    try:
        return import_string(middleware_path)
    except ImportError as err:
        cause = err.__cause__ or err.__context__
        raise ImproperlyConfigured(
            "MIDDLEWARE lists %r, which cannot be imported: %s" % (
                middleware_path, cause or err)) from err


def _middleware_mode(middleware, middleware_path, handler_is_async):
    """Whether the middleware runs async: sync when it can and the layer
    inside is sync, else async if it can (Django's rule)."""
    can_sync = getattr(middleware, "sync_capable", True)
    can_async = getattr(middleware, "async_capable", False)
    if not can_sync and not can_async:
        raise RuntimeError(
            "Middleware %s must have at least one of sync_capable/async_capable "
            "set to True." % middleware_path)
    if not handler_is_async and can_sync:
        return False
    return can_async


def _escaped(request, exc, layer):
    """`exc` escaped layer `layer` of a flat chain: return the response its
    wrapper makes of it and the next layer whose process_response runs.  An
    error while converting escapes the layer outside, as in the nested chain
    (and out of the chain from the outermost)."""
    while True:
        try:
            return response_for_exception(request, exc), layer - 1
        except Exception as error:
            if layer == 0:
                raise
            exc, layer = error, layer - 1


@_settings_derived
def _atomic_request_aliases():
    """The aliases of the DATABASES that set ATOMIC_REQUESTS, in order."""
    return tuple(alias for alias, conf in settings.DATABASES.items()
                 if conf.get("ATOMIC_REQUESTS"))


def _check_input(request):
    """Refuse bad input before any middleware or view sees it: raise the
    BadRequest found while reading the environ, DisallowedHost for a Host not
    in ALLOWED_HOSTS (Django leaves this to CommonMiddleware; we always
    check), and validate a query string with escapes or non-ASCII bytes, so
    that each is a 400 even for views that never read request.GET."""
    error = request._input_error
    if error is not None:
        raise error
    environ = getattr(request, "environ", None)
    if environ is not None:
        request.get_host()
        query = environ.get("QUERY_STRING")
        if query and ("%" in query or not query.isascii()
                      or query.count("&") >= 1000):
            request.GET  # noqa: B018 - parse (and validate) now


def reset_urlconf(sender, **kwargs):
    """Forget the thread's URLconf once a response is finished: a
    request.urlconf set by middleware must not outlive its request."""
    _urlstate.urlconf = None  # set_urlconf(None), one call less per request


request_finished.connect(reset_urlconf)
