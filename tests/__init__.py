"""djscratch's own test suite: one test_<area>.py per concern.

Tests do not configure the global settings (the blog's App may have done so
when test_blog.py was imported first); they use override_settings for what
they depend on, starting from TEST_SETTINGS below.
"""

TEST_SETTINGS = {
    "DEBUG": False,
    "SECRET_KEY": "test-secret-key-not-for-production-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": ["testserver", "localhost", "127.0.0.1"],
    "INSTALLED_APPS": [],
    "MIDDLEWARE": [],
    "USE_TZ": True,
    "TIME_ZONE": "UTC",
}
