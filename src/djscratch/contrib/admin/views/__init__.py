"""The admin's views beyond ModelAdmin's (django/contrib/admin/views/)."""
