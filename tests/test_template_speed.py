"""The template compiler's fast paths (issue 20), each against the general
path it replaces: |floatformat on a float's digits, filters behind a type
guard, escapes written out, simple and inclusion tags compiled as calls, and
forloop's attributes from the loop's index.
"""

import datetime
import random
import sys
import unittest

import djscratch
from djscratch import override_settings
from . import TEST_SETTINGS


@override_settings(**TEST_SETTINGS)
class FloatPlacesTests(unittest.TestCase):
    """_float_places (|floatformat:N on a float, on repr's digits) gives what
    the Decimal path gives."""

    def test_float_places_match_the_decimal_path(self):
        rng = random.Random(20)
        values = [0.0, -0.0, 0.125, -0.125, 2.675, 1.005, -1.005, 0.5, 9.995,
                  -0.004, -0.005, 123456789.123, 1e15 + 0.3, 1e16, 5e-07, 0.1 + 0.2,
                  float("inf"), float("-inf"), float("nan"), 3.14159 * 7]
        values += [rng.uniform(-1000, 1000) for _ in range(300)]
        values += [round(rng.uniform(-100, 100), rng.randint(0, 4)) for _ in range(300)]
        values += [rng.randint(-10 ** 6, 10 ** 6) / 1000 + 0.0005 for _ in range(200)]
        for value in values:
            for places in (1, 2, 3, 5):
                with self.subTest(value=value, places=places):
                    fast = djscratch._float_places(value, places)
                    if fast is None:
                        self.assertTrue("e" in repr(value) or "n" in repr(value))
                        continue
                    self.assertEqual(
                        fast, djscratch._floatformat_decimal(value, places))

    def test_the_filter_takes_the_general_path_when_grouping(self):
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            self.assertEqual(djscratch._f_floatformat(1234.5, 2), "1,234.50")
        self.assertEqual(djscratch._f_floatformat(1234.5, 2), "1234.50")


class _StrSubclass(str):
    pass


@override_settings(**TEST_SETTINGS)
class GuardedFilterTests(unittest.TestCase):
    """A filter compiled behind a type guard (the function a @stringfilter
    wraps for an exact str; no _safe_filter() for a value that is not
    SafeData) gives what the registered filter gives, called the general way."""

    VALUES = ["Hello <World> & see https://example.com/a?b=1 now", "",
              djscratch.mark_safe("<b>Safe</b> www.example.org"),
              _StrSubclass("sub <class>"), 42, 3.14159, None, ["a", "<b>"],
              datetime.date(2026, 11, 21)]
    FILTERS = [("truncatewords", "3"), ("slugify", None), ("urlize", None),
               ("upper", None), ("capfirst", None), ("floatformat", "2"),
               ("join", '", "'), ("title", None), ("wordcount", None),
               ("cut", '" "')]

    def test_guarded_filters_match_the_general_call(self):
        engine = djscratch.Engine()
        for name, arg in self.FILTERS:
            expr = name if arg is None else f"{name}:{arg}"
            func = djscratch.default_filters.filters[name]
            args = () if arg is None else (djscratch.Variable(arg).resolve({}),)
            for autoescape in (True, False):
                template = engine.from_string(
                    "{%% autoescape %s %%}{{ v|%s }}{%% endautoescape %%}"
                    % ("on" if autoescape else "off", expr))
                for value in self.VALUES:
                    with self.subTest(filter=expr, value=value, autoescape=autoescape):
                        self._check(template, func, value, args, autoescape)

    def _check(self, template, func, value, args, autoescape):
        kwargs = {"autoescape": autoescape} if getattr(
            func, "needs_autoescape", False) else {}
        call = djscratch._safe_filter if getattr(func, "is_safe", False) else \
            (lambda func, *args, **kwargs: func(*args, **kwargs))
        try:
            result = call(func, value, *args, **kwargs)
        except Exception as error:
            with self.assertRaises(type(error)):
                template.render(djscratch.Context({"v": value}))
            return
        expected = djscratch._escape_output(result) if autoescape else \
            djscratch._text_output(result)
        self.assertEqual(template.render(djscratch.Context({"v": value})),
                         str(expected))

    def test_a_wrapper_copying_the_marker_is_called_itself(self):
        import functools

        library = djscratch.Library()

        @djscratch.stringfilter
        def shout(value):
            return value.upper()

        @functools.wraps(shout)  # copies shout's __dict__, marker included
        def quiet(value):
            return "quiet"

        library.filter("quiet", quiet)
        engine = djscratch.Engine()
        engine.template_builtins = engine.template_builtins + [library]
        self.assertEqual(engine.from_string("{{ v|quiet }}").render(
            djscratch.Context({"v": "x"})), "quiet")


