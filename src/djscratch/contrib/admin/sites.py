"""The admin site (django/contrib/admin/sites.py): the registry of
ModelAdmins, the site-wide views (index, app index, login, logout,
password change) and the URLconf that `path("admin/", admin.site.urls)`
mounts; autodiscover() imports every installed app's admin.py.
"""

import functools
import weakref

# Later modules (contrib.admin.models, .actions), used at call time.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from djscratch.utils.functional import LazyObject
from djscratch.utils.module_loading import import_string
from djscratch.utils.text import capfirst
from djscratch.core.exceptions import Http404
from djscratch.http.response import HttpResponseRedirect
from djscratch.template.response import TemplateResponse
from djscratch.urls.base import reverse, reverse_lazy
from djscratch.urls.conf import include, path, re_path
from djscratch.views.decorators import csrf_protect, method_decorator
from djscratch.views.decorators_extra import never_cache, no_append_slash
from djscratch.apps.registry import apps
from djscratch.conf import settings
from djscratch.core.exceptions import NoReverseMatch, Resolver404
from djscratch.http.response import HttpResponsePermanentRedirect
from djscratch.urls.base import resolve
from djscratch.views.i18n import JavaScriptCatalog
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.sites.models import Site
from djscratch.contrib.sites.shortcuts import get_current_site
from djscratch.contrib.auth.views import (
    LoginView, LogoutView, PasswordChangeDoneView, PasswordChangeView,
)
from djscratch.contrib.auth.decorators import REDIRECT_FIELD_NAME
from djscratch.contrib.auth.decorators import login_not_required, redirect_to_login
from djscratch.contrib.admin.exceptions import AlreadyRegistered, NotRegistered
from djscratch.contrib.admin.options import ModelAdmin
from djscratch.contrib.admin.forms import (
    _AdminPasswordChangeForm, AdminAuthenticationForm,
)
from djscratch.contrib.admin.models import LogEntry
from djscratch.contrib.admin.actions import delete_selected
from djscratch.contrib.admin.views.autocomplete import AutocompleteJsonView

__all__ = ["AdminSite", "DefaultAdminSite", "site", "all_sites", "autodiscover"]

all_sites = weakref.WeakSet()


