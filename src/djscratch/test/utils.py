"""override_settings, modify_settings, tag, the test environment,
query capture and the database-feature skips (django/test/utils.py).
"""

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: test.databases, test.testcases.
import djscratch

from djscratch.core.signals import request_started, setting_changed, template_rendered
from djscratch.dispatch.dispatcher import receiver
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.utils.translation import deactivate as translation_deactivate
from djscratch.conf import GLOBAL_SETTINGS, Settings, settings
from djscratch.db.utils import connections, reset_queries
from djscratch.apps.registry import Apps, apps
from djscratch.db.models.options import Options
from djscratch.core.mail.backends import _mail_module

__all__ = [
    "override_settings", "modify_settings", "TestContextDecorator", "ContextList",
    "CaptureQueriesContext", "tag", "skipIfDBFeature", "skipUnlessDBFeature",
    "setup_test_environment", "teardown_test_environment", "ignore_warnings",
    "requires_tz_support", "extend_sys_path", "captured_output", "captured_stdout",
    "captured_stderr", "captured_stdin", "isolate_apps", "override_system_checks",
    "Approximate", "register_lookup",
]


class TestContextDecorator:
    """Base of the helpers usable as context manager, function or class decorator.

    Subclasses implement enable() (its return value is what `with` binds) and
    disable().  Decorating a unittest.TestCase class applies the change from
    setUpClass until the class's last cleanup, as Django does.
    """

    #: Where a test receives what enable() returned: an attribute of the test
    #: case (attr_name) or a keyword argument of the test function (kwarg_name).
    attr_name = None
    kwarg_name = None

    def __init__(self, attr_name=None, kwarg_name=None):
        self.attr_name = attr_name
        self.kwarg_name = kwarg_name

    def enable(self):
        raise NotImplementedError

    def disable(self):
        raise NotImplementedError

    def __enter__(self):
        return self.enable()

    def __exit__(self, exc_type, exc_value, traceback):
        self.disable()

    def _copy(self):
        """Return a fresh, equivalent decorator (each use gets its own state)."""
        raise NotImplementedError

    def decorate_class(self, cls):
        import unittest

        if not issubclass(cls, unittest.TestCase):
            raise TypeError(
                f"Can only decorate subclasses of unittest.TestCase, not {cls!r}.")
        orig_setup = cls.__dict__.get("setUpClass")
        # The class's decorators, its parents' first: a subclass's override
        # is entered last, so it wins, as in Django.
        cls._class_decorators = (*getattr(cls, "_class_decorators", ()), self._copy)

        def setUpClass(klass):
            # Only the first wrapper reached (the most derived class's)
            # enters them; the parents' wrappers, called through super(),
            # just run their class's own setUpClass.
            outermost = not klass.__dict__.get("_class_decorators_entered")
            if outermost:
                klass._class_decorators_entered = True
                for maker in klass._class_decorators:
                    context = maker()
                    context.enable()
                    # Undo it as the class's first cleanup, so it runs last:
                    # after tearDownClass and after any cleanup the class's own
                    # setUpClass registers (LiveServerTestCase's
                    # modify_settings(), for one), which would otherwise put
                    # the override's settings back for good.
                    klass.addClassCleanup(context.disable)
            try:
                if orig_setup is not None:
                    orig_setup.__func__(klass)
                else:
                    super(cls, klass).setUpClass()
            finally:
                if outermost:
                    del klass._class_decorators_entered

        cls.setUpClass = classmethod(setUpClass)
        return cls

    def decorate_callable(self, func):
        import functools
        import inspect

        maker = self._copy
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def async_inner(*args, **kwargs):
                with maker():
                    return await func(*args, **kwargs)

            return async_inner

        @functools.wraps(func)
        def inner(*args, **kwargs):
            with maker() as context:
                if self.kwarg_name:
                    kwargs[self.kwarg_name] = context
                return func(*args, **kwargs)

        return inner

    def __call__(self, decorated):
        if isinstance(decorated, type):
            return self.decorate_class(decorated)
        if callable(decorated):
            return self.decorate_callable(decorated)
        raise TypeError(f"Cannot decorate object of type {type(decorated)}")


class override_script_prefix(TestContextDecorator):
    """Run with get_script_prefix() returning `prefix` (as under a
    SCRIPT_NAME), then put the previous prefix back."""

    def __init__(self, prefix):
        self.prefix = prefix
        super().__init__()

    def _copy(self):
        return type(self)(self.prefix)

    def enable(self):
        self.old_prefix = djscratch.urls.base.get_script_prefix()
        djscratch.urls.base.set_script_prefix(self.prefix)

    def disable(self):
        djscratch.urls.base.set_script_prefix(self.old_prefix)


