"""The session models (django/contrib/sessions/base_session.py and
models.py): kept apart from the stores, which the single file builds on first
use, because a model registers itself with the app registry at import.
"""

import djscratch
from djscratch.db.models.fields import CharField, DateTimeField, TextField
from djscratch.db.models.base import Model
from djscratch.db.models.manager import Manager

__all__ = ["AbstractBaseSession", "BaseSessionManager", "Session", "SessionManager"]


class BaseSessionManager(Manager):
    """The manager of session models: encode() and save() through the store."""

    def encode(self, session_dict):
        """Return `session_dict` encoded as the model's store encodes it."""
        return self.model.get_session_store_class()().encode(session_dict)

    def save(self, session_key, session_dict, expire_date):
        """Store a session row (delete it when the data is empty); return it."""
        s = self.model(session_key, self.encode(session_dict), expire_date)
        if session_dict:
            s.save()
        else:
            s.delete()
        return s


class AbstractBaseSession(Model):
    """The fields of a stored session; subclass it for a custom session model.

    A subclass names its store in get_session_store_class(), and the store
    names the model in get_model_class().
    """

    session_key = CharField("session key", max_length=40, primary_key=True)
    session_data = TextField("session data")
    expire_date = DateTimeField("expire date", db_index=True)

    objects = BaseSessionManager()

    class Meta:
        abstract = True
        verbose_name = "session"
        verbose_name_plural = "sessions"

    def __str__(self):
        return self.session_key

    @classmethod
    def get_session_store_class(cls):
        raise NotImplementedError

    def get_decoded(self):
        """Return the session's data as a dict ({} if it does not verify)."""
        return self.get_session_store_class()().decode(self.session_data)


class SessionManager(BaseSessionManager):
    use_in_migrations = True


class Session(AbstractBaseSession):
    """A stored session (table django_session): key, signed data, expiry."""

    objects = SessionManager()

    class Meta:
        app_label = "sessions"
        db_table = "django_session"
        verbose_name = "session"
        verbose_name_plural = "sessions"

    @classmethod
    def get_session_store_class(cls):
        return djscratch.contrib.sessions.backends.DatabaseSessionStore
