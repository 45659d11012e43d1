"""Views guarded each way auth offers."""
from django.contrib.auth.decorators import login_not_required, login_required
from django.contrib.auth.mixins import (
    LoginRequiredMixin, PermissionRequiredMixin, UserPassesTestMixin,
)
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views import View


def whoami(request):
    return render(request, "whoami.html")


@login_not_required
def public(request):
    return HttpResponse("public")


@login_required
def private(request):
    return HttpResponse("private %s" % request.user)


class Base(View):
    def get(self, request):
        return HttpResponse("ok %s" % request.user)


class LoginOnly(LoginRequiredMixin, Base):
    pass


class LoginElsewhere(LoginRequiredMixin, Base):
    login_url = "/elsewhere/"
    redirect_field_name = "to"


class CanPublish(PermissionRequiredMixin, Base):
    permission_required = "notes.publish_note"


class CanPublish403(PermissionRequiredMixin, Base):
    permission_required = ("notes.publish_note", "notes.view_note")
    raise_exception = True
    permission_denied_message = "Publishers only"


class StaffOnly(UserPassesTestMixin, Base):
    def test_func(self):
        return self.request.user.is_staff


urlpatterns = [
    path("whoami/", whoami),
    path("public/", public),
    path("private/", private),
    path("login-only/", LoginOnly.as_view()),
    path("login-elsewhere/", LoginElsewhere.as_view()),
    path("publish/", CanPublish.as_view()),
    path("publish403/", CanPublish403.as_view()),
    path("staff/", StaffOnly.as_view()),
]
