"""The date-based generic views (django.views.generic.dates): what each
puts in its context, the 404s, and the neighbouring periods' links."""

import datetime

import djscratch  # noqa: F401  (installs the django.* alias)
from django.db import models
from django.http import Http404
from django.test import RequestFactory
from django.views.generic import (
    ArchiveIndexView, DateDetailView, DayArchiveView, MonthArchiveView,
    WeekArchiveView, YearArchiveView)
from tests.orm_support import DatabaseTestCase, define_models

with define_models():

    class Post(models.Model):
        title = models.CharField(max_length=20)
        published = models.DateField()

        class Meta:
            app_label = "views_dates"


def get(view, **kwargs):
    return view(RequestFactory().get("/"), **kwargs).context_data


class DateViewTests(DatabaseTestCase):
    models = [Post]

    def setUp(self):
        super().setUp()
        for title, day in (("a", datetime.date(2023, 12, 31)),
                           ("b", datetime.date(2024, 2, 29)),
                           ("c", datetime.date(2024, 3, 2))):
            Post.objects.create(title=title, published=day)

    def test_archive_index_lists_the_latest_with_their_years(self):
        context = get(ArchiveIndexView.as_view(model=Post, date_field="published"))
        self.assertEqual([p.title for p in context["latest"]], ["c", "b", "a"])
        self.assertEqual(list(context["date_list"]),
                         [datetime.date(2024, 1, 1), datetime.date(2023, 1, 1)])

    def test_year_archive_shows_months_and_neighbour_years(self):
        view = YearArchiveView.as_view(model=Post, date_field="published")
        context = get(view, year="2024")
        self.assertEqual(list(context["date_list"]),
                         [datetime.date(2024, 2, 1), datetime.date(2024, 3, 1)])
        self.assertEqual(list(context["object_list"]), [])
        self.assertEqual(context["previous_year"], datetime.date(2023, 1, 1))
        self.assertIsNone(context["next_year"])

    def test_month_week_and_day_archives(self):
        context = get(MonthArchiveView.as_view(model=Post, date_field="published"),
                      year="2024", month="feb")
        self.assertEqual([p.title for p in context["object_list"]], ["b"])
        self.assertEqual(context["next_month"], datetime.date(2024, 3, 1))
        self.assertEqual(context["previous_month"], datetime.date(2023, 12, 1))
        context = get(WeekArchiveView.as_view(model=Post, date_field="published"),
                      year="2024", week="8")  # Sunday 25 February to 2 March
        self.assertEqual([p.title for p in context["object_list"]], ["c", "b"])
        context = get(DayArchiveView.as_view(model=Post, date_field="published",
                                             month_format="%m"),
                      year="2024", month="03", day="02")
        self.assertEqual([p.title for p in context["object_list"]], ["c"])

    def test_date_detail_and_404s(self):
        post = Post.objects.get(title="b")
        view = DateDetailView.as_view(model=Post, date_field="published")
        context = get(view, year="2024", month="feb", day="29", pk=post.pk)
        self.assertEqual(context["object"], post)
        with self.assertRaisesRegex(Http404, "^No post found matching the query$"):
            get(view, year="2024", month="feb", day="28", pk=post.pk)
        with self.assertRaisesRegex(Http404, "Invalid date string “2024__feb__31”"):
            get(view, year="2024", month="feb", day="31", pk=post.pk)
        with self.assertRaisesRegex(Http404, "^No year specified$"):
            get(YearArchiveView.as_view(model=Post, date_field="published"))
        with self.assertRaisesRegex(Http404, "^No posts available$"):
            get(YearArchiveView.as_view(model=Post, date_field="published"),
                year="2020")
