"""The admin flows of Django's tutorial (part 7's polls/admin.py, on a copy of
examples/tutorial) over HTTP with webtest, driven only by URL names and Django's
form protocol (field names, the inline's management form, _save / _continue /
_addanother, action=delete_selected, post=yes).  Runs on djscratch, or with
ADMIN_FLOWS_ENGINE=django on real Django 5.2; prints what it saw as JSON
(tests/test_admin_flows.py runs it on both and compares).
"""

import json
import os
import re
import shutil
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_DJANGO = os.environ.get("ADMIN_FLOWS_ENGINE") == "django"
PASSWORD = "tutorial-Admin-2026"
PROJECT = os.path.join(tempfile.mkdtemp(), "tutorial")
shutil.copytree(os.path.join(ROOT, "examples", "tutorial"), PROJECT,
                ignore=shutil.ignore_patterns("__pycache__", "db.sqlite3"))
os.chdir(PROJECT)
sys.path[:0] = [PROJECT, ROOT]
os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
os.environ["DJANGO_SUPERUSER_PASSWORD"] = PASSWORD
if not ON_DJANGO:
    import djscratch  # noqa: F401  (django.* is djscratch from here on)

import django  # noqa: E402

django.setup()

import webtest  # noqa: E402
from django.contrib.admin.models import LogEntry  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import resolve, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from polls.models import Choice, Question  # noqa: E402

seen = {}


def where(response):
    """A redirect as (URL name, args, query keys): what the protocol promises."""
    if response.status_int not in (301, 302):
        return response.status_int
    parts = urllib.parse.urlsplit(response.headers["Location"])
    match = resolve(parts.path)
    return [response.status_int, match.url_name, list(match.args) +
            sorted(match.kwargs.values()),
            sorted(urllib.parse.parse_qs(parts.query, keep_blank_values=True))]


def form_with(response, name):
    """The page's form that has a field called `name`."""
    for form in response.forms.values():
        if name in form.fields:
            return form
    raise AssertionError("no form with %r on %s" % (name, response.request.url))


def change_links(response):
    """The questions the changelist links to (by their change URLs)."""
    return sorted(q.question_text for q in Question.objects.all()
                  if reverse("admin:polls_question_change", args=[q.pk])
                  in response.text)


def choices(question_text):
    return sorted(Choice.objects.filter(question__question_text=question_text)
                  .values_list("choice_text", flat=True))


def fill_question(form, text, when, choice_texts):
    form["question_text"] = text
    form["pub_date_0"] = when.strftime("%Y-%m-%d")
    form["pub_date_1"] = when.strftime("%H:%M:%S")
    for i, choice_text in enumerate(choice_texts):
        form["choice_set-%d-choice_text" % i] = choice_text


def log_in(app):
    response = app.get(reverse("admin:index"))
    seen["anonymous index"] = where(response)
    response = response.follow()
    form = form_with(response, "username")
    form["username"], form["password"] = "admin", PASSWORD
    response = form.submit()
    seen["login"] = where(response)
    return response.follow()


def add_questions(app):
    add = reverse("admin:polls_question_add")
    response = app.get(add)
    form = form_with(response, "question_text")
    seen["add form management"] = {
        key: form["choice_set-%s" % key].value for key in (
            "TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")}
    now = timezone.localtime()
    fill_question(form, "Tea or coffee?", now, ["Tea", "Coffee", "Water"])
    response = form.submit("_continue")
    seen["add _continue"] = where(response)
    page = response.follow()
    seen["added message"] = "was added successfully. You may edit it again " \
        "below." in page.text
    seen["added choices"] = choices("Tea or coffee?")
    form = form_with(app.get(add), "question_text")
    fill_question(form, "An old question?", now.replace(year=2020), ["Yes"])
    response = form.submit("_addanother")
    seen["add _addanother"] = where(response)
    seen["addanother message"] = "You may add another question below." in \
        response.follow().text
    form = form_with(app.get(add), "question_text")
    form["question_text"] = ""  # required: the form comes back with its errors
    response = form.submit("_save")
    seen["add invalid"] = [response.status_int, "This field is required." in
                           response.text, Question.objects.count()]


