"""Benchmark djscratch's ORM against raw sqlite3 (and Django, peewee if present).

    python3 bench/orm.py                          # djscratch vs raw sqlite3
    /work/ref/djvenv/bin/python bench/orm.py      # also Django's ORM and peewee

Each ORM runs in its own process (djscratch's django.* alias and real Django
cannot share an interpreter), next to raw sqlite3 in that same process: the
two are timed alternately, operation by operation, and the ratio column is
ORM time / raw time from the same process, so machine load affects both.
Every engine uses an in-memory SQLite database with the same 10,000 rows.
"save x10000" builds and saves 10,000 instances in one transaction (raw: 10,000
INSERTs of ready rows); "bulk_create 10000" inserts 10,000 instances built
beforehand (raw: executemany of ready rows); both then delete everything.
The reads then run over 10,000 items and 1,000 tags (each tag keyed to an
item): "values()" reads two columns of 100 rows as dicts (raw: the tuples),
"select_related" 50 tags with their items in one JOIN (raw: the joined tuples).
"""

import os
import sys
import timeit

ROWS = 10_000
HERE = os.path.dirname(os.path.abspath(__file__))
#: operation -> how many calls per timing run
OPERATIONS = {
    "save x10000": 1, "bulk_create 10000": 1, "filter 100 rows": 100,
    "order_by()[:50]": 100, "count": 100, "get(pk)": 2000, "values()": 100,
    "select_related": 100,
}
TAGS = 1_000


def raw_operations():
    """Return {operation: callable} doing each job with plain sqlite3."""
    import sqlite3

    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute('CREATE TABLE item ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
               '"name" varchar(50) NOT NULL, "score" integer NOT NULL)')
    db.execute('CREATE TABLE tag ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
               '"label" varchar(20) NOT NULL, "item_id" integer NOT NULL '
               'REFERENCES item ("id"))')
    rows = [("name %d" % i, i % 100) for i in range(ROWS)]
    insert = 'INSERT INTO item ("name", "score") VALUES (?, ?)'

    def inserts():
        db.execute("BEGIN")
        for row in rows:
            db.execute(insert, row)
        db.execute("COMMIT")
        db.execute("DELETE FROM item")

    def executemany():
        db.execute("BEGIN")
        db.executemany(insert, rows)
        db.execute("COMMIT")
        db.execute("DELETE FROM item")

    state = {}

    def fill():
        db.executemany(insert, rows)
        # AUTOINCREMENT: the ids go on after the writes' deleted rows.
        state["first"] = db.execute("SELECT MIN(id) FROM item").fetchone()[0]
        db.executemany('INSERT INTO tag ("label", "item_id") VALUES (?, ?)',
                       [("tag %d" % i, state["first"] + i * 10) for i in range(TAGS)])

    return fill, {
        "save x10000": inserts,
        "bulk_create 10000": executemany,
        "filter 100 rows": lambda: db.execute(
            'SELECT "id", "name", "score" FROM item WHERE "score" = ?',
            (7,)).fetchall(),
        "order_by()[:50]": lambda: db.execute(
            'SELECT "id", "name", "score" FROM item ORDER BY "name" LIMIT 50'
        ).fetchall(),
        "count": lambda: db.execute(
            "SELECT COUNT(*) FROM item WHERE score < ?", (50,)).fetchone(),
        "get(pk)": lambda: db.execute(
            'SELECT "id", "name", "score" FROM item WHERE "id" = ?',
            (state["first"] + 76,)).fetchone(),
        "values()": lambda: db.execute(
            'SELECT "id", "name" FROM item WHERE "score" = ?', (7,)).fetchall(),
        "select_related": lambda: db.execute(
            'SELECT t."id", t."label", t."item_id", i."id", i."name", i."score" '
            'FROM tag t INNER JOIN item i ON t."item_id" = i."id" ORDER BY t."id" '
            "LIMIT 50").fetchall(),
    }


