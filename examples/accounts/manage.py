#!/usr/bin/env python
"""Django's command-line utility for the accounts example.

On Django:     python manage.py test      (or runserver, migrate, ...)
On djscratch:  python -m djscratch test   (reads DJANGO_SETTINGS_MODULE below)
"""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accounts_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
