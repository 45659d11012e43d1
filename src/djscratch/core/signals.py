"""The built-in signals: request_started, pre_save, post_save ...
(django/core/signals.py and django/db/models/signals.py in one place).
"""

from djscratch.dispatch.dispatcher import Signal


request_started = Signal()
request_finished = Signal()
got_request_exception = Signal()
setting_changed = Signal()
template_rendered = Signal()
pre_init = Signal()
post_init = Signal()
pre_save = Signal()
post_save = Signal()
pre_delete = Signal()
post_delete = Signal()
m2m_changed = Signal()
class_prepared = Signal()
pre_migrate = Signal()
post_migrate = Signal()
