"""Model fields Django 5.x added or widened: choices given as a callable (or
a mapping, an iterator, an enum), FilePathField (the model field and the
form field's choices) and GeneratedField.  Run on real Django
(tests/gen_model_fields_expected.py records the results) and on djscratch
(tests/test_model_fields.py compares).  The same text runs on both.
"""

import json
import os
import shutil
import tempfile
import uuid

from django import forms
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower, Now
from django.test.utils import CaptureQueriesContext


ROLL_CALLS = []


def _rolls():
    ROLL_CALLS.append(1)
    return [(i, "roll %d" % i) for i in range(3)]


class Suit(models.IntegerChoices):
    HEART = 1, "Heart"
    SPADE = 2, "Spade"


class MfHand(models.Model):
    from_callable = models.IntegerField(choices=_rolls, null=True)
    from_mapping = models.IntegerField(
        choices={"Low": {1: "one", 2: "two"}, 9: "nine"}, null=True)
    from_iterator = models.IntegerField(
        choices=((i, str(i)) for i in range(2)), null=True)
    from_enum = models.IntegerField(choices=Suit, null=True)
    plain = models.IntegerField(choices=((5, "five"),), null=True)
    path = models.FilePathField(path="/srv/files", match=r"\.txt$", blank=True)

    class Meta:
        app_label = "orm_oracle"


class MfSums(models.Model):
    a = models.IntegerField()
    b = models.IntegerField(null=True)
    total = models.GeneratedField(expression=F("a") + F("b"),
                                  output_field=models.IntegerField(), db_persist=True)
    shout = models.GeneratedField(
        expression=Lower(Value("X%s'")), output_field=models.CharField(max_length=5),
        db_persist=False, null=True)
    token = models.UUIDField(default=uuid.uuid4)
    token_copy = models.GeneratedField(expression=F("token"),
                                       output_field=models.UUIDField(), db_persist=True)
    big = models.GeneratedField(expression=Q(a__gt=1),
                                output_field=models.BooleanField(), db_persist=True)

    class Meta:
        app_label = "orm_oracle"


class MfPaint(models.Model):
    name = models.CharField(max_length=10)
    color = models.CharField(max_length=10, null=True)
    n = models.IntegerField(default=0)
    square = models.GeneratedField(expression=F("n") * F("n"),
                                   output_field=models.IntegerField(), db_persist=True)

    class Meta:
        app_label = "orm_oracle"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="u_lower"),
            models.UniqueConstraint(Lower("name").desc(), "color", name="u_desc"),
            models.UniqueConstraint(F("n") + 1, name="u_plus", condition=Q(n__gt=5)),
            models.UniqueConstraint(fields=["name"], name="u_nd",
                                    nulls_distinct=False),
            models.UniqueConstraint(fields=["name"], name="u_inc", include=["color"]),
            models.UniqueConstraint(fields=["square"], name="u_square"),
            models.UniqueConstraint(F("square") + 0, name="u_square_expr"),
            models.UniqueConstraint(fields=["color"], name="u_deferred",
                                    deferrable=models.Deferrable.DEFERRED),
            models.CheckConstraint(condition=Q(n__gte=0), name="c_n"),
        ]


class MfPost(models.Model):
    ip = models.GenericIPAddressField(null=True, blank=True, unique=True,
                                      unpack_ipv4=True)
    plain_ip = models.GenericIPAddressField(null=True, blank=True)
    day = models.DateField(null=True)
    slug = models.CharField(max_length=10, unique_for_date="day", blank=True)
    count = models.IntegerField(unique_for_year="day", default=0)

    class Meta:
        app_label = "orm_oracle"
        unique_together = {("slug", "count")}


class MfDefaulted(models.Model):
    name = models.CharField(max_length=10, db_default="anon")
    n = models.IntegerField(db_default=42)
    when = models.DateTimeField(db_default=Now())
    both = models.IntegerField(default=1, db_default=2)
    maybe = models.CharField(max_length=5, null=True, db_default=Value("x'"))
    low = models.CharField(max_length=5, db_default=Lower(Value("ABC")))

    class Meta:
        app_label = "orm_oracle"


class MfIndexed(models.Model):
    name = models.CharField(max_length=10)
    rank = models.IntegerField(default=0)

    class Meta:
        app_label = "orm_oracle"
        indexes = [
            models.Index(Lower("name"), name="mf_lower_idx"),
            models.Index(Lower("name").desc(), "rank", name="mf_desc_idx"),
            models.Index(F("rank") * 2, name="mf_double_idx",
                         condition=Q(rank__gt=0)),
            models.Index(fields=["-rank", "name"], name="mf_fields_idx",
                         include=["name"], db_tablespace="x"),
        ]


