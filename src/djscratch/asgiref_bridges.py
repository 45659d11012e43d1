"""asgiref's Local and its bridges between sync and async code
(asgiref.local.Local, asgiref.sync's sync_to_async and async_to_sync), for a
Python without asgiref: django_alias serves them as the modules
`asgiref.sync` and `asgiref.local` only when no real asgiref is installed.
The single file builds them on first use (a deferred section).  No Django
counterpart (Django depends on asgiref).
"""

import contextvars
import functools
import os
import sys
import threading
import warnings
import weakref

from djscratch.asgiref_fallback import iscoroutinefunction, markcoroutinefunction

__all__ = [
    "Local", "CurrentThreadExecutor", "AsyncToSync", "SyncToAsync",
    "ThreadSensitiveContext", "async_to_sync", "sync_to_async",
]


# -- Local: thread-local in sync code, task-local in async code.


class _LocalStorage:
    """A non-thread-critical Local's data, tagged with the thread that owns
    it, so data a thread merely inherited (Python 3.14's inherited contexts)
    stays invisible; the bridges below re-home it where they move work."""

    __slots__ = ("thread_id", "data")

    def __init__(self, thread_id, data):
        self.thread_id = thread_id
        self.data = data


class Local:
    """asgiref.local.Local: like threading.local, but also local to the async
    task, and shared across sync_to_async()/async_to_sync() calls (their
    contextvars travel).  thread_critical=True keeps the data to its thread:
    threading.local in sync code, a context variable per thread in async."""

    def __init__(self, thread_critical=False):
        object.__setattr__(self, "_thread_critical", thread_critical)
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_var", contextvars.ContextVar("asgiref.local"))
        object.__setattr__(self, "_threads", threading.local())

    def _critical_var(self):
        """The context variable of this thread (thread-critical, async)."""
        threads = self._threads
        if not hasattr(threads, "var"):
            threads.var = contextvars.ContextVar("asgiref.local.critical")
        return threads.var

    def _read(self):
        if self._thread_critical:
            if not _in_event_loop():
                return self._threads.__dict__.setdefault("data", {})
            return self._critical_var().get({})
        storage = self._var.get(None)
        if storage is None or storage.thread_id != threading.get_ident():
            return {}
        return storage.data

    def _write(self, data):
        if self._thread_critical:
            if not _in_event_loop():
                self._threads.data = data
            else:
                self._critical_var().set(data)
        else:
            self._var.set(_LocalStorage(threading.get_ident(), data))

    def __getattr__(self, key):
        with self._lock:
            try:
                return self._read()[key]
            except KeyError:
                raise AttributeError(
                    f"{self!r} object has no attribute {key!r}") from None

    def __setattr__(self, key, value):
        with self._lock:
            data = dict(self._read())
            data[key] = value
            self._write(data)

    def __delattr__(self, key):
        with self._lock:
            data = dict(self._read())
            if key not in data:
                raise AttributeError(f"{self!r} object has no attribute {key!r}")
            del data[key]
            self._write(data)


def _in_event_loop():
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:  # not imported: no loop can be running
        return False
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# -- Moving context variables between threads.


#: The CurrentThreadExecutor of the innermost async_to_sync() in the call
#: chain: thread-sensitive sync_to_async() calls below it run in its thread.
_current_executor = contextvars.ContextVar("asgiref_current_executor", default=None)

#: Set in a thread running sync_to_async() work: the event loop it came from
#: (async_to_sync() in that thread sends its coroutine back there).
_sync_thread = threading.local()


def _restore_context(context):
    """Copy the variables of `context` that differ into the current context
    (a bridge returns its callee's changes), re-homing Local data to this
    thread."""
    for var, value in context.items():
        if var is _current_executor:
            continue
        if isinstance(value, _LocalStorage):
            value = _LocalStorage(threading.get_ident(), value.data)
        if var.get(_NO_VALUE) is not value:
            var.set(value)


_NO_VALUE = object()