class override_settings(TestContextDecorator):
    """Change settings for a block, a test method or a whole test class.

    Use it as a context manager, a function decorator, or a class decorator
    (on a unittest.TestCase the override spans setUpClass to tearDownClass).
    Works even before settings are configured: the override then starts from
    Django's defaults.  Each changed setting sends `setting_changed`.
    """

    def __init__(self, **kwargs):
        self.options = kwargs
        self._saved = []
        self._swapped_apps = []  # per enable(): whether it installed other apps

    def _copy(self):
        return type(self)(**self.options)

    def _values(self):
        """Return the full settings the override makes (base + options)."""
        base = settings.__dict__["_wrapped"]
        values = {}
        explicit = set()
        if base is not None:
            values = {k: v for k, v in vars(base).items() if k.isupper()}
            explicit = set(base._explicit)
        elif _TestState.saved is not None:
            # Settings configured by the override alone, in a test run: mail
            # goes to mail.outbox, as setup_test_environment() arranges.
            values = {"EMAIL_BACKEND": _LOCMEM_EMAIL_BACKEND}
        return {**values, **self.options}, explicit | set(self.options), base

    def enable(self):
        if "FORMS_URLFIELD_ASSUME_HTTPS" in self.options:
            djscratch.conf._warn_forms_urlfield_assume_https()
        values, explicit, base = self._values()
        # As in Django, the registry installs the new apps (their models and
        # ready()); before settings are configured there is no registry to change.
        swap_apps = "INSTALLED_APPS" in self.options and apps.ready
        if swap_apps:
            try:
                apps.set_installed_apps(self.options["INSTALLED_APPS"])
            except Exception:
                apps.unset_installed_apps()
                raise
        self._swapped_apps.append(swap_apps)
        holder = Settings(values, getattr(base, "SETTINGS_MODULE", None),
                          validate=False)
        holder._explicit = explicit
        holder._parent = base
        self._saved.append(base)
        settings._wrapped = holder
        for key, value in self.options.items():
            try:
                setting_changed.send(sender=Settings, setting=key, value=value,
                                     enter=True)
            except Exception as exc:
                # As Django: the settings are put back (every receiver hears
                # of it) before the receiver's error propagates.
                self._enable_exception = exc
                self.disable()
        return self

    #: A setting_changed receiver's error while entering, raised by disable().
    _enable_exception = None

    def disable(self):
        if self._swapped_apps.pop():
            apps.unset_installed_apps()
        settings._wrapped = self._saved.pop()
        responses = []
        for key in self.options:
            value = getattr(settings._wrapped, key, None) if settings.configured else (
                None)
            responses += setting_changed.send_robust(
                sender=Settings, setting=key, value=value, enter=False)
        if self._enable_exception is not None:
            exc, self._enable_exception = self._enable_exception, None
            raise exc
        for _receiver, response in responses:
            if isinstance(response, Exception):
                raise response


#: The settings whose override Django warns about: code may have read them
#: once, so overriding them can lead to unexpected behavior (a test may add
#: its own).
COMPLEX_OVERRIDE_SETTINGS = {"DATABASES"}


@receiver(setting_changed, dispatch_uid="djscratch_complex_setting_changed")
def complex_setting_changed(*, enter, setting, **kwargs):
    """Warn when a setting of COMPLEX_OVERRIDE_SETTINGS is overridden, at the
    line of the caller (as Django's receiver does)."""
    import warnings

    if enter and setting in COMPLEX_OVERRIDE_SETTINGS:
        warnings.warn(f"Overriding setting {setting} can lead to unexpected "
                      "behavior.", stacklevel=_stacklevel_outside_djscratch())


@receiver(setting_changed, dispatch_uid="djscratch_language_changed")
def language_changed(*, setting, **kwargs):
    """LANGUAGE_CODE, LANGUAGES or LOCALE_PATHS changed: the language a
    request or activate() left active is forgotten, as Django's receiver
    forgets it (Django: on every thread; djscratch: on this one, where the
    test and its client's requests run)."""
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        translation_deactivate()


