"""The template plumbing's fast paths give what the general code gives.

The lookup of {{ a.b.c }} (_chain_site()) against _var(), the value a
{% url %} or {% static %} of a constant argument remembers against the one
its tag computes afresh, as the state they depend on changes under them.
"""

import itertools
import sys
import unittest
from unittest import mock

import djscratch

from djscratch import override_settings

from . import TEST_SETTINGS


class _Leaf:
    title = "<leaf>"
    count = 3

    def method(self):
        return "called"

    def broken(self):
        raise ValueError("broken")

    def gives_a_callable(self):
        return _Leaf.method.__get__(self)

    def needs_an_argument(self, x):
        return x

    def deletes(self):
        raise AssertionError("alters_data is never called")

    deletes.alters_data = True

    @property
    def missing_attr(self):
        raise AttributeError("missing")

    @property
    def type_error(self):
        raise TypeError("a property's TypeError")

    def __str__(self):
        return "<leaf object>"


class _Silent(Exception):
    silent_variable_failure = True


class _Tree:
    """Attributes leading to every kind of object, for two- and three-bit
    lookups."""

    leaf = _Leaf()
    mapping = {"leaf": _Leaf(), "title": "<mapped>", "items": "a key"}
    items = [_Leaf(), {"title": "<in a list>"}]
    row = ("x", _Leaf())
    text = "some text"
    nothing = None

    def __str__(self):
        return "<tree>"

    def call(self):
        return self

    @property
    def silent(self):
        raise _Silent("silenced")

    def loud(self):
        raise KeyError("a KeyError from a call")


class _Keyed:
    """A __getitem__ taking str keys: a subscript comes before attributes."""

    leaf = "<the attribute>"

    def __getitem__(self, key):
        if key == "leaf":
            return _Leaf()
        if key == "raises":
            raise RuntimeError("not one Django's order catches")
        raise KeyError(key)


class _Refusing:
    """A __getitem__ marked as refusing every str key (as BoundField's)."""

    leaf = _Leaf()

    def __getitem__(self, key):
        if isinstance(key, str):
            raise TypeError("str keys refused")
        return key

    __getitem__._refuses_str_keys = True


class _NotCalled:
    do_not_call_in_templates = True
    leaf = _Leaf()

    def __call__(self):
        raise AssertionError("do_not_call_in_templates")


class _CallableTree(_Tree):
    def __call__(self):
        return {"leaf": "<from a call>", "title": "<called>"}


class _DictSub(dict):
    leaf = "<attribute of a dict subclass>"


class _Unhashable:
    __hash__ = None


class _BadKey(str):
    """A key whose comparison raises: a dict asked for "title" meets it."""

    def __hash__(self):
        return hash("title")

    def __eq__(self, other):
        raise ValueError("comparison refused")


class _SameAsGeneral:
    def _same(self, fast, general):
        try:
            expected = general()
        except Exception as error:
            with self.assertRaises(type(error)) as caught:
                fast()
            self.assertEqual(_unplaced(str(caught.exception)), _unplaced(str(error)))
            return
        result = fast()
        self.assertEqual(_comparable(result), _comparable(expected))
        self.assertIs(type(result), type(expected))


def _unplaced(text):
    """`text` without object addresses (the test's objects are made afresh)."""
    import re

    return re.sub(r" at 0x[0-9a-f]+", "", text)


def _comparable(value):
    """`value`, or for an object the test's classes make afresh on each
    lookup (a called class, a keyed _Leaf, a bound method of one), what
    stands for it: its class and text."""
    import types

    if isinstance(value, types.MethodType):
        return ("method", value.__func__, _comparable(value.__self__))
    if type(value).__module__ == __name__ and not isinstance(value, (str, dict)):
        return (type(value), str(value))
    return value


