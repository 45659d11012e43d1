"""An included URLconf of tests/checks_bad_urls.py."""

from django.urls import path
from django.http import HttpResponse


def view(request):
    return HttpResponse()


app_name = "inc"
urlpatterns = [path("x/", view, name="x")]
