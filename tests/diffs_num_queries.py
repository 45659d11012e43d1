"""assertNumQueries cases that pass on Django, run by each engine's runner.

Not a test module of djscratch's own suite (no test_ prefix):
tests/gen_diffs_expected.py runs it with Django's test runner, and
tests/test_django_diffs.py with djscratch's, comparing the summary line
and the exit status.  Django counts the transaction statements (BEGIN,
SAVEPOINT, RELEASE SAVEPOINT, COMMIT) where it sends them.
"""

from django.db import transaction
from django.test import TestCase, TransactionTestCase

from tests.diffs_scenario import Author, Book, Tag


class FirstQueryTests(TestCase):
    """No setUpTestData: the test's first query is the transaction's first."""

    def test_first_query_counts_one(self):
        with self.assertNumQueries(1):
            Author.objects.count()

    def test_first_write_counts_one(self):
        with self.assertNumQueries(1):
            Author.objects.create(name="new")

    def test_empty_atomic_counts_its_savepoint(self):
        with self.assertNumQueries(2):
            with transaction.atomic():
                pass


class SetUpTestDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ann = Author.objects.create(name="Ann")
        cls.book = Book.objects.create(title="One", author=cls.ann)
        cls.tag = Tag.objects.create(label="x")

    def test_setup_queries_are_not_counted(self):
        with self.assertNumQueries(1):
            self.assertEqual(Author.objects.count(), 1)

    def test_get_or_create_counts_its_savepoint(self):
        with self.assertNumQueries(4):
            Author.objects.get_or_create(name="Bob")

    def test_many_to_many_add_is_one_insert(self):
        with self.assertNumQueries(1):
            self.book.tags.add(self.tag)

    def test_nested_atomic(self):
        with self.assertNumQueries(5):
            with transaction.atomic():
                with transaction.atomic():
                    Author.objects.count()


class AutocommitTests(TransactionTestCase):
    def test_empty_atomic_counts_begin_and_commit(self):
        with self.assertNumQueries(2):
            with transaction.atomic():
                pass

    def test_atomic_query(self):
        with self.assertNumQueries(3):
            with transaction.atomic():
                Author.objects.count()
