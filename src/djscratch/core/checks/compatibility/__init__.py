"""Django's checks for settings an upgrade changed the meaning of
(django/core/checks/compatibility/).
"""
