"""MessagesTestMixin (django/contrib/messages/test.py).
"""

from djscratch.contrib.messages.api import get_messages

__all__ = [
    "MessagesTestMixin",
]


# -- The test cases.

class MessagesTestMixin:
    """Add assertMessages() to a test case (django.contrib.messages.test)."""

    def assertMessages(self, response, expected_messages, *, ordered=True):
        """Assert the messages stored while handling the response.

        Compare Message objects (level and text); with ordered=False the order
        does not matter.
        """
        request = getattr(response, "wsgi_request", None)
        if request is None:
            raise ValueError("assertMessages() is only usable on responses fetched "
                             "using the Django test Client.")
        found = list(get_messages(request))
        if ordered:
            self.assertEqual(found, list(expected_messages))
        else:
            self.assertCountEqual(found, list(expected_messages))
