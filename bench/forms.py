"""Benchmark: render forms with the built-in form templates, two ways.

    python bench/forms.py            # a table (µs per render, best of 9)
    python bench/forms.py --json

The default renderer (DjangoTemplates) renders the built-in templates through
their Python twins (the fast path of djscratch/forms/renderers.py); a renderer
that overrides render() takes the templates themselves.  Both give the same
HTML (checked before timing, and by tests/test_form_renderers.py); the table
says what the fast path saves.  Times are CPU time (process_time), so other
processes on the machine disturb them less.
"""

import json
import os
import sys
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


def _setup():
    import djscratch  # noqa: F401  (installs the django.* alias)
    from django.conf import settings

    settings.configure(USE_I18N=False, SECRET_KEY="bench-forms-" + "x" * 40)
    import django

    django.setup()


def cases(renderer):
    """Return [(label, render function, number of calls per run)]."""
    from django import forms

    class CommentForm(forms.Form):  # the blog's form (blog.py)
        author = forms.CharField(max_length=64)
        body = forms.CharField(widget=forms.Textarea, max_length=1024)

    class ContactForm(forms.Form):
        subject = forms.CharField(max_length=100, help_text="100 characters max.")
        email = forms.EmailField(label="Your e-mail")
        message = forms.CharField(widget=forms.Textarea)
        color = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")],
                                  widget=forms.RadioSelect)
        cc_myself = forms.BooleanField(required=False)
        token = forms.CharField(widget=forms.HiddenInput, required=False)

    bad = {"subject": "", "email": "nope", "message": "<b>hi</b>"}
    formset = forms.formset_factory(ContactForm, extra=3, renderer=renderer)
    kw = {"renderer": renderer}
    return [
        ("the blog's comment form, unbound", lambda: str(CommentForm(**kw)), 300),
        ("a contact form, unbound", lambda: str(ContactForm(**kw)), 200),
        ("a contact form with errors, as_p", lambda: str(ContactForm(bad, **kw).as_p()),
         200),
        ("a contact form with errors, as_table",
         lambda: str(ContactForm(bad, **kw).as_table()), 200),
        ("a formset of 3 contact forms", lambda: str(formset()), 60),
    ]


def measure():
    from django.forms.renderers import DjangoTemplates

    class TemplatesOnly(DjangoTemplates):
        """Overriding render() turns the fast path off."""

        def render(self, template_name, context, request=None):
            return super().render(template_name, context, request)

    fast, slow = cases(DjangoTemplates()), cases(TemplatesOnly())
    rows = []
    for (label, fast_call, number), (_, slow_call, _) in zip(fast, slow):
        if fast_call() != slow_call():
            raise SystemExit(f"{label}: the two paths render different HTML")
        rows.append((label, _best(fast_call, number), _best(slow_call, number)))
    return rows


def _best(func, number):
    timer = timeit.Timer(func, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=9)) / number * 1e6


def main(argv):
    _setup()
    rows = measure()
    if "--json" in argv:
        print(json.dumps([{"case": label, "fast_path_us": round(fast, 1),
                           "templates_us": round(slow, 1)}
                          for label, fast, slow in rows], indent=1))
        return
    print("| form | fast path | templates | templates / fast path |")
    print("|---|---|---|---|")
    for label, fast, slow in rows:
        print(f"| {label} | {fast:.1f} µs | {slow:.1f} µs | {slow / fast:.1f}x |")


if __name__ == "__main__":
    main(sys.argv[1:])
