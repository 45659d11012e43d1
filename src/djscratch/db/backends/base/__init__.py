"""What every database backend shares (django/db/backends/base/)."""
