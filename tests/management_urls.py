"""An empty URLconf for tests/management_settings.py."""

urlpatterns = []
