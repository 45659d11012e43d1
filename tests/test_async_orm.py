"""The ORM's async API (aget, acreate, asave, async for, related managers'
aadd ...), each running its sync twin through sync_to_async, so the work
happens in the thread that owns the connection (here the test's)."""

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import models

from djscratch import async_to_sync
from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Shelf(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "async_orm"

    class Tome(models.Model):
        title = models.CharField(max_length=20)
        shelf = models.ForeignKey(Shelf, models.CASCADE, null=True,
                                  related_name="tomes")

        class Meta:
            app_label = "async_orm"


class AsyncQuerySetTests(DatabaseTestCase):
    models = [Shelf, Tome]

    def test_create_get_count_update_delete(self):
        async def scenario():
            shelf = await Shelf.objects.acreate(name="a")
            await Shelf.objects.abulk_create([Shelf(name="b"), Shelf(name="c")])
            got = await Shelf.objects.aget(pk=shelf.pk)
            count = await Shelf.objects.acount()
            updated = await Shelf.objects.filter(name="b").aupdate(name="B")
            names = [s.name async for s in Shelf.objects.order_by("name")]
            first = await Shelf.objects.order_by("name").afirst()
            exists = await Shelf.objects.filter(name="zz").aexists()
            deleted, _ = await Shelf.objects.filter(name="c").adelete()
            return got == shelf, count, updated, names, first.name, exists, deleted

        self.assertEqual(async_to_sync(scenario)(),
                         (True, 3, 1, ["B", "a", "c"], "B", False, 1))
        self.assertEqual(Shelf.objects.count(), 2)

    def test_model_and_related_managers(self):
        async def scenario():
            shelf = Shelf(name="s")
            await shelf.asave()
            tome = await shelf.tomes.acreate(title="t")
            loose = await Tome.objects.acreate(title="loose")
            await shelf.tomes.aadd(loose)
            titles = sorted([t.title async for t in shelf.tomes.all()])
            await Shelf.objects.filter(pk=shelf.pk).aupdate(name="renamed")
            await shelf.arefresh_from_db()
            await tome.adelete()
            return titles, shelf.name, [t.title async for t in Tome.objects.aiterator()]

        self.assertEqual(async_to_sync(scenario)(),
                         (["loose", "t"], "renamed", ["loose"]))

    def test_raw_queryset_async_for(self):
        Shelf.objects.create(name="raw")

        async def scenario():
            return [s.name async for s in Shelf.objects.raw(
                "SELECT * FROM async_orm_shelf")]

        self.assertEqual(async_to_sync(scenario)(), ["raw"])

    def test_aiterator_refuses_a_bad_chunk_size(self):
        async def scenario():
            async for _ in Shelf.objects.aiterator(chunk_size=0):
                pass

        with self.assertRaisesRegex(ValueError, "Chunk size must be strictly"):
            async_to_sync(scenario)()
