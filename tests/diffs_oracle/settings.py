"""Settings for running tests/diffs_num_queries.py with a test runner
(Django's `django-admin test` and `python -m djscratch test`)."""

from tests.diffs_oracle import SETTINGS

globals().update(SETTINGS)
INSTALLED_APPS = ["tests.diffs_oracle"]
