"""The auth commands `createsuperuser` and `changepassword` as Django's
Command classes (django/contrib/auth/management/commands/), with Django's
prompts, messages and DJANGO_SUPERUSER_<FIELD> variables, and
get_default_username() (django/contrib/auth/management/__init__.py).
"""

import getpass
import os
import sys

from djscratch.utils.text import capfirst
from djscratch.core.exceptions import FieldDoesNotExist, ValidationError
from djscratch.utils.functional import cached_property
from djscratch.core.management.base import (
    _BUILTIN_COMMAND_CLASSES, BaseCommand, CommandError,
)
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

#: The getpass module as createsuperuser uses it: Django's tests replace
#: createsuperuser.getpass, which must not change getpass for other code.
_createsuperuser_getpass = getpass

PASSWORD_FIELD = "password"


class NotRunningInTTYException(Exception):
    """createsuperuser's stdin is not a terminal: it cannot prompt."""


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


def _createsuperuser_arguments(parser):
    """The command line's options: the user model's when the project loads."""
    model = _user_model_or_none()
    if model is not None:
        _CreatesuperuserCommand().add_arguments(parser)
    else:
        parser.add_argument("--username",
                            help="Specifies the login for the superuser.")
        parser.add_argument("--noinput", "--no-input", action="store_false",
                            dest="interactive")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--email", help="Specifies the email for the superuser.")
    parser.add_argument("-v", "--verbosity", type=int, default=1,
                        choices=[0, 1, 2, 3])


def _run_command_class(command_class, options):
    """Run a Command class for the command line's parsed `options`."""
    setup()
    values = {"verbosity": 1, "skip_checks": True, **vars(options)}
    return command_class().execute(**values)