class InlineEscapeTests(unittest.TestCase):
    """The escape written out in the output functions is _escape_text()."""

    def test_written_out_escapes_match_escape_text(self):
        site = djscratch._escape_attr_site("text", "a")
        for text in ["", "plain", "<a href=\"x\">&amp; 'q'</a>", "&&<<>>\"\"''",
                     "é & ü <ß>"]:
            with self.subTest(text=text):
                expected = djscratch._escape_text(text)
                self.assertEqual(djscratch._escape_output(text), expected)
                self.assertEqual(djscratch._escape_value(text, "v"), expected)
                self.assertEqual(site({"text": text}), expected)


def _tag_library(engine):
    """The same tags twice: plain (compiled as calls) and takes_context
    (handed the context at run time, the general path)."""
    library = djscratch.Library()

    def greet(who, greeting="hi", punct="!"):
        return f"{greeting} {who}{punct}" if who != 7 else 7

    def card(who, greeting="", punct=""):
        return {"who": who, "n": greeting + punct}

    library.simple_tag(greet, name="greet")
    library.simple_tag(lambda context, *a, **k: greet(*a, **k),
                       takes_context=True, name="greet_ctx")
    card_template = djscratch.Template("[{{ who }}:{{ n }}:{{ csrf_token }}]",
                                       engine=engine)
    library.inclusion_tag(card_template, name="card")(card)
    library.inclusion_tag(card_template, takes_context=True, name="card_ctx")(
        lambda context, *a, **k: card(*a, **k))
    return library


@override_settings(**TEST_SETTINGS)
class CompiledCustomTagTests(unittest.TestCase):
    """simple_tag and inclusion_tag nodes without takes_context, compiled as
    direct calls, render what the general path (the node handed the
    context) renders."""

    TAGS = ['{% T u %}', '{% T u.name "hello" %}', '{% T u.name greeting="yo" %}',
            '{% T missing %}', '{% T u.name|upper punct=u.mark %}', '{% T 7 %}',
            '{% T u.name as v %}<{{ v }}>']

    def test_compiled_tags_match_the_general_path(self):
        for invalid in ("", "INVALID(%s)"):
            engine = djscratch.Engine(string_if_invalid=invalid)
            engine.template_builtins = engine.template_builtins + [_tag_library(engine)]
            for source in self.TAGS:
                for tag in ("greet", "card"):
                    if tag == "card" and " as " in source:
                        continue
                    for autoescape in ("on", "off"):
                        body = "{%% autoescape %s %%}{%% for u in users %%}%s" \
                            "{%% endfor %%}{%% endautoescape %%}" % (autoescape, source)
                        with self.subTest(source=source, tag=tag, invalid=invalid,
                                          autoescape=autoescape):
                            self._check(engine, body, tag)

    def _check(self, engine, body, tag):
        context = {"users": [{"name": "<Ada>", "mark": "?"}, {"name": "B&B"}],
                   "csrf_token": "tok"}
        compiled = engine.from_string(body.replace("T", tag, 1))
        general = engine.from_string(body.replace("T", tag + "_ctx", 1))
        self.assertNotIn("_render_node", compiled.python_source(True).split(
            "def render")[1])
        self.assertEqual(compiled.render(djscratch.Context(context)),
                         general.render(djscratch.Context(context)))


