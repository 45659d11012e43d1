"""The admin over the tutorial's polls app, driven only through Django's URL
names and form protocol (field names, management forms, _save/_continue/
_addanother, post=yes), so the same tests pass on djscratch and on Django.
"""

import datetime

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from mysite.helpers import _user, setUpModule, tearDownModule  # noqa: F401

from .models import Choice, Question

PASSWORD = "correct horse battery"


def _inline_data(prefix, rows, initial=0, total=None):
    """The POST data of an inline formset: its management form and rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(total if total is not None else len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{i}-{name}"] = value
    return data


def _question_data(text, when, choices=(), button="_save"):
    data = {
        "question_text": text,
        "pub_date_0": when.strftime("%Y-%m-%d"),
        "pub_date_1": when.strftime("%H:%M:%S"),
        button: "Save",
    }
    # The three extra rows a browser posts, blank ones with votes' initial 0.
    choices = [*choices, "", "", ""][:3]
    data.update(_inline_data("choice_set", [
        {"choice_text": c, "votes": "0"} for c in choices]))
    return data


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = _user(User.objects.create_superuser, "admin",
                              "admin@example.com", password=PASSWORD)
        cls.viewer = _user(User.objects.create_user, "viewer", password=PASSWORD,
                           is_staff=True)
        cls.viewer.user_permissions.add(
            Permission.objects.get(codename="view_question"))
        cls.outsider = _user(User.objects.create_user, "outsider", password=PASSWORD)
        cls.now = timezone.now()
        cls.question = Question.objects.create(question_text="What's up?",
                                               pub_date=cls.now)
        Choice.objects.create(question=cls.question, choice_text="Not much")
        Choice.objects.create(question=cls.question, choice_text="The sky")

    def url(self, name, *args):
        return reverse(f"admin:{name}", args=args)

    def messages_of(self, response):
        return [str(m) for m in get_messages(response.wsgi_request)]


class LoginTests(AdminTestCase):
    def test_anonymous_is_sent_to_the_login_page(self):
        response = self.client.get(self.url("index"))
        self.assertRedirects(response, self.url("login") + "?next=/admin/")

    def test_login_page_renders_the_form(self):
        response = self.client.get(self.url("login"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="username"')
        self.assertContains(response, 'name="password"')
        self.assertContains(response, 'name="csrfmiddlewaretoken"')

    def test_staff_login_follows_next(self):
        response = self.client.post(self.url("login"), {
            "username": "admin", "password": PASSWORD,
            "next": self.url("polls_question_changelist")})
        self.assertRedirects(response, self.url("polls_question_changelist"))

    def test_next_to_another_host_is_not_followed(self):
        response = self.client.post(self.url("login"), {
            "username": "admin", "password": PASSWORD,
            "next": "https://evil.example.com/"})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("evil.example.com", response["Location"])

    def test_wrong_password_shows_the_form_again(self):
        response = self.client.post(self.url("login"), {
            "username": "admin", "password": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_non_staff_user_cannot_log_in(self):
        response = self.client.post(self.url("login"), {
            "username": "outsider", "password": PASSWORD})
        self.assertEqual(response.status_code, 200)
        self.assertIn("staff account", str(response.context["form"].errors))

    def test_non_staff_user_never_gets_in(self):
        self.client.force_login(self.outsider)
        for url in (self.url("index"), self.url("polls_question_changelist"),
                    self.url("polls_question_change", self.question.pk)):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith(self.url("login")))

    def test_logout_is_post_only(self):
        self.client.force_login(self.superuser)
        self.assertEqual(self.client.get(self.url("logout")).status_code, 405)
        response = self.client.post(self.url("logout"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_password_change(self):
        self.client.force_login(self.superuser)
        self.assertEqual(self.client.get(self.url("password_change")).status_code,
                         200)
        response = self.client.post(self.url("password_change"), {
            "old_password": PASSWORD, "new_password1": "another fine secret",
            "new_password2": "another fine secret"})
        self.assertRedirects(response, self.url("password_change_done"))
        self.superuser.refresh_from_db()
        self.assertTrue(self.superuser.check_password("another fine secret"))


class IndexTests(AdminTestCase):
    def test_index_lists_the_registered_models(self):
        self.client.force_login(self.superuser)
        response = self.client.get(self.url("index"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.url("polls_question_changelist"))
        self.assertContains(response, self.url("polls_question_add"))
        apps = {app["app_label"]: app for app in response.context["app_list"]}
        self.assertIn("polls", apps)
        self.assertEqual([m["object_name"] for m in apps["polls"]["models"]],
                         ["Question"])

    def test_app_index(self):
        self.client.force_login(self.superuser)
        response = self.client.get(reverse("admin:app_list",
                                           kwargs={"app_label": "polls"}))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.url("polls_question_changelist"))

    def test_javascript_catalog(self):
        self.client.force_login(self.superuser)
        response = self.client.get(self.url("jsi18n"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/javascript"))
        self.assertContains(response, "django.gettext")

    def test_view_only_user_sees_no_add_link(self):
        self.client.force_login(self.viewer)
        response = self.client.get(self.url("index"))
        self.assertContains(response, self.url("polls_question_changelist"))
        self.assertNotContains(response, self.url("polls_question_add"))


class ChangeListTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.superuser)
        self.old = Question.objects.create(
            question_text="Old news", pub_date=self.now - datetime.timedelta(days=40))

    def changelist(self, **params):
        return self.client.get(self.url("polls_question_changelist"), params)

    def test_lists_every_question(self):
        response = self.changelist()
        self.assertEqual(response.status_code, 200)
        cl = response.context["cl"]
        self.assertEqual(cl.result_count, 2)
        self.assertContains(response, "What&#x27;s up?")
        self.assertContains(response, self.url("polls_question_change",
                                               self.question.pk))

    def test_search(self):
        self.assertEqual(self.changelist(q="news").context["cl"].result_count, 1)
        self.assertEqual(self.changelist(q="NEWS old").context["cl"].result_count, 1)
        self.assertEqual(self.changelist(q="nothing").context["cl"].result_count, 0)

    def test_search_terms_are_values_not_sql(self):
        cl = self.changelist(q="' OR 1=1 --").context["cl"]
        self.assertEqual(cl.result_count, 0)

    def test_date_filter_today_and_past_7_days(self):
        today = timezone.localtime(self.now).replace(hour=0, minute=0, second=0,
                                                     microsecond=0)
        tomorrow = today + datetime.timedelta(days=1)
        cl = self.changelist(pub_date__gte=str(today),
                             pub_date__lt=str(tomorrow)).context["cl"]
        self.assertEqual([q.pk for q in cl.result_list], [self.question.pk])
        week_ago = today - datetime.timedelta(days=7)
        cl = self.changelist(pub_date__gte=str(week_ago),
                             pub_date__lt=str(tomorrow)).context["cl"]
        self.assertEqual(cl.result_count, 1)

    def test_date_filter_offers_djangos_choices(self):
        response = self.changelist()
        spec = response.context["cl"].filter_specs[0]
        titles = [str(c["display"]) for c in spec.choices(response.context["cl"])]
        self.assertEqual(titles, ["Any date", "Today", "Past 7 days", "This month",
                                  "This year"])

    def test_unknown_filter_parameter_redirects_with_e_1(self):
        response = self.changelist(nonexistent="1")
        self.assertRedirects(response, self.url("polls_question_changelist")
                             + "?e=1", fetch_redirect_response=False)

    def test_bad_filter_value_redirects_with_e_1(self):
        response = self.changelist(pub_date__gte="not a date")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].endswith("?e=1"))

    def test_sort_by_column(self):
        cl = self.changelist(o="2").context["cl"]  # pub_date ascending
        self.assertEqual([q.question_text for q in cl.result_list],
                         ["Old news", "What's up?"])
        cl = self.changelist(o="-2").context["cl"]
        self.assertEqual([q.question_text for q in cl.result_list],
                         ["What's up?", "Old news"])
        cl = self.changelist(o="3").context["cl"]  # admin_order_field pub_date
        self.assertEqual(cl.result_list[0].question_text, "Old news")

    def test_pagination(self):
        Question.objects.bulk_create(
            Question(question_text=f"q{i}", pub_date=self.now) for i in range(120))
        cl = self.changelist().context["cl"]
        self.assertEqual((cl.result_count, len(cl.result_list)), (122, 100))
        cl = self.changelist(p="2").context["cl"]
        self.assertEqual(len(cl.result_list), 22)
        self.assertEqual(self.changelist(p="9").status_code, 302)

    def test_delete_selected_action_asks_then_deletes(self):
        url = self.url("polls_question_changelist")
        data = {"action": "delete_selected", "_selected_action": [self.old.pk],
                "index": "0"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Old news")
        self.assertTrue(Question.objects.filter(pk=self.old.pk).exists())
        response = self.client.post(url, {**data, "post": "yes"})
        self.assertRedirects(response, url)
        self.assertFalse(Question.objects.filter(pk=self.old.pk).exists())

    def test_action_without_selection_changes_nothing(self):
        response = self.client.post(self.url("polls_question_changelist"), {
            "action": "delete_selected", "index": "0"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Question.objects.count(), 2)


class AddChangeDeleteTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.superuser)

    def test_add_form_has_the_inline_management_form(self):
        response = self.client.get(self.url("polls_question_add"))
        self.assertEqual(response.status_code, 200)
        for name in ("question_text", "pub_date_0", "pub_date_1",
                     "choice_set-TOTAL_FORMS", "choice_set-INITIAL_FORMS",
                     "choice_set-0-choice_text", "choice_set-2-votes", "_save",
                     "_continue", "_addanother"):
            self.assertContains(response, f'name="{name}"')

    def test_add_with_three_choices(self):
        response = self.client.post(self.url("polls_question_add"), _question_data(
            "Favourite colour?", self.now, ["Red", "Green", "Blue"]))
        self.assertRedirects(response, self.url("polls_question_changelist"))
        question = Question.objects.get(question_text="Favourite colour?")
        self.assertEqual(sorted(c.choice_text for c in question.choice_set.all()),
                         ["Blue", "Green", "Red"])
        entry = LogEntry.objects.get(object_id=str(question.pk))
        self.assertEqual(entry.action_flag, ADDITION)
        self.assertEqual(
            self.messages_of(response),
            ['The question “<a href="%s">Favourite colour?</a>” was added '
             'successfully.' % self.url("polls_question_change", question.pk)])

    def test_save_and_continue_and_add_another(self):
        response = self.client.post(self.url("polls_question_add"), _question_data(
            "Continue?", self.now, button="_continue"))
        question = Question.objects.get(question_text="Continue?")
        self.assertRedirects(response, self.url("polls_question_change",
                                                question.pk))
        response = self.client.post(self.url("polls_question_add"), _question_data(
            "Another?", self.now, button="_addanother"))
        self.assertRedirects(response, self.url("polls_question_add"))

    def test_validation_errors_are_shown_and_nothing_is_saved(self):
        data = _question_data("", self.now)
        data["pub_date_0"] = "not a date"
        response = self.client.post(self.url("polls_question_add"), data)
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(sorted(form.errors), ["pub_date", "question_text"])
        self.assertContains(response, "This field is required.")
        self.assertEqual(Question.objects.count(), 1)

    def test_change_edits_question_and_choices(self):
        choices = list(self.question.choice_set.order_by("pk"))
        data = _question_data("What's new?", self.now)
        data.update(_inline_data("choice_set", [
            {"id": str(choices[0].pk), "question": str(self.question.pk),
             "choice_text": "Not much", "votes": "5"},
            {"id": str(choices[1].pk), "question": str(self.question.pk),
             "choice_text": "The sky", "votes": "0", "DELETE": "on"},
            {"choice_text": "", "votes": "0"},
        ], initial=2))
        url = self.url("polls_question_change", self.question.pk)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "What&#x27;s up?")
        response = self.client.post(url, data)
        self.assertRedirects(response, self.url("polls_question_changelist"))
        self.question.refresh_from_db()
        self.assertEqual(self.question.question_text, "What's new?")
        self.assertEqual([(c.choice_text, c.votes)
                          for c in self.question.choice_set.all()],
                         [("Not much", 5)])
        entry = LogEntry.objects.get(action_flag=CHANGE)
        self.assertIn("Changed Question text.", entry.get_change_message())
        response = self.client.get(self.url("polls_question_history",
                                            self.question.pk))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["action_list"]), [entry])

    def test_change_of_missing_object_redirects_to_the_index(self):
        response = self.client.get(self.url("polls_question_change", 999))
        self.assertRedirects(response, self.url("index"))

    def test_delete_confirmation_lists_the_cascade(self):
        url = self.url("polls_question_delete", self.question.pk)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Not much")
        self.assertContains(response, "The sky")
        self.assertEqual(dict(response.context["model_count"]),
                         {"questions": 1, "choices": 2})
        self.assertTrue(Question.objects.exists())
        response = self.client.post(url, {"post": "yes"})
        self.assertRedirects(response, self.url("polls_question_changelist"))
        self.assertFalse(Question.objects.exists())
        self.assertFalse(Choice.objects.exists())
        self.assertEqual(LogEntry.objects.get().action_flag, DELETION)


class PermissionTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.viewer)

    def test_view_permission_reads(self):
        response = self.client.get(self.url("polls_question_changelist"))
        self.assertEqual(response.status_code, 200)
        response = self.client.get(self.url("polls_question_change",
                                            self.question.pk))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="_save"')
        self.assertEqual(response.context["title"], "View question")

    def test_view_permission_does_not_change(self):
        url = self.url("polls_question_change", self.question.pk)
        response = self.client.post(url, _question_data("Hacked", self.now))
        self.assertEqual(response.status_code, 403)
        self.question.refresh_from_db()
        self.assertEqual(self.question.question_text, "What's up?")

    def test_view_permission_does_not_add_or_delete(self):
        self.assertEqual(self.client.get(self.url("polls_question_add")).status_code,
                         403)
        url = self.url("polls_question_delete", self.question.pk)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        self.assertTrue(Question.objects.exists())

    def test_view_permission_runs_no_delete_action(self):
        self.client.post(self.url("polls_question_changelist"), {
            "action": "delete_selected", "_selected_action": [self.question.pk],
            "index": "0", "post": "yes"})
        self.assertTrue(Question.objects.exists())


class CsrfTests(AdminTestCase):
    def test_every_post_needs_the_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.superuser)
        for url in (self.url("polls_question_add"),
                    self.url("polls_question_delete", self.question.pk),
                    self.url("polls_question_changelist"), self.url("logout")):
            self.assertEqual(client.post(url, {"post": "yes"}).status_code, 403, url)
        self.assertTrue(Question.objects.exists())
