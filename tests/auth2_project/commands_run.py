"""createsuperuser and changepassword: prints each run's output, to compare
both engines (prompts and input are scripted)."""
# ruff: noqa  (a compact listing, one scenario step per line, run by both engines)
import builtins, getpass, io, os, sys
from unittest import mock
if os.environ.get("DJS"): import djscratch
import django
django.setup()
from django.core.management import call_command
from django.core.management import CommandError
call_command("migrate", run_syncdb=True, verbosity=0)
from django.contrib.auth import get_user_model
User = get_user_model()
kind = os.environ.get("AUTH2_USER", "auth")
email_user = kind == "emailaccounts"
class TTY(io.StringIO):
    def isatty(self): return True
def run(label, name, *args, answers=(), passwords=(), env=None, **options):
    answers, passwords, asked = list(answers), list(passwords), []
    def fake_input(prompt=""):
        asked.append(prompt)
        if not answers: raise KeyboardInterrupt
        return answers.pop(0)
    def fake_getpass(prompt="Password: ", stream=None):
        asked.append(prompt); return passwords.pop(0)
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.object(builtins, "input", fake_input), mock.patch.object(getpass, "getpass", fake_getpass), mock.patch.object(getpass, "getuser", lambda: "alice"), mock.patch.dict(os.environ, env or {}):
        try:
            call_command(name, *args, stdout=out, stderr=err, **options)
            result = "ok"
        except CommandError as e:
            result = "CommandError: %s" % e
        except SystemExit as e:
            result = "SystemExit: %s" % e.code
    print(label, "->", result); print("  asked", asked); print("  out", repr(out.getvalue())); print("  err", repr(err.getvalue()))
U = User.USERNAME_FIELD
dob = {"date_of_birth": "1990-05-06"} if email_user else {"email": "x@example.com"}
name1 = "root@example.com" if email_user else "root"
run("noinput env", "createsuperuser", interactive=False, env={"DJANGO_SUPERUSER_" + U.upper(): name1, "DJANGO_SUPERUSER_PASSWORD": "pw-from-env", "DJANGO_SUPERUSER_EMAIL": "root@example.com", "DJANGO_SUPERUSER_DATE_OF_BIRTH": "1980-01-02"})
u = User.objects.get(**{U: name1})
print("created", str(u), u.is_staff, u.is_superuser, u.check_password("pw-from-env"), getattr(u, "email", None))
run("noinput option no password", "createsuperuser", interactive=False, **{U: "x2@example.com" if email_user else "x2"}, **dob)
print("unusable", User.objects.get(**{U: "x2@example.com" if email_user else "x2"}).has_usable_password())
run("noinput missing username", "createsuperuser", interactive=False)
run("noinput taken", "createsuperuser", interactive=False, **{U: name1}, **dob)
run("noinput missing required", "createsuperuser", interactive=False, **{U: "x3@example.com" if email_user else "x3"})
run("noinput invalid", "createsuperuser", interactive=False, **{U: "bad name!" if not email_user else "not-an-email"}, **dob)
run("not a tty", "createsuperuser", stdin=io.StringIO())
name2 = "ann@example.com" if email_user else "ann"
answers = [name1, name2] + (["not a date", "1999-12-31"] if email_user else ["ann@example.com"]) + ["n", "y"]
run("interactive", "createsuperuser", stdin=TTY(), answers=answers, passwords=["a", "b", " ", " ", "12345", "12345", "ann-x", "ann-x"])
print("created", str(User.objects.get(**{U: name2})), User.objects.get(**{U: name2}).check_password("ann-x"))
run("interactive option", "createsuperuser", stdin=TTY(), **{U: "bob@example.com" if email_user else "bob"}, **dob, passwords=["Long-enough-pw1", "Long-enough-pw1"])
run("interactive blank", "createsuperuser", stdin=TTY(), **{U: ""})
run("interactive ctrl-c", "createsuperuser", stdin=TTY(), answers=[])
run("changepassword", "changepassword", name2, passwords=["x1", "x2", "short", "short", "Another-long-pw9", "Another-long-pw9"])
print("changed", User.objects.get(**{U: name2}).check_password("Another-long-pw9"))
run("changepassword abort", "changepassword", name2, passwords=["a1", "a2", "b1", "b2", "c1", "c2"])
run("changepassword empty", "changepassword", name2, passwords=[""])
run("changepassword unknown", "changepassword", "ghost")
run("changepassword default user", "changepassword")
