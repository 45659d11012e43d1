"""Views: generic, decorators, static, error pages (django.views)."""