@override_settings(**TEST_SETTINGS)
class ChainSiteTests(_SameAsGeneral, unittest.TestCase):
    """_chain_site(bits, ...)(obj) is _var(obj, bits, ...), for sites that
    see every kind of object in turn (their kept classes must never leak)."""

    OBJECTS = [_Tree(), _Tree, _CallableTree(), _Keyed(), _Refusing(), _NotCalled(),
               {"leaf": _Leaf(), "title": "<d>", "mapping": {"leaf": "<deep>"}},
               _DictSub(leaf={"title": "<sub>"}), {_BadKey("x"): 1},
               [_Leaf(), _Tree()], ("t", _Tree()), "text", 7, None,
               djscratch.mark_safe("<s>"), djscratch._NOT_FOUND, _Leaf(), _Unhashable()]
    BITS = ["leaf", "mapping", "items", "row", "text", "nothing", "title", "count",
            "method", "broken", "gives_a_callable", "needs_an_argument", "deletes",
            "missing_attr", "type_error", "call", "silent", "loud", "raises", "0",
            "1", "-1", "upper", "keys", "nope"]

    def _check(self, chains, objects, missing_values=("MISS",)):
        runtime = djscratch
        for bits in chains:
            for missing in missing_values:
                site = runtime._chain_site(bits, "INV", missing, "a")
                for obj in objects + objects[::-1]:
                    with self.subTest(bits=bits, obj=obj, missing=missing):
                        self._same(lambda: site(obj),
                                   lambda: runtime._var(obj, bits, "INV", missing, "a"))

    def test_two_bits(self):
        self._check(list(itertools.product(self.BITS, repeat=2)), self.OBJECTS)

    def test_three_bits_and_a_missing_that_raises(self):
        bits = ["leaf", "mapping", "items", "call", "title", "0", "1", "method",
                "silent", "nope"]
        self._check(list(itertools.product(bits, repeat=3)), self.OBJECTS,
                    ("MISS", djscratch._RAISE))

    def test_a_class_given_a_getitem_later_is_a_new_class(self):
        # The kept classes are the objects' exact classes: a subclass with a
        # __getitem__ of its own is decided on its own.
        class Base:
            leaf = _Leaf()

        class Keyed(Base):
            def __getitem__(self, key):
                return {"title": "<from the subscript>"}

        site = djscratch._chain_site(("leaf", "title"), "INV", "MISS", "a")
        for obj in (Base(), Keyed(), Base(), Keyed()):
            with self.subTest(obj=obj):
                self._same(lambda: site(obj),
                           lambda: djscratch._var(obj, ("leaf", "title"), "INV",
                                                  "MISS", "a"))

    def test_templates_write_a_chain_site(self):
        engine = djscratch.Engine()
        template = engine.from_string(
            "{{ a.leaf.title }}|{{ a.mapping.leaf.title }}|{% if a.leaf.count %}"
            "{{ a.leaf.count }}{% endif %}|{{ a.nope.title|default:'d' }}|"
            "{% for x in a.items %}{{ x.title.upper }}{% endfor %}")
        source = template._compiled(True).source
        self.assertIn("_chain_site(('leaf', 'title')", source)
        self.assertNotIn("_var(", source)
        self.assertEqual(template.render(djscratch.Context({"a": _Tree()})),
                         "&lt;leaf&gt;|&lt;leaf&gt;|3|d|&lt;LEAF&gt;&lt;IN A LIST&gt;")


def _view(request):
    return djscratch.HttpResponse("ok")


class _Urls:
    """A URLconf object (set_urlconf()) whose patterns a test can swap."""

    def __init__(self, route, app_name=None):
        self.urlpatterns = [djscratch.path(route, _view, name="page"),
                            djscratch.path(route + "<int:pk>/", _view, name="item")]
        if app_name:
            self.app_name = app_name


class _Request:
    """What {% url %} reads of a request: current_app, resolver_match."""

    def __init__(self, **attributes):
        self.__dict__.update(attributes)


class _Match:
    def __init__(self, namespace):
        self.namespace = namespace


