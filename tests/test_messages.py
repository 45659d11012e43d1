"""Messages: levels and tags, cookie/session/fallback storage, the middleware."""

import hashlib
import json
import os
import unittest

from tests import TEST_SETTINGS
from tests.mwutil import make_request

from django.contrib import messages
from django.contrib.messages.context_processors import messages as messages_cp
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import base as storage_base
from django.contrib.messages.storage.cookie import (
    CookieStorage, MessageDecoder, MessageEncoder, bisect_keep_left, bisect_keep_right,
)
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import override_settings

with open(os.path.join(os.path.dirname(__file__), "sessions_expected.json"),
          encoding="utf-8") as _f:
    EXPECTED = json.load(_f)

SETTINGS = dict(TEST_SETTINGS,
                SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")


def through_middleware(view, cookies=None):
    """Run Session + Message middleware around `view`; return the response."""
    request = make_request(cookies=cookies)
    chain = SessionMiddleware(MessageMiddleware(view))
    return chain(request)


def cookies_of(response):
    return {name: morsel.value for name, morsel in response.cookies.items()
            if morsel.value}


@override_settings(**SETTINGS)
class LevelAndTagTests(unittest.TestCase):
    def test_level_constants(self):
        self.assertEqual((messages.DEBUG, messages.INFO, messages.SUCCESS,
                          messages.WARNING, messages.ERROR), (10, 20, 25, 30, 40))

    def test_tags(self):
        request = make_request()
        request._messages = CookieStorage(request)
        messages.success(request, "Saved", extra_tags="big")
        messages.error(request, "Broken")
        tags = [m.tags for m in request._messages]
        self.assertEqual(tags, ["big success", "error"])

    @override_settings(MESSAGE_TAGS={messages.ERROR: "danger"})
    def test_message_tags_setting(self):
        request = make_request()
        request._messages = CookieStorage(request)
        messages.error(request, "Broken")
        self.assertEqual([m.tags for m in request._messages], ["danger"])

    def test_below_level_is_dropped(self):
        request = make_request()
        request._messages = CookieStorage(request)
        messages.debug(request, "hidden at the default INFO level")
        self.assertEqual(len(request._messages), 0)
        messages.set_level(request, messages.DEBUG)
        messages.debug(request, "now shown")
        self.assertEqual([str(m) for m in request._messages], ["now shown"])

    def test_level_set_on_an_empty_storage_is_read_back(self):
        # An empty storage is falsy; get_level() must still use it.
        request = make_request()
        request._messages = CookieStorage(request)
        self.assertTrue(messages.set_level(request, 30))
        self.assertEqual(messages.get_level(request), 30)

    def test_level_tags_follow_the_setting(self):
        self.assertEqual(storage_base.LEVEL_TAGS[messages.ERROR], "error")
        with override_settings(MESSAGE_TAGS={messages.ERROR: "bad", 12: "custom"}):
            self.assertEqual(storage_base.LEVEL_TAGS[messages.ERROR], "bad")
            self.assertEqual(storage_base.LEVEL_TAGS[12], "custom")

    def test_adding_without_middleware_fails_loudly(self):
        with self.assertRaisesRegex(messages.MessageFailure, "MessageMiddleware"):
            messages.info(make_request(), "x")
        messages.info(make_request(), "x", fail_silently=True)
        with self.assertRaisesRegex(TypeError, "HttpRequest"):
            messages.info(object(), "x")


@override_settings(**SETTINGS)
class StorageTests(unittest.TestCase):
    def test_session_storage_writes_messages_as_django_does(self):
        # MessageEncoder().encode(): json's default separators (the text
        # Django 5.2 stores in the session, generated with it)
        from django.utils.safestring import mark_safe

        stored = SessionStorage.__new__(SessionStorage).serialize_messages([
            storage_base.Message(20, "hello"),
            storage_base.Message(25, "ok", extra_tags="x"),
            storage_base.Message(40, mark_safe("<b>\u00e9</b>"), extra_tags=None)])
        self.assertEqual(stored, '[["__json_message", 0, 20, "hello"], '
                                 '["__json_message", 0, 25, "ok", "x"], '
                                 '["__json_message", 1, 40, "<b>\\u00e9</b>"]]')

    def test_cookie_written_by_django_is_read(self):
        request = make_request(cookies={"messages": EXPECTED["messages_cookie"]})
        storage = CookieStorage(request)
        got = [[m.level, str(m.message), m.extra_tags or "", m.tags] for m in storage]
        self.assertEqual(got, EXPECTED["messages"])
        safe = list(CookieStorage(request))[1].message
        self.assertTrue(hasattr(safe, "__html__"))  # mark_safe survives the trip

    def test_tampered_cookie_is_ignored_and_removed(self):
        request = make_request(cookies={"messages": EXPECTED["messages_cookie"] + "x"})
        storage = CookieStorage(request)
        self.assertEqual(list(storage), [])
        response = HttpResponse()
        storage.update(response)
        self.assertEqual(response.cookies["messages"].value, "")

    def test_cookie_round_trip(self):
        request = make_request()
        storage = CookieStorage(request)
        storage.add(messages.INFO, "one")
        storage.add(messages.WARNING, "two", extra_tags="x")
        response = HttpResponse()
        self.assertEqual(storage.update(response), [])
        nxt = make_request(cookies={"messages": response.cookies["messages"].value})
        self.assertEqual([(m.level, m.message, m.extra_tags)
                          for m in CookieStorage(nxt)],
                         [(20, "one", ""), (30, "two", "x")])

    def test_json_encoder_and_decoder(self):
        from django.utils.safestring import SafeData, mark_safe

        data = {"a": [messages.Message(20, "x"), {"b": messages.Message(
            40, mark_safe("<b>"), extra_tags="t")}]}
        text = json.dumps(data, cls=MessageEncoder, separators=(",", ":"))
        self.assertEqual(text, '{"a":[["__json_message",0,20,"x"],{"b":'
                               '["__json_message",1,40,"<b>","t"]}]}')
        back = json.loads(text, cls=MessageDecoder)
        self.assertEqual(back, data)
        self.assertIsInstance(back["a"][1]["b"].message, SafeData)
        self.assertEqual(back["a"][1]["b"].extra_tags, "t")

    def test_bisect_helpers(self):
        items = [1, 2, 3, 4, 5]
        self.assertEqual(bisect_keep_left(items, lambda part: sum(part) > 6), 3)
        self.assertEqual(bisect_keep_right(items, lambda part: sum(part) > 9), 3)

    def test_overflow_drops_the_oldest_and_marks_the_cookie(self):
        request = make_request()
        storage = CookieStorage(request)
        texts = [digest(i) for i in range(40)]
        for text in texts:
            storage.add(messages.INFO, text)
        response = HttpResponse()
        unstored = storage.update(response)
        value = response.cookies["messages"].value
        self.assertLessEqual(len(response.cookies["messages"].coded_value), 2048)
        kept = storage._decode(value)
        self.assertEqual(kept[-1], CookieStorage.not_finished)
        self.assertEqual([m.message for m in unstored + kept[:-1]], texts)
        self.assertTrue(unstored)

    def test_session_storage_needs_session(self):
        with self.assertRaisesRegex(Exception, "session middleware"):
            SessionStorage(make_request())


def add_view(request):
    messages.info(request, "Hello")
    return HttpResponse("added")


def digest(i):
    return hashlib.sha256(str(i).encode()).hexdigest()  # barely compressible


def big_view(request):
    for i in range(80):
        messages.info(request, digest(i))
    return HttpResponse("added")


def show_view(request):
    return HttpResponse("|".join(str(m) for m in messages.get_messages(request)))


@override_settings(**SETTINGS)
class MiddlewareTests(unittest.TestCase):
    def test_message_shown_once_on_next_request(self):
        first = through_middleware(add_view)
        shown = through_middleware(show_view, cookies_of(first))
        self.assertEqual(shown.content, b"Hello")
        self.assertEqual(shown.cookies["messages"].value, "")  # consumed: deleted

    def test_unread_messages_are_kept(self):
        def ignore_view(request):
            return HttpResponse("ignored")

        first = through_middleware(add_view)
        ignored = through_middleware(ignore_view, cookies_of(first))
        self.assertNotIn("messages", ignored.cookies)  # cookie left as it was
        shown = through_middleware(show_view, cookies_of(first))
        self.assertEqual(shown.content, b"Hello")

    def test_overflow_goes_to_the_session(self):
        first = through_middleware(big_view)
        jar = cookies_of(first)
        self.assertIn("sessionid", jar)
        self.assertLessEqual(len(jar["messages"]), 2048)
        shown = through_middleware(show_view, jar).content.decode().split("|")
        self.assertEqual(shown, [digest(i) for i in range(80)])

    def test_a_template_loop_over_no_messages_leaves_the_cookie_alone(self):
        # {% for %} asks the storage's len() and, at 0, does not iterate it:
        # the storage stays unused and CookieStorage deletes no cookie (as
        # on Django 5.2: no Set-Cookie; with a message, it is shown and the
        # cookie deleted).
        from django.template import Context, Engine

        template = Engine().from_string("{% for m in messages %}[{{ m }}]{% endfor %}")

        def loop_view(request):
            return HttpResponse(template.render(Context(
                {"messages": messages.get_messages(request)})))

        storage = "django.contrib.messages.storage.cookie.CookieStorage"
        with override_settings(MESSAGE_STORAGE=storage):
            empty = through_middleware(loop_view)
            self.assertEqual(empty.content, b"")
            self.assertNotIn("messages", empty.cookies)
            added = through_middleware(add_view)
            shown = through_middleware(loop_view, cookies_of(added))
            self.assertEqual(shown.content, b"[Hello]")
            self.assertEqual(shown.cookies["messages"].value, "")

    def test_context_processor(self):
        request = make_request()
        request._messages = CookieStorage(request)
        context = messages_cp(request)
        self.assertIs(context["messages"], request._messages)
        self.assertEqual(context["DEFAULT_MESSAGE_LEVELS"]["SUCCESS"], 25)



def _fallback_storage(view=None, cookies=None):
    """The request's FallbackStorage after `view` ran through the middleware."""
    seen = {}

    def keep(request):
        seen["storage"] = request._messages
        return (view or show_view)(request)

    response = through_middleware(keep, cookies)
    return seen["storage"], response


@override_settings(**SETTINGS)
class StoragesBuiltWhenNeededTests(unittest.TestCase):
    """FallbackStorage builds the session storage, and CookieStorage its
    signer, only when reading or writing reaches them; what is read and
    written is what building them all up front gives."""

    def test_no_cookie_builds_no_storage(self):
        # (the library's CookieStorage would answer "no messages, all
        # retrieved": FallbackStorage._get() answers so without it)
        storage, response = _fallback_storage()
        self.assertEqual(response.content, b"")
        self.assertNotIn("_built_storages", storage.__dict__)
        self.assertNotIn("storages", storage.__dict__)

    def test_storages_lists_the_ones_built_first(self):
        jar = cookies_of(through_middleware(add_view))
        storage, _ = _fallback_storage(cookies=jar)
        cookie_storage = storage._built_storages[0]
        self.assertEqual([type(s) for s in storage.storages],
                         [CookieStorage, SessionStorage])
        self.assertIs(storage.storages[0], cookie_storage)

    def test_the_unbuilt_answer_is_what_the_storages_give(self):
        """_no_message_cookie() (no storage built) answers as building the
        storages does, for requests with and without a messages cookie
        (valid, unfinished, tampered, empty), views that read, add or do
        nothing, and CookieStorage patched."""
        import sys
        from unittest import mock

        from django.contrib.messages.storage.fallback import FallbackStorage

        module = sys.modules[FallbackStorage._get.__module__]
        jars = [None, {"messages": ""}, {"messages": "x"},
                cookies_of(through_middleware(add_view)),
                cookies_of(through_middleware(big_view)), {"other": "1"}]

        def read_then_add(request):
            shown = show_view(request)
            messages.info(request, "later")
            return shown

        def outcome(view, jar):
            storage, response = _fallback_storage(view, cookies=jar)
            return (response.content, sorted(response.cookies.items()),
                    storage.used, storage.added_new)

        views = [show_view, add_view, read_then_add, lambda request: HttpResponse()]
        patches = [None, ("_decode", lambda self, data: [storage_base.Message(
            20, "patched")])]
        for view in views:
            for jar in jars:
                for patch in patches:
                    with self.subTest(view=view, jar=jar, patch=patch):
                        with (mock.patch.object(CookieStorage, *patch) if patch
                              else mock.patch.object(self, "id")):
                            fast = outcome(view, jar)
                            with mock.patch.object(module, "_no_message_cookie",
                                                   return_value=False):
                                general = outcome(view, jar)
                        self.assertEqual(
                            [fast[0], [(k, m.OutputString()) for k, m in fast[1]],
                             fast[2:]],
                            [general[0], [(k, m.OutputString())
                                          for k, m in general[1]], general[2:]])

    def test_an_unfinished_cookie_reads_on_into_the_session(self):
        jar = cookies_of(through_middleware(big_view))
        storage, response = _fallback_storage(cookies=jar)
        self.assertEqual(response.content.decode().split("|"),
                         [digest(i) for i in range(80)])
        self.assertEqual([type(s) for s in storage._built_storages],
                         [CookieStorage, SessionStorage])

    def test_the_lazy_signer_is_the_cookie_signer(self):
        from django.core.signing import get_cookie_signer

        storage = CookieStorage(make_request())
        signed = get_cookie_signer(salt=CookieStorage.key_salt).sign("x")
        self.assertEqual(storage.signer.unsign(signed), "x")
        self.assertEqual(storage.signer.sign("x"), signed)

if __name__ == "__main__":
    unittest.main()
