"""The auth forms (django/contrib/auth/forms.py): log in, create and change
users, change, set and reset passwords, with Django's fields, HTML and
error messages.
"""

import functools
import unicodedata

from djscratch.core.exceptions import ValidationError
from djscratch.core.mail.message import EmailMultiAlternatives
from djscratch.utils.encoding import force_bytes
from djscratch.utils.http import urlsafe_base64_encode
from djscratch.utils.text import capfirst
from djscratch.utils.log import _get_logger
from djscratch.forms.widgets import EmailInput, TextInput, Widget
from djscratch.forms.widgets_extra import PasswordInput, RadioSelect
from djscratch.forms.fields import CharField, Field
from djscratch.forms.fields_extra import ChoiceField, EmailField
from djscratch.forms.forms import Form
from djscratch.forms.models import ModelForm
from djscratch.template.base import TemplateDoesNotExist
from djscratch.template.loader import engines, render_to_string
from djscratch.views.debug_decorators import sensitive_variables
from djscratch.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, identify_hasher
from djscratch.contrib.auth.password_validation import (
    password_validators_help_text_html, validate_password,
)
from djscratch.contrib.auth.models import User
from djscratch.contrib.auth.api import authenticate
from djscratch.contrib.auth.backends import _user_model
from djscratch.contrib.auth.tokens import default_token_generator
from djscratch.contrib.sites.shortcuts import get_current_site

# BaseUserCreationForm, UserCreationForm, UserChangeForm and
# AdminUserCreationForm are built on first use (_user_model_forms).
__all__ = [
    "ReadOnlyPasswordHashWidget", "ReadOnlyPasswordHashField", "UsernameField",
    "SetPasswordMixin", "SetUnusablePasswordMixin", "AuthenticationForm",
    "PasswordResetForm", "SetPasswordForm", "PasswordChangeForm",
    "AdminPasswordChangeForm",
]

def _unicode_ci_compare(s1, s2):
    """Case-insensitive identifier comparison (Unicode TR 36, 2.11.2(B)(2))."""
    return (unicodedata.normalize("NFKC", s1).casefold()
            == unicodedata.normalize("NFKC", s2).casefold())


class ReadOnlyPasswordHashWidget(Widget):
    """Shows what the stored hash is made of, never the hash itself."""

    template_name = "auth/widgets/read_only_password_hash.html"
    read_only = True

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        usable_password = value and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
        summary = []
        if usable_password:
            try:
                hasher = identify_hasher(value)
            except ValueError:
                summary.append({"label": "Invalid password format or unknown "
                                         "hashing algorithm."})
            else:
                for key, value_ in hasher.safe_summary(value).items():
                    summary.append({"label": key, "value": value_})
        else:
            summary.append({"label": "No password set."})
        context["summary"] = summary
        context["button_label"] = (
            "Reset password" if usable_password else "Set password")
        return context

    def id_for_label(self, id_):
        return None


class ReadOnlyPasswordHashField(Field):
    widget = ReadOnlyPasswordHashWidget

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("disabled", True)
        super().__init__(*args, **kwargs)


class UsernameField(CharField):
    """A username, NFKC-normalised so look-alike spellings are one name."""

    def to_python(self, value):
        value = super().to_python(value)
        if self.max_length is not None and len(value) > self.max_length:
            # Normalising never shortens a string; too long is invalid anyway,
            # and normalising huge input is slow.
            return value
        return unicodedata.normalize("NFKC", value)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget),
                "autocapitalize": "none", "autocomplete": "username"}


