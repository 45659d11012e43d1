"""BaseHandler (django/core/handlers/base.py): the
middleware chain around the view.
"""

import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: contrib.staticfiles.handlers.
import djscratch

from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from djscratch.utils.deprecation import MiddlewareMixin
from djscratch.conf import _settings_derived, settings
from djscratch.utils.log import _get_logger, _log_response
from djscratch.urls.base import get_resolver, set_urlconf
from djscratch.db.transaction import atomic
from djscratch.core.handlers.exception import (
    convert_exception_to_response, response_for_exception,
)


# -- The handler.


class BaseHandler:
    """Load the middleware chain and turn a request into a response."""

    _middleware_chain = None

    def load_middleware(self):
        """Build the chain from settings.MIDDLEWARE, innermost first."""
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        source = settings.MIDDLEWARE
        handler = convert_exception_to_response(self._get_response)
        instances = []
        for middleware_path in reversed(source):
            try:
                middleware = import_string(middleware_path)
            except ImportError as err:
                cause = err.__cause__ or err.__context__
                raise ImproperlyConfigured(
                    "MIDDLEWARE lists %r, which cannot be imported: %s" % (
                        middleware_path, cause or err)) from err
            try:
                instance = middleware(handler)
            except MiddlewareNotUsed as exc:
                if settings.DEBUG:
                    _get_logger("django.request").debug(
                        "MiddlewareNotUsed(%r): %s", middleware_path, exc)
                continue
            if instance is None:
                raise ImproperlyConfigured(
                    "Middleware factory %s returned None." % middleware_path)
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(
                    instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
            instances.insert(0, instance)
        self._middleware_source = source
        self._middleware_chain = handler
        # When every layer is a plain MiddlewareMixin, _run_flat() runs the
        # same hooks in the same order in one loop, without two frames per
        # layer; any other middleware (a function, a custom __call__) keeps
        # the nested chain.
        flat = all(type(m).__call__ is MiddlewareMixin.__call__ for m in instances)
        self._flat_middleware = tuple(instances) if flat else None
        self._flat_hooks = _flat_hooks(instances) if flat else None

    def get_response(self, request):
        """Return the response for `request` (middleware, view, error pages)."""
        set_urlconf(settings.ROOT_URLCONF)
        if self._middleware_source is not settings.MIDDLEWARE:
            with _handler_lock:  # settings changed (override_settings)
                if self._middleware_source is not settings.MIDDLEWARE:
                    self.load_middleware()
        try:
            _check_input(request)
            response = djscratch.contrib.staticfiles.handlers._static_response(request)
        except Exception as exc:
            response = response_for_exception(request, exc)
        if response is None:
            if self._flat_middleware is not None:
                response = self._run_flat(request)
            else:
                response = self._middleware_chain(request)
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            _log_response("%s: %s", response.reason_phrase, request.path,
                          response=response, request=request)
        return response

    def _run_flat(self, request):
        """Run the middleware chain as the nested one would, in one loop.

        Layer i's __call__ runs process_request, then (unless that returned a
        response) the layers inside it, then process_response; an exception
        escaping layer i is turned into a response by the wrapper around it
        (convert_exception_to_response), and layer i-1 goes on with that
        response.  The view is layer n, whose wrapper converts its errors.
        Only the layers that have a hook are visited (see _flat_hooks()).
        """
        request_hooks, response_hooks = self._flat_hooks
        response = None
        for i, process_request in request_hooks:
            try:
                response = process_request(request)
            except Exception as exc:
                response, last = _escaped(request, exc, i)
                break
            if response:
                last = i
                break
        else:
            try:
                response = self._get_response(request)
            except Exception as exc:
                response, last = _escaped(request, exc, len(self._flat_middleware))
            else:
                last = len(self._flat_middleware) - 1
        for i, process_response in response_hooks:
            if i > last:
                continue
            try:
                response = process_response(request, response)
            except Exception as exc:
                response, last = _escaped(request, exc, i)
        return response

    def _get_response(self, request):
        """Resolve the view, run view middleware, call the view, render."""
        response = None
        callback, callback_args, callback_kwargs = self.resolve_request(request)
        for middleware_method in self._view_middleware:
            response = middleware_method(request, callback, callback_args,
                                         callback_kwargs)
            if response:
                break
        if response is None:
            wrapped_callback = self.make_view_atomic(callback)
            try:
                response = wrapped_callback(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        if response is None:
            self.check_response(response, callback)
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
                atomic_ = atomic
                if atomic_ is None:
                    raise ImproperlyConfigured(
                        "ATOMIC_REQUESTS needs the ORM's transaction.atomic().")
                view = atomic_(using=alias)(view)
        return view

    def check_response(self, response, callback, name=None):
        """Raise ValueError if a view returned None instead of a response."""
        if response is None:
            if not name:
                callback = getattr(callback, "view_class", callback)
                if hasattr(callback, "__qualname__"):
                    name = "The view %s.%s" % (
                        callback.__module__, callback.__qualname__)
                else:
                    name = "The view %s.%s.__call__" % (
                        callback.__module__, callback.__class__.__name__)
            raise ValueError(
                "%s didn't return an HttpResponse object. It returned None instead."
                % name)

    def process_exception_by_middleware(self, exception, request):
        """Let process_exception() middleware turn the exception into a response."""
        for middleware_method in self._exception_middleware:
            response = middleware_method(request, exception)
            if response:
                return response
        return None


_handler_lock = threading.Lock()


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
