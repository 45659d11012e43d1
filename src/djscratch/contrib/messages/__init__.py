"""Messages: storages, API, middleware (django.contrib.messages)."""
