"""Models with the mistakes Django's model checks report (tests/test_checks.py
compares djscratch's output with Django's, tests/checks_expected.json)."""
