"""FileField and ImageField (django/db/models/fields/files.py):
the column holds a path relative to MEDIA_ROOT.
"""

import os

from djscratch.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from djscratch.conf import settings
from djscratch.db.utils import NotSupportedError
from djscratch.db.models.fields import DeferredAttribute, Field

__all__ = [
    "FileField", "ImageField",
]


def _make_upload_directories(directory):
    """Create `directory` and its missing parents, each with
    FILE_UPLOAD_DIRECTORY_PERMISSIONS when set (else as the umask says).

    The mode is applied with chmod() after mkdir(): mkdir()'s mode is masked
    by the umask, and changing the umask would change it for every thread
    (CVE-2026-25674).
    """
    mode = settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS
    if mode is None:
        os.makedirs(directory, exist_ok=True)
        return
    missing = []
    while directory and not os.path.isdir(directory):
        missing.append(directory)
        directory = os.path.dirname(directory)
    for directory in reversed(missing):
        try:
            os.mkdir(directory, mode)
        except FileExistsError:  # another thread made it: its mode is set
            if not os.path.isdir(directory):
                raise
            continue
        os.chmod(directory, mode)


# -- FileField: the column holds a path relative to MEDIA_ROOT; the attribute
#    is a FieldFile that can open, save and delete the file on disk.


class FieldFile:
    """The value of a FileField: a name, plus access to the stored file."""

    def __init__(self, instance, field, name):
        self.instance = instance
        self.field = field
        self.name = name
        self._committed = True

    def __str__(self):
        return self.name or ""

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self.name or "None")

    def __bool__(self):
        return bool(self.name)

    def __eq__(self, other):
        if hasattr(other, "name"):
            return self.name == other.name
        return self.name == other

    def __hash__(self):
        return hash(self.name)

    def _require_file(self):
        if not self:
            raise ValueError("The '%s' attribute has no file associated with it."
                             % self.field.name)

    @property
    def path(self):
        self._require_file()
        return _media_path(self.name)

    @property
    def url(self):
        self._require_file()
        import urllib.parse

        return settings.MEDIA_URL + urllib.parse.quote(self.name.replace(os.sep, "/"))

    @property
    def size(self):
        self._require_file()
        return os.path.getsize(self.path)

    def open(self, mode="rb"):
        self._require_file()
        return open(self.path, mode)

    def read(self):
        with self.open() as f:
            return f.read()

    def save(self, name, content, save=True):
        """Write `content` (bytes or a file) under upload_to; keep the new name."""
        name = self.field.generate_filename(self.instance, name)
        path = _media_path(name)
        _make_upload_directories(os.path.dirname(path))
        base, ext = os.path.splitext(path)
        counter = 0
        while os.path.exists(path):
            import secrets

            counter += 1
            path = "%s_%s%s" % (base, secrets.token_hex(4), ext)
        data = content if isinstance(content, bytes) else (
            content.read() if hasattr(content, "read") else bytes(content))
        if isinstance(data, str):
            data = data.encode()
        with open(path, "xb") as f:
            f.write(data)
        if settings.FILE_UPLOAD_PERMISSIONS is not None:
            os.chmod(path, settings.FILE_UPLOAD_PERMISSIONS)
        self.name = os.path.relpath(path, _media_root()).replace(os.sep, "/")
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    def delete(self, save=True):
        if not self:
            return
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass
        self.name = None
        setattr(self.instance, self.field.attname, None)
        if save:
            self.instance.save()


def _media_root():
    root = settings.MEDIA_ROOT
    if not root:
        raise ImproperlyConfigured("FileField needs settings.MEDIA_ROOT.")
    return os.path.abspath(root)


def _media_path(name):
    """Join a stored name to MEDIA_ROOT, refusing paths that escape it."""
    root = _media_root()
    path = os.path.abspath(os.path.join(root, name))
    if os.path.commonpath([root, path]) != root:
        raise SuspiciousFileOperation(
            "The joined path (%s) is located outside of the base path component (%s)"
            % (path, root))
    return path


class FileDescriptor(DeferredAttribute):
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.field.attname)
        if isinstance(value, FieldFile) and value.instance is instance:
            return value
        if isinstance(value, FieldFile):
            value = value.name
        elif hasattr(value, "read") and hasattr(value, "name"):
            ff = FieldFile(instance, self.field, getattr(value, "name", None))
            ff._file, ff._committed = value, False
            instance.__dict__[self.field.attname] = ff
            return ff
        ff = FieldFile(instance, self.field, value)
        instance.__dict__[self.field.attname] = ff
        return ff

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class FileField(Field):
    """A file stored under MEDIA_ROOT (the column holds its relative name)."""

    descriptor_class = FileDescriptor
    description = "File"

    def __init__(self, verbose_name=None, name=None, upload_to="", storage=None,
                 **kwargs):
        if kwargs.get("primary_key"):
            raise TypeError("'primary_key' is not a valid argument for a FileField.")
        if storage is not None:
            raise NotSupportedError("djscratch's FileField stores files under "
                                    "MEDIA_ROOT; the storage argument is not "
                                    "supported.")
        self.upload_to = upload_to
        self.storage = None
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    def get_internal_type(self):
        return "FileField"

    def generate_filename(self, instance, filename):
        import datetime
        import re

        if callable(self.upload_to):
            return self.upload_to(instance, filename).replace("\\", "/")
        base = os.path.basename(str(filename).replace("\\", "/"))
        base = re.sub(r"(?u)[^-\w.]", "", base.strip().replace(" ", "_"))
        if base in ("", ".", ".."):
            raise SuspiciousFileOperation("Could not derive file name from '%s'" %
                                          filename)
        dirname = datetime.datetime.now().strftime(str(self.upload_to))
        return os.path.normpath(os.path.join(dirname, base)).replace(os.sep, "/")

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            content = file._file
            file.save(file.name, content, save=False)
        return file

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return str(value)

    def get_db_prep_save(self, value, connection=None):
        value = self.get_prep_value(value)
        return value or ("" if not self.null else None)

    def value_to_string(self, obj):
        return str(self.value_from_object(obj) or "")

    def _form_class_name(self):
        return "FileField"


class ImageField(FileField):
    """A FileField for images (no Pillow: dimensions are not read)."""

    def __init__(self, verbose_name=None, name=None, width_field=None,
                 height_field=None, **kwargs):
        self.width_field, self.height_field = width_field, height_field
        super().__init__(verbose_name, name, **kwargs)

    def _form_class_name(self):
        return "ImageField"
