"""Signal's methods a plain page's first response never runs: the
single file keeps them in a section, and Signal defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

from djscratch.asgiref_fallback import _asgiref_sync, iscoroutinefunction
from djscratch.dispatch.dispatcher import _make_id


class _SignalMore:
    """Signal's methods defined on first use (never instantiated)."""

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        """Disconnect a receiver (or its dispatch_uid); return True if it was."""
        lookup_key = (dispatch_uid or _make_id(receiver), _make_id(sender))
        with self.lock:
            self._clear_dead_receivers()
            for index, (key, _r, _w) in enumerate(self.receivers):
                if key == lookup_key:
                    self.receivers = self.receivers[:index] + self.receivers[
                        index + 1:]
                    self._sender_cache.clear()
                    return True
        return False

    def has_listeners(self, sender=None):
        return bool(self._live_receivers(sender))

    def _may_send_to(self, sender):
        """False when send(sender) is known to call no receiver, else True.

        The answer comes from what send() remembered for `sender` (a class,
        or None) with the current list of receivers: a model's save() asks
        it before building pre_save's arguments, so that a receiver
        connected for one model (contrib.sites' clear_site_cache, for Site)
        costs the other models' saves nothing.  A sender not remembered yet
        answers True: send() then finds out, and remembers.  Garbage
        collected receivers only shrink a match, so an empty one stays true.
        """
        receivers = self.receivers
        if not receivers:
            return False
        cached = self._sender_cache.get(id(sender))
        if cached is None or cached[0] is not receivers or cached[1]() is not sender:
            return True
        return bool(cached[2])

    def _split_receivers(self, sender):
        """The live receivers for `sender`: (sync ones, async ones)."""
        live = self._live_receivers(sender)
        if not self._any_async:
            return live, []
        sync, async_ = [], []
        for receiver in live:
            (async_ if iscoroutinefunction(receiver) else sync).append(receiver)
        return sync, async_

    def send_robust(self, sender, **named):
        """Call every receiver, returning exceptions instead of raising them
        (each logged on django.dispatch)."""
        if not self.receivers:
            return []
        sync, async_ = self._split_receivers(sender)
        responses = [(receiver, self._call_robust(receiver, sender, named))
                     for receiver in sync]
        if async_:
            import asyncio

            async def asend():
                return await asyncio.gather(*(
                    self._acall_robust(receiver, sender, named)
                    for receiver in async_))
            responses.extend(zip(async_, _asgiref_sync().async_to_sync(asend)()))
        return responses

    async def asend(self, sender, **named):
        """send() from async code: the sync receivers run together in one
        sync_to_async() call, concurrently with the async ones."""
        if not self.receivers:
            return []
        sync, async_ = self._split_receivers(sender)

        def sync_send():
            return [(receiver, receiver(signal=self, sender=sender, **named))
                    for receiver in sync]

        return await self._agather(sync, sync_send, (
            receiver(signal=self, sender=sender, **named) for receiver in async_),
            async_)

    async def asend_robust(self, sender, **named):
        """send_robust() from async code (as asend())."""
        if not self.receivers:
            return []
        sync, async_ = self._split_receivers(sender)

        def sync_send():
            return [(receiver, self._call_robust(receiver, sender, named))
                    for receiver in sync]

        return await self._agather(sync, sync_send, (
            self._acall_robust(receiver, sender, named) for receiver in async_),
            async_)

    @staticmethod
    async def _agather(sync, sync_send, coroutines, async_):
        import asyncio

        if sync:
            sync_call = _asgiref_sync().sync_to_async(sync_send)()
        else:
            sync_call = asyncio.sleep(0, [])
        responses, async_responses = await asyncio.gather(
            sync_call, asyncio.gather(*coroutines))
        responses.extend(zip(async_, async_responses))
        return responses

    def _call_robust(self, receiver, sender, named):
        try:
            return receiver(signal=self, sender=sender, **named)
        except Exception as err:
            self._log_robust_failure(receiver, err)
            return err

    async def _acall_robust(self, receiver, sender, named):
        try:
            return await receiver(signal=self, sender=sender, **named)
        except Exception as err:
            self._log_robust_failure(receiver, err)
            return err

    @staticmethod
    def _log_robust_failure(receiver, err):
        import logging

        logging.getLogger("django.dispatch").error(
            "Error calling %s in Signal.send_robust() (%s)",
            getattr(receiver, "__qualname__", repr(receiver)), err, exc_info=err)