class MfDocument(models.Model):
    attachment = models.FileField(null=True, blank=True)

    class Meta:
        app_label = "orm_oracle"


class MfTagged(models.Model):
    code = models.CharField(max_length=5, blank=True)
    other = models.CharField(max_length=5, blank=True, unique=True)

    class Meta:
        abstract = True
        app_label = "orm_oracle"
        unique_together = [("code", "other")]


class MfBook(MfTagged):
    isbn = models.CharField(max_length=5, unique=True)

    class Meta(MfTagged.Meta):
        app_label = "orm_oracle"


class MfEbook(MfBook):
    pass


def _big_products():
    return {"rank__gte": 50}


class MfOrder(models.Model):
    product = models.ForeignKey("MfProduct", models.CASCADE,
                                limit_choices_to=_big_products)
    extras = models.ManyToManyField("MfProduct", related_name="+",
                                    limit_choices_to=Q(name__startswith="n"))

    class Meta:
        app_label = "orm_oracle"


class MfProduct(models.Model):
    name = models.CharField(max_length=20)
    rank = models.IntegerField()

    class Meta:
        app_label = "orm_oracle"
        constraints = [models.UniqueConstraint(fields=["rank"], name="rank_uniq")]


class MfSpecialProduct(MfProduct):
    class Meta:
        app_label = "orm_oracle"


MODELS = (MfHand, MfSums, MfPaint, MfPost, MfDefaulted, MfProduct, MfSpecialProduct,
          MfDocument, MfBook, MfEbook, MfOrder, MfIndexed)


def _outcome(call):
    try:
        return ["ok", call()]
    except Exception as err:  # noqa: BLE001 - the type and text are compared
        return [type(err).__name__, str(err)]


def _choices_cases(out):
    class HandForm(forms.ModelForm):
        class Meta:
            model = MfHand
            fields = ["from_callable"]

    ROLL_CALLS.clear()
    form = HandForm()
    calls_after_form = len(ROLL_CALLS)
    rendered = [list(c) for c in form.fields["from_callable"].choices]
    out["callable_choices_lazy_in_form"] = [calls_after_form, rendered,
                                            type(MfHand._meta.get_field(
                                                "from_callable").get_choices()
                                            ).__name__]
    field = MfHand._meta.get_field("from_callable")
    out["callable_choices_type"] = type(field.choices).__name__
    out["callable_choices"] = list(field.choices)
    out["callable_flatchoices"] = field.flatchoices
    out["callable_get_choices"] = list(field.get_choices())
    out["callable_choices_equal_list"] = field.choices == _rolls()
    out["callable_choices_index"] = list(field.choices[1])
    for name in ("from_mapping", "from_iterator", "from_enum", "plain"):
        field = MfHand._meta.get_field(name)
        out[name + "_choices"] = list(field.choices)
        out[name + "_flatchoices"] = field.flatchoices
    hand = MfHand.objects.create(from_callable=2, from_mapping=2, from_enum=1)
    out["display_callable"] = hand.get_from_callable_display()
    out["display_mapping_group"] = hand.get_from_mapping_display()
    out["display_enum"] = hand.get_from_enum_display()
    hand.from_callable = 7
    out["validate_callable"] = _outcome(
        lambda: hand.clean_fields(exclude=["from_mapping", "path"]))
    form_field = MfHand._meta.get_field("from_callable").formfield()
    out["callable_formfield"] = [type(form_field).__name__,
                                 [list(c) for c in form_field.choices]]


def _tree():
    """A folder of files and folders; returns its path."""
    root = tempfile.mkdtemp()
    for folder in ("b_dir", "a_dir/inner", "__pycache__"):
        os.makedirs(os.path.join(root, folder))
    for name in ("z.txt", "a.py", "m.txt", "a_dir/x.txt", "a_dir/inner/y.txt",
                 "b_dir/c.py", "__pycache__/q.txt"):
        with open(os.path.join(root, name), "w") as f:
            f.write(name)
    return root


def _relative(root, choices):
    return [[value.replace(root, "<root>"), label] for value, label in choices]


