"""ORM names are data, never SQL (issue 15): Q()'s options as filter() kwargs,
column aliases, order_by() strings, explain() options, JSON keys, Trunc kinds
and quoted table/column names.  Expected exceptions and messages are real
Django 5.2's (checked with the oracle venv); tests named after a CVE cover it.
"""

import datetime
import re
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from django.core.exceptions import FieldError
from django.db import connection, models
from django.db.models import Count, F, Q, Value

from djscratch import SQLCompiler, Trunc, quote_name
from tests import fuzz, fuzz_examples
from tests.orm_support import DatabaseTestCase, define_models

try:
    from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test requirement
    raise unittest.SkipTest("hypothesis is not installed") from None

with define_models():

    class Note(models.Model):
        owner = models.CharField(max_length=20)
        text = models.CharField(max_length=20)
        data = models.JSONField(null=True)
        when = models.DateTimeField(null=True)

        class Meta:
            app_label = "orm_injection"

    class Odd(models.Model):
        """Names with quotes and comment markers, as a legacy schema may have."""

        count = models.PositiveIntegerField(db_column='co"l; --')
        data = models.JSONField(null=True, db_column='j"s')

        class Meta:
            app_label = "orm_injection"
            db_table = 'orm_injection_we"ird -- t'


#: Django's check_alias() message.
ALIAS_MESSAGE = ("Column aliases cannot contain whitespace characters, hashes, "
                 "control characters, quotation marks, semicolons, or SQL comments.")
CONNECTOR_MESSAGE = "_connector must be one of 'AND', 'OR', 'XOR', or None."

#: A name that starts and ends with a double quote, so that a quoting function
#: passing "already quoted" names through would paste it into the SQL.
SCHEMA_ALIAS = '"v", name, sql FROM sqlite_master --"'

#: Django's forbidden-alias rule, restated here as the test's specification.
FORBIDDEN = re.compile(r"[\s'\"`\[\];#\x00-\x1f\x7f-\x9f]|--|/\*|\*/")

#: Pieces hostile names are made of: quotes, comments, separators, controls,
#: SQL keywords, lookup separators, JSON path syntax and non-ASCII text.
HOSTILE_PIECES = [
    '"', "'", "`", "[", "]", "--", "/*", "*/", ";", "#", " ", "\t", "\n", "\x00",
    "\x1f", "\x7f", "\x85", "\xa0", "\u2028", "\u3000", "\u200b", "é", "日本", ")",
    "(", ",", ".", "$", "__", "-", "=", "*", "1", "x", "owner", "text", "data",
    " OR 1=1 ", " UNION SELECT name, sql FROM sqlite_master ", "sqlite_master",
    "AND", "OR", "_connector", "_negated", "%s", "?", "\\",
]
hostile_names = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1,
                         max_size=6).map("".join)
hostile_values = st.one_of(hostile_names, st.integers(-2, 2), st.booleans(),
                           st.none())
#: Query-string-like extras: real lookups, Q()'s options and hostile names.
extra_names = st.one_of(st.sampled_from([
    "_connector", "_negated", "text", "text__gt", "text__contains", "id__gte",
    "data__k", "owner__in"]), hostile_names)
extra_values = st.one_of(st.sampled_from([
    "OR", "AND", "XOR", "a", "", "OR 1=1 OR", "AND 0 UNION SELECT name FROM "
    "sqlite_master --"]), hostile_values)

FUZZ = hsettings(max_examples=fuzz_examples(120), deadline=2000, derandomize=True,
                 database=None,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.filter_too_much,
                                        HealthCheck.function_scoped_fixture])


class InjectionTestCase(DatabaseTestCase):
    models = [Note]

    def setUp(self):
        super().setUp()
        self.alice = Note.objects.create(owner="alice", text="a", data={
            "k": 1, "a b": 2, "$": 3, 'q"': 4, "x.y": 5, "[0]": 6})
        self.bob = Note.objects.create(owner="bob", text="b", data={"k": 2})

    def assertNoSchema(self, rows):
        """No row holds sqlite_master's contents (table names, CREATE TABLE)."""
        text = repr(list(rows))
        self.assertNotIn("CREATE TABLE", text)
        self.assertNotIn("sqlite_sequence", text)
        self.assertNotIn("'orm_injection_note'", text)


