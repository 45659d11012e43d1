"""inlineformset_factory and BaseInlineFormSet (django.forms.models): the
child objects of one parent, the hidden foreign key that must match the
parent, new children of a parent saved after the formset was built.

Expected values are what Django 5.2 prints for the same models and data.
"""

import uuid

import djscratch  # noqa: F401  (installs the django.* alias)

from django.db import models
from django.forms.models import BaseInlineFormSet, inlineformset_factory

from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Poll(models.Model):
        text = models.CharField(max_length=20)

        class Meta:
            app_label = "inline_fs"

    class Answer(models.Model):
        poll = models.ForeignKey(Poll, on_delete=models.CASCADE)
        text = models.CharField(max_length=20)
        votes = models.IntegerField(default=0)

        class Meta:
            app_label = "inline_fs"

    class Vote(models.Model):
        first = models.ForeignKey(Poll, models.CASCADE, related_name="+")
        second = models.ForeignKey(Poll, models.CASCADE, related_name="seconds")

        class Meta:
            app_label = "inline_fs"


    class Survey(models.Model):
        code = models.UUIDField(primary_key=True, default=uuid.uuid4)

        class Meta:
            app_label = "inline_fs"

    class Question(models.Model):
        survey = models.ForeignKey(Survey, on_delete=models.CASCADE)
        text = models.CharField(max_length=20)

        class Meta:
            app_label = "inline_fs"


AnswerFormSet = inlineformset_factory(Poll, Answer, fields="__all__", extra=2)


class InlineFormSetTests(DatabaseTestCase):
    models = [Poll, Answer, Vote, Survey, Question]

    def setUp(self):
        super().setUp()
        self.poll = Poll.objects.create(text="a")
        self.answer = Answer.objects.create(poll=self.poll, text="x")

    def data(self, **changes):
        data = {"answer_set-TOTAL_FORMS": "3", "answer_set-INITIAL_FORMS": "1",
                "answer_set-0-id": str(self.answer.pk),
                "answer_set-0-poll": str(self.poll.pk), "answer_set-0-text": "y",
                "answer_set-0-votes": "1", "answer_set-1-text": "new",
                "answer_set-1-votes": "0", "answer_set-2-text": "",
                "answer_set-2-votes": "0"}
        data.update(changes)
        return data

    def test_a_new_parents_generated_key_is_not_the_forms_initial(self):
        formset = inlineformset_factory(Survey, Question, fields="__all__")(
            instance=Survey())
        self.assertIsNone(formset.forms[0].fields["survey"].initial)
        self.assertIsNone(formset.instance.pk)

    def test_unbound_forms_and_prefix(self):
        formset = AnswerFormSet(instance=self.poll)
        self.assertTrue(issubclass(AnswerFormSet, BaseInlineFormSet))
        self.assertEqual((formset.prefix, AnswerFormSet.get_default_prefix()),
                         ("answer_set", "answer_set"))
        self.assertEqual(len(formset.forms), 3)
        self.assertEqual(list(formset.forms[0].fields),
                         ["poll", "text", "votes", "id", "DELETE"])
        self.assertHTMLEqual(
            str(formset.forms[0]["poll"]),
            f'<input type="hidden" name="answer_set-0-poll" value="{self.poll.pk}" '
            'id="id_answer_set-0-poll">')
        self.assertEqual(formset.empty_form.prefix, "answer_set-__prefix__")

    def assertHTMLEqual(self, first, second):
        self.assertEqual(djscratch.parse_html(first), djscratch.parse_html(second))

    def test_save_changes_and_new_children(self):
        formset = AnswerFormSet(self.data(), instance=self.poll)
        self.assertTrue(formset.is_valid(), formset.errors)
        formset.save()
        self.assertEqual(sorted((a.text, a.votes) for a in self.poll.answer_set.all()),
                         [("new", 0), ("y", 1)])

    def test_children_of_a_parent_saved_after_validation(self):
        poll = Poll(text="new")
        formset = AnswerFormSet({"answer_set-TOTAL_FORMS": "1",
                                 "answer_set-INITIAL_FORMS": "0",
                                 "answer_set-0-text": "k",
                                 "answer_set-0-votes": "2"}, instance=poll)
        self.assertTrue(formset.is_valid(), formset.errors)
        poll.save()
        formset.save()
        self.assertEqual(list(poll.answer_set.values_list("text", flat=True)), ["k"])

    def test_a_foreign_key_to_another_parent_is_refused(self):
        formset = AnswerFormSet(self.data(**{"answer_set-0-poll": "999"}),
                                instance=self.poll)
        self.assertFalse(formset.is_valid())
        self.assertEqual(formset.errors[0], {
            "poll": ["The inline value did not match the parent instance."]})

    def test_two_foreign_keys_need_fk_name(self):
        with self.assertRaisesMessage(
                ValueError, "'inline_fs.Vote' has more than one ForeignKey to "
                "'inline_fs.Poll'. You must specify a 'fk_name' attribute."):
            inlineformset_factory(Poll, Vote, fields="__all__")
        formset_class = inlineformset_factory(Poll, Vote, fk_name="second",
                                              fields="__all__")
        self.assertEqual(formset_class.get_default_prefix(), "seconds")
        with self.assertRaisesMessage(ValueError, "'inline_fs.Answer' has no field "
                                      "named 'nope'."):
            inlineformset_factory(Poll, Answer, fk_name="nope", fields="__all__")

    def assertRaisesMessage(self, exc, message):
        return self.assertRaisesRegex(exc, "^" + __import__("re").escape(message) + "$")
