"""CommonMiddleware (django/middleware/common.py): APPEND_SLASH
and PREPEND_WWW; BrokenLinkEmailsMiddleware: 404s with a referer mailed to
the MANAGERS.
"""

import urllib.parse
import re

from djscratch.core.exceptions import PermissionDenied, Resolver404
from djscratch.conf import settings
from djscratch.core.mail.sending import mail_managers
from djscratch.http.response import (
    _set_content_length, HttpResponsePermanentRedirect,
)
from djscratch.urls.base import resolve
from djscratch.utils.deprecation import MiddlewareMixin

__all__ = [
    "CommonMiddleware", "BrokenLinkEmailsMiddleware",
]


def _path_resolves(path, urlconf=None):
    """Return the ResolverMatch for `path`, or False when nothing matches."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return False


class CommonMiddleware(MiddlewareMixin):
    """Refuse DISALLOWED_USER_AGENTS; APPEND_SLASH and PREPEND_WWW redirects.

    The slash redirect happens only for a 404 whose path lacks a trailing
    slash while the slashed path resolves; it stays on the same site (a path
    starting with // is escaped so it cannot become another host).
    """

    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request):
        agent = request.META.get("HTTP_USER_AGENT")
        if agent is not None:
            for pattern in settings.DISALLOWED_USER_AGENTS:
                if re.search(pattern, agent) if isinstance(pattern, str) else (
                        pattern.search(agent)):
                    raise PermissionDenied("Forbidden user agent")
        host = request.get_host()
        if settings.PREPEND_WWW and host and not host.startswith("www."):
            if self.should_redirect_with_slash(request):
                path = self.get_full_path_with_slash(request)
            else:
                path = request.get_full_path()
            return self.response_redirect_class(
                "%s://www.%s%s" % (request.scheme, host, path))
        return None

    def should_redirect_with_slash(self, request):
        """Return whether appending a slash turns a missing path into a match."""
        if settings.APPEND_SLASH and not request.path_info.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            if not _path_resolves(request.path_info, urlconf):
                match = _path_resolves(request.path_info + "/", urlconf)
                if match:
                    return getattr(match.func, "should_append_slash", True)
        return False

    def get_full_path_with_slash(self, request):
        """Return the request's path with a slash appended, query string kept."""
        path = urllib.parse.quote(request.path + "/", safe="/:@&+$,-_.!~*'()%")
        if path.startswith("//"):
            path = "/%2F" + path[2:]
        query = request.META.get("QUERY_STRING", "")
        if query:
            path += "?" + urllib.parse.quote(query, safe="/#%[]=:;$&()+,!?*@'~")
        if settings.DEBUG and request.method in ("DELETE", "POST", "PUT", "PATCH"):
            raise RuntimeError(
                "You called this URL via %(method)s, but the URL doesn't end in a "
                "slash and you have APPEND_SLASH set. Django can't redirect to the "
                "slash URL while maintaining %(method)s data. Change your form to "
                "point to %(url)s (note the trailing slash), or set "
                "APPEND_SLASH=False in your Django settings."
                % {"method": request.method, "url": request.get_host() + path})
        return path

    def process_response(self, request, response):
        if response.status_code == 404 and self.should_redirect_with_slash(request):
            return self.response_redirect_class(
                self.get_full_path_with_slash(request))
        if not response.streaming:
            _set_content_length(response)
        return response


def _common_request_idle(earlier):
    """Whether CommonMiddleware.process_request does nothing for every
    request (see _active_hooks()): no DISALLOWED_USER_AGENTS, no
    PREPEND_WWW, and its request.get_host() repeats the check the handler
    made before the chain (_check_input()), which no earlier hook undid."""
    return (not settings.DISALLOWED_USER_AGENTS and not settings.PREPEND_WWW
            and all(getattr(hook, "_djscratch_keeps_host", False)
                    for _i, hook in earlier))


CommonMiddleware.process_request._djscratch_idle = _common_request_idle


def _common_response_plan(hook):
    """CommonMiddleware.process_response for _response_step(): for a
    response that is not a 404, Content-Length unless streaming."""
    return ("content-length",)


CommonMiddleware.process_response._djscratch_response_plan = _common_response_plan
# It refuses, redirects or returns None: it removes no request attribute
# (see _request_steps()).
CommonMiddleware.process_request._djscratch_keeps_promises = True


class BrokenLinkEmailsMiddleware(MiddlewareMixin):
    """Mail the MANAGERS about a 404 that a link led to (DEBUG off).

    Requests without a referer, a search engine's (a "?" in a foreign
    referer), a bot's (referer == URL), APPEND_SLASH's own redirect and paths
    matching IGNORABLE_404_URLS are not reported.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and not settings.DEBUG:
            domain = request.get_host()
            path = request.get_full_path()
            referer = request.META.get("HTTP_REFERER", "")
            if not self.is_ignorable_request(request, path, domain, referer):
                internal = "INTERNAL " if self.is_internal_request(domain, referer) \
                    else ""
                user_agent = request.META.get("HTTP_USER_AGENT", "<none>")
                ip = request.META.get("REMOTE_ADDR", "<none>")
                mail_managers(
                    f"Broken {internal}link on {domain}",
                    f"Referrer: {referer}\nRequested URL: {path}\n"
                    f"User agent: {user_agent}\nIP address: {ip}\n",
                    fail_silently=True)
        return response

    def is_internal_request(self, domain, referer):
        """Return True when the referer is a page of the same host (a
        subdomain is another host)."""
        return bool(re.match("^https?://%s/" % re.escape(domain), referer))

    def is_ignorable_request(self, request, uri, domain, referer):
        """Return True when this 404 is not worth a mail (see the class)."""
        if not referer:
            return True
        if settings.APPEND_SLASH and uri.endswith("/") and referer == uri[:-1]:
            return True
        if not self.is_internal_request(domain, referer) and "?" in referer:
            return True

        parsed = urllib.parse.urlsplit(referer)
        if parsed.netloc in ("", domain) and parsed.path == uri:
            return True
        return any(pattern.search(uri) for pattern in settings.IGNORABLE_404_URLS)
