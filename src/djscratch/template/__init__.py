"""The template engine (django.template), compiled to Python."""
