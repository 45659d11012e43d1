"""Signals (django.dispatch)."""