class ConnectorTests(InjectionTestCase):
    """CVE-2025-64459: filter(**request.GET.dict()) must not choose the SQL
    joining the lookups (Q()'s _connector/_negated are not lookups)."""

    def assertInvalidKwargs(self, names, call):
        with self.assertRaises(TypeError) as ctx:
            call()
        self.assertEqual(str(ctx.exception),
                         "The following kwargs are invalid: %s" % names)

    def test_cve_2025_64459_filter_rejects_connector_kwarg(self):
        # Before the fix this returned alice's row: "owner = ? OR 1=1 OR text = ?".
        self.assertInvalidKwargs("'_connector'", lambda: Note.objects.filter(
            owner="bob", text="zzz", _connector="OR 1=1 OR"))

    def test_cve_2025_64459_filter_rejects_negated_kwarg(self):
        self.assertInvalidKwargs("'_negated'", lambda: Note.objects.filter(
            owner="bob", _negated=True))

    def test_cve_2025_64459_both_kwargs_listed_sorted(self):
        self.assertInvalidKwargs("'_connector', '_negated'", lambda: (
            Note.objects.filter(owner="bob", _negated=True, _connector="OR")))

    def test_cve_2025_64459_exclude_get_and_shortcuts_reject_connector(self):
        payload = {"owner": "bob", "text": "zzz", "_connector": "OR 1=1 OR"}
        for call in (lambda: Note.objects.exclude(**payload),
                     lambda: Note.objects.get(**payload),
                     lambda: Note.objects.get(_connector="OR"),
                     lambda: Note.objects.get_or_create(**payload),
                     lambda: Note.objects.update_or_create(**payload),
                     lambda: Note.objects.complex_filter(payload)):
            self.assertInvalidKwargs("'_connector'", call)
        self.assertEqual(Note.objects.count(), 2)  # get_or_create created nothing

    def test_cve_2025_64459_union_payload_does_not_dump_the_schema(self):
        payload = ("AND 0 UNION SELECT 1, name, sql, NULL, NULL FROM sqlite_master "
                   "WHERE 1 OR")
        self.assertInvalidKwargs("'_connector'", lambda: list(Note.objects.filter(
            owner="bob", data=None, _connector=payload).values_list("owner", "text")))

    def test_cve_2025_64459_q_validates_connector(self):
        for connector in ("OR 1=1 OR", "or", "", "NOT", "AND "):
            with self.assertRaises(ValueError) as ctx:
                Q(owner="bob", _connector=connector)
            self.assertEqual(str(ctx.exception), CONNECTOR_MESSAGE)
        for connector in (None, "AND", "OR", "XOR"):
            Q(owner="bob", _connector=connector)
        rows = Note.objects.filter(Q(owner="bob", text="a", _connector="OR"))
        self.assertEqual(sorted(n.owner for n in rows), ["alice", "bob"])

    def test_when_lookups_validate_connector_like_q(self):
        with self.assertRaises(ValueError) as ctx:
            models.When(owner="bob", _connector="OR 1=1 OR", then=1)
        self.assertEqual(str(ctx.exception), CONNECTOR_MESSAGE)

    def test_connector_changed_after_q_is_never_sql(self):
        q = Q(owner="bob", text="zzz")
        q.connector = "OR 1=1 OR"
        with self.assertRaises(ValueError) as ctx:
            list(Note.objects.filter(q))
        self.assertEqual(str(ctx.exception), CONNECTOR_MESSAGE)


