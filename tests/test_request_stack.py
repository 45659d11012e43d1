"""The request stack's per-change caches and lazy parts (issue 20).

What depends only on settings is computed once per change of settings and
recomputed after override_settings; a signal's receivers are listed once per
connect/disconnect; a request that touches no session, message or user pays
for none of them; and every fast path gives what the general path gives.
"""

import unittest

from tests import TEST_SETTINGS, load_expected, run_scenario
from tests.mwutil import (
    PLAN, Recording, act, converting, make_request, recorded_outcome,
)

import djscratch
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.dispatch import Signal
from django.http import HttpResponse
from django.test import override_settings

SIGNED = "django.contrib.sessions.backends.signed_cookies"
DB = "django.contrib.sessions.backends.db"


@override_settings(**TEST_SETTINGS)
class SettingsDerivedTests(unittest.TestCase):
    def test_value_is_computed_once_per_change(self):
        calls = []

        @djscratch._settings_derived
        def derived():
            calls.append(1)
            return settings.SESSION_COOKIE_NAME

        self.assertEqual(derived(), derived())
        self.assertEqual(len(calls), 1)
        with override_settings(SESSION_COOKIE_NAME="other"):
            self.assertEqual(derived(), "other")
        self.assertEqual(derived(), TEST_SETTINGS.get("SESSION_COOKIE_NAME",
                                                      "sessionid"))
        self.assertEqual(len(calls), 3)

    def test_assignment_to_settings_clears_the_cache(self):
        derived = djscratch._settings_derived(lambda: settings.MESSAGE_LEVEL)
        with override_settings(MESSAGE_LEVEL=10):
            self.assertEqual(derived(), 10)
            settings.MESSAGE_LEVEL = 30
            self.assertEqual(derived(), 30)

    def test_session_engine_follows_override_settings(self):
        with override_settings(SESSION_ENGINE=SIGNED):
            first = djscratch._session_store_class()
        with override_settings(SESSION_ENGINE=DB):
            second = djscratch._session_store_class()
            request = make_request()
            SessionMiddleware(lambda r: HttpResponse("ok"))(request)
            self.assertIsInstance(request.session, second)
        self.assertIsNot(first, second)
        self.assertEqual(first.__module__, second.__module__)  # one flat file

    def test_message_storage_follows_override_settings(self):
        name = "django.contrib.messages.storage.cookie.CookieStorage"
        with override_settings(MESSAGE_STORAGE=name):
            storage = djscratch._message_storage(make_request())
        self.assertEqual(type(storage).__name__, "CookieStorage")
        request = make_request()
        request.session = {}
        storage = djscratch._message_storage(request)
        self.assertEqual(type(storage).__name__, "FallbackStorage")


class SignalCacheTests(unittest.TestCase):
    def test_connect_and_disconnect_refresh_the_receivers(self):
        signal = Signal()
        calls = []

        def first(sender, **kwargs):
            calls.append("first")

        def second(sender, **kwargs):
            calls.append("second")

        signal.connect(first)
        signal.send(sender=None)
        signal.connect(second)
        signal.send(sender=None)
        signal.disconnect(first)
        signal.send(sender=None)
        self.assertEqual(calls, ["first", "first", "second", "second"])

    def test_receivers_per_sender(self):
        signal = Signal()

        class A:
            pass

        class B:
            pass

        def only_a(sender, **kwargs):
            return "a"

        def anyone(sender, **kwargs):
            return "any"

        signal.connect(only_a, sender=A)
        signal.connect(anyone)
        self.assertEqual([r for _, r in signal.send(sender=A)], ["a", "any"])
        self.assertEqual([r for _, r in signal.send(sender=B)], ["any"])
        self.assertEqual([r for _, r in signal.send(sender=A)], ["a", "any"])
        self.assertTrue(signal.has_listeners(A))
        signal.disconnect(only_a, sender=A)
        self.assertEqual([r for _, r in signal.send(sender=A)], ["any"])


    def _general(self, signal, sender):
        """What the uncached lookup gives: the live receivers for sender."""
        live = []
        for receiver, weak in djscratch._matching_receivers(signal.receivers, sender):
            receiver = receiver() if weak else receiver
            if receiver is not None:
                live.append(receiver)
        return live

    def test_cached_receivers_match_the_general_lookup(self):
        import gc

        signal = Signal()

        class A:
            pass

        def kept(sender, **kwargs):
            pass

        def dropped(sender, **kwargs):
            pass

        signal.connect(kept)
        signal.connect(dropped, sender=A)
        signal.connect(kept, sender=A, weak=False, dispatch_uid="strong")
        senders = [None, A, object(), "text"]
        for sender in senders:
            self.assertEqual(signal._live_receivers(sender),
                             self._general(signal, sender))
        self.assertIn(id(A), signal._sender_cache)  # a class is remembered
        del dropped
        gc.collect()
        for sender in senders:
            self.assertEqual(signal._live_receivers(sender),
                             self._general(signal, sender))
        self.assertEqual(len(signal._live_receivers(A)), 2)

    def test_send_calls_what_the_general_lookup_lists(self):
        import gc

        signal = Signal()
        calls = []

        class A:
            pass

        def make(name):
            def receiver(sender, **kwargs):
                calls.append((name, sender, kwargs))
                return name

            return receiver

        kept, dropped = make("kept"), make("dropped")
        signal.connect(kept)
        signal.connect(dropped, sender=A)
        for round_ in range(3):  # builds the entry, then reads it
            if round_ == 2:
                del dropped
                gc.collect()
            for sender in (A, None):
                expected = [(r, r.__name__) for r in self._general(signal, sender)]
                del calls[:]
                got = signal.send(sender=sender, x=round_)
                self.assertEqual([r for r, _ in got], [r for r, _ in expected])
                self.assertEqual([c[2] for c in calls],
                                 [{"signal": signal, "x": round_}] * len(got))
        self.assertEqual(len(signal.send(sender=A)), 1)

    def test_a_dead_class_entry_is_not_reused(self):
        import gc

        signal = Signal()

        def receiver(sender, **kwargs):
            pass

        cls = type("Gone", (), {})
        signal.connect(receiver, sender=cls, weak=False)
        self.assertEqual(signal._live_receivers(cls), [receiver])
        key = id(cls)
        del cls
        gc.collect()
        other = type("Other", (), {})
        # Whatever id the new class got, the entry of the dead one is not
        # taken for it: the weak reference no longer gives that class.
        entry = signal._sender_cache.get(key)
        self.assertTrue(entry is None or entry[1]() is None)
        self.assertEqual(signal._live_receivers(other),
                         self._general(signal, other))


