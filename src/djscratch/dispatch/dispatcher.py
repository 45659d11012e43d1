"""Signal and receiver(): Django's observer pattern
(django/dispatch/dispatcher.py).
"""

import threading

# Modules that load later (they import this one), used at call time as
# djscratch.<module>.<name>: conf.
import djscratch

from djscratch.sections import _methods_on_first_use
from djscratch.utils.module_loading import _compile_generated
from djscratch.asgiref_fallback import _asgiref_sync, iscoroutinefunction

__all__ = [
    "Signal", "receiver", "NONE_ID",
]


# -- Signals: Django's observer pattern, used for request_started,
#    setting_changed, template_rendered, pre_save/post_save, ...

def _make_id(target):
    """Return the identity of a receiver or sender: a bound method is its
    (instance, function) pair, as each access makes a new method object."""
    if hasattr(target, "__func__"):
        return (id(target.__self__), id(target.__func__))
    return id(target)


#: The sender key of receivers connected for every sender.
NONE_ID = _make_id(None)


def _receiver_accepts_kwargs(func):
    import inspect

    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return True  # a builtin: nothing to check
    return any(p.kind == p.VAR_KEYWORD for p in parameters)


# The methods a plain page never runs are in dispatcher_extra.py, defined on first
# use.
@_methods_on_first_use("_SignalMore", (
    "_acall_robust", "_agather", "_call_robust", "_log_robust_failure",
    "_may_send_to", "_split_receivers", "asend", "asend_robust", "disconnect",
    "has_listeners", "send_robust",
))
class Signal:
    """Receivers connected to a signal, called by send().

    As in Django, receivers are held by weak references unless connected
    with weak=False: a receiver that is garbage collected is disconnected.
    With DEBUG on, connect() refuses a receiver that is not callable or
    does not take **kwargs.
    """

    def __init__(self, use_caching=False):
        self.receivers = []  # (lookup_key, receiver or weak reference, is_weak)
        self.lock = threading.Lock()
        self.use_caching = use_caching
        self._dead_receivers = False
        # id(sender) -> (the receivers list it was built from, a weak
        # reference to the sender, its matching (receiver, is_weak) pairs,
        # their _remembered_steps(), _remembered_sender() and the same
        # without answers, for _notify()): see _cached_receivers().
        self._sender_cache = {}
        self._any_async = False  # an async receiver was ever connected

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None):
        """Connect `receiver` for signals from `sender` (None: every sender)."""
        import weakref

        conf = djscratch.conf.settings
        if conf.configured and conf.DEBUG:
            if not callable(receiver):
                raise TypeError("Signal receivers must be callable.")
            if not _receiver_accepts_kwargs(receiver):
                raise ValueError(
                    "Signal receivers must accept keyword arguments (**kwargs).")
        lookup_key = (dispatch_uid or _make_id(receiver), _make_id(sender))
        if iscoroutinefunction(receiver):
            self._any_async = True
            self._quiet = Signal._quiet
        if weak:
            owner = receiver
            if hasattr(receiver, "__self__") and hasattr(receiver, "__func__"):
                owner = receiver.__self__
                receiver = weakref.WeakMethod(receiver)
            else:
                receiver = weakref.ref(receiver)
            weakref.finalize(owner, self._flag_dead_receivers)
        with self.lock:
            self._clear_dead_receivers()
            if not any(key == lookup_key for key, _r, _w in self.receivers):
                self.receivers = self.receivers + [(lookup_key, receiver, weak)]
            self._sender_cache.clear()

    def _flag_dead_receivers(self):
        self._dead_receivers = True
        self._quiet = Signal._quiet

    def _clear_dead_receivers(self):
        if self._dead_receivers:
            self._dead_receivers = False
            self.receivers = [r for r in self.receivers
                              if not (r[2] and r[1]() is None)]
            self._sender_cache.clear()

    def _live_receivers(self, sender):
        """Return the receivers for `sender`, the garbage collected left out."""
        receivers = self.receivers
        if not receivers:
            return []
        if self._dead_receivers:
            with self.lock:
                self._clear_dead_receivers()
                receivers = self.receivers
        matching = self._cached_receivers(sender, receivers)
        live = []
        for receiver, weak in matching:
            if weak:
                receiver = receiver()
                if receiver is None:
                    continue
            live.append(receiver)
        return live

    def _cached_receivers(self, sender, receivers):
        """The (receiver or weak reference, is_weak) pairs of `receivers`
        connected for `sender`, found once per sender and list of receivers.

        Signals are sent far more often than receivers connect: a request
        sends request_started and request_finished, each with the same
        sender.  Only None and classes are remembered, by a weak reference
        (no sender is kept alive, and a reused id of a dead class never
        returns another's receivers); the list is checked to be the one the
        entry was built from, as connect() and disconnect() replace it.
        """
        cached = self._sender_cache.get(id(sender))
        if (cached is not None and cached[0] is receivers
                and cached[1]() is sender):
            return cached[2]
        matching = _matching_receivers(receivers, sender)
        if sender is None:
            ref = _none_ref
        elif isinstance(sender, type):
            import weakref

            ref = weakref.ref(sender)
        else:
            return matching
        if len(self._sender_cache) >= 256:
            self._sender_cache.clear()
        steps = _remembered_steps(matching)
        self._sender_cache[id(sender)] = (
            receivers, ref, matching, steps, _remembered_sender(steps),
            _remembered_sender(steps, answers=False))
        return matching

    def send(self, sender, **named):
        """Call every receiver; an exception in one propagates.  Async
        receivers run after the sync ones, together (asyncio.gather()) in one
        async_to_sync() call."""
        receivers = self.receivers
        cached = self._sender_cache.get(id(sender))
        if (cached is not None and cached[0] is receivers and not self._any_async
                and not self._dead_receivers and cached[1]() is sender):
            # every receiver is sync, listed for this sender: the per-request
            # case (an entry is never built for an empty list)
            return cached[4](self, sender, named)  # _send_remembered(), unrolled
        if not receivers:
            return []
        if not self._any_async:
            live = self._live_receivers(sender)
            return [(receiver, receiver(signal=self, sender=sender, **named))
                    for receiver in live]
        sync, async_ = self._split_receivers(sender)
        responses = [(receiver, receiver(signal=self, sender=sender, **named))
                     for receiver in sync]
        if async_:
            import asyncio

            async def asend():
                return await asyncio.gather(*(
                    receiver(signal=self, sender=sender, **named)
                    for receiver in async_))
            responses.extend(zip(async_, _asgiref_sync().async_to_sync(asend)()))
        return responses

    #: (receivers list, sender's weak reference, quiet sender) of the entry
    #: _notify() used last, while no receiver is async nor collected: see
    #: _notify().
    _quiet = (None, None, None)

    def _notify(self, sender, named):
        """send(sender, **named) for a caller that discards its answers (the
        handler's request_started, a response's request_finished): the same
        receivers called in the same order with the same arguments, through
        the remembered entry's sender that builds no list of answers.  A
        send() patched on the signal (a test's mock) is called instead.

        The entry used last is at hand in `_quiet` (each of these signals
        has one sender, the handler's class): it is forgotten when an async
        receiver connects or a receiver is collected, and stands for the
        receivers list it was made from only."""
        quiet = self._quiet
        if (quiet[0] is self.receivers and quiet[1]() is sender
                and "send" not in self.__dict__):
            quiet[2](self, sender, named)
            return
        cached = self._sender_cache.get(id(sender))
        if (cached is not None and cached[0] is self.receivers
                and not self._any_async and not self._dead_receivers
                and cached[1]() is sender and "send" not in self.__dict__):
            self._quiet = (cached[0], cached[1], cached[5])
            cached[5](self, sender, named)
        else:
            self.send(sender, **named)


