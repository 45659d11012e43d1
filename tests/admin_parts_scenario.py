"""The admin's parts (LogEntry, utils, filters) on the models of
tests/admin_parts_app, printed as JSON.  Runs on either engine: with
ADMIN_PARTS_ENGINE=django on real Django 5.2 (tests/gen_admin_parts_expected.py
writes tests/admin_parts_expected.json), otherwise on djscratch
(tests/test_admin_parts.py compares).  "Now" is pinned, so the date filters'
links are the same on every run.
"""

import datetime
import decimal
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UTC = datetime.timezone.utc
ON_DJANGO = os.environ.get("ADMIN_PARTS_ENGINE") == "django"
sys.path.insert(0, ROOT)
if not ON_DJANGO:
    import djscratch

import django  # noqa: E402
from django.conf import settings  # noqa: E402

#: The moment the scenario runs at: the last evening of a year, so that "this
#: month" and "this year" end in the next year.
NOW = datetime.datetime(2023, 12, 31, 22, 30, tzinfo=UTC)

# The admin app, where this djscratch can install it (its models work without).
ADMIN_APP = (["django.contrib.admin"]
             if ON_DJANGO or djscratch._contrib_config("django.contrib.admin")
             else [])
settings.configure(
    SECRET_KEY="admin-parts-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
    INSTALLED_APPS=ADMIN_APP + ["django.contrib.auth", "django.contrib.contenttypes",
                                "tests.admin_parts_app"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    # Fast: no password is the subject here.
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    STATIC_URL="/static/", ROOT_URLCONF=__name__,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
                    "admin/delete_selected_confirmation.html": (
                        "{{ site_marker }}|{{ title }}|{{ subtitle }}|"
                        "{{ objects_name }}|"
                        "{% for name, n in model_count %}{{ name }}={{ n }};"
                        "{% endfor %}|{{ deletable_objects|unordered_list }}|"
                        "{{ perms_lacking|length }}|"
                        "{{ protected|unordered_list }}|{{ opts.model_name }}|"
                        "{{ action_checkbox_name }}|"
                        "{% for obj in queryset %}{{ obj.pk }},{% endfor %}|"
                        "{{ media }}"),
                    "admin/admin_parts_app/tag/delete_selected_confirmation.html":
                        "tag page|{{ objects_name }}",
                })]}}])
django.setup()

from django.contrib.admin import filters  # noqa: E402
from django.contrib.admin.actions import delete_selected  # noqa: E402
from django.contrib.admin import utils  # noqa: E402
from django.contrib.admin.exceptions import NotRegistered  # noqa: E402
from django.contrib.admin.models import ADDITION, CHANGE, DELETION  # noqa: E402
from django.contrib.admin.models import LogEntry  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django import forms  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from tests.admin_parts_app.models import (  # noqa: E402
    Article, Author, Bookmark, Comment, Reply, Tag, TaggedItem,
)

if ON_DJANGO:
    timezone.now = lambda: NOW
else:
    djscratch.now = lambda: NOW


def _change_view(request, object_id):
    return HttpResponse(object_id)


_admin_urls = [
    path(f"admin_parts_app/{name}/<path:object_id>/change/", _change_view,
         name=f"admin_parts_app_{name}_change")
    for name in ("article", "author", "comment")
]
urlpatterns = [path("admin/", include((_admin_urls, "admin")))]


# -- Stand-ins for the admin core: only what the parts call on them.

class StubModelAdmin:
    def __init__(self, model, admin_site, ordering=(), may_delete=True):
        self.model, self.admin_site = model, admin_site
        self.ordering, self.may_delete = ordering, may_delete

    def get_empty_value_display(self):
        return "-"

    def get_queryset(self, request):
        return self.model._default_manager.get_queryset()

    def get_ordering(self, request):
        return self.ordering

    def has_delete_permission(self, request, obj=None):
        return self.may_delete

    def shout_from_admin(self, obj):
        return obj.title * 2

    shout_from_admin.short_description = "Twice"


class StubAdminSite:
    name = "admin"

    def __init__(self):
        self._registry = {}

    def is_registered(self, model):
        return model in self._registry

    def get_model_admin(self, model):
        try:
            return self._registry[model]
        except KeyError:
            raise NotRegistered(f"The model {model.__name__} is not registered.")


