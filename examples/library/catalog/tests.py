"""Tests of the catalog app, written against Django's API only.

They pass unchanged on Django (`python manage.py test`) and on djscratch
(`python -m djscratch test`).
"""

import datetime

from django.test import Client, TestCase
from django.urls import resolve, reverse

from .forms import ReviewForm
from .models import Author, Book, Review
from .views import BookListView


class CatalogTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.le_guin = Author.objects.create(name="Ursula K. Le Guin", born=1929)
        cls.pratchett = Author.objects.create(name="Terry Pratchett", born=1948)
        cls.earthsea = Book.objects.create(
            title="A Wizard of Earthsea", author=cls.le_guin,
            published=datetime.date(1968, 11, 1), pages=183)
        cls.dispossessed = Book.objects.create(
            title="The Dispossessed", author=cls.le_guin,
            published=datetime.date(1974, 5, 1), pages=341)
        cls.mort = Book.objects.create(
            title="Mort", author=cls.pratchett,
            published=datetime.date(1987, 11, 12), pages=1)


class UrlTests(CatalogTestCase):
    def test_names_are_namespaced(self):
        self.assertEqual(reverse("catalog:book-list"), "/books/")
        self.assertEqual(reverse("catalog:book-detail", args=[7]), "/books/7/")
        self.assertEqual(reverse("catalog:author-detail", kwargs={"pk": 3}),
                         "/books/authors/3/")

    def test_resolve_gives_the_view_class_and_namespace(self):
        match = resolve("/books/")
        self.assertEqual(match.view_name, "catalog:book-list")
        self.assertEqual(match.namespace, "catalog")
        self.assertIs(match.func.view_class, BookListView)

    def test_root_redirects_to_the_list(self):
        response = self.client.get("/")
        self.assertRedirects(response, "/books/")

    def test_get_absolute_url(self):
        self.assertEqual(self.mort.get_absolute_url(), f"/books/{self.mort.pk}/")


class BookListTests(CatalogTestCase):
    def test_list_shows_books_newest_first_with_authors(self):
        response = self.client.get(reverse("catalog:book-list"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "catalog/book_list.html")
        self.assertTemplateUsed(response, "catalog/base.html")
        self.assertEqual(list(response.context["book_list"]),
                         [self.mort, self.dispossessed, self.earthsea])
        self.assertContains(
            response, f'<a href="/books/{self.mort.pk}/">Mort</a>', html=True)
        self.assertContains(response, "(1968)")
        self.assertContains(response, "Terry Pratchett", count=1)

    def test_search_filters_by_title_case_insensitively(self):
        response = self.client.get(reverse("catalog:book-list"), {"q": "EARTH"})
        self.assertEqual(list(response.context["book_list"]), [self.earthsea])
        self.assertContains(response, 'value="EARTH"')

    def test_no_match_shows_the_empty_message(self):
        response = self.client.get("/books/?q=zzz")
        self.assertContains(response, "No books found.")

    def test_pagination_after_five_books(self):
        for i in range(4):
            Book.objects.create(title=f"Extra {i}", author=self.pratchett,
                                published=datetime.date(1900, 1, 1 + i))
        first = self.client.get("/books/")
        self.assertTrue(first.context["is_paginated"])
        self.assertEqual(len(first.context["book_list"]), 5)
        self.assertContains(first, "Page 1 of 2")
        second = self.client.get("/books/", {"page": 2})
        self.assertEqual(len(second.context["book_list"]), 2)
        self.assertEqual(self.client.get("/books/?page=9").status_code, 404)


class BookDetailTests(CatalogTestCase):
    def test_detail_shows_book_author_link_and_no_reviews(self):
        response = self.client.get(self.earthsea.get_absolute_url())
        self.assertTemplateUsed(response, "catalog/book_detail.html")
        self.assertEqual(response.context["book"], self.earthsea)
        self.assertContains(response, "<h1>A Wizard of Earthsea</h1>", html=True)
        self.assertContains(response, "published November 1, 1968, 183 pages.")
        self.assertContains(response, f'href="/books/authors/{self.le_guin.pk}/"')
        self.assertContains(response, "0 reviews.")
        self.assertContains(response, 'name="csrfmiddlewaretoken"')

    def test_one_page_is_singular(self):
        self.assertContains(self.client.get(self.mort.get_absolute_url()),
                            "1 page.")

    def test_missing_book_is_404(self):
        self.assertEqual(self.client.get("/books/999/").status_code, 404)

    def test_post_review_saves_redirects_and_shows_message(self):
        response = self.client.post(
            self.earthsea.get_absolute_url(),
            {"reader": "Sam", "stars": "5", "text": "Dragons!\nAnd names."},
            follow=True)
        self.assertRedirects(response, self.earthsea.get_absolute_url())
        review = Review.objects.get()
        self.assertEqual((review.book, review.reader, review.stars),
                         (self.earthsea, "Sam", 5))
        self.assertContains(response, "Thank you for your review.")
        self.assertContains(response, "5/5 from Sam: Dragons!<br>And names.")
        self.assertContains(response, "1 review, 5.0 stars on average.")

    def test_invalid_review_shows_errors_and_saves_nothing(self):
        response = self.client.post(self.earthsea.get_absolute_url(),
                                    {"reader": "", "stars": "9"})
        self.assertEqual(response.status_code, 200)
        self.assertFormError(response.context["form"], "reader",
                             "This field is required.")
        self.assertFormError(response.context["form"], "stars",
                             "Give between 1 and 5 stars.")
        self.assertFalse(Review.objects.exists())

    def test_review_needs_a_csrf_token_when_checks_are_enforced(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.earthsea.get_absolute_url(),
                               {"reader": "Eve", "stars": "1"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Review.objects.exists())


class AuthorTests(CatalogTestCase):
    def test_author_page_lists_their_books_through_the_foreign_key(self):
        response = self.client.get(self.le_guin.get_absolute_url())
        self.assertEqual(response.context["author"], self.le_guin)
        self.assertContains(response, "Born 1929.")
        self.assertContains(response, "The Dispossessed")
        self.assertNotContains(response, "Mort")

    def test_author_by_name_redirects_to_the_author(self):
        response = self.client.get(
            reverse("catalog:author-by-name", args=["terry pratchett"]))
        self.assertRedirects(response, self.pratchett.get_absolute_url())

    def test_deleting_an_author_cascades_to_books_and_reviews(self):
        Review.objects.create(book=self.mort, reader="R", stars=4)
        self.pratchett.delete()
        self.assertFalse(Book.objects.filter(title="Mort").exists())
        self.assertFalse(Review.objects.exists())
        self.assertEqual(self.le_guin.books.count(), 2)


class ReviewFormTests(TestCase):
    def test_model_form_fields_and_validation(self):
        form = ReviewForm({"reader": "Kim", "stars": "0"})
        self.assertEqual(list(form.fields), ["reader", "stars", "text"])
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["stars"], ["Give between 1 and 5 stars."])
        self.assertTrue(ReviewForm({"reader": "Kim", "stars": "3"}).is_valid())
