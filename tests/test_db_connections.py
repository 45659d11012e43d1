"""django.db's connection handler and router as Django 5.2 has them
(issue 19): ConnectionHandler(settings), ConnectionRouter with
DATABASE_ROUTERS, and the URL helpers Django's tests import beside them
(get_callable, override_script_prefix, django.urls.resolvers).
"""

import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import TEST_SETTINGS


@override_settings(**TEST_SETTINGS)
class ConnectionHandlerTests(unittest.TestCase):
    def test_a_handler_of_its_own_databases(self):
        from django.db import ConnectionHandler

        handler = ConnectionHandler({"default": {
            "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        self.assertEqual(list(handler), ["default"])
        self.assertEqual(handler.settings["default"]["ATOMIC_REQUESTS"], False)
        with handler["default"].cursor() as cursor:
            cursor.execute("SELECT 1 + 1")
            self.assertEqual(cursor.fetchone(), (2,))
        handler.close_all()

    def test_an_unknown_alias_raises_connection_does_not_exist(self):
        from django.db.utils import ConnectionDoesNotExist, ConnectionHandler

        handler = ConnectionHandler({"default": {
            "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
        with self.assertRaisesRegex(ConnectionDoesNotExist,
                                    "^The connection 'other' doesn't exist.$"):
            handler["other"]

    def test_load_backend_refuses_other_engines(self):
        from django.core.exceptions import ImproperlyConfigured
        from django.db.utils import load_backend

        self.assertTrue(load_backend("django.db.backends.sqlite3"))
        with self.assertRaisesRegex(ImproperlyConfigured, "only SQLite"):
            load_backend("django.db.backends.postgresql")


class TestRouter:
    def db_for_read(self, model, **hints):
        return "other" if model.__name__ == "Book" else None

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, **hints):
        return None if app_label == "shelf" else False


class WriteRouter:
    def db_for_write(self, model, **hints):
        return "writer"


class Book:
    __name__ = "Book"


@override_settings(**TEST_SETTINGS)
class ConnectionRouterTests(unittest.TestCase):
    def test_routers_are_asked_in_turn(self):
        from django.db.utils import ConnectionRouter

        router = ConnectionRouter([TestRouter(), WriteRouter()])
        book = type("Book", (), {})
        self.assertEqual(router.db_for_read(book), "other")
        self.assertEqual(router.db_for_read(type("Pen", (), {})), "default")
        self.assertEqual(router.db_for_write(book), "writer")
        self.assertIs(router.allow_migrate("default", "shelf"), True)
        self.assertIs(router.allow_migrate("default", "box"), False)

    def test_dotted_paths_are_imported_and_instantiated(self):
        from django.db.utils import ConnectionRouter

        router = ConnectionRouter(["tests.test_db_connections.WriteRouter"])
        self.assertIsInstance(router.routers[0], WriteRouter)

    def test_the_instance_hint_names_the_database_without_routers(self):
        from django.db.utils import ConnectionRouter

        instance = type("Obj", (), {})()
        instance._state = type("State", (), {"db": "other"})()
        self.assertEqual(ConnectionRouter([]).db_for_read(object, instance=instance),
                         "other")

    def test_allow_relation_defaults_to_the_same_database(self):
        from django.db.utils import ConnectionRouter

        def obj(db):
            o = type("Obj", (), {})()
            o._state = type("State", (), {"db": db})()
            return o

        router = ConnectionRouter([])
        self.assertIs(router.allow_relation(obj("a"), obj("a")), True)
        self.assertIs(router.allow_relation(obj("a"), obj("b")), False)

    def test_django_db_router_follows_override_settings(self):
        from django.db import router

        with override_settings(DATABASE_ROUTERS=[WriteRouter()]):
            self.assertEqual(router.db_for_write(object), "writer")
        self.assertEqual(router.db_for_write(object), "default")


from django.db import connections, models  # noqa: E402
from djscratch import sync_schema  # noqa: E402
from tests.orm_support import define_models  # noqa: E402

TWO_DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
    "other": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
}

with define_models():

    class Shelf(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "db_connections"

    class Volume(models.Model):
        title = models.CharField(max_length=20)
        shelf = models.ForeignKey(Shelf, models.CASCADE, null=True)

        class Meta:
            app_label = "db_connections"


class OtherForVolumes:
    """Volumes live in "other"; the calls are recorded with their hints."""

    def __init__(self):
        self.calls = []

    def db_for_read(self, model, **hints):
        self.calls.append(("read", model.__name__, hints))
        return "other" if model is Volume else None

    db_for_write = db_for_read


@override_settings(**TEST_SETTINGS, DATABASES=TWO_DATABASES,
                   DEFAULT_AUTO_FIELD="django.db.models.AutoField")
class MultipleDatabaseTests(unittest.TestCase):
    def setUp(self):
        for alias in TWO_DATABASES:
            connections[alias].close()
            sync_schema(using=alias, models=[Shelf, Volume], verbosity=0)

    def tearDown(self):
        for alias in TWO_DATABASES:
            connections[alias].close()

    def test_using_and_db_manager_pick_the_database(self):
        Shelf.objects.using("other").create(name="a")
        Shelf.objects.db_manager("other").create(name="b")
        self.assertEqual(Shelf.objects.count(), 0)
        self.assertEqual(Shelf.objects.using("other").count(), 2)
        self.assertEqual(Shelf.objects.db_manager("other").db, "other")

    def test_an_instance_is_saved_and_deleted_where_it_came_from(self):
        Shelf.objects.using("other").create(name="a")
        shelf = Shelf.objects.using("other").get()
        self.assertEqual(shelf._state.db, "other")
        shelf.name = "b"
        shelf.save()
        shelf.refresh_from_db()
        self.assertEqual(Shelf.objects.using("other").get().name, "b")
        self.assertEqual(Shelf.objects.count(), 0)
        shelf.delete()
        self.assertEqual(Shelf.objects.using("other").count(), 0)

    def test_database_routers_route_reads_and_writes(self):
        router = OtherForVolumes()
        with override_settings(DATABASE_ROUTERS=[router]):
            volume = Volume.objects.create(title="t")
            self.assertEqual(volume._state.db, "other")
            self.assertEqual(Volume.objects.get(pk=volume.pk).title, "t")
            volume.save()
            self.assertEqual(Volume.objects.db, "other")
            Shelf.objects.create(name="s")
        self.assertEqual(Volume.objects.using("other").count(), 1)
        self.assertEqual(Volume.objects.count(), 0)
        self.assertEqual(Shelf.objects.count(), 1)
        self.assertIn(("read", "Volume", {"instance": volume}), router.calls)

    def test_related_objects_follow_the_instance_database(self):
        shelf = Shelf.objects.using("other").create(name="a")
        volume = shelf.volume_set.create(title="t")
        self.assertEqual(volume._state.db, "other")
        self.assertEqual(list(shelf.volume_set.all()), [volume])
        self.assertEqual(Volume.objects.using("other").get().shelf, shelf)
        self.assertEqual(Volume.objects.count(), 0)

    def test_relations_across_databases_are_refused(self):
        here = Shelf.objects.create(name="here")
        there = Volume.objects.using("other").create(title="there")
        with self.assertRaisesRegex(ValueError, "^Cannot assign .*the current "
                                    "database router prevents this relation."):
            there.shelf = here
        with self.assertRaisesRegex(ValueError, "router prevents this relation"):
            here.volume_set.add(there)

    def test_raw_queries_follow_using(self):
        Shelf.objects.using("other").create(name="a")
        raw = Shelf.objects.raw("SELECT * FROM db_connections_shelf").using("other")
        self.assertEqual([s._state.db for s in raw], ["other"])

    def test_raw_queries_prefetch_related(self):
        from django.db.models import Prefetch

        shelf = Shelf.objects.create(name="a")
        Volume.objects.create(title="t", shelf=shelf)
        raw = Shelf.objects.raw("SELECT * FROM db_connections_shelf")
        shelves = list(raw.prefetch_related("volume_set"))
        self.assertEqual(
            [v.title for v in shelves[0]._prefetched_objects_cache["volume_set"]],
            ["t"])
        with self.assertRaisesRegex(ValueError, "Prefetch querysets cannot use raw"):
            Prefetch("volume_set", queryset=Volume.objects.raw("SELECT 1"))


class RunFormattersTests(unittest.TestCase):
    def test_a_formatter_that_cannot_start_is_reported_not_raised(self):
        import io

        from django.core.management.utils import run_formatters

        err = io.StringIO()
        run_formatters(["x.py"], black_path="/nonexistent/black", stderr=err)
        self.assertIn("Formatters failed to launch:", err.getvalue())
        run_formatters(["x.py"], black_path=None, stderr=err)  # no black: nothing


@override_settings(**TEST_SETTINGS)
class MigrationRecorderTests(unittest.TestCase):
    def test_importable_but_refused(self):
        from django.db import NotSupportedError, connection
        from django.db.migrations.recorder import MigrationRecorder

        with self.assertRaisesRegex(NotSupportedError, "DJSCRATCH_ENGINE=django"):
            MigrationRecorder(connection)


@override_settings(**TEST_SETTINGS)
class URLHelperTests(unittest.TestCase):
    def test_get_callable(self):
        from django.core.exceptions import ViewDoesNotExist
        from django.urls import get_callable

        self.assertIs(get_callable("os.path.join"), __import__("os").path.join)
        with self.assertRaisesRegex(ImportError, "must be fully qualified"):
            get_callable("join")
        with self.assertRaisesRegex(ViewDoesNotExist,
                                    "View does not exist in module os.path"):
            get_callable("os.path.nothing_here")
        with self.assertRaisesRegex(ViewDoesNotExist, "View is not callable"):
            get_callable("os.path.sep")

    def test_override_script_prefix(self):
        from django.test.utils import override_script_prefix
        from django.urls import get_script_prefix

        with override_script_prefix("/app/"):
            self.assertEqual(get_script_prefix(), "/app/")
        self.assertEqual(get_script_prefix(), "/")

    def test_resolver_reverse_gives_the_path_without_prefix(self):
        import sys
        import types

        from django.http import HttpResponse
        from django.urls import include, path
        from django.urls.resolvers import get_resolver

        module = types.ModuleType("tests_resolver_reverse_urls")
        sys.modules[module.__name__] = module
        try:
            inner = [path("page/<int:pk>/", lambda request: HttpResponse(),
                          name="page")]
            module.urlpatterns = [path("a/", include(inner)),
                                  path("b/", include(inner))]
            self.assertEqual(get_resolver(module.__name__).reverse("page", pk=3),
                             "b/page/3/")  # the last one, as in Django
        finally:
            del sys.modules[module.__name__]

    def test_resolvers_module(self):
        from django.urls import resolvers

        pattern = resolvers.RoutePattern("books/<int:pk>/")
        self.assertEqual(pattern.match("books/3/")[2], {"pk": 3})
        self.assertIsNotNone(resolvers.RegexPattern(r"^a/$").match("a/"))


if __name__ == "__main__":
    unittest.main()