class AliasTests(InjectionTestCase):
    """Column aliases given as keyword names pass Django's check_alias()."""

    def assertBadAlias(self, call):
        with self.assertRaises(ValueError) as ctx:
            call()
        self.assertEqual(str(ctx.exception), ALIAS_MESSAGE)

    def test_cve_2022_28346_annotate_rejects_hostile_alias(self):
        # Before the fix this returned sqlite_master's rows.
        self.assertBadAlias(lambda: list(Note.objects.annotate(
            **{SCHEMA_ALIAS: Value(1)}).values_list(SCHEMA_ALIAS)))

    def test_cve_2022_28346_aggregate_rejects_hostile_alias(self):
        alias = '"v", (SELECT group_concat(sql) FROM sqlite_master) AS "w"'
        self.assertBadAlias(lambda: Note.objects.aggregate(**{alias: Count("id")}))

    def test_cve_2025_59681_alias_rejects_hostile_alias(self):
        self.assertBadAlias(lambda: list(Note.objects.filter(owner="bob").alias(
            **{'"v"': Count("id")}).order_by('"v"')))

    def test_cve_2025_59681_values_expressions_reject_hostile_alias(self):
        alias = '"v" FROM (SELECT name AS "v" FROM sqlite_master) AS "t" --'
        self.assertBadAlias(lambda: list(Note.objects.values(**{alias: F("text")})))
        self.assertBadAlias(lambda: list(Note.objects.values(
            "text", **{SCHEMA_ALIAS: Value(1)})))

    def test_cve_2024_42005_values_rejects_hostile_field_names(self):
        name = 'data__k" FROM sqlite_master --'
        self.assertBadAlias(lambda: Note.objects.values(name))
        self.assertBadAlias(lambda: Note.objects.values_list(name))
        self.assertBadAlias(lambda: Note.objects.values_list("data__a b", named=True))

    def test_cve_2026_1287_alias_rejects_control_characters(self):
        for char in ("\x00", "\x08", "\x0b", "\x1b", "\x1f", "\x7f", "\x80",
                     "\x9b", "\x9f"):
            alias = "v%s FROM sqlite_master" % char
            with self.subTest(char=char):
                self.assertBadAlias(lambda: Note.objects.annotate(
                    **{alias: Value(1)}))
                self.assertBadAlias(lambda: Note.objects.alias(**{alias: Value(1)}))
                self.assertBadAlias(lambda: Note.objects.aggregate(
                    **{alias: Count("id")}))
                self.assertBadAlias(lambda: Note.objects.values(**{alias: F("id")}))
                self.assertBadAlias(lambda: Note.objects.values_list(alias))

    def test_cve_2022_28346_extra_select_rejects_hostile_alias(self):
        self.assertBadAlias(lambda: list(Note.objects.extra(
            select={SCHEMA_ALIAS: "1"})))
        for char in ("\x00", "\x1f", "\x7f", "\x9f"):
            with self.subTest(char=char):
                self.assertBadAlias(lambda: Note.objects.extra(
                    select={"v%s FROM sqlite_master" % char: "1"}))

    def test_cve_2025_57833_filtered_relation_alias_is_checked(self):
        # CVE-2025-13372 is the same hole on PostgreSQL; CVE-2026-1287 adds
        # control characters.  The alias is checked, then quoted as a table alias.
        from django.db.models import FilteredRelation

        for alias in (SCHEMA_ALIAS, 'x" ON 1=1 --', "v\x00 --", "v\x85"):
            with self.subTest(alias=alias):
                self.assertBadAlias(lambda: Note.objects.annotate(
                    **{alias: FilteredRelation("tags")}))

    def test_cve_2026_1312_extra_order_by_quotes_table_and_column(self):
        # Only extra(order_by=...) reads "table.column" (as Django since the
        # fix); djscratch quotes both names where Django passes the column on.
        qs = Note.objects.extra(order_by=['orm_injection_note.text" --'])
        self.assertIn('ORDER BY "orm_injection_note"."text"" --" ASC', str(qs.query))
        with self.assertRaises(FieldError):
            Note.objects.extra(order_by=["orm_injection_note.text"]).order_by(
                "orm_injection_note.text")

    def test_alias_rule_is_djangos(self):
        """Django accepts dots, dollars, digits, non-ASCII, even '' and zero-width
        spaces; it refuses whitespace (Unicode too), quotes, brackets, C0/C1
        controls, ';', '#' and comment markers."""
        accepted = ["é", "a.b", "a$b", "a-b", "a(b", "a)b", "a,b", "1", "",
                    "a\u200bb", "日本", "plain_name"]
        refused = ["a b", "a#b", "a--b", "a/*b", "a*/b", "a;b", "a'b", 'a"b', "a`b",
                   "a[b", "a]b", "a\x00b", "a\x7fb", "a\x85b", "a\xa0b", "a\u2028b",
                   "a\u3000b", '"x"']
        for alias in accepted:
            self.assertEqual(list(Note.objects.annotate(**{alias: Value(1)})
                                  .values_list(alias, flat=True)), [1, 1], alias)
        for alias in refused:
            self.assertBadAlias(lambda: Note.objects.annotate(**{alias: Value(1)}))

    def test_non_expressions_are_reported_before_the_alias(self):
        with self.assertRaises(TypeError) as ctx:
            Note.objects.annotate(**{"a b": 1})
        self.assertEqual(str(ctx.exception),
                         "QuerySet.annotate() received non-expression(s): 1.")
        with self.assertRaises(TypeError) as ctx:
            Note.objects.aggregate(**{"a b": 1, "y": "z"})
        self.assertEqual(str(ctx.exception),
                         "QuerySet.aggregate() received non-expression(s): 1, z.")

    def test_quote_name_keeps_every_name_one_identifier(self):
        self.assertEqual(quote_name("plain"), '"plain"')
        self.assertEqual(quote_name('a"b'), '"a""b"')
        self.assertEqual(quote_name('"ok"'), '"ok"')
        self.assertEqual(quote_name('"a""b"'), '"a""b"')
        # Quoted at both ends but not one identifier: quoted again, whole.
        self.assertEqual(quote_name(SCHEMA_ALIAS),
                         '"""v"", name, sql FROM sqlite_master --"""')
        self.assertEqual(quote_name('"a" --"'), '"""a"" --"""')
        self.assertEqual(quote_name('"'), '""""')

    def test_check_alias_is_djangos_message(self):
        djscratch.check_alias("fine")
        with self.assertRaises(ValueError) as ctx:
            djscratch.check_alias("x; DROP TABLE t")
        self.assertEqual(str(ctx.exception), ALIAS_MESSAGE)