def _stacklevel_outside_djscratch():
    """The warnings stacklevel of the first caller outside djscratch (and
    contextlib): djscratch's own frames differ from Django's in number."""
    import sys

    frame, level = sys._getframe(2), 2
    while frame is not None and (
            frame.f_globals.get("__name__", "").partition(".")[0] == "djscratch"
            or frame.f_code.co_filename.endswith("contextlib.py")):
        frame, level = frame.f_back, level + 1
    return level


class modify_settings(override_settings):
    """Append, prepend or remove items of list settings (MIDDLEWARE, ...).

    Give each setting a dict of actions, as in Django:
    `modify_settings(MIDDLEWARE={"append": "x.Middleware", "remove": [...]})`.
    The new values are computed from the settings in force when it is entered.
    """

    def __init__(self, *args, **kwargs):
        if args:
            if kwargs or len(args) != 1:
                raise TypeError("modify_settings takes one list of operations or "
                                "keyword arguments, not both")
            self.operations = list(args[0])
        else:
            self.operations = list(kwargs.items())
        super().__init__()

    def _copy(self):
        return type(self)(self.operations)

    def enable(self):
        self.options = {}
        for name, operations in self.operations:
            try:
                value = list(self.options.get(name, getattr(settings, name, [])))
            except ImproperlyConfigured:
                value = list(GLOBAL_SETTINGS.get(name, []))
            for action, items in operations.items():
                if isinstance(items, str):
                    items = [items]
                if action == "append":
                    value += [item for item in items if item not in value]
                elif action == "prepend":
                    value = [item for item in items if item not in value] + value
                elif action == "remove":
                    value = [item for item in value if item not in items]
                else:
                    raise ValueError(f"Unsupported action: {action}")
            self.options[name] = value
        return super().enable()


def tag(*tags):
    """Mark a test method or class with tags for --tag / --exclude-tag."""

    def decorator(obj):
        if hasattr(obj, "tags"):
            obj.tags = obj.tags.union(tags)
        else:
            obj.tags = set(tags)
        return obj

    return decorator


# -- Test environment and query capture.

class _TestState:
    saved = None  #: what setup_test_environment() changed, to put back


#: The email backend tests run with: messages land in django.core.mail.outbox.
_LOCMEM_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def setup_test_environment(debug=None):
    """Prepare settings for a test run: the client's 'testserver' host and DEBUG.

    (Templates send template_rendered whenever someone listens, so the
    client's template capture needs no instrumentation here.)
    """
    if _TestState.saved is not None:
        raise RuntimeError(
            "setup_test_environment() was already called and can't be called "
            "again without first calling teardown_test_environment().")
    saved = []
    if settings.configured:
        # Change the settings in force and every layer an override_settings()
        # copied them from: under pytest the environment is set up lazily, often
        # inside an override, and must outlive it.
        holder = settings._wrapped
        while holder is not None:
            old = {"ALLOWED_HOSTS": holder.ALLOWED_HOSTS, "DEBUG": holder.DEBUG,
                   "EMAIL_BACKEND": holder.EMAIL_BACKEND}
            saved.append((holder, old))
            holder.ALLOWED_HOSTS = [*old["ALLOWED_HOSTS"], "testserver"]
            holder.DEBUG = old["DEBUG"] if debug is None else debug
            holder.EMAIL_BACKEND = _LOCMEM_EMAIL_BACKEND  # mail goes to mail.outbox
            holder = holder._parent
        settings._clear_cache()
    _TestState.saved = saved
    _mail_module().outbox = []


def teardown_test_environment():
    """Undo setup_test_environment()."""
    saved = _TestState.saved
    if saved is None:
        return
    for holder, old in saved:
        for name, value in old.items():
            setattr(holder, name, value)
    settings._clear_cache()
    _TestState.saved = None
    mail = _mail_module()
    if "outbox" in vars(mail):
        del mail.outbox


class ContextList(list):
    """The contexts a response rendered; `ctx["name"]` looks through all of them."""

    def __getitem__(self, key):
        if not isinstance(key, str):
            return super().__getitem__(key)
        for context in self:
            if key in context:
                return context[key]
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        if not isinstance(key, str):
            return super().__contains__(key)
        return any(key in context for context in self)

    def keys(self):
        """Return the set of keys of all the contexts."""
        found = set()
        for context in self:
            if hasattr(context, "flatten"):
                found.update(context.flatten())
            else:
                found.update(context.keys() if hasattr(context, "keys") else ())
        return found


def _copy_context(context):
    import copy

    try:
        return copy.copy(context)
    except Exception:
        return context


