"""Requests, responses, cookies and multipart parsing (django.http)."""