def _file_path_cases(out):
    field = MfHand._meta.get_field("path")
    out["file_path_attributes"] = [
        field.path, field.match, field.recursive, field.allow_files,
        field.allow_folders, field.max_length, field.get_internal_type()]
    out["file_path_prep"] = field.get_prep_value(123)
    hand = MfHand.objects.create(path="/srv/files/a.txt")
    out["file_path_stored"] = MfHand.objects.get(pk=hand.pk).path
    root = _tree()
    cases = {
        "flat": {},
        "flat_optional": {"required": False},
        "flat_match": {"match": r"\.txt$"},
        "flat_folders": {"allow_files": False, "allow_folders": True},
        "flat_both": {"allow_folders": True},
        "recursive": {"recursive": True},
        "recursive_match": {"recursive": True, "match": r"^[a-m]"},
        "recursive_folders": {"recursive": True, "allow_files": False,
                              "allow_folders": True},
        "recursive_both": {"recursive": True, "allow_folders": True},
    }
    for key, kwargs in cases.items():
        form_field = forms.FilePathField(path=root, **kwargs)
        out["form_file_path_" + key] = _relative(root, form_field.choices)
    form_field = forms.FilePathField(path=root, match=r"\.txt$")
    out["form_file_path_clean"] = [
        _outcome(lambda: form_field.clean(os.path.join(root, "m.txt")).replace(
            root, "<root>")),
        [text.replace(root, "<root>") for text in _outcome(
            lambda: form_field.clean(os.path.join(root, "a.py")))]]
    model_field = models.FilePathField(path=lambda: root, recursive=True,
                                       allow_folders=True)
    model_field.set_attributes_from_name("path")
    form_field = model_field.formfield()
    out["model_file_path_formfield"] = [
        type(form_field).__name__, form_field.required,
        _relative(root, form_field.choices)]
    blank_field = models.FilePathField(path=root, blank=True)
    out["model_file_path_formfield_blank"] = _relative(
        root, blank_field.formfield().choices)
    no_files = models.FilePathField(allow_files=False)
    no_files.set_attributes_from_name("nothing")
    out["file_path_check_E140"] = [[e.id, e.msg] for e in no_files.check()
                                   if e.id == "fields.E140"]
    shutil.rmtree(root)


def _generated_construction_cases(out):
    for key, kwargs in (
            ("editable", {"editable": True}), ("not_blank", {"blank": False}),
            ("default", {"default": 1}), ("db_default", {"db_default": 1}),
            ("no_db_persist", {"db_persist": None})):
        kwargs = {"expression": F("a"), "output_field": models.IntegerField(),
                  "db_persist": True, **kwargs}
        out["generated_refuses_" + key] = _outcome(
            lambda kwargs=kwargs: models.GeneratedField(**kwargs) and "made")
    field = MfSums._meta.get_field("total")
    out["generated_attributes"] = [
        field.editable, field.blank, field.null, field.generated,
        field.db_returning, field.db_persist, field.get_internal_type(),
        field.concrete]
    shout = MfSums._meta.get_field("shout")
    out["generated_virtual_attributes"] = [
        shout.null, shout.db_persist, shout.get_internal_type(),
        shout.db_parameters(connection)["type"]]
    with connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(MfSums)
    out["generated_create_table"] = editor.collected_sql


def _generated_cases(out):
    with CaptureQueriesContext(connection) as queries:
        row = MfSums.objects.create(a=1, b=2)
    out["generated_after_create"] = [
        row.total, row.shout, row.token_copy == row.token, row.big,
        len(queries.captured_queries)]
    row.a = 5
    with CaptureQueriesContext(connection) as queries:
        row.save()
    out["generated_after_update_save"] = [row.total, len(queries.captured_queries)]
    row.refresh_from_db()
    out["generated_after_refresh"] = row.total
    row.total = 70
    row.save()
    out["generated_assigned_then_saved"] = [
        row.total, MfSums.objects.get(pk=row.pk).total]
    out["generated_passed_to_create"] = _outcome(
        lambda: MfSums.objects.create(a=2, b=2, total=99).total)
    unsaved = MfSums(a=1, b=1)
    out["generated_unsaved_read"] = _outcome(lambda: unsaved.total)
    out["generated_unsaved_deferred"] = sorted(unsaved.get_deferred_fields())
    out["generated_queryset_update"] = _outcome(
        lambda: MfSums.objects.filter(pk=row.pk).update(total=3))
    MfSums.objects.filter(pk=row.pk).update(b=10)
    out["generated_after_queryset_update"] = MfSums.objects.get(pk=row.pk).total
    out["generated_filter_order"] = list(
        MfSums.objects.filter(total__gt=2).order_by("-total").values_list(
            "a", "total"))
    out["generated_values"] = list(MfSums.objects.order_by("pk").values(
        "total", "shout", "big"))
    made = MfSums.objects.bulk_create([MfSums(a=3, b=4), MfSums(a=0, b=0)])
    out["generated_bulk_create"] = [[m.total, m.big] for m in made]
    with_pk = MfSums.objects.bulk_create([MfSums(pk=100, a=6, b=6)])
    out["generated_bulk_create_with_pk"] = with_pk[0].total
    first = made[0]
    first.b = 10
    MfSums.objects.bulk_update([first], ["b"])
    out["generated_bulk_update"] = [first.total, MfSums.objects.get(pk=first.pk).total]
    out["generated_bulk_update_generated"] = _outcome(
        lambda: MfSums.objects.bulk_update([first], ["total"]))
    out["generated_deferred"] = sorted(
        MfSums.objects.defer("total").get(pk=first.pk).get_deferred_fields())
    fresh = MfSums.objects.get(pk=first.pk)
    fresh.b = 1
    fresh.save(update_fields=["b"])
    out["generated_update_fields"] = [fresh.total, _outcome(
        lambda: fresh.save(update_fields=["total"]))]
    unsaved = MfSums(a=1, b=None)
    out["generated_full_clean"] = _outcome(unsaved.full_clean)
    out["generated_null_expression"] = MfSums.objects.create(a=1).total
    out["generated_formfield"] = type(
        MfSums._meta.get_field("total").formfield()).__name__

    class SumsForm(forms.ModelForm):
        class Meta:
            model = MfSums
            fields = "__all__"

    out["generated_modelform_fields"] = list(SumsForm().fields)

    def named_form():
        class Named(forms.ModelForm):
            class Meta:
                model = MfSums
                fields = ["a", "total"]

    out["generated_modelform_named"] = _outcome(named_form)


