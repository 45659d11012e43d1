"""Benchmark: a corpus of templates, each rendered by every engine.

    python bench/corpus.py             # full run: the table and geometric means
    python bench/corpus.py --quick     # smoke run (few samples)
    python bench/corpus.py --json      # the figures as JSON (bench/run.py)

Engines: djscratch (Django syntax and native syntax), Jinja2, Mako, and real
Django 5.2 in a child process (it cannot share one with djscratch's `django.*`
alias).  The templates are in bench/corpus_templates/<engine>/<case>/.  Every
engine's output for a template is checked equal to real Django's before
anything is timed, after `normalise()`: markupsafe's `&#39;` and `&#34;` are
Django's `&#x27;` and `&quot;`, a run of white space counts as one, and white
space between tags as none.  A mismatch exits 1.  Each figure is the best of
several round-robin rounds, in microseconds per render.
"""

import collections
import dataclasses
import datetime
import json
import math
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

ENGINES = ["djscratch", "djscratch native", "Jinja2", "Mako", "Django"]
EPOCH = datetime.datetime(2026, 3, 1, 9, 30)
WORDS = ("alpha <beta> gamma & delta 'epsilon' \"zeta\" eta theta iota kappa "
         "lambda mu").split()


# -- The data every engine renders --------------------------------------------

Row = collections.namedtuple("Row", "id author body created")


@dataclasses.dataclass
class Entry:
    id: int
    title: str
    tags: list
    score: float


class Thing:
    """A plain object with attributes and a method."""

    def __init__(self, id, name, parts):
        self.id = id
        self.name = name
        self.parts = parts

    def label(self):
        return "thing-%d" % self.id


def text(i, words=12):
    return " ".join(WORDS[(i + k) % len(WORDS)] for k in range(words))


def setup_django(django_engine):
    """Configure settings, define the model and the form; return them.

    The same code runs on real Django and, after `import djscratch`, on
    djscratch's alias of it.
    """
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_TZ=False, USE_I18N=False, INSTALLED_APPS=[],
                           DATABASES={"default": {
                               "ENGINE": "django.db.backends.sqlite3",
                               "NAME": ":memory:"}})
        django.setup()
    from django import forms
    from django.db import models

    class Comment(models.Model):
        author = models.CharField(max_length=50)
        body = models.TextField()
        created = models.DateTimeField()

        class Meta:
            app_label = "corpus"

    class ContactForm(forms.Form):
        name = forms.CharField(max_length=100, help_text="Your <full> name.")
        email = forms.EmailField()
        age = forms.IntegerField(min_value=0, required=False)
        message = forms.CharField(widget=forms.Textarea)
        subscribe = forms.BooleanField(required=False)

    return Comment, ContactForm


FORM_DATA = {"name": "Ada <Lovelace>", "email": "not-an-email", "age": "36",
             "message": "Hello & goodbye, \"friends\".", "subscribe": "on"}


