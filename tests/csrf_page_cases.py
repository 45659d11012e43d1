"""Cases for django.views.csrf.csrf_failure, the CSRF 403 page: each reason
the middleware gives, with DEBUG off and on, with and without a template
engine.  tests/gen_csrf_page_expected.py runs them on real Django;
tests/test_csrf_page.py on djscratch.
"""

REASONS = [
    "CSRF cookie not set.",
    "Referer checking failed - no Referer.",
    "Origin checking failed - https://evil.example does not match any trusted "
    "origins.",
    "CSRF token missing.",
    "<b>escaped</b>",
]

ENGINES = {
    "no engine": [],
    "DjangoTemplates": [
        {"BACKEND": "django.template.backends.django.DjangoTemplates"}],
}


def run_cases():
    """Return {case: {status, content_type, body}}."""
    from django.test import RequestFactory, override_settings
    from django.views.csrf import csrf_failure

    results = {}
    request = RequestFactory().post("/form/")
    for engine, templates in ENGINES.items():
        for debug in (False, True):
            for reason in REASONS:
                with override_settings(DEBUG=debug, TEMPLATES=templates):
                    response = csrf_failure(request, reason=reason)
                results[f"{engine} DEBUG={debug} {reason}"] = {
                    "status": response.status_code,
                    "content_type": response["Content-Type"],
                    "body": response.content.decode(),
                }
    return results
