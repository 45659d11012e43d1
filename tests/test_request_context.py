"""RequestContext and make_context(): the stack of dicts they build directly is
the one Django's update()/push() calls build (the general path)."""

import unittest

import djscratch

from django.template import Context, Engine, RequestContext


def _general_request_context(request, values):
    """What RequestContext(request) then push(values) build, step by step."""
    context = Context()
    context.request = request
    context._processors = ()
    context._processors_index = len(context.dicts)
    context.update({})
    context.update({})
    if values:
        context.push(values)
    return context


class MakeContextTests(unittest.TestCase):
    def _layout(self, context):
        # (the library's own pushed dicts are a ContextDict subclass that
        # holds the context weakly: OwnContextDictTests)
        return [(djscratch.ContextDict if isinstance(d, djscratch.ContextDict)
                 else type(d), dict(d), getattr(d, "context", context) is context)
                for d in context.dicts]

    def test_same_stack_as_update_and_push(self):
        request = object()
        for values in [None, {}, {"a": 1}, {"a": 1, "b": [2]}]:
            with self.subTest(values=values):
                built = djscratch.make_context(values, request)
                self.assertIsInstance(built, RequestContext)
                self.assertEqual(self._layout(built),
                                 self._layout(_general_request_context(request,
                                                                       values)))
                self.assertEqual(built._processors_index, 1)

    def test_the_pushed_dict_is_a_copy(self):
        values = {"a": 1}
        built = djscratch.make_context(values, object())
        built["a"] = 2
        self.assertEqual(values, {"a": 1})

    def test_empty_context_dicts_pop_and_take_values(self):
        context = RequestContext(object())
        with context.push(x=1):
            self.assertEqual(context["x"], 1)
        self.assertNotIn("x", context)
        self.assertIsInstance(context.dicts[-1], djscratch.ContextDict)
        context["y"] = 2
        self.assertEqual(context.dicts[-1], {"y": 2})

    def test_processors_output_goes_below_the_values(self):
        context = djscratch.make_context({"x": "view"}, object())
        context._processors = (lambda request: {"x": "processor", "p": "1"},)
        out = Engine().from_string("{{ x }} {{ p }}").render(context)
        self.assertEqual(out, "view 1")


    def test_a_subclass_update_sees_both_empty_dicts(self):
        class Counting(RequestContext):
            updates = 0

            def update(self, other_dict):
                type(self).updates += 1
                return super().update(other_dict)

        context = Counting(object())
        self.assertEqual(Counting.updates, 2)
        self.assertEqual(self._layout(context), self._layout(RequestContext(object())))



class _PicklableRequest:
    """A request that pickles, unlike a WSGIRequest."""


class OwnContextDictTests(unittest.TestCase):
    """The dicts make_context() and RequestContext push themselves hold their
    context weakly (no reference cycle), and answer as a ContextDict does."""

    def test_a_rendered_context_is_freed_without_the_cycle_collector(self):
        import gc
        import weakref

        engine = Engine()
        template = engine.from_string("{% for x in xs %}{{ x }}{% endfor %}")
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for make in (lambda: djscratch.make_context({"xs": ["1", "2"]}, object()),
                         lambda: RequestContext(object(), {"xs": ["1", "2"]})):
                context = make()
                self.assertEqual(template.render(context), "12")
                ref = weakref.ref(context)
                del context
                self.assertIsNone(ref())  # freed at once, by reference counting
        finally:
            if was_enabled:
                gc.enable()

    def test_its_context_and_with_block_are_a_context_dicts(self):
        for context in (djscratch.make_context({"a": 1}, object()),
                        RequestContext(object())):
            own = [d for d in context.dicts if isinstance(d, djscratch._OwnContextDict)]
            self.assertEqual(len(own), 3 if len(context.dicts) == 4 else 2)
            for d in own:
                self.assertIs(d.context, context)
            top = context.dicts[-1]
            size = len(context.dicts)
            with top as entered:
                self.assertIs(entered, top)
            self.assertEqual(len(context.dicts), size - 1)  # its exit popped it
            other = Context()
            top.context = other
            self.assertIs(top.context, other)

    def test_dicts_handed_out_hold_their_context(self):
        # push() and update() return their dict: it keeps its context alive,
        # as Django's does, even a context nothing else holds.
        with Context().push(a=1) as pushed:
            self.assertIs(type(pushed), djscratch.ContextDict)
            self.assertEqual(pushed.context["a"], 1)
        self.assertIs(type(Context().update({"b": 2})), djscratch.ContextDict)

    def test_pickled_and_deep_copied_as_context_dicts(self):
        import copy
        import pickle

        context = djscratch.make_context({"a": [1]}, _PicklableRequest())
        for copied in (copy.deepcopy(context),
                       pickle.loads(pickle.dumps(context))):
            self.assertIsInstance(copied, RequestContext)
            self.assertEqual([dict(d) for d in copied.dicts],
                             [dict(d) for d in context.dicts])
            self.assertIsNot(copied.dicts[-1]["a"], context.dicts[-1]["a"])
            for d in copied.dicts[1:]:
                self.assertIs(type(d), djscratch.ContextDict)
                self.assertIs(d.context, copied)

    def test_a_copy_shares_the_dicts(self):
        import copy

        context = djscratch.make_context({"a": 1}, object())
        duplicate = copy.copy(context)
        self.assertIs(duplicate.dicts[-1], context.dicts[-1])
        self.assertIs(duplicate.dicts[-1].context, context)
        self.assertEqual(duplicate["a"], 1)

if __name__ == "__main__":
    unittest.main()
