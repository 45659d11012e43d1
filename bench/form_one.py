"""Render a form N times, for an instruction count (as bench/orm_one.py).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/form_one.py blog 600          # str(CommentForm()) of blog.py
    ... python bench/form_one.py bound 300         # a bound form with errors
    ... python bench/form_one.py corpus 300        # bench/corpus.py's `form` page

Run it with N and with 0 (both with PYTHONHASHSEED=0, after one run that
wrote the .pyc files) and divide the difference of the two totals by N:
the instructions of one render, the setup taken out.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import djscratch  # noqa: E402,F401  (django.* is djscratch from here on)
from bench import corpus  # noqa: E402


def renders():
    """{name: a function that renders once}."""
    Comment, ContactForm = corpus.setup_django("djscratch")
    from django import forms

    class CommentForm(forms.Form):  # blog.py's
        author = forms.CharField(max_length=64)
        body = forms.CharField(widget=forms.Textarea, max_length=1024)

    page = corpus.django_style_renderers()["form"]
    context = corpus.contexts(Comment, ContactForm)["form"]
    return {
        "blog": lambda: str(CommentForm()),
        "bound": lambda: str(ContactForm(corpus.FORM_DATA)),
        "corpus": lambda: page(context),
    }


def main(argv=None):
    calls = renders()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("case", choices=sorted(calls))
    parser.add_argument("calls", type=int)
    args = parser.parse_args(argv)
    render = calls[args.case]
    for _ in range(20):  # caches filled, code generated
        render()
    for _ in range(args.calls):
        render()


if __name__ == "__main__":
    main()
