"""LogEntry, the admin's record of every addition, change and deletion
(django/contrib/admin/models.py).  The single file defines this module on
first use (a deferred section): LogEntry.user points at
settings.AUTH_USER_MODEL, which only the configured settings know.
"""

import json
import warnings

from djscratch.conf import settings
from djscratch.core.exceptions import NoReverseMatch
from djscratch.utils.timezone import now
from djscratch.utils.translation import gettext, gettext_lazy
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.template.base import get_text_list
from djscratch.urls.base import reverse
from djscratch.db.models.fields import AutoField, CharField, DateTimeField, TextField
from djscratch.db.models.fields_extra import PositiveSmallIntegerField
from djscratch.db.models.base import Model
from djscratch.db.models.manager import Manager
from djscratch.db.models.deletion import CASCADE, SET_NULL
from djscratch.db.models.related import ForeignKey
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.admin.utils import quote

__all__ = [
    "ADDITION", "CHANGE", "DELETION", "ACTION_FLAG_CHOICES", "LogEntryManager",
    "LogEntry",
]

ADDITION = 1
CHANGE = 2
DELETION = 3

ACTION_FLAG_CHOICES = [
    (ADDITION, gettext_lazy("Addition")),
    (CHANGE, gettext_lazy("Change")),
    (DELETION, gettext_lazy("Deletion")),
]


def _user_model_label():
    """The model LogEntry.user points at: settings.AUTH_USER_MODEL, or Django's
    default while settings are unconfigured (the package imports this module
    with `import djscratch`; the single file defines it on first use)."""
    return settings.AUTH_USER_MODEL if settings.configured else "auth.User"


class LogEntryManager(Manager):
    """LogEntry.objects: writes the entries the admin's views log."""

    use_in_migrations = True

    def log_action(self, user_id, content_type_id, object_id, object_repr,
                   action_flag, change_message=""):
        """Log one action (deprecated in Django 5.1: use log_actions())."""
        warnings.warn(
            "LogEntryManager.log_action() is deprecated. "
            "Use log_actions() instead.", RemovedInDjango60Warning, stacklevel=2)
        if isinstance(change_message, list):
            change_message = json.dumps(change_message)
        return self.model.objects.create(
            user_id=user_id, content_type_id=content_type_id,
            object_id=str(object_id), object_repr=object_repr[:200],
            action_flag=action_flag, change_message=change_message)

    def log_actions(self, user_id, queryset, action_flag, change_message="", *,
                    single_object=False):
        """Log the same action on every object of `queryset` (any iterable of
        instances); return the entries, or the one entry if single_object."""
        if type(self).log_action != LogEntryManager.log_action:
            # A subclass that customised log_action() still gets its calls.
            warnings.warn(
                "The usage of log_action() is deprecated. Implement log_actions() "
                "instead.", RemovedInDjango60Warning, stacklevel=2)
            return [self.log_action(
                user_id=user_id,
                content_type_id=_content_type_id(obj), object_id=obj.pk,
                object_repr=str(obj), action_flag=action_flag,
                change_message=change_message) for obj in queryset]
        if isinstance(change_message, list):
            change_message = json.dumps(change_message)
        entries = [self.model(
            user_id=user_id, content_type_id=_content_type_id(obj),
            object_id=obj.pk, object_repr=str(obj)[:200], action_flag=action_flag,
            change_message=change_message) for obj in queryset]
        if len(entries) == 1:
            entry = entries[0]
            entry.save()
            return entry if single_object else [entry]
        return self.model.objects.bulk_create(entries)


def _content_type_id(obj):
    """The id of obj's own ContentType (a proxy model's, not its concrete)."""
    return ContentType.objects.get_for_model(obj, for_concrete_model=False).id


class LogEntry(Model):
    """One action taken in the admin: who, when, on which object, what."""

    # AdminConfig.default_auto_field, written out: the class may be defined
    # before settings are configured.
    id = AutoField(primary_key=True, verbose_name="ID")
    action_time = DateTimeField(gettext_lazy("action time"), default=now,
                                editable=False)
    user = ForeignKey(_user_model_label(), CASCADE,
                      verbose_name=gettext_lazy("user"))
    content_type = ForeignKey(ContentType, SET_NULL,
                              verbose_name=gettext_lazy("content type"),
                              blank=True, null=True)
    object_id = TextField(gettext_lazy("object id"), blank=True, null=True)
    object_repr = CharField(gettext_lazy("object repr"), max_length=200)
    action_flag = PositiveSmallIntegerField(gettext_lazy("action flag"),
                                            choices=ACTION_FLAG_CHOICES)
    #: Either plain text or the JSON list construct_change_message() builds.
    change_message = TextField(gettext_lazy("change message"), blank=True)

    objects = LogEntryManager()

    class Meta:
        app_label = "admin"
        verbose_name = gettext_lazy("log entry")
        verbose_name_plural = gettext_lazy("log entries")
        db_table = "django_admin_log"
        ordering = ["-action_time"]

    def __repr__(self):
        return str(self.action_time)

    def __str__(self):
        if self.is_addition():
            return gettext("Added “%(object)s”.") % {"object": self.object_repr}
        if self.is_change():
            return gettext("Changed “%(object)s” — %(changes)s") % {
                "object": self.object_repr, "changes": self.get_change_message()}
        if self.is_deletion():
            return gettext("Deleted “%(object)s.”") % {"object": self.object_repr}
        return gettext("LogEntry Object")

    def is_addition(self):
        return self.action_flag == ADDITION

    def is_change(self):
        return self.action_flag == CHANGE

    def is_deletion(self):
        return self.action_flag == DELETION

    def get_change_message(self):
        """Return the change message as a sentence: the JSON form is read and
        rewritten ("Changed title and body."), plain text is returned as is."""
        if not (self.change_message and self.change_message[0] == "["):
            return self.change_message
        try:
            change_message = json.loads(self.change_message)
        except json.JSONDecodeError:
            return self.change_message
        messages = [_sub_message_text(sub) for sub in change_message]
        messages = [msg for msg in messages if msg]
        text = " ".join(msg[0].upper() + msg[1:] for msg in messages)
        return text or gettext("No fields changed.")

    def get_edited_object(self):
        """Return the object this entry is about."""
        return self.content_type.get_object_for_this_type(pk=self.object_id)

    def get_admin_url(self):
        """Return the URL of the object's admin change page, or None."""
        if self.content_type and self.object_id:
            url_name = "admin:%s_%s_change" % (self.content_type.app_label,
                                                self.content_type.model)
            try:
                return reverse(url_name, args=(quote(self.object_id),))
            except NoReverseMatch:
                pass
        return None


def _sub_message_text(sub_message):
    """One sentence of a JSON change message ({"added": ...}, {"changed": ...}
    or {"deleted": ...}); an unknown kind gives ""."""
    if "added" in sub_message:
        added = sub_message["added"]
        if not added:
            return gettext("Added.")
        added["name"] = gettext(added["name"])
        return gettext("Added {name} “{object}”.").format(**added)
    if "changed" in sub_message:
        changed = sub_message["changed"]
        changed["fields"] = get_text_list(
            [gettext(name) for name in changed["fields"]], gettext("and"))
        if "name" in changed:
            changed["name"] = gettext(changed["name"])
            return gettext("Changed {fields} for {name} “{object}”.").format(
                **changed)
        return gettext("Changed {fields}.").format(**changed)
    if "deleted" in sub_message:
        deleted = sub_message["deleted"]
        deleted["name"] = gettext(deleted["name"])
        return gettext("Deleted {name} “{object}”.").format(**deleted)
    return ""
