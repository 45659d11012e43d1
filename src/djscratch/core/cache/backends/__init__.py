"""Cache backends (django.core.cache.backends)."""
