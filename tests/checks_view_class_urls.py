"""A URLconf naming a View class instead of its as_view()
(tests/test_checks_django.py)."""

from django.urls import path
from django.views import View


class Page(View):
    pass


urlpatterns = [path("page/", Page)]