class SetPasswordMixin:
    """Form mixin: two password fields that must match and pass validation."""

    error_messages = {
        "password_mismatch": "The two password fields didn\u2019t match.",
    }

    @staticmethod
    def create_password_fields(label1="Password", label2="Password confirmation"):
        password1 = CharField(
            label=label1, required=True, strip=False,
            widget=PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=password_validators_help_text_html())
        password2 = CharField(
            label=label2, required=True, strip=False,
            widget=PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text="Enter the same password as before, for verification.")
        return password1, password2

    @sensitive_variables("password1", "password2")
    def validate_passwords(self, password1_field_name="password1",
                           password2_field_name="password2"):
        password1 = self.cleaned_data.get(password1_field_name)
        password2 = self.cleaned_data.get(password2_field_name)
        if password1 and password2 and password1 != password2:
            self.add_error(password2_field_name, ValidationError(
                self.error_messages["password_mismatch"], code="password_mismatch"))

    @sensitive_variables("password")
    def validate_password_for_user(self, user, password_field_name="password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, error)

    def set_password_and_save(self, user, password_field_name="password1", commit=True):
        user.set_password(self.cleaned_data[password_field_name])
        if commit:
            user.save()
        return user


class SetUnusablePasswordMixin:
    """Form mixin (with SetPasswordMixin): a choice to disable password login."""

    usable_password_help_text = (
        "Whether the user will be able to authenticate using a password or not. "
        "If disabled, they may still be able to authenticate using other backends, "
        "such as Single Sign-On or LDAP.")

    @staticmethod
    def create_usable_password_field(help_text=usable_password_help_text):
        return ChoiceField(
            label="Password-based authentication", required=False, initial="true",
            choices={"true": "Enabled", "false": "Disabled"},
            widget=RadioSelect(attrs={"class": "radiolist inline"}),
            help_text=help_text)

    @sensitive_variables("password1", "password2")
    def validate_passwords(self, password1_field_name="password1",
                           password2_field_name="password2",
                           usable_password_field_name="usable_password"):
        usable_password = (
            self.cleaned_data.pop(usable_password_field_name, None) != "false")
        self.cleaned_data["set_usable_password"] = usable_password
        if not usable_password:
            return
        # Locals named as Django's, so error reports star them the same way.
        password1 = self.cleaned_data.get(password1_field_name)
        password2 = self.cleaned_data.get(password2_field_name)
        # (No other local holds a password: it would show in the report.)
        if not password1 and password1_field_name not in self.errors:
            self._add_required_error(password1_field_name)
        if not password2 and password2_field_name not in self.errors:
            self._add_required_error(password2_field_name)
        super().validate_passwords(password1_field_name, password2_field_name)

    def _add_required_error(self, name):
        self.add_error(name, ValidationError(
            self.fields[name].error_messages["required"], code="required"))

    def validate_password_for_user(self, user, **kwargs):
        if self.cleaned_data["set_usable_password"]:
            super().validate_password_for_user(user, **kwargs)

    def set_password_and_save(self, user, commit=True, **kwargs):
        if self.cleaned_data["set_usable_password"]:
            return super().set_password_and_save(user, **kwargs, commit=commit)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class AuthenticationForm(Form):
    """Username and password; clean() authenticates them."""

    username = UsernameField(widget=TextInput(attrs={"autofocus": True}))
    password = CharField(
        label="Password", strip=False,
        widget=PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": "Please enter a correct %(username)s and password. Note "
                         "that both fields may be case-sensitive.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, request=None, *args, **kwargs):
        """`request` is kept for subclasses and the authentication backends."""
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)
        user_model = _user_model()
        self.username_field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        username_max_length = self.username_field.max_length or 254
        self.fields["username"].max_length = username_max_length
        self.fields["username"].widget.attrs["maxlength"] = username_max_length
        if self.fields["username"].label is None:
            self.fields["username"].label = capfirst(self.username_field.verbose_name)

    @sensitive_variables()
    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(
                self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user):
        """Raise ValidationError if `user` may not log in (inactive users)."""
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")

    def get_user(self):
        return self.user_cache

    def get_invalid_login_error(self):
        return ValidationError(
            self.error_messages["invalid_login"], code="invalid_login",
            params={"username": self.username_field.verbose_name})


#: djscratch's own defaults for the reset mail, used when the project has
#: no template of that name (Django keeps its wording in the admin's
#: templates; these say the same things in other words).
_DEFAULT_RESET_MAIL_TEMPLATES = {
    "registration/password_reset_subject.txt":
        "{% autoescape off %}Reset your password on {{ site_name }}"
        "{% endautoescape %}\n",
    "registration/password_reset_email.html":
        "{% autoescape off %}Someone asked to reset the password of your account "
        "at {{ site_name }}.\n\n"
        "To choose a new password, open this link:\n"
        "{% block reset_link %}{{ protocol }}://{{ domain }}"
        "{% url 'password_reset_confirm' uidb64=uid token=token %}"
        "{% endblock %}\n\n"
        "Your username: {{ user.get_username }}\n\n"
        "If you did not ask for this, ignore this mail: your password stays "
        "as it is.\n\n"
        "{{ site_name }}\n{% endautoescape %}\n",
}


def _render_reset_mail(template_name, context):
    """Render the project's template, else djscratch's default of that name."""
    try:
        return render_to_string(template_name, context)
    except TemplateDoesNotExist:
        source = _DEFAULT_RESET_MAIL_TEMPLATES.get(template_name)
        if source is None:
            raise
        return engines.all()[0].from_string(source).render(context)


class PasswordResetForm(Form):
    email = EmailField(
        label="Email", max_length=254,
        widget=EmailInput(attrs={"autocomplete": "email"}))

    def send_mail(self, subject_template_name, email_template_name, context,
                  from_email, to_email, html_email_template_name=None):
        """Send an EmailMultiAlternatives to `to_email`; a failure is logged."""
        subject = _render_reset_mail(subject_template_name, context)
        subject = "".join(subject.splitlines())  # no newlines in a header
        body = _render_reset_mail(email_template_name, context)
        message = EmailMultiAlternatives(
            subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                render_to_string(html_email_template_name, context), "text/html")
        try:
            message.send()
        except Exception:
            _get_logger("django.contrib.auth").exception(
                "Failed to send password reset email to %s", context["user"].pk)

    def get_users(self, email):
        """The active users with a usable password and this email address."""
        user_model = _user_model()
        email_field_name = user_model.get_email_field_name()
        active_users = user_model._default_manager.filter(**{
            "%s__iexact" % email_field_name: email, "is_active": True})
        return (u for u in active_users if u.has_usable_password()
                and _unicode_ci_compare(email, getattr(u, email_field_name)))

    def save(self, domain_override=None,
             subject_template_name="registration/password_reset_subject.txt",
             email_template_name="registration/password_reset_email.html",
             use_https=False, token_generator=default_token_generator,
             from_email=None, request=None, html_email_template_name=None,
             extra_email_context=None):
        """Mail each matching user a one-use link to reset the password."""
        email = self.cleaned_data["email"]
        if not domain_override:
            site = get_current_site(request)
            site_name, domain = site.name, site.domain
        else:
            site_name = domain = domain_override
        user_model = _user_model()
        email_field_name = user_model.get_email_field_name()
        for user in self.get_users(email):
            user_email = getattr(user, email_field_name)
            pk_bytes = force_bytes(user_model._meta.pk.value_to_string(user))
            context = {
                "email": user_email, "domain": domain, "site_name": site_name,
                "uid": urlsafe_base64_encode(pk_bytes), "user": user,
                "token": token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
                **(extra_email_context or {}),
            }
            self.send_mail(subject_template_name, email_template_name, context,
                           from_email, user_email,
                           html_email_template_name=html_email_template_name)


class SetPasswordForm(SetPasswordMixin, Form):
    """Sets a user's password without asking for the old one."""

    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1="New password", label2="New password confirmation")

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password2")
        return super().clean()

    def save(self, commit=True):
        return self.set_password_and_save(self.user, "new_password1", commit=commit)


