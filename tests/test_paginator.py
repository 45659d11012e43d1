"""Paginator and Page, checked against outputs recorded with real Django 5.2.

tests/gen_paginator_expected.py (run with the oracle venv) writes the data file.
"""

import json
import os
import unittest
import warnings

import djscratch  # noqa: F401  (installs the django.* alias)
from django.core.paginator import EmptyPage, InvalidPage, PageNotAnInteger, Paginator

with open(os.path.join(os.path.dirname(__file__), "paginator_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)


def _describe(case):
    return "count=%(count)s per_page=%(per_page)s orphans=%(orphans)s " \
        "allow_empty=%(allow_empty_first_page)s" % case


class PaginatorMatchesDjangoTests(unittest.TestCase):
    def _paginator(self, case):
        return Paginator(list(range(case["count"])), case["per_page"],
                         orphans=case["orphans"],
                         allow_empty_first_page=case["allow_empty_first_page"])

    def test_pages_match_django(self):
        for case in EXPECTED["cases"]:
            with self.subTest(_describe(case)):
                paginator = self._paginator(case)
                self.assertEqual(paginator.num_pages, case["num_pages"])
                self.assertEqual(list(paginator.page_range),
                                 [p["number"] for p in case["pages"]])
                for expected in case["pages"]:
                    page = paginator.page(expected["number"])
                    self.assertEqual(list(page), expected["items"])
                    self.assertEqual(page.start_index(), expected["start"])
                    self.assertEqual(page.end_index(), expected["end"])
                    self.assertEqual(page.has_next(), expected["has_next"])
                    self.assertEqual(page.has_previous(), expected["has_previous"])

    def test_get_page_falls_back_like_django(self):
        for case in EXPECTED["cases"]:
            paginator = self._paginator(case)
            for raw, expected in case["get_page"].items():
                with self.subTest(_describe(case), raw=raw):
                    value = eval(raw)  # repr() of str/None from the generator
                    try:
                        got = paginator.get_page(value).number
                    except EmptyPage as exc:
                        got = "EmptyPage: %s" % exc
                    self.assertEqual(got, expected)

    def test_page_errors_match_django(self):
        for case in EXPECTED["cases"]:
            paginator = self._paginator(case)
            for raw, expected in case["errors"].items():
                with self.subTest(_describe(case), raw=raw):
                    try:
                        paginator.page(eval(raw))
                        got = None
                    except (EmptyPage, PageNotAnInteger) as exc:
                        got = "%s: %s" % (type(exc).__name__, exc)
                    self.assertEqual(got, expected)

    def test_elided_page_range_matches_django(self):
        for item in EXPECTED["elided"]:
            paginator = Paginator(list(range(item["num_pages"])), 1)
            with self.subTest(**{k: v for k, v in item.items() if k != "range"}):
                got = [str(x) for x in paginator.get_elided_page_range(
                    item["number"], on_each_side=item["on_each_side"],
                    on_ends=item["on_ends"])]
                self.assertEqual(got, item["range"])


class PaginatorBehaviourTests(unittest.TestCase):
    def test_exceptions_are_invalid_pages(self):
        self.assertTrue(issubclass(EmptyPage, InvalidPage))
        self.assertTrue(issubclass(PageNotAnInteger, InvalidPage))

    def test_uses_count_method_of_querysets(self):
        class Counted:
            calls = 0

            def count(self):
                Counted.calls += 1
                return 25

            def __getitem__(self, index):
                return list(range(25))[index]

        paginator = Paginator(Counted(), 10)
        self.assertEqual(paginator.num_pages, 3)
        self.assertEqual(Counted.calls, 1)
        self.assertEqual(list(paginator.page(3)), [20, 21, 22, 23, 24])

    def test_list_count_method_is_not_called(self):
        # list.count needs an argument: the paginator must use len().
        self.assertEqual(Paginator([1, 2, 3], 2).count, 3)

    def test_unordered_queryset_warns(self):
        class Unordered(list):
            ordered = False
            model = "Thing"

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            Paginator(Unordered([1, 2]), 1)
        self.assertIn("Pagination may yield inconsistent results",
                      str(caught[0].message))

    def test_page_indexing_and_repr(self):
        page = Paginator(list("abcdefg"), 3).page(2)
        self.assertEqual(repr(page), "<Page 2 of 3>")
        self.assertEqual(page[0], "d")
        self.assertEqual(page[-1], "f")
        self.assertEqual(page[1:], ["e", "f"])
        self.assertEqual(len(page), 3)
        self.assertIn("e", page)
        with self.assertRaisesRegex(TypeError, "Page indices must be integers"):
            page["x"]

    def test_next_and_previous_numbers_validate(self):
        paginator = Paginator(list(range(5)), 2)
        self.assertEqual(paginator.page(2).next_page_number(), 3)
        self.assertEqual(paginator.page(2).previous_page_number(), 1)
        with self.assertRaises(EmptyPage):
            paginator.page(3).next_page_number()
        with self.assertRaises(EmptyPage):
            paginator.page(1).previous_page_number()

    def test_custom_error_messages(self):
        paginator = Paginator([1], 1, error_messages={"no_results": "Nothing here"})
        with self.assertRaisesRegex(EmptyPage, "Nothing here"):
            paginator.page(2)

    def test_page_is_a_sequence(self):
        import collections.abc

        page = Paginator(list("abcde"), 3).page(1)
        self.assertIsInstance(page, collections.abc.Sequence)
        self.assertEqual(list(reversed(page)), ["c", "b", "a"])
        self.assertEqual(page.index("b"), 1)
        self.assertEqual(page.count("a"), 1)

    def test_iterating_yields_pages(self):
        pages = list(Paginator(list(range(5)), 2))
        self.assertEqual([p.number for p in pages], [1, 2, 3])


if __name__ == "__main__":
    unittest.main()


class CountErrorsTests(unittest.TestCase):
    def test_an_error_inside_count_propagates(self):
        from django.core.paginator import Paginator

        class Broken:
            def count(self):
                raise TypeError("abc")

        with self.assertRaisesRegex(TypeError, "^abc$"):
            Paginator(Broken(), 10).count


class _GeneralPathPaginator(Paginator):
    """A Paginator whose own validate_number() keeps get_page() on its general
    path (the None shortcut is for Paginator's validate_number only)."""

    seen = None

    def validate_number(self, number):
        if self.seen is not None:
            self.seen.append(number)
        return super().validate_number(number)


class GetPageWithoutNumberTests(unittest.TestCase):
    """get_page(None) skips validate_number()'s PageNotAnInteger: same page."""

    def _get_page_none(self, paginator):
        try:
            page = paginator.get_page(None)
        except InvalidPage as exc:
            return type(exc), str(exc)
        return page.number, list(page), type(page)

    def test_matches_the_general_path(self):
        for count in (0, 1, 5, 20, 21, 57):
            for per_page, orphans, allow_empty in [(1, 0, True), (5, 0, True),
                                                   (5, 2, True), (20, 0, False),
                                                   (3, 1, False)]:
                with self.subTest(count=count, per_page=per_page, orphans=orphans,
                                  allow_empty=allow_empty):
                    args = (list(range(count)), per_page, orphans, allow_empty)
                    self.assertEqual(self._get_page_none(Paginator(*args)),
                                     self._get_page_none(_GeneralPathPaginator(*args)))

    def test_an_own_validate_number_is_still_asked(self):
        paginator = _GeneralPathPaginator(list(range(10)), 3)
        paginator.seen = []
        self.assertEqual(paginator.get_page(None).number, 1)
        self.assertEqual(paginator.seen, [None, 1])

    def test_a_validate_number_set_on_the_instance_is_still_asked(self):
        paginator = Paginator(list(range(10)), 3)
        seen = []
        paginator.validate_number = lambda number: seen.append(number) or 2
        self.assertEqual(paginator.get_page(None).number, 2)
        self.assertEqual(seen, [None, 2])
