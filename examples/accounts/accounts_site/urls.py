"""URLs of the accounts example: the notes app and django.contrib.auth.urls."""

from django.urls import include, path

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("notes.urls")),
]
