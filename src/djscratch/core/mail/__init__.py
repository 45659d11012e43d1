"""Sending email (django.core.mail)."""
