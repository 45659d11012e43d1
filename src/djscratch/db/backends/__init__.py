"""The SQLite backend and the schema editor."""
