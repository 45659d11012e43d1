"""The settings the ORM expectation generators (tests/gen_*_expected.py) give
real Django: the models of tests/orm_oracle on an in-memory SQLite database,
as djscratch's own tests define them.  Each generator calls setup() before it
imports its scenario.
"""


def setup():
    """Configure real Django's settings for the ORM oracle and populate it."""
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False, USE_TZ=True, TIME_ZONE="UTC",
        INSTALLED_APPS=["tests.orm_oracle"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                               "NAME": ":memory:"}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()
