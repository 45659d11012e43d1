"""BaseConnectionHandler: a mapping of aliases to connections made on first
use, one set per thread, from a settings dict (django/utils/connection.py).
"""

from djscratch.asgiref_bridges import Local
from djscratch.conf import settings
from djscratch.db.utils import ConnectionDoesNotExist
from djscratch.utils.functional import cached_property

__all__ = ["BaseConnectionHandler"]


class BaseConnectionHandler:
    """Subclasses name their setting (`settings_name`) and implement
    create_connection(alias)."""

    settings_name = None
    exception_class = ConnectionDoesNotExist
    thread_critical = False

    def __init__(self, settings=None):
        self._settings = settings
        self._connections = Local(self.thread_critical)

    @cached_property
    def settings(self):
        self._settings = self.configure_settings(self._settings)
        return self._settings

    def configure_settings(self, settings_dict):
        if settings_dict is None:
            settings_dict = getattr(settings, self.settings_name)
        return settings_dict

    def create_connection(self, alias):
        raise NotImplementedError("Subclasses must implement create_connection().")

    def __getitem__(self, alias):
        try:
            return getattr(self._connections, alias)
        except AttributeError:
            if alias not in self.settings:
                raise self.exception_class(f"The connection '{alias}' doesn't exist.")
        connection = self.create_connection(alias)
        setattr(self._connections, alias, connection)
        return connection

    def __setitem__(self, key, value):
        setattr(self._connections, key, value)

    def __delitem__(self, key):
        delattr(self._connections, key)

    def __iter__(self):
        return iter(self.settings)

    def all(self, initialized_only=False):
        """Every connection; with initialized_only, those already made."""
        return [self[alias] for alias in self
                if not initialized_only or hasattr(self._connections, alias)]

    def close_all(self):
        for connection in self.all(initialized_only=True):
            connection.close()
