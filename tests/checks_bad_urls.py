"""A URLconf with one of each problem Django's URL checks report
(tests/test_checks.py compares the output with Django's).  Not urls.E009 (a
view class without .as_view()): djscratch's path() refuses it at once."""

from django.http import HttpResponse
from django.urls import include, path, re_path


def view(request):
    return HttpResponse()


def handler404(request):  # urls.E007: takes (request, exception)
    return HttpResponse()


urlpatterns = [
    "prefix",  # urls.E004
    path("/slash/", view),  # urls.W002
    path("^dollar$", view),  # 2_0.W001
    path("name/", view, name="a:b"),  # urls.W003
    path("open/<int:pk/", view),  # urls.W010
    re_path(r"^inc$", include("checks_included_urls")),  # urls.W001
    path("one/", include("checks_included_urls", namespace="dup")),
    path("two/", include("checks_included_urls", namespace="dup")),  # urls.W005
    path("fine/", view, name="fine"),
]
