"""The asgiref fallback: `asgiref.sync` and `asgiref.local` without asgiref
installed, with asgiref's documented behaviour, and never in the way of a
real asgiref."""

import asyncio
import contextvars
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest

import djscratch

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _real_asgiref_installed():
    import importlib.machinery

    return importlib.machinery.PathFinder.find_spec("asgiref") is not None


@unittest.skipIf(_real_asgiref_installed(), "a real asgiref is installed")
class FallbackImportTests(unittest.TestCase):
    def test_modules_import_without_asgiref(self):
        from asgiref.local import Local
        from asgiref.sync import (
            async_to_sync, iscoroutinefunction, markcoroutinefunction, sync_to_async,
            ThreadSensitiveContext,
        )

        self.assertIs(sync_to_async, djscratch.sync_to_async)
        self.assertIs(async_to_sync, djscratch.async_to_sync)
        self.assertIs(Local, djscratch.Local)
        self.assertTrue(callable(iscoroutinefunction))
        self.assertTrue(callable(markcoroutinefunction))
        self.assertTrue(callable(ThreadSensitiveContext))

    def test_unimplemented_submodule_names_the_fallback(self):
        with self.assertRaisesRegex(ImportError, "asgiref fallback.*asgiref.testing"):
            import asgiref.testing  # noqa: F401


class RealAsgirefWinsTests(unittest.TestCase):
    def test_installed_asgiref_is_imported_not_the_fallback(self):
        with tempfile.TemporaryDirectory() as site:
            package = pathlib.Path(site, "asgiref")
            package.mkdir()
            (package / "__init__.py").write_text("REAL = True\n")
            (package / "sync.py").write_text("def sync_to_async(f): return 'real'\n")
            script = textwrap.dedent("""
                import sys
                sys.path.insert(0, sys.argv[1])
                import djscratch, asgiref
                from asgiref.sync import sync_to_async
                print(asgiref.REAL, sync_to_async(None))
            """)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            out = subprocess.run(
                [sys.executable, "-c", script, site], capture_output=True, text=True,
                env=env, cwd=site, check=True).stdout
        self.assertEqual(out.split(), ["True", "real"])


async def _add(a, b):
    await asyncio.sleep(0)
    return a + b


class AsyncToSyncTests(unittest.TestCase):
    def test_runs_a_coroutine_function_from_sync_code(self):
        self.assertEqual(djscratch.async_to_sync(_add)(2, 3), 5)

    def test_refuses_a_thread_with_a_running_loop(self):
        async def main():
            djscratch.async_to_sync(_add)(1, 1)

        message = ("You cannot use AsyncToSync in the same thread as an async event "
                   "loop - just await the async function directly.")
        with self.assertRaisesRegex(RuntimeError, "^" + re.escape(message) + "$"):
            asyncio.run(main())

    def test_exceptions_propagate(self):
        async def fail():
            raise KeyError("x")

        with self.assertRaises(KeyError):
            djscratch.async_to_sync(fail)()

    def test_warns_for_a_sync_callable(self):
        with self.assertWarnsRegex(
                UserWarning, "async_to_sync was passed a non-async-marked callable"):
            djscratch.async_to_sync(lambda: None)

    def test_context_variables_travel_both_ways(self):
        var = contextvars.ContextVar("var", default="unset")
        var.set("outer")

        async def change():
            seen = var.get()
            var.set("inner")
            return seen

        self.assertEqual(djscratch.async_to_sync(change)(), "outer")
        self.assertEqual(var.get(), "inner")


