"""Record what real Django 5.2 answers to tests/template_injection_cases.py.

It writes tests/template_injection_expected.json: for every case, the rendered
output or the exception's class name and message, and the same for the views
that build a template name from the query string (VIEW_QUERIES).  It also
checks that no payload ran under Django.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import template_injection_cases as cases  # noqa: E402

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    SECRET_KEY="test-secret-key-not-for-production-0123456789abcdefghijklmnop",
    ALLOWED_HOSTS=["testserver"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    TEMPLATES=[],  # set below, once the temp dir exists
    USE_TZ=True,
    TIME_ZONE="UTC",
    LOGGING_CONFIG=None,
)
django.setup()

from django.shortcuts import render  # noqa: E402
from django.template import Context, Engine  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402


def page(request):
    return render(request, "pages/%s.html" % request.GET.get("p", ""))


urlpatterns = [path("page/", page)]

#: query value of ?p= -> what the view answers (from the oracle)
VIEW_QUERIES = ["about", "x%s/../about" % cases.DOCSTRING_BREAKER,
                "x%s/../about" % cases.NEWLINE_BREAKER]


def write_files(root):
    for name, text in cases.FILES.items():
        target = os.path.join(root, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)


def run_case(case, root):
    if case["loader"] == "fs":
        engine = Engine(dirs=[root])
    else:
        engine = Engine(loaders=[("django.template.loaders.locmem.Loader",
                                  case["templates"])])
    try:
        if "name" in case:
            template = engine.get_template(case["name"])
        else:
            template = engine.from_string(case["source"])
        return {"output": template.render(Context(case.get("context", {})))}
    except Exception as exc:
        return {"error": type(exc).__name__, "message": str(exc)}


def main():
    results = {"cases": {}, "views": {}}
    with tempfile.TemporaryDirectory() as root:
        write_files(root)
        for key, case in cases.CASES.items():
            results["cases"][key] = run_case(case, root)
        templates = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                      "DIRS": [root]}]
        with override_settings(TEMPLATES=templates):
            client = Client(raise_request_exception=False)
            for query in VIEW_QUERIES:
                response = client.get("/page/", {"p": query})
                results["views"][query] = {
                    "status": response.status_code,
                    "body": response.content.decode() if response.status_code == 200
                    else None}
    assert cases.CANARY not in os.environ, "a payload ran under Django"
    results["view_queries"] = VIEW_QUERIES
    with open(os.path.join(HERE, "template_injection_expected.json"), "w",
              encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
