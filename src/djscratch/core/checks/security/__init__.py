"""Django's security checks (django/core/checks/security/): the deployment
settings `check --deploy` reports (base, csrf, sessions), each a check
function of its own with Django's id and text.
"""
