"""A settings module used by test_settings (DJANGO_SETTINGS_MODULE)."""

DEBUG = True
ALLOWED_HOSTS = ["example.com"]
SECRET_KEY = "example-settings-key-0123456789-0123456789-0123456789"
lowercase_is_ignored = True