def _constraint_cases(out):
    with connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(MfPaint)
    # (Django writes a plain fields=[...] one inside CREATE TABLE; djscratch
    # as a unique index: the same rule, compared by behaviour below.)
    out["constraint_expression_indexes"] = [
        sql for sql in editor.collected_sql if sql.startswith(
            "CREATE UNIQUE INDEX") and '"u_square"' not in sql]
    constraints = {c.name: c for c in MfPaint._meta.constraints}
    for name in ("u_nd", "u_inc", "u_square", "u_deferred"):
        out["constraint_repr_" + name] = repr(constraints[name])
        path, args, kwargs = constraints[name].deconstruct()
        out["constraint_deconstruct_" + name] = [path, list(args), sorted(kwargs)]
    out["constraint_expressions"] = [
        [type(e).__name__ for e in constraints[name].expressions]
        for name in ("u_lower", "u_desc", "u_plus")]
    out["constraint_clone_equal"] = [
        c.clone() == c for c in MfPaint._meta.constraints]
    MfPaint.objects.create(name="Ab", color="r", n=2)
    for key, kwargs in (("lower", {"name": "aB", "color": "q", "n": 3}),
                        ("many", {"name": "zz", "color": "r", "n": -2}),
                        ("null", {"name": "zz", "color": None, "n": 2}),
                        ("condition_off", {"name": "c", "color": "c", "n": 3}),
                        ("fine", {"name": "d", "color": "d", "n": 9})):
        out["constraint_full_clean_" + key] = _outcome(
            lambda kwargs=kwargs: MfPaint(**kwargs).full_clean() or "valid")
        out["constraint_excluding_name_" + key] = _outcome(
            lambda kwargs=kwargs: MfPaint(**kwargs).validate_constraints(
                exclude={"name"}) or "valid")
    MfPaint.objects.create(name="e", color="e", n=9)
    out["constraint_condition_on"] = _outcome(
        lambda: MfPaint(name="f", color="f", n=9).validate_constraints() or "valid")
    saved = MfPaint.objects.get(name="e")
    out["constraint_own_row"] = _outcome(
        lambda: saved.validate_constraints() or "valid")
    for key, kwargs in (
            ("no_name", {"fields": ["a"]}), ("nothing", {"name": "x"}),
            ("both", {"fields": ["a"], "name": "x", "expressions": True}),
            ("deferred_condition", {"fields": ["a"], "name": "x",
                                    "condition": Q(a=1),
                                    "deferrable": models.Deferrable.DEFERRED}),
            ("bad_condition", {"fields": ["a"], "name": "x", "condition": 1}),
            ("bad_nulls", {"fields": ["a"], "name": "x", "nulls_distinct": 1})):
        kwargs = dict(kwargs)
        args = (F("a"),) if kwargs.pop("expressions", False) else ()
        out["unique_constraint_" + key] = _outcome(
            lambda args=args, kwargs=kwargs: repr(models.UniqueConstraint(
                *args, **kwargs)))
    out["check_constraint_not_conditional"] = _outcome(
        lambda: models.CheckConstraint(condition=F("a"), name="x"))


def _to_python_cases(out):
    from django.core.exceptions import ValidationError

    cases = [("datetime", models.DateTimeField(), v) for v in (
        "2011-10-32", "2011-10-32 10:10", "foo", "2011-10-02T10:10Z", "2011-10-02",
        "2011-10-02 10:10:10.5+02:00")] + [("time", models.TimeField(), v) for v in (
            "25:50", "10:11:12.5", "x", "10:11+02:00", "10:11")]
    for kind, field, value in cases:
        try:
            result = repr(field.to_python(value))
        except ValidationError as err:
            result = [err.code, err.messages]
        out["to_python_%s_%s" % (kind, value)] = result