class StubChangeList:
    """The part of ChangeList the filters use: the query string of a link."""

    add_facets = False

    def __init__(self, params):
        self.filter_params = {k: list(v) for k, v in params.items()}

    def get_query_string(self, new_params=None, remove=None):
        p = dict(self.filter_params)
        for r in remove or []:
            for k in list(p):
                if k.startswith(r):
                    del p[k]
        for k, v in (new_params or {}).items():
            if v is None:
                p.pop(k, None)
            else:
                p[k] = v
        return "?%s" % urlencode(sorted(p.items()), doseq=True)


class StubFacetChangeList(StubChangeList):
    """A changelist showing facets (?_facets): the filters count the rows
    behind each link in one aggregate over get_queryset()."""

    add_facets = True
    pk_attname = "id"

    def get_queryset(self, request, exclude_parameters=None):
        return Article.objects.all()


SITE = StubAdminSite()
SITE._registry[Article] = StubModelAdmin(Article, SITE)
SITE._registry[Author] = StubModelAdmin(Author, SITE, ordering=("-name",))
SITE._registry[Comment] = StubModelAdmin(Comment, SITE, may_delete=False)
ARTICLE_ADMIN = SITE._registry[Article]
rf = RequestFactory()


def _text(value):
    return None if value is None else str(value)


def _kind(attr):
    """What label_for_field/lookup_field resolved a name to, in words both
    engines share (a field's descriptor class is an implementation detail)."""
    if attr is None or isinstance(attr, str):
        return attr
    name = type(attr).__name__
    if name in ("function", "method", "property", "type", "CharField",
                "ManyToOneRel"):
        return name
    return "other"


def make_data():
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    Author.objects.create(name="Cyd")  # writes nothing
    red, blue = Tag.objects.create(name="red"), Tag.objects.create(name="blue")
    rows = [
        dict(title="First", status="p", grade=2, published=True, featured=True,
             pub_date=datetime.date(2023, 12, 31), author=ann, editor=bob,
             created=datetime.datetime(2023, 12, 31, 9, 0, tzinfo=UTC),
             rating=decimal.Decimal("4.50"), views=1234567, score=0.5,
             url="https://example.com/a?b=1", data={"k": "é", "n": [1, 2]}),
        dict(title="Second", status="d", grade=None, published=False, featured=None,
             pub_date=datetime.date(2023, 12, 26), author=bob,
             created=datetime.datetime(2023, 11, 2, 9, 0, tzinfo=UTC)),
        dict(title="Third", status="d", grade=1, published=False, featured=False,
             pub_date=datetime.date(2023, 1, 5), author=None, body="",
             created=datetime.datetime(2022, 6, 1, 9, 0, tzinfo=UTC),
             url="javascript:alert(1)"),
        dict(title="Fourth", status="p", published=True,
             pub_date=None, author=ann, body="text",
             created=datetime.datetime(2023, 12, 30, 9, 0, tzinfo=UTC)),
    ]
    articles = [Article.objects.create(**row) for row in rows]
    articles[0].tags.set([red, blue])
    articles[1].tags.set([red])
    for i, article in enumerate(articles[:2]):
        comment = Comment.objects.create(article=article, text=f"c{i}")
        Reply.objects.create(comment=comment, text=f"r{i}")
    return articles


# -- LogEntry

