"""The static files storages (django/contrib/staticfiles/storage.py):
StaticFilesStorage (STATIC_ROOT at STATIC_URL), HashedFilesMixin (names with
a hash of the content, references in CSS and JS rewritten to them),
ManifestFilesMixin (the names kept in staticfiles.json) and
staticfiles_storage, STORAGES["staticfiles"].
"""

import json
import os
import posixpath
import re
import urllib.parse

from djscratch.conf import settings, STATICFILES_STORAGE_ALIAS
from djscratch.core.exceptions import ImproperlyConfigured
from djscratch.core.files.base import ContentFile
from djscratch.core.files.storage import (
    _setting_property, FileSystemStorage, storages,
)
from djscratch.core.signals import setting_changed
from djscratch.utils.functional import empty, LazyObject
from djscratch.contrib.staticfiles.utils import (
    _with_script_prefix, check_settings, matches_patterns,
)

__all__ = [
    "StaticFilesStorage", "HashedFilesMixin", "ManifestFilesMixin",
    "ManifestStaticFilesStorage", "ConfiguredStorage", "staticfiles_storage",
]


class StaticFilesStorage(FileSystemStorage):
    """Files under STATIC_ROOT, served at STATIC_URL (unless `location` and
    `base_url` say otherwise); both are read on each use."""

    _deconstruct_path = "django.contrib.staticfiles.storage.StaticFilesStorage"

    def __init__(self, location=None, base_url=None, *args, **kwargs):
        check_settings(base_url)
        super().__init__(location, base_url, *args, **kwargs)

    @_setting_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.STATIC_ROOT)

    @_setting_property
    def location(self):
        # No MEDIA_ROOT fallback: an unset STATIC_ROOT stays unset.
        base = self.base_location
        return os.path.abspath(base) if base else None

    @_setting_property
    def base_url(self):
        if self._base_url is not None:
            return _with_script_prefix(self._base_url)
        url = settings.STATIC_URL
        if url and not str(url).endswith("/"):
            url = str(url) + "/"
        return _with_script_prefix(url)

    def path(self, name):
        if not self.location:
            raise ImproperlyConfigured(
                "You're using the staticfiles app without having set the "
                "STATIC_ROOT setting to a filesystem path.")
        return super().path(name)


def _static_url_prefix():
    """STATIC_URL as Django's settings give it (with the script prefix)."""
    return _with_script_prefix(settings.STATIC_URL)


def _split_name(name):
    """(the parsed URL of `name`, its path without surrounding spaces)."""
    parsed = urllib.parse.urlsplit(urllib.parse.unquote(name))
    return parsed, parsed.path.strip()


def _with_path(parsed, path, name):
    """`parsed` with its path replaced; a "?#" in `name` (the @font-face
    hack, url(font.eot?#iefix)) keeps its "?" when there is no query."""
    parts = list(parsed)
    parts[2] = path
    if "?#" in name and not parts[3]:
        parts[2] += "?"
    return urllib.parse.urlunsplit(parts)


