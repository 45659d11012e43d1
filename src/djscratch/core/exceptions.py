"""Django's exception classes, ValidationError among them
(django/core/exceptions.py); they sit low so every module can raise them.
"""

__all__ = [
    "ImproperlyConfigured", "ObjectDoesNotExist", "MultipleObjectsReturned",
    "FieldError", "FieldDoesNotExist", "ValidationError", "NON_FIELD_ERRORS",
    "PermissionDenied", "BadRequest", "SuspiciousOperation", "DisallowedHost",
    "RequestDataTooBig", "TooManyFieldsSent", "Http404", "EmptyResultSet",
    "FullResultSet", "AppRegistryNotReady", "NoReverseMatch", "Resolver404",
]


class ImproperlyConfigured(Exception):
    """The settings or the app are set up wrongly."""


class AppRegistryNotReady(Exception):
    """Models were used before the app registry was populated."""


class ObjectDoesNotExist(Exception):
    """The requested object does not exist (base of Model.DoesNotExist)."""

    silent_variable_failure = True


class MultipleObjectsReturned(Exception):
    """A query expected one object and found more."""


class FieldDoesNotExist(Exception):
    """A model has no field of the given name."""


class FieldError(Exception):
    """A problem with a model field in a query (unknown name, bad lookup)."""


class EmptyResultSet(Exception):
    """A query is known to match nothing."""


class FullResultSet(Exception):
    """A query condition is known to match everything."""


class PermissionDenied(Exception):
    """The user may not do this (403)."""


class BadRequest(Exception):
    """The request is malformed (400)."""


class SuspiciousOperation(Exception):
    """The request looks like an attack or a mistake (400)."""


class DisallowedHost(SuspiciousOperation):
    """The Host header is not in ALLOWED_HOSTS."""


class RequestDataTooBig(SuspiciousOperation):
    """The request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""


class TooManyFieldsSent(SuspiciousOperation):
    """The request has more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS."""


class Http404(Exception):
    """The page was not found (404)."""


class Resolver404(Http404):
    """No URL pattern matched the path."""


class NoReverseMatch(Exception):
    """reverse() found no pattern for the name and arguments."""


NON_FIELD_ERRORS = "__all__"


class ValidationError(Exception):
    """One or more validation errors, as raised by validators and clean().

    `message` may be a string, a list of messages or ValidationErrors, or a
    dict of field name -> messages.  `error_dict` or `error_list` holds the
    normalised form, exactly as Django's class does.
    """

    def __init__(self, message, code=None, params=None):
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            if hasattr(message, "error_dict"):
                message = message.error_dict
            elif not hasattr(message, "message"):
                message = message.error_list
            else:
                message, code, params = message.message, message.code, message.params
        if isinstance(message, dict):
            self.error_dict = {}
            for field, messages in message.items():
                if not isinstance(messages, ValidationError):
                    messages = ValidationError(messages)
                self.error_dict[field] = messages.error_list
        elif isinstance(message, list):
            self.error_list = []
            for m in message:
                if not isinstance(m, ValidationError):
                    m = ValidationError(m)
                if hasattr(m, "error_dict"):
                    self.error_list.extend(sum(m.error_dict.values(), []))
                else:
                    self.error_list.extend(m.error_list)
        else:
            self.message = message
            self.code = code
            self.params = params
            self.error_list = [self]

    @property
    def message_dict(self):
        """Return {field: [messages]}; only for dict-shaped errors."""
        getattr(self, "error_dict")  # AttributeError if list-shaped, as Django
        return dict(self)

    @property
    def messages(self):
        """Return every message as a flat list of strings."""
        if hasattr(self, "error_dict"):
            return sum(dict(self).values(), [])
        return list(self)

    def update_error_dict(self, error_dict):
        if hasattr(self, "error_dict"):
            for field, error_list in self.error_dict.items():
                error_dict.setdefault(field, []).extend(error_list)
        else:
            error_dict.setdefault(NON_FIELD_ERRORS, []).extend(self.error_list)
        return error_dict

    def __iter__(self):
        if hasattr(self, "error_dict"):
            for field, errors in self.error_dict.items():
                yield field, list(ValidationError(errors))
        else:
            for error in self.error_list:
                message = error.message
                if error.params:
                    message %= error.params
                yield str(message)

    def __str__(self):
        if hasattr(self, "error_dict"):
            return repr(dict(self))
        return repr(list(self))

    def __repr__(self):
        return f"ValidationError({self})"

    def __eq__(self, other):
        if not isinstance(other, ValidationError):
            return NotImplemented
        return hash(self) == hash(other)

    def __hash__(self):
        if hasattr(self, "message"):
            params = self.params
            if isinstance(params, dict):
                params = tuple(sorted(params.items()))
            return hash((self.message, self.code, params))
        if hasattr(self, "error_dict"):
            return hash(tuple(sorted(self.error_dict)))
        return hash(tuple(sorted(self.error_list, key=lambda e: str(e.message))))
