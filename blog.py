"""The djscratch demo app (placeholder until the blog issue lands).

Run it with `python blog.py`; test it with `python -m djscratch test`.
"""

import djscratch

app = djscratch.App(__name__)

from django.http import HttpResponse  # noqa: E402  (after App: the alias is set up)
from django.urls import path  # noqa: E402


def homepage(request):
    return HttpResponse("<!doctype html><title>djscratch</title><h1>Hello from djscratch</h1>")


urlpatterns = [path("", homepage, name="homepage")]

if __name__ == "__main__":
    app.main()
