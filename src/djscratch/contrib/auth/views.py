"""The auth views (django/contrib/auth/views.py): log in and out, change a
password, and reset a forgotten one by mail with a one-use token link.
The project supplies the registration/*.html pages, as with Django.
"""

# Modules that load later, used at call time: none.
from djscratch.conf import settings
from djscratch.core.exceptions import ImproperlyConfigured, ValidationError
from djscratch.http.response import HttpResponseRedirect
from djscratch.shortcuts import resolve_url
from djscratch.urls.base import reverse_lazy
from djscratch.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from djscratch.views.decorators import csrf_protect, method_decorator
from djscratch.views.decorators_extra import never_cache, sensitive_post_parameters
from djscratch.views.generic import FormView, TemplateView
from djscratch.contrib.auth.api import (
    get_user_model, login as auth_login, logout as auth_logout,
    update_session_auth_hash,
)
from djscratch.contrib.auth.decorators import REDIRECT_FIELD_NAME
from djscratch.contrib.auth.decorators import login_not_required, login_required
from djscratch.contrib.auth.forms import (
    AuthenticationForm, PasswordChangeForm, PasswordResetForm,
    SetPasswordForm,
)
from djscratch.contrib.auth.tokens import default_token_generator
from djscratch.contrib.sites.shortcuts import get_current_site

__all__ = [
    "RedirectURLMixin", "LoginView", "LogoutView", "logout_then_login",
    "PasswordContextMixin", "PasswordResetView", "PasswordResetDoneView",
    "PasswordResetConfirmView", "PasswordResetCompleteView", "PasswordChangeView",
    "PasswordChangeDoneView", "INTERNAL_RESET_SESSION_TOKEN",
]

#: The session key that holds a reset token between the link and the form.
INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"


class RedirectURLMixin:
    """Where to go after the view: a safe `next` parameter, else a default."""

    next_page = None
    redirect_field_name = REDIRECT_FIELD_NAME
    success_url_allowed_hosts = set()

    def get_success_url(self):
        return self.get_redirect_url() or self.get_default_redirect_url()

    def get_redirect_url(self):
        """The `next` URL from POST or GET, or "" if it leaves the allowed hosts."""
        redirect_to = self.request.POST.get(
            self.redirect_field_name, self.request.GET.get(self.redirect_field_name))
        url_is_safe = url_has_allowed_host_and_scheme(
            url=redirect_to, allowed_hosts=self.get_success_url_allowed_hosts(),
            require_https=self.request.is_secure())
        return redirect_to if url_is_safe else ""

    def get_success_url_allowed_hosts(self):
        return {self.request.get_host(), *self.success_url_allowed_hosts}

    def get_default_redirect_url(self):
        if self.next_page:
            return resolve_url(self.next_page)
        raise ImproperlyConfigured("No URL to redirect to. Provide a next_page.")


def _site_context(request):
    site = get_current_site(request)
    return {"site": site, "site_name": site.name}


@method_decorator(login_not_required, name="dispatch")
class LoginView(RedirectURLMixin, FormView):
    """Show the login form; log the user in and redirect when it is valid."""

    form_class = AuthenticationForm
    authentication_form = None
    template_name = "registration/login.html"
    redirect_authenticated_user = False
    extra_context = None

    @method_decorator(sensitive_post_parameters())
    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if self.redirect_authenticated_user and self.request.user.is_authenticated:
            redirect_to = self.get_success_url()
            if redirect_to == self.request.path:
                raise ValueError(
                    "Redirection loop for authenticated user detected. Check that "
                    "your LOGIN_REDIRECT_URL doesn't point to a login page.")
            return HttpResponseRedirect(redirect_to)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return resolve_url(self.next_page or settings.LOGIN_REDIRECT_URL)

    def get_form_class(self):
        return self.authentication_form or self.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def form_valid(self, form):
        auth_login(self.request, form.get_user())
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({self.redirect_field_name: self.get_redirect_url(),
                        **_site_context(self.request), **(self.extra_context or {})})
        return context


class LogoutView(RedirectURLMixin, TemplateView):
    """Log out on POST (GET is 405, as in Django 5) and redirect or show
    registration/logged_out.html."""

    http_method_names = ["post", "options"]
    template_name = "registration/logged_out.html"
    extra_context = None

    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        redirect_to = self.get_success_url()
        if redirect_to != request.get_full_path():
            # A new request, so the page renders without the old session.
            return HttpResponseRedirect(redirect_to)
        return super().get(request, *args, **kwargs)

    def get_default_redirect_url(self):
        if self.next_page:
            return resolve_url(self.next_page)
        if settings.LOGOUT_REDIRECT_URL:
            return resolve_url(settings.LOGOUT_REDIRECT_URL)
        return self.request.path

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({**_site_context(self.request), "title": "Logged out",
                        "subtitle": None, **(self.extra_context or {})})
        return context


