"""The built-in middleware (django.middleware)."""
