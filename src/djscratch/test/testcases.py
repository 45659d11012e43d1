"""SimpleTestCase, TransactionTestCase, TestCase and
LiveServerTestCase (django/test/testcases.py).  The single file defines them
on first use (tools/amalgamate.py), as they need unittest.
"""

import urllib.parse
import sys
import threading
import unittest

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.utils.functional import classproperty
from djscratch.core.exceptions import ImproperlyConfigured, ValidationError
from djscratch.conf import settings
from djscratch.http.request import validate_host
from djscratch.db.utils import connections
from djscratch.db.transaction import transaction
from djscratch.db.schema_sync import emit_post_migrate_signal
from djscratch.db.models.fields import CharField
from djscratch.core.handlers.wsgi import get_wsgi_application
from djscratch.core.mail.backends import _mail_module
from djscratch.test.utils import (
    _AssertNumQueriesContext, _AssertTemplateNotUsedContext,
    _AssertTemplateUsedContext, _TestState, modify_settings, override_settings,
    setup_test_environment,
)
from djscratch.test.html import _compare_xml, HTMLParseError, parse_html
from djscratch.test.client import _query_dict, AsyncClient, Client
from djscratch.test.databases import (
    _DatabaseFailure, _db_aliases, _ensure_test_databases, _flush_tables, _orm_present,
    _prepare_for_database_tests, _reset_sequences, _run_on_commit_callback, _TestData,
)
from djscratch.core.management.fixtures import _load_fixtures

__all__ = [
    "SimpleTestCase", "TransactionTestCase", "TestCase", "LiveServerTestCase",
    "SeleniumTestCase",
]