def find_them(app):
    changelist = reverse("admin:polls_question_changelist")
    seen["changelist"] = change_links(app.get(changelist))
    seen["search coffee"] = change_links(app.get(changelist, {"q": "coffee"}))
    seen["search nothing"] = change_links(app.get(changelist, {"q": "no such"}))
    today = app.get(changelist).click(description="^Today$")
    seen["filter today"] = change_links(today)
    seen["filter today params"] = sorted(today.request.GET)
    seen["unknown filter"] = where(app.get(changelist, {"votes__gt": "1"}))
    return today


def edit_it(app, today):
    question = Question.objects.get(question_text="Tea or coffee?")
    change = reverse("admin:polls_question_change", args=[question.pk])
    response = today.click(href="^%s" % change)
    seen["changelist filters carried"] = sorted(response.request.GET)
    form = form_with(response, "question_text")
    seen["change form management"] = [form["choice_set-TOTAL_FORMS"].value,
                                      form["choice_set-INITIAL_FORMS"].value]
    form["question_text"] = "Tea, coffee or water?"
    form["choice_set-2-choice_text"] = "Sparkling water"
    form["choice_set-1-DELETE"] = True
    response = form.submit("_save")
    seen["change _save"] = where(response)
    page = response.follow()
    seen["changed message"] = "was changed successfully." in page.text
    seen["changed back on today"] = change_links(page)
    seen["changed choices"] = choices("Tea, coffee or water?")
    history = app.get(reverse("admin:polls_question_history", args=[question.pk]))
    seen["history"] = [history.status_int, "Added." in history.text,
                       "Changed Question text." in history.text]
    return question


def delete_it(app, question):
    response = app.get(reverse("admin:polls_question_delete", args=[question.pk]))
    seen["delete page lists the choices"] = all(
        text in response.text for text in ("Tea", "Sparkling water"))
    form = form_with(response, "post")
    seen["delete form post"] = form["post"].value
    response = form.submit()
    seen["delete"] = where(response)
    seen["deleted message"] = "was deleted successfully." in response.follow().text
    seen["after delete"] = [Question.objects.count(), Choice.objects.count()]


def delete_selected(app):
    old = Question.objects.get()
    response = app.get(reverse("admin:polls_question_changelist"))
    form = form_with(response, "action")
    form["action"] = "delete_selected"
    for box in form.fields["_selected_action"]:
        if box._value == str(old.pk):
            box.checked = True
    response = form.submit()
    seen["action confirmation"] = [response.status_int,
                                   "An old question?" in response.text]
    form = form_with(response, "post")
    seen["action confirmation fields"] = sorted(
        name for name in form.fields if name not in (None, "csrfmiddlewaretoken"))
    response = form.submit()
    seen["action delete"] = where(response)
    seen["action message"] = "Successfully deleted 1 question." in \
        response.follow().text
    seen["after action"] = Question.objects.count()


def log_out(app):
    response = app.get(reverse("admin:index"))
    form = [f for f in response.forms.values()
            if f.action.endswith(reverse("admin:logout"))][0]
    seen["logout"] = form.submit().status_int
    seen["index after logout"] = where(app.get(reverse("admin:index")))


def main():
    call_command("migrate", verbosity=0)
    call_command("createsuperuser", interactive=False, username="admin",
                 email="admin@example.com", verbosity=0)
    app = webtest.TestApp(get_wsgi_application())
    log_in(app)
    add_questions(app)
    today = find_them(app)
    question = edit_it(app, today)
    delete_it(app, question)
    delete_selected(app)
    log_out(app)
    seen["log entries"] = [
        [entry.action_flag, entry.object_repr, entry.get_change_message()]
        for entry in LogEntry.objects.order_by("pk")]
    # Keys as identifiers: each becomes a test name in tests/test_admin_flows.py.
    print(json.dumps({re.sub(r"[\W_]+", "_", key).strip("_"): value
                      for key, value in seen.items()}, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
