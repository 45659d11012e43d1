"""Session stores: signed cookies, the database, the cache and the cache
in front of the database (django/contrib/sessions/backends/).
"""

from djscratch.asgiref_fallback import _asgiref_sync
from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import (
    BadRequest, ImproperlyConfigured, SuspiciousOperation,
)
from djscratch.conf import _settings_derived, settings
from djscratch.utils.timezone import now
from djscratch.utils.log import _get_logger
from djscratch.core.signing import BadSignature, dumps, loads
from djscratch.db.utils import DatabaseError, IntegrityError
from djscratch.db.transaction import transaction
from djscratch.core.cache import caches
from djscratch.contrib.sessions.models import Session

__all__ = [
    "SessionBase", "SignedCookieSessionStore", "DatabaseSessionStore",
    "SessionInterrupted", "CacheSessionStore", "CachedDbSessionStore",
    "FileSessionStore", "InvalidSessionKey", "SuspiciousSession",
]


# -- Sessions ------------------------------------------------------------------

class SessionInterrupted(BadRequest):
    """The session was deleted by another request while this one used it."""


class InvalidSessionKey(SuspiciousOperation):
    """Invalid characters in session key"""


class SuspiciousSession(SuspiciousOperation):
    """The session may be tampered with"""


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

    # The async API (Django 5.0+): each runs its synchronous twin through
    # (thread-sensitive) sync_to_async, so a backend implements the
    # synchronous methods only.
    async def aget(self, key, default=None):
        return await _asgiref_sync().sync_to_async(self.get)(key, default)

    async def aset(self, key, value):
        await _asgiref_sync().sync_to_async(self.__setitem__)(key, value)

    async def apop(self, key, default=__not_given):
        args = (key,) if default is self.__not_given else (key, default)
        return await _asgiref_sync().sync_to_async(self.pop)(*args)

    async def asetdefault(self, key, value):
        return await _asgiref_sync().sync_to_async(self.setdefault)(key, value)

    async def aupdate(self, dict_):
        await _asgiref_sync().sync_to_async(self.update)(dict_)

    async def ahas_key(self, key):
        return await _asgiref_sync().sync_to_async(self.has_key)(key)

    async def akeys(self):
        return await _asgiref_sync().sync_to_async(self.keys)()

    async def avalues(self):
        return await _asgiref_sync().sync_to_async(self.values)()

    async def aitems(self):
        return await _asgiref_sync().sync_to_async(self.items)()

    async def aset_test_cookie(self):
        await _asgiref_sync().sync_to_async(self.set_test_cookie)()

    async def atest_cookie_worked(self):
        return await _asgiref_sync().sync_to_async(self.test_cookie_worked)()

    async def adelete_test_cookie(self):
        await _asgiref_sync().sync_to_async(self.delete_test_cookie)()

    async def _aget_session(self, no_load=False):
        return await _asgiref_sync().sync_to_async(self._get_session)(no_load=no_load)

    async def _aget_new_session_key(self):
        return await _asgiref_sync().sync_to_async(self._get_new_session_key)()

    async def _aget_or_create_session_key(self):
        return await _asgiref_sync().sync_to_async(self._get_or_create_session_key)()

    async def aget_session_cookie_age(self):
        return await _asgiref_sync().sync_to_async(self.get_session_cookie_age)()

    async def aget_expiry_age(self, **kwargs):
        return await _asgiref_sync().sync_to_async(self.get_expiry_age)(**kwargs)

    async def aget_expiry_date(self, **kwargs):
        return await _asgiref_sync().sync_to_async(self.get_expiry_date)(**kwargs)

    async def aset_expiry(self, value):
        await _asgiref_sync().sync_to_async(self.set_expiry)(value)

    async def aget_expire_at_browser_close(self):
        return await _asgiref_sync().sync_to_async(self.get_expire_at_browser_close)()

    async def aflush(self):
        await _asgiref_sync().sync_to_async(self.flush)()

    async def acycle_key(self):
        await _asgiref_sync().sync_to_async(self.cycle_key)()

    async def aexists(self, session_key):
        return await _asgiref_sync().sync_to_async(self.exists)(session_key)

    async def acreate(self):
        await _asgiref_sync().sync_to_async(self.create)()

    async def asave(self, must_create=False):
        await _asgiref_sync().sync_to_async(self.save)(must_create=must_create)

    async def adelete(self, session_key=None):
        await _asgiref_sync().sync_to_async(self.delete)(session_key)

    async def aload(self):
        return await _asgiref_sync().sync_to_async(self.load)()

    @classmethod
    async def aclear_expired(cls):
        await _asgiref_sync().sync_to_async(cls.clear_expired)()


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