class HashedFilesMixin:
    """Save each file also as name.<hash>.ext (12 hex digits of the MD5 of its
    content), and rewrite the url(), @import and sourceMappingURL references
    of CSS and JS files to the hashed names (post_process, run by
    collectstatic); url() then gives the hashed name, except with DEBUG."""

    default_template = """url("%(url)s")"""
    max_post_process_passes = 5
    support_js_module_import_aggregation = False
    # JavaScript modules' import and export statements, when
    # support_js_module_import_aggregation is set.
    _js_module_import_aggregation_patterns = ("*.js", (
        (r"""(?P<matched>import(?s:(?P<import>[\s\{].*?|\*\s*as\s*\w+))"""
         r"""\s*from\s*['"](?P<url>[./].*?)["']\s*;)""",
         """import%(import)s from "%(url)s";"""),
        (r"""(?P<matched>export(?s:(?P<exports>[\s\{].*?))"""
         r"""\s*from\s*["'](?P<url>[./].*?)["']\s*;)""",
         """export%(exports)s from "%(url)s";"""),
        (r"""(?P<matched>import\s*['"](?P<url>[./].*?)["']\s*;)""",
         """import"%(url)s";"""),
        (r"""(?P<matched>import\(["'](?P<url>.*?)["']\))""",
         """import("%(url)s")"""),
    ))
    # (file glob, (pattern or (pattern, template), ...)): each pattern's
    # "url" group names a file; the template writes the reference back.
    patterns = (
        ("*.css", (
            r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
            (r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""",
             """@import url("%(url)s")"""),
            (r"(?m)^(?P<matched>/\*#[ \t](?-i:sourceMappingURL)=(?P<url>.*)[ \t]*\*/)$",
             "/*# sourceMappingURL=%(url)s */"),
        )),
        ("*.js", (
            (r"(?m)^(?P<matched>//# (?-i:sourceMappingURL)=(?P<url>.*))$",
             "//# sourceMappingURL=%(url)s"),
        )),
    )
    keep_intermediate_files = True

    def __init__(self, *args, **kwargs):
        if self.support_js_module_import_aggregation:
            self.patterns += (self._js_module_import_aggregation_patterns,)
        super().__init__(*args, **kwargs)
        self.hashed_files = {}
        self._patterns = {}
        for extension, patterns in self.patterns:
            for pattern in patterns:
                pattern, template = (pattern if isinstance(pattern, (tuple, list))
                                     else (pattern, self.default_template))
                self._patterns.setdefault(extension, []).append(
                    (re.compile(pattern, re.IGNORECASE), template))

    def file_hash(self, name, content=None):
        """The first 12 hex digits of the MD5 of `content` (None without it)."""
        if content is None:
            return None
        import hashlib

        hasher = hashlib.md5(usedforsecurity=False)
        for chunk in content.chunks():
            hasher.update(chunk)
        return hasher.hexdigest()[:12]

    def hashed_name(self, name, content=None, filename=None):
        """`name` with the hash of `content` (or of the stored file
        `filename`, by default `name`) before its extension."""
        parsed, clean_name = _split_name(name)
        filename = (filename and _split_name(filename)[1]) or clean_name
        opened = content is None
        if opened:
            if not self.exists(filename):
                raise ValueError("The file '%s' could not be found with %r."
                                 % (filename, self))
            try:
                content = self.open(filename)
            except OSError:  # a directory, or a name with a fragment
                return name
        try:
            file_hash = self.file_hash(clean_name, content)
        finally:
            if opened:
                content.close()
        folder, base = os.path.split(clean_name)
        root, ext = os.path.splitext(base)
        suffix = ".%s" % file_hash if file_hash else ""
        return _with_path(parsed, os.path.join(folder, root + suffix + ext), name)

    def _url(self, hashed_name_func, name, force=False, hashed_files=None):
        """The URL of `name` under its hashed name (the plain name with
        DEBUG, unless `force`), its fragment kept."""
        if settings.DEBUG and not force:
            hashed_name, fragment = name, ""
        else:
            clean_name, fragment = urllib.parse.urldefrag(name)
            if urllib.parse.urlsplit(clean_name).path.endswith("/"):  # a folder
                hashed_name = name
            else:
                args = (clean_name,) if hashed_files is None else (
                    clean_name, hashed_files)
                hashed_name = hashed_name_func(*args)
        final_url = super().url(hashed_name)
        query_fragment = "?#" in name  # the @font-face hack
        if fragment or query_fragment:
            parts = list(urllib.parse.urlsplit(final_url))
            if fragment and not parts[4]:
                parts[4] = fragment
            if query_fragment and not parts[3]:
                parts[2] += "?"
            final_url = urllib.parse.urlunsplit(parts)
        return urllib.parse.unquote(final_url)

    def url(self, name, force=False):
        """The URL of the hashed file (of `name` itself with DEBUG)."""
        return self._url(self.stored_name, name, force)

    def url_converter(self, name, hashed_files, template=None):
        """Return the re.sub() function that rewrites a reference found in
        file `name` to the hashed name of the file it points to."""
        template = template or self.default_template

        def converter(match):
            groups = match.groupdict()
            matched, url = groups["matched"], groups["url"]
            # Absolute, protocol-relative and data: URLs, and absolute paths
            # outside STATIC_URL, are not static files of this storage.
            static_url = _static_url_prefix()
            if re.match(r"^[a-z]+:", url) or url.startswith("//"):
                return matched
            if url.startswith("/") and not url.startswith(static_url):
                return matched
            url_path, fragment = urllib.parse.urldefrag(url)
            if not url_path:
                return matched
            if url_path.startswith("/"):
                target = url_path.removeprefix(static_url)
            else:
                source = name.replace(os.sep, "/")
                target = posixpath.join(posixpath.dirname(source), url_path)
            hashed_url = self._url(self._stored_name, urllib.parse.unquote(target),
                                   force=True, hashed_files=hashed_files)
            # Keep the reference relative as written: only its last part
            # changes.
            transformed = "/".join(url_path.split("/")[:-1]
                                   + hashed_url.split("/")[-1:])
            if fragment:
                transformed += ("?#" if "?#" in url else "#") + fragment
            groups["url"] = urllib.parse.unquote(transformed)
            return template % groups

        return converter

    def post_process(self, paths, dry_run=False, **options):
        """Hash and save the collected files (`paths`: {path: (storage, path
        in it)}), rewriting the references of the adjustable ones (CSS, JS),
        several passes until their hashes settle.  Yield (path, hashed path,
        processed) for each, or an exception in place of `processed`."""
        if dry_run:
            return
        hashed_files = {}
        adjustable = [path for path in paths if matches_patterns(path, self._patterns)]
        adjusted = {}
        for name, hashed_name, processed, _ in self._post_process(
                paths, adjustable, hashed_files):
            if name not in adjustable or isinstance(processed, Exception):
                yield name, hashed_name, processed
            else:
                adjusted[name] = (name, hashed_name, processed)
        paths = {path: paths[path] for path in adjustable}
        unresolved = []
        for _ in range(self.max_post_process_passes):
            unresolved = []
            for name, hashed_name, processed, changed in self._post_process(
                    paths, adjustable, hashed_files):
                adjusted[name] = (name, hashed_name, processed)
                if changed:
                    unresolved.append(name)
            if not unresolved:
                break
        if unresolved:
            yield (", ".join(sorted(unresolved)), None,
                   RuntimeError("Max post-process passes exceeded."))
        self.hashed_files.update(hashed_files)
        yield from adjusted.values()

    def _post_process(self, paths, adjustable, hashed_files):
        """One pass over `paths`, deepest folders first: yield (name, hashed
        name, processed, whether its hash changed)."""
        for name in sorted(paths, key=lambda p: len(p.split(os.sep)), reverse=True):
            storage, path = paths[name]
            with storage.open(path) as original:
                yield self._post_process_one(name, path, original, adjustable,
                                             hashed_files)

    def _post_process_one(self, name, path, original, adjustable, hashed_files):
        hash_key = self.hash_key(self.clean_name(name))
        hashed_name = hashed_files.get(hash_key)
        if hashed_name is None:  # hashed on the original content, even for CSS
            hashed_name = self.hashed_name(name, original)
        if hasattr(original, "seek"):
            original.seek(0)
        hashed_exists = self.exists(hashed_name)
        changed, processed = True, False
        if name in adjustable:
            old_hashed_name = hashed_name
            try:
                content = original.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                return name, None, exc, False
            for extension, patterns in self._patterns.items():
                if not matches_patterns(path, (extension,)):
                    continue
                for pattern, template in patterns:
                    converter = self.url_converter(name, hashed_files, template)
                    try:
                        content = pattern.sub(converter, content)
                    except ValueError as exc:
                        return name, None, exc, False
            if hashed_exists:
                self.delete(hashed_name)
            content_file = ContentFile(content.encode())
            if self.keep_intermediate_files:
                self._save(hashed_name, content_file)
            hashed_name = self.hashed_name(name, content_file)
            if self.exists(hashed_name):
                self.delete(hashed_name)
            hashed_name = self.clean_name(self._save(hashed_name, content_file))
            changed = old_hashed_name != hashed_name
            processed = True
        elif not hashed_exists:
            processed = True
            hashed_name = self.clean_name(self._save(hashed_name, original))
        hashed_files[hash_key] = hashed_name
        return name, hashed_name, processed, changed

    def clean_name(self, name):
        return name.replace("\\", "/")

    def hash_key(self, name):
        return name

    def _stored_name(self, name, hashed_files):
        """The hashed name during post_process: from this run's table, else
        hashed from the file."""
        name = posixpath.normpath(name)
        cache_name = hashed_files.get(self.hash_key(self.clean_name(name)))
        if cache_name is None:
            cache_name = self.clean_name(self.hashed_name(name))
        return cache_name

    def stored_name(self, name):
        """The hashed name of `name`: remembered, or found by following the
        intermediate hashed files on disk."""
        hash_key = self.hash_key(self.clean_name(name))
        cache_name = self.hashed_files.get(hash_key)
        if cache_name:
            return cache_name
        intermediate = name
        for _ in range(self.max_post_process_passes + 1):
            cache_name = self.clean_name(
                self.hashed_name(name, content=None, filename=intermediate))
            if intermediate == cache_name:
                self.hashed_files[hash_key] = cache_name
                return cache_name
            intermediate = cache_name
        raise ValueError("The name '%s' could not be hashed with %r." % (name, self))


class ManifestFilesMixin(HashedFilesMixin):
    """HashedFilesMixin whose names are kept in a JSON manifest
    (staticfiles.json) written by collectstatic and read at start-up; a name
    missing from it raises ValueError (manifest_strict)."""

    manifest_version = "1.1"
    manifest_name = "staticfiles.json"
    manifest_strict = True
    keep_intermediate_files = False

    def __init__(self, *args, manifest_storage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.manifest_storage = self if manifest_storage is None else manifest_storage
        self.hashed_files, self.manifest_hash = self.load_manifest()

    def read_manifest(self):
        """The manifest's text, or None when there is none."""
        try:
            with self.manifest_storage.open(self.manifest_name) as manifest:
                return manifest.read().decode()
        except FileNotFoundError:
            return None

    def load_manifest(self):
        """(hashed names, manifest hash) from the manifest."""
        content = self.read_manifest()
        if content is None:
            return {}, ""
        try:
            stored = json.loads(content)
        except json.JSONDecodeError:
            pass
        else:
            if stored.get("version") in ("1.0", "1.1"):
                return stored.get("paths", {}), stored.get("hash", "")
        raise ValueError("Couldn't load manifest '%s' (version %s)"
                         % (self.manifest_name, self.manifest_version))

    def post_process(self, *args, **kwargs):
        self.hashed_files = {}
        yield from super().post_process(*args, **kwargs)
        if not kwargs.get("dry_run"):
            self.save_manifest()

    def save_manifest(self):
        """Write the manifest: the hashed names, the format's version and a
        hash of the names."""
        self.manifest_hash = self.file_hash(None, ContentFile(
            json.dumps(sorted(self.hashed_files.items())).encode()))
        payload = {"paths": self.hashed_files, "version": self.manifest_version,
                   "hash": self.manifest_hash}
        if self.manifest_storage.exists(self.manifest_name):
            self.manifest_storage.delete(self.manifest_name)
        self.manifest_storage._save(self.manifest_name,
                                    ContentFile(json.dumps(payload).encode()))

    def stored_name(self, name):
        parsed, clean_name = _split_name(name)
        cache_name = self.hashed_files.get(self.hash_key(clean_name))
        if cache_name is None:
            if self.manifest_strict:
                raise ValueError(
                    "Missing staticfiles manifest entry for '%s'" % clean_name)
            cache_name = self.clean_name(self.hashed_name(name))
        return _with_path(parsed, cache_name, name)


class ManifestStaticFilesStorage(ManifestFilesMixin, StaticFilesStorage):
    """StaticFilesStorage with hashed names kept in staticfiles.json."""

    _deconstruct_path = (
        "django.contrib.staticfiles.storage.ManifestStaticFilesStorage")


class ConfiguredStorage(LazyObject):
    """staticfiles_storage: STORAGES["staticfiles"], built on first use."""

    def _setup(self):
        self._wrapped = storages[STATICFILES_STORAGE_ALIAS]


staticfiles_storage = ConfiguredStorage()


def _static_storage_changed(*, setting, **kwargs):
    """Build the static files storage anew when its settings change (a
    manifest storage read its manifest from the old STATIC_ROOT)."""
    if setting in {"STORAGES", "STATIC_ROOT", "STATIC_URL"}:
        storages._storages.pop(STATICFILES_STORAGE_ALIAS, None)
        staticfiles_storage._wrapped = empty


setting_changed.connect(_static_storage_changed,
                        dispatch_uid="djscratch-staticfiles-storage")