def django_operations(engine):
    """Return {operation: callable} with Django's API (djscratch or Django)."""
    if engine == "djscratch":
        sys.path.insert(0, os.path.dirname(HERE))
        import djscratch

        djscratch.override_settings(
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                                   "NAME": ":memory:"}},
            USE_TZ=True, TIME_ZONE="UTC", DEBUG=False,
            DEFAULT_AUTO_FIELD="django.db.models.AutoField").enable()
    else:
        import django
        from django.conf import settings

        settings.configure(
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                                   "NAME": ":memory:"}},
            USE_TZ=True, TIME_ZONE="UTC", DEBUG=False, INSTALLED_APPS=[],
            DEFAULT_AUTO_FIELD="django.db.models.AutoField")
        django.setup()
    from django.db import connection, models, transaction

    class Item(models.Model):
        name = models.CharField(max_length=50)
        score = models.IntegerField()

        class Meta:
            app_label = "bench"

    class Tag(models.Model):
        label = models.CharField(max_length=20)
        item = models.ForeignKey(Item, models.CASCADE)

        class Meta:
            app_label = "bench"

    with connection.schema_editor() as editor:
        editor.create_model(Item)
        editor.create_model(Tag)

    def saves():
        with transaction.atomic():
            for i in range(ROWS):
                Item(name="name %d" % i, score=i % 100).save()
        Item.objects.all().delete()

    prebuilt = [Item(name="name %d" % i, score=i % 100) for i in range(ROWS)]

    def bulk():
        for obj in prebuilt:  # as raw executemany gets its rows ready-made
            obj.pk = None
        Item.objects.bulk_create(prebuilt)
        Item.objects.all().delete()

    def fill():
        Item.objects.bulk_create([Item(name="name %d" % i, score=i % 100)
                                  for i in range(ROWS)])
        state["first"] = Item.objects.order_by("pk").first().pk
        Tag.objects.bulk_create([
            Tag(label="tag %d" % i, item_id=state["first"] + i * 10)
            for i in range(TAGS)])

    state = {}
    return fill, {
        "save x10000": saves,
        "bulk_create 10000": bulk,
        "filter 100 rows": lambda: list(Item.objects.filter(score=7)),
        "order_by()[:50]": lambda: list(Item.objects.order_by("name")[:50]),
        "count": lambda: Item.objects.filter(score__lt=50).count(),
        "get(pk)": lambda: Item.objects.get(pk=state["first"] + 76),
        "values()": lambda: list(Item.objects.filter(score=7).values("id", "name")),
        "select_related": lambda: list(
            Tag.objects.select_related("item").order_by("id")[:50]),
    }


def peewee_operations():
    import peewee

    db = peewee.SqliteDatabase(":memory:")

    class Item(peewee.Model):
        name = peewee.CharField(max_length=50)
        score = peewee.IntegerField()

        class Meta:
            database = db

    class Tag(peewee.Model):
        label = peewee.CharField(max_length=20)
        item = peewee.ForeignKeyField(Item)

        class Meta:
            database = db

    db.create_tables([Item, Tag])

    def saves():
        with db.atomic():
            for i in range(ROWS):
                Item(name="name %d" % i, score=i % 100).save()
        Item.delete().execute()

    prebuilt = [Item(name="name %d" % i, score=i % 100) for i in range(ROWS)]

    def bulk():
        for obj in prebuilt:
            obj.id = None
        with db.atomic():
            Item.bulk_create(prebuilt, batch_size=300)
        Item.delete().execute()

    state = {}

    def fill():
        with db.atomic():
            Item.bulk_create([Item(name="name %d" % i, score=i % 100)
                              for i in range(ROWS)], batch_size=300)
            state["first"] = Item.select().order_by(Item.id).first().id
            Tag.bulk_create([Tag(label="tag %d" % i, item=state["first"] + i * 10)
                             for i in range(TAGS)], batch_size=300)

    return fill, {
        "save x10000": saves,
        "bulk_create 10000": bulk,
        "filter 100 rows": lambda: list(Item.select().where(Item.score == 7)),
        "order_by()[:50]": lambda: list(Item.select().order_by(Item.name).limit(50)),
        "count": lambda: Item.select().where(Item.score < 50).count(),
        "get(pk)": lambda: Item.get_by_id(state["first"] + 76),
        "values()": lambda: list(
            Item.select(Item.id, Item.name).where(Item.score == 7).dicts()),
        "select_related": lambda: list(
            Tag.select(Tag, Item).join(Item).order_by(Tag.id).limit(50)),
    }


def measure(engine, repeat=5):
    """Time `engine` and raw sqlite3 alternately; return {op: (raw_us, orm_us)}."""
    raw_fill, raw = raw_operations()
    orm_fill, orm = (peewee_operations() if engine == "peewee"
                     else django_operations(engine))
    results = {}
    for op, number in OPERATIONS.items():
        if op == "filter 100 rows":  # the read tests need the rows
            raw_fill()
            orm_fill()
        best_raw = best_orm = float("inf")
        for _ in range(repeat if number > 1 else 3):
            best_raw = min(best_raw, timeit.timeit(raw[op], number=number))
            best_orm = min(best_orm, timeit.timeit(orm[op], number=number))
        results[op] = (best_raw / number * 1e6, best_orm / number * 1e6)
    return results


def _in_subprocess(engine):
    import json
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--json", engine],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main(argv):
    import json

    if len(argv) == 3 and argv[1] == "--json":
        print(json.dumps(measure(argv[2])))
        return
    table = {"djscratch": _in_subprocess("djscratch")}
    for engine in ("django", "peewee"):
        try:
            __import__(engine)
        except ImportError:
            continue
        table[engine] = _in_subprocess(engine)
    print("%-18s" % "operation" + "".join("%30s" % n for n in table))
    for op in OPERATIONS:
        cells = []
        for name in table:
            raw_us, orm_us = table[name][op]
            cells.append("%9.1f us (raw %7.1f) %5.1fx" % (orm_us, raw_us,
                                                          orm_us / raw_us))
        print("%-18s" % op + "".join("%30s" % c for c in cells))
    print("ratio = ORM time / raw sqlite3 time, both measured in the ORM's process")


if __name__ == "__main__":
    main(sys.argv)
