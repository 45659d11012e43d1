"""Django's official tutorial, parts 1-5 (examples/tutorial: made by Django's
`startproject mysite` and `startapp polls`, the code typed in from the docs),
run unchanged as its reader runs it: `python manage.py check`, `migrate`,
`test polls` and `runserver` with the vote, in a virtual environment where
djscratch is installed as pip installs it and Django is not; then in one where
real Django is installed beside djscratch, which must answer instead.
"""

import html.parser
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from tests import forked
from tests.test_two_engines import DJANGO_PYTHON, needs_django

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXAMPLE = os.path.join(ROOT, "examples", "tutorial")
ADMIN_PASSWORD = "tutorial-Admin-2026"
#: What `pip install djscratch` puts in site-packages.
INSTALLED_FILES = ("djscratch.py", "djscratch_fallback.py", "djscratch-fallback.pth")
#: The ten tests of the tutorial's part 5, as `test -v 2` lists them.
TUTORIAL_TESTS = sorted(
    ["QuestionModelTests.test_was_published_recently_with_%s_question" % when
     for when in ("future", "old", "recent")]
    + ["QuestionIndexViewTests.test_%s" % name for name in (
        "no_questions", "past_question", "future_question",
        "future_question_and_past_question", "two_past_questions")]
    + ["QuestionDetailViewTests.test_%s" % name
       for name in ("future_question", "past_question")])
#: Part 2's shell session, shortened: a question with two choices.
SHELL_SESSION = """
from django.utils import timezone
from polls.models import Question
q = Question(question_text="What's new?", pub_date=timezone.now())
q.save()
q.choice_set.create(choice_text="Not much", votes=0)
q.choice_set.create(choice_text="The sky", votes=0)
print(q.id, [c.id for c in q.choice_set.all()])
"""

#: The shell sessions of parts 2 and 5, line by line as the docs type them, with
#: part 4's vote (F("votes") + 1) and refresh_from_db() between them.
TUTORIAL_SESSION = """\
Question.objects.all()
from django.utils import timezone
q = Question(question_text="What's new?", pub_date=timezone.now())
q.save()
q.id
q.question_text
q.pub_date
q.question_text = "What's up?"
q.save()
Question.objects.all()
Question.objects.filter(id=1)
Question.objects.filter(question_text__startswith="What")
current_year = timezone.now().year
Question.objects.get(pub_date__year=current_year)
Question.objects.get(id=2)
Question.objects.get(pk=1)
q = Question.objects.get(pk=1)
q.was_published_recently()
q = Question.objects.get(pk=1)
q.choice_set.all()
q.choice_set.create(choice_text="Not much", votes=0)
q.choice_set.create(choice_text="The sky", votes=0)
c = q.choice_set.create(choice_text="Just hacking again", votes=0)
c.question
q.choice_set.all()
q.choice_set.count()
Choice.objects.filter(question__pub_date__year=current_year)
c = q.choice_set.filter(choice_text__startswith="Just hacking")
c.delete()
from django.db.models import F
choice = q.choice_set.get(choice_text="The sky")
choice.votes = F("votes") + 1
choice.save()
choice.votes
choice.refresh_from_db()
choice.votes
import datetime
future_question = Question(pub_date=timezone.now() + datetime.timedelta(days=30))
future_question.was_published_recently()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
client = Client()
response = client.get("/")
response.status_code
from django.urls import reverse
response = client.get(reverse("polls:index"))
response.status_code
response.content
response.context["latest_question_list"]
"""
#: Types TUTORIAL_SESSION into `manage.py shell -c`, as at the >>> prompt.
SESSION_DRIVER = """\
import code, sys
console = code.InteractiveConsole(globals())
def last_line(*args):
    kind, error, _tb = sys.exc_info()
    print("Traceback (most recent call last):\\n    ...\\n%s: %s"
          % (kind.__name__, error))
console.showtraceback = last_line
for line in SESSION.splitlines():
    print(">>> " + line)
    console.push(line)
"""


