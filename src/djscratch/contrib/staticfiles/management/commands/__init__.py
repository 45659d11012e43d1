"""collectstatic and findstatic (django/contrib/staticfiles/management/
commands/).
"""