@override_settings(**TEST_SETTINGS)
class RememberedUrlTests(unittest.TestCase):
    """A {% url %} of a constant name answers from what it remembers only
    while that is what reverse() gives: one template kept across every
    change of state renders what a template parsed afresh renders."""

    SOURCE = ("{% url 'page' %}|{% url 'page' as v %}{{ v }}|{% url 'item' 3 %}|"
              "{% url name %}|{% url 'other:page' %}")

    def setUp(self):
        self.addCleanup(djscratch.set_urlconf, None)
        self.addCleanup(djscratch.set_script_prefix, "/")
        self.addCleanup(djscratch.clear_url_caches)

    def _urls(self, route):
        urls = _Urls(route)
        urls.urlpatterns.append(djscratch.path(
            "ns/", djscratch.include((_Urls("in-ns/").urlpatterns, "other"))))
        return urls

    def _render(self, template, request=None, autoescape=True):
        context = djscratch.Context({"name": "page"}, autoescape=autoescape)
        if request is not None:
            context.request = request
        return template.render(context)

    def test_kept_template_renders_what_a_fresh_one_renders(self):
        engine = djscratch.Engine()
        kept = engine.from_string(self.SOURCE)
        kept_off = engine.from_string("{% autoescape off %}" + self.SOURCE
                                      + "{% endautoescape %}")
        first, second = self._urls("one/"), self._urls("t&o/")
        steps = [
            ("first urlconf", lambda: djscratch.set_urlconf(first)),
            ("again", lambda: None),
            ("second urlconf", lambda: djscratch.set_urlconf(second)),
            ("script prefix", lambda: djscratch.set_script_prefix("/mount/")),
            ("prefix back", lambda: djscratch.set_script_prefix("/")),
            ("patterns swapped and caches cleared",
             lambda: (setattr(second, "urlpatterns", self._urls("2/").urlpatterns),
                      djscratch.clear_url_caches())),
            ("first again", lambda: djscratch.set_urlconf(first)),
        ]
        requests = [None, _Request(current_app=None), _Request(current_app="other"),
                    _Request(resolver_match=_Match("other")), _Request()]
        for label, change in steps:
            change()
            for request in requests:
                with self.subTest(label, request=vars(request or _Request())):
                    fresh = engine.from_string(self.SOURCE)
                    self.assertEqual(self._render(kept, request),
                                     self._render(fresh, request))
                    self.assertEqual(self._render(kept_off, request),
                                     self._render(fresh, request, autoescape=False))

    def test_the_language_is_part_of_what_is_remembered(self):
        from django.utils import translation

        self.addCleanup(translation.deactivate)
        with override_settings(**dict(TEST_SETTINGS, USE_I18N=True,
                                      LANGUAGE_CODE="en",
                                      ROOT_URLCONF="tests.i18n_prefix_urls")), \
                translation.override(None):
            djscratch.clear_url_caches()
            template = djscratch.Engine().from_string("{% url 'prefixed' %}")
            self.assertEqual(self._render(template), "/en/page/")
            with translation.override("fr"):
                self.assertEqual(self._render(template), "/fr/page/")
            self.assertEqual(self._render(template), "/en/page/")
        djscratch.clear_url_caches()

    def test_remembered_url_is_the_general_value_or_none(self):
        djscratch.set_urlconf(self._urls("one/"))
        template = djscratch.Engine().from_string("{% url 'page' %}{% url 'item' 1 %}")
        constant, with_argument = template.nodelist.get_nodes_by_type(djscratch.URLNode)
        context = djscratch.Context()
        self.assertIsNone(constant._remembered_url(context))
        self.assertEqual(constant.value(context), "/one/")
        self.assertEqual(constant._remembered_url(context), "/one/")
        self.assertEqual(constant._reversed(context, None), "/one/")
        with_argument.value(context)
        self.assertIsNone(with_argument._remembered_url(context))
        djscratch.set_script_prefix("/m/")
        self.assertIsNone(constant._remembered_url(context))
        self.assertEqual(constant.value(context), "/m/one/")

    def test_a_patched_reverse_is_called(self):
        djscratch.set_urlconf(self._urls("one/"))
        template = djscratch.Engine().from_string("{% url 'page' %}")
        self.assertEqual(self._render(template), "/one/")
        module = sys.modules[djscratch.URLNode.__module__]
        with mock.patch.object(module, "reverse", return_value="/patched/"):
            self.assertEqual(self._render(template), "/patched/")
        self.assertEqual(self._render(template), "/one/")

    def test_a_failed_reverse_is_not_remembered(self):
        urls = self._urls("one/")
        djscratch.set_urlconf(urls)
        template = djscratch.Engine().from_string("{% url 'later' as v %}[{{ v }}]")
        self.assertEqual(self._render(template), "[]")
        urls.urlpatterns.append(djscratch.path("later/", _view, name="later"))
        djscratch.clear_url_caches()
        self.assertEqual(self._render(template), "[/later/]")


def _static_engine():
    return djscratch.Engine(libraries={"static": "django.templatetags.static"})