class _LiveServerThread(threading.Thread):
    """Serve the project's WSGI application on a free port, for browser tests."""

    def __init__(self, host, port=0):
        super().__init__(daemon=True)
        self.host = host
        self.port = port
        self.is_ready = threading.Event()
        self.error = None
        self._server = None

    def _make_server(self):
        application = get_wsgi_application()
        try:
            from waitress.server import create_server
        except ImportError:
            create_server = None
        if create_server is not None:
            server = create_server(application, host=self.host, port=self.port,
                                   threads=4)
            self.port = server.effective_port
            return server, server.run, server.close
        from wsgiref.simple_server import WSGIRequestHandler, make_server

        class QuietHandler(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        server = make_server(self.host, self.port, application,
                             handler_class=QuietHandler)
        self.port = server.server_port
        return server, server.serve_forever, server.shutdown

    def run(self):
        try:
            # (_close_server: threading.Thread has a _stop() of its own, which
            # join() calls to mark the thread ended.)
            self._server, serve, self._close_server = self._make_server()
        except Exception as err:
            self.error = err
            self.is_ready.set()
            return
        self.is_ready.set()
        try:
            serve()
        except Exception:  # closing the socket ends waitress's loop
            pass

    def terminate(self):
        """Stop serving; return when the thread has ended."""
        if self._server is not None:
            dispatcher = getattr(self._server, "task_dispatcher", None)
            if dispatcher is not None:
                # waitress: its request threads finish and end first (they
                # outlived the server, and one finishing after the close
                # below would wake the closed loop: "Bad file descriptor").
                dispatcher.shutdown()
            trigger = getattr(self._server, "trigger", None)
            if trigger is not None and self.is_alive():
                # Then close the server inside its loop, woken at once.
                # Closed from this thread, the loop would notice only when
                # its select() times out, a second later (each class of live
                # server tests paid that second).
                trigger.pull_trigger(self._close_server)
                self.join(timeout=5)
            self._close_server()  # (waitress: a second close does nothing)
            if hasattr(self._server, "server_close"):
                self._server.server_close()
        self.join(timeout=5)


class SimpleTestCase(unittest.TestCase):
    """A test case with Django's assertions, a `client`, and no database access.

    Declare `databases = {"default"}` (or use TestCase) for tests that query.
    Subclasses need not call super().setUp(): the client is created before
    setUp runs.
    """

    client_class = Client
    async_client_class = AsyncClient
    databases = set()
    _disallowed_database_msg = (
        "Database %(operation)s to %(alias)r are not allowed in SimpleTestCase "
        "subclasses. Either subclass TestCase or TransactionTestCase to ensure "
        "proper test isolation or add %(alias)r to %(test)s.databases to silence "
        "this failure.")
    _disallowed_connection_methods = [
        ("connect", "connections"), ("temporary_connection", "connections"),
        ("ensure_connection", "connections"), ("cursor", "queries"),
        ("chunked_cursor", "queries"), ("_execute", "queries"),
        ("_executemany", "queries")]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if _orm_present() and settings.configured:
            cls._add_databases_failures()
            cls.addClassCleanup(cls._remove_databases_failures)

    @classmethod
    def _validate_databases(cls):
        if cls.databases == "__all__":
            return frozenset(connections)
        for alias in cls.databases:
            if alias not in connections:
                import difflib

                message = (f"{cls.__module__}.{cls.__qualname__}.databases "
                           "refers to "
                           f"{alias!r} which is not defined in settings.DATABASES.")
                close = difflib.get_close_matches(alias, list(connections))
                if close:
                    message += f" Did you mean {close[0]!r}?"
                raise ImproperlyConfigured(message)
        return frozenset(cls.databases)

    @classmethod
    def _add_databases_failures(cls):
        cls.databases = cls._validate_databases()
        cls._patched_connections = []
        for alias in connections:
            if alias in cls.databases:
                continue
            connection = connections[alias]
            for name, operation in cls._disallowed_connection_methods:
                method = getattr(connection, name, None)
                if method is None:
                    continue
                message = cls._disallowed_database_msg % {
                    "test": f"{cls.__module__}.{cls.__qualname__}",
                    "alias": alias, "operation": operation}
                setattr(connection, name, _DatabaseFailure(method, message))
                cls._patched_connections.append((connection, name))

    @classmethod
    def _remove_databases_failures(cls):
        # Undo on the very objects patched: settings (and so the connection
        # objects) may have changed since setUpClass.
        for connection, name in cls.__dict__.get("_patched_connections", ()):
            if isinstance(connection.__dict__.get(name), _DatabaseFailure):
                del connection.__dict__[name]  # uncover the class's method
        cls._patched_connections = []

    def __call__(self, result=None):
        """Run the test inside _pre_setup() / _post_teardown()."""
        skipped = getattr(self.__class__, "__unittest_skip__", False) or getattr(
            getattr(self, self._testMethodName, None), "__unittest_skip__", False)
        if not skipped:
            try:
                self._pre_setup()
            except Exception:
                if result is not None:
                    result.addError(self, sys.exc_info())
                return
        self._convert_async_test_method()
        super().__call__(result)
        if not skipped:
            try:
                self._post_teardown()
            except Exception:
                if result is not None:
                    result.addError(self, sys.exc_info())

    def _convert_async_test_method(self):
        """Run an `async def` test to completion, as Django does; unittest
        would call it, get a coroutine back and count the test as passed."""
        import inspect

        method = getattr(self, self._testMethodName, None)
        if inspect.iscoroutinefunction(method):
            # Through async_to_sync, as Django: thread-sensitive code the test
            # awaits (sync_to_async, the ORM's a-methods) runs in this thread,
            # on the test's database connection and transaction.
            setattr(self, self._testMethodName,
                    _asgiref_sync().async_to_sync(method))

    def debug(self):
        """Run the test without collecting errors (for debuggers)."""
        self._convert_async_test_method()
        self._pre_setup()
        super().debug()
        self._post_teardown()

    def _pre_setup(self):
        """Create the test client and empty mail.outbox (subclasses load data)."""
        if _TestState.saved is None:
            # No runner set the test environment up (pytest): do it now, as for
            # database tests, so that mail goes to mail.outbox.
            setup_test_environment()
        self.client = self.client_class()
        self.async_client = self.async_client_class()
        _mail_module().outbox = []

    def _post_teardown(self):
        """Undo _pre_setup (subclasses empty tables or roll back)."""

    def settings(self, **kwargs):
        """Return a context manager that overrides settings (override_settings)."""
        return override_settings(**kwargs)

    def modify_settings(self, **kwargs):
        """Return a context manager that edits list settings (modify_settings)."""
        return modify_settings(**kwargs)

    # -- Assertions on responses.

    def assertRedirects(self, response, expected_url, status_code=302,
                        target_status_code=200, msg_prefix="",
                        fetch_redirect_response=True):
        """Assert that the response redirected to expected_url, which loads."""
        if msg_prefix:
            msg_prefix += ": "
        if hasattr(response, "redirect_chain"):  # a response of follow=True
            self.assertTrue(
                response.redirect_chain,
                msg_prefix + "Response didn't redirect as expected: Response code "
                "was %d (expected %d)" % (response.status_code, status_code))
            self.assertEqual(
                response.redirect_chain[0][1], status_code,
                msg_prefix + "Initial response didn't redirect as expected: "
                "Response "
                "code was %d (expected %d)" % (response.redirect_chain[0][1],
                                               status_code))
            url, status_code = response.redirect_chain[-1]
            self.assertEqual(
                response.status_code, target_status_code,
                msg_prefix + "Response didn't redirect as expected: Final Response "
                "code was %d (expected %d)" % (response.status_code,
                                               target_status_code))
        else:
            self.assertEqual(
                response.status_code, status_code,
                msg_prefix + "Response didn't redirect as expected: Response code "
                "was %d (expected %d)" % (response.status_code, status_code))
            url = response.url
            scheme, netloc, path, query, _fragment = urllib.parse.urlsplit(url)
            if not path.startswith("/"):  # a relative redirect
                url = urllib.parse.urljoin(response.request["PATH_INFO"], url)
                path = urllib.parse.urljoin(response.request["PATH_INFO"], path)
            if fetch_redirect_response:
                domain = netloc.rsplit(":", 1)[0] if netloc else ""
                if domain and not validate_host(domain, settings.ALLOWED_HOSTS):
                    raise ValueError(
                        "The test client is unable to fetch remote URLs "
                        f"(got {url}). "
                        f"If the host is served by Django, add '{domain}' to "
                        "ALLOWED_HOSTS. Otherwise, use "
                        "assertRedirects(..., fetch_redirect_response=False).")
                client = response.client
                redirect_response = client.get(
                    path, _query_dict(query), secure=(scheme == "https"),
                    headers=client.headers or {}, **(client.extra or {}))
                self.assertEqual(
                    redirect_response.status_code, target_status_code,
                    msg_prefix + "Couldn't retrieve redirection page '%s': "
                    "response "
                    "code was %d (expected %d)" % (
                        path, redirect_response.status_code, target_status_code))
        self.assertURLEqual(
            url, expected_url,
            msg_prefix
            + f"Response redirected to '{url}', expected '{expected_url}'")

    def assertURLEqual(self, url1, url2, msg_prefix=""):
        """Assert two URLs are equal, ignoring the order of query parameters."""
        def normalize(url):
            parts = urllib.parse.urlsplit(str(url))
            query = urllib.parse.urlencode(
                sorted(urllib.parse.parse_qsl(parts.query)))
            return urllib.parse.urlunsplit(
                (parts.scheme, parts.netloc, parts.path, query, parts.fragment))

        if msg_prefix:
            msg_prefix += ": "
        self.assertEqual(normalize(url1), normalize(url2),
                         msg_prefix + f"Expected '{url1}' to equal '{url2}'.")

    def _assert_contains(self, response, text, status_code, msg_prefix, html):
        from unittest.util import safe_repr

        if callable(getattr(response, "render", None)) and not getattr(
                response, "is_rendered", True):
            response.render()
        if msg_prefix:
            msg_prefix += ": "
        self.assertEqual(
            response.status_code, status_code,
            msg_prefix + "Couldn't retrieve content: Response code was %d "
            "(expected %d)" % (response.status_code, status_code))
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        content_repr = safe_repr(content)
        if not isinstance(text, bytes) or html:
            text = str(text)
            content = content.decode(response.charset)
            text_repr = f"'{text}'"
        else:
            text_repr = repr(text)
        if html:
            content = self._parse_html(content, None,
                                       "Response's content is not valid HTML:")
            text = self._parse_html(text, None,
                                    "Second argument is not valid HTML:")
        return text_repr, content.count(text), msg_prefix, content_repr

    def assertContains(self, response, text, count=None, status_code=200,
                       msg_prefix="", html=False):
        """Assert the response has status_code and contains text (count times)."""
        text_repr, real_count, msg_prefix, content_repr = self._assert_contains(
            response, text, status_code, msg_prefix, html)
        if count is not None:
            self.assertEqual(
                real_count, count,
                f"{msg_prefix}Found {real_count} instances of {text_repr} "
                f"(expected {count}) in the following response\n{content_repr}")
        else:
            self.assertTrue(
                real_count != 0,
                f"{msg_prefix}Couldn't find {text_repr} in the following response\n"
                f"{content_repr}")

    def assertNotContains(self, response, text, status_code=200, msg_prefix="",
                          html=False):
        """Assert the response has status_code and does not contain text."""
        text_repr, real_count, msg_prefix, content_repr = self._assert_contains(
            response, text, status_code, msg_prefix, html)
        self.assertEqual(
            real_count, 0,
            f"{msg_prefix}{text_repr} unexpectedly found in the following response"
            f"\n{content_repr}")

    # -- Forms.

    def _assert_form_error(self, form, field, errors, msg_prefix, form_repr):
        if not form.is_bound:
            self.fail(f"{msg_prefix}The {form_repr} is not bound, it will never "
                      "have "
                      "any errors.")
        if field is not None and field not in form.fields:
            self.fail(f"{msg_prefix}The {form_repr} does not contain the field "
                      f"{field!r}.")
        if field is None:
            found = form.non_field_errors()
            failure = f"The non-field errors of {form_repr} don't match."
        else:
            found = form.errors.get(field, [])
            failure = f"The errors of field {field!r} on {form_repr} don't match."
        self.assertEqual(list(found), errors, msg_prefix + failure)

    def assertFormError(self, form, field, errors, msg_prefix=""):
        """Assert a form's field (None: non-field) has exactly these errors."""
        if isinstance(errors, str):
            errors = [errors]
        if msg_prefix:
            msg_prefix += ": "
        self._assert_form_error(form, field, errors, msg_prefix, f"form {form!r}")

    def assertFormSetError(self, formset, form_index, field, errors, msg_prefix=""):
        """Assert a formset form's field (None: non-form errors) errors."""
        if form_index is None and field is not None:
            raise ValueError("You must use field=None with form_index=None.")
        if isinstance(errors, str):
            errors = [errors]
        if msg_prefix:
            msg_prefix += ": "
        if not formset.is_bound:
            self.fail(f"{msg_prefix}The formset {formset!r} is not bound, it will "
                      "never have any errors.")
        if form_index is not None:
            count = formset.total_form_count()
            if form_index >= count:
                forms = "form" if count == 1 else "forms"
                self.fail(f"{msg_prefix}The formset {formset!r} only has {count} "
                          f"{forms}.")
            self._assert_form_error(formset.forms[form_index], field, errors,
                                    msg_prefix,
                                    f"form {form_index} of formset {formset!r}")
        else:
            self.assertEqual(
                list(formset.non_form_errors()), errors,
                msg_prefix + f"The non-form errors of formset {formset!r} don't "
                "match.")

    def assertFieldOutput(self, fieldclass, valid, invalid, field_args=None,
                          field_kwargs=None, empty_value=""):
        """Assert a form field cleans valid inputs and rejects invalid ones."""
        field_args = field_args or []
        field_kwargs = field_kwargs or {}
        required = fieldclass(*field_args, **field_kwargs)
        optional = fieldclass(*field_args, **{**field_kwargs, "required": False})
        for value, output in valid.items():
            self.assertEqual(required.clean(value), output)
            self.assertEqual(optional.clean(value), output)
        for value, errors in invalid.items():
            for field in (required, optional):
                with self.assertRaises(ValidationError) as caught:
                    field.clean(value)
                self.assertEqual(caught.exception.messages, errors)
        required_error = [required.error_messages["required"]]
        for value in required.empty_values:
            with self.assertRaises(ValidationError) as caught:
                required.clean(value)
            self.assertEqual(caught.exception.messages, required_error)
            self.assertEqual(optional.clean(value), empty_value)
        char_field = CharField
        if char_field is not None and issubclass(fieldclass, char_field):
            field_kwargs.update({"min_length": 2, "max_length": 20})
            self.assertIsInstance(fieldclass(*field_args, **field_kwargs),
                                  fieldclass)

    # -- Templates.

    def _get_template_used(self, response, template_name, msg_prefix, method_name):
        if response is None and template_name is None:
            raise TypeError("response and/or template_name argument must be "
                            "provided")
        if msg_prefix:
            msg_prefix += ": "
        if template_name is not None and response is not None:
            if not hasattr(response, "templates"):
                raise ValueError(f"{method_name}() is only usable on responses "
                                 "fetched using the Django test Client.")
        if not hasattr(response, "templates") or (
                response is None and template_name):
            if response:
                template_name = response
                response = None
            return None, template_name, msg_prefix
        names = [t.name for t in response.templates
                 if getattr(t, "name", None) is not None]
        return names, template_name, msg_prefix

    def _assert_template_used(self, template_name, template_names, msg_prefix,
                              count):
        if not template_names:
            self.fail(msg_prefix + "No templates used to render the response")
        self.assertTrue(
            template_name in template_names,
            msg_prefix + "Template '%s' was not a template used to render the "
            "response. Actual template(s) used: %s" % (template_name,
                                                       ", ".join(template_names)))
        if count is not None:
            self.assertEqual(
                template_names.count(template_name), count,
                msg_prefix + "Template '%s' was expected to be rendered %d time(s) "
                "but was actually rendered %d time(s)." % (
                    template_name, count, template_names.count(template_name)))

    def assertTemplateUsed(self, response=None, template_name=None, msg_prefix="",
                           count=None):
        """Assert the template was rendered for the response (or in a `with`)."""
        names, template_name, msg_prefix = self._get_template_used(
            response, template_name, msg_prefix, "assertTemplateUsed")
        if names is None:
            if template_name:
                return _AssertTemplateUsedContext(self, template_name, msg_prefix,
                                                  count)
            names = []  # "" names no template: Django fails at once
        self._assert_template_used(template_name, names, msg_prefix, count)

    def assertTemplateNotUsed(self, response=None, template_name=None,
                              msg_prefix=""):
        """Assert the template was not rendered for the response (or in a with)."""
        names, template_name, msg_prefix = self._get_template_used(
            response, template_name, msg_prefix, "assertTemplateNotUsed")
        if names is None:
            return _AssertTemplateNotUsedContext(self, template_name, msg_prefix)
        self.assertFalse(
            template_name in names,
            msg_prefix + f"Template '{template_name}' was used unexpectedly in "
            "rendering the response")

    # -- Exceptions and warnings with a message.

    def _message_context(self, func, cm_attr, expected, message):
        import contextlib

        @contextlib.contextmanager
        def checker():
            with func(expected) as cm:
                yield cm
            self.assertIn(message, str(getattr(cm, cm_attr)))

        return checker()

    def _assert_message(self, func, cm_attr, expected, message, *args, **kwargs):
        cm = self._message_context(func, cm_attr, expected, message)
        if not args:
            return cm
        callable_obj, *args = args
        with cm:
            callable_obj(*args, **kwargs)

    def assertRaisesMessage(self, expected_exception, expected_message, *args,
                            **kwargs):
        """Assert the exception is raised and its message contains the text."""
        return self._assert_message(self.assertRaises, "exception",
                                    expected_exception, expected_message, *args,
                                    **kwargs)

    def assertWarnsMessage(self, expected_warning, expected_message, *args,
                           **kwargs):
        """Assert the warning is issued and its message contains the text."""
        return self._assert_message(self.assertWarns, "warning", expected_warning,
                                    expected_message, *args, **kwargs)

    # -- HTML, JSON and XML.

    def _parse_html(self, html, user_msg, msg):
        try:
            return parse_html(html)
        except HTMLParseError as err:
            self.fail(self._formatMessage(user_msg, f"{msg}\n{err}"))

    def assertHTMLEqual(self, html1, html2, msg=None):
        """Assert two HTML snippets mean the same thing.

        Whitespace runs, attribute order and class order do not count.
        """
        import difflib
        from unittest.util import safe_repr

        dom1 = self._parse_html(html1, msg, "First argument is not valid HTML:")
        dom2 = self._parse_html(html2, msg, "Second argument is not valid HTML:")
        if dom1 != dom2:
            standard = f"{safe_repr(dom1, True)} != {safe_repr(dom2, True)}"
            diff = "\n" + "\n".join(difflib.ndiff(str(dom1).splitlines(),
                                                  str(dom2).splitlines()))
            standard = self._truncateMessage(standard, diff)
            self.fail(self._formatMessage(msg, standard))

    def assertHTMLNotEqual(self, html1, html2, msg=None):
        """Assert two HTML snippets do not mean the same."""
        from unittest.util import safe_repr

        dom1 = self._parse_html(html1, msg, "First argument is not valid HTML:")
        dom2 = self._parse_html(html2, msg, "Second argument is not valid HTML:")
        if dom1 == dom2:
            standard = f"{safe_repr(dom1, True)} == {safe_repr(dom2, True)}"
            self.fail(self._formatMessage(msg, standard))

    def assertInHTML(self, needle, haystack, count=None, msg_prefix=""):
        """Assert the HTML needle occurs in the haystack (count times if given)."""
        from unittest.util import safe_repr

        parsed_needle = self._parse_html(needle, None,
                                         "First argument is not valid HTML:")
        parsed_haystack = self._parse_html(haystack, None,
                                           "Second argument is not valid HTML:")
        real_count = parsed_haystack.count(parsed_needle)
        if msg_prefix:
            msg_prefix += ": "
        haystack_repr = safe_repr(haystack)
        if count is not None:
            if count == 0:
                msg = (f"{needle!r} unexpectedly found in the following response\n"
                       f"{haystack_repr}")
            else:
                msg = (f"Found {real_count} instances of {needle!r} (expected "
                       f"{count}) in the following response\n{haystack_repr}")
            self.assertEqual(real_count, count, f"{msg_prefix}{msg}")
        else:
            self.assertTrue(
                real_count != 0,
                f"{msg_prefix}Couldn't find {needle!r} in the following response\n"
                f"{haystack_repr}")

    def assertNotInHTML(self, needle, haystack, msg_prefix=""):
        """Assert the HTML needle does not occur in the haystack."""
        self.assertInHTML(needle, haystack, count=0, msg_prefix=msg_prefix)

    def _load_json_pair(self, raw, expected_data):
        import json

        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            self.fail(f"First argument is not valid JSON: {raw!r}")
        if isinstance(expected_data, str):
            try:
                expected_data = json.loads(expected_data)
            except json.JSONDecodeError:
                self.fail(f"Second argument is not valid JSON: {expected_data!r}")
        return data, expected_data

    def assertJSONEqual(self, raw, expected_data, msg=None):
        """Assert the JSON text decodes to expected_data (a value or JSON text)."""
        data, expected_data = self._load_json_pair(raw, expected_data)
        self.assertEqual(data, expected_data, msg=msg)

    def assertJSONNotEqual(self, raw, expected_data, msg=None):
        """Assert the JSON text does not decode to expected_data."""
        data, expected_data = self._load_json_pair(raw, expected_data)
        self.assertNotEqual(data, expected_data, msg=msg)

    def _xml_equal(self, xml1, xml2, msg):
        try:
            return _compare_xml(xml1, xml2)
        except Exception as err:
            self.fail(self._formatMessage(
                msg, f"First or second argument is not valid XML\n{err}"))

    def assertXMLEqual(self, xml1, xml2, msg=None):
        """Assert two XML snippets are equivalent (attribute order aside)."""
        import difflib
        from unittest.util import safe_repr

        if not self._xml_equal(xml1, xml2, msg):
            standard = f"{safe_repr(xml1, True)} != {safe_repr(xml2, True)}"
            diff = "\n" + "\n".join(difflib.ndiff(xml1.splitlines(),
                                                  xml2.splitlines()))
            self.fail(self._formatMessage(
                msg, self._truncateMessage(standard, diff)))

    def assertXMLNotEqual(self, xml1, xml2, msg=None):
        """Assert two XML snippets are not equivalent."""
        from unittest.util import safe_repr

        if self._xml_equal(xml1, xml2, msg):
            standard = f"{safe_repr(xml1, True)} == {safe_repr(xml2, True)}"
            self.fail(self._formatMessage(msg, standard))


class TransactionTestCase(SimpleTestCase):
    """A test case with database access; every table is emptied after each test.

    Slower than TestCase, but the code under test may commit for real (use it
    to test transaction behaviour or on_commit callbacks).
    """

    databases = {"default"}
    reset_sequences = False
    available_apps = None
    fixtures = None
    serialized_rollback = False
    _disallowed_database_msg = (
        "Database %(operation)s to %(alias)r are not allowed in this test. "
        "Add %(alias)r to %(test)s.databases to ensure proper test isolation "
        "and silence this failure.")

    @classmethod
    def setUpClass(cls):
        _prepare_for_database_tests()
        _ensure_test_databases(cls.databases)
        super().setUpClass()

    @classmethod
    def _databases_names(cls, include_mirrors=True):
        return _db_aliases(cls.databases)

    def _pre_setup(self):
        super()._pre_setup()
        self._fixture_setup()
        # As Django: each test starts with an empty query log (the fixture's
        # own queries are not the test's, and a full log breaks
        # assertNumQueries()).
        for alias in self._databases_names():
            queries_log = getattr(connections[alias], "queries_log", None)
            if queries_log is not None:
                queries_log.clear()

    def _fixture_setup(self):
        if self.reset_sequences:
            for alias in self._databases_names():
                _reset_sequences(connections[alias])
        if self.fixtures:
            for alias in self._databases_names():
                _load_fixtures(self.fixtures, using=alias)

    def _post_teardown(self):
        try:
            self._fixture_teardown()
            super()._post_teardown()
        finally:
            for alias in self._databases_names():
                connection = connections[alias]
                if hasattr(connection, "queries_log"):
                    connection.queries_log.clear()

    def _fixture_teardown(self):
        # As Django's flush: the rows post_migrate creates (content types)
        # are back for the next test, unless available_apps limits the apps.
        for alias in self._databases_names():
            _flush_tables(connections[alias])
            if self.available_apps is None:
                emit_post_migrate_signal(0, False, alias)

    def assertQuerySetEqual(self, qs, values, transform=None, ordered=True,
                            msg=None):
        """Assert a queryset (or iterable) holds `values`, transformed if asked."""
        from collections import Counter

        values = list(values)
        items = qs
        if transform is not None:
            items = map(transform, items)
        if not ordered:
            return self.assertDictEqual(Counter(items), Counter(values), msg=msg)
        if len(values) > 1 and hasattr(qs, "ordered") and not qs.ordered:
            raise ValueError("Trying to compare non-ordered queryset against more "
                             "than one ordered value.")
        return self.assertEqual(list(items), values, msg=msg)

    def assertQuerysetEqual(self, *args, **kwargs):
        """Old spelling of assertQuerySetEqual (kept for existing tests)."""
        return self.assertQuerySetEqual(*args, **kwargs)

    def assertNumQueries(self, num, func=None, *args, using="default", **kwargs):
        """Assert `func` (or the `with` block) runs exactly `num` queries."""
        context = _AssertNumQueriesContext(self, num, connections[using])
        if func is None:
            return context
        with context:
            func(*args, **kwargs)


class TestCase(TransactionTestCase):
    """The usual database test case: each test runs in a transaction rolled back.

    The class runs in one outer atomic block (data from `fixtures` and
    setUpTestData() lives there, shared by the tests); each test runs in a
    savepoint rolled back after it, so tests cannot see each other's writes
    and no table is ever emptied or recreated.  Class attributes assigned in
    setUpTestData() are deep-copied for each test.
    """

    @classmethod
    def _enter_atomics(cls):
        atomics = {}
        for alias in cls._databases_names():
            atomic = transaction.atomic(using=alias)
            atomic._from_testcase = True
            atomic.__enter__()
            atomics[alias] = atomic
        return atomics

    @classmethod
    def _rollback_atomics(cls, atomics):
        for alias in reversed(cls._databases_names()):
            transaction.set_rollback(True, using=alias)
            atomics[alias].__exit__(None, None, None)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cls_atomics = cls._enter_atomics()
        try:
            if cls.fixtures:
                for alias in cls._databases_names():
                    _load_fixtures(cls.fixtures, using=alias)
            before = dict(cls.__dict__)
            cls.setUpTestData()
        except BaseException:
            cls._rollback_atomics(cls.cls_atomics)
            cls.doClassCleanups()
            raise
        for name, value in list(cls.__dict__.items()):
            if value is not before.get(name) and not name.startswith("__"):
                setattr(cls, name, _TestData(name, value))

    @classmethod
    def tearDownClass(cls):
        try:
            cls._rollback_atomics(cls.cls_atomics)
        finally:
            super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        """Create the data every test of the class starts from (once per class)."""

    def _fixture_setup(self):
        if self.reset_sequences:
            raise TypeError("reset_sequences cannot be used on TestCase instances")
        self.atomics = self._enter_atomics()

    def _fixture_teardown(self):
        self._rollback_atomics(self.atomics)

    @classmethod
    def captureOnCommitCallbacks(cls, *, using="default", execute=False):
        """Collect the transaction.on_commit() callbacks registered in a block.

        With execute=True they are called on exit (and callbacks they add in
        turn), as if the transaction had committed.
        """
        import contextlib

        @contextlib.contextmanager
        def capture():
            callbacks = []
            connection = connections[using]
            start = len(connection.run_on_commit)
            try:
                yield callbacks
            finally:
                while True:
                    end = len(connection.run_on_commit)
                    for entry in connection.run_on_commit[start:end]:
                        callback, robust = entry[1], (entry[2] if len(entry) > 2
                                                      else False)
                        callbacks.append(callback)
                        if execute:
                            _run_on_commit_callback(callback, robust)
                    if end == len(connection.run_on_commit):
                        break
                    start = end

        return capture()


class LiveServerTestCase(TransactionTestCase):
    """Start the project's server in a thread for the class (`live_server_url`).

    waitress serves when installed, wsgiref otherwise.  The server thread
    uses the test database: use a file database (TEST NAME) so both threads
    see the same data.
    """

    host = "localhost"
    port = 0
    server_thread_class = _LiveServerThread

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._live_server_modified_settings = modify_settings(
            ALLOWED_HOSTS={"append": cls.host})
        cls._live_server_modified_settings.enable()
        cls.addClassCleanup(cls._live_server_modified_settings.disable)
        cls.server_thread = cls.server_thread_class(cls.host, cls.port)
        cls.server_thread.start()
        cls.server_thread.is_ready.wait()
        if cls.server_thread.error:
            raise cls.server_thread.error
        cls.addClassCleanup(cls.server_thread.terminate)

    @classproperty
    def live_server_url(cls):
        return f"http://{cls.host}:{cls.server_thread.port}"

    @classproperty
    def allowed_host(cls):
        return cls.host


class SeleniumTestCaseBase(type(LiveServerTestCase)):
    """The metaclass of SeleniumTestCase: Django makes one class per browser
    given with --selenium; djscratch drives no browser, so a class with
    tests is skipped, as Django skips it when no browser is given."""

    browsers = []
    selenium_hub = None
    external_host = None
    browser = None
    headless = False

    def __new__(cls, name, bases, attrs):
        test_class = super().__new__(cls, name, bases, attrs)
        if not any(key.startswith("test") and callable(value)
                   for key, value in attrs.items()):
            return test_class  # a base class
        return unittest.skip("No browsers specified.")(test_class)


class SeleniumTestCase(LiveServerTestCase, metaclass=SeleniumTestCaseBase):
    """Django's browser test case (django.test.selenium): skipped, as Django's
    is without --selenium; run browser tests on Django
    (DJSCRATCH_ENGINE=django)."""

    implicit_wait = 10
    external_host = None