class CaptureQueriesContext:
    """Record the SQL a connection runs inside a `with` block."""

    def __init__(self, connection):
        self.connection = connection
        self.initial_queries = 0
        self.final_queries = None

    def __iter__(self):
        return iter(self.captured_queries)

    def __getitem__(self, index):
        return self.captured_queries[index]

    def __len__(self):
        return len(self.captured_queries)

    @property
    def captured_queries(self):
        return self.connection.queries[self.initial_queries:self.final_queries]

    def __enter__(self):
        self.force_debug_cursor = self.connection.force_debug_cursor
        self.connection.force_debug_cursor = True
        ensure = getattr(self.connection, "ensure_connection", None)
        if ensure is not None:
            ensure()
        self.initial_queries = len(self.connection.queries_log)
        self.final_queries = None
        # A request inside the block must not empty the log the block
        # counts from (each request resets it, as in Django).
        request_started.disconnect(reset_queries)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.connection.force_debug_cursor = self.force_debug_cursor
        request_started.connect(reset_queries)
        if exc_type is None:
            self.final_queries = len(self.connection.queries_log)


class _AssertNumQueriesContext(CaptureQueriesContext):
    def __init__(self, test_case, num, connection):
        self.test_case = test_case
        self.num = num
        super().__init__(connection)

    def __exit__(self, exc_type, exc_value, traceback):
        super().__exit__(exc_type, exc_value, traceback)
        if exc_type is not None:
            return
        executed = len(self)
        listing = "\n".join(f"{i}. {query['sql']}"
                            for i, query in enumerate(self.captured_queries, start=1))
        self.test_case.assertEqual(
            executed, self.num,
            f"{executed} queries executed, {self.num} expected\n"
            f"Captured queries were:\n{listing}")


class _AssertTemplateUsedContext:
    """`with self.assertTemplateUsed("x.html"):` records the templates rendered."""

    def __init__(self, test_case, template_name, msg_prefix="", count=None):
        self.test_case = test_case
        self.template_name = template_name
        self.msg_prefix = msg_prefix
        self.count = count
        self.rendered_templates = []
        self.context = ContextList()
        self._uid = f"assert-template-used-{id(self)}"

    def on_template_render(self, sender, signal, template, context, **kwargs):
        self.rendered_templates.append(template)
        self.context.append(_copy_context(context))

    def rendered_names(self):
        return [t.name for t in self.rendered_templates
                if getattr(t, "name", None) is not None]

    def test(self):
        self.test_case._assert_template_used(
            self.template_name, self.rendered_names(), self.msg_prefix, self.count)

    def __enter__(self):
        template_rendered.connect(self.on_template_render, dispatch_uid=self._uid)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        template_rendered.disconnect(dispatch_uid=self._uid)
        if exc_type is None:
            self.test()


class _AssertTemplateNotUsedContext(_AssertTemplateUsedContext):
    def test(self):
        self.test_case.assertFalse(
            self.template_name in self.rendered_names(),
            f"{self.msg_prefix}Template '{self.template_name}' was used "
            "unexpectedly in rendering the response")


def _feature_values(name, databases):
    """Return the value of a connection feature for each alias in databases."""
    aliases = djscratch.test.databases._db_aliases(databases or {"default"})
    return [getattr(connections[alias].features, name, False) for alias in aliases]


class _CheckCondition:
    """A test class's __unittest_skip__ whose conditions are checked when
    unittest reads it, at run time (Django's CheckCondition), so that the
    runner counts the class's tests as skipped, with the reason."""

    def __init__(self, *conditions):
        self.conditions = conditions

    def add_condition(self, condition, reason):
        return type(self)(*self.conditions, (condition, reason))

    def __get__(self, instance, cls=None):
        if any(getattr(base, "__unittest_skip__", False) for base in cls.__bases__):
            return True
        for condition, reason in self.conditions:
            if condition():
                cls.__unittest_skip__ = True
                cls.__unittest_skip_why__ = reason
                return True
        return False


