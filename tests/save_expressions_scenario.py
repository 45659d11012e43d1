"""save() with expressions (the tutorial's `votes = F("votes") + 1`) and
refresh_from_db() afterwards, run on real Django
(tests/gen_save_expressions_expected.py records the results) and on djscratch
(tests/test_orm_save_expressions.py compares).  The same text runs on both.
"""

import json

from django.core.exceptions import FieldError, ObjectDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Case, F, Max, Value, When
from django.db.models.functions import Concat, Lower, Upper


class Poll(models.Model):
    text = models.CharField(max_length=40)

    class Meta:
        app_label = "orm_oracle"


class Answer(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE)
    label = models.CharField(max_length=40)
    votes = models.IntegerField(default=0)

    class Meta:
        app_label = "orm_oracle"

    def __str__(self):
        return self.label


class Ballot(models.Model):
    """A one-to-one to Poll, for the reverse cache refresh_from_db() clears."""

    poll = models.OneToOneField(Poll, on_delete=models.CASCADE)

    class Meta:
        app_label = "orm_oracle"


MODELS = (Poll, Answer, Ballot)


def _outcome(call):
    """The value `call` returns, or the type and message of what it raises."""
    try:
        return ["ok", call()]
    except (FieldError, ValueError, TypeError, ValidationError,
            ObjectDoesNotExist) as err:
        if isinstance(err, ValidationError):
            return [type(err).__name__, err.message_dict]
        return [type(err).__name__, str(err)]


def _stored(answer):
    return list(Answer.objects.filter(pk=answer.pk).values_list("label", "votes"))[0]


def _update_cases(out, poll):
    """The UPDATE that save() runs on an existing row."""
    answer = Answer.objects.create(poll=poll, label="Not much", votes=1)
    answer.votes = F("votes") + 1
    answer.save()
    out["attribute_after_save"] = [repr(answer.votes), str(answer.votes)]
    out["stored_after_save"] = _stored(answer)
    answer.save()  # the expression stays on the instance: applied again
    out["stored_after_second_save"] = _stored(answer)
    answer.refresh_from_db()
    out["attribute_after_refresh"] = repr(answer.votes)
    answer.save()
    out["stored_after_refresh_and_save"] = _stored(answer)

    first = Answer.objects.get(pk=answer.pk)
    second = Answer.objects.get(pk=answer.pk)
    for copy in (first, second):  # two requests voting at once: no lost vote
        copy.votes = F("votes") + 1
        copy.save()
    out["concurrent_votes"] = _stored(answer)

    answer.refresh_from_db()
    answer.label = Concat(Upper(F("label")), Value("!"))
    answer.votes = F("votes") * 10 - 5
    answer.save(update_fields=["label", "votes"])
    out["functions_and_update_fields"] = _stored(answer)

    answer.refresh_from_db()
    answer.votes = Case(When(votes__gt=100, then=Value(100)), default=F("votes"))
    answer.label = Lower("label")
    answer.save()
    out["case_when"] = _stored(answer)

    answer.refresh_from_db()
    answer.votes = Value(7)
    answer.save()
    out["value"] = [_stored(answer), repr(answer.votes)]

    for key, value in (("joined_reference", F("poll__text")),
                       ("unknown_reference", F("nope")),
                       ("aggregate", Max("votes")),
                       ("aggregate_in_combination", Max("votes") + 1)):
        answer.refresh_from_db()
        answer.votes = value
        out["update_" + key] = _outcome(answer.save)
    answer.refresh_from_db()
    out["stored_after_refused"] = _stored(answer)
    same_row = Answer.objects.filter(pk=answer.pk)
    out["queryset_update_joined_reference"] = _outcome(
        lambda: same_row.update(votes=F("poll__text")))
    out["queryset_update_aggregate"] = _outcome(
        lambda: same_row.update(votes=Max("votes")))
    out["queryset_update_by_foreign_key_target"] = _outcome(
        lambda: same_row.update(votes=F("poll__id") + F("votes")))
    out["stored_after_queryset_updates"] = _stored(answer)

    answer.votes = F("votes") + 1
    out["full_clean"] = _outcome(answer.full_clean)
    out["clean_fields_excluding_it"] = _outcome(
        lambda: answer.clean_fields(exclude=["votes"]))