def _field_identity_cases(out):
    out["field_reprs"] = [repr(f) for f in (
        models.Field(), models.CharField(), MfHand._meta.get_field("plain"),
        models.ForeignKey("MfHand", models.CASCADE), models.ManyToManyField("MfHand"),
        models.FileField(), models.JSONField(), MfSums._meta.get_field("total"))]
    out["field_strs"] = [str(models.Field()), str(MfHand._meta.get_field("plain"))]
    out["relation_class_getitem"] = models.ForeignKey["MfHand"] is models.ForeignKey
    out["relation_invalid_to"] = [
        _outcome(lambda: models.ForeignKey(1, models.CASCADE)),
        _outcome(lambda: models.ManyToManyField(1))]
    out["rel_db_types"] = [
        [type(f).__name__, f.rel_db_type(connection), f.db_type(connection)]
        for f in (models.PositiveIntegerField(), models.PositiveSmallIntegerField(),
                  models.PositiveBigIntegerField(), models.AutoField(),
                  models.BigAutoField(), models.SmallAutoField(),
                  models.IntegerField(), models.CharField(max_length=3))]


def _model_instance_value_cases(out):
    row = MfHand.objects.create(plain=5)
    row.plain = row
    out["update_plain_field_with_instance"] = _outcome(lambda: row.save())
    out["queryset_update_with_instance"] = _outcome(
        lambda: MfHand.objects.filter(pk=row.pk).update(plain=row))


def _small_field_cases(out):
    from django.utils.functional import lazy

    out["lazy_prep_values"] = [
        type(field.get_prep_value(lazy(lambda v=value: v, type(value))())).__name__
        for field, value in ((models.BinaryField(), b""), (models.IntegerField(), 1),
                             (models.CharField(), "x"), (models.FloatField(), 1.5))]
    out["binary_max_length"] = _outcome(
        lambda: models.BinaryField(max_length=2).clean(b"abc", None))
    for protocol in ("IPv4", "IPv6"):
        form_field = models.GenericIPAddressField(protocol=protocol).formfield()
        out["ip_formfield_" + protocol] = [
            _outcome(lambda form_field=form_field: form_field.clean("::1")),
            _outcome(lambda form_field=form_field: form_field.clean("127.0.0.1"))]


def _bulk_create_cases(out):
    made = MfProduct.objects.bulk_create([
        MfProduct(name=Lower(Value("LOUD")), rank=50), MfProduct(name="b", rank=51)])
    out["bulk_create_expressions"] = sorted(MfProduct.objects.filter(
        rank__gte=50).values_list("name", "rank"))
    out["bulk_create_expressions_pks"] = [m.pk is not None for m in made]
    upserted = MfProduct.objects.bulk_create(
        [MfProduct(name="again", rank=50), MfProduct(name="new", rank=52)],
        update_conflicts=True, update_fields=["name"], unique_fields=["rank"])
    out["bulk_create_upsert"] = [
        [m.pk is not None for m in upserted],
        sorted(MfProduct.objects.filter(rank__gte=50).values_list("name", "rank"))]
    for key, kwargs in (
            ("both", {"ignore_conflicts": True, "update_conflicts": True}),
            ("no_update_fields", {"update_conflicts": True}),
            ("no_unique_fields", {"update_conflicts": True,
                                  "update_fields": ["name"]}),
            ("unknown_field", {"update_conflicts": True, "update_fields": ["nope"],
                               "unique_fields": ["rank"]}),
            ("pk_updated", {"update_conflicts": True, "update_fields": ["id"],
                            "unique_fields": ["rank"]})):
        out["bulk_create_refuses_" + key] = _outcome(
            lambda kwargs=kwargs: MfProduct.objects.bulk_create(
                [MfProduct(name="x", rank=60)], **kwargs) and "made")


def _file_field_cases(out):
    MfDocument.objects.create()
    MfDocument.objects.create(attachment=None)
    MfDocument.objects.bulk_create([MfDocument(), MfDocument(attachment=None)])
    out["file_field_without_file_stored"] = list(
        MfDocument.objects.values_list("attachment", flat=True))
    MfDocument.objects.update(attachment=None)
    out["file_field_update_none_stored"] = list(
        MfDocument.objects.values_list("attachment", flat=True))


def _inherited_unique_cases(out):
    out["inherited_meta_unique_together"] = [
        [list(t) for t in MfEbook._meta.unique_together],
        [list(t) for t in MfBook._meta.unique_together]]
    MfBook.objects.create(code="", other="", isbn="1")
    checks = MfEbook(code="", other="", isbn="1")._get_unique_checks()
    out["inherited_unique_checks"] = [[m.__name__, list(names)]
                                      for m, names in checks[0]]
    out["inherited_unique_full_clean"] = _outcome(
        lambda: MfEbook(code="", other="", isbn="1").full_clean() or "valid")