def shell_session(python, project):
    """The transcript of TUTORIAL_SESSION on a migrated, empty database (the
    automatic imports' line first; the moment of q.pub_date masked)."""
    status, output = manage(python, project, "migrate")
    if status:
        raise AssertionError(output)
    driver = "SESSION = %r\n%s" % (TUTORIAL_SESSION, SESSION_DRIVER)
    done = subprocess.run([python, "manage.py", "shell", "-c", driver],
                          cwd=project, env=_environ(), capture_output=True,
                          text=True, timeout=180)
    if done.returncode:
        raise AssertionError(done.stdout + done.stderr)
    return re.sub(r"datetime\.datetime\(\d+, [^)]*\)", "datetime.datetime(...)",
                  done.stdout)


def shell(python, project, *args, stdin=None):
    """(status, stdout, stderr) of `python manage.py shell ARGS`."""
    done = subprocess.run([python, "manage.py", "shell", *args], cwd=project,
                          env=_environ(), input=stdin, capture_output=True,
                          text=True, timeout=180)
    return done.returncode, done.stdout, done.stderr


def _environ():
    """The environment without what would point Python at this repository."""
    return {k: v for k, v in os.environ.items() if k not in (
        "PYTHONPATH", "PYTHONSAFEPATH", "DJANGO_SETTINGS_MODULE",
        "DJSCRATCH_ENGINE", "DJSCRATCH_RUN_MAIN")}


def make_venv(folder, base_python, extra_site_dirs=()):
    """A virtual environment (no pip) where djscratch is installed as `pip
    install djscratch` installs it; `extra_site_dirs` (a real Django's
    site-packages) are added by a .pth file beside it.  Return its python."""
    subprocess.run([base_python, "-m", "venv", "--without-pip", folder],
                   check=True, capture_output=True, timeout=120)
    python = os.path.join(folder, "bin", "python")
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True, env=_environ(),
        timeout=60).stdout.strip()
    for name in INSTALLED_FILES:
        # copy2 keeps the modification time, which the byte code records.
        shutil.copy2(os.path.join(ROOT, name), site)
        _copy_byte_code(name, site)
    # Byte-compiled as pip compiles what it installs (each command would
    # otherwise compile the single file again where PYTHONDONTWRITEBYTECODE is set).
    # compileall compiles what has no current byte code: the copied .pyc of a
    # file it matches (same interpreter, source time and size) is left as is.
    subprocess.run([python, "-m", "compileall", "-q", site], check=True,
                   capture_output=True, env=_environ(), timeout=300)
    if extra_site_dirs:
        with open(os.path.join(site, "beside.pth"), "w", encoding="utf-8") as f:
            f.write("".join(path + "\n" for path in extra_site_dirs))
    return python


def _copy_byte_code(name, site):
    """Copy the repository's __pycache__ entry of `name` into `site` when it is
    this interpreter's: compiling the 2 MB djscratch.py again in every new
    virtual environment costs a second of CPU.  compileall then checks it
    against the copied source, as it checks any .pyc."""
    import importlib.util

    cached = importlib.util.cache_from_source(os.path.join(ROOT, name))
    if name.endswith(".py") and os.path.exists(cached):
        target = importlib.util.cache_from_source(os.path.join(site, name))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(cached, target)


def copy_example(folder):
    """A fresh copy of examples/tutorial (no database, no caches)."""
    target = os.path.join(folder, "tutorial")
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(
        "__pycache__", "db.sqlite3"))
    return target