class SyncToAsyncTests(unittest.TestCase):
    def test_refuses_a_coroutine_function(self):
        with self.assertRaisesRegex(
                TypeError, "sync_to_async can only be applied to sync functions."):
            djscratch.sync_to_async(_add)

    def test_result_is_a_coroutine_function(self):
        wrapped = djscratch.sync_to_async(len)
        self.assertTrue(djscratch.iscoroutinefunction(wrapped))
        self.assertEqual(asyncio.run(wrapped("abc")), 3)

    def test_thread_sensitive_code_runs_in_the_outer_sync_thread(self):
        """Under async_to_sync(), a thread-sensitive call comes back to the
        thread that made the async_to_sync() call."""
        async def which_thread():
            return await djscratch.sync_to_async(threading.get_ident)()

        self.assertEqual(djscratch.async_to_sync(which_thread)(), threading.get_ident())

    def test_thread_sensitive_calls_share_one_thread_outside_async_to_sync(self):
        async def two_calls():
            first = await djscratch.sync_to_async(threading.get_ident)()
            second = await djscratch.sync_to_async(threading.get_ident)()
            return first, second

        first, second = asyncio.run(two_calls())
        self.assertEqual(first, second)
        self.assertNotEqual(first, threading.get_ident())

    def test_not_thread_sensitive_runs_elsewhere(self):
        async def call():
            return await djscratch.sync_to_async(
                threading.get_ident, thread_sensitive=False)()

        self.assertNotEqual(djscratch.async_to_sync(call)(), threading.get_ident())

    def test_executor_with_thread_sensitive_is_refused(self):
        with self.assertRaisesRegex(TypeError, "executor must not be set"):
            djscratch.sync_to_async(len, executor=object())

    def test_nested_async_to_sync_returns_to_the_outer_loop(self):
        async def outer():
            loop = asyncio.get_running_loop()

            async def inner():
                return asyncio.get_running_loop() is loop

            return await djscratch.sync_to_async(
                lambda: djscratch.async_to_sync(inner)())()

        self.assertTrue(asyncio.run(outer()))

    def test_context_variables_travel_both_ways(self):
        var = contextvars.ContextVar("var", default="unset")

        def change():
            seen = var.get()
            var.set("changed")
            return seen

        async def main():
            var.set("async")
            seen = await djscratch.sync_to_async(change)()
            return seen, var.get()

        self.assertEqual(asyncio.run(main()), ("async", "changed"))

    def test_methods_bind(self):
        class Thing:
            value = 4

            @djscratch.sync_to_async
            def get(self):
                return self.value

        self.assertEqual(asyncio.run(Thing().get()), 4)


class ThreadSensitiveContextTests(unittest.TestCase):
    def test_each_context_has_its_own_thread(self):
        async def in_context():
            async with djscratch.ThreadSensitiveContext():
                first = await djscratch.sync_to_async(threading.get_ident)()
                second = await djscratch.sync_to_async(threading.get_ident)()
                return first, second

        async def main():
            shared = await djscratch.sync_to_async(threading.get_ident)()
            return shared, await in_context()

        shared, (first, second) = asyncio.run(main())
        self.assertEqual(first, second)
        self.assertNotEqual(first, shared)


class LocalTests(unittest.TestCase):
    def test_thread_local_in_sync_code(self):
        local = djscratch.Local()
        local.value = "main"
        seen = []
        thread = threading.Thread(target=lambda: seen.append(hasattr(local, "value")))
        thread.start()
        thread.join()
        self.assertEqual(seen, [False])
        self.assertEqual(local.value, "main")
        del local.value
        self.assertFalse(hasattr(local, "value"))

    def test_shared_across_the_bridges(self):
        local = djscratch.Local()
        local.value = 1

        def bump():
            local.value += 1

        async def main():
            local.value += 10
            await djscratch.sync_to_async(bump, thread_sensitive=False)()

        djscratch.async_to_sync(main)()
        self.assertEqual(local.value, 12)

    def test_thread_critical_is_not_shared(self):
        local = djscratch.Local(thread_critical=True)
        local.value = "sync"

        async def main():
            return hasattr(local, "value")

        self.assertFalse(djscratch.async_to_sync(main)())
        self.assertEqual(local.value, "sync")

    def test_task_local_in_async_code(self):
        local = djscratch.Local()

        async def setter(value):
            local.value = value
            await asyncio.sleep(0)
            return local.value

        async def main():
            return await asyncio.gather(setter("a"), setter("b"))

        self.assertEqual(asyncio.run(main()), ["a", "b"])


@unittest.skipIf(_real_asgiref_installed(), "a real asgiref is installed")
class InstalledFallbackTests(unittest.TestCase):
    def test_asgiref_imported_before_django_finds_the_fallback(self):
        """With djscratch installed (djscratch-fallback.pth), `import
        asgiref.sync` works even before anything imported django."""
        script = ("import sys; sys.path.insert(0, sys.argv[1]); "
                  "import djscratch_fallback; import asgiref.sync; "
                  "print(asgiref.sync.sync_to_async.__name__, "
                  "'djscratch' in sys.modules)")
        out = subprocess.run([sys.executable, "-c", script, str(ROOT)],
                             capture_output=True, text=True, check=True).stdout
        self.assertEqual(out.split(), ["sync_to_async", "True"])