@override_settings(**TEST_SETTINGS)
class LazyPartsTests(unittest.TestCase):
    def test_fallback_storage_builds_its_storages_when_used(self):
        request = make_request()
        request.session = {}
        storage = FallbackStorage(request)
        self.assertNotIn("storages", storage.__dict__)
        response = HttpResponse("ok")
        self.assertIsNone(storage.update(response))
        self.assertNotIn("storages", storage.__dict__)
        storage.add(20, "hello")
        storage.update(response)
        self.assertIn("messages", response.cookies)

    def test_fallback_storage_still_refuses_a_request_without_session(self):
        from django.core.exceptions import ImproperlyConfigured

        with self.assertRaises(ImproperlyConfigured):
            FallbackStorage(make_request())

    def test_empty_session_is_empty_without_loading(self):
        with override_settings(SESSION_ENGINE=SIGNED):
            store = djscratch._session_store_class()(None)
            self.assertTrue(store.is_empty())
            self.assertFalse(store.accessed)
            store["a"] = 1
            self.assertFalse(store.is_empty())


def _view(request, **kwargs):
    return HttpResponse("ok")


class ResolverCacheTests(unittest.TestCase):
    def resolver(self, patterns):
        return djscratch.URLResolver(djscratch.RegexPattern(r"^/"), patterns)

    def test_static_path_gives_equal_but_separate_matches(self):
        from django.urls import path

        resolver = self.resolver([path("about/", _view, {"x": 1}, name="about")])
        first = resolver.resolve("/about/")
        second = resolver.resolve("/about/")
        self.assertIsNot(first, second)
        self.assertIsNot(first.kwargs, second.kwargs)
        for name in ("func", "args", "kwargs", "url_name", "route", "view_name",
                     "app_names", "namespaces", "captured_kwargs",
                     "extra_kwargs"):
            self.assertEqual(getattr(first, name), getattr(second, name), name)
        first.kwargs["y"] = 2
        self.assertEqual(resolver.resolve("/about/").kwargs, {"x": 1})
        self.assertEqual(resolver._static_matches.keys(), {("/about/", 1)})

    def test_captured_values_are_converted_every_time(self):
        from django.urls import path, register_converter

        calls = []

        class Counting:
            regex = "[0-9]+"

            def to_python(self, value):
                calls.append(value)
                return int(value)

            def to_url(self, value):
                return str(value)

        register_converter(Counting, "counting_stack")
        resolver = self.resolver([path("n/<counting_stack:n>/", _view)])
        self.assertEqual(resolver.resolve("/n/4/").kwargs, {"n": 4})
        self.assertEqual(resolver.resolve("/n/4/").kwargs, {"n": 4})
        self.assertEqual(calls, ["4", "4"])
        self.assertEqual(resolver._static_matches, {})

    def test_a_pattern_added_to_the_list_is_seen(self):
        from django.urls import Resolver404, path

        patterns = [path("a/", _view)]
        resolver = self.resolver(patterns)
        resolver.resolve("/a/")
        with self.assertRaises(Resolver404):
            resolver.resolve("/b/")
        patterns.insert(0, path("a/", _view, name="first"))
        patterns.append(path("b/", _view))
        self.assertEqual(resolver.resolve("/a/").url_name, "first")
        self.assertEqual(resolver.resolve("/b/").func, _view)


# -- The flat middleware loop against the nested chain ------------------------



class Outer(Recording):
    pass


class Middle(Recording):
    pass


class Inner(Recording):
    pass


class RequestOnly(djscratch.MiddlewareMixin):
    def process_request(self, request):
        return act("RequestOnly", "request")


class ResponseOnly(djscratch.MiddlewareMixin):
    def process_response(self, request, response):
        return act("ResponseOnly", "response", response)


def _planned_view(request):
    return act("view", "view") or HttpResponse("view")


urlpatterns = []


