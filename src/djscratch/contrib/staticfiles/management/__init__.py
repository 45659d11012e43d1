"""The staticfiles app's management commands
(django/contrib/staticfiles/management/).
"""
