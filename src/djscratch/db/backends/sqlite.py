"""The SQLite backend (django/db/backends/sqlite3/): the
wrapper, features, operations, creation and the SQL functions it registers.
"""

import contextlib
import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: db.backends.schema, db.schema_sync,
# core.management.commands (the test database's cache tables).
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.db.backends.base.validation import BaseDatabaseValidation
from djscratch.utils.functional import cached_property
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.conf import settings
from djscratch.utils.timezone import _tz
from djscratch.db.utils import (
    connection_created, DEFAULT_DB_ALIAS, OperationalError,
    NotSupportedError, TransactionManagementError,
)
from djscratch.db.utils_extra import _raise_db_error


# -- SQLite helpers registered on every connection: REGEXP and the date/time
#    extraction Django's lookups use.


def _sqlite_regexp(pattern, value):
    import re

    if pattern is None or value is None:
        return None
    return bool(re.search(pattern, str(value)))


def _sqlite_parse_dt(value, tzname):
    """Parse stored datetime text, converted to `tzname` when given."""
    import datetime

    if value is None:
        return None
    try:
        dt = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if tzname and dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
        dt = dt.astimezone(_sqlite_tz(tzname))
    return dt


def _sqlite_tz(tzname):
    """The tzinfo a time zone name stands for: "UTC", a zoneinfo key, or a
    fixed offset's name ("UTC+05:00", "-04:43", "+0130"), as Django's SQLite
    functions read it."""
    import datetime
    import re

    if tzname == "UTC":
        return datetime.timezone.utc
    match = re.fullmatch(r"(?:UTC)?([+-])(\d\d):?(\d\d)", tzname)
    if match:
        sign, hours, minutes = match.groups()
        offset = datetime.timedelta(hours=int(hours), minutes=int(minutes))
        return datetime.timezone(-offset if sign == "-" else offset)
    return _tz(tzname)


def _extract(lookup, dt):
    if dt is None:
        return None
    if lookup == "week_day":
        return (dt.isoweekday() % 7) + 1
    if lookup == "iso_week_day":
        return dt.isoweekday()
    if lookup == "week":
        return dt.isocalendar()[1]
    if lookup == "iso_year":
        return dt.isocalendar()[0]
    if lookup == "quarter":
        return (dt.month - 1) // 3 + 1
    return getattr(dt, lookup, None)


def _sqlite_datetime_extract(lookup, value, tzname):
    return _extract(lookup, _sqlite_parse_dt(value, tzname))


def _sqlite_datetime_cast(kind, value, tzname):
    dt = _sqlite_parse_dt(value, tzname)
    if dt is None:
        return None
    return str(dt.date() if kind == "date" else dt.time())


