"""Session stores: signed cookies and the database
(django/contrib/sessions/backends/).
"""

from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import BadRequest, SuspiciousOperation
from djscratch.conf import _settings_derived, settings
from djscratch.utils.timezone import now
from djscratch.utils.log import _get_logger
from djscratch.core.signing import BadSignature, dumps, loads
from djscratch.db.utils import DatabaseError, IntegrityError
from djscratch.db.transaction import transaction
from djscratch.db.models.fields import CharField, DateTimeField, TextField
from djscratch.db.models.base import Model

__all__ = [
    "SessionBase", "SignedCookieSessionStore", "DatabaseSessionStore", "Session",
    "SessionInterrupted",
]


# -- Sessions ------------------------------------------------------------------

class SessionInterrupted(BadRequest):
    """The session was deleted by another request while this one used it."""


class UpdateError(Exception):
    """A session save found its row gone."""


class CreateError(Exception):
    """A new session key collided with an existing one."""


_SESSION_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


@_settings_derived
def _session_serializer():
    """SESSION_SERIALIZER's class, imported once per change of settings."""
    return import_string(settings.SESSION_SERIALIZER)


class SessionBase:
    """The dict-like `request.session`; subclasses decide where data lives.

    Data loads on first access.  `accessed` records any read, `modified` any
    write (mutating a stored list in place is not seen: set `modified`
    yourself).  Backends implement exists, create, save, delete and load.
    """

    TEST_COOKIE_NAME = "testcookie"
    TEST_COOKIE_VALUE = "worked"
    __not_given = object()

    def __init__(self, session_key=None):
        self._session_key = session_key
        self.accessed = False
        self.modified = False
        self.serializer = _session_serializer()

    # The mapping API -----------------------------------------------------
    def __contains__(self, key):
        return key in self._session

    def __getitem__(self, key):
        return self._session[key]

    def __setitem__(self, key, value):
        self._session[key] = value
        self.modified = True

    def __delitem__(self, key):
        del self._session[key]
        self.modified = True

    @property
    def key_salt(self):
        return "django.contrib.sessions.SessionStore"

    def get(self, key, default=None):
        return self._session.get(key, default)

    def pop(self, key, default=__not_given):
        self.modified = self.modified or key in self._session
        args = () if default is self.__not_given else (default,)
        return self._session.pop(key, *args)

    def setdefault(self, key, value):
        if key in self._session:
            return self._session[key]
        self[key] = value
        return value

    def set_test_cookie(self):
        self[self.TEST_COOKIE_NAME] = self.TEST_COOKIE_VALUE

    def test_cookie_worked(self):
        return self.get(self.TEST_COOKIE_NAME) == self.TEST_COOKIE_VALUE

    def delete_test_cookie(self):
        del self[self.TEST_COOKIE_NAME]

    def update(self, dict_):
        self._session.update(dict_)
        self.modified = True

    def has_key(self, key):
        return key in self._session

    def keys(self):
        return self._session.keys()

    def values(self):
        return self._session.values()

    def items(self):
        return self._session.items()

    def clear(self):
        """Empty the session (the key is kept; see flush)."""
        self._session_cache = {}
        self.accessed = True
        self.modified = True

    def is_empty(self):
        """Return True when there is neither a session key nor any data."""
        # getattr() with a default: most requests have no session, and a
        # raised and caught AttributeError is the dearer way to say so.
        return not self._session_key and not getattr(self, "_session_cache", None)

    # Encoding --------------------------------------------------------------
    def encode(self, session_dict):
        """Return the signed, compressed JSON text stored for `session_dict`."""
        return dumps(session_dict, salt=self.key_salt, serializer=self.serializer,
                     compress=True)

    def decode(self, session_data):
        """Return the dict in `session_data`, or {} when it is tampered or broken."""
        try:
            return loads(session_data, salt=self.key_salt, serializer=self.serializer)
        except Exception as exc:
            if isinstance(exc, BadSignature):
                _get_logger("django.security.SuspiciousSession").warning(
                    "Session data corrupted")
            return {}

    # Keys ------------------------------------------------------------------
    def _get_new_session_key(self):
        import secrets

        while True:
            key = "".join(secrets.choice(_SESSION_KEY_CHARS) for _ in range(32))
            if not self.exists(key):
                return key

    def _get_or_create_session_key(self):
        if self._session_key is None:
            self._session_key = self._get_new_session_key()
        return self._session_key

    def _validate_session_key(self, key):
        return bool(key) and len(key) >= 8

    def _get_session_key(self):
        return self.__session_key

    def _set_session_key(self, value):
        self.__session_key = value if self._validate_session_key(value) else None

    session_key = property(_get_session_key)
    _session_key = property(_get_session_key, _set_session_key)

    def _get_session(self, no_load=False):
        self.accessed = True
        try:
            return self._session_cache
        except AttributeError:
            if self.session_key is None or no_load:
                self._session_cache = {}
            else:
                self._session_cache = self.load()
        return self._session_cache

    _session = property(_get_session)

    # Expiry ----------------------------------------------------------------
    def get_session_cookie_age(self):
        return settings.SESSION_COOKIE_AGE

    def get_expiry_age(self, **kwargs):
        """Return the seconds until the session expires (from `modification`)."""
        import datetime

        modification = kwargs.get("modification") or now()
        expiry = kwargs["expiry"] if "expiry" in kwargs else self.get("_session_expiry")
        if not expiry:
            return self.get_session_cookie_age()
        if not isinstance(expiry, (datetime.datetime, str)):
            return expiry
        if isinstance(expiry, str):
            expiry = datetime.datetime.fromisoformat(expiry)
        delta = expiry - modification
        return delta.days * 86400 + delta.seconds

    def get_expiry_date(self, **kwargs):
        """Return the datetime at which the session expires."""
        import datetime

        modification = kwargs.get("modification") or now()
        expiry = kwargs["expiry"] if "expiry" in kwargs else self.get("_session_expiry")
        if isinstance(expiry, datetime.datetime):
            return expiry
        if isinstance(expiry, str):
            return datetime.datetime.fromisoformat(expiry)
        expiry = expiry or self.get_session_cookie_age()
        return modification + datetime.timedelta(seconds=expiry)

    def set_expiry(self, value):
        """Set the expiry: seconds, a datetime or timedelta, 0 (browser close) or None.

        None goes back to the global policy (SESSION_COOKIE_AGE and
        SESSION_EXPIRE_AT_BROWSER_CLOSE).
        """
        import datetime

        if value is None:
            self.pop("_session_expiry", None)
            return
        if isinstance(value, datetime.timedelta):
            value = now() + value
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        self["_session_expiry"] = value

    def get_expire_at_browser_close(self):
        """Return whether the session cookie ends with the browser session."""
        expiry = self.get("_session_expiry")
        if expiry is None:
            return settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        return expiry == 0

    # Lifecycle -------------------------------------------------------------
    def flush(self):
        """Delete the data and the key, e.g. on logout."""
        self.clear()
        self.delete()
        self._session_key = None

    def cycle_key(self):
        """Keep the data under a new key (prevents session fixation)."""
        data = self._session
        key = self.session_key
        self.create()
        self._session_cache = data
        if key:
            self.delete(key)

    def exists(self, session_key):
        raise NotImplementedError(
            "subclasses of SessionBase must provide an exists() method")

    def create(self):
        raise NotImplementedError(
            "subclasses of SessionBase must provide a create() method")

    def save(self, must_create=False):
        raise NotImplementedError(
            "subclasses of SessionBase must provide a save() method")

    def delete(self, session_key=None):
        raise NotImplementedError(
            "subclasses of SessionBase must provide a delete() method")

    def load(self):
        raise NotImplementedError(
            "subclasses of SessionBase must provide a load() method")

    @classmethod
    def clear_expired(cls):
        """Remove expired sessions from storage (a no-op where storage expires)."""
        raise NotImplementedError("This backend does not support clear_expired().")


