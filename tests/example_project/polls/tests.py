"""Django-style tests for the polls app: they pass on Django and on djscratch."""

from django.contrib.messages import SUCCESS
from django.contrib.messages.storage.base import Message
from django.contrib.messages.test import MessagesTestMixin
from django.db import connection
from django.test import (
    Client, RequestFactory, SimpleTestCase, TestCase, TransactionTestCase,
    override_settings, skipUnlessDBFeature, tag)
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .forms import QuestionForm
from .models import Choice, Question
from .views import index


class QuestionViewTests(MessagesTestMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.question = Question.objects.create(text="What's new?")
        Choice.objects.create(question=cls.question, text="Not much", votes=1)
        Question.objects.create(text="Hidden?", published=False)

    def test_index_lists_published_questions(self):
        response = self.client.get(reverse("polls:index"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "polls/index.html")
        self.assertContains(response, "What&#x27;s new?")
        self.assertNotContains(response, "Hidden?")
        self.assertQuerySetEqual(response.context["questions"], [self.question])

    def test_index_html(self):
        response = self.client.get("/polls/")
        self.assertContains(
            response,
            '<li><a href="/polls/%d/">What&#x27;s new?</a></li>' % self.question.pk,
            html=True)

    def test_detail_of_unpublished_question_is_404(self):
        hidden = Question.objects.get(published=False)
        response = self.client.get(reverse("polls:detail", args=[hidden.pk]))
        self.assertEqual(response.status_code, 404)

    def test_changes_to_class_data_do_not_leak_1(self):
        self.question.text = "Changed in test 1"
        self.question.save()
        self.assertEqual(Question.objects.get(pk=self.question.pk).text,
                         "Changed in test 1")

    def test_changes_to_class_data_do_not_leak_2(self):
        self.assertEqual(self.question.text, "What's new?")
        self.assertEqual(Question.objects.get(pk=self.question.pk).text,
                         "What's new?")

    def test_new_question_redirects_with_a_message(self):
        response = self.client.post(reverse("polls:new"), {"text": "Ready?"},
                                    follow=True)
        question = Question.objects.get(text="Ready?")
        self.assertRedirects(response, reverse("polls:detail", args=[question.pk]))
        self.assertMessages(response, [Message(SUCCESS, "Question added.")])
        self.assertContains(response, '<p class="msg">Question added.</p>', html=True)

    def test_invalid_form_shows_errors(self):
        response = self.client.post(reverse("polls:new"), {"text": "No mark"})
        self.assertEqual(response.status_code, 200)
        self.assertFormError(response.context["form"], "text",
                             "A question ends with a question mark.")

    def test_vote_counts_and_runs_on_commit(self):
        choice = self.question.choices.get()
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(
                reverse("polls:vote", args=[self.question.pk]), {"choice": choice.pk})
        self.assertRedirects(response, reverse("polls:detail", args=[self.question.pk]))
        self.assertEqual(len(callbacks), 1)
        choice.refresh_from_db()
        self.assertEqual(choice.votes, 2)

    def test_number_of_queries(self):
        with self.assertNumQueries(1):
            list(Question.objects.all())
        with CaptureQueriesContext(connection) as captured:
            Question.objects.count()
        self.assertEqual(len(captured), 1)
        self.assertIn("COUNT", captured[0]["sql"].upper())

    def test_session_written_by_a_view_is_readable(self):
        self.client.get(reverse("polls:detail", args=[self.question.pk]))
        self.assertEqual(self.client.session["last_seen"], self.question.pk)

    @tag("slow")
    def test_request_factory_calls_the_view(self):
        request = RequestFactory().get("/polls/")
        response = index(request)
        self.assertContains(response, "What&#x27;s new?")


class FixtureTests(TestCase):
    fixtures = ["polls.json"]

    def test_fixture_rows_are_loaded(self):
        question = Question.objects.get(pk=100)
        self.assertEqual(question.text, "From a fixture?")
        self.assertEqual(question.choices.get().votes, 3)


class EmptyTablesTests(TransactionTestCase):
    def test_starts_empty_and_can_commit(self):
        self.assertEqual(Question.objects.count(), 0)
        Question.objects.create(text="Committed?")
        self.assertEqual(Question.objects.count(), 1)

    @skipUnlessDBFeature("supports_transactions")
    def test_again_starts_empty(self):
        self.assertEqual(Question.objects.count(), 0)


class FormTests(SimpleTestCase):
    def test_form_error(self):
        form = QuestionForm({"text": "nope"})
        self.assertFalse(form.is_valid())
        self.assertFormError(form, "text", ["A question ends with a question mark."])

    def test_html_comparison(self):
        self.assertHTMLEqual('<input type="text" class="b a" required>',
                             "<input class='a b' required type='text'>")
        self.assertInHTML("<li>x</li>", "<ul><li>x</li><li>y</li></ul>", count=1)

    @override_settings(APPEND_SLASH=False)
    def test_settings_override(self):
        from django.conf import settings

        self.assertFalse(settings.APPEND_SLASH)

    def test_database_access_is_refused(self):
        with self.assertRaisesMessage(AssertionError, "Database queries to "
                                      "'default' are not allowed in SimpleTestCase"):
            Question.objects.count()

    def test_client_without_database(self):
        self.assertIsInstance(self.client, Client)