def _sqlite_datetime_trunc(kind, value, tzname):
    """Truncate stored datetime text to `kind` in zone `tzname`; return UTC text."""
    import datetime

    dt = _sqlite_parse_dt(value, tzname)
    if dt is None:
        return None
    if kind == "week":
        dt = (dt - datetime.timedelta(days=dt.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0)
    elif kind == "quarter":
        dt = dt.replace(month=(dt.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0,
                        second=0, microsecond=0)
    else:
        parts = ["year", "month", "day", "hour", "minute", "second"]
        keep = parts[:parts.index(kind) + 1]
        reset = {"month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0}
        dt = dt.replace(microsecond=0, **{k: v for k, v in reset.items()
                                          if k not in keep})
    if kind in ("year", "quarter", "month", "week", "day") and dt.tzinfo is not None:
        dt = dt.replace(tzinfo=dt.tzinfo)  # midnight in the zone, kept aware
    if dt.tzinfo is not None:
        dt = dt.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return str(dt)


def _sqlite_time_trunc(kind, value, tzname):
    """Cut a time (or the time of a datetime, in zone `tzname`) to `kind`."""
    import datetime

    if value is None:
        return None
    dt = _sqlite_parse_dt(value, tzname) if len(str(value)) > 15 else None
    if dt is None:
        try:
            dt = datetime.time.fromisoformat(str(value))
        except ValueError:
            return None
    if kind == "hour":
        return "%02d:00:00" % dt.hour
    if kind == "minute":
        return "%02d:%02d:00" % (dt.hour, dt.minute)
    if kind == "second":
        return "%02d:%02d:%02d" % (dt.hour, dt.minute, dt.second)
    raise ValueError("Unsupported lookup type: %r" % kind)


def _typecast_timestamp(text):
    """Stored date or datetime text as a date or a datetime (an offset is
    dropped; aware in UTC when USE_TZ), as Django's typecast_timestamp."""
    import datetime

    text = str(text)
    if " " not in text:
        return datetime.date(*map(int, text.split("-")))
    day, time = text.split()
    for sign in "-+":
        if sign in time:
            time = time.split(sign, 1)[0]
    hours, minutes, seconds = time.split(":")
    seconds, _dot, micro = seconds.partition(".")
    tzinfo = datetime.timezone.utc if settings.USE_TZ else None
    return datetime.datetime(*map(int, day.split("-")), int(hours), int(minutes),
                             int(seconds), int((micro + "000000")[:6]), tzinfo)


def _sqlite_format_dtdelta(connector, lhs, rhs):
    """A duration (microseconds) with a date, datetime or number."""
    import datetime

    if connector is None or lhs is None or rhs is None:
        return None
    connector = connector.strip()

    def prepare(param):
        if connector not in "+-":
            return param
        if isinstance(param, int):
            return datetime.timedelta(0, 0, param)
        return _typecast_timestamp(param)

    try:
        real_lhs, real_rhs = prepare(lhs), prepare(rhs)
    except (ValueError, TypeError):
        return None
    if connector == "+":
        return str(real_lhs + real_rhs)
    if connector == "-":
        return str(real_lhs - real_rhs)
    if connector == "*":
        return real_lhs * real_rhs
    return real_lhs / real_rhs


def _sqlite_time_diff(lhs, rhs):
    """The duration (microseconds) between two times of day."""
    import datetime

    if lhs is None or rhs is None:
        return None

    def microseconds(text):
        t = datetime.time.fromisoformat(str(text))
        return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000000 + t.microsecond

    return microseconds(lhs) - microseconds(rhs)


def _sqlite_timestamp_diff(lhs, rhs):
    import datetime

    if lhs is None or rhs is None:
        return None
    left, right = _typecast_timestamp(lhs), _typecast_timestamp(rhs)
    if not isinstance(left, datetime.datetime):
        left = datetime.datetime.combine(left, datetime.time(), right.tzinfo
                                         if isinstance(right, datetime.datetime)
                                         else None)
    if not isinstance(right, datetime.datetime):
        right = datetime.datetime.combine(right, datetime.time(), left.tzinfo)
    delta = left - right
    return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds


def _sqlite_date_trunc(kind, value):
    import datetime

    if value is None:
        return None
    d = datetime.date.fromisoformat(str(value)[:10])
    if kind == "year":
        d = d.replace(month=1, day=1)
    elif kind == "quarter":
        d = d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
    elif kind == "month":
        d = d.replace(day=1)
    elif kind == "week":
        d = d - datetime.timedelta(days=d.weekday())
    return str(d)


def _sqlite_date_extract(lookup, value):
    import datetime

    if value is None:
        return None
    try:
        return _extract(lookup, datetime.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return None


def _sqlite_time_extract(lookup, value):
    import datetime

    if value is None:
        return None
    try:
        return _extract(lookup, datetime.time.fromisoformat(str(value)))
    except ValueError:
        return None


def _quote_literal(value):
    """Render a parameter as an SQL literal, for the query log only."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "X'%s'" % bytes(value).hex()
    return "'%s'" % str(value).replace("'", "''")


def _interpolate(sql, params):
    """Return `sql` with its ? placeholders replaced by literals (for logs)."""
    if not params:
        return sql
    parts = sql.split("?")
    if len(parts) != len(params) + 1:
        return "%s -- params: %r" % (sql, tuple(params))
    out = [parts[0]]
    for value, part in zip(params, parts[1:]):
        out.append(_quote_literal(value))
        out.append(part)
    return "".join(out)


def quote_name(name):
    """Quote an SQL identifier, doubling the double quotes inside it.

    A name already quoted (Django's '"schema"."table"' convention does not
    apply to SQLite) passes unchanged only if it is one well-formed quoted
    identifier, so that no name can end the quoting and go on as SQL.
    Answers for plain str names are remembered (_QUOTED_NAMES, bounded):
    every compiled query quotes the same few table and column names.
    """
    if name.__class__ is not str:
        return _quote_name(name)
    quoted = _QUOTED_NAMES.get(name)
    if quoted is None:
        quoted = _quote_name(name)
        if len(_QUOTED_NAMES) < 10000:
            _QUOTED_NAMES[name] = quoted
    return quoted


#: quote_name()'s answers, by name (the names of models' tables and columns).
_QUOTED_NAMES = {}


def _quote_name(name):
    """quote_name() without the memory (tests/test_fast_paths.py compares)."""
    if _is_quoted_identifier(name):
        return name
    return '"%s"' % name.replace('"', '""')


def _is_quoted_identifier(name):
    """True if `name` is "...", with every quote inside it doubled."""
    if len(name) < 2 or name[0] != '"' or name[-1] != '"':
        return False
    inner = name[1:-1]
    return '"' not in inner.replace('""', "")


#: What a column alias may not contain (Django's check_alias): whitespace,
#: quotes, brackets, semicolons, hashes, C0/C1 control characters, comments.
_FORBIDDEN_ALIAS_PATTERN = r"[\s'\"`\[\];#\x00-\x1f\x7f-\x9f]|--|/\*|\*/"


def check_alias(alias):
    """Refuse a user-given alias (annotate, alias, aggregate, values keys) that
    could end an identifier or start a comment, with Django's ValueError.

    Every alias is also quoted by quote_name(); this is the second wall, and
    the message and the accepted names are Django's.
    """
    if alias.isidentifier():  # no identifier character is a forbidden one
        return
    import re

    if re.search(_FORBIDDEN_ALIAS_PATTERN, alias):
        raise ValueError("Column aliases cannot contain whitespace characters, "
                         "hashes, control characters, quotation marks, semicolons, "
                         "or SQL comments.")


#: [the app registry] while the default registry's populate() runs (its
#: apps' models imported, their ready() called), else [None]: a query then
#: warns (_query_during_app_init()).  One read on every query.
_POPULATING = [None]


def _query_during_app_init():
    """Warn, as Django's cursors do, of a query run while the apps are set
    up (a test that swaps the installed apps sets stored_app_configs)."""
    registry = _POPULATING[0]
    if not registry.ready and not registry.stored_app_configs:
        import warnings

        warnings.warn(CursorWrapper.APPS_NOT_READY_WARNING_MSG, RuntimeWarning,
                      stacklevel=4)


class CursorWrapper:
    """A DB-API cursor taking Django's %s placeholders (connection.cursor())."""

    APPS_NOT_READY_WARNING_MSG = (
        "Accessing the database during app initialization is discouraged. To fix "
        "this warning, avoid executing queries in AppConfig.ready() or when your "
        "app modules are imported.")

    def __init__(self, cursor, db):
        self.cursor = cursor
        self.db = db

    @staticmethod
    def _convert(sql, params):
        if params is None:
            return sql
        if isinstance(params, dict):
            import re

            return re.sub(r"%\((\w+)\)s", r":\1", sql).replace("%%", "%")
        return sql.replace("%s", "?").replace("%%", "%")

    def execute(self, sql, params=None):
        sql = self._convert(sql, params)
        self.db._execute(sql, params if params is not None else (), self.cursor)
        return self

    def executemany(self, sql, param_list):
        param_list = list(param_list)
        sql = self._convert(sql, param_list[0] if param_list else ())
        self.db._executemany(sql, param_list, self.cursor)
        return self

    def callproc(self, *args):
        raise NotSupportedError("SQLite has no stored procedures.")

    def __getattr__(self, name):
        return getattr(self.cursor, name)

    def __iter__(self):
        return iter(self.cursor)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        try:
            self.cursor.close()
        except Exception:
            pass


class DatabaseFeatures:
    """What the SQLite backend supports (for skipIfDBFeature and friends)."""

    def __init__(self, connection):
        self.connection = connection

    supports_transactions = True
    bare_select_suffix = ""  # SELECT without FROM needs nothing on SQLite
    uses_savepoints = True
    can_release_savepoints = True
    atomic_transactions = False
    supports_foreign_keys = True
    can_rollback_ddl = True
    has_select_for_update = False
    has_native_uuid_field = False
    has_native_duration_field = False
    has_native_json_field = False
    supports_json_field = True
    supports_primitives_in_json_field = True
    supports_timezones = False
    has_zoneinfo_database = True
    supports_over_clause = True
    supports_aggregate_filter_clause = True
    supports_paramstyle_pyformat = False
    supports_regex_backreferencing = False
    supports_sequence_reset = False
    supports_microsecond_precision = True
    supports_forward_references = True
    can_return_rows_from_bulk_insert = True
    can_return_columns_from_insert = True
    has_bulk_insert = True
    supports_combined_alters = False
    supports_partial_indexes = True
    supports_expression_indexes = True
    supports_deferrable_unique_constraints = False
    test_db_allows_multiple_connections = False
    max_query_params = 999
    interprets_empty_strings_as_nulls = False
    ignores_table_name_case = True
    supports_unspecified_pk = True
    allows_group_by_selected_pks = False
    # Row values, (a, b) = (?, ?): djscratch compiles composite keys to them
    # (SQLite 3.15+); Django's SQLite backend expands them instead.
    supports_tuple_lookups = True
    allows_group_by_select_index = True
    #: The SQL of Now() in UTC for tests (None: Now()'s own; Django's SQLite).
    test_now_utc_template = None
    connection_persists_old_columns = False
    can_defer_constraint_checks = True
    supports_select_union = True
    supports_select_intersection = True
    supports_select_difference = True
    supports_slicing_ordering_in_compound = True
    supports_update_conflicts = True
    supports_update_conflicts_with_target = True
    allows_auto_pk_0 = True
    supports_ignore_conflicts = True
    supports_stored_generated_columns = True
    supports_virtual_generated_columns = True
    # The model layer's features, with Django's values for SQLite.
    allows_group_by_lob = True
    related_fields_match_type = False
    supports_table_check_constraints = True
    supports_nulls_distinct_unique_constraints = False
    supports_nullable_unique_constraints = True
    supports_index_column_ordering = True
    delete_can_self_reference_subquery = True
    supports_functions_in_partial_indexes = True
    supports_partially_nullable_unique_constraints = True
    supports_covering_indexes = False
    supports_default_keyword_in_insert = False
    supports_default_keyword_in_bulk_insert = False
    supports_expression_defaults = True
    supports_boolean_expr_in_select_clause = True
    supports_collation_on_charfield = True
    supports_comments = False
    test_collations = {"ci": "nocase", "cs": "binary", "non_default": "nocase",
                       "virtual": "nocase"}

    # The rest of Django 5.2's flags, with their values for SQLite (its test
    # suite and third-party tests read them through skipUnlessDBFeature).
    allow_sliced_subqueries_with_in = True
    allows_multiple_constraints_on_same_fields = True
    bare_select_suffix = ''
    can_alter_table_drop_column = True
    can_clone_databases = True
    can_create_inline_fk = False
    can_distinct_on_fields = False
    can_introspect_check_constraints = True
    can_introspect_default = True
    can_introspect_foreign_keys = True
    can_introspect_json_field = True
    can_introspect_materialized_views = False
    can_rename_index = False
    can_use_chunked_reads = True
    collate_as_index_expression = False
    create_test_procedure_with_int_param_sql = None
    create_test_procedure_without_params_sql = None
    delete_can_self_reference_subquery = True
    empty_fetchmany_value = []
    for_update_after_from = False
    gis_enabled = False
    greatest_least_ignores_nulls = False
    has_case_insensitive_like = True
    has_json_object_function = True
    has_json_operators = False
    has_real_datatype = False
    has_select_for_no_key_update = False
    has_select_for_update_nowait = False
    has_select_for_update_of = False
    has_select_for_update_skip_locked = False
    ignores_unnecessary_order_by_in_subqueries = True
    implied_column_null = False
    indexes_foreign_keys = True
    insert_test_table_with_defaults = 'INSERT INTO {} ("null") VALUES (1)'
    json_key_contains_list_matching_requires_list = False
    minimum_database_version = (3, 31)
    nulls_order_largest = False
    only_supports_unbounded_with_preceding_and_following = False
    order_by_nulls_first = True
    prohibits_null_characters_in_text_exception = None
    requires_casted_case_in_updates = False
    requires_compound_order_by_subquery = False
    requires_explicit_null_ordering_when_grouping = False
    requires_literal_defaults = True
    rounds_to_even = False
    schema_editor_uses_clientside_param_binding = False
    select_for_update_of_column = False
    supported_explain_formats = set()
    supports_callproc_kwargs = False
    supports_cast_with_precision = False
    supports_collation_on_textfield = True
    supports_column_check_constraints = True
    supports_comments_inline = False
    supports_comparing_boolean_expr = True
    supports_date_lookup_using_string = True
    supports_default_in_lead_lag = True
    supports_explaining_query_execution = True
    supports_frame_exclusion = True
    supports_frame_range_fixed_distance = True
    supports_functions_in_partial_indexes = True
    supports_index_column_ordering = True
    supports_index_on_text_field = True
    supports_logical_xor = False
    supports_non_deterministic_collations = True
    supports_nullable_unique_constraints = True
    supports_order_by_nulls_modifier = True
    supports_parentheses_in_compound = False
    supports_partially_nullable_unique_constraints = True
    supports_select_for_update_with_limit = True
    supports_subqueries_in_group_by = True
    supports_tablespaces = False
    supports_temporal_subtraction = True
    supports_unlimited_charfield = True
    time_cast_precision = 3
    truncates_names = False
    update_can_self_select = True
    introspected_field_types = {
        "AutoField": "AutoField", "BigAutoField": "AutoField",
        "BigIntegerField": "BigIntegerField", "BinaryField": "BinaryField",
        "BooleanField": "BooleanField", "CharField": "CharField",
        "DurationField": "BigIntegerField", "GenericIPAddressField": "CharField",
        "IntegerField": "IntegerField",
        "PositiveBigIntegerField": "PositiveBigIntegerField",
        "PositiveIntegerField": "PositiveIntegerField",
        "PositiveSmallIntegerField": "PositiveSmallIntegerField",
        "SmallAutoField": "AutoField", "SmallIntegerField": "SmallIntegerField",
        "TimeField": "TimeField",
    }
    #: Django's test suite expects these to fail on SQLite.
    django_test_expected_failures = {
        "expressions.tests.FTimeDeltaTests.test_mixed_comparisons1"}

    @property
    def django_test_skips(self):
        """{reason: {test names}}: the tests of Django's own suite skipped on
        SQLite, as Django's backend lists them."""
        import sqlite3

        skips = {
            "SQLite stores values rounded to 15 significant digits.": {
                "model_fields.test_decimalfield.DecimalFieldTests."
                "test_fetch_from_db_without_float_rounding"},
            "SQLite naively remakes the table on field alteration.": {
                "schema.tests.SchemaTests.test_unique_no_unnecessary_fk_drops",
                "schema.tests.SchemaTests.test_unique_and_reverse_m2m",
                "schema.tests.SchemaTests."
                "test_alter_field_default_doesnt_perform_queries",
                "schema.tests.SchemaTests."
                "test_rename_column_renames_deferred_sql_references"},
            "SQLite doesn't support negative precision for ROUND().": {
                "db_functions.math.test_round.RoundTests.test_%s_with_negative_precision"
                % kind for kind in ("null", "decimal", "float", "integer")},
            "The actual query cannot be determined on SQLite": {
                "backends.base.test_base.ExecuteWrapperTests.test_wrapper_debug"},
        }
        if DatabaseCreation.is_in_memory_db(self.connection.settings_dict.get("NAME")):
            skips["the sqlite backend's close() method is a no-op when using an "
                  "in-memory database"] = {
                "servers.test_liveserverthread.LiveServerThreadTest."
                "test_closes_connections",
                "servers.tests.LiveServerTestCloseConnectionTest."
                "test_closes_connections"}
            skips["For SQLite in-memory tests, closing the connection destroys the "
                  "database."] = {
                "test_utils.tests.AssertNumQueriesUponConnectionTests."
                "test_ignores_connection_configuration_queries"}
        else:
            skips["Only connections to in-memory SQLite databases are passed to the "
                  "server thread."] = {
                "servers.tests.LiveServerInMemoryDatabaseLockTest."
                "test_in_memory_database_lock"}
            skips["multiprocessing's start method is checked only for in-memory "
                  "SQLite databases"] = {
                "backends.sqlite.test_creation.TestDbSignatureTests."
                "test_get_test_db_clone_settings_not_supported"}
        if sqlite3.sqlite_version_info < (3, 47):
            skips["SQLite does not parse escaped double quotes in the JSON path "
                  "notation"] = {
                "model_fields.test_jsonfield.TestQuerying."
                "test_lookups_special_chars_double_quotes"}
        return skips

    @cached_property
    def supports_json_field_contains(self):
        return False


class DatabaseOperations:
    """Small SQL helpers (connection.ops)."""

    explain_prefix = "EXPLAIN QUERY PLAN"  # what QuerySet.explain() runs

    def __init__(self, connection):
        self.connection = connection

    #: What JSON_TYPE answers for the JSON values JSON_EXTRACT turns into SQL's.
    jsonfield_datatype_values = frozenset(["null", "false", "true"])

    def force_no_ordering(self):
        """What ORDER BY holds to order by nothing (SQLite: nothing)."""
        return []

    def adapt_json_value(self, value, encoder):
        """A JSONField's value as the JSON text stored."""
        import json

        return json.dumps(value, cls=encoder)

    def bulk_batch_size(self, fields, objs):
        """How many rows one INSERT may carry: SQLite binds at most 999
        parameters (500 rows of a single column)."""
        if len(fields) == 1:
            return 500
        if len(fields) > 1:
            return self.connection.features.max_query_params // len(fields)
        return len(objs)

    def adapt_decimalfield_value(self, value, max_digits=None, decimal_places=None):
        """The Decimal a DecimalField writes (a hook backends may change)."""
        return value

    def start_transaction_sql(self):
        """What opens a transaction in SQL a command prints (sqlmigrate...)."""
        return "BEGIN;"

    def end_transaction_sql(self, success=True):
        """What ends it: COMMIT; or, when not success, ROLLBACK;."""
        return "COMMIT;" if success else "ROLLBACK;"

    def adapt_unknown_value(self, value):
        """A parameter of no known field (raw() queries) as SQLite binds it,
        as Django's backend does: datetimes, dates, times and Decimals as
        text."""
        import datetime
        import decimal

        if isinstance(value, datetime.datetime):
            return djscratch.db.models.fields._adapt_datetime(value)
        if isinstance(value, (datetime.date, datetime.time, decimal.Decimal)):
            return str(value)
        return value

    def quote_name(self, name):
        return quote_name(name)

    def max_name_length(self):
        return None

    def last_insert_id(self, cursor, table_name, pk_name):
        return cursor.lastrowid

    def integer_field_range(self, internal_type):
        return _sqlite_integer_range(internal_type)

    def date_extract_sql(self, lookup_type, sql, params):
        """(sql, params) extracting `lookup_type` ("year", ...) from a date,
        for custom transforms, with the function djscratch registers."""
        return f"django_date_extract(%s, {sql})", (lookup_type.lower(), *params)

    def time_extract_sql(self, lookup_type, sql, params):
        return f"django_time_extract(%s, {sql})", (lookup_type.lower(), *params)


def _sqlite_integer_range(internal_type):
    """(min, max) of an integer field on SQLite, or (None, None) for others.

    SQLite enforces no column size but stores integers in 64 bits, so every
    integer field is bounded there, the positive ones at 0 (as in Django).
    """
    if internal_type not in _INTEGER_RANGES:
        return None, None
    if internal_type.startswith("Positive"):
        return 0, 2 ** 63 - 1
    return -(2 ** 63), 2 ** 63 - 1


#: (min, max) per integer field type on databases with sized integer columns
#: (Django's base integer_field_ranges); the keys are the integer field types.
_INTEGER_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "PositiveBigIntegerField": (0, 9223372036854775807),
    "PositiveSmallIntegerField": (0, 32767),
    "PositiveIntegerField": (0, 2147483647),
    "SmallAutoField": (-32768, 32767),
    "AutoField": (-2147483648, 2147483647),
    "BigAutoField": (-9223372036854775808, 9223372036854775807),
}


# The methods a plain page never runs are in sqlite_extra.py, defined on first
# use.
@_methods_on_first_use("_DatabaseCreationMore", (
    "_get_test_db_name", "create_test_db", "destroy_test_db",
    "mark_expected_failures_and_skips",
))
class DatabaseCreation:
    """Create and destroy the test database (connection.creation).

    Django's seams for the test runner: the test database never touches the
    real one.  An in-memory test database is a shared-cache URI, so every
    thread's connection sees the same data, as Django's does.
    """

    def __init__(self, connection):
        self.connection = connection

    @staticmethod
    def is_in_memory_db(name):
        name = str(name)
        return name == ":memory:" or "mode=memory" in name


class _ListAggregate(list):
    """An SQLite aggregate that collects its values; finalize() computes."""

    step = list.append


def _statistics_aggregate(function_name):
    """An aggregate class finishing with statistics.<function_name>;
    statistics (and with it decimal and fractions) loads on first use."""
    def finalize(self):
        import statistics

        return getattr(statistics, function_name)(self)

    return type(function_name, (_ListAggregate,), {"finalize": finalize})


#: The aggregates SQLite lacks, as Django's backend adds them (StdDev, Variance).
def _null_safe(function):
    """A scalar SQL function that answers NULL when an argument is NULL."""
    def wrapper(*args):
        if any(arg is None for arg in args):
            return None
        return function(*args)
    return wrapper


def _sqlite_lpad(text, length, fill_text):
    delta = length - len(text)
    if delta <= 0:
        return text[:length]
    return (fill_text * length)[:delta] + text


def _sqlite_rpad(text, length, fill_text):
    return (text + fill_text * length)[:length]


def _hexdigest(name):
    """The SQL function `name` (MD5, SHA1, ...): the hex digest of its text.
    hashlib (and OpenSSL, some 3 MiB) loads when a query first calls one,
    not when a connection registers them."""
    def hexdigest(text):
        import hashlib

        return hashlib.new(name, text.encode()).hexdigest()

    return hexdigest


def _sqlite_functions():
    """The functions Django registers on an SQLite connection: name ->
    (arguments, function); the math ones only where SQLite lacks them."""
    import math

    functions = {
        "BITXOR": (2, lambda x, y: x ^ y), "COT": (1, lambda x: 1 / math.tan(x)),
        "LPAD": (3, _sqlite_lpad), "RPAD": (3, _sqlite_rpad),
        "REPEAT": (2, lambda text, count: text * count),
        "REVERSE": (1, lambda text: text[::-1]),
        "SIGN": (1, lambda x: (x > 0) - (x < 0)),
    }
    for name in ("MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512"):
        functions[name] = (1, _hexdigest(name.lower()))
    math_functions = {
        "ACOS": (1, math.acos), "ASIN": (1, math.asin), "ATAN": (1, math.atan),
        "ATAN2": (2, math.atan2), "CEILING": (1, math.ceil), "COS": (1, math.cos),
        "DEGREES": (1, math.degrees), "EXP": (1, math.exp),
        "FLOOR": (1, math.floor), "LN": (1, math.log),
        "LOG": (2, lambda base, x: math.log(x, base)), "MOD": (2, math.fmod),
        "POWER": (2, lambda x, y: x ** y), "RADIANS": (1, math.radians),
        "SIN": (1, math.sin), "SQRT": (1, math.sqrt), "TAN": (1, math.tan),
    }
    return {name: (n, _null_safe(f)) for name, (n, f) in functions.items()}, \
        {name: (n, _null_safe(f)) for name, (n, f) in math_functions.items()}


def _register_sqlite_functions(conn):
    import math

    functions, math_functions = _sqlite_functions()
    sql = "select sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS')"
    if not conn.execute(sql).fetchone()[0]:
        functions.update(math_functions)
        conn.create_function("PI", 0, lambda: math.pi, deterministic=True)
    for name, (n, function) in functions.items():
        conn.create_function(name, n, function, deterministic=True)
    # RANDOM() answers a 64-bit integer; Django's Random() is in [0, 1).
    conn.create_function("RAND", 0, _sqlite_rand)


def _sqlite_rand():
    """RAND(): random.random(), the module imported on the first call (a
    connection that never orders by "?" does not load it)."""
    import random

    return random.random()


_SQLITE_AGGREGATES = {
    "STDDEV_POP": _statistics_aggregate("pstdev"),
    "STDDEV_SAMP": _statistics_aggregate("stdev"),
    "VAR_POP": _statistics_aggregate("pvariance"),
    "VAR_SAMP": _statistics_aggregate("variance"),
}


# The methods a plain page never runs are in sqlite_extra.py, defined on first
# use.
@_methods_on_first_use("_DatabaseWrapperMore", (
    "_drop_pending_savepoint", "_executemany", "_log", "_rollback_transaction",
    "_run_hook", "_upgrade_error", "atomic_blocks_depth", "check_constraints",
    "chunked_cursor", "close", "commit", "connect", "cursor",
    "disable_constraint_checking", "enable_constraint_checking", "get_rollback",
    "introspection", "introspection_table_names", "is_usable", "mark_for_update",
    "on_commit", "queries", "rollback", "savepoint", "savepoint_commit",
    "savepoint_rollback", "schema_editor", "set_autocommit", "set_rollback",
    "validate_no_broken_transaction",
))
class DatabaseWrapper:
    """One thread's connection to one database (Django's DatabaseWrapper).

    The sqlite3 connection opens on first use with web-safe settings: WAL,
    busy_timeout from OPTIONS["timeout"] (seconds, default 5), foreign keys
    on, then OPTIONS["init_command"].  Outside atomic() every statement
    commits on its own.  With OPTIONS["transaction_mode"] set, atomic()
    begins with BEGIN <mode> as Django does.  Without it (the default) the
    BEGIN waits for the block's first statement: a write (or a
    select_for_update() read) begins IMMEDIATE, so concurrent writers queue on
    the busy timeout instead of failing midway; a plain read begins DEFERRED,
    so read-only blocks never wait for a writer.  SQLite keeps the latter
    serializable: a block that read, then writes after another transaction
    committed, fails with "database is locked" (a 503) instead of losing an
    update.
    """

    vendor = "sqlite"
    display_name = "SQLite"
    queries_limit = 9000
    data_types = {
        "AutoField": "integer", "BigAutoField": "integer",
        "SmallAutoField": "integer", "BinaryField": "BLOB",
        "BooleanField": "bool", "CharField": "varchar(%(max_length)s)",
        "DateField": "date", "DateTimeField": "datetime", "DecimalField": "decimal",
        "DurationField": "bigint", "FileField": "varchar(%(max_length)s)",
        "FilePathField": "varchar(%(max_length)s)",
        "IPAddressField": "char(15)",
        "FloatField": "real", "IntegerField": "integer", "BigIntegerField": "bigint",
        "GenericIPAddressField": "char(39)", "JSONField": "text",
        "PositiveBigIntegerField": "bigint unsigned",
        "PositiveIntegerField": "integer unsigned",
        "PositiveSmallIntegerField": "smallint unsigned",
        "SlugField": "varchar(%(max_length)s)", "SmallIntegerField": "smallint",
        "TextField": "text", "TimeField": "time", "UUIDField": "char(32)",
    }
    data_type_check_constraints = {
        "PositiveBigIntegerField": '"%(column)s" >= 0',
        "JSONField": '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
        "PositiveIntegerField": '"%(column)s" >= 0',
        "PositiveSmallIntegerField": '"%(column)s" >= 0',
    }

    def __init__(self, settings_dict, alias=DEFAULT_DB_ALIAS):
        import collections

        self.settings_dict = settings_dict
        self.alias = alias
        self.validation = BaseDatabaseValidation(self)
        self.connection = None
        self.autocommit = True
        self.in_atomic_block = False
        self.commit_on_exit = True
        self.needs_rollback = False
        self.rollback_exc = None
        # The default transaction mode begins lazily: _pending_begin is the
        # list of SAVEPOINT statements waiting for the first real statement
        # (None: no transaction is pending); _reading_tx is True while a
        # lazily begun transaction has only read.
        self._pending_begin = None
        self._reading_tx = False
        self.savepoint_ids = []
        self.atomic_blocks = []
        self.savepoint_state = 0
        self.run_on_commit = []
        self.run_commit_hooks_on_set_autocommit_on = False
        self.force_debug_cursor = False
        self.queries_log = collections.deque(maxlen=self.queries_limit)
        self.features = DatabaseFeatures(self)
        self.ops = DatabaseOperations(self)
        self.creation = DatabaseCreation(self)
        self._thread_ident = threading.get_ident()

    def __repr__(self):
        return "<DatabaseWrapper vendor=%r alias=%r>" % (self.vendor, self.alias)

    # -- connecting

    def get_connection_params(self):
        name = self.settings_dict.get("NAME")
        if not name:
            raise ImproperlyConfigured(
                "settings.DATABASES is improperly configured. "
                "Please supply the NAME value.")
        return name, dict(self.settings_dict.get("OPTIONS") or {})

    def get_new_connection(self):
        import sqlite3

        name, options = self.get_connection_params()
        init_command = options.pop("init_command", "")
        mode = options.pop("transaction_mode", None)
        if mode is not None and mode.upper() not in ("DEFERRED", "EXCLUSIVE",
                                                      "IMMEDIATE"):
            raise ImproperlyConfigured(
                "settings.DATABASES[%r]['OPTIONS']['transaction_mode'] is improperly "
                "configured to '%s'. Use one of 'DEFERRED', 'EXCLUSIVE', "
                "'IMMEDIATE', or None." % (self.alias, mode))
        self._begin = mode and "BEGIN " + mode.upper()
        timeout = options.pop("timeout", 5)
        options.pop("check_same_thread", None)
        name = str(name)
        uri = options.pop("uri", name.startswith("file:"))
        conn = sqlite3.connect(name, timeout=timeout, isolation_level=None,
                               check_same_thread=False, uri=uri, **options)
        conn.execute("PRAGMA busy_timeout = %d" % int(float(timeout) * 1000))
        conn.execute("PRAGMA foreign_keys = ON")
        if not DatabaseCreation.is_in_memory_db(name):
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.create_function("REGEXP", 2, _sqlite_regexp, deterministic=True)
        conn.create_function("django_datetime_extract", 3, _sqlite_datetime_extract,
                             deterministic=True)
        conn.create_function("django_datetime_cast", 3, _sqlite_datetime_cast,
                             deterministic=True)
        conn.create_function("django_date_extract", 2, _sqlite_date_extract,
                             deterministic=True)
        conn.create_function("django_datetime_trunc", 3, _sqlite_datetime_trunc,
                             deterministic=True)
        conn.create_function("django_date_trunc", 2, _sqlite_date_trunc,
                             deterministic=True)
        conn.create_function("django_time_trunc", 3, _sqlite_time_trunc,
                             deterministic=True)
        conn.create_function("django_format_dtdelta", 3, _sqlite_format_dtdelta,
                             deterministic=True)
        conn.create_function("django_time_diff", 2, _sqlite_time_diff,
                             deterministic=True)
        conn.create_function("django_timestamp_diff", 2, _sqlite_timestamp_diff,
                             deterministic=True)
        conn.create_function("django_time_extract", 2, _sqlite_time_extract,
                             deterministic=True)
        for name, aggregate in _SQLITE_AGGREGATES.items():
            conn.create_aggregate(name, 1, aggregate)
        _register_sqlite_functions(conn)
        for statement in filter(None, (s.strip() for s in init_command.split(";"))):
            conn.execute(statement)
        return conn

    def ensure_connection(self):
        """Open the sqlite3 connection if needed; return it."""
        if self.connection is None:
            self.connection = self.get_new_connection()
            connection_created.send(sender=type(self), connection=self)
        return self.connection

    @contextlib.contextmanager
    def constraint_checks_disabled(self):
        """Run the block with foreign key checks off, where SQLite can."""
        disabled = self.disable_constraint_checking()
        try:
            yield
        finally:
            if disabled:
                self.enable_constraint_checking()

    # -- executing (every statement of the ORM passes through here)

    @property
    def queries_logged(self):
        return self.force_debug_cursor or settings.DEBUG

    def _execute(self, sql, params=(), cursor=None):
        """Run one statement; return the sqlite3 cursor."""
        if self.needs_rollback:
            self.validate_no_broken_transaction()
        if _POPULATING[0] is not None:
            _query_during_app_init()
        if (self._pending_begin is not None or self._reading_tx) and (
                self._lazy_begin(sql)):
            try:
                return self._execute_now(sql, params, cursor)
            except OperationalError as exc:
                raise self._upgrade_error(exc) from exc.__cause__
        return self._execute_now(sql, params, cursor)

    def _execute_now(self, sql, params, cursor):
        conn = self.connection or self.ensure_connection()
        if self.force_debug_cursor or settings.DEBUG:
            import time

            start = time.monotonic()
            try:
                cursor = (cursor or conn.cursor()).execute(sql, params)
            except Exception as exc:
                self._log(sql, params, start)
                _raise_db_error(exc)
            self._log(sql, params, start)
            return cursor
        try:
            if cursor is None:
                return conn.execute(sql, params)
            return cursor.execute(sql, params)
        except Exception as exc:
            _raise_db_error(exc)

    # -- transactions (called by atomic(); Django's names)

    def _start_transaction(self):
        """BEGIN in the configured mode, or leave the BEGIN pending."""
        if self._begin:
            self._execute_tx(self._begin)
        else:
            self._pending_begin = []
            self._log_tx("BEGIN")  # counted where Django sends it

    def _lazy_begin(self, sql, for_update=False):
        """Begin a pending transaction before `sql`; note a reader's first write.

        Return True when `sql` is the first write of a transaction that
        began DEFERRED (SQLite takes the write lock now, or fails at once).
        """
        reads = not for_update and sql.lstrip()[:6].upper() in (
            "SELECT", "SAVEPO", "RELEAS", "ROLLBA")
        if self._pending_begin is None:
            if reads:
                return False
            self._reading_tx = False
            return True
        savepoints, self._pending_begin = self._pending_begin, None
        # Logged when the block began (_start_transaction, savepoint()).
        self._execute_tx("BEGIN DEFERRED" if reads else "BEGIN IMMEDIATE", log=False)
        self._reading_tx = reads
        for statement in savepoints:
            self._execute_tx(statement, log=False)
        return False

    def _end_pending(self):
        self._pending_begin = None
        self._reading_tx = False

    def get_autocommit(self):
        return self.autocommit

    def _commit_transaction(self):
        """COMMIT the open transaction; its on_commit callbacks run once
        autocommit is back on (set_autocommit(True)), as in Django: a
        callback that opens an atomic block starts a new transaction."""
        pending = self._pending_begin is not None
        self._end_pending()
        if self.connection is not None and self.connection.in_transaction:
            self._execute_tx("COMMIT")
        elif pending:
            self._log_tx("COMMIT")  # nothing ran: Django's BEGIN, COMMIT
        self.run_commit_hooks_on_set_autocommit_on = True

    def _execute_tx(self, sql, log=True):
        conn = self.ensure_connection()
        try:
            conn.execute(sql)
        except Exception as exc:
            _raise_db_error(exc)
        if log:
            self._log_tx(sql)

    def _log_tx(self, sql):
        """Log a transaction statement as Django does (connection.queries).

        A lazily begun transaction logs BEGIN and its savepoints when the
        block starts, as Django sends them, not when SQLite receives them, so
        assertNumQueries() counts what it counts on Django.
        """
        if self.queries_logged:
            self.queries_log.append({"sql": sql, "time": "0.000"})

    def run_and_clear_commit_hooks(self):
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active.")
        hooks, self.run_on_commit = self.run_on_commit, []
        while hooks:
            _sids, func, robust = hooks.pop(0)
            self._run_hook(func, robust, " during transaction")


class _Introspection:
    def __init__(self, connection):
        self.connection = connection

    def identifier_converter(self, name):
        """A table or column name as the database reports it (unchanged)."""
        return name

    def table_names(self, cursor=None, include_views=False):
        return self.connection.introspection_table_names()

    def get_constraints(self, cursor, table_name):
        """{name: details} of the table's primary key, foreign keys and
        indexes, with Django's keys (columns, primary_key, unique,
        foreign_key, check, index, type, orders); CHECK constraints are not
        read back."""
        execute = self.connection._execute
        table = quote_name(table_name)
        constraints = {}
        info = execute("PRAGMA table_info(%s)" % table).fetchall()
        pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
        if pk:
            constraints["__primary__"] = {
                "columns": pk, "primary_key": True, "unique": False,
                "foreign_key": None, "check": False, "index": False}
        for row in execute("PRAGMA foreign_key_list(%s)" % table).fetchall():
            constraints["fk_%d" % row[0]] = {
                "columns": [row[3]], "primary_key": False, "unique": False,
                "foreign_key": (row[2], row[4]), "check": False, "index": False}
        for row in execute("PRAGMA index_list(%s)" % table).fetchall():
            name, unique = row[1], bool(row[2])
            if name.startswith("sqlite_autoindex") and not unique:
                continue
            keys = [r for r in execute("PRAGMA index_xinfo(%s)" % quote_name(
                name)).fetchall() if r[5]]  # key columns (not the rowid)
            constraints[name] = {
                "columns": [r[2] for r in keys], "primary_key": False,
                "unique": unique, "foreign_key": None, "check": False,
                "index": True, "type": "idx",
                "orders": ["DESC" if r[3] else "ASC" for r in keys]}
        return constraints

    def get_table_description(self, cursor, table_name):
        return self.connection._execute(
            "PRAGMA table_info(%s)" % quote_name(table_name)).fetchall()

    def get_primary_key_columns(self, cursor, table_name):
        """The names of the table's primary key columns (several for a
        composite key), in the table's order."""
        rows = self.get_table_description(cursor, table_name)
        return [row[1] for row in rows if row[5]]
