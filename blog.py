"""The djscratch demo blog: a page of text with anonymous comments below it.

    python blog.py [--host HOST] [--port PORT] [--debug]   serve it (waitress)
    python blog.py test                                     run its tests
    python -m djscratch test                                run every test

Everything after `djscratch.App(...)` is ordinary Django code, so the same
file also runs on real Django (DJSCRATCH_ENGINE=django).  The page text comes
from page.txt beside this file: the first line is the title, blank lines
separate paragraphs.
"""

import os
import sys

import djscratch

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
DEBUG = "--debug" in sys.argv or os.environ.get("DEBUG", "") in ("1", "true", "yes")
if "--debug" in sys.argv:
    sys.argv.remove("--debug")

app = djscratch.App(
    __name__,
    DEBUG=DEBUG,
    DATABASE=os.environ.get("BLOG_DB") or os.path.join(BASE_DIR, "blog.sqlite3"),
    ALLOWED_HOSTS=(
        os.environ["ALLOWED_HOSTS"].split(",") if os.environ.get("ALLOWED_HOSTS")
        else ["localhost", "127.0.0.1", "[::1]"]
    ),
)

from django import forms  # noqa: E402  (Django imports come after App)
from django.contrib import messages  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import models  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.shortcuts import redirect, render  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from django.views.decorators.csrf import csrf_exempt, csrf_protect  # noqa: E402
from django.views.decorators.http import require_http_methods, require_safe  # noqa: E402

COMMENTS_PER_PAGE = 20
JSON_LIMIT = 100
POLL_MS = 10_000  # how often the page's script asks for new comments


class Comment(models.Model):
    author = models.CharField(max_length=64)
    body = models.TextField()
    time = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-time", "-id"]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"


class CommentForm(forms.Form):
    author = forms.CharField(max_length=64)
    body = forms.CharField(widget=forms.Textarea, max_length=1024)


def read_page():
    """Return (title, text) from page.txt: first line, then the rest."""
    with open(os.path.join(BASE_DIR, "page.txt"), encoding="utf-8") as f:
        title, _, text = f.read().partition("\n")
    return title.strip(), text.strip()


# The method check comes before the CSRF check, so that PUT or DELETE gets
# 405 with an Allow header rather than CsrfViewMiddleware's 403: the
# middleware is told to skip this view, and csrf_protect checks POSTs inside.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@csrf_protect
def homepage(request):
    """Show the page and its comments; on POST, add a comment."""
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            comment = Comment.objects.create(**form.cleaned_data)
            messages.success(request, "Your comment was posted.")
            # POST/redirect/GET, to the new comment: the browser scrolls to it.
            return redirect(reverse("homepage") + f"#c{comment.id}")
    else:
        form = CommentForm()
    page = Paginator(Comment.objects.all(), COMMENTS_PER_PAGE).get_page(
        request.GET.get("page"))
    title, text = read_page()
    return render(request, "home.html", {
        "title": title, "text": text, "form": form, "page": page,
        "newest_id": max((c.id for c in page.object_list), default=0),
        "poll_ms": POLL_MS,
    })


@require_safe
def comments_json(request):
    """Return the comments with an id above ?after=, oldest first (at most 100)."""
    after = request.GET.get("after", "0")
    if not after.isascii() or not after.isdigit():
        return JsonResponse(
            {"error": "'after' must be a comment id (a whole number, 0 or more)."},
            status=400)
    try:
        after_id = int(after.lstrip("0") or "0")
    except ValueError:  # more digits than int() reads (4,300 by default)
        return JsonResponse(
            {"error": "'after' has too many digits to be a comment id."}, status=400)
    # SQLite integers stop at 2**63 - 1: a larger id is past every comment.
    after_id = min(after_id, 2**63 - 1)
    comments = Comment.objects.filter(id__gt=after_id).order_by("id")[:JSON_LIMIT]
    return JsonResponse({"comments": [
        {"id": c.id, "author": c.author, "body": c.body, "time": c.time.isoformat()}
        for c in comments
    ]})


urlpatterns = [
    path("", homepage, name="homepage"),
    path("comments.json", comments_json, name="comments-json"),
]

if __name__ == "__main__":
    app.main()