@override_settings(**TEST_SETTINGS)
class StaticForloopTests(unittest.TestCase):
    """forloop.counter and its siblings compiled from the loop's index give
    what the forloop dict gives (read through {% with %}, which needs it)."""

    ATTRS = ["counter", "counter0", "revcounter", "revcounter0", "first", "last"]

    def test_static_forloop_attributes_match_the_dict(self):
        engine = djscratch.Engine()
        static = "".join("{{ forloop.%s }}," % a for a in self.ATTRS) + \
            "{% if forloop.first %}F{% elif forloop.last %}L{% endif %}" \
            "{% if forloop.counter > 2 and not forloop.last %}G{% endif %}" \
            "{{ forloop.counter|add:10 }}"
        dynamic = static.replace("forloop.", "f.")
        loop = "{%% for x in xs %%}%s;{%% empty %%}none{%% endfor %%}"
        nested = "{%% for y in xs %%}{%% for x in xs %%}%s{%% endfor %%}|{%% endfor %%}"
        for outer in (loop, nested):
            fast = engine.from_string(outer % static)
            slow = engine.from_string(outer % ("{% with f=forloop %}" + dynamic +
                                               "{% endwith %}"))
            self.assertNotIn(".update(", fast.python_source(True))
            sizes = [0, 1, 5] + ([1002] if outer is loop else [])  # 1,000: "1,000"
            for xs in (list(range(n)) for n in sizes):
                for grouping in (False, True):
                    with self.subTest(outer=outer, n=len(xs), grouping=grouping), \
                            override_settings(USE_THOUSAND_SEPARATOR=grouping):
                        self.assertEqual(fast.render(djscratch.Context({"xs": xs})),
                                         slow.render(djscratch.Context({"xs": xs})))


class _Flagged:
    """A callable class: templates call it unless told not to."""

    do_not_call_in_templates = True

    def __call__(self):
        return "called"


@override_settings(**TEST_SETTINGS)
class PlainNameValueTests(unittest.TestCase):
    """A name read alone ({% if x %}, {{ x|f }}, a filter's argument) is
    written inline as its value when found and not callable: what reaches
    the filter is what _var(x, (), ...) gives, for every kind of value,
    callables and absence included, with and without string_if_invalid."""

    def values(self):
        def function():
            return "from function"

        def alters():
            return "altered"

        alters.alters_data = True

        def needs_argument(arg):
            return arg

        def missing():
            raise djscratch.VariableDoesNotExist("gone")

        class Silent(Exception):
            silent_variable_failure = True

        def silent():
            raise Silent

        return {"absent": djscratch._NOT_FOUND, "None": None, "zero": 0, "empty": "",
                "text": "text", "list": [1, 2], "function": function,
                "alters_data": alters, "needs an argument": needs_argument,
                "raises VariableDoesNotExist": missing, "silent failure": silent,
                "do_not_call_in_templates": _Flagged, "method": "abc".upper}

    def test_values_reaching_a_filter_are_vars(self):
        seen = []
        library = djscratch.Library()

        @library.filter
        def probe(value, arg=seen):  # (seen: no argument given)
            seen.append(value if arg is seen else arg)
            return ""

        sources = {"''": "{{ x|probe }}", "None": "{% if x|probe %}{% endif %}",
                   "_RAISE": "{{ 1|probe:x }}"}
        for invalid in ("", "INVALID"):
            engine = djscratch.Engine(string_if_invalid=invalid)
            engine.template_builtins = engine.template_builtins + [library]
            for missing, source in sources.items():
                if invalid and missing == "''":
                    continue  # a missing name gives string_if_invalid, unfiltered
                template = engine.from_string(source)
                self.assertIn("not callable(c_x)", template.python_source())
                marker = {"''": "", "None": None,
                          "_RAISE": djscratch._RAISE}[missing]
                for name, value in self.values().items():
                    with self.subTest(invalid=invalid, missing=missing, value=name):
                        context = {} if value is djscratch._NOT_FOUND else {"x": value}
                        try:
                            expected = djscratch._var(value, (), invalid, marker, "x")
                        except djscratch.VariableDoesNotExist:
                            with self.assertRaises(djscratch.VariableDoesNotExist):
                                template.render(djscratch.Context(context))
                            continue
                        seen.clear()
                        template.render(djscratch.Context(context))
                        self.assertEqual(len(seen), 1)
                        self.assertIs(type(seen[0]), type(expected))
                        self.assertEqual(seen[0], expected)


