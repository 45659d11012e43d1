"""The differences from Django listed in issue 19 (point 6), as one scenario.

Plain Django code: tests/gen_diffs_expected.py runs it on real Django and
records tests/diffs_expected.json; tests/test_django_diffs.py runs it on
djscratch and compares, one test per difference.  Each observe_* function
returns what a Django user would see (values, messages, query counts).
"""

import json
from unittest import mock

from django.core import signing
from django.db import IntegrityError, connection, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path

#: The moment signed cookies are stamped at (2026-11-21 11:26:17 UTC), so that
#: both engines sign the same bytes.
SIGNED_AT = 1795260377


class Author(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "diffs_oracle"

    def __str__(self):
        return self.name


class Tag(models.Model):
    label = models.CharField(max_length=20, unique=True)

    class Meta:
        app_label = "diffs_oracle"

    def __str__(self):
        return self.label


class Book(models.Model):
    title = models.CharField(max_length=20)
    pages = models.IntegerField(default=0)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    tags = models.ManyToManyField(Tag)

    class Meta:
        app_label = "diffs_oracle"

    def __str__(self):
        return self.title


class Reader(models.Model):
    name = models.CharField(max_length=10)
    friends = models.ManyToManyField("self")
    follows = models.ManyToManyField("self", symmetrical=False,
                                     related_name="followers")
    books = models.ManyToManyField(Book, related_name="readers",
                                   related_query_name="reader", through="Reading")

    class Meta:
        app_label = "diffs_oracle"

    def __str__(self):
        return self.name


class Reading(models.Model):
    reader = models.ForeignKey(Reader, models.CASCADE)
    book = models.ForeignKey(Book, models.CASCADE)
    rating = models.IntegerField()

    class Meta:
        app_label = "diffs_oracle"


class Numbers(models.Model):
    small = models.SmallIntegerField(default=0)
    integer = models.IntegerField(default=0)
    big = models.BigIntegerField(default=0)
    positive_small = models.PositiveSmallIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0)
    positive_big = models.PositiveBigIntegerField(default=0)

    class Meta:
        app_label = "diffs_oracle"


class Code(models.Model):
    """A model whose primary key is not `id`."""

    code = models.CharField(max_length=10, primary_key=True)

    class Meta:
        app_label = "diffs_oracle"


class Sticker(Code):
    """A child model: its primary key is the parent link, code_ptr."""

    class Meta:
        app_label = "diffs_oracle"


class Shelf(models.Model):
    """Relations of each kind, for remote_field.field_name."""

    parent = models.ForeignKey("self", models.CASCADE, null=True)
    book = models.ForeignKey(Book, models.CASCADE)
    tag = models.ForeignKey(Tag, models.CASCADE, to_field="label")
    code = models.ForeignKey(Code, models.CASCADE)
    later = models.ForeignKey("Later", models.CASCADE)
    only = models.OneToOneField(Code, models.CASCADE, related_name="only_shelf")
    tags = models.ManyToManyField(Tag, related_name="shelves")
    sticker = models.ForeignKey(Sticker, models.CASCADE, related_name="+")

    class Meta:
        app_label = "diffs_oracle"


class Later(models.Model):
    """Defined after the relation that names it."""

    class Meta:
        app_label = "diffs_oracle"


def echo_view(request):
    """The page a junk query string must not break: it lists GET."""
    return HttpResponse(repr(sorted(request.GET.lists())))


def static_view(request):
    """A page that never reads GET."""
    return HttpResponse("static")


urlpatterns = [path("echo/", echo_view), path("static/", static_view)]


