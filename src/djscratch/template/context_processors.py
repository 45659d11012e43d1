"""The context processors
(django/template/context_processors.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.utils, middleware.csrf.
import djscratch

from djscratch.utils.functional import lazy
from djscratch.conf import settings
from djscratch.utils.timezone import get_current_timezone_name


# -- Context processors (django.template.context_processors).

def _cp_csrf(request):
    """Provide csrf_token, computed only if a template uses it."""
    computed = []

    def token():
        # Computed once per context, as Django's SimpleLazyObject: the
        # {% csrf_token %} tag reads it twice, and each get_token() masks anew.
        if not computed:
            value = djscratch.middleware.csrf.get_token(request)  # the middleware section's  # noqa: E501
            computed.append("NOTPROVIDED" if value is None else value)
        return computed[0]

    return {"csrf_token": _lazy_call(token)}


# One lazy class for every request (lazy() builds a class per call).
_lazy_call = lazy(lambda func: func(), str)
#: The class of _lazy_call()'s proxies (the csrf processor's token): the
#: {% csrf_token %} tag evaluates one once rather than on each use.
_LazyCallProxy = type(_lazy_call(None))


def _cp_debug(request):
    """Provide `debug` and `sql_queries` for INTERNAL_IPS when DEBUG is on."""
    if settings.DEBUG and request.META.get("REMOTE_ADDR") in settings.INTERNAL_IPS:
        def queries():
            # Every database's queries, read when the template uses them.
            handler = djscratch.db.utils.connections
            try:
                return [query for alias in handler for query in handler[alias].queries]
            except KeyError:
                return []

        return {"debug": True, "sql_queries": lazy(queries, list)()}
    return {}


def _cp_request(request):
    return {"request": request}


def _cp_static(request):
    return {"STATIC_URL": settings.STATIC_URL}


def _cp_media(request):
    return {"MEDIA_URL": settings.MEDIA_URL}


def _cp_tz(request):
    return {"TIME_ZONE": get_current_timezone_name()}


def _cp_i18n(request):
    code = settings.LANGUAGE_CODE
    return {"LANGUAGES": getattr(settings, "LANGUAGES", [(code, code)]),
            "LANGUAGE_CODE": code, "LANGUAGE_BIDI": False}