@override_settings(**TEST_SETTINGS)
class CallFoundTests(unittest.TestCase):
    """_call_found(), what a lookup site does with a callable it found,
    answers (or raises) as _var() does; so do the sites that use it."""

    def outcome(self, function, *args):
        try:
            return "value", function(*args)
        except Exception as error:  # the same error, or the same value
            return "raised", type(error)

    def test_a_found_callable_answers_as_var(self):
        values = PlainNameValueTests("test_values_reaching_a_filter_are_vars").values()

        class Holder:
            pass

        for name, value in values.items():
            if not callable(value):
                continue
            holder = Holder()
            holder.x = value
            for invalid in ("", "INVALID"):
                for missing in ("", None, djscratch._RAISE):
                    with self.subTest(value=name, invalid=invalid, missing=missing):
                        expected = self.outcome(djscratch._var, value, (), invalid,
                                                missing, "x")
                        self.assertEqual(self.outcome(
                            djscratch._call_found, value, invalid, missing, "x"),
                            expected)
                        site = djscratch._attr_site("x", invalid, missing, "h")
                        general = self.outcome(djscratch._var, holder, ("x",),
                                               invalid, missing, "h")
                        self.assertEqual(self.outcome(site, holder), general)
                        self.assertEqual(self.outcome(site, holder), general)  # kept
            output = djscratch._escape_attr_site("x", "h")
            self.assertEqual(self.outcome(output, holder), self.outcome(
                lambda: djscratch._escape_output(
                    djscratch._var(holder, ("x",), "", "", "h"))))


@override_settings(**TEST_SETTINGS, ROOT_URLCONF="tests.template_corpus_urls",
                   STATIC_URL="/static/")
class PlainLiteralTests(unittest.TestCase):
    """_plain_literal(): the value {% url %} and {% static %} take for a
    constant argument is what FilterExpression.resolve() gives, in any
    context; any other expression says so (None) and is resolved."""

    TOKENS = ['"a.css"', "'homepage'", '"x%s"', "'ns:name'", "7", "-3", "1.5",
              "2e3", '"<b>&amp;"', "''", '_("Hello")', '"a"|upper', "'b'|default:'c'",
              "name", "name.attr", "True", "None", "obj.0", "'a' ", '"caf\\u00e9"',
              '"multi word"']

    def test_plain_literal_matches_resolve(self):
        engine = djscratch.Engine()
        contexts = [djscratch.Context({}), djscratch.Context(
            {"name": "<x>", "obj": ["z"], "True": 0}, autoescape=False)]
        for token in self.TOKENS:
            with self.subTest(token=token):
                template = engine.from_string("{{ %s }}" % token)
                expression = template.nodelist[0].filter_expression
                held, value = djscratch._plain_literal(expression)
                plain = (not expression.filters and expression.var.lookups is None
                         and not expression.var.translate)
                self.assertIs(held, expression if plain else None)
                for context in contexts if plain else ():
                    resolved = expression.resolve(context)
                    self.assertEqual(value, resolved)
                    self.assertIs(type(value), type(resolved))

    def test_url_and_static_nodes_render_as_resolved(self):
        engine = djscratch.Engine(
            libraries={"static": "django.templatetags.static"})
        cases = [(source, "_view_literal") for source in (
            "{% url 'home' %}", '{% url "home" as u %}[{{ u }}]', "{% url name %}",
            "{% url ''|default:'home' %}", "{% url 'post' 3 %}",
            "{% url 'tag-page' slug='a' page=2 %}")]
        cases += [("{% load static %}" + source, "_path_literal") for source in (
            "{% static 'a b.css' %}", '{% static "x/<y>.js" as s %}{{ s }}',
            "{% static path %}", "{% static 'é/ü.png' %}")]
        for source, attribute in cases:
            with self.subTest(source=source):
                template = engine.from_string(source)
                context = {"name": "home", "path": "p.css"}
                for autoescape in (True, False):
                    fast = template.render(djscratch.Context(context,
                                                             autoescape=autoescape))
                    nodes = [node for node in template.nodelist
                             if hasattr(node, attribute)]
                    self.assertEqual(len(nodes), 1)
                    kept = getattr(nodes[0], attribute)
                    setattr(nodes[0], attribute, (None, None))  # always resolve()
                    try:
                        general = template.render(djscratch.Context(
                            context, autoescape=autoescape))
                    finally:
                        setattr(nodes[0], attribute, kept)
                    self.assertEqual(fast, general)


