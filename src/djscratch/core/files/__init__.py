"""Files and uploaded files (django.core.files)."""
