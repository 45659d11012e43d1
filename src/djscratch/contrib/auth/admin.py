"""The admin of users and groups (django/contrib/auth/admin.py): GroupAdmin,
UserAdmin with its add form and password change page; autodiscover()
registers them on the default site when auth is installed, as importing
Django's auth/admin.py does.
"""

from djscratch.core.exceptions import Http404, PermissionDenied
from djscratch.conf import settings
from djscratch.utils.html import escape
from djscratch.db.transaction import atomic
from djscratch.http.response import HttpResponseRedirect
from djscratch.template.response import TemplateResponse
from djscratch.urls.base import reverse
from djscratch.urls.conf import path
from djscratch.views.decorators import csrf_protect, method_decorator
from djscratch.views.decorators_extra import sensitive_post_parameters
from djscratch.contrib.messages.api import _msg_error, _msg_success
from djscratch.contrib.auth.api import update_session_auth_hash
from djscratch.contrib.auth.models import Group, User
from djscratch.contrib.auth.forms import _user_model_forms, AdminPasswordChangeForm
from djscratch.contrib.admin.options import IS_POPUP_VAR, ModelAdmin
from djscratch.contrib.admin.helpers import AdminForm
from djscratch.contrib.admin.utils import unquote
from djscratch.contrib.admin.sites import site

__all__ = ["GroupAdmin", "UserAdmin"]

_sensitive_post_parameters_m = method_decorator(sensitive_post_parameters())


class GroupAdmin(ModelAdmin):
    search_fields = ("name",)
    ordering = ("name",)
    filter_horizontal = ("permissions",)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "permissions":
            qs = kwargs.get("queryset", db_field.remote_field.model.objects)
            # Permission's str() reads its content type: one join, not N queries.
            kwargs["queryset"] = qs.select_related("content_type")
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


class UserAdmin(ModelAdmin):
    """Users: created with a username and two passwords, then edited with
    the password shown as its hash summary and changed on its own page."""

    add_form_template = None
    change_user_password_template = None
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser",
                                    "groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_staff")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    filter_horizontal = ("groups", "user_permissions")

    @property
    def form(self):
        return _user_model_forms()["UserChangeForm"]

    @property
    def add_form(self):
        return _user_model_forms()["AdminUserCreationForm"]

    change_password_form = AdminPasswordChangeForm

    def get_fieldsets(self, request, obj=None):
        if not obj:
            return self.add_fieldsets
        return super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        """The creation form while adding, the change form after."""
        defaults = {}
        if obj is None:
            defaults["form"] = self.add_form
        defaults.update(kwargs)
        return super().get_form(request, obj, **defaults)

    def get_urls(self):
        return [
            path("<id>/password/",
                 self.admin_site.admin_view(self.user_change_password),
                 name="auth_user_password_change"),
        ] + super().get_urls()

    def lookup_allowed(self, lookup, value, request=None):
        # Filtering by password would let a user guess hashes.
        if lookup.startswith("password"):
            return False
        return super().lookup_allowed(lookup, value, request)

    @_sensitive_post_parameters_m
    @method_decorator(csrf_protect)
    def add_view(self, request, form_url="", extra_context=None):
        with atomic():
            return self._add_view(request, form_url, extra_context)

    def _add_view(self, request, form_url="", extra_context=None):
        # Adding a user sets a password: only users who may change users.
        if not self.has_change_permission(request):
            if self.has_add_permission(request) and settings.DEBUG:
                raise Http404(
                    'Your user does not have the "Change user" permission. In '
                    "order to add users, Django requires that your user account "
                    'have both the "Add user" and "Change user" permissions set.')
            raise PermissionDenied
        if extra_context is None:
            extra_context = {}
        username_field = self.opts.get_field(self.model.USERNAME_FIELD)
        defaults = {"auto_populated_fields": (), "username_help_text":
                    username_field.help_text}
        extra_context.update(defaults)
        return super().add_view(request, form_url, extra_context)

    @_sensitive_post_parameters_m
    def user_change_password(self, request, id, form_url=""):
        """Set a user's password (the link under the password's summary)."""
        user = self.get_object(request, unquote(id))
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        if user is None:
            raise Http404("%(name)s object with primary key %(key)r does not exist."
                          % {"name": self.opts.verbose_name, "key": escape(id)})
        if request.method == "POST":
            form = self.change_password_form(user, request.POST)
            if form.is_valid():
                # Disabling password-based authentication needs the button
                # that says so (both buttons show when JavaScript is off).
                if not (form.cleaned_data.get("set_usable_password", True)
                        or "unset-password" in request.POST):
                    _msg_error(request,
                               "Conflicting form data submitted. Please try again.")
                    return HttpResponseRedirect(request.get_full_path())
                user = form.save()
                change_message = self.construct_change_message(request, form, None)
                self.log_change(request, user, change_message)
                if user.has_usable_password():
                    msg = "Password changed successfully."
                else:
                    msg = "Password-based authentication was disabled."
                _msg_success(request, msg)
                update_session_auth_hash(request, form.user)
                return HttpResponseRedirect(reverse(
                    "%s:%s_%s_change" % (self.admin_site.name, user._meta.app_label,
                                         user._meta.model_name), args=(user.pk,)))
        else:
            form = self.change_password_form(user)
        fieldsets = [(None, {"fields": list(form.base_fields)})]
        admin_form = AdminForm(form, fieldsets, {}, model_admin=self)
        if user.has_usable_password():
            title = "Change password: %s"
        else:
            title = "Set password: %s"
        context = {
            "title": title % escape(user.get_username()),
            "adminForm": admin_form,
            "adminform": admin_form,
            "form_url": form_url,
            "form": form,
            "is_popup": (IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET),
            "is_popup_var": IS_POPUP_VAR,
            "add": True,
            "change": False,
            "has_delete_permission": False,
            "has_change_permission": True,
            "has_absolute_url": False,
            "opts": self.opts,
            "original": user,
            "save_as": False,
            "show_save": True,
            "change_url": reverse("%s:%s_%s_change" % (
                self.admin_site.name, user._meta.app_label, user._meta.model_name),
                args=(user.pk,)),
            **self.admin_site.each_context(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            self.change_user_password_template
            or "admin/auth/user/change_password.html",
            context)

    def response_add(self, request, obj, post_url_continue=None):
        # After "Save", the new user's change page (to fill in the rest),
        # unless "Save and add another" was pressed.
        if "_addanother" not in request.POST and IS_POPUP_VAR not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = 1
        return super().response_add(request, obj, post_url_continue)


def _register_auth_admin(admin_site=None):
    """Register Group and User (unless swapped) as django.contrib.auth.admin
    does on import; a second call changes nothing."""
    admin_site = admin_site or site
    if not admin_site.is_registered(Group):
        admin_site.register(Group, GroupAdmin)
    if not User._meta.swapped and not admin_site.is_registered(User):
        admin_site.register(User, UserAdmin)
