"""Write tests/csrf_expected.json: Django 5.2's verdict for each CSRF case.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from django.conf import settings  # noqa: E402

settings.configure(SECRET_KEY="x" * 50, ALLOWED_HOSTS=["testserver"], USE_I18N=False)

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.middleware.csrf import CsrfViewMiddleware  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402

from tests.csrf_cases import CASES, resolve  # noqa: E402


def failure(request, reason=""):
    return HttpResponse(reason, status=403)


def view(request):
    return HttpResponse("ok")


def run(case):
    factory = RequestFactory()
    extra = {}
    if "header" in case:
        extra["HTTP_X_CSRFTOKEN"] = resolve(case["header"])
    if "origin" in case:
        extra["HTTP_ORIGIN"] = case["origin"]
    if "referer" in case:
        extra["HTTP_REFERER"] = case["referer"]
    data = {"csrfmiddlewaretoken": resolve(case["post"])} if "post" in case else {}
    method = case["method"].lower()
    secure = case.get("secure", False)
    if method == "post":
        request = factory.post("/", data, secure=secure, **extra)
    else:
        request = getattr(factory, method)("/", secure=secure, **extra)
    if "cookie" in case:
        request.COOKIES["csrftoken"] = resolve(case["cookie"])
    middleware = CsrfViewMiddleware(view)
    with override_settings(CSRF_TRUSTED_ORIGINS=case.get("trusted", []),
                           CSRF_FAILURE_VIEW=failure):
        middleware.process_request(request)
        response = middleware.process_view(request, view, (), {}) or view(request)
        response = middleware.process_response(request, response)
    return {"status": response.status_code,
            "reason": response.content.decode() if response.status_code == 403 else "",
            "sets_cookie": "csrftoken" in response.cookies}


if __name__ == "__main__":
    out = {name: run(case) for name, case in CASES.items()}
    path = os.path.join(HERE, "csrf_expected.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)
