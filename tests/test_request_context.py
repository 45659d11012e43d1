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
        return [(type(d), dict(d), getattr(d, "context", context) is context)
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


if __name__ == "__main__":
    unittest.main()