def _limit_choices_to_cases(out):
    class OrderForm(forms.ModelForm):
        class Meta:
            model = MfOrder
            fields = "__all__"

    form = OrderForm()
    out["limit_choices_to_form"] = [
        sorted(p.rank for p in form.fields["product"].queryset),
        sorted(p.name for p in form.fields["extras"].queryset)]
    field = forms.ModelMultipleChoiceField(MfSums.objects.all(),
                                           to_field_name="token")
    from django.core.exceptions import ValidationError

    try:  # (djscratch raises a ValidationError subclass that is also a 400)
        field.clean(["nope"])
    except ValidationError as err:
        out["multiple_choice_invalid_uuid"] = err.messages
    field = forms.ModelMultipleChoiceField(MfProduct.objects.all())
    out["multiple_choice_invalid_pk"] = [
        _outcome(lambda v=v: field.clean([v])) for v in ("x", "1.5")]
    for blank in (False, True):
        field = MfOrder._meta.get_field("product").formfield(widget=forms.RadioSelect)
        if blank:
            model_field = models.ForeignKey(MfProduct, models.CASCADE, blank=True)
            field = model_field.formfield(widget=forms.RadioSelect)
        out["radio_foreign_key_blank_%s" % blank] = [
            [str(value), label] for value, label in field.choices][:1]
    fields = forms.fields_for_model(MfOrder, ["product"])
    out["limit_choices_to_fields_for_model"] = sorted(
        p.rank for p in fields["product"].queryset)


def _index_cases(out):
    with connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(MfIndexed)
    # (Django leaves a space where SQLite has no INCLUDE clause; not compared.)
    out["index_statements"] = [sql.replace(" ;", ";") for sql in editor.collected_sql
                               if sql.startswith("CREATE INDEX")]
    index = MfIndexed._meta.indexes[-1]
    out["index_repr"] = repr(index)
    path, args, kwargs = index.deconstruct()
    out["index_deconstruct"] = [path, list(args), sorted(kwargs)]
    out["index_clone_equal"] = [i.clone() == i for i in MfIndexed._meta.indexes]
    for key, args, kwargs in (
            ("nothing", (), {}), ("unnamed_expression", (F("a"),), {}),
            ("both", (F("a"),), {"fields": ["a"], "name": "x"}),
            ("condition_unnamed", (), {"fields": ["a"], "condition": Q(a=1)}),
            ("bad_condition", (), {"fields": ["a"], "name": "x", "condition": 1}),
            ("fields_not_list", (), {"fields": "a"}),
            ("opclasses_count", (), {"fields": ["a"], "name": "x",
                                     "opclasses": ["a", "b"]}),
            ("include_unnamed", (), {"fields": ["a"], "include": ["b"]})):
        out["index_refuses_" + key] = _outcome(
            lambda args=args, kwargs=kwargs: repr(models.Index(*args, **kwargs)))


def _integer_overflow_cases(out):
    MfHand.objects.create(plain=5)
    big = 2 ** 63
    for key, kwargs in (("exact_over", {"plain": big}),
                        ("gt_over", {"plain__gt": big}),
                        ("gte_over", {"plain__gte": big}),
                        ("lt_under", {"plain__lt": -big - 1}),
                        ("lte_under", {"plain__lte": -big - 1}),
                        ("exact_under", {"plain": -big - 1}),
                        ("lt_over", {"plain__lt": big}),
                        ("gt_under", {"plain__gt": -big - 1})):
        with CaptureQueriesContext(connection) as queries:
            found = list(MfHand.objects.filter(**kwargs).values_list("plain",
                                                                     flat=True))
        out["integer_overflow_" + key] = [found, len(queries.captured_queries)]


def _field_order_cases(out):
    first, second = models.Field(), models.Field()
    product = MfProduct._meta.get_field("name")
    special = MfSpecialProduct._meta.get_field("name")
    out["field_equality"] = [first == first, first == second, first < second,
                             product == special, hash(product) == hash(product),
                             models.Field(auto_created=True) < first]


