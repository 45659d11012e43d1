"""Record what real Django 5.2 answers to tests/attack_cases.py.

It writes tests/attacks_expected.json (status, Location, and the body where a
case asks for it) and tests/attacks_functions_expected.json (Django's results
for the cookie, query, redirect, escaping and file-name inputs).  The views
below mirror tests/attack_app.py (without the ORM ones, which test_attacks.py
checks directly).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import io
import json
import os
import sys
from wsgiref.util import setup_testing_defaults

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import attack_cases  # noqa: E402

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    SECRET_KEY="test-secret-key-not-for-production-0123456789abcdefghijklmnop",
    ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.sessions", "django.contrib.messages",
                    "django.contrib.staticfiles"],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(HERE, "attack_templates")],
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "django.contrib.messages.context_processors.messages",
        ]},
    }],
    STATIC_URL="/static/",
    STATICFILES_DIRS=[os.path.join(HERE, "attack_static")],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    USE_TZ=True,
    TIME_ZONE="UTC",
    LOGGING_CONFIG=None,
)
django.setup()

from django import forms  # noqa: E402
from django.contrib.staticfiles.views import serve as static_serve  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import (  # noqa: E402
    Http404, HttpResponse, HttpResponseRedirect, JsonResponse)
from django.shortcuts import redirect, render  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils.http import url_has_allowed_host_and_scheme  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.static import serve  # noqa: E402


class ContactForm(forms.Form):
    name = forms.CharField(max_length=50)
    age = forms.IntegerField(min_value=0, max_value=150)
    email = forms.EmailField()


def home(request):
    return HttpResponse("ok")


def search(request):
    context = {"q": request.GET.get("q", ""), "items": request.GET.getlist("i")}
    return render(request, "echo.html", context)


def contact(request):
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            return redirect("/contact/?sent=1")
    else:
        form = ContactForm()
    return render(request, "form.html", {"form": form})


@csrf_exempt
def form_echo(request):
    return JsonResponse({"keys": len(request.POST),
                         "q": request.POST.getlist("q")[:3]})


@csrf_exempt
def json_echo(request):
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):
        return JsonResponse({"error": "invalid JSON"}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "expected an object"}, status=400)
    return JsonResponse({"got": data})


def login(request):
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("/")


def go(request):
    return HttpResponseRedirect(request.GET.get("to", "/"))


def item_detail(request, pk):
    raise Http404("No Item matches the given query.")


@csrf_exempt
def upload(request):
    files = request.FILES.getlist("f")
    size = sum(f.size for f in files)
    return JsonResponse({"files": len(files), "size": size,
                         "names": [f.name for f in files][:5],
                         "fields": sorted(request.POST.keys())})


def prefs(request):
    """Store a preference the user typed in a cookie (and a header)."""
    response = HttpResponse("saved")
    response.set_cookie("pref", request.GET.get("v", ""))
    return response


def session_set(request):
    request.session["v"] = request.GET.get("v", "")
    return HttpResponse("set")


def session_get(request):
    return HttpResponse(request.session.get("v", "<none>"),
                        content_type="text/plain")


def static_view(request, path):
    return static_serve(request, path, insecure=True)


urlpatterns = [
    path("", home),
    path("search/", search),
    path("contact/", contact),
    path("json/", json_echo),
    path("form-echo/", form_echo),
    path("login/", login),
    path("go/", go),
    path("items/<int:pk>/", item_detail),
    path("upload/", upload),
    path("prefs/", prefs),
    path("session/set/", session_set),
    path("session/get/", session_get),
    path("static/<path:path>", static_view),
    path("media/<path:path>", serve,
         {"document_root": os.path.join(HERE, "attack_static")}),
]


def run(app, case):
    body = case["body"].encode("latin-1")
    env = {"REQUEST_METHOD": case["method"], "PATH_INFO": case["path"],
           "SCRIPT_NAME": "", "QUERY_STRING": case["query"],
           "wsgi.input": io.BytesIO(body), "HTTP_HOST": "testserver"}
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
    if case["content_type"]:
        env["CONTENT_TYPE"] = case["content_type"]
    env.update(case["env"])
    setup_testing_defaults(env)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers

    result = app(env, start_response)
    data = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    headers = dict(captured["headers"])
    out = {"status": int(captured["status"].split()[0]),
           "location": headers.get("Location")}
    if case.get("header_compare"):
        out["headers"] = [v for k, v in captured["headers"]
                          if k.lower() == case["header_compare"].lower()]
    if case.get("body_compare"):
        out["body"] = data.decode("utf-8")
    return out


def main():
    import logging

    logging.disable(logging.CRITICAL)
    app = WSGIHandler()
    expected = {c["name"]: run(app, c) for c in attack_cases.CASES}
    with open(os.path.join(HERE, "attacks_expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print("%d cases written" % len(expected))
    write_functions()



def functions():
    """Return Django's results for the pure-function inputs of attack_cases."""
    from django.http import QueryDict
    from django.http.cookie import parse_cookie
    from django.template import Context, Template
    from django.utils.encoding import iri_to_uri
    from django.utils.html import escape, escapejs, json_script
    from django.utils.text import get_valid_filename

    def outcome(func, *args, **kwargs):
        try:
            return ["ok", func(*args, **kwargs)]
        except Exception as exc:  # the exception class is the result
            return ["raises", type(exc).__name__]

    from django.utils.http import content_disposition_header
    from django.utils.text import Truncator

    urlencode_t = Template("{{ v|urlencode }}")
    filters_t = Template(
        "{{ v|urlize }}|{{ v|striptags }}|{{ v|linebreaks }}|"
        "{{ v|truncatewords_html:3 }}|{{ v|truncatechars_html:5 }}|{{ v|slugify }}|"
        "{{ v|urlizetrunc:10 }}|{{ v|safe|striptags }}")
    return {
        "parse_cookie": {s: parse_cookie(s) for s in attack_cases.COOKIE_STRINGS},
        "querydict": {s: sorted(QueryDict(s).lists())
                      for s in attack_cases.QUERY_STRINGS},
        "url_has_allowed_host_and_scheme": {
            u: [url_has_allowed_host_and_scheme(u, {"testserver"}),
                url_has_allowed_host_and_scheme(u, {"testserver"}, require_https=True)]
            for u in attack_cases.REDIRECT_URLS},
        "escape": {t: escape(t) for t in attack_cases.TEXTS},
        "escapejs": {t: escapejs(t) for t in attack_cases.TEXTS},
        "json_script": {t: json_script(t, "d") for t in attack_cases.TEXTS},
        "urlencode_filter": {t: urlencode_t.render(Context({"v": t}))
                             for t in attack_cases.TEXTS},
        "iri_to_uri": {t: iri_to_uri(t) for t in attack_cases.TEXTS},
        "get_valid_filename": {f: outcome(get_valid_filename, f)
                               for f in attack_cases.FILENAMES},
        "text_filters": {t: filters_t.render(Context({"v": t}))
                         for t in attack_cases.HTML_TEXTS},
        "truncator_html": {t: Truncator(t).words(2, html=True)
                           for t in attack_cases.HTML_TEXTS},
        "content_disposition_header": {
            n: [content_disposition_header(True, n),
                content_disposition_header(False, n)]
            for n in attack_cases.DISPOSITION_NAMES},
    }


def form_outcome(forms_module, key, value):
    """Return [valid, error codes or cleaned value as text] for one field."""
    class_name, kwargs = attack_cases.FORM_FIELDS[key]
    field = getattr(forms_module, class_name)(**kwargs)
    try:
        cleaned = field.clean(value)
    except forms_module.ValidationError as exc:
        return [False, sorted({e.code or "" for e in exc.error_list})]
    except Exception as exc:  # what Django does is recorded, not judged here
        return ["raises", type(exc).__name__]
    return [True, str(cleaned)]


def form_fields():
    import warnings

    from django import forms

    warnings.simplefilter("ignore")  # URLField's notice about Django 6.0

    return {"%s|%s" % (key, value): form_outcome(forms, key, value)
            for key in attack_cases.FORM_FIELDS for value in attack_cases.FORM_VALUES}


def write_functions():
    path = os.path.join(HERE, "attacks_functions_expected.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(dict(functions(), form_fields=form_fields()), f, indent=1,
                  sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
