"""Generic relations scenario: prints each result, to compare both engines."""
# ruff: noqa  (a compact listing, one scenario step per line, run by both engines)
import os, sys
if os.environ.get("DJS"): import djscratch
import django
django.setup()
from django.core.management import call_command
call_command("migrate", run_syncdb=True, verbosity=0)
from gr.models import *
def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "!!", type(e).__name__, e)
a = Animal.objects.create(name="lion"); b = Animal.objects.create(name="cat")
t = Tag.objects.create(tag="yellow", content_object=a)
show("gfk", lambda: t.content_object)
show("ct", lambda: (t.content_type.model, t.object_id))
show("filter gfk", lambda: list(Tag.objects.filter(content_object=a)))
show("tags.all", lambda: list(a.tags.all()))
show("create", lambda: a.tags.create(tag="hairy"))
show("tags order", lambda: sorted(str(x) for x in a.tags.all()))
t2 = Tag(tag="fluffy", content_object=b); t2.save()
show("add", lambda: a.tags.add(t2))
show("after add", lambda: (t2.content_object, sorted(str(x) for x in a.tags.all()), list(b.tags.all())))
u = Tag(tag="unsaved", content_object=b)
show("add unsaved", lambda: a.tags.add(u))
show("add bulk=False", lambda: (a.tags.add(u, bulk=False), u.pk is not None))
show("remove", lambda: (a.tags.remove(u), Tag.objects.filter(pk=u.pk).exists()))
show("filter across", lambda: list(Animal.objects.filter(tags__tag="hairy")))
show("filter rqn", lambda: list(Tag.objects.filter(animal__name="lion").order_by("tag")))
show("set", lambda: (a.tags.set([t]), sorted(str(x) for x in a.tags.all())))
show("clear", lambda: (a.tags.clear(), list(a.tags.all()), Tag.objects.count()))
Tag.objects.create(tag="x", content_object=b)
show("delete cascade", lambda: (b.delete(), Tag.objects.count()))
bk = Book.objects.create(title="t"); n = bk.notes.create(text="n")
show("custom fields", lambda: (n.obj, n.ct.model, n.oid == bk.pk))
show("set gfk none", lambda: (setattr(n, "obj", None), n.ct_id, n.oid))
show("wrong type add", lambda: a.tags.add(n))
show("gfk on deleted", lambda: Tag(content_type=ContentType.objects.get_for_model(Animal), object_id=999).content_object)
show("gfk field", lambda: (Tag._meta.get_field("content_object").is_relation, Tag._meta.get_field("content_object").many_to_one, Tag._meta.get_field("content_object").concrete))
show("gr field", lambda: (Animal._meta.get_field("tags").many_to_many, Animal._meta.get_field("tags").one_to_many, Animal._meta.get_field("tags").concrete))
from django.contrib.contenttypes.forms import generic_inlineformset_factory
TagFS = generic_inlineformset_factory(Tag, fields=["tag"], extra=2)
a2 = Animal.objects.create(name="owl")
fs = TagFS(instance=a2)
show("gfs prefix", lambda: (fs.prefix, TagFS.get_default_prefix(), fs.rel_name))
show("gfs forms", lambda: (len(fs.forms), list(fs.forms[0].fields), fs.total_form_count(), fs.initial_form_count()))
show("gfs html", lambda: str(fs.forms[0]["tag"]))
show("gfs management", lambda: str(fs.management_form))
p = fs.prefix
data = {p + "-TOTAL_FORMS": "2", p + "-INITIAL_FORMS": "0", p + "-0-tag": "wise", p + "-1-tag": "night"}
fs = TagFS(data, instance=a2)
show("gfs valid", lambda: fs.is_valid())
show("gfs save", lambda: sorted(str(t) for t in fs.save()))
show("gfs attached", lambda: (sorted(str(t) for t in a2.tags.all()), all(t.content_object == a2 for t in a2.tags.all())))
wise, night = sorted(a2.tags.all(), key=lambda t: t.tag, reverse=True)
data = {p + "-TOTAL_FORMS": "3", p + "-INITIAL_FORMS": "2", p + "-0-id": str(night.pk), p + "-0-tag": "nocturnal", p + "-1-id": str(wise.pk), p + "-1-tag": "wise", p + "-1-DELETE": "on", p + "-2-tag": ""}
fs = TagFS(data, instance=a2)
show("gfs edit valid", lambda: (fs.is_valid(), fs.errors))
show("gfs edit save", lambda: (fs.save(), sorted(str(t) for t in a2.tags.all()), [str(o) for o in fs.deleted_objects]))
show("gfs invalid", lambda: (TagFS({p + "-TOTAL_FORMS": "1", p + "-INITIAL_FORMS": "0", p + "-0-tag": "not a slug!"}, instance=a2).errors))
a3 = Animal.objects.create(name="bat")
fs = TagFS({p + "-TOTAL_FORMS": "1", p + "-INITIAL_FORMS": "1", p + "-0-id": str(night.pk), p + "-0-tag": "copy"}, instance=a3, save_as_new=True)
show("gfs save_as_new", lambda: (fs.is_valid(), [str(t) for t in fs.save()], [str(t) for t in a3.tags.all()], sorted(str(t) for t in a2.tags.all())))
show("gfs unsaved instance", lambda: len(TagFS(instance=Animal(name="x")).get_queryset()))
show("gfs custom fields", lambda: generic_inlineformset_factory(Note, fields=["text"], ct_field="ct", fk_field="oid").get_default_prefix())
show("gfs bad ct field", lambda: generic_inlineformset_factory(Note, fields=["text"], ct_field="text"))
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.contrib.contenttypes.prefetch import GenericPrefetch
def counted(f):
    with CaptureQueriesContext(connection) as ctx: result = f()
    return len(ctx.captured_queries), result