def _deconstruct_cases(out):
    from django.core import validators

    fields = {
        "field": models.Field(),
        "char": models.CharField(max_length=5, verbose_name="Name", unique=True,
                                 null=True, blank=True, db_index=True, default="x",
                                 help_text="h", db_column="c", db_comment="note",
                                 db_collation="nocase", error_messages={"a": "b"}),
        "text_choices": models.TextField(choices=[("a", "A")], editable=False,
                                         serialize=False, db_tablespace="t"),
        "integer_validators": models.IntegerField(
            validators=[validators.MinValueValidator(1)], db_default=5),
        "positive": models.PositiveIntegerField(),
        "decimal": models.DecimalField(max_digits=5, decimal_places=2),
        "date": models.DateField(auto_now_add=True),
        "datetime": models.DateTimeField(auto_now=True, null=True),
        "email": models.EmailField(),
        "slug": models.SlugField(),
        "slug_options": models.SlugField(max_length=20, db_index=False,
                                         allow_unicode=True),
        "url": models.URLField(),
        "uuid": models.UUIDField(),
        "ip": models.GenericIPAddressField(protocol="ipv4"),
        "ip_unpack": models.GenericIPAddressField(unpack_ipv4=True),
        "file_path": models.FilePathField(path="/tmp", recursive=True),
        "auto": models.AutoField(primary_key=True),
        "big_auto": models.BigAutoField(primary_key=True),
        "binary": models.BinaryField(),
        "binary_editable": models.BinaryField(editable=True),
        "json": models.JSONField(),
        "file": models.FileField(upload_to="up/"),
        "generated": models.GeneratedField(expression=F("a") + 1, db_persist=False,
                                           output_field=models.IntegerField()),
        "boolean": models.BooleanField(default=False),
        "duration": models.DurationField(unique_for_date="d"),
        "ip_removed": models.IPAddressField(),
    }
    for key, field in fields.items():
        name, path, args, kwargs = field.deconstruct()
        out["deconstruct_" + key] = [name, path, list(args), {
            k: ([type(x).__name__ for x in v] if k == "validators" else
                repr(v) if k in ("expression", "output_field", "db_default") else v)
            for k, v in sorted(kwargs.items())}]


def _decimal_cases(out):
    import decimal
    import math

    field = models.DecimalField(max_digits=5, decimal_places=1)
    for value in (float("nan"), math.inf, "-inf", "2.4", 2.45, "x"):
        out["decimal_to_python_%r" % (value,)] = _outcome(
            lambda value=value: repr(field.to_python(value)))
    out["decimal_prep"] = repr(field.get_prep_value("2.4"))
    for digits, places, value in ((None, 1, "0.99"), (3, 1, "999"), (2, None, 100),
                                  (5, 2, "nan")):
        out["decimal_clean_%s_%s_%s" % (digits, places, value)] = _outcome(
            lambda digits=digits, places=places, value=value: repr(
                models.DecimalField(max_digits=digits, decimal_places=places).clean(
                    decimal.Decimal(value) if value != "nan" else value, None)))


def _validation_cases(out):
    import datetime

    from django.core import validators

    for key, field in (
            ("big", models.BigIntegerField()),
            ("positive", models.PositiveIntegerField()),
            ("callable_min", models.IntegerField(
                validators=[validators.MinValueValidator(lambda: 5)])),
            ("loose_max", models.SmallIntegerField(
                validators=[validators.MaxValueValidator(2 ** 70)]))):
        out["integer_range_" + key] = [
            [type(v).__name__, v.limit_value if not callable(v.limit_value)
             else "callable"] for v in field.validators]
        out["integer_range_errors_" + key] = _outcome(
            lambda field=field: field.run_validators(-(2 ** 64)))

    first = MfPost.objects.create(ip="::ffff:18.52.18.52", plain_ip=" 1.2.3.4 ",
                                day=datetime.date(2020, 5, 1), slug="a", count=1)
    first.refresh_from_db()
    out["ip_stored"] = [first.ip, first.plain_ip]
    out["ip_empty_stored"] = MfPost.objects.create(
        plain_ip="", slug="b", count=2).plain_ip
    for key, kwargs in (
            ("unpacked_duplicate", {"ip": "18.52.18.52"}),
            ("spaces", {"plain_ip": "  2001:0::0:1 "}),
            ("bad", {"plain_ip": "1:2"}),
            ("same_day", {"day": datetime.date(2020, 5, 1), "slug": "a"}),
            ("same_year", {"day": datetime.date(2020, 9, 9), "slug": "z",
                           "count": 1}),
            ("other_year", {"day": datetime.date(2021, 5, 1), "slug": "a",
                            "count": 1})):
        post = MfPost(**kwargs)
        out["validate_" + key] = _outcome(lambda post=post: post.full_clean()
                                          or [post.ip, post.plain_ip])
    post = MfPost(day=datetime.date(2020, 5, 1), slug="a", count=1)
    checks = post._get_unique_checks(exclude="day")
    out["unique_checks_excluding_day"] = [
        [list(c[1:]) if isinstance(c[1], str) else list(c[1]) for c in group]
        for group in checks]
    out["unique_checks"] = [
        [list(c[1:]) if isinstance(c[1], str) else list(c[1]) for c in group]
        for group in post._get_unique_checks()]


