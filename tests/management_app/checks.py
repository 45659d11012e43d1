"""A check function the app registers (tests.test_checks)."""

from django.core import checks


@checks.register("management_app")
def app_check(app_configs, **kwargs):
    return [checks.Warning("management_app is under test", id="management_app.W001")]
