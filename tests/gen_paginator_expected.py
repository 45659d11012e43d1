"""Write tests/paginator_expected.json from real Django 5.2 (the oracle venv).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os

from django.conf import settings

settings.configure(USE_I18N=False)

import django  # noqa: E402

django.setup()

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator  # noqa: E402

CASES = []
for count in (0, 1, 9, 10, 11, 23, 100):
    for per_page, orphans, allow_empty in (
            (10, 0, True), (10, 3, True), (5, 0, False), (3, 1, True)):
        paginator = Paginator(list(range(count)), per_page, orphans=orphans,
                              allow_empty_first_page=allow_empty)
        pages = []
        for number in paginator.page_range:
            page = paginator.page(number)
            pages.append({
                "number": number, "items": list(page), "start": page.start_index(),
                "end": page.end_index(), "has_next": page.has_next(),
                "has_previous": page.has_previous(),
            })
        get_page = {}
        for raw in ("1", "0", "-1", "999", "abc", "", "2.0", "2.5", None):
            try:
                get_page[repr(raw)] = paginator.get_page(raw).number
            except EmptyPage as exc:
                get_page[repr(raw)] = "EmptyPage: %s" % exc
        errors = {}
        for raw in ("0", "abc", "999", 2.5):
            try:
                paginator.page(raw)
                errors[repr(raw)] = None
            except (EmptyPage, PageNotAnInteger) as exc:
                errors[repr(raw)] = "%s: %s" % (type(exc).__name__, exc)
        CASES.append({
            "count": count, "per_page": per_page, "orphans": orphans,
            "allow_empty_first_page": allow_empty, "num_pages": paginator.num_pages,
            "pages": pages, "get_page": get_page, "errors": errors,
        })

ELIDED = []
for num_pages in (5, 10, 11, 50):
    paginator = Paginator(list(range(num_pages)), 1)
    for number in sorted({1, 2, 5, 6, 7, num_pages // 2, num_pages - 5, num_pages}):
        if not 1 <= number <= num_pages:
            continue
        for on_each_side, on_ends in ((3, 2), (1, 1), (0, 0), (2, 0)):
            ELIDED.append({
                "num_pages": num_pages, "number": number, "on_each_side": on_each_side,
                "on_ends": on_ends,
                "range": [str(x) for x in paginator.get_elided_page_range(
                    number, on_each_side=on_each_side, on_ends=on_ends)],
            })

HERE = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(HERE, "paginator_expected.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"cases": CASES, "elided": ELIDED}, f, indent=0, ensure_ascii=False)
    f.write("\n")
print("wrote", path)
