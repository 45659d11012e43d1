import os

from django import forms
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .models import Comment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
COMMENTS_PER_PAGE = 20
JSON_LIMIT = 100
POLL_MS = 10_000


class CommentForm(forms.Form):
    author = forms.CharField(max_length=64)
    body = forms.CharField(widget=forms.Textarea, max_length=1024)


def read_page():
    with open(os.path.join(ROOT, "page.txt"), encoding="utf-8") as f:
        title, _, text = f.read().partition("\n")
    return title.strip(), text.strip()


@require_http_methods(["GET", "HEAD", "POST"])
def homepage(request):
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            Comment.objects.create(**form.cleaned_data)
            return redirect("homepage")
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
    after = request.GET.get("after", "0")
    if not after.isascii() or not after.isdigit():
        return JsonResponse(
            {"error": "'after' must be a comment id (a whole number, 0 or more)."},
            status=400)
    comments = Comment.objects.filter(id__gt=min(int(after), 2**63 - 1)).order_by(
        "id")[:JSON_LIMIT]
    return JsonResponse({"comments": [
        {"id": c.id, "author": c.author, "body": c.body, "time": c.time.isoformat()}
        for c in comments
    ]})