def logout_then_login(request, login_url=None):
    """Log the user out, then redirect to the login page."""
    login_url = resolve_url(login_url or settings.LOGIN_URL)
    return LogoutView.as_view(next_page=login_url)(request)


class PasswordContextMixin:
    extra_context = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"title": self.title, "subtitle": None,
                        **(self.extra_context or {})})
        return context


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(PasswordContextMixin, FormView):
    """Ask for an email address and mail its users a reset link."""

    email_template_name = "registration/password_reset_email.html"
    extra_email_context = None
    form_class = PasswordResetForm
    from_email = None
    html_email_template_name = None
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    template_name = "registration/password_reset_form.html"
    title = "Password reset"
    token_generator = default_token_generator

    @method_decorator(csrf_protect)
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    def form_valid(self, form):
        form.save(
            use_https=self.request.is_secure(), token_generator=self.token_generator,
            from_email=self.from_email, email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name, request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context)
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(PasswordContextMixin, TemplateView):
    template_name = "registration/password_reset_done.html"
    title = "Password reset sent"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(PasswordContextMixin, FormView):
    """The link from the mail: check the token, then ask for a new password.

    A valid token moves into the session and the browser is redirected to
    the same URL with `set-password` in its place, so the token never
    reaches another site in a Referer header.
    """

    form_class = SetPasswordForm
    post_reset_login = False
    post_reset_login_backend = None
    reset_url_token = "set-password"
    success_url = reverse_lazy("password_reset_complete")
    template_name = "registration/password_reset_confirm.html"
    title = "Enter new password"
    token_generator = default_token_generator

    @method_decorator(sensitive_post_parameters())
    @method_decorator(never_cache)
    def dispatch(self, *args, **kwargs):
        if "uidb64" not in kwargs or "token" not in kwargs:
            raise ImproperlyConfigured(
                "The URL path must contain 'uidb64' and 'token' parameters.")
        self.validlink = False
        self.user = self.get_user(kwargs["uidb64"])
        if self.user is not None:
            token = kwargs["token"]
            if token == self.reset_url_token:
                session_token = self.request.session.get(INTERNAL_RESET_SESSION_TOKEN)
                if self.token_generator.check_token(self.user, session_token):
                    self.validlink = True
                    return super().dispatch(*args, **kwargs)
            elif self.token_generator.check_token(self.user, token):
                self.request.session[INTERNAL_RESET_SESSION_TOKEN] = token
                return HttpResponseRedirect(
                    self.request.path.replace(token, self.reset_url_token))
        # The "Password reset unsuccessful" page.
        return self.render_to_response(self.get_context_data())

    def get_user(self, uidb64):
        user_model = get_user_model()
        try:
            uid = urlsafe_base64_decode(uidb64).decode()
            pk = user_model._meta.pk.to_python(uid)
            return user_model._default_manager.get(pk=pk)
        except (TypeError, ValueError, OverflowError, user_model.DoesNotExist,
                ValidationError):
            return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.user
        return kwargs

    def form_valid(self, form):
        user = form.save()
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        if self.post_reset_login:
            auth_login(self.request, user, self.post_reset_login_backend)
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.validlink:
            context["validlink"] = True
        else:
            context.update({"form": None, "title": "Password reset unsuccessful",
                            "validlink": False})
        return context


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(PasswordContextMixin, TemplateView):
    template_name = "registration/password_reset_complete.html"
    title = "Password reset complete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["login_url"] = resolve_url(settings.LOGIN_URL)
        return context


class PasswordChangeView(PasswordContextMixin, FormView):
    """Change the logged-in user's password; this session stays logged in."""

    form_class = PasswordChangeForm
    success_url = reverse_lazy("password_change_done")
    template_name = "registration/password_change_form.html"
    title = "Password change"

    @method_decorator(sensitive_post_parameters())
    @method_decorator(csrf_protect)
    @method_decorator(login_required)
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        form.save()
        # The new password ends every other session of this user.
        update_session_auth_hash(self.request, form.user)
        return super().form_valid(form)


class PasswordChangeDoneView(PasswordContextMixin, TemplateView):
    template_name = "registration/password_change_done.html"
    title = "Password change successful"

    @method_decorator(login_required)
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)