def _matching_receivers(receivers, sender):
    """The (receiver or weak reference, is_weak) pairs of `receivers`
    connected for every sender or for `sender` (the general lookup that
    Signal._cached_receivers() remembers)."""
    sender_key = _make_id(sender)
    return tuple((receiver, weak) for (_uid, key), receiver, weak in receivers
                 if key == NONE_ID or key == sender_key)


def _remembered_steps(matching):
    """What _send_remembered() walks, of (receiver or weak reference,
    is_weak) pairs: runs of consecutive receivers sharing one `pending`,
    ((pending, ((receiver or weak reference, is_weak), ...)), ...).
    `pending` is a receiver's `_djscratch_pending`: a callable without
    arguments whose result is falsy while calling the receiver would do
    nothing (None: always called, and alone in its run)."""
    runs = []
    for receiver, weak in matching:
        pending = getattr(receiver() if weak else receiver,
                          "_djscratch_pending", None)
        if runs and pending is not None and runs[-1][0] is pending:
            runs[-1][1].append((receiver, weak))
        else:
            runs.append((pending, [(receiver, weak)]))
    return tuple((pending, tuple(group)) for pending, group in runs)


def _send_remembered(signal, runs, sender, named):
    """Signal.send() over _remembered_steps(), every receiver sync.

    A receiver whose `_djscratch_pending()` is falsy has nothing to do now
    (close_old_connections in a thread without a connection): it is not
    called and answers None, as it would have.  A run of receivers sharing
    a pending() asks it once while none of them is called.  Same answers,
    same order.  (Signal.send() runs the same as _remembered_sender().)
    """
    responses = []
    for pending, group in runs:
        if pending is not None and not pending():  # the whole run is idle
            for receiver, weak in group:
                if weak:
                    receiver = receiver()
                    if receiver is None:
                        continue
                responses.append((receiver, None))
            continue
        _send_run(signal, pending, group, sender, named, responses)
    return responses


