"""The test framework (django.test): client, test cases, runner."""