class AdminSite:
    """An admin site: models registered with their ModelAdmin, and the
    views and URLs over them.  `site` is the default instance."""

    site_title = "Django site admin"
    site_header = "Django administration"
    index_title = "Site administration"
    site_url = "/"
    enable_nav_sidebar = True
    empty_value_display = "-"
    login_form = None
    index_template = None
    app_index_template = None
    login_template = None
    logout_template = None
    password_change_template = None
    password_change_done_template = None
    final_catch_all_view = True

    def __init__(self, name="admin"):
        self._registry = {}  # model class -> ModelAdmin instance
        self.name = name
        self._actions = _default_actions()
        self._global_actions = self._actions.copy()
        all_sites.add(self)

    def __repr__(self):
        return f"{self.__class__.__name__}(name={self.name!r})"

    def check(self, app_configs):
        """The checks of the ModelAdmins registered for the apps in
        `app_configs` (all apps when None); a plain ModelAdmin declares
        nothing to check."""
        if app_configs is None:
            app_configs = apps.get_app_configs()
        app_configs = set(app_configs)
        errors = []
        for model_admin in list(self._registry.values()):
            if model_admin.__class__ is ModelAdmin:
                continue
            if model_admin.model._meta.app_config in app_configs:
                errors.extend(model_admin.check())
        return errors

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register model(s) with `admin_class` (ModelAdmin by default);
        keyword options make a subclass of it on the fly."""
        admin_class = admin_class or ModelAdmin
        if isinstance(model_or_iterable, type) and hasattr(model_or_iterable, "_meta"):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if model._meta.abstract:
                raise ImproperlyConfigured(
                    "The model %s is abstract, so it cannot be registered with "
                    "admin." % model.__name__)
            if getattr(model._meta, "is_composite_pk", False):
                raise ImproperlyConfigured(
                    "The model %s has a composite primary key, so it cannot be "
                    "registered with admin." % model.__name__)
            if self.is_registered(model):
                registered_admin = str(self.get_model_admin(model))
                msg = "The model %s is already registered " % model.__name__
                if registered_admin.endswith(".ModelAdmin"):
                    msg += "in app %r." % registered_admin.removesuffix(".ModelAdmin")
                else:
                    msg += "with %r." % registered_admin
                raise AlreadyRegistered(msg)
            if not model._meta.swapped:
                if options:
                    options["__module__"] = __name__
                    admin_class = type("%sAdmin" % model.__name__, (admin_class,),
                                       options)
                self._registry[model] = admin_class(model, self)

    def unregister(self, model_or_iterable):
        if isinstance(model_or_iterable, type) and hasattr(model_or_iterable, "_meta"):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if not self.is_registered(model):
                raise NotRegistered("The model %s is not registered" % model.__name__)
            del self._registry[model]

    def is_registered(self, model):
        return model in self._registry

    def get_model_admin(self, model):
        try:
            return self._registry[model]
        except KeyError:
            raise NotRegistered(
                f"The model {model.__name__} is not registered.") from None

    def add_action(self, action, name=None):
        name = name or action.__name__
        self._actions[name] = action
        self._global_actions[name] = action

    def disable_action(self, name):
        del self._actions[name]

    def get_action(self, name):
        return self._global_actions[name]

    @property
    def actions(self):
        return self._actions.items()

    def has_permission(self, request):
        """Only active staff users see the admin."""
        return request.user.is_active and request.user.is_staff

    def admin_view(self, view, cacheable=False):
        """Wrap a view of this site: users without has_permission() go to the
        login page; never cached; CSRF-protected."""

        def inner(request, *args, **kwargs):
            if not self.has_permission(request):
                if request.path == reverse("admin:logout", current_app=self.name):
                    return HttpResponseRedirect(
                        reverse("admin:index", current_app=self.name))
                return redirect_to_login(request.get_full_path(),
                                         reverse("admin:login", current_app=self.name))
            return view(request, *args, **kwargs)

        if not cacheable:
            inner = never_cache(inner)
        if not getattr(view, "csrf_exempt", False):
            inner = csrf_protect(inner)
        return functools.update_wrapper(inner, view)

    def get_urls(self):
        def wrap(view, cacheable=False):
            def wrapper(*args, **kwargs):
                return self.admin_view(view, cacheable)(*args, **kwargs)

            wrapper.admin_site = self
            # Where LoginRequiredMiddleware sends anonymous users.
            wrapper.login_url = reverse_lazy("admin:login", current_app=self.name)
            return functools.update_wrapper(wrapper, view)

        urlpatterns = [
            path("", wrap(self.index), name="index"),
            path("login/", self.login, name="login"),
            path("logout/", wrap(self.logout), name="logout"),
            path("password_change/", wrap(self.password_change, cacheable=True),
                 name="password_change"),
            path("password_change/done/",
                 wrap(self.password_change_done, cacheable=True),
                 name="password_change_done"),
            path("autocomplete/", wrap(self.autocomplete_view),
                 name="autocomplete"),
            path("jsi18n/", wrap(self.i18n_javascript, cacheable=True),
                 name="jsi18n"),
            path("r/<path:content_type_id>/<path:object_id>/",
                 wrap(self.view_on_site), name="view_on_site"),
        ]
        valid_app_labels = []
        for model, model_admin in self._registry.items():
            urlpatterns.append(path(
                "%s/%s/" % (model._meta.app_label, model._meta.model_name),
                include(model_admin.urls)))
            if model._meta.app_label not in valid_app_labels:
                valid_app_labels.append(model._meta.app_label)
        if valid_app_labels:
            regex = r"^(?P<app_label>" + "|".join(valid_app_labels) + ")/$"
            urlpatterns.append(re_path(regex, wrap(self.app_index), name="app_list"))
        if self.final_catch_all_view:
            urlpatterns.append(re_path(r"(?P<url>.*)$", wrap(self.catch_all_view)))
        return urlpatterns

    @property
    def urls(self):
        return self.get_urls(), "admin", self.name

    def each_context(self, request):
        """What every admin page's template gets."""
        script_name = request.META.get("SCRIPT_NAME", "")
        site_url = (script_name if self.site_url == "/" and script_name
                    else self.site_url)
        return {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": site_url,
            "has_permission": self.has_permission(request),
            "available_apps": self.get_app_list(request),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }

    def password_change(self, request, extra_context=None):
        url = reverse("admin:password_change_done", current_app=self.name)
        defaults = {
            "form_class": _AdminPasswordChangeForm,
            "success_url": url,
            "extra_context": {**self.each_context(request), **(extra_context or {})},
        }
        if self.password_change_template is not None:
            defaults["template_name"] = self.password_change_template
        request.current_app = self.name
        return PasswordChangeView.as_view(**defaults)(request)

    def password_change_done(self, request, extra_context=None):
        defaults = {"extra_context": {**self.each_context(request),
                                      **(extra_context or {})}}
        if self.password_change_done_template is not None:
            defaults["template_name"] = self.password_change_done_template
        request.current_app = self.name
        return PasswordChangeDoneView.as_view(**defaults)(request)

    def i18n_javascript(self, request, extra_context=None):
        """The JavaScript catalog admin widgets load: the admin's "djangojs"
        messages in the active language."""
        return JavaScriptCatalog.as_view(packages=["django.contrib.admin"])(request)

    def logout(self, request, extra_context=None):
        """Log out (POST only, as Django 5's LogoutView) and say so."""
        defaults = {"extra_context": {
            **self.each_context(request),
            # The user is still logged in while the page is built.
            "has_permission": False,
            **(extra_context or {}),
        }}
        if self.logout_template is not None:
            defaults["template_name"] = self.logout_template
        request.current_app = self.name
        return LogoutView.as_view(**defaults)(request)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """The login form; `next` is followed only to this site's host."""
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": "Log in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if (REDIRECT_FIELD_NAME not in request.GET
                and REDIRECT_FIELD_NAME not in request.POST):
            context[REDIRECT_FIELD_NAME] = reverse("admin:index",
                                                   current_app=self.name)
        context.update(extra_context or {})
        defaults = {
            "extra_context": context,
            "authentication_form": (self.login_form or
                                    AdminAuthenticationForm),
            "template_name": self.login_template or "admin/login.html",
        }
        request.current_app = self.name
        return LoginView.as_view(**defaults)(request)

    def autocomplete_view(self, request):
        """admin:autocomplete: the JSON autocomplete widgets ask for."""
        return AutocompleteJsonView.as_view(admin_site=self)(request)

    def view_on_site(self, request, content_type_id, object_id):
        """Redirect to an object's get_absolute_url() (the "View on site" link)."""
        try:
            content_type = ContentType.objects.get_for_id(int(content_type_id))
            obj = content_type.get_object_for_this_type(pk=object_id)
        except (ContentType.DoesNotExist, ValueError, Exception):
            raise Http404("Content type %s object %s doesn’t exist"
                          % (content_type_id, object_id)) from None
        if not hasattr(obj, "get_absolute_url"):
            raise Http404("%s objects don’t have a get_absolute_url() method"
                          % content_type.name)
        return HttpResponseRedirect(_object_url(request, obj))

    @no_append_slash  # its own URL must not send CommonMiddleware round
    def catch_all_view(self, request, url):
        """A URL the site does not have: with APPEND_SLASH, the same URL with
        a slash if that resolves; else 404 (after the permission check, so
        the admin's URLs are not revealed to strangers)."""
        if settings.APPEND_SLASH and not url.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            try:
                match = resolve("%s/" % request.path_info, urlconf)
            except Resolver404:
                pass
            else:
                if getattr(match.func, "should_append_slash", True):
                    return HttpResponsePermanentRedirect(
                        request.get_full_path(force_append_slash=True))
        raise Http404

    def _build_app_dict(self, request, label=None):
        """app label -> the app's name, URL and the models this user may see."""
        app_dict = {}
        if label:
            models = {m: m_a for m, m_a in self._registry.items()
                      if m._meta.app_label == label}
        else:
            models = self._registry
        for model, model_admin in models.items():
            app_label = model._meta.app_label
            has_module_perms = model_admin.has_module_permission(request)
            if not has_module_perms:
                continue
            perms = model_admin.get_model_perms(request)
            if True not in perms.values():
                continue
            info = (app_label, model._meta.model_name)
            model_dict = {
                "model": model,
                "name": capfirst(model._meta.verbose_name_plural),
                "object_name": model._meta.object_name,
                "perms": perms,
                "admin_url": None,
                "add_url": None,
            }
            if perms.get("change") or perms.get("view"):
                model_dict["view_only"] = not perms.get("change")
                try:
                    model_dict["admin_url"] = reverse("admin:%s_%s_changelist" % info,
                                                      current_app=self.name)
                except NoReverseMatch:
                    pass
            if perms.get("add"):
                try:
                    model_dict["add_url"] = reverse("admin:%s_%s_add" % info,
                                                    current_app=self.name)
                except NoReverseMatch:
                    pass
            if app_label in app_dict:
                app_dict[app_label]["models"].append(model_dict)
            else:
                app_dict[app_label] = {
                    "name": apps.get_app_config(app_label).verbose_name,
                    "app_label": app_label,
                    "app_url": reverse("admin:app_list",
                                       kwargs={"app_label": app_label},
                                       current_app=self.name),
                    "has_module_perms": has_module_perms,
                    "models": [model_dict],
                }
        return app_dict

    def get_app_list(self, request, app_label=None):
        """The apps (sorted by name) and their models (sorted by name)."""
        app_dict = self._build_app_dict(request, app_label)
        app_list = sorted(app_dict.values(), key=lambda x: str(x["name"]).lower())
        for app in app_list:
            app["models"].sort(key=lambda x: x["name"])
        return app_list

    def index(self, request, extra_context=None):
        app_list = self.get_app_list(request)
        context = {
            **self.each_context(request),
            "title": self.index_title,
            "subtitle": None,
            "app_list": app_list,
            "recent_actions": self._recent_actions(request),
            **(extra_context or {}),
        }
        request.current_app = self.name
        return TemplateResponse(request, self.index_template or "admin/index.html",
                                context)

    def _recent_actions(self, request):
        """This user's ten latest LogEntry rows (the index's "Recent actions")."""
        entries = self.get_log_entries(request)
        return list(entries.filter(user=request.user.pk).order_by(
            "-action_time", "-pk")[:10])

    def app_index(self, request, app_label, extra_context=None):
        app_list = self.get_app_list(request, app_label)
        if not app_list:
            raise Http404("The requested admin page does not exist.")
        context = {
            **self.each_context(request),
            "title": "%(app)s administration" % {"app": app_list[0]["name"]},
            "subtitle": None,
            "app_list": app_list,
            "app_label": app_label,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return TemplateResponse(request, self.app_index_template or [
            "admin/%s/app_index.html" % app_label, "admin/app_index.html"], context)

    def get_log_entries(self, request):
        return LogEntry.objects.select_related("content_type", "user")


def _default_actions():
    """name -> action of every site: "delete_selected"."""
    return {"delete_selected": delete_selected}


class DefaultAdminSite(LazyObject):
    """`site`: the AdminSite class the admin's AppConfig names (default_site),
    made on first use."""

    def _setup(self):
        default_site = "django.contrib.admin.sites.AdminSite"
        try:
            config = apps.get_app_config("admin")
        except LookupError:
            config = None
        default_site = getattr(config, "default_site", None) or default_site
        if default_site == "django.contrib.admin.sites.AdminSite":
            AdminSiteClass = AdminSite
        else:
            AdminSiteClass = import_string(default_site)
        self._wrapped = AdminSiteClass()

    def __repr__(self):
        return repr(self._wrapped)


#: The default admin site (`admin.site`).
site = DefaultAdminSite()


def _default_admin_site():
    """`site`, for code with a parameter of that name (the single file folds
    djscratch.contrib.admin.sites.site into the bare global name)."""
    return site


def autodiscover():
    """Import every installed app's admin module (their registrations run);
    an app without one is skipped, an error inside one is raised."""
    import importlib
    import importlib.util

    if apps.is_installed("django.contrib.auth"):
        djscratch.contrib.auth.admin._register_auth_admin()
    if apps.is_installed("django.contrib.sites"):
        djscratch.contrib.sites.admin._register_sites_admin()
    for config in apps.get_app_configs():
        name = f"{config.name}.admin"
        if config.name.startswith("django."):
            continue  # contrib apps: auth's, sites' admin registered above
        module = getattr(config, "module", None)
        if module is not None and getattr(module, "_djscratch_app", False):
            continue  # a single-file app registers in its own file
        try:
            found = importlib.util.find_spec(name)
        except (ModuleNotFoundError, ValueError):
            found = None
        if found is not None:
            importlib.import_module(name)


def _object_url(request, obj):
    """Where "View on site" goes (Django's contenttypes shortcut view): the
    object's get_absolute_url(), made absolute with the domain of the current
    site, or of the Site the object is related to when the sites app is
    installed."""
    url = obj.get_absolute_url()
    if url.startswith(("http://", "https://", "//")):
        return url
    try:
        domain = get_current_site(request).domain
    except ObjectDoesNotExist:
        domain = None
    if apps.is_installed("django.contrib.sites"):
        domain = _related_site_domain(obj, domain)
    if domain is None:
        return url
    return "%s://%s%s" % (request.scheme, domain, url)


def _related_site_domain(obj, domain):
    """The domain of a Site the object relates to (many-to-many first: the
    current one if among them, else the first; then a foreign key)."""
    for field in obj._meta.many_to_many:
        if field.remote_field.model is Site:
            sites = getattr(obj, field.name).all()
            if domain and sites.filter(domain=domain).exists():
                return domain
            site = sites.first()
            if site is not None:
                return site.domain
    for field in obj._meta.fields:
        if field.remote_field and field.remote_field.model is Site:
            try:
                site = getattr(obj, field.name)
            except Site.DoesNotExist:
                continue
            if site is not None:
                return site.domain
    return domain