Tag.objects.all().delete()
lion, bat = Animal.objects.get(name="lion"), Animal.objects.get(name="bat")
Tag.objects.create(tag="a1", content_object=lion); Tag.objects.create(tag="a2", content_object=bat)
Tag.objects.create(tag="b1", content_object=bk); Tag.objects.create(tag="gone", content_type=ContentType.objects.get_for_model(Book), object_id=999)
show("prefetch gfk", lambda: counted(lambda: [(t.tag, t.content_object) for t in Tag.objects.order_by("tag").prefetch_related("content_object")]))
show("prefetch gfk then read", lambda: counted(lambda: [str(t.content_object) for t in list(Tag.objects.order_by("tag").prefetch_related("content_object"))]))
show("generic prefetch", lambda: counted(lambda: [(t.tag, getattr(t.content_object, "name", None)) for t in Tag.objects.order_by("tag").prefetch_related(GenericPrefetch("content_object", [Animal.objects.only("id")]))]))
tags = list(Tag.objects.order_by("tag"))
show("generic prefetch objects", lambda: counted(lambda: (prefetch_related_objects(tags, GenericPrefetch("content_object", [Animal.objects.all(), Book.objects.all()])), [str(t.content_object) for t in tags])))
show("generic prefetch values refused", lambda: GenericPrefetch("content_object", [Animal.objects.values("id")]))
show("prefetch gr", lambda: counted(lambda: [(x.name, sorted(str(t) for t in x.tags.all())) for x in Animal.objects.order_by("name").prefetch_related("tags")]))
show("prefetch gr to_attr", lambda: counted(lambda: [(x.name, [str(t) for t in x.tag_list]) for x in Animal.objects.order_by("name").prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("-tag"), to_attr="tag_list"))]))
show("prefetch gr custom fields", lambda: counted(lambda: [(x.title, [n.text for n in x.notes.all()]) for x in Book.objects.prefetch_related("notes")]))
show("prefetch gr nested", lambda: counted(lambda: [(t.tag, [str(u) for u in t.content_object.tags.all()]) for t in Tag.objects.filter(tag__startswith="a").order_by("tag").prefetch_related("content_object__tags")]))
show("abstract gfk kwarg", lambda: (lambda p: (p.obj, p.ct.model, p.oid == lion.pk))(Pin.objects.create(label="p", obj=lion)))
show("mti gfk kwarg", lambda: (lambda t: (t.content_object, t.tag, [f.name for f in BigTag._meta.private_fields]))(BigTag.objects.create(tag="big", content_object=bat)))