class _CreatesuperuserCommand(BaseCommand):
    """createsuperuser: prompt for (or take from options and
    DJANGO_SUPERUSER_<FIELD>) the username, the REQUIRED_FIELDS and the
    password, then create_superuser()."""

    help = "Used to create a superuser."
    requires_migrations_checks = True
    stealth_options = ("stdin",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.UserModel = get_user_model()
        self.username_field = self.UserModel._meta.get_field(
            self.UserModel.USERNAME_FIELD)

    def add_arguments(self, parser):
        username_field = self.UserModel.USERNAME_FIELD
        parser.add_argument("--%s" % username_field,
                            help="Specifies the login for the superuser.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Tells Django to NOT prompt the user for input of any kind. You "
                 "must use --%s with --noinput, along with an option for any other "
                 "required field. Superusers created with --noinput will not be "
                 "able to log in until they're given a valid password."
                 % username_field)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help='Specifies the database to use. Default is '
                                 '"default".')
        for field_name in self.UserModel.REQUIRED_FIELDS:
            field = self.UserModel._meta.get_field(field_name)
            if not field.many_to_many:
                parser.add_argument(
                    "--%s" % field_name,
                    help="Specifies the %s for the superuser." % field_name)
            elif not field.remote_field.through._meta.auto_created:
                raise CommandError(
                    "Required field '%s' specifies a many-to-many relation through "
                    "model, which is not supported." % field_name)
            else:
                parser.add_argument(
                    "--%s" % field_name, action="append",
                    help="Specifies the %s for the superuser. Can be used multiple "
                         "times." % field_name)

    def execute(self, *args, **options):
        self.stdin = options.get("stdin", sys.stdin)  # for tests
        return super().execute(*args, **options)

    def handle(self, *args, **options):
        username = options[self.UserModel.USERNAME_FIELD]
        database = options["database"]
        user_data = {}
        try:
            self.UserModel._meta.get_field(PASSWORD_FIELD)
        except FieldDoesNotExist:
            pass
        else:
            user_data[PASSWORD_FIELD] = None  # unusable unless one is given
        try:
            if options["interactive"]:
                self._interactive(username, database, user_data, options)
            else:
                self._noinput(username, database, user_data, options)
            self.UserModel._default_manager.db_manager(database).create_superuser(
                **user_data)
            if options["verbosity"] >= 1:
                self.stdout.write("Superuser created successfully.")
        except KeyboardInterrupt:
            self.stderr.write("\nOperation cancelled.")
            sys.exit(1)
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from None
        except NotRunningInTTYException:
            self.stdout.write(
                "Superuser creation skipped due to not running in a TTY. You can "
                "run `manage.py createsuperuser` in your project to create one "
                "manually.")

    def _interactive(self, username, database, user_data, options):
        verbose_field_name = self.username_field.verbose_name
        # user_data without the many-to-many fields, foreign keys as
        # instances: what the password validators see.
        fake_user_data = {}
        if hasattr(self.stdin, "isatty") and not self.stdin.isatty():
            raise NotRunningInTTYException
        default_username = get_default_username(database=database)
        if username:
            error_msg = self._validate_username(username, verbose_field_name,
                                                database)
            if error_msg:
                self.stderr.write(error_msg)
                username = None
        elif username == "":
            raise CommandError("%s cannot be blank." % capfirst(verbose_field_name))
        while username is None:
            message = self._get_input_message(self.username_field, default_username)
            username = self.get_input_data(self.username_field, message,
                                           default_username)
            if username:
                error_msg = self._validate_username(username, verbose_field_name,
                                                    database)
                if error_msg:
                    self.stderr.write(error_msg)
                    username = None
        user_data[self.UserModel.USERNAME_FIELD] = username
        fake_user_data[self.UserModel.USERNAME_FIELD] = (
            self.username_field.remote_field.model(username)
            if self.username_field.remote_field else username)
        for field_name in self.UserModel.REQUIRED_FIELDS:
            self._ask_required_field(field_name, user_data, fake_user_data, options)
        while PASSWORD_FIELD in user_data and user_data[PASSWORD_FIELD] is None:
            user_data[PASSWORD_FIELD] = self._ask_password(fake_user_data)

    def _ask_required_field(self, field_name, user_data, fake_user_data, options):
        field = self.UserModel._meta.get_field(field_name)
        user_data[field_name] = options[field_name]
        if user_data[field_name] is not None:
            user_data[field_name] = field.clean(user_data[field_name], None)
        while user_data[field_name] is None:
            input_value = self.get_input_data(field, self._get_input_message(field))
            user_data[field_name] = input_value
            if field.many_to_many and input_value:
                if not input_value.strip():
                    user_data[field_name] = None
                    self.stderr.write("Error: This field cannot be blank.")
                    continue
                user_data[field_name] = [pk.strip() for pk in input_value.split(",")]
        if not field.many_to_many:
            fake_user_data[field_name] = user_data[field_name]
        if field.many_to_one:
            fake_user_data[field_name] = field.remote_field.model(
                user_data[field_name])

    def _ask_password(self, fake_user_data):
        """The password typed twice and validated (or the validation
        bypassed), or None to ask again."""
        password = _createsuperuser_getpass.getpass()
        password2 = _createsuperuser_getpass.getpass("Password (again): ")
        if password != password2:
            self.stderr.write("Error: Your passwords didn't match.")
            return None
        if password.strip() == "":
            self.stderr.write("Error: Blank passwords aren't allowed.")
            return None
        try:
            validate_password(password2, self.UserModel(**fake_user_data))
        except ValidationError as err:
            self.stderr.write("\n".join(err.messages))
            response = input(
                "Bypass password validation and create user anyway? [y/N]: ")
            if response.lower() != "y":
                return None
        return password

    def _noinput(self, username, database, user_data, options):
        if PASSWORD_FIELD in user_data and "DJANGO_SUPERUSER_PASSWORD" in os.environ:
            user_data[PASSWORD_FIELD] = os.environ["DJANGO_SUPERUSER_PASSWORD"]
        name = self.UserModel.USERNAME_FIELD
        if username is None:
            username = os.environ.get("DJANGO_SUPERUSER_" + name.upper())
        if username is None:
            raise CommandError("You must use --%s with --noinput." % name)
        error_msg = self._validate_username(
            username, self.username_field.verbose_name, database)
        if error_msg:
            raise CommandError(error_msg)
        user_data[name] = username
        for field_name in self.UserModel.REQUIRED_FIELDS:
            env_var = "DJANGO_SUPERUSER_" + field_name.upper()
            value = options[field_name] or os.environ.get(env_var)
            field = self.UserModel._meta.get_field(field_name)
            if not value:
                if field.blank and (options[field_name] == ""
                                    or os.environ.get(env_var) == ""):
                    continue
                raise CommandError("You must use --%s with --noinput." % field_name)
            user_data[field_name] = field.clean(value, None)
            if field.many_to_many and isinstance(user_data[field_name], str):
                user_data[field_name] = [
                    pk.strip() for pk in user_data[field_name].split(",")]

    def get_input_data(self, field, message, default=None):
        """Ask for `field` (a hook for subclasses); None when invalid."""
        raw_value = input(message)
        if default and raw_value == "":
            raw_value = default
        try:
            return field.clean(raw_value, None)
        except ValidationError as e:
            self.stderr.write("Error: %s" % "; ".join(e.messages))
            return None

    def _get_input_message(self, field, default=None):
        target = ""
        if field.remote_field:
            target = " (%s.%s)" % (
                field.remote_field.model._meta.object_name,
                field.m2m_target_field_name() if field.many_to_many
                else field.remote_field.field_name)
        return "%s%s%s: " % (
            capfirst(field.verbose_name),
            " (leave blank to use '%s')" % default if default else "", target)

    @cached_property
    def username_is_unique(self):
        if self.username_field.unique:
            return True
        return any(
            len(constraint.fields) == 1
            and constraint.fields[0] == self.username_field.name
            for constraint in self.UserModel._meta.total_unique_constraints)

    def _validate_username(self, username, verbose_field_name, database):
        """An error message for `username`, or None."""
        if self.username_is_unique:
            try:
                self.UserModel._default_manager.db_manager(
                    database).get_by_natural_key(username)
            except self.UserModel.DoesNotExist:
                pass
            else:
                return "Error: That %s is already taken." % verbose_field_name
        if not username:
            return "%s cannot be blank." % capfirst(verbose_field_name)
        try:
            self.username_field.clean(username, None)
        except ValidationError as e:
            return "; ".join(e.messages)
        return None


