"""The CSRF failure page (django/views/csrf.py).
"""

from djscratch.conf import settings
from djscratch.utils.translation import gettext
from djscratch.utils.version import get_docs_version
from djscratch.http.response_extra import HttpResponseForbidden
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.context import Context
from djscratch.template.engine import Engine
from djscratch.template.loader import get_template
from djscratch.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER

__all__ = [
    "csrf_failure", "CSRF_FAILURE_TEMPLATE_NAME",
]

#: The template a project may supply for the CSRF failure page.
CSRF_FAILURE_TEMPLATE_NAME = "403_csrf.html"


# -- The CSRF failure page -----------------------------------------------------

#: Django's built-in page (django/views/templates/csrf_403.html), rendered
#: when the project has no 403_csrf.html.
_CSRF_FAILURE_TEMPLATE = ("""<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font-family: sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
  </style>
</head>
<body>
<div id="summary">
  <h1>{{ title }} <span>(403)</span></h1>
  <p>{{ main }}</p>
{% if no_referer %}
  <p>{{ no_referer1 }}</p>
  <p>{{ no_referer2 }}</p>
  <p>{{ no_referer3 }}</p>
{% endif %}
{% if no_cookie %}
  <p>{{ no_cookie1 }}</p>
  <p>{{ no_cookie2 }}</p>
{% endif %}
</div>
{% if DEBUG %}
<div id="info">
  <h2>Help</h2>
    {% if reason %}
    <p>Reason given for failure:</p>
    <pre>
    {{ reason }}
    </pre>
    {% endif %}

  <p>In general, this can occur when there is a genuine Cross Site Request"""
""" Forgery, or when
  <a
  href="https://docs.djangoproject.com/en/{{ docs_version }}/ref/csrf/">Django’s
  CSRF mechanism</a> has not been used correctly.  For POST forms, you need to
  ensure:</p>

  <ul>
    <li>Your browser is accepting cookies.</li>

    <li>The view function passes a <code>request</code> to the template’s <a
    href="https://docs.djangoproject.com/en/{{ docs_version"""
""" }}/topics/templates/#django.template.backends.base.Template.render"><code>ren"""
"""der</code></a>
    method.</li>

    <li>In the template, there is a <code>{% templatetag openblock %} csrf_token
    {% templatetag closeblock %}</code> template tag inside each POST form that
    targets an internal URL.</li>

    <li>If you are not using <code>CsrfViewMiddleware</code>, then you must use
    <code>csrf_protect</code> on any views that use the <code>csrf_token</code>
    template tag, as well as those that accept the POST data.</li>

    <li>The form has a valid CSRF token. After logging in in another browser
    tab or hitting the back button after a login, you may need to reload the
    page with the form, because the token is rotated after a login.</li>
  </ul>

  <p>You’re seeing the help section of this page because you have <code>DEBUG =
  True</code> in your Django settings file. Change that to <code>False</code>,
  and only the initial error message will be displayed.  </p>

  <p>You can customize this page using the CSRF_FAILURE_VIEW setting.</p>
</div>
{% else %}
<div id="explanation">
  <p><small>{{ more }}</small></p>
</div>
{% endif %}
</body>
</html>
""")


def _csrf_failure_context(reason):
    """The context Django's page is rendered with (the texts are Django's)."""
    return {
        "title": gettext("Forbidden"),
        "main": gettext("CSRF verification failed. Request aborted."),
        "reason": reason,
        "no_referer": reason == REASON_NO_REFERER,
        "no_referer1": gettext(
            "You are seeing this message because this HTTPS site requires a "
            "“Referer header” to be sent by your web browser, but none was "
            "sent. This header is required for security reasons, to ensure "
            "that your browser is not being hijacked by third parties."),
        "no_referer2": gettext(
            "If you have configured your browser to disable “Referer” headers, "
            "please re-enable them, at least for this site, or for HTTPS "
            "connections, or for “same-origin” requests."),
        "no_referer3": gettext(
            'If you are using the <meta name="referrer" '
            'content="no-referrer"> tag or including the “Referrer-Policy: '
            "no-referrer” header, please remove them. The CSRF protection "
            "requires the “Referer” header to do strict referer checking. If "
            "you’re concerned about privacy, use alternatives like "
            '<a rel="noreferrer" …> for links to third-party sites.'),
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "no_cookie1": gettext(
            "You are seeing this message because this site requires a CSRF "
            "cookie when submitting forms. This cookie is required for "
            "security reasons, to ensure that your browser is not being "
            "hijacked by third parties."),
        "no_cookie2": gettext(
            "If you have configured your browser to disable cookies, please "
            "re-enable them, at least for this site, or for “same-origin” "
            "requests."),
        "DEBUG": settings.DEBUG,
        "docs_version": get_docs_version(),
        "more": gettext("More information is available with DEBUG=True."),
    }


def csrf_failure(request, reason="", template_name=CSRF_FAILURE_TEMPLATE_NAME):
    """Return the 403 page for a failed CSRF check (CSRF_FAILURE_VIEW): the
    project's 403_csrf.html (rendered with the request only, as Django), else
    Django's built-in page; a missing custom template_name raises."""
    try:
        body = get_template(template_name).render(request=request)
    except TemplateDoesNotExist:
        if template_name != CSRF_FAILURE_TEMPLATE_NAME:
            raise
        template = Engine().from_string(_CSRF_FAILURE_TEMPLATE)
        body = template.render(Context(_csrf_failure_context(reason)))
    return HttpResponseForbidden(body)