def _deferred_skip(condition, reason, name):
    """Build a skip decorator whose condition is checked when the test runs
    (`condition(databases)`): a test or a test class that cannot query the
    default database is an error, as in Django."""
    import functools
    import unittest

    def decorator(test_item):
        if isinstance(test_item, type) and issubclass(test_item, unittest.TestCase):
            databases = getattr(test_item, "databases", None)
            if not databases or "default" not in databases:
                def check():  # raised when the class runs, not at import
                    raise ValueError(
                        f"{name} cannot be used on {test_item} as it doesn't "
                        "allow queries against the 'default' database.")
            else:
                def check():
                    return condition(test_item.databases)
            skip = test_item.__dict__.get("__unittest_skip__")
            if isinstance(skip, _CheckCondition):
                test_item.__unittest_skip__ = skip.add_condition(check, reason)
            elif skip is not True:
                test_item.__unittest_skip__ = _CheckCondition((check, reason))
            return test_item

        @functools.wraps(test_item)
        def skip_wrapper(*args, **kwargs):
            test = args[0] if args else None
            if isinstance(test, unittest.TestCase) and "default" not in getattr(
                    test, "databases", {}):
                raise ValueError(
                    f"{name} cannot be used on {test} as "
                    f"{type(test).__qualname__} doesn't allow queries against the "
                    "'default' database.")
            if condition(getattr(test, "databases", None) or {"default"}):
                raise unittest.SkipTest(reason)
            return test_item(*args, **kwargs)

        return skip_wrapper

    return decorator


def skipIfDBFeature(*features):
    """Skip the test if the database has any of the named features."""
    return _deferred_skip(
        lambda dbs: any(any(_feature_values(f, dbs)) for f in features),
        "Database has feature(s) %s" % ", ".join(features), "skipIfDBFeature")


def skipUnlessDBFeature(*features):
    """Skip the test unless the database has all of the named features."""
    return _deferred_skip(
        lambda dbs: not all(all(_feature_values(f, dbs)) for f in features),
        "Database doesn't support feature(s): %s" % ", ".join(features),
        "skipUnlessDBFeature")


def skipUnlessAnyDBFeature(*features):
    """Skip the test unless the database has at least one of the named features."""
    return _deferred_skip(
        lambda dbs: not any(all(_feature_values(f, dbs)) for f in features),
        "Database doesn't support any of the feature(s): %s" % ", ".join(features),
        "skipUnlessAnyDBFeature")


class ignore_warnings(TestContextDecorator):
    """Ignore the warnings matching the filter (category=, message=, module=)
    in a test, a test class or a with block."""

    def __init__(self, **kwargs):
        self.ignore_kwargs = kwargs
        super().__init__()

    def _copy(self):
        return type(self)(**self.ignore_kwargs)

    def enable(self):
        import warnings

        self.catch_warnings = warnings.catch_warnings()
        self.catch_warnings.__enter__()
        if "message" in self.ignore_kwargs or "module" in self.ignore_kwargs:
            warnings.filterwarnings("ignore", **self.ignore_kwargs)
        else:
            warnings.simplefilter("ignore", **self.ignore_kwargs)

    def disable(self):
        import sys

        self.catch_warnings.__exit__(*sys.exc_info())


class Approximate:
    """A number that equals any other within `places` decimal places
    (assertEqual(result, Approximate(1.23, places=2)))."""

    def __init__(self, val, places=7):
        self.val = val
        self.places = places

    def __repr__(self):
        return repr(self.val)

    def __eq__(self, other):
        return self.val == other or round(abs(self.val - other), self.places) == 0


#: True where the OS can switch the process's time zone (time.tzset exists).
TZ_SUPPORT = hasattr(__import__("time"), "tzset")

_TZ_SUPPORT_REASON = (
    "This test relies on the ability to run a program in an arbitrary time zone, "
    "but your operating system isn't able to do that.")


def requires_tz_support(test_item):
    """Skip a test that needs to run in another time zone where the OS cannot
    change it (no time.tzset: Windows)."""
    import time
    import unittest

    if hasattr(time, "tzset"):
        return test_item
    return unittest.skip(_TZ_SUPPORT_REASON)(test_item)


def register_lookup(field, *lookups, lookup_name=None):
    """Register `lookups` on the field class `field` for a with block (under
    lookup_name, or each lookup's own); unregister them afterwards."""
    import contextlib

    @contextlib.contextmanager
    def registered():
        try:
            for lookup in lookups:
                field.register_lookup(lookup, lookup_name)
            yield
        finally:
            for lookup in lookups:
                field._unregister_lookup(lookup, lookup_name)

    return registered()


def extend_sys_path(*paths):
    """Add `paths` to sys.path for a with block; restore it afterwards."""
    import contextlib
    import sys

    @contextlib.contextmanager
    def extended():
        saved = sys.path[:]
        sys.path.extend(paths)
        try:
            yield
        finally:
            sys.path = saved

    return extended()


