"""The admin site (django.contrib.admin): the site and ModelAdmin (sites.py,
options.py), the log of changes (models.py), list filters, display helpers
and the actions every changelist offers.
"""
