"""The CSRF failure page (django/views/csrf.py).
"""

from djscratch.conf import settings
from djscratch.utils.html import escape
from djscratch.http.response import HttpResponseForbidden
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.loader import get_template
from djscratch.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER

__all__ = [
    "csrf_failure", "CSRF_FAILURE_TEMPLATE_NAME",
]

#: The template a project may supply for the CSRF failure page.
CSRF_FAILURE_TEMPLATE_NAME = "403_csrf.html"


# -- The CSRF failure page -----------------------------------------------------

_CSRF_FAILURE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>
    body { font-family: sans-serif; background: #eee; color: #000; margin: 0; }
    body > div { padding: 10px 20px; border-bottom: 1px solid #ddd; }
    #summary { background: #ffc; }
    #info { background: #f6f6f6; }
    h1 { font-weight: normal; } h1 span { font-size: 60%%; color: #666; }
  </style>
</head>
<body>
<div id="summary">
  <h1>Forbidden <span>(403)</span></h1>
  <p>CSRF verification failed. Request aborted.</p>
%(hint)s</div>
%(more)s
</body>
</html>
"""

_CSRF_NO_COOKIE_HINT = (
    "  <p>This site needs a CSRF cookie when a form is submitted, and your browser "
    "did not send one. The cookie protects you against other sites posting "
    "forms in your name.</p>\n"
    "  <p>If your browser blocks cookies, allow them for this site (or at least "
    "for same-origin requests).</p>\n")

_CSRF_NO_REFERER_HINT = (
    "  <p>This HTTPS site checks the Referer header of form submissions, and "
    "your browser did not send one.</p>\n"
    "  <p>If you turned Referer headers off, turn them back on for this site or "
    "for same-origin requests; a no-referrer policy on the page has the same "
    "effect.</p>\n")

_CSRF_DEBUG_HELP = """<div id="info">
  <h2>Help</h2>
  <p>Reason given for failure:</p>
  <pre>
    %(reason)s
  </pre>
  <p>A POST (or PUT, PATCH, DELETE) request must prove it comes from this site.
  Check that:</p>
  <ul>
    <li>the browser accepts cookies (the <code>%(cookie)s</code> cookie carries
    the secret);</li>
    <li>the view renders its template with the <code>request</code>, so the
    token is available;</li>
    <li>every POST form to this site contains <code>{%% csrf_token %%}</code>,
    and JavaScript sends the token in the <code>X-CSRFToken</code> header;</li>
    <li>without CsrfViewMiddleware, both the form view and the view receiving the
    POST use <code>csrf_protect</code>;</li>
    <li>the page is fresh: the token changes at login, so reload forms opened
    before it.</li>
  </ul>
  <p>You see this help because DEBUG is True; set CSRF_FAILURE_VIEW to use your
  own page.</p>
</div>"""


def csrf_failure(request, reason="", template_name=CSRF_FAILURE_TEMPLATE_NAME):
    """Return the 403 page for a failed CSRF check (CSRF_FAILURE_VIEW)."""
    if settings.TEMPLATES:
        try:
            template = get_template(template_name)
        except TemplateDoesNotExist:
            if template_name != CSRF_FAILURE_TEMPLATE_NAME:
                raise
        else:
            return HttpResponseForbidden(template.render(request=request))
    hint = ""
    if reason == REASON_NO_CSRF_COOKIE:
        hint = _CSRF_NO_COOKIE_HINT
    elif reason == REASON_NO_REFERER:
        hint = _CSRF_NO_REFERER_HINT
    if settings.DEBUG:
        more = _CSRF_DEBUG_HELP % {"reason": escape(reason),
                                   "cookie": escape(settings.CSRF_COOKIE_NAME)}
    else:
        more = ('<div id="explanation">\n  <p><small>More information is available '
                "with DEBUG=True.</small></p>\n</div>")
    body = _CSRF_FAILURE_PAGE % {"hint": hint, "more": more}
    return HttpResponseForbidden(body)
