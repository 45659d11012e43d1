"""The pages of tests/composite_pk_auth_project/run.py."""

from django.contrib.auth import views
from django.http import HttpResponse
from django.urls import path

urlpatterns = [
    path("me/", lambda r: HttpResponse(repr(r.user.pk))),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(
        template_name="confirm.html", success_url="/done/"),
        name="password_reset_confirm"),
]