class CurrentThreadExecutor:
    """An executor whose work runs in the thread that created it, while that
    thread waits in run_until_future(): the thread an async_to_sync() call
    blocks serves the thread-sensitive sync_to_async() calls beneath it."""

    def __init__(self, old_executor=None):
        self._work_thread = threading.current_thread()
        import queue  # loaded with the first executor, not with djscratch

        self._work_queue = queue.Queue()
        self._broken = False
        self._old_executor = old_executor

    def run_until_future(self, future):
        """Run submitted work in this thread until `future` is done."""
        if threading.current_thread() is not self._work_thread:
            raise RuntimeError(
                "You cannot run CurrentThreadExecutor from a different thread")
        future.add_done_callback(lambda _: self._work_queue.put(None))
        try:
            while True:
                item = self._work_queue.get()
                if item is None:
                    break
                self._run(item)
        finally:
            self._broken = True
            while not self._work_queue.empty():  # submitted as it finished
                item = self._work_queue.get_nowait()
                if item is not None:
                    self._run(item)

    @staticmethod
    def _run(item):
        work_future, fn, args, kwargs = item
        if not work_future.set_running_or_notify_cancel():
            return
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:
            work_future.set_exception(exc)
        else:
            work_future.set_result(result)

    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            if self._old_executor is not None:
                return self._old_executor.submit(fn, *args, **kwargs)
            raise RuntimeError("CurrentThreadExecutor already quit or is broken")
        if threading.current_thread() is self._work_thread:
            raise RuntimeError(
                "You cannot submit onto CurrentThreadExecutor from its own thread")
        import concurrent.futures

        work_future = concurrent.futures.Future()
        self._work_queue.put((work_future, fn, args, kwargs))
        return work_future


# -- The bridges.


def _with_exception(exception, func):
    """func(), inside an `except` block of `exception` when the caller was
    handling one, so sys.exc_info() holds it on the other side of a bridge
    (got_request_exception receivers read it)."""
    if exception is None:
        return func()
    try:
        raise exception
    except BaseException:
        return func()


class AsyncToSync:
    """async_to_sync(): call an async function from sync code.  The coroutine
    runs on the event loop of the sync_to_async() call above, if any, else on
    a new loop in a new thread; meanwhile this thread serves the
    thread-sensitive sync_to_async() calls made beneath it."""

    #: event loop -> the CurrentThreadExecutor of the call that started it.
    loop_thread_executors = {}

    def __init__(self, awaitable, force_new_loop=False):
        if not callable(awaitable) or (
                not iscoroutinefunction(awaitable)
                and not iscoroutinefunction(getattr(awaitable, "__call__", awaitable))):
            warnings.warn("async_to_sync was passed a non-async-marked callable",
                          stacklevel=2)
        self.awaitable = awaitable
        try:
            self.__self__ = awaitable.__self__
        except AttributeError:
            pass
        self.force_new_loop = force_new_loop

    def __call__(self, *args, **kwargs):
        if _in_event_loop():
            raise RuntimeError(
                "You cannot use AsyncToSync in the same thread as an async event "
                "loop - just await the async function directly.")
        main_loop = None
        if (not self.force_new_loop
                and getattr(_sync_thread, "pid", None) == os.getpid()):
            main_loop = _sync_thread.main_event_loop
        executor = CurrentThreadExecutor(_current_executor.get())
        context = contextvars.copy_context()
        context.run(_current_executor.set, executor)
        returned = [context]
        import concurrent.futures

        result = concurrent.futures.Future()

        handling = sys.exc_info()[1]

        async def main(awaitable):
            _restore_context(contextvars.copy_context())  # re-home Local data
            try:
                if handling is None:
                    result.set_result(await awaitable)
                else:
                    try:
                        raise handling
                    except BaseException:
                        result.set_result(await awaitable)
            except BaseException as exc:
                result.set_exception(exc)
            finally:
                returned[0] = contextvars.copy_context()

        try:
            coroutine = main(self.awaitable(*args, **kwargs))
            if main_loop is not None and self._schedule(main_loop, coroutine, context):
                executor.run_until_future(result)
            else:
                self._run_in_new_loop(coroutine, context, executor)
        finally:
            _restore_context(returned[0])
        return result.result()

    @staticmethod
    def _schedule(loop, coroutine, context):
        """Start `coroutine` as a task on `loop` (another thread's); False if
        that loop has closed."""
        try:
            loop.call_soon_threadsafe(loop.create_task, coroutine, context=context)
        except RuntimeError:
            return False
        return True

    def _run_in_new_loop(self, coroutine, context, executor):
        import asyncio
        import concurrent.futures

        async def run():
            loop = asyncio.get_running_loop()
            self.loop_thread_executors[loop] = executor
            try:
                await coroutine
            finally:
                del self.loop_thread_executors[loop]

        loop_executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        try:
            loop_future = loop_executor.submit(context.run, asyncio.run, run())
            executor.run_until_future(loop_future)
            loop_future.result()
        finally:
            loop_executor.shutdown(wait=False)

    def __get__(self, parent, objtype):
        """Bind to `parent` as a method."""
        return functools.partial(self.__call__, parent)