#: The cache keys of the cache and cached_db stores start with these.
_CACHE_SESSION_KEY_PREFIX = "django.contrib.sessions.cache"
_CACHED_DB_SESSION_KEY_PREFIX = "django.contrib.sessions.cached_db"


class _SessionCacheMixin:
    """The SESSION_CACHE_ALIAS cache and the session's key in it, shared by
    the cache and cached_db stores."""

    def __init__(self, session_key=None):
        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)

    @property
    def cache_key(self):
        return self.cache_key_prefix + self._get_or_create_session_key()

    async def acache_key(self):
        return self.cache_key


class CacheSessionStore(_SessionCacheMixin, SessionBase):
    """Keep sessions in the SESSION_CACHE_ALIAS cache only (fast, not durable).

    An entry expires with the session; a cache that drops entries logs users
    out.  Keys are "django.contrib.sessions.cache" + the session key.
    """

    cache_key_prefix = _CACHE_SESSION_KEY_PREFIX

    def load(self):
        try:
            session_data = self._cache.get(self.cache_key)
        except Exception:
            # A backend may refuse a key (memcached); start a new session.
            session_data = None
        if session_data is not None:
            return session_data
        self._session_key = None
        return {}

    def create(self):
        # A cache can fail silently, so a failed add() may mean a collision or
        # no cache at all: try many keys, then give up.
        for _ in range(10000):
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError(
            "Unable to create a new session key. "
            "It is likely that the cache is unavailable.")

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        if must_create:
            func = self._cache.add
        elif self._cache.get(self.cache_key) is not None:
            func = self._cache.set
        else:
            raise UpdateError
        result = func(self.cache_key, self._get_session(no_load=must_create),
                      self.get_expiry_age())
        if must_create and not result:
            raise CreateError

    def exists(self, session_key):
        return bool(session_key) and (
            self.cache_key_prefix + session_key) in self._cache

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    @classmethod
    def clear_expired(cls):
        """Nothing to do: the cache expires entries itself."""


