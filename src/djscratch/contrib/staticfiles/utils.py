"""Helpers of the staticfiles app (django/contrib/staticfiles/utils.py):
glob matching, walking a storage, and the settings staticfiles needs.
"""

import fnmatch
import os

from djscratch.conf import settings
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.urls.base import get_script_prefix

__all__ = [
    "matches_patterns", "get_files", "check_settings",
]


def matches_patterns(path, patterns):
    """Whether `path` matches one of the glob-style `patterns` (any iterable,
    a dict's keys included)."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def get_files(storage, ignore_patterns=None, location=""):
    """Yield every file path of `storage` under `location`, leaving out the
    files and folders that `ignore_patterns` match (by name or by path)."""
    ignore_patterns = ignore_patterns or []
    directories, files = storage.listdir(location)
    for name in files:
        if matches_patterns(name, ignore_patterns):
            continue
        if location:
            name = os.path.join(location, name)
            if matches_patterns(name, ignore_patterns):
                continue
        yield name
    for directory in directories:
        if matches_patterns(directory, ignore_patterns):
            continue
        if location:
            directory = os.path.join(location, directory)
        yield from get_files(storage, ignore_patterns, directory)


def _with_script_prefix(url):
    """A relative STATIC_URL or MEDIA_URL as Django's settings give it: under
    the script prefix ("static/" -> "/static/")."""
    if url is None or str(url).startswith(("http://", "https://", "/")):
        return url
    return get_script_prefix() + str(url)


def check_settings(base_url=None):
    """Refuse settings staticfiles cannot work with: no STATIC_URL, or media
    and static files sharing a URL or a folder."""
    if base_url is None:
        base_url = settings.STATIC_URL
    if not base_url:
        raise ImproperlyConfigured(
            "You're using the staticfiles app without having set the required "
            "STATIC_URL setting.")
    base_url = _with_script_prefix(base_url)
    media_url = _with_script_prefix(settings.MEDIA_URL)
    static_url = _with_script_prefix(settings.STATIC_URL)
    if media_url == base_url:
        raise ImproperlyConfigured(
            "The MEDIA_URL and STATIC_URL settings must have different values")
    if settings.DEBUG and media_url and static_url and media_url.startswith(
            static_url):
        raise ImproperlyConfigured(
            "runserver can't serve media if MEDIA_URL is within STATIC_URL.")
    if (settings.MEDIA_ROOT and settings.STATIC_ROOT
            and settings.MEDIA_ROOT == settings.STATIC_ROOT):
        raise ImproperlyConfigured(
            "The MEDIA_ROOT and STATIC_ROOT settings must have different values")
