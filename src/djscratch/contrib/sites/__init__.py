"""The sites framework (django.contrib.sites): a Site row per domain the
project serves, the current one chosen by SITE_ID or by the request's host.
"""