class SyncToAsync:
    """sync_to_async(): call a sync function from async code, in a thread.
    thread_sensitive=True (the default) runs it in the one thread of the call
    chain that is sync: the thread blocked in the async_to_sync() above, else
    the thread of the ThreadSensitiveContext, else one shared thread."""

    #: The shared thread of thread-sensitive calls outside any async_to_sync()
    #: (made on first use).
    _single_thread_executor = None
    #: Set while a task waits on the shared thread: a second use would deadlock.
    deadlock_context = contextvars.ContextVar("deadlock_context")
    thread_sensitive_context = contextvars.ContextVar("thread_sensitive_context")
    context_to_thread_executor = weakref.WeakKeyDictionary()

    def __init__(self, func, thread_sensitive=True, executor=None, context=None):
        if not callable(func) or iscoroutinefunction(func) or iscoroutinefunction(
                getattr(func, "__call__", func)):
            raise TypeError("sync_to_async can only be applied to sync functions.")
        functools.update_wrapper(self, func)
        self.func = func
        self.context = context
        self._thread_sensitive = thread_sensitive
        markcoroutinefunction(self)
        if thread_sensitive and executor is not None:
            raise TypeError("executor must not be set when thread_sensitive is True")
        self._executor = executor
        try:
            self.__self__ = func.__self__
        except AttributeError:
            pass

    def _choose_executor(self, loop):
        """The executor of this call (None: the loop's default)."""
        if not self._thread_sensitive:
            return self._executor
        executor = _current_executor.get()
        if executor is not None:
            return executor
        sensitive = self.thread_sensitive_context.get(None)
        if sensitive is not None:
            if sensitive not in self.context_to_thread_executor:
                import concurrent.futures

                self.context_to_thread_executor[sensitive] = (
                    concurrent.futures.ThreadPoolExecutor(max_workers=1))
            return self.context_to_thread_executor[sensitive]
        if loop in AsyncToSync.loop_thread_executors:
            return AsyncToSync.loop_thread_executors[loop]
        if self.deadlock_context.get(False):
            raise RuntimeError(
                "Single thread executor already being used, would deadlock")
        self.deadlock_context.set(True)
        return self.single_thread_executor()

    @classmethod
    def single_thread_executor(cls):
        if cls._single_thread_executor is None:
            import concurrent.futures

            cls._single_thread_executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1)
        return cls._single_thread_executor

    async def __call__(self, *args, **kwargs):
        import asyncio

        loop = asyncio.get_running_loop()
        executor = self._choose_executor(loop)
        context = contextvars.copy_context() if self.context is None else self.context
        child = functools.partial(self.func, *args, **kwargs)
        handling = sys.exc_info()[1]

        def run_in_thread():
            _sync_thread.main_event_loop = loop
            _sync_thread.pid = os.getpid()

            def run_child():
                _restore_context(context)  # re-home Local data to this thread
                return _with_exception(handling, child)

            return context.run(run_child)

        future = loop.run_in_executor(executor, run_in_thread)
        try:
            try:
                return await asyncio.shield(future)
            except asyncio.CancelledError:
                if not future.done():  # the sync code cannot be stopped: wait
                    await future
                raise
        finally:
            if self.context is None:
                _restore_context(context)
            self.deadlock_context.set(False)

    def __get__(self, parent, objtype):
        """Bind to `parent` as a method (still a coroutine function)."""
        bound = functools.partial(self.__call__, parent)
        return functools.update_wrapper(bound, self.func)


class ThreadSensitiveContext:
    """`async with ThreadSensitiveContext():` thread-sensitive sync_to_async()
    calls inside run in one thread of their own (one per context), not in the
    thread shared by the process (Django's ASGI handler: one per request)."""

    def __init__(self):
        self.token = None

    async def __aenter__(self):
        try:
            SyncToAsync.thread_sensitive_context.get()
        except LookupError:
            self.token = SyncToAsync.thread_sensitive_context.set(self)
        return self

    async def __aexit__(self, exc, value, tb):
        if not self.token:
            return
        executor = SyncToAsync.context_to_thread_executor.pop(self, None)
        if executor is not None:
            executor.shutdown(wait=False)
        SyncToAsync.thread_sensitive_context.reset(self.token)


def async_to_sync(awaitable=None, *, force_new_loop=False):
    """Make an async callable callable from sync code (also a decorator)."""
    if awaitable is None:
        return lambda f: AsyncToSync(f, force_new_loop=force_new_loop)
    return AsyncToSync(awaitable, force_new_loop=force_new_loop)


def sync_to_async(func=None, *, thread_sensitive=True, executor=None, context=None):
    """Make a sync callable awaitable from async code (also a decorator)."""
    def wrap(f):
        return SyncToAsync(f, thread_sensitive=thread_sensitive, executor=executor,
                           context=context)
    if func is None:
        return wrap
    return wrap(func)
