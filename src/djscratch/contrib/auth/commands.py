"""The auth commands `createsuperuser` and `changepassword`
(django/contrib/auth/management/commands/), with Django's prompts, messages
and DJANGO_SUPERUSER_<FIELD> variables, and get_default_username()
(django/contrib/auth/management/__init__.py).
"""

import getpass
import os
import sys

from djscratch.utils.text import capfirst
from djscratch.core.exceptions import FieldDoesNotExist, ValidationError
from djscratch.core.management.base import CommandError
from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.apps.registry import setup
from djscratch.conf import ENVIRONMENT_VARIABLE, settings
from djscratch.contrib.auth.api import get_user_model
from djscratch.contrib.auth.models import User
from djscratch.contrib.auth.password_validation import validate_password
from djscratch.core.management.commands import _ensure_settings, command

__all__ = [
    "get_default_username", "get_system_username",
]


class _NotRunningInTTY(Exception):
    pass


def get_system_username():
    """The login name of the user running the process ('' if unknown)."""
    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):
        return ""


def get_default_username(check_db=True, database=DEFAULT_DB_ALIAS):
    """The system user's name as a valid, free username of auth.User, or ''
    (always '' when the user model is swapped)."""
    import unicodedata

    if User._meta.swapped:
        return ""
    default = unicodedata.normalize("NFKD", get_system_username()).encode(
        "ascii", "ignore").decode("ascii").replace(" ", "").lower()
    try:
        User._meta.get_field("username").run_validators(default)
    except ValidationError:
        return ""
    if check_db and default and User._default_manager.db_manager(database).filter(
            username=default).exists():
        return ""
    return default


def _user_model_or_none():
    # The options depend on the user model: load the project if there is one.
    if not settings.configured and not os.environ.get(ENVIRONMENT_VARIABLE):
        _ensure_settings()
    if settings.configured or os.environ.get(ENVIRONMENT_VARIABLE):
        if os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        setup()
        return get_user_model()
    return None


def _writers(options):
    """(write to stdout, write to stderr), one line each, as BaseCommand's."""
    out = getattr(options, "stdout", None) or sys.stdout
    err = getattr(options, "stderr", None) or sys.stderr
    return (lambda text: out.write(text + "\n")), (lambda text: err.write(text + "\n"))


def _createsuperuser_arguments(parser):
    model = _user_model_or_none()
    username_field = model.USERNAME_FIELD if model else "username"
    parser.add_argument("--%s" % username_field, dest="username_value",
                        metavar=username_field.upper(),
                        help="Specifies the login for the superuser.")
    parser.add_argument(
        "--noinput", "--no-input", action="store_false", dest="interactive",
        help="Tells Django to NOT prompt the user for input of any kind. You must "
             "use --%s with --noinput, along with an option for any other required "
             "field. Superusers created with --noinput will not be able to log in "
             "until they're given a valid password." % username_field)
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                        help='Specifies the database to use. Default is "default".')
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])
    for field_name in (model.REQUIRED_FIELDS if model else ["email"]):
        if model and model._meta.get_field(field_name).many_to_many:
            raise CommandError(
                "createsuperuser: a many-to-many REQUIRED_FIELDS entry ('%s') is not "
                "implemented by djscratch; use the Django engine "
                "(DJSCRATCH_ENGINE=django)." % field_name)
        parser.add_argument("--%s" % field_name,
                            help="Specifies the %s for the superuser." % field_name)