def captured_output(stream_name):
    """Replace sys.<stream_name> with a StringIO for a with block, which
    gives the StringIO."""
    import contextlib
    import io
    import sys

    @contextlib.contextmanager
    def captured():
        saved = getattr(sys, stream_name)
        setattr(sys, stream_name, io.StringIO())
        try:
            yield getattr(sys, stream_name)
        finally:
            setattr(sys, stream_name, saved)

    return captured()


def captured_stdout():
    """with captured_stdout() as out: ... out.getvalue() is what was printed."""
    return captured_output("stdout")


def captured_stderr():
    """with captured_stderr() as err: ... err.getvalue() is what was written."""
    return captured_output("stderr")


def captured_stdin():
    """with captured_stdin() as stdin: stdin.write(...); stdin.seek(0); input()"""
    return captured_output("stdin")


def freeze_time(t):
    """Make time.time() return `t` for a with block (code that did `from time
    import time` is not affected), as Django's test utility does."""
    import contextlib
    import time

    @contextlib.contextmanager
    def frozen():
        real_time = time.time
        time.time = lambda: t
        try:
            yield
        finally:
            time.time = real_time

    return frozen()


def garbage_collect():
    """Collect garbage now (tests of weak references call this)."""
    import gc

    gc.collect()


def require_jinja2(test_func):
    """Django's decorator runs a test with the Django and Jinja2 template
    backends; djscratch has no Jinja2 backend, so the test is skipped, saying
    so, whether or not jinja2 is installed."""
    import unittest

    return unittest.skip("djscratch has no Jinja2 template backend (use "
                         "DJSCRATCH_ENGINE=django)")(test_func)


class isolate_apps(TestContextDecorator):
    """Register the models a test defines in a registry of their own.

    The registry holds `installed_apps` (labels of apps whose models may be
    declared); models defined while it is active go there instead of the
    project's registry, so a test can declare models freely.  Used on a test
    case class it is active for each test (its setUp), as in Django; with
    attr_name or kwarg_name the test receives the registry.
    """

    def __init__(self, *installed_apps, **kwargs):
        self.installed_apps = installed_apps
        super().__init__(**kwargs)

    def _copy(self):
        return type(self)(*self.installed_apps, attr_name=self.attr_name,
                          kwarg_name=self.kwarg_name)

    def enable(self):
        self.old_apps = Options.default_apps
        Options.default_apps = Apps(self.installed_apps)
        return Options.default_apps

    def disable(self):
        Options.default_apps = self.old_apps

    def decorate_class(self, cls):
        import unittest

        if not issubclass(cls, unittest.TestCase):
            raise TypeError(
                f"Can only decorate subclasses of unittest.TestCase, not {cls!r}.")
        decorated_setup = cls.setUp
        maker = self._copy
        attr_name = self.attr_name

        def setUp(inner_self):
            context = maker()
            registry = context.enable()
            inner_self.addCleanup(context.disable)
            if attr_name:
                setattr(inner_self, attr_name, registry)
            decorated_setup(inner_self)

        cls.setUp = setUp
        return cls


class override_system_checks(TestContextDecorator):
    """Run only `new_checks` (and `deployment_checks`, if given) as the
    system checks while active, as Django's test utility does."""

    def __init__(self, new_checks, deployment_checks=None):
        self.new_checks = new_checks
        self.deployment_checks = deployment_checks
        super().__init__()

    def _copy(self):
        return type(self)(self.new_checks, self.deployment_checks)

    def enable(self):
        checks = djscratch.core.checks.registry.registry
        self.old_checks = checks.registered_checks
        checks.registered_checks = set()
        for check in self.new_checks:
            checks.register(check, *getattr(check, "tags", ()))
        self.old_deployment_checks = checks.deployment_checks
        if self.deployment_checks is not None:
            checks.deployment_checks = set()
            for check in self.deployment_checks:
                checks.register(check, *getattr(check, "tags", ()), deploy=True)

    def disable(self):
        checks = djscratch.core.checks.registry.registry
        checks.registered_checks = self.old_checks
        checks.deployment_checks = self.old_deployment_checks


class LoggingCaptureMixin:
    """Send the "django" logger's first handler to `self.logger_output` per test."""

    def setUp(self):
        import io
        import logging

        self.logger = logging.getLogger("django")
        self.old_stream = self.logger.handlers[0].stream
        self.logger_output = io.StringIO()
        self.logger.handlers[0].stream = self.logger_output

    def tearDown(self):
        self.logger.handlers[0].stream = self.old_stream
