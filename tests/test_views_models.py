"""Model-backed generic views, get_object_or_404 and the database session store."""

import datetime
import os
import unittest

from tests.mwutil import make_request, run_middleware
from tests.orm_support import ORM_SETTINGS, DatabaseTestCase, define_models

import djscratch
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.test import override_settings
from django.views.generic import (
    CreateView, DeleteView, DetailView, ListView, UpdateView)

with define_models():
    class Gadget(models.Model):
        name = models.CharField(max_length=30)
        slug = models.SlugField(unique=True)

        class Meta:
            app_label = "tests"
            ordering = ["name"]

        def get_absolute_url(self):
            return "/gadgets/%d/" % self.pk


TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "mw_templates")
SETTINGS = dict(ORM_SETTINGS, TEMPLATES=[{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [TEMPLATE_DIR]}])


class ViewTestCase(DatabaseTestCase):
    models = (Gadget,)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._templates = override_settings(**SETTINGS)
        cls._templates.enable()

    @classmethod
    def tearDownClass(cls):
        cls._templates.disable()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.a = Gadget.objects.create(name="alpha", slug="a")
        self.b = Gadget.objects.create(name="beta", slug="b")

    def render(self, view, request=None, **kwargs):
        response = view(request or make_request(), **kwargs)
        if hasattr(response, "render"):
            response.render()
        return response


class DetailAndListTests(ViewTestCase):
    def test_detail_by_pk_and_slug(self):
        view = DetailView.as_view(model=Gadget)
        response = self.render(view, pk=self.a.pk)
        self.assertEqual(response.content, b"D alpha=alpha")
        self.assertEqual(response.template_name, ["tests/gadget_detail.html"])
        self.assertEqual(self.render(view, slug="b").content, b"D beta=beta")

    def test_detail_missing_is_404(self):
        with self.assertRaisesRegex(Http404, "No gadget found matching the query"):
            self.render(DetailView.as_view(model=Gadget), pk=999)

    def test_detail_needs_pk_or_slug(self):
        with self.assertRaisesRegex(AttributeError, "pk or a slug"):
            self.render(DetailView.as_view(model=Gadget))

    def test_list_defaults(self):
        response = self.render(ListView.as_view(model=Gadget))
        self.assertEqual(response.content, b"L alpha,beta,")
        self.assertEqual(response.template_name, ["tests/gadget_list.html"])
        self.assertEqual(set(response.context_data),
                         {"paginator", "page_obj", "is_paginated", "object_list",
                          "gadget_list", "view"})

    def test_list_ordering_and_pagination(self):
        view = ListView.as_view(model=Gadget, ordering="-name", paginate_by=1)
        response = self.render(view, make_request(query="page=2"))
        self.assertEqual(response.content, b"L alpha,|2/2")
        self.assertTrue(response.context_data["is_paginated"])

    def test_empty_list_404_when_not_allowed(self):
        Gadget.objects.all().delete()
        with self.assertRaises(Http404):
            self.render(ListView.as_view(model=Gadget, allow_empty=False))
        with self.assertRaises(Http404):
            self.render(ListView.as_view(model=Gadget, allow_empty=False,
                                         paginate_by=5))


class EditViewTests(ViewTestCase):
    def test_create_get_shows_form(self):
        view = CreateView.as_view(model=Gadget, fields=["name", "slug"])
        response = self.render(view)
        self.assertEqual(response.content, b"F |")
        self.assertEqual(response.template_name, ["tests/gadget_form.html"])

    def test_create_post_invalid_rerenders_with_errors(self):
        view = CreateView.as_view(model=Gadget, fields=["name", "slug"])
        request = make_request("POST", data={"name": "", "slug": "x"})
        response = self.render(view, request)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"F |This field is required.")
        self.assertEqual(Gadget.objects.count(), 2)

    def test_create_post_valid_redirects_to_absolute_url(self):
        view = CreateView.as_view(model=Gadget, fields=["name", "slug"])
        response = view(make_request("POST", data={"name": "gamma", "slug": "g"}))
        created = Gadget.objects.get(slug="g")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/gadgets/%d/" % created.pk)

    def test_success_url_is_formatted_with_the_object(self):
        view = CreateView.as_view(model=Gadget, fields=["name", "slug"],
                                  success_url="/done/{id}/{slug}/")
        response = view(make_request("POST", data={"name": "delta", "slug": "d"}))
        pk = Gadget.objects.get(slug="d").pk
        self.assertEqual(response["Location"], "/done/%d/d/" % pk)

    def test_fields_are_required(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "without the 'fields'"):
            self.render(CreateView.as_view(model=Gadget))

    def test_update(self):
        view = UpdateView.as_view(model=Gadget, fields=["name", "slug"])
        self.assertEqual(self.render(view, pk=self.a.pk).content, b"F alpha|")
        response = view(make_request("POST", data={"name": "ALPHA", "slug": "a"}),
                        pk=self.a.pk)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Gadget.objects.get(pk=self.a.pk).name, "ALPHA")

    def test_delete_confirms_then_deletes(self):
        view = DeleteView.as_view(model=Gadget, success_url="/gadgets/")
        self.assertEqual(self.render(view, pk=self.b.pk).content, b"Delete beta?")
        self.assertTrue(Gadget.objects.filter(pk=self.b.pk).exists())
        response = view(make_request("POST", data={}), pk=self.b.pk)
        self.assertEqual(response["Location"], "/gadgets/")
        self.assertFalse(Gadget.objects.filter(pk=self.b.pk).exists())