def describe(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def frozen_signing_clock():
    return mock.patch.object(signing.TimestampSigner, "timestamp",
                             lambda self: signing.b62_encode(SIGNED_AT))


def observe_signed_cookies():
    """Values set_signed_cookie() writes, and what get_signed_cookie() reads."""
    out = {}
    with frozen_signing_clock():
        for name, salt in (("c", ""), ("a", "bc"), ("ab", "c"), ("u", "s")):
            response = HttpResponse()
            response.set_signed_cookie(name, "hello é", salt=salt)
            out["set %s %r" % (name, salt)] = response.cookies[name].value
        legacy = signing.get_cookie_signer(salt="a" + "bc").sign("old")
    out["legacy"] = legacy
    reads = {}
    for name, salt, value in (("c", "", out["set c ''"]),
                              ("a", "bc", out["set a 'bc'"]),
                              ("ab", "c", out["set a 'bc'"]),
                              ("a", "bc", legacy),
                              ("a", "", out["set a 'bc'"])):
        request = HttpRequest()
        request.COOKIES[name] = value
        try:
            got = request.get_signed_cookie(name, salt=salt)
        except signing.BadSignature as exc:
            got = describe(exc)
        reads["%s %r %s" % (name, salt, value)] = got
    out["reads"] = reads
    return out


def observe_request_encoding():
    """Setting request.encoding decodes GET (and a multipart POST) again."""
    factory = RequestFactory()
    out = {}
    request = factory.get("/?a=caf%C3%A9")
    out["utf8"] = request.GET.getlist("a")
    request.encoding = "latin-1"
    out["utf8_then_latin1"] = request.GET.getlist("a")
    request = factory.get("/?a=caf%E9")
    request.encoding = "iso-8859-1"
    out["latin1_before_reading"] = request.GET.getlist("a")
    request = factory.get("/?a=caf%E9")
    out["latin1_read_as_utf8"] = request.GET.getlist("a")
    request.encoding = "latin-1"
    out["latin1_after_reading"] = request.GET.getlist("a")
    request = factory.post("/", {"t": "café"})
    out["multipart"] = request.POST.getlist("t")
    request.encoding = "latin-1"
    out["multipart_after_setting"] = request.POST.getlist("t")
    request = factory.post("/", {"t": "café"})
    request.encoding = "latin-1"
    out["multipart_latin1_before_reading"] = request.POST.getlist("t")
    request = factory.post("/", "t=caf%C3%A9",
                           content_type="application/x-www-form-urlencoded")
    request.encoding = "latin-1"
    try:
        out["urlencoded_latin1"] = request.POST.getlist("t")
    except Exception as exc:
        out["urlencoded_latin1"] = describe(exc)
    return out


JUNK_QUERIES = ("q=%ff%fe", "page=%ff", "a=%", "a=%zz&b=1", "a=%2", "%e9=1",
                "a=%C3", "a=%C3%A9%ff&b=%", "x=1&&y=%25", "a=b=c%")


def observe_junk_query_strings():
    """Invalid UTF-8 or stray % in the query string: replaced, page served."""
    client = Client()
    out = {}
    for query in JUNK_QUERIES:
        echo = client.get("/echo/?" + query)
        static = client.get("/static/?" + query)
        out[query] = [echo.status_code, echo.content.decode(), static.status_code]
    return out


def observe_long_redirect():
    """HttpResponseRedirect refuses a target over 16,384 characters."""
    out = {}
    for length in (16384, 16385):
        try:
            response = HttpResponseRedirect("/" + "a" * (length - 1))
            out[str(length)] = len(response["Location"])
        except Exception as exc:
            out[str(length)] = describe(exc)
    return out


def observe_integer_ranges():
    """full_clean() bounds each integer field with SQLite's 64-bit range."""
    out = {}
    names = [f.name for f in Numbers._meta.fields if f.name != "id"]
    for value in (2 ** 31, -(2 ** 31) - 1, 2 ** 63 - 1, 2 ** 63, -(2 ** 63),
                  -(2 ** 63) - 1, -1, 40000):
        for name in names:
            try:
                Numbers(**{name: value}).full_clean()
                result = "valid"
            except Exception as exc:
                result = getattr(exc, "message_dict", describe(exc))
            out["%s=%s" % (name, value)] = result
    return out


def observe_timezone_override():
    """timezone.override() as a context manager and as a decorator."""
    import datetime
    import zoneinfo

    from django.utils import timezone

    out = {"before": str(timezone.get_current_timezone())}
    with timezone.override("Europe/Paris"):
        out["inside"] = str(timezone.get_current_timezone())
        with timezone.override(None):
            out["none_inside"] = str(timezone.get_current_timezone())
        with timezone.override(datetime.timezone(datetime.timedelta(hours=3))):
            out["fixed"] = str(timezone.get_current_timezone())
        out["back"] = str(timezone.get_current_timezone())
    out["after"] = str(timezone.get_current_timezone())

    @timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo"))
    def now_name():
        return str(timezone.get_current_timezone())

    out["decorated"] = now_name()
    out["after_decorated"] = str(timezone.get_current_timezone())
    moment = datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.timezone.utc)
    with timezone.override("America/New_York"):
        out["localtime"] = str(timezone.localtime(moment))
    return out


