"""Content types: a row per installed model, and generic relations built on
them (django.contrib.contenttypes).
"""