def _db_default_cases(out):
    with connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(MfDefaulted)
    out["db_default_create_table"] = editor.collected_sql
    row = MfDefaulted()
    out["db_default_unsaved"] = [type(row.name).__name__, type(row.n).__name__,
                                 row.both]
    field = MfDefaulted._meta.get_field("n")
    out["db_default_field"] = [field.has_db_default(), field.db_returning,
                               type(field.get_default()).__name__]
    out["db_default_full_clean"] = _outcome(lambda: row.full_clean() or "valid")
    with CaptureQueriesContext(connection) as queries:
        row.save()
    out["db_default_after_save"] = [row.name, row.n, type(row.when).__name__,
                                    row.both, row.maybe, row.low,
                                    len(queries.captured_queries)]
    given = MfDefaulted.objects.create(name="bob", n=7)
    out["db_default_given"] = [given.name, given.n, given.low]
    made = MfDefaulted.objects.bulk_create([MfDefaulted(), MfDefaulted(name="z")])
    out["db_default_bulk_create"] = [[m.name, m.n, m.maybe, m.low] for m in made]
    out["db_default_stored"] = list(MfDefaulted.objects.order_by("pk").values_list(
        "name", "n", "maybe", "low", "both"))
    again = MfDefaulted.objects.get(pk=row.pk)
    again.n = field.get_default()
    again.save()
    again.refresh_from_db()
    out["db_default_update_with_default"] = again.n


def _inherited_constraint_cases(out):
    MfProduct.objects.create(name="a", rank=1)
    child = MfSpecialProduct(name="b", rank=1)
    out["child_validates_parent_constraints"] = _outcome(
        lambda: child.full_clean() or "valid")
    out["child_get_constraints"] = [
        [model.__name__, [c.name for c in group]]
        for model, group in child.get_constraints()]
    child.rank = 2
    out["child_parent_link_not_required"] = _outcome(
        lambda: child.full_clean() or "valid")


def _text_field_cases(out):
    """TextField is a Field beside CharField, not a CharField: its class
    hierarchy, its form field (no empty_value=None for null=True, a
    Textarea), its validation (no max_length validator) and its column."""
    field = models.TextField(null=True, blank=True, max_length=5)
    out["text_field_bases"] = [c.__name__ for c in models.TextField.__mro__]
    out["text_field_is_char_field"] = isinstance(field, models.CharField)
    out["char_fields_of_django_db_models"] = sorted(
        name for name in dir(models) if isinstance(getattr(models, name), type)
        and issubclass(getattr(models, name), models.CharField))
    form_field = field.formfield()
    out["text_field_formfield"] = [
        type(form_field).__name__, type(form_field.widget).__name__,
        form_field.max_length, form_field.empty_value,
        form_field.clean("")]
    out["text_field_choices_formfield"] = type(models.TextField(
        choices=[("a", "A")]).formfield().widget).__name__
    out["text_field_validators"] = [str(v) for v in field.validators]
    out["text_field_long_value_validates"] = _outcome(
        lambda: field.run_validators("abcdefgh"))
    out["text_field_db_type"] = models.TextField().db_type(connection)
    out["text_field_prep"] = [field.get_prep_value(12), field.to_python(None)]
    address = models.GenericIPAddressField(null=True, blank=True)
    form_field = address.formfield()
    out["ip_address_field"] = [
        str(address.description), isinstance(address, models.CharField),
        type(form_field).__name__, form_field.max_length, form_field.empty_value,
        _outcome(lambda: address.run_validators("1" * 50))]


def run():
    """Create the tables, run every case, drop the tables; return what was seen."""
    with connection.schema_editor() as editor:
        for model in MODELS:
            editor.create_model(model)
    out = {}
    try:
        _choices_cases(out)
        _text_field_cases(out)
        _file_path_cases(out)
        _generated_construction_cases(out)
        _generated_cases(out)
        _constraint_cases(out)
        _to_python_cases(out)
        _validation_cases(out)
        _decimal_cases(out)
        _field_identity_cases(out)
        _deconstruct_cases(out)
        _field_order_cases(out)
        _small_field_cases(out)
        _bulk_create_cases(out)
        _file_field_cases(out)
        _inherited_unique_cases(out)
        _limit_choices_to_cases(out)
        _index_cases(out)
        _integer_overflow_cases(out)
        _model_instance_value_cases(out)
        _db_default_cases(out)
        _inherited_constraint_cases(out)
    finally:
        with connection.schema_editor() as editor:
            for model in reversed(MODELS):
                editor.delete_model(model)
    return json.loads(json.dumps(out))  # tuples as lists, as in the JSON file
