"""Benchmark djscratch's ORM against raw sqlite3 (and Django, peewee if present).

    python3 bench/orm.py                          # djscratch vs raw sqlite3
    /work/ref/djvenv/bin/python bench/orm.py      # also Django's ORM and peewee

Each engine runs in a subprocess of the same interpreter.

Every engine uses its own in-memory SQLite database holding the same rows;
timings are the best of several timeit runs, per operation, in microseconds.
The ratio column is engine time / raw sqlite3 time.
"""

import os
import sys
import timeit

ROWS = 10_000
HERE = os.path.dirname(os.path.abspath(__file__))


def best(stmt, number, repeat=5):
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1e6


# -- raw sqlite3 -------------------------------------------------------------

def bench_raw():
    import sqlite3

    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute('CREATE TABLE item ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
               '"name" varchar(50) NOT NULL, "score" integer NOT NULL)')
    rows = [("name %d" % i, i % 100) for i in range(ROWS)]
    results = {}

    def inserts():
        db.execute("BEGIN")
        for row in rows:
            db.execute('INSERT INTO item ("name", "score") VALUES (?, ?)', row)
        db.execute("COMMIT")
        db.execute("DELETE FROM item")

    def executemany():
        db.execute("BEGIN")
        db.executemany('INSERT INTO item ("name", "score") VALUES (?, ?)', rows)
        db.execute("COMMIT")
        db.execute("DELETE FROM item")

    results["save x10000"] = best(inserts, 1, 3)
    results["bulk_create 10000"] = best(executemany, 1, 3)
    db.executemany('INSERT INTO item ("name", "score") VALUES (?, ?)', rows)
    results["filter 100 rows"] = best(lambda: db.execute(
        'SELECT "id", "name", "score" FROM item WHERE "score" = ?', (7,)).fetchall(),
        200)
    results["order_by()[:50]"] = best(lambda: db.execute(
        'SELECT "id", "name", "score" FROM item ORDER BY "name" LIMIT 50').fetchall(),
        200)
    results["count"] = best(lambda: db.execute(
        "SELECT COUNT(*) FROM item WHERE score < ?", (50,)).fetchone(), 200)
    results["get(pk)"] = best(lambda: db.execute(
        'SELECT "id", "name", "score" FROM item WHERE "id" = ?', (77,)).fetchone(),
        2000)
    return results


# -- djscratch / Django (same model code) ------------------------------------

def bench_orm(engine):
    if engine == "djscratch":
        sys.path.insert(0, os.path.dirname(HERE))
        import djscratch  # noqa: F401

        from djscratch import override_settings

        override_settings(
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

    with connection.schema_editor() as editor:
        editor.create_model(Item)
    results = {}

    def saves():
        with transaction.atomic():
            for i in range(ROWS):
                Item(name="name %d" % i, score=i % 100).save()
        Item.objects.all().delete()

    def bulk():
        Item.objects.bulk_create(
            [Item(name="name %d" % i, score=i % 100) for i in range(ROWS)])
        Item.objects.all().delete()

    results["save x10000"] = best(saves, 1, 3)
    results["bulk_create 10000"] = best(bulk, 1, 3)
    Item.objects.bulk_create([Item(name="name %d" % i, score=i % 100)
                              for i in range(ROWS)])
    first = Item.objects.order_by("pk").first().pk
    results["filter 100 rows"] = best(lambda: list(Item.objects.filter(score=7)), 200)
    results["order_by()[:50]"] = best(lambda: list(Item.objects.order_by("name")[:50]),
                                      200)
    results["count"] = best(lambda: Item.objects.filter(score__lt=50).count(), 200)
    results["get(pk)"] = best(lambda: Item.objects.get(pk=first + 76), 2000)
    return results


def bench_peewee():
    import peewee

    db = peewee.SqliteDatabase(":memory:")

    class Item(peewee.Model):
        name = peewee.CharField(max_length=50)
        score = peewee.IntegerField()

        class Meta:
            database = db

    db.create_tables([Item])
    results = {}

    def saves():
        with db.atomic():
            for i in range(ROWS):
                Item(name="name %d" % i, score=i % 100).save()
        Item.delete().execute()

    def bulk():
        with db.atomic():
            Item.bulk_create([Item(name="name %d" % i, score=i % 100)
                              for i in range(ROWS)], batch_size=300)
        Item.delete().execute()

    results["save x10000"] = best(saves, 1, 3)
    results["bulk_create 10000"] = best(bulk, 1, 3)
    with db.atomic():
        Item.bulk_create([Item(name="name %d" % i, score=i % 100)
                          for i in range(ROWS)], batch_size=300)
    results["filter 100 rows"] = best(lambda: list(Item.select().where(
        Item.score == 7)), 200)
    results["order_by()[:50]"] = best(lambda: list(Item.select().order_by(
        Item.name).limit(50)), 200)
    results["count"] = best(lambda: Item.select().where(Item.score < 50).count(), 200)
    results["get(pk)"] = best(lambda: Item.get_by_id(77), 2000)
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
        engine = argv[2]
        result = bench_raw() if engine == "raw" else (
            bench_peewee() if engine == "peewee" else bench_orm(engine))
        print(json.dumps(result))
        return
    # Each engine runs in its own process: djscratch's django.* alias and real
    # Django cannot share one interpreter.
    table = {"raw sqlite3": _in_subprocess("raw"),
             "djscratch": _in_subprocess("djscratch")}
    for engine, module in (("django", "django"), ("peewee", "peewee")):
        try:
            __import__(module)
        except ImportError:
            continue
        table[engine] = _in_subprocess(engine)
    raw = table["raw sqlite3"]
    names = list(table)
    print("%-20s" % "operation" + "".join("%22s" % n for n in names))
    for op in raw:
        cells = []
        for n in names:
            t = table[n][op]
            cells.append("%10.1f us %5.1fx" % (t, t / raw[op]))
        print("%-20s" % op + "".join("%22s" % c for c in cells))
    print("(best of several runs; ratio = time / raw sqlite3 time)")


if __name__ == "__main__":
    main(sys.argv)