class FlatChainTests(unittest.TestCase):
    """Every mix of hooks that return, answer early, raise, or raise what
    cannot be converted, in three layers and the view: the flat loop calls
    the same hooks in the same order and ends the same way as the chain."""

    def outcome(self, run, request):
        return recorded_outcome(run, request)

    def test_flat_loop_matches_nested_chain(self):
        from itertools import product
        from unittest import mock

        from django.urls import path

        urlpatterns[:] = [path("", _planned_view)]
        names = ["tests.test_request_stack.%s" % n for n in ("Outer", "Middle",
                                                               "Inner")]
        with override_settings(**dict(TEST_SETTINGS, MIDDLEWARE=names,
                                      ROOT_URLCONF=__name__)), \
                mock.patch("django.core.handlers.exception.response_for_exception",
                           converting):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            self.assertIsNotNone(handler._flat_middleware)
            request_actions = (None, "respond", "raise", "unconvertible")
            response_actions = (None, "raise", "unconvertible")
            layers = ("Outer", "Middle", "Inner")
            checked = 0
            for choice in product(request_actions, response_actions,
                                  repeat=len(layers)):
                for view in (None, "raise", "unconvertible"):
                    PLAN.clear()
                    for n, name in enumerate(layers):
                        PLAN[(name, "request")] = choice[2 * n]
                        PLAN[(name, "response")] = choice[2 * n + 1]
                    PLAN[("view", "view")] = view
                    nested = self.outcome(handler._middleware_chain,
                                          make_request())
                    flat = self.outcome(handler._run_flat, make_request())
                    self.assertEqual(flat, nested, PLAN)
                    checked += 1
            self.assertEqual(checked, 12 ** 3 * 3)

    def test_layers_without_a_hook_are_skipped_as_the_chain_skips_them(self):
        from itertools import product
        from unittest import mock

        from django.urls import path

        urlpatterns[:] = [path("", _planned_view)]
        names = ["tests.test_request_stack.%s" % n for n in (
            "ResponseOnly", "Outer", "RequestOnly", "ResponseOnly")]
        with override_settings(**dict(TEST_SETTINGS, MIDDLEWARE=names,
                                      ROOT_URLCONF=__name__)), \
                mock.patch("django.core.handlers.exception.response_for_exception",
                           converting):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            requests, responses = handler._flat_hooks
            self.assertEqual([i for i, _hook in requests], [1, 2])
            self.assertEqual([i for i, _hook in responses], [3, 1, 0])
            actions = (None, "respond", "raise", "unconvertible")
            for outer, only_request, only_response, view in product(
                    actions, actions, actions[:1] + actions[2:], actions[:1]
                    + actions[2:]):
                PLAN.clear()
                PLAN[("Outer", "request")] = outer
                PLAN[("RequestOnly", "request")] = only_request
                PLAN[("ResponseOnly", "response")] = only_response
                PLAN[("view", "view")] = view
                nested = self.outcome(handler._middleware_chain, make_request())
                flat = self.outcome(handler._run_flat, make_request())
                self.assertEqual(flat, nested, PLAN)

    def test_a_function_middleware_keeps_the_nested_chain(self):
        names = ["tests.test_request_stack.Outer",
                 "tests.test_request_stack.function_middleware"]
        with override_settings(**dict(TEST_SETTINGS, MIDDLEWARE=names)):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            self.assertIsNone(handler._flat_middleware)


def function_middleware(get_response):
    return get_response


if __name__ == "__main__":
    unittest.main()


@override_settings(**TEST_SETTINGS)
class ResponseFastPathTests(unittest.TestCase):
    """HttpResponse() with no content type, charset or headers stores the
    default Content-Type item and plain content directly; the result equals
    the general path's."""

    def _general(self, content, **kwargs):
        response = HttpResponse.__new__(HttpResponse)
        response._charset = kwargs.get("charset")
        response._set_content_type(kwargs.get("content_type"), response._charset,
                                   kwargs.get("headers"))
        if isinstance(content, (str, bytes)):
            response._container = [response.make_bytes(content)]
        else:
            response.content = content  # the general setter either way
        return response

    def _assert_same(self, fast, general):
        self.assertEqual(fast.headers._store, general.headers._store)
        self.assertEqual(fast.content, general.content)
        self.assertEqual(fast.charset, general.charset)

    def test_default_content_type_matches_the_general_path(self):
        for charset in ("utf-8", "iso-8859-1"):
            with override_settings(DEFAULT_CHARSET=charset):
                for content in ("ok", "café", b"bytes", 12, ["a", b"b"]):
                    self._assert_same(HttpResponse(content),
                                      self._general(content))

    def test_other_arguments_take_the_general_path(self):
        cases = [{"content_type": "text/plain"}, {"charset": "latin-1"},
                 {"headers": {"X-A": "1"}}, {"headers": {}}]
        for kwargs in cases:
            self._assert_same(HttpResponse("é", **kwargs),
                              self._general("é", **kwargs))

    def test_plain_content_only_with_the_base_make_bytes(self):
        class Upper(HttpResponse):
            def make_bytes(self, value):
                return super().make_bytes(value).upper()

        self.assertTrue(djscratch._plain_content(HttpResponse(), "x"))
        self.assertFalse(djscratch._plain_content(HttpResponse(), 1))
        self.assertFalse(djscratch._plain_content(Upper(), "x"))
        self.assertEqual(Upper("ok").content, b"OK")


def _general_update(storage, response):
    """BaseStorage.update() without its early exit (the general path)."""
    storage._prepare_messages(storage._queued_messages)
    if storage.used:
        return storage._store(storage._queued_messages, response)
    if storage.added_new:
        return storage._store(storage._loaded_messages + storage._queued_messages,
                              response)
    return None


@override_settings(**TEST_SETTINGS)
class NoWorkWithoutUseTests(unittest.TestCase):
    """What a request that sends no body, reads no message and sets no
    header twice skips gives what the general path gives."""

    def test_a_request_without_body_reads_as_a_zero_limit_stream(self):
        import io

        general = djscratch._LimitedStream(io.BytesIO(b"ignored"), 0)
        request = make_request()
        self.assertIs(request._stream, djscratch._NO_BODY)
        for method in ("read", "readline"):
            self.assertEqual(getattr(request, method)(),
                             getattr(general, method)())
        self.assertEqual(make_request().body, b"")
        self.assertEqual(djscratch._NO_BODY.read(), b"")  # nothing kept

    def test_unused_message_storage_stores_what_the_general_update_stores(self):
        from django.contrib.messages.storage.cookie import CookieStorage

        for add, read in ((False, False), (True, False), (False, True),
                          (True, True)):
            results = []
            for early_exit in (True, False):
                request = make_request()
                storage = CookieStorage(request)
                if add:
                    storage.add(20, "hello")
                if read:
                    list(storage)
                response = HttpResponse()
                if early_exit:
                    unstored = storage.update(response)
                else:
                    unstored = _general_update(storage, response)
                results.append((unstored, response.cookies.output()))
            self.assertEqual(results[0], results[1], (add, read))

    def test_setdefault_sets_only_a_missing_header(self):
        response = HttpResponse()
        response.headers.setdefault("content-TYPE", "text/plain")
        response.headers.setdefault("X-New", "1")
        response.headers.setdefault("x-new", "2")
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(response["X-New"], "1")
        with self.assertRaises(djscratch.BadHeaderError):
            response.headers.setdefault("X-Bad", "a\nb")


