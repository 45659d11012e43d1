"""Applications and their registry (django.apps)."""
