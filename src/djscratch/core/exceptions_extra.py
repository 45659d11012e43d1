"""The exceptions of django/core/exceptions.py no request that goes well
raises: a view or middleware that cannot be used, the suspicious multipart
bodies, file paths and redirects, too many files, an aborted request.  The
single file builds them on first use (a deferred section): an `except`
clause naming one builds it only when an exception reaches that clause.
"""

from djscratch.core.exceptions import SuspiciousOperation

__all__ = [
    "ViewDoesNotExist", "MiddlewareNotUsed", "SuspiciousMultipartForm",
    "SuspiciousFileOperation", "DisallowedRedirect", "TooManyFilesSent",
    "RequestAborted",
]


class ViewDoesNotExist(Exception):
    """A URLconf names a view that cannot be imported."""


class MiddlewareNotUsed(Exception):
    """Raised by a middleware factory to take itself out of the chain."""


class SuspiciousMultipartForm(SuspiciousOperation):
    """A multipart body is malformed."""


class SuspiciousFileOperation(SuspiciousOperation):
    """A file path escapes where it should stay."""


class DisallowedRedirect(SuspiciousOperation):
    """A redirect to an unsafe URL scheme was attempted."""


class TooManyFilesSent(SuspiciousOperation):
    """The request has more files than DATA_UPLOAD_MAX_NUMBER_FILES."""


class RequestAborted(Exception):
    """The client went away mid-request."""