class CacheCloseTests(unittest.TestCase):
    def test_close_all_closes_what_all_initialized_only_finds(self):
        from django.core.cache import CacheHandler

        closed = []

        class Recording(djscratch.LocMemCache):
            def close(self, **kwargs):
                closed.append(self)

        handler = CacheHandler({
            "a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
        handler.close_all()  # nothing built: nothing closed
        self.assertEqual(closed, [])
        handler["a"] = Recording("a", {})
        handler["b"]  # noqa: B018 - built, a plain LocMemCache
        expected = handler.all(initialized_only=True)
        handler.close_all()
        self.assertEqual(closed, [c for c in expected if isinstance(c, Recording)])
        self.assertEqual(len(expected), 2)


class RequestSignalReceiverTests(unittest.TestCase):
    def test_close_old_connections_disconnects_as_in_django(self):
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections, reset_queries

        for signal in (request_started, request_finished):
            self.assertIn(close_old_connections, signal._live_receivers(None))
            self.assertTrue(signal.disconnect(close_old_connections))
            try:
                self.assertNotIn(close_old_connections, signal._live_receivers(None))
            finally:
                signal.connect(close_old_connections)
            self.assertIn(close_old_connections, signal._live_receivers(None))
        self.assertIn(reset_queries, request_started._live_receivers(None))


class IdleReceiverTests(unittest.TestCase):
    """A receiver with nothing to do (its _djscratch_pending() is falsy) is
    not called by send(), which answers for it what it would have: None."""

    def _general(self, signal, sender, **named):
        return [(r, r(signal=signal, sender=sender, **named))
                for r in signal._live_receivers(sender)]

    def test_send_answers_as_calling_every_receiver(self):
        signal = Signal()
        calls = []
        state = {"work": False}

        def idle(sender, **kwargs):
            calls.append("idle")
            return None if not state["work"] else "worked"

        idle._djscratch_pending = lambda: state["work"]

        def plain(sender, **kwargs):
            calls.append("plain")
            return "plain"

        signal.connect(idle)
        signal.connect(plain)
        signal.send(sender=None, x=1)  # builds the remembered entry
        for work in (False, True, False):
            state["work"] = work
            del calls[:]
            got = signal.send(sender=None, x=1)
            called = calls[:]
            self.assertEqual(got, self._general(signal, None, x=1))
            self.assertEqual(called, ["idle", "plain"] if work else ["plain"])

    def test_the_request_receivers_are_idle_exactly_without_state(self):
        import threading

        from django.core.cache import caches
        from django.db import connections

        seen = {}

        def in_new_thread():
            seen["db_before"] = djscratch._thread_wrappers()
            seen["caches_before"] = dict(djscratch._thread_caches())
            wrappers = connections._wrappers()  # as a first connection does
            wrappers["fake"] = object()
            caches["default"]  # noqa: B018 - builds this thread's backend
            seen["db_after"] = dict(djscratch._thread_wrappers())
            seen["caches_after"] = dict(djscratch._thread_caches())
            wrappers.clear()

        with override_settings(**TEST_SETTINGS):
            thread = threading.Thread(target=in_new_thread)
            thread.start()
            thread.join()
        self.assertFalse(seen["db_before"])
        self.assertFalse(seen["caches_before"])
        self.assertTrue(seen["db_after"])
        self.assertTrue(seen["caches_after"])
        for receiver in (djscratch.reset_queries, djscratch.close_old_connections):
            self.assertIs(receiver._djscratch_pending, djscratch._thread_wrappers)
        self.assertIs(djscratch.close_caches._djscratch_pending,
                      djscratch._thread_caches)


@override_settings(**TEST_SETTINGS)
class PerCallFastPathTests(unittest.TestCase):
    """Answers remembered or taken in fewer calls equal the general path's."""

    def test_header_params_split_without_quotes_as_the_walk_does(self):
        import itertools

        headers = ["", "text/html", "text/html; charset=utf-8",
                   "multipart/form-data; boundary=----x", "a;;b; ;c=", ";", ";;",
                   'a; b="c;d"', 'a; b="c\\";d"', "a\\;b", "\u00e9;x=\u00e9"]
        # every string of up to four of these characters, and the headers
        headers += ["".join(chars) for n in range(5)
                    for chars in itertools.product('a;"\\= ', repeat=n)]
        for header in headers:
            with self.subTest(header=header):
                self.assertEqual(djscratch._split_header_params(";" + header),
                                 djscratch._split_quoted_header_params(";" + header))

    def test_is_async_view_answers_as_iscoroutinefunction(self):
        import functools

        from djscratch import iscoroutinefunction

        async def async_view(request):
            return HttpResponse()

        def sync_view(request):
            return HttpResponse()

        class Unhashable:
            __hash__ = None

            def __call__(self, request):
                return HttpResponse()

        views = [sync_view, async_view, functools.partial(sync_view),
                 djscratch.markcoroutinefunction(lambda request: None),
                 Unhashable()]
        for _ in range(2):  # computed, then remembered
            for view in views:
                self.assertEqual(djscratch._is_async_view(view),
                                 iscoroutinefunction(view), view)

    def test_get_host_reads_what_get_raw_host_reads(self):
        cases = [({"HTTP_HOST": "testserver"}, {}),
                 ({"HTTP_HOST": "testserver:8000"}, {"ALLOWED_HOSTS": ["*"]}),
                 ({"HTTP_HOST": "a.example", "HTTP_X_FORWARDED_HOST": "testserver"},
                  {"USE_X_FORWARDED_HOST": True}),
                 ({"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_HOST": "evil"},
                  {"USE_X_FORWARDED_HOST": False})]
        for meta, overrides in cases:
            with override_settings(**overrides):
                request = make_request()
                request.META.update(meta)
                self.assertEqual(request.get_host(), request._get_raw_host())
        request = make_request()
        del request.META["HTTP_HOST"]
        self.assertEqual(request.get_host(), request._get_raw_host())
        request.META["HTTP_HOST"] = "evil.example"
        with self.assertRaises(djscratch.DisallowedHost):
            request.get_host()

    def test_set_missing_headers_sets_what_setdefault_sets(self):
        pairs = [("X-Content-Type-Options", "nosniff"),
                 ("Referrer-Policy", "same-origin"), ("X-Number", 12),
                 ("X-Text", "café ü")]
        items = djscratch._checked_header_items(pairs)

        class OtherHeaders(djscratch.ResponseHeaders):
            pass

        for preset in ({}, {"referrer-policy": "no-referrer"}, {"X-NUMBER": "1"}):
            for headers_class in (djscratch.ResponseHeaders, OtherHeaders):
                fast, general = headers_class(preset), headers_class(preset)
                djscratch._set_missing_headers(fast, items)
                for name, value in pairs:
                    general.setdefault(name, value)
                self.assertEqual(fast._store, general._store)
        with self.assertRaises(djscratch.BadHeaderError):
            djscratch._checked_header_items([("X-Bad", "a\nb")])

    def test_security_headers_as_django_sets_them(self):
        from django.middleware.security import SecurityMiddleware

        middleware = SecurityMiddleware(lambda request: HttpResponse())
        with override_settings(SECURE_REFERRER_POLICY=["origin", " same-origin"],
                               SECURE_CROSS_ORIGIN_OPENER_POLICY="unsafe-none"):
            response = middleware(make_request())
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "origin,same-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "unsafe-none")
        kept = SecurityMiddleware(
            lambda request: HttpResponse(headers={"Referrer-Policy": "x"}))
        self.assertEqual(kept(make_request())["Referrer-Policy"], "x")


@override_settings(**TEST_SETTINGS)
class PromisedAttributeTests(unittest.TestCase):
    """request.user, request.auser and request._messages are built on first
    read; what is read equals what Django's middleware sets eagerly, and a
    request that never reads them holds no reference cycle."""

    def _through(self, *middleware_classes):
        from django.contrib.sessions.middleware import SessionMiddleware

        request = make_request()
        SessionMiddleware(lambda r: HttpResponse()).process_request(request)
        for cls in middleware_classes:
            cls(lambda r: HttpResponse()).process_request(request)
        return request

    def test_missing_without_the_middleware(self):
        request = make_request()
        for name in ("user", "auser", "_messages"):
            self.assertFalse(hasattr(request, name))
            with self.assertRaisesRegex(
                    AttributeError,
                    "'WSGIRequest' object has no attribute '%s'" % name):
                getattr(request, name)
        self.assertEqual(djscratch.get_messages(request), [])

    def test_user_is_built_once_on_first_read_as_django_sets_it(self):
        import functools

        from django.contrib.auth.middleware import AuthenticationMiddleware
        from django.utils.functional import SimpleLazyObject

        with override_settings(
                INSTALLED_APPS=["django.contrib.auth",
                                "django.contrib.contenttypes"]):
            request = self._through(AuthenticationMiddleware)
            self.assertNotIn("user", request.__dict__)
            user = request.user
            self.assertIsInstance(user, SimpleLazyObject)
            self.assertIs(request.user, user)
            self.assertIsInstance(request.auser, functools.partial)
            self.assertEqual(request.auser.args, (request,))
            self.assertFalse(user.is_authenticated)  # AnonymousUser
        request.user = "set by hand"
        self.assertEqual(request.user, "set by hand")

    def test_a_new_promise_replaces_a_value_as_assignment_does(self):
        request = make_request()
        request.user = "old"
        djscratch._promise_attribute(request, "user", lambda r: "new")
        self.assertEqual(request.user, "new")

    def test_message_storage_built_on_first_use_stores_as_an_eager_one(self):
        from django.contrib import messages
        from django.contrib.messages.middleware import MessageMiddleware

        for add in (False, True):
            results = []
            for deferred in (True, False):
                request = self._through()
                middleware = MessageMiddleware(lambda r: HttpResponse())
                if deferred:
                    middleware.process_request(request)
                    self.assertTrue(djscratch._promised_unbuilt(request, "_messages"))
                else:
                    request._messages = djscratch.FallbackStorage(request)
                if add:
                    messages.info(request, "hello")
                response = middleware.process_response(request, HttpResponse())
                results.append(response.cookies.output())
            self.assertEqual(results[0], results[1], add)

    def test_storage_with_its_own_update_or_init_is_built_eagerly(self):
        class Custom(djscratch.FallbackStorage):
            def update(self, response):
                return super().update(response)

        class CustomInit(djscratch.SessionStorage):
            def __init__(self, request, *args, **kwargs):
                super().__init__(request, *args, **kwargs)

        self.assertIsNone(djscratch._deferred_storage_checks(Custom))
        self.assertIsNone(djscratch._deferred_storage_checks(CustomInit))
        # CookieStorage builds its signer on first use: it keeps the base
        # __init__, so it waits too (and needs no session).
        cookie = djscratch.CookieStorage
        self.assertEqual(djscratch._deferred_storage_checks(cookie), ())
        self.assertIsNotNone(
            djscratch._deferred_storage_checks(djscratch.FallbackStorage))

    def test_storage_needing_a_session_is_refused_at_once(self):
        from django.contrib.messages.middleware import MessageMiddleware

        for storage in ("django.contrib.messages.storage.fallback.FallbackStorage",
                        "django.contrib.messages.storage.session.SessionStorage"):
            with override_settings(MESSAGE_STORAGE=storage):
                with self.assertRaises(djscratch.ImproperlyConfigured):
                    MessageMiddleware(lambda r: HttpResponse()).process_request(
                        make_request())

    def test_an_unread_request_is_freed_without_the_garbage_collector(self):
        import gc
        import weakref

        from django.contrib.auth.middleware import AuthenticationMiddleware
        from django.contrib.messages.middleware import MessageMiddleware

        request = self._through(AuthenticationMiddleware, MessageMiddleware)
        ref = weakref.ref(request)
        enabled = gc.isenabled()
        gc.disable()
        try:
            del request
            self.assertIsNone(ref())
        finally:
            if enabled:
                gc.enable()


@override_settings(**TEST_SETTINGS, SESSION_ENGINE=SIGNED)
class PromisedSessionTests(unittest.TestCase):
    """request.session is built on first read; the response is the one the
    eager session of Django's middleware gives, whatever the request did."""

    def _response(self, deferred, cookies, action):
        middleware = SessionMiddleware(lambda r: HttpResponse())
        request = make_request(cookies=cookies)
        if deferred:
            middleware.process_request(request)
            self.assertTrue(djscratch._promised_unbuilt(request, "session"))
        else:
            request.session = djscratch._session_from_cookie(request)
        action(request)
        response = middleware.process_response(request, HttpResponse())
        return (response.cookies.get("sessionid") is not None,
                response.get("Vary"), sorted(request.__dict__.get(
                    "session", {}).keys()) if action is not _nothing else None)

    def test_deferred_session_responds_as_an_eager_one(self):
        from django.contrib.sessions.backends.signed_cookies import SessionStore

        store = SessionStore()
        store["k"] = "v"
        store.save()
        cookie_sets = [None, {"sessionid": "short"}, {"sessionid": store.session_key}]
        actions = [_nothing, _read, _write, _flush]
        for cookies in cookie_sets:
            for action in actions:
                self.assertEqual(self._response(True, cookies, action),
                                 self._response(False, cookies, action),
                                 (cookies, action.__name__))

    def test_auth_and_messages_see_a_promised_session(self):
        from django.contrib.auth.middleware import AuthenticationMiddleware

        request = make_request()
        SessionMiddleware(lambda r: HttpResponse()).process_request(request)
        AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
        djscratch.SessionStorage._check_request(request)
        self.assertTrue(djscratch._promised_unbuilt(request, "session"))
        self.assertTrue(djscratch._has_attribute(request, "session"))
        self.assertFalse(djscratch._has_attribute(make_request(), "session"))


def _nothing(request):
    pass


def _read(request):
    request.session.get("k")


def _write(request):
    request.session["new"] = 1


def _flush(request):
    request.session.flush()


@override_settings(**TEST_SETTINGS)
class FewerCallsTests(unittest.TestCase):
    """Shortcuts that save a call give what the call gives."""

    def test_header_items_are_the_stored_pairs(self):
        response = HttpResponse(headers={"X-A": "1", "x-b": "2"})
        self.assertEqual(response.headers.items(),
                         [(k, v) for k, v in response.headers._store.values()])
        self.assertEqual(response.headers.items(),
                         [("X-A", "1"), ("x-b", "2"),
                          ("Content-Type", "text/html; charset=utf-8")])

    def test_no_cookie_header_parses_as_the_empty_header(self):
        request = make_request()
        self.assertNotIn("HTTP_COOKIE", request.META)
        self.assertEqual(request.COOKIES, djscratch.parse_cookie(""))
        self.assertEqual(make_request(cookies={"a": "b"}).COOKIES, {"a": "b"})

    def test_shared_pending_is_asked_again_after_a_called_receiver(self):
        signal = Signal()
        state = {"work": False}
        calls = []

        def pending():
            return state["work"]

        def first(sender, **kwargs):
            calls.append("first")

        def opener(sender, **kwargs):  # no pending(): always called
            calls.append("opener")
            state["work"] = True

        def last(sender, **kwargs):
            calls.append("last")

        first._djscratch_pending = last._djscratch_pending = pending
        for receiver in (first, opener, last):
            signal.connect(receiver)
        signal.send(sender=None)  # builds the remembered entry
        state["work"] = False
        del calls[:]
        self.assertEqual(signal.send(sender=None),
                         [(first, None), (opener, None), (last, None)])
        self.assertEqual(calls, ["opener", "last"])

    def test_static_prefix_follows_settings(self):
        djscratch.setup()  # the finders read the app registry (alone, it is empty)
        with override_settings(DJSCRATCH_SERVE_STATIC=True, STATIC_URL="/s/"):
            self.assertEqual(djscratch._static_serving_prefix(), "/s/")
            self.assertIsNone(djscratch._static_response(make_request(path="/x")))
        with override_settings(DJSCRATCH_SERVE_STATIC=True, STATIC_URL="/t/"):
            with self.assertRaises(djscratch.Http404):  # served: looked for
                djscratch._static_response(make_request(path="/t/missing.css"))
            self.assertIsNone(djscratch._static_response(make_request(path="/s/a")))


#: MIDDLEWARE of the settings.py that `django-admin startproject` writes.
STARTPROJECT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


class HostChanger(djscratch.MiddlewareMixin):
    """Rewrites the Host header after the handler checked it."""

    def process_request(self, request):
        request.META["HTTP_HOST"] = "elsewhere.example"


class KeepsHostSubclass(djscratch.SecurityMiddleware):
    """Overrides the hook: nothing tells that it keeps the host."""

    def process_request(self, request):
        return super().process_request(request)


def _ok_view(request):
    return HttpResponse("ok")


class IdleHooksTests(unittest.TestCase):
    """A request hook that does nothing under the current settings
    (_djscratch_idle) is left out of the flat loop, derived again when
    settings change; the responses equal the nested chain's, which calls
    every hook."""

    VARIANTS = [
        {},
        {"SECURE_SSL_REDIRECT": True},
        {"PREPEND_WWW": True},
        {"DISALLOWED_USER_AGENTS": [__import__("re").compile("bot")]},
        {"MIDDLEWARE": ["tests.test_request_stack.HostChanger"]
         + STARTPROJECT_MIDDLEWARE},
        {"MIDDLEWARE": ["tests.test_request_stack.KeepsHostSubclass"]
         + STARTPROJECT_MIDDLEWARE[1:]},
    ]
    REQUESTS = [
        {}, {"secure": True}, {"headers": {"User-Agent": "a bot"}},
        {"host": "elsewhere.example"}, {"path": "/nowhere"},
    ]

    def settings_for(self, variant):
        from django.urls import path

        urlpatterns[:] = [path("", _ok_view)]
        # (no INSTALLED_APPS: the requests touch no session, user or message)
        values = dict(TEST_SETTINGS, ROOT_URLCONF=__name__,
                      MIDDLEWARE=STARTPROJECT_MIDDLEWARE,
                      ALLOWED_HOSTS=["testserver", "www.testserver"])
        values.update(variant)
        return override_settings(**values)

    def outcome(self, handler, **request):
        response = handler.get_response(make_request(**request))
        return (response.status_code, sorted(response.headers.items()),
                response.content)

    def active_names(self, handler):
        return [type(hook.__self__).__name__
                for _i, hook in handler._active_hooks[1][0]]

    def test_flat_with_idle_hooks_left_out_responds_as_the_nested_chain(self):
        for variant in self.VARIANTS:
            with self.settings_for(variant):
                flat = djscratch.BaseHandler()
                flat.load_middleware()
                nested = djscratch.BaseHandler()
                nested.load_middleware()
                nested._flat_middleware = None
                for request in self.REQUESTS:
                    with self.subTest(variant=variant, request=request):
                        self.assertEqual(self.outcome(flat, **request),
                                         self.outcome(nested, **request))

    def test_which_hooks_are_left_out(self):
        expected = [
            ["SessionMiddleware", "CsrfViewMiddleware",
             "AuthenticationMiddleware", "MessageMiddleware"],
            ["SecurityMiddleware", "SessionMiddleware", "CsrfViewMiddleware",
             "AuthenticationMiddleware", "MessageMiddleware"],
            ["SessionMiddleware", "CommonMiddleware", "CsrfViewMiddleware",
             "AuthenticationMiddleware", "MessageMiddleware"],
            ["SessionMiddleware", "CommonMiddleware", "CsrfViewMiddleware",
             "AuthenticationMiddleware", "MessageMiddleware"],
            # an earlier hook may have changed the host: Common checks again
            ["HostChanger", "SessionMiddleware", "CommonMiddleware",
             "CsrfViewMiddleware", "AuthenticationMiddleware",
             "MessageMiddleware"],
            ["KeepsHostSubclass", "SessionMiddleware", "CommonMiddleware",
             "CsrfViewMiddleware", "AuthenticationMiddleware",
             "MessageMiddleware"],
        ]
        for variant, names in zip(self.VARIANTS, expected):
            with self.settings_for(variant):
                handler = djscratch.BaseHandler()
                handler.load_middleware()
                handler.get_response(make_request())
                self.assertEqual(self.active_names(handler), names, variant)

    def test_derived_again_when_settings_change(self):
        with self.settings_for({}):
            handler = djscratch.BaseHandler()
            handler.load_middleware()
            handler.get_response(make_request())
            self.assertNotIn("SecurityMiddleware", self.active_names(handler))
            with override_settings(SECURE_SSL_REDIRECT=True):
                response = handler.get_response(make_request())
                self.assertEqual(response.status_code, 301)
                self.assertIn("SecurityMiddleware", self.active_names(handler))
            handler.get_response(make_request())
            self.assertNotIn("SecurityMiddleware", self.active_names(handler))

    def test_settings_token_changes_with_settings_only(self):
        token = djscratch._settings_token()
        self.assertIs(djscratch._settings_token(), token)
        with override_settings(PREPEND_WWW=True):
            inner = djscratch._settings_token()
            self.assertIsNot(inner, token)
            self.assertIs(djscratch._settings_token(), inner)
        self.assertIsNot(djscratch._settings_token(), inner)

    def test_the_token_cache_holds_the_token_until_settings_change(self):
        # (what the handler reads instead of calling _settings_token())
        cache = djscratch._SETTINGS_TOKEN_CACHE
        token = djscratch._settings_token()
        self.assertIs(cache.get(()), token)
        with override_settings(PREPEND_WWW=True):
            self.assertIsNone(cache.get(()))
            self.assertIs(cache.get(()), None)
            inner = djscratch._settings_token()
            self.assertIs(cache.get(()), inner)
        self.assertIsNone(cache.get(()))


@override_settings(**TEST_SETTINGS)
class PathInfoFastPathTests(unittest.TestCase):
    """An ASCII str PATH_INFO is taken as it is; _decoded_path_info(), the
    general decoding, gives it back unchanged; other paths go through it."""

    PATHS = ["/", "/a/b/", "/%E2%82%AC", "/caf\xc3\xa9/", "/\xff/", "/\u20ac",
             "/a\x00b", "", "x/y", "//double"]

    def test_ascii_text_is_what_the_decoding_gives(self):
        import string

        for text in ("/", "/a/b/?", string.printable, "/%20x"):
            self.assertEqual(djscratch._decoded_path_info(text), (text, None))

    def test_request_path_info_is_the_decoded_one(self):
        from wsgiref.util import setup_testing_defaults

        for raw in self.PATHS:
            for script_name in ("", "/mount", "/mount/"):
                with self.subTest(raw=raw, script_name=script_name):
                    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": raw,
                               "SCRIPT_NAME": script_name}
                    setup_testing_defaults(environ)
                    environ["PATH_INFO"] = raw
                    request = djscratch.WSGIRequest(environ)
                    expected, error = djscratch._decoded_path_info(raw or "/")
                    if "\x00" in expected:
                        expected = expected.replace("\x00", "%00")
                        error = "The request path contains a NUL byte."
                    self.assertEqual(request.path_info, expected)
                    self.assertEqual(
                        request.path, "%s/%s" % (script_name.rstrip("/"),
                                                 expected.replace("/", "", 1)))
                    got = getattr(request, "_input_error", None)
                    self.assertEqual(str(got) if got else None,
                                     str(error) if error else None)

    def test_joined_path_is_the_general_join(self):
        for script_name in ("", "/", "/m", "/m/"):
            for path_info in ("/", "/a", "a/b", "", "//x"):
                self.assertEqual(
                    djscratch._joined_path(script_name, path_info),
                    "%s/%s" % (script_name.rstrip("/"),
                               path_info.replace("/", "", 1)))


class GeneralXFrame(djscratch.XFrameOptionsMiddleware):
    """A subclass: takes the general path of process_response."""


@override_settings(**TEST_SETTINGS)
class XFrameFastPathTests(unittest.TestCase):
    """XFrameOptionsMiddleware itself sets the header checked once per
    change of settings; the result equals the general path's (a subclass)."""

    def responses(self):
        plain = HttpResponse("ok")
        present = HttpResponse("ok", headers={"x-frame-options": "ALLOWALL"})
        exempt = HttpResponse("ok")
        exempt.xframe_options_exempt = True
        not_exempt = HttpResponse("ok")
        not_exempt.xframe_options_exempt = False
        return [plain, present, exempt, not_exempt]

    def outcome(self, middleware_class, index):
        middleware = middleware_class(lambda request: None)
        try:
            response = middleware.process_response(make_request(),
                                                   self.responses()[index])
        except Exception as exc:  # noqa: BLE001 - compared, not handled
            return type(exc), str(exc)
        return response.headers.items()

    def test_fast_path_sets_what_the_general_path_sets(self):
        for value in (None, "sameorigin", "DENY", "bad\nvalue", "\u20ac", 3):
            options = {} if value is None else {"X_FRAME_OPTIONS": value}
            with override_settings(**options):
                if value is None:
                    del settings.X_FRAME_OPTIONS
                for index in range(len(self.responses())):
                    with self.subTest(value=value, index=index):
                        self.assertEqual(
                            self.outcome(djscratch.XFrameOptionsMiddleware, index),
                            self.outcome(GeneralXFrame, index))


def _imports_run(function):
    """The import statements djscratch's code runs while `function()` runs
    (a function-level `from urllib.parse import x` costs microseconds)."""
    import dis
    import sys

    seen = []
    source = djscratch.__file__

    def trace(frame, event, arg):
        if event != "call" or frame.f_code.co_filename != source:
            return None
        frame.f_trace_opcodes = True
        code = frame.f_code

        def local(frame, event, arg):
            if event == "opcode" and dis.opname[
                    code.co_code[frame.f_lasti]] == "IMPORT_NAME":
                seen.append("%s:%s" % (code.co_name, frame.f_lineno))
            return local
        return local

    function()  # whatever loads on first use loads now
    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return seen


@override_settings(**TEST_SETTINGS)
class NoImportPerCallTests(unittest.TestCase):
    """What a page runs per row or per request binds its modules at the
    top of its module, not with an import statement per call."""

    def test_per_row_and_per_request_helpers_run_no_import(self):
        import datetime

        from django.http import QueryDict

        moment = datetime.datetime(2026, 11, 21, 9, 30, tzinfo=datetime.timezone.utc)
        response = HttpResponse()
        calls = {
            "date format": lambda: djscratch.DateFormat(moment).format("Y-m-d H:i"),
            "stored datetime": lambda: djscratch._convert_datetime_aware(
                "2026-11-21 09:30:00"),
            "bound datetime": lambda: djscratch._adapt_param(moment),
            "header parameters": lambda: djscratch.parse_header_parameters(
                'text/html; charset="utf-8"; title*=utf-8\'\'%E2%82%AC'),
            "query string": lambda: QueryDict("a=1&b=2&a=3"),
            "cookie": lambda: response.set_cookie("name", "value", max_age=60),
            "http date": lambda: djscratch.http_date(0),
            "content type": lambda: make_request(
                data={"a": "1"}, method="POST").encoding,
        }
        for name, call in calls.items():
            with self.subTest(name):
                self.assertEqual(_imports_run(call), [])


class RememberedAnswersAgainstDjangoTests(unittest.TestCase):
    """tests/request_cache_scenario.py (150 responses setting cookies with
    random attributes, messages in the three storages, signal receivers
    connected, disconnected and collected between requests, ROOT_URLCONF
    and request.urlconf switched) gives Django 5.2's statuses, bodies,
    header names, Set-Cookie headers and receiver calls."""

    maxDiff = None

    def test_every_request_matches_django(self):
        out = run_scenario("request_cache_scenario.py", "REQUEST_CACHE_ENGINE")
        expected = load_expected("request_cache_expected.json")
        self.assertEqual(sorted(out), sorted(expected))
        for name, value in sorted(expected.items()):
            with self.subTest(case=name):
                self.assertEqual(out[name], value)