def _insert_cases(out, poll):
    """INSERT: expressions without column references are allowed."""
    made = Answer.objects.create(poll=poll, label=Upper(Value("new")), votes=Value(3))
    out["insert_expression"] = [_stored(made), repr(made.label), repr(made.votes)]
    made.refresh_from_db()
    out["insert_expression_refreshed"] = [made.label, made.votes]
    for key, value in (("reference", F("votes")),
                       ("combined_reference", F("votes") + 1),
                       ("aggregate", Max("votes")),
                       ("joined_reference", F("poll__text"))):
        out["insert_" + key] = _outcome(
            lambda value=value: Answer.objects.create(poll=poll, label="x",
                                                      votes=value))
    fresh = Answer(poll=poll, label="y", votes=F("votes") + 1)
    out["insert_by_save"] = _outcome(fresh.save)
    out["insert_by_save_pk"] = fresh.pk
    out["answers_after_inserts"] = Answer.objects.count()


def _update_or_create_cases(out, poll):
    answer, created = Answer.objects.update_or_create(
        poll=poll, label="tally", defaults={"votes": 5})
    out["update_or_create_new"] = [created, answer.votes]
    answer, created = Answer.objects.update_or_create(
        poll=poll, label="tally", defaults={"votes": F("votes") + 1})
    out["update_or_create_expression"] = [created, repr(answer.votes),
                                          _stored(answer)]
    answers = list(Answer.objects.filter(poll=poll, label__in=["tally", "NEW"]))
    for one in answers:
        one.votes = F("votes") + 100
    out["bulk_update_expression"] = Answer.objects.bulk_update(answers, ["votes"])
    out["after_bulk_update"] = sorted(Answer.objects.filter(
        label__in=["tally", "NEW"]).values_list("label", "votes"))


def _refresh_cases(out, poll):
    """refresh_from_db(): fields, deferred fields, cached relations."""
    answer = Answer.objects.create(poll=poll, label="fresh", votes=1)
    Answer.objects.filter(pk=answer.pk).update(label="changed", votes=50)
    answer.label = "unsaved"
    answer.refresh_from_db(fields=["votes"])
    out["refresh_some_fields"] = [answer.label, answer.votes]
    answer.refresh_from_db(fields=[])
    out["refresh_no_fields"] = answer.label
    out["refresh_relation_in_fields"] = _outcome(
        lambda: answer.refresh_from_db(fields=["poll__text"]))
    answer.refresh_from_db(fields=["poll_id"])
    out["refresh_by_attname"] = answer.label

    deferred = Answer.objects.only("label").get(pk=answer.pk)
    Answer.objects.filter(pk=answer.pk).update(label="again")
    deferred.refresh_from_db()
    out["refresh_keeps_deferred"] = [deferred.label,
                                     sorted(deferred.get_deferred_fields())]

    other = Poll.objects.create(text="Other")
    cached = Answer.objects.select_related("poll").get(pk=answer.pk)
    Answer.objects.filter(pk=answer.pk).update(poll=other)
    cached.refresh_from_db()
    out["refresh_foreign_key"] = [cached.poll_id == other.pk, cached.poll.text]
    cached.refresh_from_db(from_queryset=Answer.objects.select_related("poll"))
    out["refresh_from_queryset"] = cached.poll.text

    ballot = Ballot.objects.create(poll=poll)
    poll.ballot  # noqa: B018 - caches the reverse one-to-one
    Ballot.objects.filter(pk=ballot.pk).update(poll=other)
    poll.refresh_from_db(fields=["text"])
    out["reverse_one_to_one_kept_by_fields"] = hasattr(poll, "ballot")
    poll.refresh_from_db()
    out["reverse_one_to_one_cleared"] = hasattr(poll, "ballot")

    prefetched = Poll.objects.prefetch_related("answer_set").get(pk=poll.pk)
    before = len(prefetched.answer_set.all())
    Answer.objects.create(poll=poll, label="late")
    prefetched.refresh_from_db(fields=["answer_set"])
    out["refresh_prefetched_by_name"] = [before, len(prefetched.answer_set.all())]
    prefetched = Poll.objects.prefetch_related("answer_set").get(pk=poll.pk)
    Answer.objects.create(poll=poll, label="later")
    prefetched.refresh_from_db()
    out["refresh_clears_prefetched"] = len(prefetched.answer_set.all())

    gone = Answer.objects.create(poll=poll, label="gone")
    Answer.objects.filter(pk=gone.pk).delete()
    out["refresh_deleted_row"] = _outcome(gone.refresh_from_db)


def run():
    """Create the tables, run every case, drop the tables; return what was seen."""
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    out = {}
    try:
        poll = Poll.objects.create(text="What's up?")
        _update_cases(out, poll)
        _insert_cases(out, poll)
        _update_or_create_cases(out, poll)
        _refresh_cases(out, poll)
    finally:
        with connection.schema_editor() as editor:
            for model in reversed(MODELS):
                editor.delete_model(model)
    return json.loads(json.dumps(out))  # tuples as lists, as in the JSON file
