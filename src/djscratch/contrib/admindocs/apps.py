"""The admindocs AppConfig (django/contrib/admindocs/apps.py), with the
page djscratch shows in place of Django's admin_doc/ templates.
"""

from djscratch.apps.registry import AppConfig
from djscratch.utils.translation import gettext_lazy

__all__ = ["AdminDocsConfig"]

_ADMIN_DOC_TPL_MISSING_DOCUTILS = """{% extends "admin/base_site.html" %}
{% block title %}Please install docutils{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; Documentation{% endblock %}
{% block content %}
<h1>Documentation</h1>
<div id="content-main">
<p class="errornote">The admin documentation system requires Python’s
<a href="https://docutils.sourceforge.io/">docutils</a> library.</p>
<p>Please ask your administrators to install
<a href="https://pypi.org/project/docutils/">docutils</a>.</p>
</div>
{% endblock %}
"""

#: Template name -> source, served by the app-directories loader.
_ADMIN_DOC_TEMPLATES = {
    "admin_doc/missing_docutils.html": _ADMIN_DOC_TPL_MISSING_DOCUTILS,
}


class AdminDocsConfig(AppConfig):
    """django.contrib.admindocs in INSTALLED_APPS."""

    name = "django.contrib.admindocs"
    verbose_name = gettext_lazy("Administrative Documentation")

    @property
    def builtin_templates(self):
        """The app's templates, kept as text in the single file."""
        return _ADMIN_DOC_TEMPLATES