@command("createsuperuser", _createsuperuser_arguments)
def _cmd_createsuperuser(options):
    """Used to create a superuser."""
    _run_command_class(_CreatesuperuserCommand, options)


def _changepassword_arguments(parser):
    parser.add_argument(
        "username", nargs="?",
        help="Username to change password for; by default, it's the current "
             "username.")
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                        help='Specifies the database to use. Default is "default".')


class _ChangepasswordCommand(BaseCommand):
    """changepassword: set a user's password, asked twice (three tries)."""

    help = "Change a user's password for django.contrib.auth."
    requires_migrations_checks = True
    requires_system_checks = []

    def _get_pass(self, prompt="Password: "):
        password = getpass.getpass(prompt=prompt)
        if not password:
            raise CommandError("aborted")
        return password

    def add_arguments(self, parser):
        _changepassword_arguments(parser)

    def handle(self, *args, **options):
        UserModel = get_user_model()
        username = options["username"] or getpass.getuser()
        try:
            user = UserModel._default_manager.using(options["database"]).get(
                **{UserModel.USERNAME_FIELD: username})
        except UserModel.DoesNotExist:
            raise CommandError("user '%s' does not exist" % username) from None
        self.stdout.write("Changing password for user '%s'" % user)
        max_tries, count = 3, 0
        p1, p2 = 1, 2  # mismatched, so the loop asks at least once
        validated = False
        while (p1 != p2 or not validated) and count < max_tries:
            p1 = self._get_pass()
            p2 = self._get_pass("Password (again): ")
            if p1 != p2:
                self.stdout.write("Passwords do not match. Please try again.")
                count += 1
                continue  # mismatched passwords are not validated
            try:
                validate_password(p2, user)
            except ValidationError as err:
                self.stderr.write("\n".join(err.messages))
                count += 1
            else:
                validated = True
        if count == max_tries:
            raise CommandError("Aborting password change for user '%s' after %s "
                               "attempts" % (user, count))
        user.set_password(p1)
        user.save()
        return "Password changed successfully for user '%s'" % user


@command("changepassword", _changepassword_arguments)
def _cmd_changepassword(options):
    """Change a user's password for django.contrib.auth."""
    _run_command_class(_ChangepasswordCommand, options)


def _register_command_class(name, command_class):
    """Give the class Django's name (commands.<name>.Command) and have
    call_command(name) run it as a Command class."""
    command_class.__name__ = command_class.__qualname__ = "Command"
    command_class.__module__ = "django.contrib.auth.management.commands." + name
    _BUILTIN_COMMAND_CLASSES[name] = command_class


_register_command_class("createsuperuser", _CreatesuperuserCommand)
_register_command_class("changepassword", _ChangepasswordCommand)