class _SuperuserCreation:
    """One run of createsuperuser (Django's Command.handle, split up)."""

    def __init__(self, options):
        self.options = options
        self.model = get_user_model()
        self.username_field = self.model._meta.get_field(self.model.USERNAME_FIELD)
        self.database = getattr(options, "database", DEFAULT_DB_ALIAS)
        self.write, self.write_error = _writers(options)

    def _option(self, name):
        if name == self.model.USERNAME_FIELD:
            value = getattr(self.options, "username_value", None)
            if value is None:  # call_command(username=...) uses the field name
                value = getattr(self.options, name, None)
            return value
        return getattr(self.options, name, None)

    def run(self):
        user_data = {}
        try:
            self.model._meta.get_field("password")
        except FieldDoesNotExist:
            pass
        else:
            user_data["password"] = None
        try:
            if getattr(self.options, "interactive", True):
                self._interactive(user_data)
            else:
                self._noinput(user_data)
            self.model._default_manager.db_manager(self.database).create_superuser(
                **user_data)
            if getattr(self.options, "verbosity", 1) >= 1:
                self.write("Superuser created successfully.")
        except KeyboardInterrupt:
            self.write_error("\nOperation cancelled.")
            sys.exit(1)
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from None
        except _NotRunningInTTY:
            self.write(
                "Superuser creation skipped due to not running in a TTY. You can run "
                "`manage.py createsuperuser` in your project to create one manually.")

    def _username_is_unique(self):
        return self.username_field.unique or any(
            len(c.fields) == 1 and c.fields[0] == self.username_field.name
            for c in getattr(self.model._meta, "total_unique_constraints", []))

    def _validate_username(self, username):
        """An error message for `username`, or None."""
        verbose = self.username_field.verbose_name
        if self._username_is_unique():
            try:
                self.model._default_manager.db_manager(
                    self.database).get_by_natural_key(username)
            except self.model.DoesNotExist:
                pass
            else:
                return "Error: That %s is already taken." % verbose
        if not username:
            return "%s cannot be blank." % capfirst(verbose)
        try:
            self.username_field.clean(username, None)
        except ValidationError as e:
            return "; ".join(e.messages)
        return None

    def _input_message(self, field, default=None):
        target = ""
        if field.remote_field:
            target = " (%s.%s)" % (field.remote_field.model._meta.object_name,
                                   field.remote_field.field_name)
        return "%s%s%s: " % (
            capfirst(field.verbose_name),
            " (leave blank to use '%s')" % default if default else "", target)

    def _input_data(self, field, message, default=None):
        raw_value = input(message)
        if default and raw_value == "":
            raw_value = default
        try:
            return field.clean(raw_value, None)
        except ValidationError as e:
            self.write_error("Error: %s" % "; ".join(e.messages))
            return None

    def _interactive(self, user_data):
        stdin = getattr(self.options, "stdin", None) or sys.stdin
        if hasattr(stdin, "isatty") and not stdin.isatty():
            raise _NotRunningInTTY
        username = self._option(self.model.USERNAME_FIELD)
        default_username = get_default_username(database=self.database)
        if username:
            error = self._validate_username(username)
            if error:
                self.write_error(error)
                username = None
        elif username == "":
            raise CommandError("%s cannot be blank." % capfirst(
                self.username_field.verbose_name))
        while username is None:
            username = self._input_data(
                self.username_field,
                self._input_message(self.username_field, default_username),
                default_username)
            if username:
                error = self._validate_username(username)
                if error:
                    self.write_error(error)
                    username = None
        user_data[self.model.USERNAME_FIELD] = username
        fake_user_data = {self.model.USERNAME_FIELD: username}
        for field_name in self.model.REQUIRED_FIELDS:
            field = self.model._meta.get_field(field_name)
            value = self._option(field_name)
            user_data[field_name] = None if value is None else field.clean(value, None)
            while user_data[field_name] is None:
                user_data[field_name] = self._input_data(
                    field, self._input_message(field))
            fake_user_data[field_name] = user_data[field_name]
            if field.many_to_one:
                fake_user_data[field_name] = field.remote_field.model(
                    user_data[field_name])
        while "password" in user_data and user_data["password"] is None:
            user_data["password"] = self._ask_password(fake_user_data)

    def _ask_password(self, fake_user_data):
        """The password typed twice, or None to ask again."""
        password = getpass.getpass()
        password2 = getpass.getpass("Password (again): ")
        if password != password2:
            self.write_error("Error: Your passwords didn't match.")
            return None
        if password.strip() == "":
            self.write_error("Error: Blank passwords aren't allowed.")
            return None
        try:
            validate_password(password2, self.model(**fake_user_data))
        except ValidationError as err:
            self.write_error("\n".join(err.messages))
            response = input("Bypass password validation and create user anyway? "
                             "[y/N]: ")
            if response.lower() != "y":
                return None
        return password

    def _noinput(self, user_data):
        if "password" in user_data and "DJANGO_SUPERUSER_PASSWORD" in os.environ:
            user_data["password"] = os.environ["DJANGO_SUPERUSER_PASSWORD"]
        name = self.model.USERNAME_FIELD
        username = self._option(name)
        if username is None:
            username = os.environ.get("DJANGO_SUPERUSER_" + name.upper())
        if username is None:
            raise CommandError("You must use --%s with --noinput." % name)
        error = self._validate_username(username)
        if error:
            raise CommandError(error)
        user_data[name] = username
        for field_name in self.model.REQUIRED_FIELDS:
            env_var = "DJANGO_SUPERUSER_" + field_name.upper()
            option = self._option(field_name)
            value = option or os.environ.get(env_var)
            field = self.model._meta.get_field(field_name)
            if not value:
                if field.blank and (option == "" or os.environ.get(env_var) == ""):
                    continue
                raise CommandError("You must use --%s with --noinput." % field_name)
            user_data[field_name] = field.clean(value, None)


@command("createsuperuser", _createsuperuser_arguments)
def _cmd_createsuperuser(options):
    """Used to create a superuser."""
    setup()
    _SuperuserCreation(options).run()


def _changepassword_arguments(parser):
    parser.add_argument(
        "username", nargs="?",
        help="Username to change password for; by default, it's the current "
             "username.")
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                        help='Specifies the database to use. Default is "default".')


def _get_pass(prompt="Password: "):
    password = getpass.getpass(prompt=prompt)
    if not password:
        raise CommandError("aborted")
    return password


@command("changepassword", _changepassword_arguments)
def _cmd_changepassword(options):
    """Change a user's password for django.contrib.auth."""
    setup()
    write, write_error = _writers(options)
    model = get_user_model()
    username = getattr(options, "username", None) or getpass.getuser()
    try:
        user = model._default_manager.using(
            getattr(options, "database", DEFAULT_DB_ALIAS)).get(
                **{model.USERNAME_FIELD: username})
    except model.DoesNotExist:
        raise CommandError("user '%s' does not exist" % username) from None
    write("Changing password for user '%s'" % user)
    max_tries, count = 3, 0
    p1, p2 = 1, 2  # mismatched, so the loop asks at least once
    validated = False
    while (p1 != p2 or not validated) and count < max_tries:
        p1 = _get_pass()
        p2 = _get_pass("Password (again): ")
        if p1 != p2:
            write("Passwords do not match. Please try again.")
            count += 1
            continue
        try:
            validate_password(p2, user)
        except ValidationError as err:
            write_error("\n".join(err.messages))
            count += 1
        else:
            validated = True
    if count == max_tries:
        raise CommandError("Aborting password change for user '%s' after %s attempts"
                           % (user, count))
    user.set_password(p1)
    user.save()
    write("Password changed successfully for user '%s'" % user)
