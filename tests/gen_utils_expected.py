"""Write tests/utils_expected.json: what real Django 5.2 answers for the cases
of tests/utils_cases.py (regex_helper.normalize, reverse() over optional and
nested groups, numberformat, termcolors, lorem_ipsum, feedgenerator, the
domain name validator and small helpers).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py
"""

import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(USE_I18N=False, USE_TZ=True, ROOT_URLCONF="utils_cases_urls",
                   SECRET_KEY="x")
django.setup()

import utils_cases  # noqa: E402
from django.core import validators  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.urls import NoReverseMatch, include, re_path, reverse  # noqa: E402
from django.utils import (  # noqa: E402
    duration, feedgenerator, hashable, html, inspect, lorem_ipsum, numberformat,
    regex_helper, termcolors, text,
)

# The URLconf of the reverse() cases, as a module for ROOT_URLCONF.
urls = type(sys)("utils_cases_urls")
urls.urlpatterns = utils_cases.url_patterns(re_path, include)
sys.modules["utils_cases_urls"] = urls

if __name__ == "__main__":
    expected = {
        "normalize": utils_cases.normalize_cases(regex_helper),
        "reverse": utils_cases.reverse_cases(reverse, NoReverseMatch),
        "numberformat": utils_cases.number_cases(numberformat),
        "termcolors": utils_cases.color_cases(termcolors),
        "lorem": utils_cases.lorem_cases(lorem_ipsum, random),
        "feeds": utils_cases.feed_cases(feedgenerator),
        "domains": utils_cases.domain_cases(validators, ValidationError),
        "misc": utils_cases.misc_cases((duration, hashable, text, inspect)),
        "urlize": utils_cases.urlize_cases(html),
    }
    with open(os.path.join(HERE, "utils_expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