class OrderByTests(InjectionTestCase):
    def test_cve_2021_35042_order_by_rejects_sql(self):
        for name in ("id); DROP", 'text" --', '-text" --'):
            with self.assertRaises(FieldError) as ctx:
                Note.objects.order_by(name)
            self.assertEqual(str(ctx.exception), "Cannot resolve keyword '%s' into "
                             "field. Choices are: data, id, owner, text, when"
                             % name.removeprefix("-"))

    def test_order_by_takes_one_minus_and_no_plus(self):
        for name, keyword in (("--text", "-text"), ("+text", "+text"),
                              ("-+text", "+text")):
            with self.assertRaises(FieldError) as ctx:
                Note.objects.order_by(name)
            self.assertEqual(str(ctx.exception), "Cannot resolve keyword '%s' into "
                             "field. Choices are: data, id, owner, text, when"
                             % keyword)

    def test_order_by_rejects_non_names(self):
        for item in (1, None):
            with self.assertRaises(FieldError) as ctx:
                Note.objects.order_by(item)
            self.assertEqual(str(ctx.exception),
                             "Invalid order_by arguments: [%r]" % item)

    def test_combined_order_by_takes_one_minus(self):
        qs = Note.objects.filter(owner="bob").union(Note.objects.filter(owner="alice"))
        with self.assertRaises(FieldError) as ctx:
            list(qs.order_by("--text"))
        self.assertIn("Cannot resolve keyword '-text' into field.", str(ctx.exception))
        self.assertEqual([n.owner for n in qs.order_by("-text")], ["bob", "alice"])


    def test_cve_2026_1312_order_by_dotted_names_are_not_sql(self):
        # A dotted name was once pasted into ORDER BY as table.column; it is a
        # field path (refused) or, if annotated, an alias quoted whole.
        for name in ("orm_injection_note.text", "orm_injection_note.id) --",
                     "-x.text"):
            with self.assertRaises(FieldError) as ctx:
                Note.objects.order_by(name)
            self.assertEqual(str(ctx.exception), "Cannot resolve keyword '%s' into "
                             "field. Choices are: data, id, owner, text, when"
                             % name.removeprefix("-"))
        qs = Note.objects.annotate(**{"orm_injection_note.owner": F("text")})
        self.assertEqual(list(qs.order_by("-orm_injection_note.owner")
                              .values_list("owner", flat=True)), ["bob", "alice"])