class SignedCookieSessionStore(SessionBase):
    """Keep the whole session in its cookie, signed (not encrypted) JSON.

    The cookie value *is* the session key.  A tampered, malformed or expired
    cookie gives an empty session.  Anyone holding the cookie can read the
    data, so store no secrets; the signature only stops changes.
    """

    _salt = "django.contrib.sessions.backends.signed_cookies"

    def load(self):
        try:
            return loads(self.session_key, serializer=self.serializer,
                         max_age=self.get_session_cookie_age(), salt=self._salt)
        except Exception:
            # Bad signature, expired, not JSON...: start over with no data.
            self.create()
        return {}

    def create(self):
        self.modified = True

    def save(self, must_create=False):
        self._session_key = self._get_session_key()
        self.modified = True

    def exists(self, session_key=None):
        return False

    def delete(self, session_key=None):
        self._session_key = ""
        self._session_cache = {}
        self.modified = True

    def cycle_key(self):
        self.save()

    def _get_session_key(self):
        return dumps(self._session, compress=True, salt=self._salt,
                     serializer=self.serializer)

    @classmethod
    def clear_expired(cls):
        pass


class Session(Model):
    """A stored session (table django_session): key, signed data, expiry."""

    session_key = CharField("session key", max_length=40, primary_key=True)
    session_data = TextField("session data")
    expire_date = DateTimeField("expire date", db_index=True)

    class Meta:
        app_label = "sessions"
        db_table = "django_session"
        verbose_name = "session"
        verbose_name_plural = "sessions"

    def __str__(self):
        return self.session_key

    def get_decoded(self):
        """Return the session's data as a dict ({} if it does not verify)."""
        return DatabaseSessionStore().decode(self.session_data)


class DatabaseSessionStore(SessionBase):
    """Keep sessions in the django_session table (the Session model).

    The cookie holds only a random key; the data is signed JSON in the row.
    """

    @classmethod
    def get_model_class(cls):
        return Session

    @property
    def model(self):
        return self.get_model_class()

    def _get_session_from_db(self):
        try:
            return self.model.objects.get(
                session_key=self.session_key, expire_date__gt=now())
        except (self.model.DoesNotExist, SuspiciousOperation):
            self._session_key = None
            return None

    def load(self):
        s = self._get_session_from_db()
        return self.decode(s.session_data) if s else {}

    def exists(self, session_key):
        return self.model.objects.filter(session_key=session_key).exists()

    def create(self):
        while True:
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def create_model_instance(self, data):
        return self.model(
            session_key=self._get_or_create_session_key(),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        try:
            with transaction.atomic():
                obj.save(force_insert=must_create, force_update=not must_create)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self.model.objects.filter(session_key=session_key).delete()

    @classmethod
    def clear_expired(cls):
        cls.get_model_class().objects.filter(expire_date__lt=now()).delete()
