"""Migrations (django.db.migrations): djscratch has none; see schema_sync."""