class LookupValueTests(InjectionTestCase):
    def test_cve_2026_132092_range_takes_exactly_two_values(self):
        # Django's messages (Python's unpacking errors) since 5.2.20.
        for value, message in (
                ((1, 2, 3), "too many values to unpack (expected 2)"),
                ((1,), "not enough values to unpack (expected 2, got 1)")):
            with self.assertRaises(ValueError) as ctx:
                list(Note.objects.filter(id__range=value))
            self.assertEqual(str(ctx.exception), message)
        self.assertEqual(Note.objects.filter(id__range=[self.alice.id,
                                                        self.alice.id]).get(),
                         self.alice)

    def test_cve_2026_132092_percent_signs_in_aliases_stay_names(self):
        qs = Note.objects.annotate(**{"a%sb": F("id"), "c%d": F("text")}).filter(
            **{"a%sb__in": [self.bob.id, 0], "c%d__range": ("a", "b"),
               "owner": "bob"})
        self.assertEqual(list(qs.values_list("owner", "c%d")), [("bob", "b")])


class FieldNameTests(InjectionTestCase):
    def test_annotation_referring_to_itself_is_a_field_error(self):
        # It used to recurse until RecursionError.
        for call in (lambda: Note.objects.annotate(x=F("x")),
                     lambda: Note.objects.annotate(x=F("x") + 1),
                     lambda: Note.objects.alias(x=F("x"))):
            with self.assertRaises(FieldError) as ctx:
                call()
            self.assertEqual(str(ctx.exception), "Cannot resolve keyword 'x' into "
                             "field. Choices are: data, id, owner, text, when")


class ExplainTests(InjectionTestCase):
    def test_cve_2022_28347_explain_rejects_option_names(self):
        for name in ("x; DROP", "a--b", "a b", "a)"):
            with self.assertRaises(ValueError) as ctx:
                Note.objects.explain(**{name: True})
            self.assertEqual(str(ctx.exception), "Invalid option name: %r." % name)

    def test_explain_refuses_formats_and_options_as_sqlite_does(self):
        with self.assertRaises(ValueError) as ctx:
            Note.objects.explain(format="x; DROP")
        self.assertEqual(str(ctx.exception), "X; DROP is not a recognized format. "
                         "SQLite does not support any formats.")
        with self.assertRaises(ValueError) as ctx:
            Note.objects.explain(b=1, a=2)
        self.assertEqual(str(ctx.exception), "Unknown options: a, b")
        self.assertIn("SCAN", Note.objects.explain())


