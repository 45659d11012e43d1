"""Benchmark: render a blog page with 50 comments.

    python3 bench/templates.py                      # djscratch vs str.format
    /work/ref/djvenv/bin/python bench/templates.py  # adds Jinja2, Django, Bottle

The page is a base template, a child that extends it, and a for loop over 50
comments with filters, autoescaping on.  Every engine renders the same HTML
(checked before timing); the figure is the best of several runs, as a
multiple of the hand-written str.format version.
"""

import html
import os
import sys
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

BASE = """<!doctype html>
<html><head><title>{% block title %}Blog{% endblock %}</title></head>
<body><header><h1>{{ site_name }}</h1><nav>{{ user.name }}</nav></header>
<main>{% block content %}{% endblock %}</main>
<footer>&copy; {{ year }} {{ site_name }}</footer></body></html>
"""

POST = """{% extends "base.html" %}
{% block title %}{{ post.title }} - {{ site_name }}{% endblock %}
{% block content %}<article><h2>{{ post.title }}</h2>
<p class="meta">by {{ post.author|upper }}</p>
<div>{{ post.body }}</div></article>
<section><h3>{{ comments|length }} comments</h3>
{% for comment in comments %}<div class="comment">
<b>{{ comment.author }}</b> <span>{{ comment.score|default:"none" }}</span>
<p>{{ comment.body|lower }}</p>{% if comment.approved %}<i>approved</i>{% endif %}
</div>
{% endfor %}</section>{% endblock %}
"""


class Obj:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


def make_context():
    comments = [
        Obj(author=f"User <{i}>", score=i % 7,
            body=f"Comment number {i} says 'Hello' & \"Goodbye\" to <everyone>.",
            approved=i % 3 == 0)
        for i in range(50)
    ]
    post = Obj(title="On <templates> & speed", author="ada",
               body="A post body with <html> in it & more.")
    return {"site_name": "My <Blog>", "year": 2026, "user": Obj(name="Ada"),
            "post": post, "comments": comments}


def hand_written(context, escape=html.escape):
    """The page written by hand with str.format (the 1.0x baseline)."""
    post = context["post"]
    comments = context["comments"]
    site = escape(context["site_name"])
    parts = []
    for c in comments:
        parts.append(
            '<div class="comment">\n<b>{}</b> <span>{}</span>\n<p>{}</p>{}\n</div>\n'
            .format(escape(c.author), escape(str(c.score or "none")),
                    escape(c.body.lower()),
                    "<i>approved</i>" if c.approved else ""))
    content = (
        '<article><h2>{title}</h2>\n<p class="meta">by {author}</p>\n'
        '<div>{body}</div></article>\n<section><h3>{n} comments</h3>\n'
        '{comments}</section>').format(
            title=escape(post.title), author=escape(post.author.upper()),
            body=escape(post.body), n=len(comments), comments="".join(parts))
    return (
        '<!doctype html>\n<html><head><title>{title} - {site}</title></head>\n'
        '<body><header><h1>{site}</h1><nav>{user}</nav></header>\n'
        '<main>{content}</main>\n<footer>&copy; {year} {site}</footer></body>'
        '</html>\n').format(title=escape(post.title), site=site,
                            user=escape(context["user"].name), content=content,
                            year=context["year"])


def djscratch_renderer(syntax="django"):
    import djscratch

    if not djscratch.settings.configured:
        djscratch.settings.configure(USE_TZ=True, TIME_ZONE="UTC")
    templates = {"base.html": BASE, "post.html": POST}
    if syntax == "native":
        templates = {k: to_native(v) for k, v in templates.items()}
    engine = djscratch.Engine(
        loaders=[("django.template.loaders.cached.Loader",
                  [("django.template.loaders.locmem.Loader", templates)])],
        syntax=djscratch.NATIVE_SYNTAX if syntax == "native" else None)
    template = engine.get_template("post.html")
    Context = djscratch.Context
    return lambda context: template.render(Context(context))


def to_native(source):
    for a, b in (("{{", "<<"), ("}}", ">>"), ("{%", "<%"), ("%}", "%>")):
        source = source.replace(a, b)
    return source