def create_data():
    """Two authors, three books, three tags."""
    ann, bob = Author.objects.create(name="Ann"), Author.objects.create(name="Bob")
    x, y, z = (Tag.objects.create(label=label) for label in "xyz")
    one = Book.objects.create(title="One", pages=100, author=ann)
    two = Book.objects.create(title="Two", pages=50, author=ann)
    three = Book.objects.create(title="Three", pages=7, author=bob)
    one.tags.add(x, y)
    two.tags.add(x)
    three.tags.add(z)
    r1, r2, r3 = (Reader.objects.create(name=name) for name in ("r1", "r2", "r3"))
    r1.friends.add(r2)
    r2.follows.add(r3)
    r3.follows.add(r1)
    Reading.objects.create(reader=r1, book=one, rating=5)
    Reading.objects.create(reader=r2, book=one, rating=2)
    Reading.objects.create(reader=r2, book=three, rating=4)


def observe_automatic_through():
    """ManyToManyField.remote_field.through is a model; reverse m2m lookups."""
    through = Book._meta.get_field("tags").remote_field.through
    out = {
        "same_as_descriptor": through is Book.tags.through,
        "name": through.__name__,
        "label": through._meta.label,
        "db_table": through._meta.db_table,
        "auto_created": bool(through._meta.auto_created),
        "fields": [(f.name, f.attname, f.get_internal_type())
                   for f in through._meta.fields],
        "rows": list(through.objects.order_by("pk").values_list(
            "book__title", "tag__label")),
        "filter": through.objects.filter(tag__label="x").count(),
        "str": str(through.objects.order_by("pk").first()),
    }
    link = through.objects.create(book=Book.objects.get(title="Three"),
                                  tag=Tag.objects.get(label="x"))
    out["created"] = sorted(Book.objects.get(title="Three").tags.values_list(
        "label", flat=True))
    link.delete()
    out["reverse_filter"] = sorted(Tag.objects.filter(
        book__title="One").values_list("label", flat=True))
    out["reverse_span"] = sorted(Tag.objects.filter(
        book__author__name="Ann").distinct().values_list("label", flat=True))
    out["forward_span"] = sorted(Author.objects.filter(
        book__tags__label="x").distinct().values_list("name", flat=True))
    out["reverse_count"] = list(Tag.objects.annotate(n=models.Count(
        "book")).order_by("label").values_list("label", "n"))
    out["reverse_exclude"] = sorted(Tag.objects.exclude(
        book__title="One").values_list("label", flat=True))
    out.update(other_many_to_many())
    return out


def titles(queryset, name="title"):
    return sorted(queryset.distinct().values_list(name, flat=True))


def other_many_to_many():
    """Self, asymmetric, related_query_name and explicit-through relations."""
    field = Book._meta.get_field("tags")
    return {
        "m2m_names": [field.m2m_db_table(), field.m2m_column_name(),
                      field.m2m_reverse_name(), field.m2m_field_name(),
                      field.m2m_reverse_field_name(), field.m2m_target_field_name(),
                      field.m2m_reverse_target_field_name()],
        "self_through_fields": [f.name for f in Reader.friends.through._meta.fields],
        "self_through_rows": list(Reader.friends.through.objects.order_by(
            "pk").values_list("from_reader__name", "to_reader__name")),
        "given_through": Reader.books.through.__name__,
        "related_query_name": titles(Book.objects.filter(reader__name="r2")),
        "through_reverse_fk": titles(Book.objects.filter(reading__rating__gte=4)),
        "related_name_manager": titles(Book.objects.get(title="One").readers, "name"),
        "symmetrical": titles(Reader.objects.filter(friends__name="r1"), "name"),
        "followers": titles(Reader.objects.filter(followers__name="r2"), "name"),
        "follows": titles(Reader.objects.filter(follows__name="r1"), "name"),
        "three_steps": titles(Tag.objects.filter(book__reader__name="r2"), "label"),
        "four_steps": titles(Author.objects.filter(
            book__reader__friends__name="r2"), "name"),
        "exclude": titles(Book.objects.exclude(reader__name="r2")),
        "count": list(Book.objects.annotate(n=models.Count("reader")).order_by(
            "pk").values_list("title", "n")),
        "avg": list(Book.objects.annotate(a=models.Avg("reading__rating")).order_by(
            "pk").values_list("title", "a")),
    }


