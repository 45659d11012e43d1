"""A small app that hostile-input, concurrency and load tests aim at.

Its views take user input the ways real apps do: forms, JSON bodies,
redirects through `next=`, templates that print user text, ORM filters and
orderings from query parameters, uploads, sessions and static files.
`attack_settings(db_path)` returns the settings to run it with.
"""

import json
import os

from tests import TEST_SETTINGS
from tests.orm_support import define_models

import djscratch
from django import forms
from django.core.exceptions import BadRequest, FieldError, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.static import serve

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE_DIR = os.path.join(HERE, "attack_templates")
STATIC_DIR = os.path.join(HERE, "attack_static")

with define_models():

    class Item(models.Model):
        name = models.CharField(max_length=100)
        rank = models.IntegerField(default=0)

        class Meta:
            app_label = "tests"

    class Comment(models.Model):
        author = models.CharField(max_length=60)
        body = models.TextField()

        class Meta:
            app_label = "tests"

    class Counter(models.Model):
        name = models.CharField(max_length=30, unique=True)
        value = models.IntegerField(default=0)

        class Meta:
            app_label = "tests"


    class AttackDoc(models.Model):
        data = models.JSONField(default=dict)

        class Meta:
            app_label = "tests"


MODELS = [Item, Comment, Counter, AttackDoc]


def attack_settings(db_path, **extra):
    """Return the settings the attack app runs with, its database at db_path."""
    values = {
        **TEST_SETTINGS,
        "ROOT_URLCONF": "tests.attack_app",
        "MIDDLEWARE": list(djscratch.DEFAULT_MIDDLEWARE),
        "INSTALLED_APPS": ["django.contrib.sessions", "django.contrib.messages",
                           "django.contrib.staticfiles"],
        "TEMPLATES": [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [TEMPLATE_DIR],
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
            ]},
        }],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3",
                                  "NAME": db_path}},
        "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
        "STATIC_URL": "/static/",
        "STATICFILES_DIRS": [STATIC_DIR],
        "DJSCRATCH_SERVE_STATIC": True,
        "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
    }
    values.update(extra)
    return values


class ContactForm(forms.Form):
    name = forms.CharField(max_length=50)
    age = forms.IntegerField(min_value=0, max_value=150)
    email = forms.EmailField()


def home(request):
    return HttpResponse("ok")


def search(request):
    """Print the user's text in HTML, attributes, a URL, JSON and JavaScript."""
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
    """Report what the form parser made of the body (an API-style view)."""
    return JsonResponse({"keys": len(request.POST),
                         "q": request.POST.getlist("q")[:3]})


@csrf_exempt
def json_echo(request):
    """Echo a JSON object posted as the body; 400 for anything else."""
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):
        return JsonResponse({"error": "invalid JSON"}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "expected an object"}, status=400)
    return JsonResponse({"got": data})


def login(request):
    """Redirect to `next` only when it stays on this site (as auth's views do)."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("/")


def go(request):
    """Redirect to `to` unchecked: the framework must still keep headers whole."""
    return HttpResponseRedirect(request.GET.get("to", "/"))


def items(request):
    """List items filtered, ordered and projected by query parameters."""
    queryset = Item.objects.all()
    try:
        if "q" in request.GET:
            queryset = queryset.filter(name__contains=request.GET["q"])
        if "rank" in request.GET:
            queryset = queryset.filter(rank=request.GET["rank"])
        if "order" in request.GET:
            queryset = queryset.order_by(*request.GET.getlist("order"))
        fields = request.GET.getlist("field") or ["name"]
        rows = list(queryset.values(*fields))
    except (FieldError, ValidationError, ValueError, TypeError) as exc:
        raise BadRequest(str(exc)) from exc
    return JsonResponse({"items": rows})


def item_detail(request, pk):
    item = get_object_or_404(Item, pk=pk)
    return HttpResponse(item.name, content_type="text/plain")


def comment(request):
    """Store a comment (POST) and redirect; GET lists the count."""
    if request.method == "POST":
        author = request.POST.get("author", "")
        body = request.POST.get("body", "")
        if not author or not body or len(author) > 60:
            return HttpResponse("author and body required", status=400)
        Comment.objects.create(author=author, body=body)
        return redirect("/comments/")
    return HttpResponse(str(Comment.objects.count()), content_type="text/plain")


@csrf_exempt
def json_comment(request):
    """Store a comment posted as JSON (an API view: values reach SQLite as is)."""
    try:
        data = json.loads(request.body)
        author, body = str(data["author"]), str(data["body"])
    except (ValueError, KeyError, TypeError, RecursionError):
        return JsonResponse({"error": "expected {author, body}"}, status=400)
    comment = Comment.objects.create(author=author, body=body)
    return JsonResponse({"id": comment.pk}, status=201)


def bump(request):
    """Add one to a counter with read-modify-write inside one transaction."""
    with transaction.atomic():
        counter, _ = Counter.objects.select_for_update().get_or_create(name="hits")
        counter.value = counter.value + 1
        counter.save(update_fields=["value"])
    return HttpResponse(str(counter.value), content_type="text/plain")


def bump_f(request):
    """Add one to a counter with an F() update (one UPDATE statement)."""
    Counter.objects.filter(name="hits").update(value=F("value") + 1)
    return HttpResponse("ok", content_type="text/plain")


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


def crash(request):
    """Fail with an exception naming secrets: none may reach the client."""
    from django.conf import settings

    raise RuntimeError("boom key=%s file=%s" % (settings.SECRET_KEY, __file__))


urlpatterns = [
    path("", home),
    path("search/", search),
    path("contact/", contact),
    path("json/", json_echo),
    path("form-echo/", form_echo),
    path("login/", login),
    path("go/", go),
    path("items/", items),
    path("items/<int:pk>/", item_detail),
    path("comments/", comment),
    path("api/comments/", json_comment),
    path("bump/", bump),
    path("bump-f/", bump_f),
    path("upload/", upload),
    path("prefs/", prefs),
    path("session/set/", session_set),
    path("session/get/", session_get),
    path("crash/", crash),
    path("media/<path:path>", serve, {"document_root": STATIC_DIR}),
]



class AttackAppMixin:
    """Serve the attack app from a fresh SQLite file for one test class.

    Sets `cls.tmp`, `cls.db_path` and `cls.app` (a WSGIHandler under the
    attack app's settings); test_attacks, test_fuzz and test_secure_defaults
    share it.
    """

    @classmethod
    def setUpClass(cls):
        import tempfile

        super().setUpClass()
        cls.tmp = tempfile.mkdtemp(prefix="djscratch-attacks-")
        cls.db_path = os.path.join(cls.tmp, "attacks.sqlite3")
        cls._settings = djscratch.override_settings(**attack_settings(cls.db_path))
        cls._settings.enable()
        djscratch.connection.close()
        djscratch.setup()
        djscratch.sync_schema(models=MODELS, verbosity=0)
        cls.app = djscratch.WSGIHandler()

    @classmethod
    def tearDownClass(cls):
        import shutil

        djscratch.connection.close()
        cls._settings.disable()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()
