"""The built-in signals: request_started, pre_save, post_save ...
(django/core/signals.py and django/db/models/signals.py in one place).
"""

import itertools

from djscratch.dispatch.dispatcher import Signal
from djscratch.utils.functional import _app_registry


class ModelSignal(Signal):
    """A model signal: its sender may be named "app_label.ModelName", and
    the receiver is connected (or disconnected) once that model exists in
    `apps` (the project's registry by default)."""

    def _lazy_method(self, method, app_registry, receiver, sender, **kwargs):
        if not isinstance(sender, str):
            return method(receiver, sender, **kwargs)
        try:
            app_label, model_name = sender.split(".")
        except ValueError:
            raise ValueError(
                "Invalid model reference '%s'. String model references must be of "
                "the form 'app_label.ModelName'." % sender) from None
        # (Not named apps: the single file's registry is the global `apps`.)
        registry = app_registry or _app_registry()
        model = registry.all_models.get(app_label, {}).get(model_name.lower())
        if model is not None:
            method(receiver, model, **kwargs)
        else:
            _when_model_prepared(registry, app_label, model_name.lower(),
                                 lambda model: method(receiver, model, **kwargs))
        return None

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None, apps=None):
        self._lazy_method(super().connect, apps, receiver, sender, weak=weak,
                          dispatch_uid=dispatch_uid)

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None, apps=None):
        return self._lazy_method(super().disconnect, apps, receiver, sender,
                                 dispatch_uid=dispatch_uid)


_pending_uids = itertools.count()


def _when_model_prepared(registry, app_label, model_name, operation):
    """Run operation(model) when model app_label.model_name of `registry` is
    defined (operations waiting on one model run in the order given)."""
    uid = "djscratch-pending-model-%d" % next(_pending_uids)

    def run(sender, **kwargs):
        meta = sender._meta
        if (meta.app_label, meta.model_name) != (app_label, model_name):
            return
        if getattr(meta, "apps", registry) is not registry:
            return
        class_prepared.disconnect(dispatch_uid=uid)
        operation(sender)

    class_prepared.connect(run, weak=False, dispatch_uid=uid)


request_started = Signal()
request_finished = Signal()
got_request_exception = Signal()
setting_changed = Signal()
template_rendered = Signal()
pre_init = ModelSignal()
post_init = ModelSignal()
pre_save = ModelSignal()
post_save = ModelSignal()
pre_delete = ModelSignal()
post_delete = ModelSignal()
m2m_changed = ModelSignal()
class_prepared = Signal()
pre_migrate = Signal()
post_migrate = Signal()
