"""The ORM over sqlite3 (django.db)."""