def observe_values_annotate():
    """values("author").annotate(pages=Sum("pages")) groups; Django's errors."""
    out = {"grouped": list(Book.objects.values("author").annotate(
        pages=models.Sum("pages")).order_by("author"))}
    grouped = Book.objects.values("author").annotate(pages=models.Sum("pages"))
    out["grouped_ordered"] = list(grouped.order_by("-pages"))
    out["grouped_having"] = list(grouped.filter(pages__gt=10).order_by("author"))
    out["grouped_values_list"] = list(Book.objects.values_list("author").annotate(
        pages=models.Sum("pages")).order_by("author"))
    out["grouped_name"] = list(Book.objects.values("author__name").annotate(
        title=models.Count("id")).order_by("author__name"))
    for label, build in (
            ("no_values", lambda: Book.objects.annotate(pages=models.Sum("pages"))),
            ("values_same_name", lambda: Book.objects.values("pages").annotate(
                pages=models.Sum("pages"))),
            ("values_other_field", lambda: Book.objects.values("title").annotate(
                author=models.Count("id")).order_by("title"))):
        try:
            out[label] = list(build())
        except Exception as exc:
            out[label] = describe(exc)
    return out


def observe_prefetch_queries():
    """prefetch_related() over a many-to-many: two queries, as in Django."""
    from django.db.models import Prefetch

    out = {}
    for label, queryset, read in (
            ("forward", Book.objects.prefetch_related("tags"),
             lambda book: book.tags.all()),
            ("reverse", Tag.objects.prefetch_related("book_set"),
             lambda tag: tag.book_set.all()),
            ("nested", Author.objects.prefetch_related("book_set__tags"),
             lambda author: [t for b in author.book_set.all() for t in b.tags.all()]),
            ("then_fk", Tag.objects.prefetch_related("book_set__author"),
             lambda tag: [b.author for b in tag.book_set.all()]),
            ("to_attr", Book.objects.prefetch_related(Prefetch(
                "tags", Tag.objects.filter(label__in=["x", "z"]), to_attr="some")),
             lambda book: book.some),
            ("related_name", Book.objects.prefetch_related("readers"),
             lambda book: book.readers.all()),
            ("symmetrical", Reader.objects.prefetch_related("friends"),
             lambda reader: reader.friends.all()),
            ("asymmetric", Reader.objects.prefetch_related("followers"),
             lambda reader: reader.followers.all())):
        with CaptureQueriesContext(connection) as captured:
            rows = [(str(obj), sorted(str(r) for r in read(obj)))
                    for obj in queryset.order_by("pk")]
        out[label] = {"queries": len(captured), "rows": rows}
    return out


def observe_broken_atomic():
    """After a database error inside atomic(), queries fail until it is left."""
    out = {}
    try:
        with transaction.atomic():
            Tag.objects.create(label="new")
            try:
                Tag.objects.create(label="x")
            except IntegrityError:
                out["integrity_error"] = True
            try:
                out["next_query"] = Tag.objects.count()
            except Exception as exc:
                out["next_query"] = describe(exc)
    except Exception as exc:
        out["leaving"] = describe(exc)
    out["after"] = Tag.objects.filter(label="new").count()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Tag.objects.create(label="x")
        except IntegrityError:
            out["savepoint_error"] = True
        out["after_savepoint"] = Tag.objects.count()
    return out