class KindAndKeyTests(InjectionTestCase):
    def test_cve_2022_34265_trunc_kind_is_a_parameter(self):
        Note.objects.filter(pk=self.alice.pk).update(
            when=datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc))
        kind = "year', x) FROM sqlite_master --"
        qs = Note.objects.annotate(x=Trunc("when", kind)).values_list("x")
        sql, params = SQLCompiler(qs.query).as_sql()
        self.assertNotIn("sqlite_master", sql)
        self.assertIn(kind.lower(), params)  # Django lowercases the kind too
        with self.assertRaises(djscratch.OperationalError):  # Django's, too
            list(qs)

    def test_trunc_kind_is_case_insensitive_as_in_django(self):
        Note.objects.filter(pk=self.alice.pk).update(
            when=datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc))
        rows = Note.objects.filter(owner="alice").annotate(
            x=Trunc("when", "YEAR")).values_list("x", flat=True)
        self.assertEqual(list(rows), [datetime.datetime(
            2024, 1, 1, tzinfo=datetime.timezone.utc)])

    def test_cve_2019_14234_json_keys_are_parameters(self):
        """Keys with quotes, '$', '.', '[' and spaces select those keys only."""
        for key, value in (("$", 3), ("x.y", 5), ("[0]", 6), ("a b", 2), ("k", 1)):
            self.assertEqual(list(Note.objects.filter(**{"data__" + key: value})
                                  .values_list("owner", flat=True)), ["alice"], key)
        # SQLite's JSON paths cannot name a key holding a double quote: no row
        # matches (as with Django), and none other than the key's could.
        for key in ("k') OR 1=1 --", 'k" OR 1=1 --', "k') = 1 OR ('1", 'q"'):
            self.assertEqual(list(Note.objects.filter(**{"data__" + key: 2})), [])
        self.assertEqual(list(Note.objects.filter(data__0=1)), [])

    def test_cve_2024_53908_has_key_is_a_parameter(self):
        self.assertEqual(list(Note.objects.filter(data__has_key="x.y")
                              .values_list("owner", flat=True)), ["alice"])
        self.assertEqual(list(Note.objects.filter(data__has_keys=["$", "[0]"])
                              .values_list("owner", flat=True)), ["alice"])
        for key in ("k') OR 1=1 --", "k' OR '1'='1"):
            self.assertEqual(list(Note.objects.filter(data__has_key=key)), [])
            self.assertEqual(list(Note.objects.filter(data__has_any_keys=[key])), [])


    def test_has_key_reads_a_digit_key_as_a_key(self):
        carol = Note.objects.create(owner="carol", data={"1": "x", "-1": "y"})
        self.assertEqual(list(Note.objects.filter(data__has_key="1")), [carol])
        self.assertEqual(list(Note.objects.filter(data__has_key="-1")), [carol])
        self.assertEqual(list(Note.objects.filter(data__has_key="0")), [])


class QuotedSchemaNameTests(DatabaseTestCase):
    models = [Odd]

    def test_db_table_and_db_column_with_quotes_stay_names(self):
        # The CHECK constraints of PositiveIntegerField and JSONField used to
        # write the column between quotes without doubling its own.
        odd = Odd.objects.create(count=3, data={"a": 1})
        self.assertEqual(Odd.objects.filter(count=3, data__a=1).get(), odd)
        self.assertEqual(list(Odd.objects.values_list("count", flat=True)), [3])
        Odd.objects.update(count=F("count") + 1)
        self.assertEqual(Odd.objects.get().count, 4)
        with self.assertRaises(djscratch.IntegrityError):  # the CHECK holds
            Odd.objects.update(count=-1)
        tables = connection.cursor().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        self.assertIn(('orm_injection_we"ird -- t',), tables)
        Odd.objects.all().delete()
        self.assertEqual(Odd.objects.count(), 0)