def contexts(Comment, ContactForm):
    """{case: context} for the Django-syntax engines (and the peers, mostly)."""
    created = [EPOCH + datetime.timedelta(hours=7 * i, minutes=i) for i in range(50)]
    comments = [Comment(id=i, author="user <%d>" % i, body=text(i), created=created[i])
                for i in range(50)]
    form = ContactForm(FORM_DATA)
    form.is_valid()
    return {
        "models": {"comments": comments, "title": "Comments & <replies>"},
        "dicts": {"rows": [{"name": "row <%d>" % i, "score": i % 4 or None,
                            "note": text(i, 3)} for i in range(50)]},
        "namedtuples": {"rows": [Row(i, "user <%d>" % i, text(i), created[i])
                                 for i in range(50)]},
        "dataclasses": {"entries": [
            Entry(i, "Entry <%d>" % i, ["t%d" % k for k in range(i % 5)], i * 1.25)
            for i in range(30)]},
        "objects": {"things": [Thing(i, "thing & %d" % i,
                                     ["p%d" % k for k in range(5)])
                               for i in range(20)]},
        "filters": {"items": [{
            "when": created[i], "missing": None if i % 2 else "set",
            "body": text(i, 30), "price": i * 3.14159, "tags": WORDS[: i % 6],
            "n": i % 3, "notes": "line one\nline <two>\nline three",
            "link": "see https://example.com/p/%d and more" % i,
            "title": "Hello World & Friends %d!" % i} for i in range(20)]},
        "include": {"comments": comments},
        "extends": {"page_title": "Deep <page>", "user": "ada",
                    "items": [text(i, 4) for i in range(20)]},
        "with_if": {"users": [{"name": "user%d" % i, "age": i * 3,
                               "active": i % 2 == 0, "staff": i % 5 == 0,
                               "posts": i % 7} for i in range(40)]},
        "form": {"form": form},
        "table": {"rows": [(i, "name <%d>" % i, i * 2, i % 3 == 0, "x&y")
                           for i in range(1000)]},
        "text": {"paragraphs": [text(i, 80) for i in range(40)],
                 "title": "A <text> & 'quotes' page"},
        "custom": {"users": [{"name": "Ada Lovelace %d" % i, "score": i % 6,
                              "balance": i * 1234.5} for i in range(30)]},
    }


# -- The templates: bench/corpus_templates/<engine>/<case>/<name> ------------

def load_templates(engine):
    """{case: {name: source}}; each case's page is its template named `main`."""
    folder = os.path.join(HERE, "corpus_templates", engine)
    found = {}
    for case in sorted(os.listdir(folder)):
        found[case] = {}
        for name in sorted(os.listdir(os.path.join(folder, case))):
            with open(os.path.join(folder, case, name), encoding="utf-8") as f:
                found[case][name] = f.read()
    return found


DJANGO = load_templates("django")
JINJA2 = load_templates("jinja2")
MAKO = load_templates("mako")
DESCRIPTIONS = {
    "models": "50 model instances, `date` filter",
    "dicts": "50 dicts, `default`",
    "namedtuples": "50 namedtuples, `date`",
    "dataclasses": "30 dataclasses, nested `for` with `forloop`, `empty`",
    "objects": "20 plain objects, a method, `forloop.parentloop`",
    "filters": "20 rows of 10 common filters (`truncatewords`, `urlize`, ...)",
    "include": "`{% include %}` in a loop of 50",
    "extends": "3 levels of `{% extends %}` with `{{ block.super }}`",
    "with_if": "`{% with %}` and deep `{% if %}` trees, 40 rows",
    "form": "a bound form with errors: `{{ form }}`, then field by field",
    "table": "a 1,000-row table",
    "text": "a text-heavy page, mostly escaping",
    "custom": "custom filters, a simple tag and an inclusion tag",
}
CASES = list(DESCRIPTIONS)
assert sorted(CASES) == sorted(DJANGO) == sorted(JINJA2) == sorted(MAKO)


# -- The peers' helpers (what Django's filters do, for this data) ------------

def peer_helpers(escape, markup):
    """Plain functions doing what Django's filters do on the corpus's data."""

    def truncatewords(value, n):
        words = value.split()
        return " ".join(words[:n]) + (" …" if len(words) > n else "")

    def pluralize(n):
        return "" if n == 1 else "s"

    def linebreaksbr(value):
        return markup(str(escape(value)).replace("\n", "<br>"))

    def durlize(value):
        out = []
        for word in value.split(" "):
            if word.startswith(("http://", "https://")):
                url = str(escape(word))
                out.append('<a href="%s" rel="nofollow">%s</a>' % (url, url))
            else:
                out.append(str(escape(word)))
        return markup(" ".join(out))

    def slugify(value):
        value = re.sub(r"[^\w\s-]", "", value.lower())
        return re.sub(r"[-\s]+", "-", value).strip("-_")

    from bench import corpus_tags

    return {"truncatewords": truncatewords, "pluralize": pluralize,
            "linebreaksbr": linebreaksbr, "durlize": durlize, "slugify": slugify,
            "money": corpus_tags.money, "initials": corpus_tags.initials,
            "stars": corpus_tags.stars}


