"""django.contrib.admindocs.urls: the documentation pages under Django's
URL names, for `path("admin/doc/", include("django.contrib.admindocs.urls"))`.
"""

from djscratch.urls.conf import path, re_path
from djscratch.contrib.admindocs.views import (
    BaseAdminDocsView, BookmarkletsView, ModelDetailView, ModelIndexView,
    TemplateDetailView, TemplateFilterIndexView, TemplateTagIndexView,
    ViewDetailView, ViewIndexView,
)

__all__ = []

#: The module's `urlpatterns` (the alias table maps the Django name here).
admindocs_urlpatterns = [
    path("", BaseAdminDocsView.as_view(template_name="admin_doc/index.html"),
         name="django-admindocs-docroot"),
    path("bookmarklets/", BookmarkletsView.as_view(),
         name="django-admindocs-bookmarklets"),
    path("tags/", TemplateTagIndexView.as_view(), name="django-admindocs-tags"),
    path("filters/", TemplateFilterIndexView.as_view(),
         name="django-admindocs-filters"),
    path("views/", ViewIndexView.as_view(), name="django-admindocs-views-index"),
    path("views/<view>/", ViewDetailView.as_view(),
         name="django-admindocs-views-detail"),
    path("models/", ModelIndexView.as_view(), name="django-admindocs-models-index"),
    re_path(r"^models/(?P<app_label>[^.]+)\.(?P<model_name>[^/]+)/$",
            ModelDetailView.as_view(), name="django-admindocs-models-detail"),
    path("templates/<path:template>/", TemplateDetailView.as_view(),
         name="django-admindocs-templates"),
]