@fuzz
class HypothesisTests(InjectionTestCase):
    """Hostile names never widen a query or reach sqlite_master."""

    @FUZZ
    @given(name=hostile_names)
    def test_alias_apis_raise_djangos_error_or_use_the_name(self, name):
        refused = FORBIDDEN.search(name) is not None
        calls = [
            lambda: list(Note.objects.annotate(**{name: Value(1)})
                         .values_list(name, flat=True)),
            lambda: [row[name] for row in Note.objects.values(**{name: Value(1)})],
            lambda: list(Note.objects.alias(**{name: Value(1)}).filter(
                **{name: 1}).values_list(Value(1), flat=True)),
            lambda: list(Note.objects.aggregate(**{name: Count("id")}).values())[:1]
            * 2 and [1, 1],
        ]
        for call in calls:
            if refused:
                with self.assertRaises(ValueError) as ctx:
                    call()
                self.assertEqual(str(ctx.exception), ALIAS_MESSAGE)
                continue
            try:
                rows = call()
            except (FieldError, ValueError, TypeError):
                continue  # e.g. a name with "__" read as a lookup, as in Django
            self.assertEqual(rows, [1, 1])

    @FUZZ
    @given(extras=st.dictionaries(extra_names, extra_values, max_size=3))
    def test_filter_with_hostile_extras_never_returns_other_owners(self, extras):
        extras.pop("owner", None)
        try:
            rows = list(Note.objects.filter(owner="bob", **extras)
                        .values_list("owner", "text"))
        except (FieldError, ValueError, TypeError, djscratch.DatabaseError):
            return
        self.assertNoSchema(rows)
        self.assertTrue(all(owner == "bob" for owner, _text in rows), rows)
        try:
            rows = list(Note.objects.filter(Q(**extras), owner="bob")
                        .values_list("owner", flat=True))
        except (FieldError, ValueError, TypeError, djscratch.DatabaseError):
            return
        self.assertTrue(all(owner == "bob" for owner in rows), rows)

    @FUZZ
    @given(name=hostile_names)
    def test_name_taking_apis_never_run_the_name(self, name):
        bob = Note.objects.filter(owner="bob")
        self.assertNoSchema([self._call(lambda: list(bob.values_list(name)))])
        calls = [
            lambda: list(bob.order_by(name).values_list("owner", flat=True)),
            lambda: list(bob.only(name).values_list("owner", flat=True)),
            lambda: list(bob.defer(name).values_list("owner", flat=True)),
            lambda: [n.owner for n in bob.select_related(name)],
            lambda: list(bob.filter(text=F(name)).values_list("owner", flat=True)),
            lambda: list(bob.annotate(x=F(name)).values_list("owner", flat=True)),
            lambda: [n.owner for n in bob.in_bulk([self.bob.pk],
                                                  field_name=name).values()],
            lambda: bob.explain(**{name: True}),
            lambda: list(bob.filter(**{"data__" + name: 2})
                         .values_list("owner", flat=True)),
            lambda: list(bob.filter(data__has_key=name).values_list(
                "owner", flat=True)),
            lambda: list(bob.annotate(x=Trunc("when", name)).values_list(
                "owner", flat=True)),
        ]
        for call in calls:
            rows = self._call(call)
            self.assertNoSchema([rows])
            if isinstance(rows, list):  # explain() gives a plan, the rest owners
                self.assertTrue(set(rows) <= {"bob"}, rows)

    @staticmethod
    def _call(call):
        """call()'s result, or None if it raised what Django raises for bad names."""
        try:
            return call()
        except (FieldError, ValueError, TypeError, djscratch.FieldDoesNotExist,
                djscratch.NotSupportedError, djscratch.OperationalError):
            return None

    @FUZZ
    @given(key=hostile_names)
    def test_json_key_selects_exactly_that_key(self, key):
        if "__" in key or not key or _is_int(key) or key in (
                djscratch._LOOKUP_NAMES | {"has_key", "has_keys", "has_any_keys"}):
            return  # not a plain key: a lookup, a path or an array index
        carol = Note.objects.create(owner="carol", data={key: "hit", "k": "miss"})
        try:
            # SQLite's paths cannot name a key with a double quote (nor can
            # Django's): such a key matches nothing, never another key's row.
            expected = [] if '"' in key else [carol]
            rows = list(Note.objects.filter(**{"data__" + key: "hit"}))
            self.assertEqual(rows, expected)
            expected = [] if '"' in key else [
                n for n in Note.objects.order_by("pk") if key in n.data]
            rows = list(Note.objects.filter(data__has_key=key).order_by("pk"))
            self.assertEqual(rows, expected)
        finally:
            carol.delete()


def _is_int(key):
    """True if a JSON key transform reads `key` as an array index (as int())."""
    try:
        int(key)
    except ValueError:
        return False
    return True