def log_entries(articles):
    out = {}
    user = User.objects.create_user("editor", password="pw")
    manager = LogEntry.objects
    first = manager.log_actions(user.pk, [articles[0]], ADDITION,
                                change_message=[{"added": {}}])
    out["log_single"] = [type(first).__name__, len(first), first[0].change_message]
    one = manager.log_actions(user.pk, [articles[1]], CHANGE, single_object=True,
                              change_message="Plain words.")
    out["log_single_object"] = [type(one).__name__, one.object_id, one.object_repr,
                                one.get_change_message(), str(one)]
    many = manager.log_actions(user.pk, Article.objects.order_by("pk"), DELETION)
    out["log_many"] = [[e.object_id, e.object_repr, e.action_flag,
                        e.is_addition(), e.is_change(), e.is_deletion(), str(e)]
                       for e in many]
    entry = first[0]
    out["log_fields"] = [
        [f.name, str(f.verbose_name), type(f).__name__, f.null, f.blank]
        for f in LogEntry._meta.fields]
    out["log_meta"] = [LogEntry._meta.db_table, str(LogEntry._meta.verbose_name),
                       str(LogEntry._meta.verbose_name_plural),
                       list(LogEntry._meta.ordering), LogEntry._meta.app_label,
                       LogEntry._meta.get_field("user").related_model.__name__]
    out["log_str"] = str(entry)
    out["log_repr_is_time"] = repr(entry) == str(entry.action_time)
    out["log_admin_url"] = entry.get_admin_url()
    out["log_edited_object"] = str(entry.get_edited_object())
    out["log_count"] = LogEntry.objects.count()
    out["log_order"] = [e.pk for e in LogEntry.objects.all()][:3]
    odd = LogEntry(object_id="a/b_c", object_repr="x", action_flag=CHANGE,
                   content_type=entry.content_type)
    out["log_admin_url_quoted"] = odd.get_admin_url()
    odd.content_type = None
    out["log_admin_url_without_type"] = odd.get_admin_url()
    odd.action_flag = 9
    out["log_str_unknown_flag"] = str(odd)
    messages = {
        "added_plain": [{"added": {}}],
        "added_inline": [{"added": {"name": "remark", "object": "c9"}}],
        "changed": [{"changed": {"fields": ["headline", "status", "body"]}}],
        "changed_one": [{"changed": {"fields": ["headline"]}}],
        "changed_inline": [{"changed": {"name": "remark", "object": "c0",
                                        "fields": ["text"]}}],
        "deleted_inline": [{"deleted": {"name": "remark", "object": "c1"}}],
        "mixed": [{"changed": {"fields": ["headline"]}},
                  {"added": {"name": "remark", "object": "c9"}},
                  {"deleted": {"name": "remark", "object": "c1"}}],
        "empty_list": [],
        "unknown_kind": [{"moved": {}}],
    }
    for key, message in messages.items():
        e = LogEntry(change_message=json.dumps(message), action_flag=CHANGE,
                     object_repr="It")
        out[f"message_{key}"] = [e.get_change_message(), str(e)]
    for key, text in (("bad_json", "[not json"), ("plain", "Changed it."),
                      ("blank", "")):
        e = LogEntry(change_message=text, action_flag=CHANGE, object_repr="It")
        out[f"message_{key}"] = [e.get_change_message(), str(e)]
    return out


# -- utils

def display_cases(articles):
    out = {}
    first, second, third = articles[:3]
    opts = Article._meta
    cases = {
        "choice": (first.status, "status"),
        "choice_unknown": ("x", "status"),
        "choice_none_label": (second.grade, "grade"),
        "bool_true": (True, "published"),
        "bool_false": (False, "published"),
        "bool_none": (None, "featured"),
        "none": (None, "rating"),
        "blank": ("", "body"),
        "date": (first.pub_date, "pub_date"),
        "datetime": (first.created, "created"),
        "decimal": (first.rating, "rating"),
        "int": (first.views, "views"),
        "float": (first.score, "score"),
        "url": (first.url, "url"),
        "url_unsafe": (third.url, "url"),
        "json": (first.data, "data"),
        "text": ("<b>bold</b>", "title"),
        "fk": (first.author, "author"),
    }
    for key, (value, name) in cases.items():
        shown = utils.display_for_field(value, opts.get_field(name), "-")
        # Whether HTML comes out marked safe (a link, an icon) or not (text).
        html = "<" in str(shown)
        out[f"display_for_field_{key}"] = [
            html and type(shown).__name__ == "SafeString", str(shown)]
    out["display_for_field_url_avoid_link"] = str(utils.display_for_field(
        first.url, opts.get_field("url"), "-", avoid_link=True))
    values = {
        "true": True, "false": False, "none": None, "empty": "", "empty_list": [],
        "zero": 0, "int": 1234567, "float": 2.5, "decimal": decimal.Decimal("1.20"),
        "date": datetime.date(2023, 2, 3), "time": datetime.time(14, 5),
        "datetime": datetime.datetime(2023, 2, 3, 14, 5, tzinfo=UTC),
        "list": ["a", 1, None], "tuple": ("x",), "text": "<i>", "object": first,
    }
    for key, value in values.items():
        out[f"display_for_value_{key}"] = str(utils.display_for_value(value, "-"))
    for key, value in (("true", True), ("false", False), ("none", None)):
        out[f"display_for_value_boolean_{key}"] = str(
            utils.display_for_value(value, "-", boolean=True))
    return out