class _Silent(ValueError):
    silent_variable_failure = True


class _Row:
    title = "<T>"
    count = 3
    when = datetime.datetime(2026, 1, 2, 3, 4, 5)

    def method(self):
        return "m&"

    def boom(self):
        raise _Silent("no")

    def delete(self):
        raise AssertionError("alters_data is never called")

    delete.alters_data = True


class _RowMapping(_Row):
    def __getitem__(self, key):
        if key == "title":
            return "from getitem"
        raise KeyError(key)


@override_settings(**TEST_SETTINGS)
class SharedSiteTests(unittest.TestCase):
    """A lookup outside the loops of a template that has some takes the
    makers every name shares (getattr(obj, bit)); inside a {% for %}, and
    in a template without loops, the makers of its own name (obj.bit).  All
    give the same output for every kind of object."""

    NAMES = ["title", "count", "when", "method", "boom", "delete", "missing",
             "items", "upper", "0", "keys"]

    def test_shared_and_named_sites_match(self):
        objects = [_Row(), _RowMapping(), {"title": "<d>", "count": 0}, "text",
                   ["a", "b"], ("t",), None, 7, {"items": 1}]
        for invalid in ("", "INVALID"):
            engine = djscratch.Engine(string_if_invalid=invalid)
            for name in self.NAMES:
                for autoescape in ("on", "off"):
                    body = ("{%% autoescape %s %%}{{ o.%s }}|{%% if o.%s %%}y"
                            "{%% endif %%}{%% endautoescape %%}") % (autoescape, name,
                                                                     name)
                    once = engine.from_string(
                        "{%% for x in '' %%}{%% endfor %%}%s" % body)
                    rowlike = engine.from_string(body)  # no loop: its own codes
                    looped = engine.from_string(
                        "{%% for o in objects %%}%s{%% endfor %%}" % body)
                    self.assertIn("shared=True", once.python_source(True))
                    self.assertNotIn("shared=True", looped.python_source(True))
                    self.assertNotIn("shared=True", rowlike.python_source(True))
                    with self.subTest(name=name, invalid=invalid,
                                      autoescape=autoescape):
                        expected = "".join(
                            once.render(djscratch.Context({"o": obj}))
                            for obj in objects)
                        self.assertEqual(looped.render(
                            djscratch.Context({"objects": objects})), expected)
                        self.assertEqual("".join(
                            rowlike.render(djscratch.Context({"o": obj}))
                            for obj in objects), expected)


class _Proxy(str):
    """A str subclass with an attribute that raises AttributeError."""

    @property
    def broken(self):
        raise AttributeError("inside the property")


class MissingAttributeTests(unittest.TestCase):
    """_var() on a str, list or tuple whose attribute is missing answers
    `missing` without raising VariableDoesNotExist: the same as the general
    path (raise, then _failed_lookup()), which missing=_RAISE still takes."""

    def test_missing_attribute_matches_the_raising_path(self):
        objects = ["text", djscratch.SafeString("<safe>"), ["a", "b"], ("t", "u"),
                   [], "", _Proxy("p"), ["x"] * 12]
        bits_list = [("nope",), ("upper",), ("0",), ("1",), ("-1",), ("nope", "x"),
                     ("upper", "nope"), ("count",), ("broken",), ("10",), (" 1",),
                     ("1", "nope"), ("éa",), ("0", "upper")]
        variable_does_not_exist = djscratch.VariableDoesNotExist
        raise_ = sys.modules[djscratch._var.__module__]._RAISE
        for obj in objects:
            for bits in bits_list:
                for invalid, missing in (("", ""), ("INV", "INV"), ("", None),
                                         ("I", "M")):
                    with self.subTest(obj=obj, bits=bits, missing=missing):
                        try:
                            expected = djscratch._var(obj, bits, invalid, raise_)
                        except variable_does_not_exist:
                            expected = missing
                        except Exception as exc:
                            expected = type(exc)
                        try:
                            got = djscratch._var(obj, bits, invalid, missing)
                        except Exception as exc:
                            got = type(exc)
                        self.assertEqual(got, expected)