def peer_form(form, markup):
    """The bound form as plain data, the way a Jinja2 or Mako page gets it."""
    fields = []
    for name, field in form.fields.items():
        bound = form[name]
        id_ = "id_" + name
        errors = list(form.errors.get(name, []))
        attrs = []
        textarea = name == "message"
        value = form.data.get(name, "")
        if textarea:
            attrs = [("name", name), ("cols", "40"), ("rows", "10")]
        elif name == "subscribe":
            attrs = [("type", "checkbox"), ("name", name)]
        else:
            kind = {"email": "email", "age": "number"}.get(name, "text")
            attrs = [("type", kind), ("name", name), ("value", value)]
            if name == "name":
                attrs.append(("maxlength", "100"))
            if name == "email":
                attrs.append(("maxlength", "320"))
            if name == "age":
                attrs.append(("min", "0"))
        if field.required:
            attrs.append(("required", None))
        if errors:
            attrs.append(("aria-invalid", "true"))
        described = " ".join(([id_ + "_helptext"] if field.help_text else [])
                             + ([id_ + "_error"] if errors else []))
        if described:
            attrs.append(("aria-describedby", described))
        if name == "subscribe":
            attrs.append(("id", id_))
            attrs.append(("checked", None))
        else:
            attrs.append(("id", id_))
        label = str(bound.label)
        fields.append({
            "id": id_, "name": name, "label": label, "value": value,
            "label_tag": markup('<label for="%s">%s:</label>' % (id_, label)),
            "help_text": str(field.help_text), "errors": errors,
            "textarea": textarea, "attrs": attrs})
    return {"fields": fields, "non_field_errors": list(form.non_field_errors())}


# -- Normalising and timing ---------------------------------------------------

def normalise(html):
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def best_of(render, context, rounds, budget):
    """Microseconds per render, the best of `rounds` batches of about `budget` s."""
    start = time.perf_counter()
    render(context)
    once = max(time.perf_counter() - start, 1e-6)
    number = max(1, int(budget / once))
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            render(context)
        best = min(best, (time.perf_counter() - start) / number)
    return best * 1e6


def time_round_robin(renderers, cases_contexts, rounds, budget):
    """{engine: {case: us}}: each round times every (case, engine) once."""
    best = {engine: {} for engine in renderers}
    for _ in range(rounds):
        for case in CASES:
            for engine, renders in renderers.items():
                value = best_of(renders[case], cases_contexts[engine][case], 1, budget)
                best[engine][case] = min(best[engine].get(case, value), value)
    return best


# -- The engines --------------------------------------------------------------

def django_style_renderers(native=False):
    """{case: render(context)} for the Engine of whichever `django` is loaded."""
    from django.template import Context, Engine

    renders = {}
    for case, templates in DJANGO.items():
        if native:
            templates = {name: to_native(source) for name, source in templates.items()}
        options = {}
        if native:
            import djscratch

            options["syntax"] = djscratch.NATIVE_SYNTAX
        engine = Engine(libraries={"corpus_tags": "bench.corpus_tags"}, loaders=[
            ("django.template.loaders.cached.Loader", [
                ("django.template.loaders.locmem.Loader", templates)])], **options)
        template = engine.get_template("main")
        renders[case] = (lambda t: lambda context: t.render(Context(context)))(template)
    return renders


def to_native(source):
    for a, b in (("{{", "<<"), ("}}", ">>"), ("{%", "<%"), ("%}", "%>")):
        source = source.replace(a, b)
    return source


def jinja2_renderers(helpers):
    import jinja2

    renders = {}
    for case, templates in JINJA2.items():
        env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
        env.filters.update(helpers)
        env.globals.update(helpers)
        renders[case] = env.get_template("main").render
    return renders


def mako_renderers(helpers):
    from mako.lookup import TemplateLookup

    renders = {}
    for case, templates in MAKO.items():
        lookup = TemplateLookup(default_filters=["h"])
        for name, source in templates.items():
            lookup.put_string(name, source)
        template = lookup.get_template("main")
        renders[case] = (lambda t: lambda context: t.render(**helpers, **context))(
            template)
    return renders