class ArticleForm(forms.ModelForm):
    extra = forms.CharField(label="Extra thing")

    class Meta:
        model = Article
        fields = ["title", "body", "status"]


def label_cases():
    out = {}
    names = ["title", "author", "author_id", "editor", "__str__", "shout",
             "title_length", "no_description", "shout_from_admin", "author__name",
             "comment", "tags", "tags__name", "status"]
    for name in names:
        label, attr = utils.label_for_field(name, Article, ARTICLE_ADMIN,
                                            return_attr=True)
        out[f"label_{name}"] = [str(label), _kind(attr)]
    out["label_lambda"] = utils.label_for_field(lambda obj: 1, Article)
    out["label_form_field"] = str(utils.label_for_field(
        "extra", Article, form=ArticleForm()))
    for key, kwargs in (("plain", {}), ("admin", {"model_admin": ARTICLE_ADMIN}),
                        ("form", {"model_admin": ARTICLE_ADMIN,
                                  "form": ArticleForm()})):
        try:
            utils.label_for_field("nothing_here", Article, **kwargs)
        except AttributeError as error:
            out[f"label_missing_{key}"] = str(error)
    for name in ("title", "body", "shout", "author_id", "comment"):
        out[f"help_text_{name}"] = str(utils.help_text_for_field(name, Article))
    return out


def lookup_cases(articles):
    out = {}
    first = articles[0]
    for name in ("title", "author", "author_id", "shout", "title_length",
                 "shout_from_admin", "author__name", "missing__part", "__str__"):
        f, attr, value = utils.lookup_field(name, first, ARTICLE_ADMIN)
        out[f"lookup_{name}"] = [
            None if f is None else f.name,
            _kind(attr), _text(value)]
    f, attr, value = utils.lookup_field(lambda obj: obj.views + 1, first)
    out["lookup_callable"] = [f, type(attr).__name__, value]
    return out


def path_cases():
    out = {}
    for path_ in ("title", "author", "author__name", "tags__name", "comment__text",
                  "comment__reply__text"):
        fields = utils.get_fields_from_path(Article, path_)
        out[f"fields_from_path_{path_}"] = [
            [type(f).__name__, f.name] for f in fields]
        out[f"spawns_duplicates_{path_}"] = utils.lookup_spawns_duplicates(
            Article._meta, path_)
    for path_ in ("author", "author__name", "tags", "comment", "comment__reply"):
        model, reverse = utils.reverse_field_path(Article, path_)
        out[f"reverse_path_{path_}"] = [model.__name__, reverse]
    try:
        utils.get_fields_from_path(Article, "title__nope")
    except Exception as error:
        out["fields_from_path_through_data_field"] = type(error).__name__
    for key, value in (("a__in", "1,2,3"), ("a__isnull", "false"),
                       ("a__isnull", "0"), ("a__isnull", ""), ("a__isnull", "yes"),
                       ("a__exact", "x,y"), ("a__in", ["1,2", "3"])):
        out[f"prepare_{key}_{value}"] = utils.prepare_lookup_value(key, value)
    out["prepare_separator"] = utils.prepare_lookup_value("a__in", "1;2", ";")
    for value in ("abc", "a/b", "a_b", 'x:y"z#?;@&=+$,[]<>%\n\\', 12):
        quoted = utils.quote(value)
        out[f"quote_{value!r}"] = [quoted, utils.unquote(quoted)
                                   if isinstance(quoted, str) else None]
    out["unquote_partial"] = utils.unquote("_2F_ZZ_5F")
    out["flatten_fieldsets"] = utils.flatten_fieldsets([
        (None, {"fields": ["a", ("b", "c")]}), ("More", {"fields": ("d",)})])
    out["model_format_dict"] = {k: str(v) for k, v in utils.model_format_dict(
        Reply).items()}
    out["model_format_dict_qs"] = {k: str(v) for k, v in utils.model_format_dict(
        Comment.objects.all()).items()}
    out["model_ngettext"] = [str(utils.model_ngettext(Reply, n)) for n in (0, 1, 2)]
    out["model_ngettext_qs"] = str(utils.model_ngettext(Comment.objects.all()))
    out["model_ngettext_instance"] = str(utils.model_ngettext(Author(), 1))
    return out


