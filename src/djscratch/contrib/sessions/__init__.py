"""Sessions: stores and middleware (django.contrib.sessions)."""
