"""Tests of the accounts example, written against Django's API only: logging
in by posting to the login view, logging out, changing and resetting the
password (the mail in mail.outbox), login_required and
PermissionRequiredMixin.  They pass unchanged on Django
(`python manage.py test`) and on djscratch (`python -m djscratch test`).
"""

import re

from django.contrib.auth.models import Permission, User
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from .models import Note


class AccountsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ann = User.objects.create_user("ann", "ann@example.com", "tulip-sofa-42")
        Note.objects.create(owner=cls.ann, text="Buy bread")

    def log_in(self, username="ann", password="tulip-sofa-42", **extra):
        return self.client.post(reverse("login"), {
            "username": username, "password": password, **extra})


class LoginTests(AccountsTestCase):
    def test_login_page(self):
        response = self.client.get("/accounts/login/?next=/mine/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "registration/login.html")
        self.assertContains(response, 'name="next" value="/mine/"')
        self.assertContains(response, 'name="username"')

    def test_login_redirects_to_next(self):
        response = self.log_in(next="/mine/")
        self.assertRedirects(response, "/mine/")
        self.assertContains(self.client.get("/mine/"), "Buy bread")

    def test_login_refuses_a_foreign_next(self):
        response = self.log_in(next="https://evil.example/")
        self.assertRedirects(response, "/")

    def test_wrong_password(self):
        response = self.log_in(password="nope")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Your username and password didn")
        self.assertEqual(
            response.context["form"].errors["__all__"],
            ["Please enter a correct username and password. Note that both fields "
             "may be case-sensitive."])

    def test_logout_needs_post(self):
        self.log_in()
        self.assertEqual(self.client.get(reverse("logout")).status_code, 405)
        self.assertRedirects(self.client.post(reverse("logout")), "/")
        self.assertRedirects(self.client.get("/mine/"), "/accounts/login/?next=/mine/")


class AccessTests(AccountsTestCase):
    def test_login_required(self):
        self.assertRedirects(self.client.get("/mine/"),
                             "/accounts/login/?next=/mine/")

    def test_permission_required_mixin(self):
        self.assertRedirects(self.client.get("/new/"), "/accounts/login/?next=/new/",
                             fetch_redirect_response=False)
        self.log_in()
        self.assertEqual(self.client.get("/new/").status_code, 403)
        self.ann.user_permissions.add(Permission.objects.get(codename="add_note"))
        self.assertContains(self.client.get("/mine/"), "Write a note")
        response = self.client.post("/new/", {"text": "Call Bob"})
        self.assertRedirects(response, "/mine/")
        self.assertEqual([n.text for n in self.ann.notes.order_by("pk")],
                         ["Buy bread", "Call Bob"])


class PasswordChangeTests(AccountsTestCase):
    def test_change_password(self):
        self.log_in()
        response = self.client.post(reverse("password_change"), {
            "old_password": "wrong", "new_password1": "pepper-lamp-77",
            "new_password2": "pepper-lamp-77"})
        self.assertFormError(
            response.context["form"], "old_password",
            "Your old password was entered incorrectly. Please enter it again.")
        response = self.client.post(reverse("password_change"), {
            "old_password": "tulip-sofa-42", "new_password1": "pepper-lamp-77",
            "new_password2": "pepper-lamp-77"})
        self.assertRedirects(response, reverse("password_change_done"))
        # This session stays logged in; the new password works.
        self.assertEqual(self.client.get("/mine/").status_code, 200)
        self.client.post(reverse("logout"))
        self.assertRedirects(self.log_in(password="pepper-lamp-77"), "/")

    def test_validators_refuse_a_weak_password(self):
        self.log_in()
        response = self.client.post(reverse("password_change"), {
            "old_password": "tulip-sofa-42", "new_password1": "12345",
            "new_password2": "12345"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("This password is too short. It must contain at least 8 "
                      "characters.", response.context["form"].errors["new_password2"])


class PasswordResetTests(AccountsTestCase):
    def test_reset_by_mail(self):
        response = self.client.post(reverse("password_reset"),
                                    {"email": "ANN@example.com"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Your new password for Notes")
        self.assertEqual(message.to, ["ann@example.com"])
        self.assertEqual(message.from_email, "accounts@example.com")
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)[1]

        response = self.client.get(link)
        set_password_url = link.rsplit("/", 2)[0] + "/set-password/"
        self.assertRedirects(response, set_password_url)
        response = self.client.post(set_password_url, {
            "new_password1": "violet-cloud-9", "new_password2": "violet-cloud-9"})
        self.assertRedirects(response, reverse("password_reset_complete"))
        self.assertRedirects(self.log_in(password="violet-cloud-9"), "/")
        # The link works once.
        response = self.client.get(link)
        self.assertFalse(response.context["validlink"])

    def test_unknown_address_sends_nothing(self):
        response = self.client.post(reverse("password_reset"),
                                    {"email": "nobody@example.com"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(mail.outbox, [])