class PasswordChangeForm(SetPasswordForm):
    """Changes a user's password once the old one is given."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_incorrect": "Your old password was entered incorrectly. Please "
                              "enter it again.",
    }
    old_password = CharField(
        label="Old password", strip=False,
        widget=PasswordInput(
            attrs={"autocomplete": "current-password", "autofocus": True}))

    field_order = ["old_password", "new_password1", "new_password2"]

    @sensitive_variables("old_password")
    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not self.user.check_password(old_password):
            raise ValidationError(self.error_messages["password_incorrect"],
                                  code="password_incorrect")
        return old_password


class AdminPasswordChangeForm(SetUnusablePasswordMixin, SetPasswordMixin, Form):
    """The admin's form to set (or disable) a user's password."""

    required_css_class = "required"
    usable_password_help_text = SetUnusablePasswordMixin.usable_password_help_text + (
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "If disabled, the current password for this user will be lost.</li></ul>")
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password1"].widget.attrs["autofocus"] = True
        if self.user.has_usable_password():
            self.fields["password1"].required = False
            self.fields["password2"].required = False
            self.fields["usable_password"] = (
                SetUnusablePasswordMixin.create_usable_password_field(
                    self.usable_password_help_text))

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()

    def save(self, commit=True):
        return self.set_password_and_save(self.user, commit=commit)

    @property
    def changed_data(self):
        data = super().changed_data
        if "set_usable_password" in data or "password1" in data and "password2" in data:
            return ["password"]
        return []


#: The ModelForms over User, built on first use: a model form field comes
#: from django.forms, which resolves only once `import djscratch` is done.
@functools.cache
def _user_model_forms():
    """Define the ModelForms over User (the user model); return them by name."""
    class BaseUserCreationForm(SetPasswordMixin, ModelForm):
        """Creates a user with no privileges from a username and a password."""

        password1, password2 = SetPasswordMixin.create_password_fields()

        class Meta:
            model = User
            fields = ("username",)
            field_classes = {"username": UsernameField}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            username_field = self._meta.model.USERNAME_FIELD
            if username_field in self.fields:
                self.fields[username_field].widget.attrs["autofocus"] = True

        def clean(self):
            self.validate_passwords()
            return super().clean()

        def _post_clean(self):
            super()._post_clean()
            # After super(): self.instance holds the form's data, which the
            # similarity validator compares the password with.
            self.validate_password_for_user(self.instance)

        def save(self, commit=True):
            user = super().save(commit=False)
            user = self.set_password_and_save(user, commit=commit)
            if commit and hasattr(self, "save_m2m"):
                self.save_m2m()
            return user


    class UserCreationForm(BaseUserCreationForm):
        def clean_username(self):
            """Refuse a username that differs from an existing one only in case."""
            username = self.cleaned_data.get("username")
            if username and self._meta.model.objects.filter(
                    username__iexact=username).exists():
                self._update_errors(ValidationError({
                    "username": self.instance.unique_error_message(
                        self._meta.model, ["username"])}))
            else:
                return username


    class UserChangeForm(ModelForm):
        password = ReadOnlyPasswordHashField(
            label="Password",
            help_text="Raw passwords are not stored, so there is no way to see "
                      "the user\u2019s password.")

        class Meta:
            model = User
            fields = "__all__"
            field_classes = {"username": UsernameField}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            password = self.fields.get("password")
            if password and self.instance and not self.instance.has_usable_password():
                password.help_text = ("Enable password-based authentication for this "
                                      "user by setting a password.")
            user_permissions = self.fields.get("user_permissions")
            if user_permissions:
                user_permissions.queryset = user_permissions.queryset.select_related(
                    "content_type")

    class AdminUserCreationForm(SetUnusablePasswordMixin, UserCreationForm):
        usable_password = SetUnusablePasswordMixin.create_usable_password_field()

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["password1"].required = False
            self.fields["password2"].required = False

    built = {"BaseUserCreationForm": BaseUserCreationForm,
             "UserCreationForm": UserCreationForm, "UserChangeForm": UserChangeForm,
             "AdminUserCreationForm": AdminUserCreationForm}
    for name, cls in built.items():
        cls.__qualname__ = name
    return built


def _user_model_form(name):
    """The _LAZY_ATTRS factory of one of _user_model_forms()."""
    return lambda: _user_model_forms()[name]