def manage(python, project, *args, timeout=180, env=None):
    """Run `python manage.py ARGS` in the project; return (status, output)."""
    done = subprocess.run([python, "manage.py", *args], cwd=project,
                          env={**_environ(), **(env or {})}, capture_output=True,
                          text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def serve_and_walk(case, python, project):
    """Part 2's data and superuser, then runserver and a visitor's walk
    through the polls and the admin over HTTP."""
    status, output = manage(python, project, "shell", "-c", SHELL_SESSION)
    case.assertEqual(status, 0, output)
    question, choices = re.search(r"^(\d+) \[(\d+), \d+\]$", output, re.M).groups()
    status, output = manage(
        python, project, "createsuperuser", "--noinput", "--username", "admin",
        "--email", "admin@example.com",
        env={"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD})
    case.assertEqual(status, 0, output)
    with RunServer(python, project) as server:
        flow = VoteFlow(case, server.url, int(question), int(choices))
        flow.run()
        flow.admin_walk()


def passed_tests(output):
    """The tests `test -v 2` reports as ok, as Class.method."""
    return sorted(re.findall(r"\(polls\.tests\.(\w+\.\w+)\)\n?[^\n]*?\.\.\. ok$",
                             output, re.M))


def assert_tutorial_tests_passed(case, status, output):
    case.assertEqual(status, 0, output)
    case.assertEqual(passed_tests(output), TUTORIAL_TESTS, output)
    case.assertRegex(output, r"\nRan 10 tests in [\d.]+s\n\nOK\n")


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1)


class _FormFields(html.parser.HTMLParser):
    """The fields a browser submits with the page's form (without buttons)."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in (
                "submit", "button", "checkbox", "radio"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value", "on")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_fields(page):
    """{name: value} of what submitting the page's form sends as it stands."""
    parser = _FormFields()
    parser.feed(page)
    return parser.data


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TutorialOnDjscratchTests(unittest.TestCase):
    """The unchanged project on djscratch, Django not installed."""

    parallel_cost = 4  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.mkdtemp()
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        cls.python = make_venv(os.path.join(cls.folder, "venv"), sys.executable)
        cls.project = copy_example(cls.folder)
        cls.check = manage(cls.python, cls.project, "check")
        cls.migrate = manage(cls.python, cls.project, "migrate")

    def test_django_is_not_installed_and_djscratch_answers(self):
        done = subprocess.run(
            [self.python, "-c", "import importlib.util as u, sys\n"
             "print(u.find_spec('django').origin)\n"
             "import django\nprint(type(django).__name__, 'djscratch' in sys.modules)"],
            env=_environ(), capture_output=True, text=True, timeout=60)
        self.assertEqual(done.stdout.split()[1:], ["_AliasModule", "True"],
                         done.stdout + done.stderr)

    def test_check_finds_no_issues(self):
        self.assertEqual(self.check, (0, "System check identified no issues "
                                         "(0 silenced).\n"))

    def test_migrate_creates_the_tables(self):
        status, output = self.migrate
        self.assertEqual(status, 0, output)
        with sqlite3.connect(os.path.join(self.project, "db.sqlite3")) as db:
            tables = {name for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        self.assertTrue({"polls_question", "polls_choice", "auth_user",
                         "django_session", "django_content_type"} <= tables, tables)

    def test_the_tutorials_ten_tests_pass(self):
        status, output = manage(self.python, self.project, "test", "polls", "-v", "2")
        assert_tutorial_tests_passed(self, status, output)

    def test_with_only_the_file_copied_python_m_djscratch_runs_them(self):
        # Forked from a process that has imported the same file
        # (tests/forked.py): what a new `python -m djscratch` does, less
        # its start-up.
        done = forked.run(
            [sys.executable, "-m", "djscratch", "test", "polls", "-v", "2"],
            cwd=self.project, env={**_environ(), "PYTHONPATH": ROOT},
            capture_output=True, text=True, timeout=180)
        assert_tutorial_tests_passed(self, done.returncode, done.stdout + done.stderr)

    def test_runserver_serves_the_pages_and_counts_a_vote(self):
        self.assertEqual(self.migrate[0], 0, self.migrate[1])
        serve_and_walk(self, self.python, self.project)


class RunServer:
    """`python manage.py runserver PORT --noreload` until the block ends."""

    def __init__(self, python, project):
        self.python, self.project = python, project
        self.url = "http://127.0.0.1:%d" % free_port()

    def __enter__(self):
        self.process = subprocess.Popen(
            [self.python, "manage.py", "runserver", self.url.rsplit(":", 1)[1],
             "--noreload"], cwd=self.project, env=_environ(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", int(
                        self.url.rsplit(":", 1)[1])), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.02)
        self.__exit__()
        raise AssertionError("runserver did not start")

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(timeout=20)


class VoteFlow:
    """A visitor's walk through the tutorial's pages, over HTTP."""

    def __init__(self, case, url, question, choice):
        self.case, self.url = case, url
        self.question, self.choice = question, choice
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies))

    def fetch(self, path, data=None):
        """(status, final path, body) of a GET, or a POST of `data`."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.url + path, body, timeout=20) as response:
                return (response.status, urllib.parse.urlsplit(response.url).path,
                        response.read().decode())
        except urllib.error.HTTPError as error:
            return error.code, path, error.read().decode()

    def run(self):
        self.index_lists_the_question()
        token = self.detail_shows_the_form()
        self.vote_without_a_choice_shows_the_error(token)
        self.vote_redirects_to_the_results(token)
        self.unknown_question_is_404()

    def index_lists_the_question(self):
        status, _path, body = self.fetch("/polls/")
        self.case.assertEqual(status, 200, body)
        self.case.assertIn('<link rel="stylesheet" href="/static/polls/style.css">',
                           body)
        self.case.assertIn('<li><a href="/polls/%d/">What&#x27;s new?</a></li>'
                           % self.question, body)
        status, _path, css = self.fetch("/static/polls/style.css")
        self.case.assertEqual((status, css.split("\n")[0]), (200, "li a {"))

    def detail_shows_the_form(self):
        status, _path, body = self.fetch("/polls/%d/" % self.question)
        self.case.assertEqual(status, 200, body)
        self.case.assertIn('<form action="/polls/%d/vote/" method="post">'
                           % self.question, body)
        self.case.assertIn('<input type="radio" name="choice" id="choice1" '
                           'value="%d">' % self.choice, body)
        return csrf_token(body)

    def vote_without_a_choice_shows_the_error(self, token):
        status, _path, body = self.fetch("/polls/%d/vote/" % self.question,
                                         {"csrfmiddlewaretoken": token})
        self.case.assertEqual(status, 200, body)
        self.case.assertIn("<p><strong>You didn&#x27;t select a choice.</strong></p>",
                           body)

    def vote_redirects_to_the_results(self, token):
        for expected in ("Not much -- 1 vote</li>", "Not much -- 2 votes</li>"):
            status, path, body = self.fetch(
                "/polls/%d/vote/" % self.question,
                {"csrfmiddlewaretoken": token, "choice": self.choice})
            self.case.assertEqual((status, path),
                                  (200, "/polls/%d/results/" % self.question), body)
            self.case.assertIn(expected, body)
            self.case.assertIn("The sky -- 0 votes</li>", body)

    def admin_walk(self):
        """Part 2's "Introducing the Django Admin": log in, the index lists
        the polls app, the change list shows the question, its form opens."""
        status, path, body = self.fetch("/admin/")
        self.case.assertEqual((status, path), (200, "/admin/login/"), body)
        self.case.assertIn('name="username"', body)
        status, path, body = self.fetch("/admin/login/?next=/admin/", {
            "csrfmiddlewaretoken": csrf_token(body), "username": "admin",
            "password": ADMIN_PASSWORD, "next": "/admin/"})
        self.case.assertEqual((status, path), (200, "/admin/"), body)
        self.case.assertIn('href="/admin/polls/question/"', body)
        status, _path, body = self.fetch("/admin/polls/question/")
        self.case.assertEqual(status, 200, body)
        self.case.assertIn("What&#x27;s new?", body)
        change = "/admin/polls/question/%d/change/" % self.question
        self.case.assertIn('href="%s"' % change, body)
        status, _path, body = self.fetch(change)
        self.case.assertEqual(status, 200, body)
        self.case.assertIn('name="question_text"', body)
        self.admin_edits_the_question(change, body)

    def admin_edits_the_question(self, change, form):
        """Edit the text, "Save and continue editing", then the history."""
        data = form_fields(form)  # part 7's inline of choices posts along
        self.case.assertEqual(data["choice_set-TOTAL_FORMS"], "5")  # 2 + extra 3
        data.update({"question_text": "What's up?", "_continue": "1"})
        status, path, body = self.fetch(change, data)
        self.case.assertEqual((status, path), (200, change), body)
        self.case.assertIn('The question “<a href="%s">What&#x27;s up?</a>” was '
                           "changed successfully. You may edit it again below."
                           % change, body)
        status, _path, body = self.fetch(change.replace("/change/", "/history/"))
        self.case.assertEqual(status, 200, body)
        self.case.assertIn("Changed Question text.", body)

    def unknown_question_is_404(self):
        status, _path, _body = self.fetch("/polls/999/")
        self.case.assertEqual(status, 404)


@needs_django
class TutorialWithDjangoInstalledTests(unittest.TestCase):
    """djscratch installed and real Django beside it: Django answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.mkdtemp()
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        django_site = subprocess.run(
            [DJANGO_PYTHON, "-c", "import django, os; "
             "print(os.path.dirname(os.path.dirname(django.__file__)))"],
            env=_environ(), check=True, capture_output=True, text=True,
            timeout=60).stdout.strip()
        cls.django_site = django_site
        cls.python = make_venv(os.path.join(cls.folder, "venv"), DJANGO_PYTHON,
                               [django_site])
        cls.our_python = make_venv(os.path.join(cls.folder, "ours"), sys.executable)

    def setUp(self):
        self.project = copy_example(tempfile.mkdtemp(dir=self.folder))
        self.our_project = copy_example(tempfile.mkdtemp(dir=self.folder))

    def test_real_django_is_imported_and_djscratch_is_not(self):
        done = subprocess.run(
            [self.python, "-c", "import django, sys\nprint(django.__file__, "
             "django.get_version(), 'djscratch' in sys.modules)"],
            env=_environ(), capture_output=True, text=True, timeout=60)
        where, version, loaded = done.stdout.split()
        self.assertEqual(where, os.path.join(self.django_site, "django", "__init__.py"))
        self.assertTrue(version.startswith("5.2."), version)
        self.assertEqual(loaded, "False")

    def test_the_shell_sessions_print_the_same_on_both_engines(self):
        self.maxDiff = None
        theirs = shell_session(self.python, self.project)
        self.assertEqual(shell_session(self.our_python, self.our_project), theirs)
        self.assertTrue(theirs.startswith(
            "8 objects imported automatically (use -v 2 for details).\n\n>>> "), theirs)
        self.assertIn(">>> Question.objects.get(pk=1)\n<Question: What's up?>\n",
                      theirs)
        self.assertIn(">>> choice.votes\n<CombinedExpression: F(votes) + Value(1)>\n"
                      ">>> choice.refresh_from_db()\n>>> choice.votes\n1\n", theirs)

    def test_shell_options_and_piped_code_print_the_same_on_both_engines(self):
        for args, stdin in ((["-v", "2", "-c", "pass"], None),
                            (["-v", "0", "-c", "print(Choice.__name__)"], None),
                            (["--no-imports", "-c", "print('Choice' in dir())"], None),
                            ([], "print(Question.objects.model.__name__)\n")):
            with self.subTest(args=args, stdin=stdin):
                self.assertEqual(shell(self.our_python, self.our_project, *args,
                                       stdin=stdin),
                                 shell(self.python, self.project, *args, stdin=stdin))

    def test_runserver_on_django_serves_the_same_walk(self):
        status, output = manage(self.python, self.project, "migrate")
        self.assertEqual(status, 0, output)
        serve_and_walk(self, self.python, self.project)

    def test_the_tutorials_ten_tests_pass_on_django(self):
        status, output = manage(self.python, self.project, "test", "polls", "-v", "2")
        assert_tutorial_tests_passed(self, status, output)
        self.assertIn("Creating test database for alias 'default'", output)
        self.assertNotIn("passed, 0 failed", output)  # djscratch's summary line
