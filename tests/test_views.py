"""Class-based views: View, TemplateView, RedirectView and ListView over lists.

Model-backed generic views (DetailView, CreateView, ...) are in
test_views_models.py.
"""

import os
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import make_request

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse
from django.test import override_settings
from django.urls import path
from django.views import View
from django import forms
from django.views.generic import FormView, ListView, RedirectView, TemplateView



def target(request, slug):
    return HttpResponse(slug)


urlpatterns = [path("target/<slug:slug>/", target, name="target")]


TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "mw_templates")
SETTINGS = dict(TEST_SETTINGS, ROOT_URLCONF="tests.test_views", TEMPLATES=[{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [TEMPLATE_DIR]}])


class Greeting(View):
    greeting = "hi"

    def get(self, request, *args, **kwargs):
        return HttpResponse("%s %s" % (self.greeting, kwargs.get("who", "")))

    def post(self, request, *args, **kwargs):
        return HttpResponse("posted")


@override_settings(**SETTINGS)
class ViewTests(unittest.TestCase):
    def test_dispatches_by_method(self):
        view = Greeting.as_view()
        self.assertEqual(view(make_request(), who="ann").content, b"hi ann")
        self.assertEqual(view(make_request("POST", data={})).content, b"posted")

    def test_head_falls_back_to_get(self):
        self.assertEqual(Greeting.as_view()(make_request("HEAD")).status_code, 200)

    def test_unknown_method_is_405_with_allow(self):
        response = Greeting.as_view()(make_request("DELETE"))
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, POST, HEAD, OPTIONS")

    def test_options_lists_methods(self):
        response = Greeting.as_view()(make_request("OPTIONS"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Allow"], "GET, POST, HEAD, OPTIONS")
        self.assertEqual(response["Content-Length"], "0")

    def test_initkwargs_set_attributes(self):
        view = Greeting.as_view(greeting="hello")
        self.assertEqual(view(make_request()).content, b"hello ")
        self.assertIs(view.view_class, Greeting)
        self.assertEqual(view.view_initkwargs, {"greeting": "hello"})

    def test_bad_initkwargs_are_refused(self):
        with self.assertRaisesRegex(TypeError, "invalid keyword 'nope'"):
            Greeting.as_view(nope=1)
        with self.assertRaisesRegex(TypeError, "method name get is not accepted"):
            Greeting.as_view(get=1)

    def test_setup_must_call_super(self):
        class Broken(Greeting):
            def setup(self, request, *args, **kwargs):
                pass

        with self.assertRaisesRegex(AttributeError, "forget to call super"):
            Broken.as_view()(make_request())

    def test_view_is_not_async(self):
        self.assertFalse(Greeting.view_is_async)


@override_settings(**SETTINGS)
class TemplateViewTests(unittest.TestCase):
    def test_renders_with_url_kwargs_and_view(self):
        view = TemplateView.as_view(template_name="hello.html")
        response = view(make_request(), name="Ann")
        response.render()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Hello Ann from ")
        self.assertEqual(response.template_name, ["hello.html"])

    def test_extra_context(self):
        class Hello(TemplateView):
            template_name = "hello.html"
            greeting = "G"
            extra_context = {"extra": "more"}

        response = Hello.as_view()(make_request(), name="Bo")
        response.render()
        self.assertEqual(response.content, b"Hello Bo from G +more")

    def test_missing_template_name(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "template_name"):
            TemplateView.as_view()(make_request())


@override_settings(**SETTINGS)
class RedirectViewTests(unittest.TestCase):
    def test_url_with_kwargs(self):
        view = RedirectView.as_view(url="/new/%(slug)s/")
        response = view(make_request(), slug="abc")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/new/abc/")

    def test_permanent_and_query_string(self):
        view = RedirectView.as_view(url="/new/", permanent=True, query_string=True)
        response = view(make_request(query="a=1&b=2"))
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/new/?a=1&b=2")

    def test_pattern_name(self):
        view = RedirectView.as_view(pattern_name="target")
        response = view(make_request(), slug="xyz")
        self.assertEqual(response["Location"], "/target/xyz/")

    def test_no_url_is_gone(self):
        self.assertEqual(RedirectView.as_view()(make_request()).status_code, 410)

    def test_every_method_redirects(self):
        view = RedirectView.as_view(url="/x/")
        for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"):
            with self.subTest(method):
                self.assertEqual(view(make_request(method)).status_code, 302)


@override_settings(**SETTINGS)
class ListViewTests(unittest.TestCase):
    def get(self, query="", **initkwargs):
        view = ListView.as_view(template_name="items.html", **initkwargs)
        response = view(make_request(query=query))
        response.render()
        return response

    def test_plain_list(self):
        response = self.get(queryset=[1, 2, 3])
        self.assertEqual(response.content, b"1,2,3,|False|/")
        self.assertEqual(response.context_data["object_list"], [1, 2, 3])

    def test_pagination(self):
        response = self.get("page=2", queryset=list(range(7)), paginate_by=3)
        self.assertEqual(response.content, b"3,4,5,|True|2/3")
        self.assertEqual(self.get("page=last", queryset=list(range(7)),
                                  paginate_by=3).content, b"6,|True|3/3")

    def test_bad_page_is_404(self):
        for query in ("page=9", "page=abc", "page=0"):
            with self.subTest(query), self.assertRaises(Http404):
                self.get(query, queryset=list(range(7)), paginate_by=3)

    def test_empty_list_404_when_not_allowed(self):
        with self.assertRaisesRegex(Http404, "allow_empty"):
            self.get(queryset=[], allow_empty=False)
        self.assertEqual(self.get(queryset=[]).status_code, 200)

    def test_missing_queryset(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "is missing a QuerySet"):
            self.get()


if __name__ == "__main__":
    unittest.main()


class ContactForm(forms.Form):
    email = forms.EmailField()


class Contact(FormView):
    template_name = "contact.html"
    form_class = ContactForm
    success_url = "/thanks/"
    sent = []

    def form_valid(self, form):
        self.sent.append(form.cleaned_data["email"])
        return super().form_valid(form)


@override_settings(**SETTINGS)
class FormViewTests(unittest.TestCase):
    def test_get_renders_unbound_form(self):
        response = Contact.as_view(initial={"email": "a@b.c"})(make_request())
        response.render()
        self.assertEqual(response.content, b"|a@b.c")

    def test_invalid_post_rerenders_with_errors(self):
        response = Contact.as_view()(make_request("POST", data={"email": "nope"}))
        response.render()
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Enter a valid email address.", response.content)
        self.assertTrue(response.content.endswith(b"|nope"))

    def test_valid_post_redirects(self):
        response = Contact.as_view()(make_request("POST", data={"email": "x@y.org"}))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/thanks/")
        self.assertEqual(Contact.sent[-1], "x@y.org")

    def test_missing_success_url(self):
        view = FormView.as_view(form_class=ContactForm, template_name="contact.html")
        with self.assertRaisesRegex(ImproperlyConfigured, "Provide a success_url"):
            view(make_request("POST", data={"email": "x@y.org"}))


class AliasTableTests(unittest.TestCase):
    """Every name this area lists in DJANGO_MODULES imports as a real object."""

    PREFIXES = ("django.middleware", "django.contrib.sessions",
                "django.contrib.messages", "django.shortcuts", "django.views",
                "django.core.paginator", "django.utils.cache",
                "django.utils.decorators", "django.utils.deprecation")

    def test_names_resolve(self):
        import importlib

        import djscratch

        for module_name, names in djscratch.DJANGO_MODULES.items():
            if not module_name.startswith(self.PREFIXES):
                continue
            module = importlib.import_module(module_name)
            for name in names:
                with self.subTest(module=module_name, name=name):
                    self.assertIsNotNone(getattr(module, name))


class AsViewAsDjangoTests(unittest.TestCase):
    def test_the_view_function_is_named_view_and_carries_the_class(self):
        from django.views import View

        class Page(View):
            """A page."""

        view = Page.as_view()
        self.assertEqual((view.__name__, view.__doc__, view.__module__),
                         ("view", "A page.", __name__))
        self.assertEqual(view.__qualname__, "View.as_view.<locals>.view")
        self.assertIs(view.view_class, Page)

    def test_an_instance_has_no_as_view(self):
        from django.views import View

        with self.assertRaisesRegex(AttributeError, "^This method is available only "
                                    "on the class, not on instances.$"):
            View().as_view()


class DecoratorOrderTests(unittest.TestCase):
    def test_method_decorator_refuses_an_unordered_set(self):
        from django.utils.decorators import method_decorator
        from django.views.decorators.cache import never_cache

        with self.assertRaisesRegex(TypeError, "'set' object is not subscriptable"):
            @method_decorator({never_cache}, "get")
            class Page:
                def get(self, request):
                    pass

    def test_a_lazy_function_keeps_its_name_and_docstring(self):
        from django.utils.functional import lazy

        def greeting():
            """Say hello."""
            return "hello"

        lazy_greeting = lazy(greeting, str)
        self.assertEqual((lazy_greeting.__name__, lazy_greeting.__doc__),
                         ("greeting", "Say hello."))
        self.assertEqual(str(lazy_greeting()), "hello")


class DetailTemplateNameTests(unittest.TestCase):
    def test_without_template_name_field_or_model_the_message_is_djangos(self):
        from django.core.exceptions import ImproperlyConfigured
        from django.views import View
        from django.views.generic.detail import SingleObjectTemplateResponseMixin

        class Page(SingleObjectTemplateResponseMixin, View):
            object = None

        with self.assertRaisesRegex(
                ImproperlyConfigured, "^SingleObjectTemplateResponseMixin requires a "
                "definition of 'template_name', 'template_name_field', or 'model'; "
                "or an implementation of 'get_template_names\\(\\)'.$"):
            Page().get_template_names()