def _send_run(signal, pending, group, sender, named, responses):
    """Call the receivers of a run of _remembered_steps() whose pending()
    (if any) just answered true, appending their answers to `responses`:
    after a receiver is called, pending() is asked again for the next."""
    ask = False
    answer = True
    for receiver, weak in group:
        if weak:
            receiver = receiver()
            if receiver is None:
                continue
        if ask:  # a receiver called may change what pending() answers
            ask = False
            answer = pending()
        if answer:
            responses.append((receiver, receiver(
                signal=signal, sender=sender, **named) if named else receiver(
                signal=signal, sender=sender)))
            ask = pending is not None
        else:
            responses.append((receiver, None))


def _remembered_sender(runs, answers=True):
    """A function (signal, sender, named) -> responses that does what
    _send_remembered(signal, runs, sender, named) does, as straight code
    generated once per remembered entry: the per-request signals
    (request_started, request_finished) walk no loop, and an idle run costs
    its pending() call and its answers.  With answers=False it calls the
    same receivers and returns None (Signal._notify()): an idle run costs
    its pending() call alone."""
    # __name__: the generated frame counts as djscratch's own (warnings that
    # look for the first caller outside djscratch skip it).
    names = {"__name__": __name__}
    lines = ["def send(signal, sender, named):"]
    if answers:
        lines += ["    responses = []", "    append = responses.append"]

    def answer(indent, ref, weak, called):
        # (the receiver, what it returns when called, else None; a call
        # with **named costs a dict merge even when `named` is empty)
        value = ("(%s(signal=signal, sender=sender, **named) if named "
                 "else %s(signal=signal, sender=sender))" if called else "None")
        if not answers:
            if called:
                lines.extend(indent + line for line in (
                    ("r = %s()" % ref, "if r is not None:",
                     "    " + value.replace("%s", "r")) if weak
                    else (value.replace("%s", ref),)))
            return
        if weak:
            lines.extend(indent + line for line in (
                "r = %s()" % ref, "if r is not None:",
                "    append((r, %s))" % value.replace("%s", "r")))
        else:
            lines.append(indent + "append((%s, %s))" % (
                ref, value.replace("%s", ref)))

    for k, (pending, group) in enumerate(runs):
        names["g%d" % k] = group
        refs = []
        for m, (receiver, weak) in enumerate(group):
            names["w%d_%d" % (k, m)] = receiver
            refs.append(("w%d_%d" % (k, m), weak))
        if pending is None:
            for ref, weak in refs:
                answer("    ", ref, weak, True)
            continue
        names["p%d" % k] = pending
        lines.append("    if p%d():" % k)
        if len(refs) > 1:
            # (_send_run(), unrolled: after a receiver is called, pending()
            # is asked again before the next live one; once it answers
            # false the run's later receivers answer None)
            lines.append("        on, ask = True, False")
        for m, (ref, weak) in enumerate(refs):
            _run_member(lines, k, m, ref, weak, answers, len(refs) > 1)
        if answers:
            lines.append("    else:")
            for ref, weak in refs:
                answer("        ", ref, weak, False)
    lines.append("    return responses" if answers else "    return None")
    # (named in tracebacks; see _djscratch_source for the text)
    exec(_compile_generated("\n".join(lines), "<djscratch signal sender>"), names)
    send = names["send"]
    send._djscratch_source = "\n".join(lines)
    return send


def _run_member(lines, k, m, ref, weak, answers, several):
    """Append to _remembered_sender()'s `lines` the call of receiver `m`
    (bound to `ref`) of run `k` whose pending() p<k> answered true, as
    _send_run() makes it: in a run of `several`, `on` says whether the
    run still calls (pending() asked again, as `ask` says, when a live
    receiver follows a call) and `ask` whether a receiver was called."""
    call = ("(r(signal=signal, sender=sender, **named) if named "
            "else r(signal=signal, sender=sender))")
    indent = "        "
    lines.append(indent + ("r = %s()" % ref if weak else "r = %s" % ref))
    if weak:
        lines.append(indent + "if r is not None:")
        indent += "    "
    if not (several and m):  # (the first live receiver is always called)
        lines.append(indent + ("append((r, %s))" % call if answers else call))
        if several:
            lines.append(indent + "ask = True")
        return
    lines.extend((indent + "if ask:",
                  indent + "    on = p%d()" % k,
                  indent + "    ask = False",
                  indent + "if on:",
                  indent + "    " + ("append((r, %s))" % call if answers else call),
                  indent + "    ask = True"))
    if answers:
        lines.extend((indent + "else:", indent + "    append((r, None))"))


def _none_ref():
    """The "weak reference" of the sender None, which is never collected."""
    return None


def receiver(signal, **kwargs):
    """Decorator connecting a function to one signal or a list of signals."""

    def _decorator(func):
        for s in signal if isinstance(signal, (list, tuple)) else [signal]:
            s.connect(func, **kwargs)
        return func

    return _decorator
