"""JSONField queries: key transforms in filter/exclude/values/order_by,
KT(), has_key/has_keys/has_any_keys, key__in/isnull/comparisons/text
lookups, JSON null against SQL NULL, and the contains lookups SQLite
refuses.  Run on real Django (tests/gen_json_expected.py records the
results in tests/json_expected.json) and on djscratch (tests/test_orm_json.py
compares).
"""

import json

from django.db import NotSupportedError, connection, models
from django.db.models import Count, F, Q, Value
from django.db.models.fields.json import KT, KeyTextTransform, KeyTransform


def declare():
    class Doc(models.Model):
        data = models.JSONField(null=True)

        class Meta:
            app_label = "orm_oracle"
            ordering = ["id"]

    return Doc


VALUES = [
    None,
    {},
    {"a": "b", "c": 14, "d": ["e", {"f": "g"}], "h": True, "i": False, "j": None,
     "k": {"l": "m"}, "p": 4.2, 'q"': "quoted key"},
    {"a": "B", "c": 3, "foo": "bar"},
    [1, [2]],
    {"a": "b", "d": ["x"], "foo": "bax"},
]


def _ids(qs):
    return [doc.id for doc in qs]


def _error(func):
    try:
        func()
    except (NotSupportedError, ValueError, TypeError) as err:
        return [type(err).__name__, str(err)]
    return None


def scenario(Doc):
    docs = [Doc.objects.create(data=value) for value in VALUES]
    json_null = Doc.objects.create(data=Value(None, models.JSONField()))
    docs.append(json_null)
    objects = Doc.objects
    out = {
        "key_exact": _ids(objects.filter(data__a="b")),
        "key_exact_int": _ids(objects.filter(data__c=14)),
        "key_exact_bool": _ids(objects.filter(data__h=True)),
        "key_exact_none": _ids(objects.filter(data__j=None)),
        "key_nested": _ids(objects.filter(data__d__1__f="g")),
        "key_index": _ids(objects.filter(data__1__0=2)),
        "key_dict": _ids(objects.filter(data__k={"l": "m"})),
        "key_in": _ids(objects.filter(data__c__in=[3, 14, 99])),
        "key_in_strings": _ids(objects.filter(data__a__in=["B", "x"])),
        "key_isnull": [_ids(objects.filter(data__a__isnull=True)),
                       _ids(objects.filter(data__a__isnull=False))],
        "key_gt": _ids(objects.filter(data__c__gt=5)),
        "key_lte": _ids(objects.filter(data__p__lte=5)),
        "key_text": [_ids(objects.filter(data__a__iexact="b")),
                     _ids(objects.filter(data__foo__startswith="ba")),
                     _ids(objects.filter(data__foo__icontains="AX")),
                     _ids(objects.filter(data__a__regex=r"^[a-z]$"))],
        "has_key": _ids(objects.filter(data__has_key="a")),
        "has_keys": _ids(objects.filter(data__has_keys=["a", "c"])),
        "has_any_keys": _ids(objects.filter(data__has_any_keys=["foo", "h"])),
        "has_key_nested": _ids(objects.filter(data__k__has_key="l")),
        "has_key_quote": _ids(objects.filter(data__has_key='q"')),
        "has_key_f": _ids(objects.filter(data__has_key=F("data__k__l"))),
        "exclude_key": _ids(objects.exclude(data__a="b")),
        "exclude_q": _ids(objects.filter(~Q(data__foo="bax"))),
        "sql_null": _ids(objects.filter(data__isnull=True)),
        "json_null": _ids(objects.filter(data=None)),
        "json_null_value": _ids(objects.filter(data=Value(None, models.JSONField()))),
        "exact_dict": _ids(objects.filter(data={"a": "B", "c": 3, "foo": "bar"})),
        "values_keys": list(objects.filter(data__has_key="a").values_list(
            "data__a", "data__c", "data__d", "data__h", "data__k")),
        "order_by_key": _ids(objects.filter(data__has_key="a").order_by(
            "-data__a", "id")),
        "kt": list(objects.annotate(a=KT("data__a"), f=KT("data__d__1__f")).filter(
            a__isnull=False).values_list("a", "f")),
        "key_transform": list(objects.annotate(
            k=KeyTransform("k", "data"), text=KeyTextTransform("c", "data")).filter(
            data__has_key="c").values_list("k", "text")),
        "annotation_chain": _ids(objects.annotate(key=F("data__d")).filter(
            key__0="e")),
        "annotated_key_exact": _ids(objects.annotate(
            a=KeyTransform("a", "data")).filter(a="b")),
        "group_by_key": list(objects.filter(data__has_key="a").values(
            "data__a").annotate(n=Count("id")).order_by("data__a").values_list(
            "data__a", "n")),
        "contains": _error(lambda: list(objects.filter(data__contains={"a": "b"}))),
        "contained_by": _error(lambda: list(objects.filter(
            data__contained_by={"a": "b"}))),
        "kt_without_key": _error(lambda: KT("data")),
    }
    Doc.objects.update(data=Value(None, models.JSONField()))
    out["update_json_null"] = [len(_ids(objects.filter(data=None))),
                               len(_ids(objects.filter(data__isnull=True)))]
    return out


_MODELS = []


def run():
    if not _MODELS:
        _MODELS.append(declare())
    (Doc,) = _MODELS
    with connection.schema_editor() as editor:
        editor.create_model(Doc)
    try:  # as JSON reads it back: tuples become lists
        return json.loads(json.dumps(scenario(Doc)))
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Doc)
