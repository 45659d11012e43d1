"""The test client's login()/force_login()/logout(), a custom user model
(AbstractUser subclass; AbstractBaseUser + PermissionsMixin with email as
USERNAME_FIELD) with its tables, FKs and reverse accessors, the access mixins,
LoginRequiredMiddleware and the auth context processor, each checked against
Django: tests/auth2_project/run.py prints every result, once per user model
and session engine, and the output must be what Django printed
(tests/auth2_expected.json, from tests/gen_auth2_expected.py).
"""

import json
import os
import sys
import unittest

from tests.gen_auth2_expected import CONFIGS, PROJECT, project_env
from tests import forked

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _expected():
    with open(os.path.join(HERE, "tests", "auth2_expected.json")) as f:
        return json.load(f)


class AuthProjectMatchesDjangoTests(unittest.TestCase):
    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    maxDiff = None

    def _run(self, config):
        result = forked.run([sys.executable, CONFIGS[config][0]], cwd=PROJECT,
                            env=project_env(config, HERE), capture_output=True,
                            text=True, timeout=120)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout, _expected()[config])

    def test_default_user_model_with_db_sessions(self):
        self._run("auth-db")

    def test_abstractuser_subclass_swapped_in(self):
        """The M2M tables follow the swapped model; auth_user* are not made."""
        self._run("abstractuser-db")

    def test_email_user_on_abstractbaseuser(self):
        self._run("emailuser-db")

    def test_client_login_with_signed_cookie_sessions(self):
        self._run("emailuser-signed-cookies")

    def test_every_config_is_checked(self):
        self.assertEqual(sorted(_expected()), sorted(CONFIGS))


class LazyRequestUserTests(unittest.TestCase):
    def test_request_user_is_a_simple_lazy_object_loaded_once_on_first_use(self):
        import types
        from unittest import mock

        import djscratch
        from django.utils.functional import SimpleLazyObject

        user = types.SimpleNamespace(username="ann")
        request = types.SimpleNamespace(session={})
        # The module whose code calls get_user(): the single file, or
        # djscratch.contrib.auth.middleware in the package.
        middleware = djscratch.AuthenticationMiddleware
        code = sys.modules[middleware.process_request.__module__]
        with mock.patch.object(code, "get_user", return_value=user) as get_user:
            middleware(lambda r: None).process_request(request)
            self.assertIsInstance(request.user, SimpleLazyObject)
            get_user.assert_not_called()
            self.assertEqual((request.user.username, request.user.username),
                             ("ann", "ann"))
        get_user.assert_called_once_with(request)