@override_settings(**dict(TEST_SETTINGS, STATIC_URL="/static/"))
class RememberedStaticTests(unittest.TestCase):
    """A {% static %} of a constant path answers from what it remembers only
    while the settings and the script prefix are those it came from."""

    SOURCE = ('{% load static %}{% static "a b.css" %}|{% static "x&y.js" as v %}'
              '{{ v }}|{% static path %}')

    def setUp(self):
        self.addCleanup(djscratch.set_script_prefix, "/")

    def _render(self, template, autoescape=True):
        return template.render(djscratch.Context({"path": "p.css"},
                                                 autoescape=autoescape))

    def test_kept_template_renders_what_a_fresh_one_renders(self):
        engine = _static_engine()
        kept = engine.from_string(self.SOURCE)
        steps = [
            ("first", lambda: None),
            ("again", lambda: None),
            ("script prefix", lambda: djscratch.set_script_prefix("/mount/")),
            ("prefix back", lambda: djscratch.set_script_prefix("/")),
        ]
        for settings in ({}, {"STATIC_URL": "https://cdn.example/s/"},
                         {"STATIC_URL": "rel/"}):
            with override_settings(**settings):
                for label, change in steps:
                    change()
                    for autoescape in (True, False):
                        with self.subTest(label, settings=settings,
                                          autoescape=autoescape):
                            fresh = engine.from_string(self.SOURCE)
                            self.assertEqual(self._render(kept, autoescape),
                                             self._render(fresh, autoescape))

    def test_remembered_url_is_the_general_value_or_none(self):
        template = _static_engine().from_string(self.SOURCE)
        constant, named, variable = template.nodelist.get_nodes_by_type(
            djscratch.StaticNode)
        context = djscratch.Context({"path": "p.css"})
        context.template = template
        self.assertIsNone(constant._remembered_url(context))
        self.assertEqual(constant.value(context), "/static/a%20b.css")
        self.assertEqual(constant._remembered_url(context), "/static/a%20b.css")
        self.assertEqual(constant._value(context), "/static/a%20b.css")
        variable.value(context)
        self.assertIsNone(variable._remembered_url(context))
        with override_settings(STATIC_URL="/other/"):
            self.assertIsNone(constant._remembered_url(context))
            self.assertEqual(constant.value(context), "/other/a%20b.css")

    def test_a_patched_handle_simple_is_called(self):
        template = _static_engine().from_string('{% load static %}{% static "a" %}')
        self.assertEqual(self._render(template), "/static/a")
        with mock.patch.object(djscratch.StaticNode, "handle_simple",
                               return_value="/patched"):
            self.assertEqual(self._render(template), "/patched")
        self.assertEqual(self._render(template), "/static/a")


class ChainBlocksTests(unittest.TestCase):
    """_chain_blocks() is the blocks of a BlockContext the child's and then
    the parent's block_defs were added to, as the chain changes."""

    def _engine(self, templates):
        return djscratch.Engine(loaders=[(
            "django.template.loaders.locmem.Loader", templates)])

    def _general(self, child, parent):
        block_context = djscratch.BlockContext()
        block_context.add_blocks(child.block_defs)
        block_context.add_blocks(parent.block_defs)
        return block_context.blocks

    def test_same_blocks_as_adding_them(self):
        engine = self._engine({
            "a.html": "{% block x %}{% endblock %}{% block y %}{% endblock %}",
            "b.html": "{% block y %}{% endblock %}{% block z %}{% endblock %}",
            "c.html": '{% extends "a.html" %}{% block y %}{% endblock %}'
                      '{% block w %}{% endblock %}',
            "d.html": '{% extends "b.html" %}',
        })
        child, other = engine.get_template("c.html"), engine.get_template("d.html")
        parents = [engine.get_template("a.html"), engine.get_template("b.html")]
        for parent in parents + parents[::-1] + [parents[0], parents[0]]:
            for template in (child, other):
                with self.subTest(child=template.name, parent=parent.name):
                    blocks = djscratch._chain_blocks(template, parent)
                    self.assertEqual(blocks, self._general(template, parent))
                    self.assertEqual(list(blocks),
                                     list(self._general(template, parent)))
                    # Each render gets lists of its own (render pops and pushes).
                    self.assertIsNot(blocks["y"] if "y" in blocks else [],
                                     djscratch._chain_blocks(template, parent).get("y"))

    def test_renders_as_before_through_three_levels(self):
        engine = self._engine({
            "root.html": "R[{% block a %}ra{% endblock %}|"
                         "{% block b %}rb{% endblock %}]",
            "mid.html": '{% extends "root.html" %}{% block a %}ma{{ block.super }}'
                        '{% endblock %}',
            "leaf.html": '{% extends "mid.html" %}{% block b %}lb{{ block.super }}'
                         '{% endblock %}{% block a %}la{{ block.super }}{% endblock %}',
            "other.html": '{% extends "root.html" %}{% block b %}ob{% endblock %}',
        })
        for name, expected in [
                ("leaf.html", "R[lamara|lbrb]"), ("mid.html", "R[mara|rb]"),
                ("other.html", "R[ra|ob]"), ("leaf.html", "R[lamara|lbrb]")]:
            with self.subTest(name):
                self.assertEqual(engine.get_template(name).render(djscratch.Context()),
                                 expected)


