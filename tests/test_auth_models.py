"""django.contrib.auth installed in a project: tables and permissions made
by migrate, the user manager, ModelBackend, login/logout/get_user with the
session hash, the lazy request.user and the view decorators.

tests/auth_scenario.py runs the project in its own process (its settings
install auth) and prints what it saw; the values here are Django 5.2's.
"""

import json
import os
import sys
import unittest

from tests import forked

HERE = os.path.dirname(os.path.abspath(__file__))


def _run_scenario():
    env = dict(os.environ, PYTHONPATH=os.path.dirname(HERE))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = forked.run([sys.executable, os.path.join(HERE, "auth_scenario.py")],
                      capture_output=True, text=True, env=env, timeout=120)
    if done.returncode:
        raise AssertionError(done.stderr)
    return json.loads(done.stdout)


class AuthProjectTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = _run_scenario()

    def test_djangos_tables(self):
        self.assertEqual(self.out["tables"], [
            "auth_group", "auth_group_permissions", "auth_permission", "auth_user",
            "auth_user_groups", "auth_user_user_permissions"])

    def test_migrate_creates_four_permissions_per_model(self):
        self.assertEqual(self.out["perm_count"], 4 * 5)  # auth x3, ct, session
        self.assertEqual(self.out["perm_names"], [
            "Authentication and Authorization | group | Can %s group" % action
            for action in ("add", "change", "delete", "view")])

    def test_user_manager(self):
        self.assertEqual(self.out["user_model"], "auth.User")
        self.assertEqual(self.out["email"], "Bob@example.com")
        self.assertEqual(self.out["create_superuser_error"],
                         "Superuser must have is_staff=True.")

    def test_authenticate(self):
        self.assertEqual(self.out["auth_ok"], "bob")
        self.assertIsNone(self.out["auth_bad"])
        self.assertIsNone(self.out["auth_unknown"])
        self.assertIsNone(self.out["inactive"])  # inactive users are refused

    def test_login_failed_signal_masks_the_password(self):
        self.assertEqual(self.out["failed_credentials"][0],
                         {"username": "bob", "password": "********************"})

    def test_permissions_through_user_and_group(self):
        self.assertEqual(self.out["all_perms"], ["auth.change_group", "auth.view_user"])
        self.assertEqual(self.out["group_perms"], ["auth.change_group"])
        self.assertEqual(self.out["has"], [True, False, True, True, False])
        self.assertEqual(self.out["with_perm"], ["bob"])
        # Held directly and through a group (by Django 5.2).
        self.assertEqual(self.out["with_perm_direct_and_group"],
                         [["bob", "carol"], ["bob"]])
        self.assertEqual(self.out["anon"], [False, True, False, "AnonymousUser"])

    def test_login_stores_djangos_session_keys_and_cycles_the_key(self):
        self.assertEqual(self.out["lazy_before"], "AnonymousUser")
        self.assertEqual(self.out["session_keys"], [
            "_auth_user_backend", "_auth_user_hash", "_auth_user_id"])
        self.assertEqual(self.out["session_values"], [
            "1", "django.contrib.auth.backends.ModelBackend", True])
        self.assertEqual(self.out["kept_data"], [1])
        self.assertTrue(self.out["key_cycled"])
        self.assertEqual(self.out["get_user"], "bob")
        self.assertTrue(self.out["last_login_set"])

    def test_password_change_ends_other_sessions(self):
        self.assertEqual(self.out["after_password_change"], "AnonymousUser")
        self.assertEqual(self.out["after_update_hash"], "bob")

    def test_logout_flushes(self):
        self.assertEqual(self.out["after_logout"], ["AnonymousUser", {}])

    def test_decorators(self):
        self.assertEqual(self.out["login_required"],
                         [302, "/accounts/login/?next=/secret/%3Fa%3D1"])
        self.assertEqual(self.out["permission_required"], "denied")


if __name__ == "__main__":
    unittest.main()