def change_message_cases(articles):
    out = {}
    first = articles[0]
    data = {"title": "First!", "body": first.body, "status": first.status,
            "extra": "e"}
    form = ArticleForm(data, instance=first)
    form.is_valid()
    out["change_message_changed"] = utils.construct_change_message(form, [], False)
    out["change_message_added"] = utils.construct_change_message(form, None, True)
    same = ArticleForm({"title": first.title, "body": first.body,
                        "status": first.status, "extra": ""}, instance=first)
    same.is_valid()
    out["change_message_nothing"] = utils.construct_change_message(same, [], False)
    CommentFormSet = forms.modelformset_factory(Comment, fields=["text"],
                                                can_delete=True, extra=1)
    comments = list(Comment.objects.order_by("pk"))
    formset = CommentFormSet({
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "2",
        "form-0-id": str(comments[0].pk), "form-0-text": "c0 edited",
        "form-1-id": str(comments[1].pk), "form-1-text": "c1",
        "form-1-DELETE": "on",
        "form-2-id": "", "form-2-text": "new one",
    }, queryset=Comment.objects.order_by("pk"))
    out["formset_valid"] = formset.is_valid()
    formset.save(commit=False)
    for obj in formset.new_objects:
        obj.article = first
    message = utils.construct_change_message(form, [formset], False)
    out["change_message_formset"] = message
    entry = LogEntry(change_message=json.dumps(message), action_flag=CHANGE,
                     object_repr=str(first))
    out["change_message_formset_text"] = [entry.get_change_message(), str(entry)]
    return out


def deletion_cases(articles):
    out = {}
    request = rf.get("/")
    to_delete, model_count, perms_needed, protected = utils.get_deleted_objects(
        Article.objects.filter(pk=articles[0].pk), request, SITE)
    out["deleted_article"] = [to_delete, {str(k): v for k, v in model_count.items()},
                              sorted(str(p) for p in perms_needed), protected]
    to_delete, model_count, perms_needed, protected = utils.get_deleted_objects(
        Article.objects.order_by("pk")[1:3], request, SITE)
    out["deleted_two_articles"] = [to_delete, {str(k): v for k, v in
                                               model_count.items()},
                                   sorted(str(p) for p in perms_needed), protected]
    bob = Author.objects.get(name="Bob")
    to_delete, model_count, perms_needed, protected = utils.get_deleted_objects(
        [bob], request, SITE)
    out["deleted_protected"] = [to_delete, {str(k): v for k, v in
                                            model_count.items()},
                                sorted(str(p) for p in perms_needed), protected]
    out["deleted_nothing"] = list(utils.get_deleted_objects([], request, SITE))
    out["deleted_nothing"][1] = dict(out["deleted_nothing"][1])
    out["deleted_nothing"][2] = sorted(out["deleted_nothing"][2])
    collector = utils.NestedObjects(using="default")
    collector.collect([Comment.objects.order_by("pk")[0]])
    out["nested_plain"] = [[str(o) if not isinstance(o, list) else
                            [str(p) for p in o] for o in collector.nested()]]
    out["nested_callback"] = collector.nested(lambda obj: obj.__class__.__name__)
    out["still_there"] = [Article.objects.count(), Comment.objects.count(),
                          Reply.objects.count()]
    return out


# -- actions

class StubActionAdmin:
    """What delete_selected calls on its ModelAdmin, written as Django's
    ModelAdmin writes it."""

    delete_selected_confirmation_template = None
    media = "<media>"

    def __init__(self, model):
        self.model, self.opts, self.admin_site = model, model._meta, SITE
        self.messages = []

    def get_deleted_objects(self, objs, request):
        return utils.get_deleted_objects(objs, request, self.admin_site)

    def log_deletions(self, request, queryset):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=queryset, action_flag=DELETION)

    def delete_queryset(self, request, queryset):
        queryset.delete()

    def message_user(self, request, message, level=20):
        self.messages.append([str(message), level])


SITE.each_context = lambda request: {"site_marker": "site"}


