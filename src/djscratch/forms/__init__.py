"""Forms, fields, widgets, formsets and model forms (django.forms)."""