def run_django_child(rounds, budget):
    """Real Django in a child process: {"outputs": {...}, "times": {...}}."""
    proc = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--django-child",
         str(rounds), str(budget)], cwd=ROOT, capture_output=True, text=True,
        timeout=900)
    if proc.returncode:
        raise RuntimeError("real Django failed: " + (
            proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1])
    return json.loads(proc.stdout)


def django_child(rounds, budget):
    Comment, ContactForm = setup_django("django")
    cases = contexts(Comment, ContactForm)
    renders = django_style_renderers()
    outputs = {case: renders[case](cases[case]) for case in CASES}
    times = time_round_robin({"Django": renders}, {"Django": cases}, rounds, budget)
    json.dump({"outputs": outputs, "times": times["Django"]}, sys.stdout)


def measure(quick):
    """Check every engine against real Django, then time them all."""
    rounds, budget = (2, 0.01) if quick else (15, 0.04)
    reference = run_django_child(rounds, budget)
    import djscratch  # noqa: F401  (django.* is djscratch from here on)
    import markupsafe

    Comment, ContactForm = setup_django("djscratch")
    base = contexts(Comment, ContactForm)
    form = peer_form(base["form"]["form"], markupsafe.Markup)
    peers = dict(base, form={"form": form})
    helpers = peer_helpers(markupsafe.escape, markupsafe.Markup)
    renderers = {"djscratch": django_style_renderers(),
                 "djscratch native": django_style_renderers(native=True),
                 "Jinja2": jinja2_renderers(helpers),
                 "Mako": mako_renderers(helpers)}
    cases_contexts = {"djscratch": base, "djscratch native": base,
                      "Jinja2": peers, "Mako": peers}
    mismatches = []
    for engine, renders in renderers.items():
        for case in CASES:
            want = normalise(reference["outputs"][case])
            got = normalise(renders[case](cases_contexts[engine][case]))
            if got != want:
                mismatches.append("%s, %s: %s" % (engine, case, first_difference(
                    got, want)))
    if mismatches:
        return {"mismatches": mismatches}
    times = time_round_robin(renderers, cases_contexts, rounds, budget)
    times["Django"] = reference["times"]
    return {"times": times, "geomean": {
        engine: geometric_mean([times[engine][case] for case in CASES])
        for engine in ENGINES}}


def first_difference(got, want):
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return "at %d: %r, Django has %r" % (i, got[max(0, i - 30):i + 50],
                                                  want[max(0, i - 30):i + 50])
    return "lengths %d and %d" % (len(got), len(want))


def geometric_mean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def table(results):
    """The results as a Markdown table (microseconds, and ratios to Jinja2)."""
    times = results["times"]
    head = ["template"] + ENGINES + ["djscratch / Jinja2", "djscratch / Mako"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def row(name, values):
        cells = ["%.1f" % values[e] for e in ENGINES]
        cells += ["%.2fx" % (values["djscratch"] / values["Jinja2"]),
                  "%.2fx" % (values["djscratch"] / values["Mako"])]
        return "| " + " | ".join([name] + cells) + " |"

    for case in CASES:
        lines.append(row("`%s`: %s" % (case, DESCRIPTIONS[case]),
                         {e: times[e][case] for e in ENGINES}))
    lines.append(row("**geometric mean**", results["geomean"]))
    return "\n".join(lines)


def main(argv):
    if "--django-child" in argv:
        i = argv.index("--django-child")
        django_child(int(argv[i + 1]), float(argv[i + 2]))
        return 0
    results = measure("--quick" in argv)
    if "--json" in argv:
        json.dump(results, sys.stdout, indent=1)
        return 1 if "mismatches" in results else 0
    if "mismatches" in results:
        print("MISMATCH: an engine's output differs from real Django's:")
        for line in results["mismatches"]:
            print("  " + line)
        return 1
    print("Template corpus, microseconds per render (best of rounds)")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
