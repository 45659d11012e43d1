"""The real blog.py: on djscratch, or on Django 5.2 with DJSCRATCH_ENGINE=django."""

import os
import sys

# No bench.workload import here: it loads sqlite3, json and secrets, which
# would count against the framework in the start-up and memory figures.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IMPORT = "import djscratch"


def make_app(db_path):
    os.environ["BLOG_DB"] = db_path
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-" + "x" * 40)
    sys.path.insert(0, ROOT)
    import blog

    if os.environ.get("DJSCRATCH_ENGINE", "").lower() == "django":
        # The engine switch must really run Django, not djscratch under its name.
        if not type(blog.Comment).__module__.startswith("django."):
            raise RuntimeError("not available yet: DJSCRATCH_ENGINE=django does not "
                               "run blog.py on real Django in this checkout")
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()
    return blog.app


def make_render(db_path):
    """Return a function rendering home.html with a page of 20 comments."""
    import blog
    from bench import workload
    from django.core.paginator import Paginator
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe

    template = get_template("home.html")
    page = Paginator(list(blog.Comment.objects.all()), workload.PER_PAGE).get_page(None)
    title, text = blog.read_page()
    context = {
        "title": title, "text": text, "form": mark_safe(str(blog.CommentForm())),
        "page": page, "newest_id": max(c.id for c in page.object_list),
        "poll_ms": blog.POLL_MS, "csrf_token": "t" * 64,
    }
    return lambda: template.render(context)