def action_cases():
    out = {}
    user = User.objects.get(username="editor")

    def run(model, pks, data):
        request = rf.post("/", data)
        request.user = user
        model_admin = StubActionAdmin(model)
        queryset = model.objects.filter(pk__in=pks).order_by("pk")
        try:
            response = delete_selected(model_admin, request, queryset)
        except PermissionDenied:
            return ["PermissionDenied", model_admin.messages]
        if response is None:
            return [None, model_admin.messages, request.current_app
                    if hasattr(request, "current_app") else None]
        response.render()
        return [response.status_code, response.content.decode(),
                response.context_data["title"], request.current_app,
                sorted(response.context_data)]

    first, third = (Article.objects.get(title=t) for t in ("First", "Third"))
    out["action_description"] = str(delete_selected.short_description)
    out["action_permissions"] = delete_selected.allowed_permissions
    out["action_confirm_needs_perms"] = run(Article, [first.pk], {})
    out["action_post_needs_perms"] = run(Article, [first.pk], {"post": "yes"})
    out["action_confirm_two"] = run(Article, [third.pk, first.pk], {})
    out["action_confirm_one"] = run(Article, [third.pk], {"post": ""})
    bob = Author.objects.get(name="Bob")
    out["action_protected_even_when_posted"] = run(Author, [bob.pk], {"post": "yes"})
    out["action_model_template"] = run(Tag, [1, 2], {})
    logged = LogEntry.objects.count()
    out["action_delete"] = run(Article, [third.pk], {"post": "yes"})
    out["action_delete_logged"] = [
        LogEntry.objects.count() - logged,
        [str(e) for e in LogEntry.objects.filter(object_id=str(third.pk),
                                                 action_flag=DELETION)]]
    out["action_delete_gone"] = Article.objects.filter(pk=third.pk).exists()
    out["action_delete_nothing"] = run(Article, [], {"post": "yes"})
    out["action_delete_many"] = run(Reply, [r.pk for r in Reply.objects.all()],
                                    {"post": "yes"})
    return out


# -- filters