class ShortcutTests(ViewTestCase):
    def test_get_object_or_404_accepts_model_manager_queryset(self):
        self.assertEqual(get_object_or_404(Gadget, slug="a"), self.a)
        self.assertEqual(get_object_or_404(Gadget.objects, slug="a"), self.a)
        self.assertEqual(get_object_or_404(Gadget.objects.filter(name="beta")), self.b)

    def test_get_object_or_404_message(self):
        with self.assertRaisesRegex(Http404, "^No Gadget matches the given query.$"):
            get_object_or_404(Gadget, slug="zzz")

    def test_multiple_objects_still_raise(self):
        with self.assertRaises(Gadget.MultipleObjectsReturned):
            get_object_or_404(Gadget, name__startswith="")

    def test_get_list_or_404(self):
        self.assertEqual(get_list_or_404(Gadget, name__in=["alpha", "beta"]),
                         [self.a, self.b])
        with self.assertRaisesRegex(Http404, "No Gadget matches the given query."):
            get_list_or_404(Gadget.objects.all(), name="nope")

    def test_redirect_to_model(self):
        self.assertEqual(redirect(self.a)["Location"], "/gadgets/%d/" % self.a.pk)


DB_ENGINE = "django.contrib.sessions.backends.db"


def set_view(request):
    request.session["n"] = request.session.get("n", 0) + 1
    return HttpResponse(str(request.session["n"]))


def logout_view(request):
    request.session.flush()
    return HttpResponse("bye")


class DatabaseSessionTests(DatabaseTestCase):
    models = (Session,)

    def setUp(self):
        super().setUp()
        self._engine = override_settings(SESSION_ENGINE=DB_ENGINE)
        self._engine.enable()

    def tearDown(self):
        self._engine.disable()

    def test_save_and_load(self):
        s = DBStore()
        s["cart"] = [1, 2]
        s.save()
        self.assertEqual(len(s.session_key), 32)
        row = Session.objects.get(pk=s.session_key)
        self.assertEqual(row.get_decoded(), {"cart": [1, 2]})
        self.assertEqual(DBStore(s.session_key)["cart"], [1, 2])

    def test_unknown_or_expired_key_is_empty(self):
        self.assertEqual(dict(DBStore("x" * 32).items()), {})
        s = DBStore()
        s["a"] = 1
        s.save()
        Session.objects.filter(pk=s.session_key).update(
            expire_date=djscratch.now() - datetime.timedelta(seconds=1))
        fresh = DBStore(s.session_key)
        self.assertEqual(dict(fresh.items()), {})
        self.assertIsNone(fresh.session_key)

    def test_tampered_data_is_empty(self):
        s = DBStore()
        s["a"] = 1
        s.save()
        Session.objects.filter(pk=s.session_key).update(session_data="forged:data")
        self.assertEqual(dict(DBStore(s.session_key).items()), {})

    def test_cycle_key_keeps_data_under_new_key(self):
        s = DBStore()
        s["user"] = 7
        s.save()
        old = s.session_key
        s.cycle_key()
        self.assertNotEqual(s.session_key, old)
        self.assertFalse(Session.objects.filter(pk=old).exists())
        self.assertEqual(DBStore(s.session_key)["user"], 7)

    def test_flush_deletes_row(self):
        s = DBStore()
        s["a"] = 1
        s.save()
        key = s.session_key
        s.flush()
        self.assertFalse(Session.objects.filter(pk=key).exists())

    def test_clear_expired(self):
        s = DBStore()
        s["a"] = 1
        s.save()
        Session.objects.update(expire_date=djscratch.now() - datetime.timedelta(days=1))
        DBStore.clear_expired()
        self.assertEqual(Session.objects.count(), 0)

    def test_middleware_round_trip_and_logout(self):
        first = run_middleware(SessionMiddleware, set_view, make_request())
        key = first.cookies["sessionid"].value
        self.assertEqual(len(key), 32)
        second = run_middleware(SessionMiddleware, set_view,
                                make_request(cookies={"sessionid": key}))
        self.assertEqual(second.content, b"2")
        bye = run_middleware(SessionMiddleware, logout_view,
                             make_request(cookies={"sessionid": key}))
        self.assertEqual(bye.cookies["sessionid"].value, "")
        self.assertEqual(Session.objects.count(), 0)

    def test_session_deleted_during_request_is_interrupted(self):
        from django.contrib.sessions.exceptions import SessionInterrupted

        key = run_middleware(SessionMiddleware, set_view,
                             make_request()).cookies["sessionid"].value

        def racing_view(request):
            request.session["n"] = 99
            Session.objects.all().delete()  # a concurrent logout
            return HttpResponse("late")

        with self.assertRaisesRegex(SessionInterrupted, "deleted before the request"):
            run_middleware(SessionMiddleware, racing_view,
                           make_request(cookies={"sessionid": key}))

    def test_forged_cookie_key_gets_a_new_session(self):
        request = make_request(cookies={"sessionid": "attacker-chosen"})
        response = run_middleware(SessionMiddleware, set_view, request)
        self.assertEqual(response.content, b"1")
        self.assertNotEqual(response.cookies["sessionid"].value, "attacker-chosen")


if __name__ == "__main__":
    unittest.main()


class ClearSessionsCommandTests(DatabaseTestCase):
    models = (Session,)

    def test_clearsessions_deletes_only_expired_rows(self):
        from django.core.management import call_command

        with override_settings(SESSION_ENGINE=DB_ENGINE):
            for age in (-10, 3600):
                s = DBStore()
                s["a"] = 1
                s.set_expiry(age)
                s.save()
            call_command("clearsessions")
            self.assertEqual(Session.objects.count(), 1)
            self.assertGreater(Session.objects.get().expire_date, djscratch.now())