class CachedDbSessionStore(_SessionCacheMixin, DatabaseSessionStore):
    """Write sessions to the database and the cache; read the cache first.

    Durable like the database store, with most reads served from the cache.
    """

    cache_key_prefix = _CACHED_DB_SESSION_KEY_PREFIX

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is not None:
            return data
        s = self._get_session_from_db()
        if not s:
            return {}
        data = self.decode(s.session_data)
        self._cache.set(self.cache_key, data,
                        self.get_expiry_age(expiry=s.expire_date))
        return data

    def exists(self, session_key):
        return bool(session_key and (
            self.cache_key_prefix + session_key) in self._cache) or super().exists(
            session_key)

    def save(self, must_create=False):
        super().save(must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            _get_logger("django.contrib.sessions").exception(
                "Error saving to cache (%s)", self._cache)

    def delete(self, session_key=None):
        super().delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    def flush(self):
        """Delete the data from both stores and drop the key."""
        self.clear()
        self.delete(self.session_key)
        self._session_key = None


class FileSessionStore(SessionBase):
    """Keep each session in a file, SESSION_FILE_PATH/<cookie name><key>.

    The directory defaults to the system's temporary one.  A file's
    modification time is the session's last save, so expiry without an
    explicit date counts SESSION_COOKIE_AGE from it.  Writes go to a
    temporary file renamed into place: a reader never sees half a session.
    """

    def __init__(self, session_key=None):
        self.storage_path = self._get_storage_path()
        self.file_prefix = settings.SESSION_COOKIE_NAME
        super().__init__(session_key)

    @classmethod
    def _get_storage_path(cls):
        try:
            return cls._storage_path
        except AttributeError:
            import os
            import tempfile

            storage_path = (getattr(settings, "SESSION_FILE_PATH", None)
                            or tempfile.gettempdir())
            if not os.path.isdir(storage_path):
                raise ImproperlyConfigured(
                    "The session storage path %r doesn't exist. Please set your"
                    " SESSION_FILE_PATH setting to an existing directory in which"
                    " Django can store session data." % storage_path) from None
            cls._storage_path = storage_path
            return storage_path

    def _key_to_file(self, session_key=None):
        """Return the file of a key, refusing keys that could leave the folder."""
        import os

        if session_key is None:
            session_key = self._get_or_create_session_key()
        if not set(session_key).issubset(_SESSION_KEY_CHARS):
            raise InvalidSessionKey("Invalid characters in session key")
        return os.path.join(self.storage_path, self.file_prefix + session_key)

    def _last_modification(self):
        import datetime
        import os

        modification = os.stat(self._key_to_file()).st_mtime
        tz = datetime.timezone.utc if settings.USE_TZ else None
        return datetime.datetime.fromtimestamp(modification, tz=tz)

    def _expiry_date(self, session_data):
        import datetime

        return session_data.get("_session_expiry") or (
            self._last_modification()
            + datetime.timedelta(seconds=self.get_session_cookie_age()))

    def load(self):
        session_data = {}
        try:
            with open(self._key_to_file(), encoding="ascii") as session_file:
                file_data = session_file.read()
            # An empty file is the placeholder save() makes first.
            if file_data:
                try:
                    session_data = self.decode(file_data)
                except (EOFError, SuspiciousOperation) as err:
                    if isinstance(err, SuspiciousOperation):
                        _get_logger("django.security." + type(err).__name__
                                    ).warning(str(err))
                    self.create()
                expiry_age = self.get_expiry_age(
                    expiry=self._expiry_date(session_data))
                if expiry_age <= 0:
                    session_data = {}
                    self.delete()
                    self.create()
        except (OSError, SuspiciousOperation):
            self._session_key = None
        return session_data

    def create(self):
        while True:
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        session_data = self._get_session(no_load=must_create)
        session_file_name = self._key_to_file()
        self._touch_placeholder(session_file_name, must_create)
        self._write_atomically(session_file_name,
                               self.encode(session_data).encode())

    @staticmethod
    def _touch_placeholder(session_file_name, must_create):
        """Make sure the file exists (creating it only when must_create)."""
        import os

        flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
        if must_create:
            flags |= os.O_EXCL | os.O_CREAT
        try:
            os.close(os.open(session_file_name, flags))
        except FileNotFoundError:
            if not must_create:
                raise UpdateError from None
        except FileExistsError:
            if must_create:
                raise CreateError from None

    @staticmethod
    def _write_atomically(session_file_name, data):
        """Write to a temporary file, then rename it over the session file."""
        import os
        import shutil
        import tempfile

        folder, prefix = os.path.split(session_file_name)
        try:
            fd, temp_name = tempfile.mkstemp(dir=folder, prefix=prefix + "_out_")
            renamed = False
            try:
                try:
                    os.write(fd, data)
                finally:
                    os.close(fd)
                shutil.move(temp_name, session_file_name)
                renamed = True
            finally:
                if not renamed:
                    os.unlink(temp_name)
        except (EOFError, OSError):
            pass

    def exists(self, session_key):
        import os

        return os.path.exists(self._key_to_file(session_key))

    def delete(self, session_key=None):
        import os

        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            os.unlink(self._key_to_file(session_key))
        except OSError:
            pass

    @classmethod
    def clear_expired(cls):
        """Load every session file: loading deletes an expired one."""
        import os

        file_prefix = settings.SESSION_COOKIE_NAME
        for session_file in os.listdir(cls._get_storage_path()):
            if not session_file.startswith(file_prefix):
                continue
            session = cls(session_file.removeprefix(file_prefix))
            session.create = lambda: None  # an expired file is not replaced
            session.load()
