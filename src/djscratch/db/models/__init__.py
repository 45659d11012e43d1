"""Models, fields, querysets and expressions (django.db.models)."""
