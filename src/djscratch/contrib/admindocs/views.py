"""admindocs views (django/contrib/admindocs/views.py), staff only.  Without
docutils every page is Django's "docutils is not installed" page; with it,
djscratch refuses (the pages need reST rendering) and names the Django
engine.  The helpers the pages use are Django's.
"""

# sites.py loads before this module, but `site` is looked up at call time
# so that a test replacing the default site is seen.
import djscratch

from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.exceptions_extra import ViewDoesNotExist
from djscratch.views.generic import TemplateView
from djscratch.views.decorators import method_decorator
from djscratch.contrib.auth.api import get_permission_codename
from djscratch.contrib.admin.views.decorators import staff_member_required
from djscratch.contrib.admindocs.utils import (
    docutils_is_available, remove_non_capturing_groups, replace_metacharacters,
    replace_named_groups, replace_unnamed_groups,
)

__all__ = []

#: Model methods whose names start so are left out of a model's page.
MODEL_METHODS_EXCLUDE = ("_", "add_", "delete", "save", "set_")


class BaseAdminDocsView(TemplateView):
    """An admindocs page: staff only, the admin's context."""

    @method_decorator(staff_member_required)
    def dispatch(self, request, *args, **kwargs):
        if not docutils_is_available:
            self.template_name = "admin_doc/missing_docutils.html"
            return self.render_to_response(
                djscratch.contrib.admin.sites.site.each_context(request))
        raise ImproperlyConfigured(
            "djscratch's admindocs shows only the page Django shows without "
            "docutils; with docutils installed, use the Django engine "
            "(DJSCRATCH_ENGINE=django) for the documentation pages.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{
            **kwargs,
            **djscratch.contrib.admin.sites.site.each_context(self.request)})


class BookmarkletsView(BaseAdminDocsView):
    template_name = "admin_doc/bookmarklets.html"


class TemplateTagIndexView(BaseAdminDocsView):
    template_name = "admin_doc/template_tag_index.html"


class TemplateFilterIndexView(BaseAdminDocsView):
    template_name = "admin_doc/template_filter_index.html"


class ViewIndexView(BaseAdminDocsView):
    template_name = "admin_doc/view_index.html"


class ViewDetailView(BaseAdminDocsView):
    template_name = "admin_doc/view_detail.html"


class ModelIndexView(BaseAdminDocsView):
    template_name = "admin_doc/model_index.html"


class ModelDetailView(BaseAdminDocsView):
    template_name = "admin_doc/model_detail.html"


class TemplateDetailView(BaseAdminDocsView):
    template_name = "admin_doc/template_detail.html"


def user_has_model_view_permission(user, opts):
    """Whether user may view the model (view or change permission), as
    ModelAdmin.has_view_permission decides."""
    codename_view = get_permission_codename("view", opts)
    codename_change = get_permission_codename("change", opts)
    return (user.has_perm(f"{opts.app_label}.{codename_view}")
            or user.has_perm(f"{opts.app_label}.{codename_change}"))


def get_return_data_type(func_name):
    """A guess at what a get_*_list / get_*_count method returns."""
    if func_name.startswith("get_"):
        if func_name.endswith("_list"):
            return "List"
        if func_name.endswith("_count"):
            return "Integer"
    return ""


def get_readable_field_data_type(field):
    """The field's description with its attributes filled in."""
    return field.description % field.__dict__


def extract_views_from_urlpatterns(urlpatterns, base="", namespace=None):
    """[(view_func, regex, namespace, name)] of every view urlpatterns
    reach, included URLconfs too."""
    views = []
    for p in urlpatterns:
        if hasattr(p, "url_patterns"):
            try:
                patterns = p.url_patterns
            except ImportError:
                continue
            views.extend(extract_views_from_urlpatterns(
                patterns, base + str(p.pattern),
                (namespace or []) + (p.namespace and [p.namespace] or [])))
        elif hasattr(p, "callback"):
            try:
                views.append((p.callback, base + str(p.pattern), namespace, p.name))
            except ViewDoesNotExist:
                continue
        else:
            raise TypeError(f"{p} does not appear to be a urlpattern object")
    return views


def simplify_regex(pattern):
    r"""A URL regex as a readable path:
    ^(?P<sport_slug>\w+)/athletes/$ -> /<sport_slug>/athletes/."""
    pattern = remove_non_capturing_groups(pattern)
    pattern = replace_named_groups(pattern)
    pattern = replace_unnamed_groups(pattern)
    pattern = replace_metacharacters(pattern)
    if not pattern.startswith("/"):
        pattern = "/" + pattern
    return pattern
