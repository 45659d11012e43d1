"""The request handler: from a WSGI environ to a response."""
