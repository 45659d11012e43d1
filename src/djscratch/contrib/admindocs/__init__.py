"""The admin's documentation (django.contrib.admindocs): its pages of the
project's models, views, template tags and filters.  djscratch renders what
Django renders when docutils is not installed.
"""