def django_renderer():
    import django
    from django.conf import settings

    settings.configure(USE_TZ=True, TIME_ZONE="UTC", TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates"}])
    django.setup()
    from django.template import Context, Engine

    engine = Engine(loaders=[("django.template.loaders.cached.Loader", [
        ("django.template.loaders.locmem.Loader",
         {"base.html": BASE, "post.html": POST})])])
    template = engine.get_template("post.html")
    return lambda context: template.render(Context(context))


def jinja2_renderer():
    import jinja2

    def j(source):
        return (source.replace('|default:"none"', '|default("none", true)')
                .replace("comments|length", "comments|length"))

    env = jinja2.Environment(
        loader=jinja2.DictLoader({"base.html": j(BASE), "post.html": j(POST)}),
        autoescape=True, keep_trailing_newline=True)
    template = env.get_template("post.html")
    return template.render


def bottle_renderer():
    import bottle

    base = ("<!doctype html>\n<html><head><title>{{title}}</title></head>\n"
            "<body><header><h1>{{site_name}}</h1><nav>{{user.name}}</nav></header>\n"
            "<main>{{!base}}</main>\n<footer>&copy; {{year}} {{site_name}}</footer>"
            "</body></html>\n")
    post = ("% rebase('base', title=post.title + ' - ' + site_name, "
            "site_name=site_name, user=user, year=year)\n"
            "<article><h2>{{post.title}}</h2>\n<p class=\"meta\">by "
            "{{post.author.upper()}}</p>\n<div>{{post.body}}</div></article>\n"
            "<section><h3>{{len(comments)}} comments</h3>\n"
            "% for comment in comments:\n<div class=\"comment\">\n"
            "<b>{{comment.author}}</b> <span>{{comment.score or 'none'}}</span>\n"
            "<p>{{comment.body.lower()}}</p>"
            "{{!'<i>approved</i>' if comment.approved else ''}}\n</div>\n"
            "% end\n</section>")
    import tempfile

    folder = tempfile.mkdtemp()
    for name, text in (("base.tpl", base), ("post.tpl", post)):
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
    template = bottle.SimpleTemplate(name="post", lookup=[folder])
    return lambda context: template.render(**context)


def best_of(func, context, number=200, repeat=7):
    return min(timeit.repeat(lambda: func(context), number=number,
                             repeat=repeat)) / number


def main():
    context = make_context()
    expected = hand_written(context)
    engines = [("str.format (by hand)", lambda: hand_written),
               ("djscratch", djscratch_renderer),
               ("djscratch native syntax", lambda: djscratch_renderer("native"))]
    for name, factory, module in (("Jinja2", jinja2_renderer, "jinja2"),
                                  ("Bottle SimpleTemplate", bottle_renderer,
                                   "bottle")):
        if _has(module):
            engines.append((name, factory))
    # Real Django cannot share a process with djscratch's django.* alias: it
    # is timed in a child process below, against its own str.format run.
    renderers = []
    for name, factory in engines:
        render = factory()
        output = render(context)
        # markupsafe and bottle spell two entities differently; same HTML.
        output = output.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
        output = output.replace("&#039;", "&#x27;")
        renderers.append((name, render, output == expected))
    # Round-robin timing, best of many rounds: fair on a busy machine.
    best = [float("inf")] * len(renderers)
    for _round in range(40):
        for i, (_name, render, _same) in enumerate(renderers):
            best[i] = min(best[i], best_of(render, context, number=100, repeat=1))
    results = [(name, best[i], same) for i, (name, _r, same) in enumerate(renderers)]
    base = results[0][1]
    print(f"Blog page, 50 comments, autoescape on ({sys.version.split()[0]})")
    for name, seconds, same in results:
        note = "" if same else "  (output differs!)"
        print(f"  {name:<26} {seconds * 1e6:8.1f} us  {seconds / base:5.2f}x{note}")
    if "--no-django" not in sys.argv and _has("django"):
        import subprocess

        code = ("import sys; sys.path.insert(0, %r); import templates as b; "
                "ctx = b.make_context(); r = b.django_renderer(); "
                "assert r(ctx) == b.hand_written(ctx), 'Django output differs'; "
                "h = b.best_of(b.hand_written, ctx); d = b.best_of(r, ctx); "
                "print(f'  {\"Django 5.2\":<26} {d * 1e6:8.1f} us  {d / h:5.2f}x')"
                % HERE)
        subprocess.run([sys.executable, "-c", code], check=False)


def _has(module):
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    main()
