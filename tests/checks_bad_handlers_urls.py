"""A URLconf whose error handlers cannot be imported (tests/test_checks_django.py)."""

urlpatterns = []

handler404 = "django.views.bad_handler"
handler500 = "django.invalid_module.view"
