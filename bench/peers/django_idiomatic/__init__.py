"""The blog as a small, ordinary Django 5.2 project (settings, app, views,
templates in Django's syntax), the way `startproject` users would write it."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT = "import django.core.handlers.wsgi, django.db.models"


def make_app(db_path):
    os.environ["BENCH_DB"] = db_path
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
    sys.path.insert(0, HERE)
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def make_render(db_path):
    """Return a function rendering home.html with a page of 20 comments."""
    from blogapp.models import Comment
    from blogapp.views import POLL_MS, CommentForm, read_page
    from django.core.paginator import Paginator
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe

    template = get_template("home.html")
    page = Paginator(list(Comment.objects.all()), 20).get_page(None)
    title, text = read_page()
    context = {
        "title": title, "text": text, "form": mark_safe(str(CommentForm())),
        "page": page, "newest_id": max(c.id for c in page.object_list),
        "poll_ms": POLL_MS, "csrf_token": "t" * 64,
    }
    return lambda: template.render(context)
