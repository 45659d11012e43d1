"""Render the blog's pages on one engine and print them as JSON.

    [DJSCRATCH_ENGINE=django] python tests/engine_pages.py

tests/test_two_engines.py runs this script once per engine (djscratch under
any Python, Django under a Python that has Django 5.2) and compares the
output byte for byte.  The database is a fresh temporary file holding the
same three comments at fixed times, so both engines see the same data.
"""

import base64
import datetime
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    tmp = tempfile.mkdtemp()
    os.environ["BLOG_DB"] = os.path.join(tmp, "blog.sqlite3")
    os.environ["SECRET_KEY"] = "engine-pages-key-0123456789-0123456789-0123456789"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("DEBUG", None)
    sys.path.insert(0, ROOT)
    import blog

    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", run_syncdb=True, verbosity=0)
    utc = datetime.timezone.utc
    for author, body, when in [
        ("Ada", "First!", datetime.datetime(2024, 1, 2, 0, 0, tzinfo=utc)),
        ("Grace", "Noon <b>bold</b>\nsecond line & more",
         datetime.datetime(2024, 3, 9, 12, 0, tzinfo=utc)),
        ("Linus \"L\" O'Neil", "Late night",
         datetime.datetime(2024, 12, 31, 23, 59, 30, tzinfo=utc)),
    ]:
        comment = blog.Comment.objects.create(author=author, body=body)
        blog.Comment.objects.filter(pk=comment.pk).update(time=when)

    client = Client()
    on_django = os.environ.get("DJSCRATCH_ENGINE") == "django"
    first = [
        ("get /", "get", "/", {}),
        ("post / invalid", "post", "/", {"author": "", "body": "x" * 1025}),
        ("post / script", "post", "/", {"author": "<script>", "body": ""}),
        ("get /comments.json", "get", "/comments.json", {}),
        ("get /comments.json?after=1", "get", "/comments.json?after=1", {}),
        ("get /comments.json?after=x", "get", "/comments.json?after=x", {}),
        ("get /nope (404)", "get", "/nope", {}),
        ("delete / (405)", "delete", "/", {}),
    ]
    pages = _capture(client, first)
    forbidden = Client(enforce_csrf_checks=True).post("/", {"author": "a", "body": "b"})
    pages["post / without csrf (403)"] = _page(forbidden)
    if on_django:
        pages.update(_with_django_templates(client, tmp, first[:3]))
    # Twenty-two more comments at assorted times: two pages, every time format.
    for i in range(22):
        when = datetime.datetime(2025, 1 + i % 12, 1 + i, (i * 5) % 24, (i * 7) % 60,
                                 tzinfo=utc)
        comment = blog.Comment.objects.create(author=f"reader {i}", body=f"#{i}")
        blog.Comment.objects.filter(pk=comment.pk).update(time=when)
    more = [(f"get {url} (25 comments)", "get", url, {})
            for url in ("/", "/?page=2", "/?page=99", "/?page=x")]
    pages.update(_capture(client, more))
    if on_django:
        pages.update(_with_django_templates(client, tmp, more))
    # A valid post: the redirect to the new comment, then the page with the
    # message that it was saved (its time fixed, as above).
    posted = client.post("/", {"author": "Poster", "body": "Saved?"})
    pages["post / valid (302)"] = {**_page(posted), "location": posted["Location"]}
    blog.Comment.objects.filter(author="Poster").update(
        time=datetime.datetime(2025, 6, 1, 9, 30, tzinfo=utc))
    pages["get / after a valid post"] = _page(client.get("/"))
    json.dump(pages, sys.stdout, indent=1, sort_keys=True)


def _capture(client, requests):
    """Return {name: page} for (name, method, url, data) requests."""
    return {name: _page(getattr(client, method)(url, data))
            for name, method, url, data in requests}


def _page(response):
    return {
        "status": response.status_code,
        "content_type": response.get("Content-Type"),
        "body": base64.b64encode(response.content).decode("ascii"),
    }


def _with_django_templates(client, tmp, requests):
    """Render the HTML pages again with Django's own template engine.

    The blog's templates are translated to Django's delimiters, so
    {% url %}, {% static %}, {% csrf_token %}, |date, |linebreaks and the
    datetime formatting are Django's own, not djscratch's.
    """
    from django.test import override_settings

    folder = os.path.join(tmp, "django_templates")
    os.makedirs(folder, exist_ok=True)
    pairs = [("<<", "{{"), (">>", "}}"), ("<%", "{%"), ("%>", "%}"),
             ("<#", "{#"), ("#>", "#}")]
    for name in ("base.html", "home.html"):
        with open(os.path.join(ROOT, "templates", name), encoding="utf-8") as f:
            text = f.read()
        for native, django in pairs:
            text = text.replace(native, django)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
    templates = [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [folder],
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "django.contrib.messages.context_processors.messages"]},
    }]
    with override_settings(TEMPLATES=templates):
        pages = _capture(client, requests)
    return {name + " (Django templates)": page for name, page in pages.items()}


if __name__ == "__main__":
    main()
