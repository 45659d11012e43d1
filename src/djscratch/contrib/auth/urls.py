"""django.contrib.auth.urls: the auth views under Django's URL names, for
`path("accounts/", include("django.contrib.auth.urls"))`.
"""

from djscratch.urls.conf import path
from djscratch.contrib.auth.views import (
    LoginView, LogoutView, PasswordChangeDoneView, PasswordChangeView,
    PasswordResetCompleteView, PasswordResetConfirmView, PasswordResetDoneView,
    PasswordResetView,
)

__all__ = []

#: The module's `urlpatterns` (the alias table maps the Django name here).
auth_urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("password_reset/done/", PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("reset/<uidb64>/<token>/", PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("reset/done/", PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