@override_settings(**TEST_SETTINGS)
class CsrfTokenValueTests(unittest.TestCase):
    """{% csrf_token %} renders the csrf processor's lazy token (evaluated
    once) as it renders any other lazy str of the same value."""

    def test_same_as_another_lazy_str(self):
        node = djscratch.Engine().from_string("{% csrf_token %}").nodelist[0]
        other_lazy = djscratch.lazy(lambda value: value, str)
        for value in ("", "NOTPROVIDED", "token", "t<o>&k'en\"",
                      djscratch.mark_safe("<safe>")):
            with self.subTest(value=value):
                evaluated = []

                def token(value=value):
                    evaluated.append(value)
                    return value

                ours = node.value(djscratch.Context(
                    {"csrf_token": djscratch._lazy_call(token)}))
                general = node.value(djscratch.Context(
                    {"csrf_token": other_lazy(value)}))
                self.assertEqual(ours, general)
                self.assertIs(type(ours), type(general))
                self.assertEqual(len(evaluated), 1)


def _general_request_context(request, values, **options):
    """make_context() by its general path (RequestContext(), then the push)."""
    module = sys.modules[djscratch.make_context.__module__]
    with mock.patch.object(module, "_PLAIN_CONTEXT_METHODS", ()):
        return module.make_context(values, request, **options)


@override_settings(**TEST_SETTINGS)
class RequestContextForTests(unittest.TestCase):
    """make_context() with a request builds, through _request_context_for(),
    the context RequestContext() and the push build."""

    def _state(self, context):
        return (type(context), list(vars(context)),
                {k: v for k, v in vars(context).items()
                 if k not in ("dicts", "render_context")},
                [(type(d), dict(d)) for d in context.dicts],
                [getattr(d, "context", context) is context for d in context.dicts],
                type(context.render_context), context.render_context.dicts)

    def test_same_context_as_the_general_path(self):
        request = _Request(META={}, COOKIES={})
        for values in (None, {}, {"a": 1, "b": [2]}, {"True": "shadowed"}):
            for options in ({}, {"autoescape": False}, {"use_l10n": False},
                            {"use_tz": True, "autoescape": True}):
                with self.subTest(values=values, options=options):
                    fast = djscratch.make_context(values, request, **options)
                    general = _general_request_context(request, values, **options)
                    self.assertEqual(self._state(fast), self._state(general))
                    if values:
                        self.assertIsNot(fast.dicts[-1], values)  # a copy

    def test_renders_and_copies_as_the_general_context(self):
        import copy

        engine = djscratch.Engine()
        template = engine.from_string("{{ a }}|{% with b=2 %}{{ b }}{% endwith %}")
        request = _Request(META={}, COOKIES={})
        fast = djscratch.make_context({"a": "<x>"}, request)
        general = _general_request_context(request, {"a": "<x>"})
        self.assertEqual(template.render(fast), template.render(general))
        self.assertEqual(self._state(copy.copy(fast))[1:3],
                         self._state(copy.copy(general))[1:3])
        self.assertEqual(fast.flatten(), general.flatten())

    def test_other_options_and_patched_methods_take_the_general_path(self):
        request = _Request(META={}, COOKIES={})
        processors = [lambda request: {"p": 1}]
        context = djscratch.make_context({"a": 1}, request, processors=processors)
        self.assertEqual(context._processors, tuple(processors))
        with self.assertRaises(TypeError):
            djscratch.make_context({}, request, nonsense=1)
        pushed = []
        module = sys.modules[djscratch.BaseContext.__module__]
        original_push = module.BaseContext.push

        def push(self, *args, **kwargs):
            pushed.append(args)
            return original_push(self, *args, **kwargs)

        with mock.patch.object(module.RequestContext, "push", push):
            djscratch.make_context({"a": 1}, request)
        self.assertEqual(pushed, [({"a": 1},)])
