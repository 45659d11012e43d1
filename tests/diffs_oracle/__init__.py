"""App label `diffs_oracle`: the models of tests/diffs_scenario.py live here.

SETTINGS are the settings that scenario runs with, on real Django (the
generator tests/gen_diffs_expected.py) and on djscratch (test_django_diffs).
"""

SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "diffs-oracle-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": "tests.diffs_scenario",
    "MIDDLEWARE": [],
    "USE_TZ": True,
    "TIME_ZONE": "UTC",
    "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3",
                              "NAME": ":memory:"}},
    "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
}