def observe_for_unpacking(engine=None, translate=str):
    """{% for a, b, c in rows %} unpacks any number of values (any sized item).

    `engine` and `translate` (source -> source) let djscratch's tests run the
    same templates in its native syntax.
    """
    from django.template import Context, Engine

    engine = engine or Engine()
    rows = [(1, 2, 3), (4, 5, 6)]
    out = {}
    for source in ("{% for a, b, c in rows %}{{ a }}{{ b }}{{ c }};{% endfor %}",
                   "{% for a,b,c,d in wide %}{{ d }}{{ a }}|{% endfor %}",
                   "{% for k, v in pairs %}{{ k }}={{ v }} {% endfor %}",
                   "{% for a, b in rows %}{{ a }}{% endfor %}",
                   "{% for a, b, c in rows reversed %}{{ c }}{% endfor %}",
                   "{% for a, b, c in strings %}{{ c }}{{ a }}{% endfor %}",
                   "{% for a, b, c in dicts %}{{ a }}{{ c }}{% endfor %}",
                   "{% for a, b, c in ones %}{{ a }}{% endfor %}",
                   "{% for a, b, c in rows %}{{ forloop.counter }}{{ b }}{% empty %}"
                   "-{% endfor %}"):
        try:
            out[source] = engine.from_string(translate(source)).render(Context({
                "rows": rows, "wide": [list("wxyz")], "pairs": [("k", "v")],
                "strings": ["abc", "xyz"], "dicts": [{"p": 1, "q": 2, "r": 3}],
                "ones": [1, 2]}))
        except Exception as exc:
            out[source] = describe(exc)
    return out


def observe_relation_field_names():
    """remote_field.field_name: the target's key name once the relation
    resolves (to a primary key too); a many-to-many relation has none."""
    out = {name: getattr(Shelf._meta.get_field(name).remote_field, "field_name",
                         "(no attribute)")
           for name in ("parent", "book", "tag", "code", "later", "only", "tags",
                        "sticker")}
    # The form field selects by that name, and shows the key's value.
    for name in ("book", "tag", "code", "only", "sticker"):
        field = Shelf._meta.get_field(name).formfield()
        target = field.queryset.model(pk="7", **({"label": "x"} if name == "tag"
                                                else {}))
        out["formfield " + name] = [field.to_field_name, field.prepare_value(target)]
    return out


def observe_engine_libraries():
    """A bare Engine() has only the built-in tags and filters: {% load static %}
    needs libraries=; the engine of the TEMPLATES setting finds django's
    own tag libraries (static, i18n, l10n, tz, cache)."""
    from django.template import Context, Engine
    from django.test import override_settings

    def load(engine, library):
        source = "{%% load %s %%}ok" % library
        try:
            return engine.from_string(source).render(Context())
        except Exception as exc:
            return describe(exc)

    libraries = ("static", "i18n", "l10n", "tz", "cache")
    out = {"bare": {name: load(Engine(), name) for name in libraries}}
    given = Engine(libraries={"static": "django.templatetags.static"})
    out["given"] = {name: load(given, name) for name in ("static", "i18n")}
    with override_settings(TEMPLATES=[{
            "BACKEND": "django.template.backends.django.DjangoTemplates"}]):
        default = Engine.get_default()
        out["default"] = {name: load(default, name) for name in libraries}
    return out


def runner_summary(command):
    """Run tests/diffs_num_queries.py with a test runner (`command`, a list:
    Django's `python -m django` or `python -m djscratch`); return each
    test's outcome, the summary lines and the exit status."""
    import os
    import re
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root,
               DJANGO_SETTINGS_MODULE="tests.diffs_oracle.settings")
    env.pop("DJSCRATCH_ENGINE", None)
    done = subprocess.run([*command, "test", "tests.diffs_num_queries", "-v", "2"],
                          cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)
    lines = done.stderr.splitlines()
    return {
        "outcomes": sorted(line.split(" (")[0] + " " + line.rsplit(" ... ", 1)[1]
                           for line in lines if " ... " in line),
        "ran": [re.sub(r" in [0-9.]+s$", "", line) for line in lines
                if line.startswith("Ran ")],
        "status": [line for line in lines if line.startswith(("OK", "FAILED"))],
        "exit_status": done.returncode,
    }


def set_up():
    """Create the tables (in-memory database) and the data the ORM cases use."""
    with connection.schema_editor() as editor:
        for model in (Author, Tag, Book, Numbers, Reader, Reading):
            editor.create_model(model)
    create_data()


def observe(name):
    """Run observe_<name>() and return its result as JSON would give it back.

    Each leaves the data as it found it, so they run in any order.
    """
    return json.loads(json.dumps(globals()["observe_" + name](), default=str))


def names():
    """The observed differences, in name order."""
    return sorted(n[len("observe_"):] for n in globals() if n.startswith("observe_"))


def run():
    """Set up, then run every observation: {name: result}."""
    set_up()
    return {name: observe(name) for name in names()}