class StatusFilter(filters.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("draft", "Draft"), (3, "Three")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.filter(status="p")
        if self.value() == "draft":
            return queryset.filter(status="d")
        return None


def _facets(make):
    """The links' titles with the counts facets add."""
    request = rf.get("/")
    spec = make(request, {})
    return [str(c["display"]) for c in spec.choices(StubFacetChangeList({}))]


def _run_filter(make, params):
    """Build a filter from the query `params` (a dict of lists), as the
    ChangeList does, and describe what it offers and selects."""
    request = rf.get("/", params)
    left = {k: list(v) for k, v in params.items()}
    try:
        spec = make(request, left)
    except Exception as error:
        return {"error": [type(error).__name__, str(error)]}
    changelist = StubChangeList(params)
    out = {
        "class": type(spec).__name__, "title": str(spec.title),
        "has_output": spec.has_output(),
        "expected_parameters": list(spec.expected_parameters()),
        "params_left": left,
        "used_parameters": {k: _text(v) if not isinstance(v, list) else
                            [_text(x) for x in v]
                            for k, v in spec.used_parameters.items()},
        "choices": [[c["selected"], c["query_string"], str(c["display"])]
                    for c in spec.choices(changelist)],
    }
    try:
        qs = spec.queryset(request, Article.objects.all())
        out["rows"] = None if qs is None else sorted(a.title for a in qs)
    except Exception as error:
        out["rows"] = type(error).__name__
    return out


def _field_filter(path_, filter_class=None):
    field = utils.get_fields_from_path(Article, path_)[-1]
    make_class = filter_class or filters.FieldListFilter.create

    def make(request, params):
        return make_class(field, request, params, Article, ARTICLE_ADMIN,
                          field_path=path_)

    return make


def filter_cases():
    cases = {
        "boolean": ("published", None, [{}, {"published__exact": ["1"]},
                                          {"published__exact": ["0"]}]),
        "boolean_null": ("featured", None, [{}, {"featured__isnull": ["True"]},
                                             {"featured__exact": ["1"],
                                              "other": ["x"]}]),
        "choices": ("status", None, [{}, {"status__exact": ["p"]}]),
        "choices_none": ("grade", None, [{}, {"grade__isnull": ["True"]},
                                          {"grade__exact": ["2"]}]),
        "date": ("pub_date", None, [{}, {"pub_date__gte": ["2023-12-31"],
                                         "pub_date__lt": ["2024-01-01"]},
                                    {"pub_date__isnull": ["True"]},
                                    {"pub_date__gte": ["2023-12-01"],
                                     "pub_date__lt": ["2024-01-01"]}]),
        "datetime": ("created", None, [
            {}, {"created__gte": ["2023-12-24 00:00:00+00:00"],
                 "created__lt": ["2024-01-01 00:00:00+00:00"]}]),
        "related": ("author", None, [{}, {"author__id__exact": ["2"]},
                                     {"author__isnull": ["True"]},
                                     {"author__id__exact": ["1", "2"]}]),
        "related_not_null_m2m": ("tags", None, [{}, {"tags__id__exact": ["1"]}]),
        "related_limited": ("reviewer", None, [{}]),
        "related_reverse": ("comment", None, [{}, {"comment__id__exact": ["1"]}]),
        "related_only": ("editor", filters.RelatedOnlyFieldListFilter,
                         [{}, {"editor__id__exact": ["2"]}]),
        "related_across": ("author__name", None, [{}, {"author__name": ["Ann"]}]),
        "all_values": ("title", filters.AllValuesFieldListFilter,
                       [{}, {"title": ["Third"]}]),
        "all_values_null": ("rating", None, [{}, {"rating__isnull": ["True"]},
                                             {"rating": ["4.50"]}]),
        "all_values_int": ("views", None, [{}, {"views": ["0"]}]),
        "empty_text": ("body", filters.EmptyFieldListFilter,
                       [{}, {"body__isempty": ["1"]}, {"body__isempty": ["0"]},
                        {"body__isempty": ["2"]}]),
        "empty_null": ("pub_date", filters.EmptyFieldListFilter,
                       [{"pub_date__isempty": ["1"]}]),
        "empty_refused": ("views", filters.EmptyFieldListFilter, [{}]),
        "bad_value": ("views", None, [{"views": ["many"]}]),
    }
    out = {}
    for key, (path_, filter_class, param_sets) in cases.items():
        for i, params in enumerate(param_sets):
            out[f"filter_{key}_{i}"] = _run_filter(
                _field_filter(path_, filter_class), params)
    for key, (path_, filter_class, _params) in cases.items():
        if key not in ("empty_refused", "bad_value"):
            out[f"facets_{key}"] = _facets(_field_filter(path_, filter_class))
    out["facets_simple"] = _facets(
        lambda request, params: StatusFilter(request, params, Article,
                                             ARTICLE_ADMIN))
    # Values no field accepts: IncorrectLookupParameters (the changelist's
    # ?e=1), never another exception.
    bad_values = [
        ("published", {"published__exact": ["abc"]}),
        ("published", {"published__isnull": ["abc"]}),
        ("pub_date", {"pub_date__gte": ["notadate"]}),
        ("pub_date", {"pub_date__gte": ["2023-13-45"]}),
        ("created", {"created__gte": ["x"]}), ("rating", {"rating": ["x"]}),
        ("author", {"author__id__exact": ["x"]}),
        ("tags", {"tags__id__exact": ["x"]}), ("grade", {"grade__exact": ["x"]}),
        ("data", {"data": ["{"]}),
        ("views", {"views": ["99999999999999999999999"]}),
        ("author", {"author__id__exact": ["1,2"]}),
    ]
    for i, (path_, params) in enumerate(bad_values):
        result = _run_filter(_field_filter(path_), params)
        out[f"filter_bad_value_{i}"] = [path_, params, result.get("rows"),
                                        result.get("error")]
    # In Tokyo it is already 2024: "today" is the current time zone's.
    timezone.activate("Asia/Tokyo")
    try:
        for key, path_ in (("date", "pub_date"), ("datetime", "created")):
            out[f"filter_{key}_in_tokyo"] = _run_filter(_field_filter(path_), {})
        out["filter_datetime_in_tokyo_yesterday"] = _run_filter(
            _field_filter("created"),
            {"created__gte": ["2023-12-31 00:00:00+09:00"],
             "created__lt": ["2024-01-01 00:00:00+09:00"]})
        out["display_for_field_datetime_in_tokyo"] = str(utils.display_for_field(
            Article.objects.get(title="First").created,
            Article._meta.get_field("created"), "-"))
    finally:
        timezone.deactivate()
    for i, params in enumerate([{}, {"state": ["live"]}, {"state": ["3"]},
                                {"state": ["x", "draft"]}]):
        out[f"filter_simple_{i}"] = _run_filter(
            lambda request, params: StatusFilter(request, params, Article,
                                                 ARTICLE_ADMIN), params)

    class NoTitle(filters.SimpleListFilter):
        parameter_name = "x"

    class NoParameter(filters.SimpleListFilter):
        title = "x"

    class NoLookups(filters.SimpleListFilter):
        title = "x"
        parameter_name = "x"

        def lookups(self, request, model_admin):
            return None

    for cls in (NoTitle, NoParameter, NoLookups):
        out[f"filter_simple_{cls.__name__}"] = _run_filter(
            lambda request, params: cls(request, params, Article, ARTICLE_ADMIN),
            {})
    for name in ("title", "published", "status", "pub_date", "created", "author",
                 "tags", "grade", "data", "editor"):
        field = Article._meta.get_field(name)
        spec = filters.FieldListFilter.create(field, rf.get("/"), {}, Article,
                                              ARTICLE_ADMIN, name)
        out[f"filter_for_{name}"] = type(spec).__name__
    return out


def generic_relation_cases():
    """The helpers and filters over a GenericRelation (Bookmark.tags)."""
    out = {}
    django_bookmark = Bookmark.objects.create(url="https://www.djangoproject.com/")
    python_bookmark = Bookmark.objects.create(url="https://www.python.org/")
    Bookmark.objects.create(url="https://www.kernel.org/")
    TaggedItem.objects.create(content_object=django_bookmark, tag="python")
    TaggedItem.objects.create(content_object=python_bookmark, tag="python")
    TaggedItem.objects.create(content_object=python_bookmark, tag="lang")
    field = Bookmark._meta.get_field("tags")
    out["generic_meta_fields"] = [[f.name for f in Bookmark._meta.fields],
                                  [f.name for f in TaggedItem._meta.fields]]
    out["generic_relation_attributes"] = [
        field.related_query_name(), field.unique, field.empty_strings_allowed,
        field.null, field.is_relation, field.one_to_many]
    model, reverse = utils.reverse_field_path(Bookmark, "tags__tag")
    out["generic_reverse_path"] = [model.__name__, reverse]
    out["generic_spawns_duplicates"] = utils.lookup_spawns_duplicates(
        Bookmark._meta, "tags__tag")
    out["generic_label"] = str(utils.label_for_field("tags", Bookmark))
    admin = StubModelAdmin(Bookmark, SITE)
    for key, path_, filter_class, param_sets in (
            ("empty", "tags", filters.EmptyFieldListFilter,
             [{}, {"tags__isempty": ["1"]}, {"tags__isempty": ["0"]}]),
            ("values", "tags__tag", None, [{}, {"tags__tag": ["python"]}])):
        field_ = utils.get_fields_from_path(Bookmark, path_)[-1]
        for i, params in enumerate(param_sets):
            request = rf.get("/", params)
            left = {k: list(v) for k, v in params.items()}
            make = filter_class or filters.FieldListFilter.create
            spec = make(field_, request, left, Bookmark, admin, field_path=path_)
            out[f"generic_filter_{key}_{i}"] = [
                type(spec).__name__,
                [[c["selected"], c["query_string"], str(c["display"])]
                 for c in spec.choices(StubChangeList(params))],
                sorted(b.url for b in spec.queryset(request,
                                                    Bookmark.objects.all()))]
    return out


def main():
    call_command("migrate", run_syncdb=True, verbosity=0)
    if not ADMIN_APP:  # this djscratch cannot install the admin app yet
        djscratch.sync_schema(models=[LogEntry], verbosity=0)
    articles = make_data()
    out = {}
    out.update(log_entries(articles))
    out.update(display_cases(articles))
    out.update(label_cases())
    out.update(lookup_cases(articles))
    out.update(path_cases())
    out.update(filter_cases())
    out.update(change_message_cases(articles))
    out.update(deletion_cases(articles))
    out.update(action_cases())
    out.update(generic_relation_cases())
    print(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False))


if __name__ == "__main__":
    main()
