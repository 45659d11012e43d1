"""Signal and receiver(): Django's observer pattern
(django/dispatch/dispatcher.py).
"""

import threading

__all__ = [
    "Signal", "receiver",
]


# -- Signals: Django's observer pattern, used for request_started,
#    setting_changed, template_rendered, pre_save/post_save, ...


class Signal:
    """A list of receivers called by send(); weak references are not kept,
    receivers live as long as they are connected."""

    def __init__(self, use_caching=False):
        self.receivers = []  # (lookup_key, receiver, sender)
        self.lock = threading.Lock()
        # The live receivers per sender id, as Django's sender_receivers_cache:
        # send() builds the list once, connect() and disconnect() empty it.
        self.sender_receivers_cache = {}

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None):
        key = (dispatch_uid or id(receiver), id(sender) if sender is not None else None)
        with self.lock:
            if not any(k == key for k, _r, _s in self.receivers):
                self.receivers = self.receivers + [(key, receiver, sender)]
            self.sender_receivers_cache.clear()

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        key = (dispatch_uid or id(receiver), id(sender) if sender is not None else None)
        with self.lock:
            before = len(self.receivers)
            self.receivers = [r for r in self.receivers if r[0] != key]
            self.sender_receivers_cache.clear()
            return len(self.receivers) != before

    def has_listeners(self, sender=None):
        return bool(self._live_receivers(sender))

    def _live_receivers(self, sender):
        # Keyed by id(sender), and holding the sender alongside so that a
        # reused id of a dead sender never returns another sender's list.
        cached = self.sender_receivers_cache.get(id(sender))
        if cached is not None and cached[0] is sender:
            return cached[1]
        receivers = self.receivers
        live = [r for _k, r, s in receivers if s is None or s is sender]
        with self.lock:
            if self.receivers is receivers:  # not changed meanwhile
                if len(self.sender_receivers_cache) >= 256:
                    self.sender_receivers_cache.clear()
                self.sender_receivers_cache[id(sender)] = (sender, live)
        return live

    def send(self, sender, **named):
        """Call every receiver; an exception in one propagates."""
        if not self.receivers:
            return []
        return [
            (receiver, receiver(signal=self, sender=sender, **named))
            for receiver in self._live_receivers(sender)
        ]

    def send_robust(self, sender, **named):
        """Call every receiver, returning exceptions instead of raising them."""
        responses = []
        for receiver in self._live_receivers(sender):
            try:
                response = receiver(signal=self, sender=sender, **named)
            except Exception as err:
                response = err
            responses.append((receiver, response))
        return responses


def receiver(signal, **kwargs):
    """Decorator connecting a function to one signal or a list of signals."""

    def _decorator(func):
        for s in signal if isinstance(signal, (list, tuple)) else [signal]:
            s.connect(func, **kwargs)
        return func

    return _decorator
