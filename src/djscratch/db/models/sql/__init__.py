"""The SQL query and its compiler (django.db.models.sql)."""
