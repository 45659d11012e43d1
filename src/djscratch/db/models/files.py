"""FileField and ImageField (django/db/models/fields/files.py): the
column holds a name in the field's storage (default_storage unless given);
the attribute is a FieldFile that opens, saves and deletes it there.
"""

from djscratch.core.files.base import File
from djscratch.core.files.images import ImageFile
from djscratch.core.files.storage import default_storage, Storage
from djscratch.core.files.utils import validate_file_name
from djscratch.core.checks.messages import Error
from djscratch.core.signals import post_init
from djscratch.db.models.fields import DeferredAttribute, Field
from djscratch.db.models.expressions import DatabaseDefault

__all__ = [
    "FieldFile", "FileDescriptor", "FileField", "ImageFieldFile",
    "ImageFileDescriptor", "ImageField",
]


class FieldFile(File):
    """The value of a FileField: a name in the field's storage, and the file
    itself, opened from the storage on first use."""

    def __init__(self, instance, field, name):
        super().__init__(None, name)
        self.instance = instance
        self.field = field
        self.storage = field.storage
        self._committed = True

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

    def _get_file(self):
        self._require_file()
        if getattr(self, "_file", None) is None:
            self._file = self.storage.open(self.name, "rb")
        return self._file

    def _set_file(self, file):
        self._file = file

    def _del_file(self):
        del self._file

    file = property(_get_file, _set_file, _del_file)

    @property
    def path(self):
        self._require_file()
        return self.storage.path(self.name)

    @property
    def url(self):
        self._require_file()
        return self.storage.url(self.name)

    @property
    def size(self):
        self._require_file()
        if not self._committed:
            return self.file.size
        return self.storage.size(self.name)

    def open(self, mode="rb"):
        self._require_file()
        if getattr(self, "_file", None) is None:
            self.file = self.storage.open(self.name, mode)
        else:
            self.file.open(mode)
        return self

    # open() doesn't alter the file's contents, but it does reset the pointer.
    open.alters_data = True

    def save(self, name, content, save=True):
        """Store `content` under a name from upload_to; save the instance."""
        name = self.field.generate_filename(self.instance, name)
        self.name = self.storage.save(name, content,
                                      max_length=self.field.max_length)
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save=True):
        """Delete the stored file, empty the field; save the instance."""
        if not self:
            return
        # Closed first: some platforms cannot delete an open file.
        if hasattr(self, "_file"):
            self.close()
            del self.file
        self.storage.delete(self.name)
        self.name = None
        setattr(self.instance, self.field.attname, self.name)
        self._committed = False
        if save:
            self.instance.save()

    delete.alters_data = True

    @property
    def closed(self):
        file = getattr(self, "_file", None)
        return file is None or file.closed

    def close(self):
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()

    def __getstate__(self):
        # Only the name: the open file and the storage are rebuilt on use.
        return {"name": self.name, "closed": False, "_committed": True,
                "_file": None, "instance": self.instance, "field": self.field}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.storage = self.field.storage


class FileDescriptor(DeferredAttribute):
    """The attribute of a FileField: always returns a FieldFile, wrapping a
    name, a File being assigned, or a FieldFile from another instance."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        file = super().__get__(instance, cls)
        attname = self.field.attname
        if isinstance(file, str) or file is None:
            instance.__dict__[attname] = self.field.attr_class(instance, self.field,
                                                               file)
        elif isinstance(file, DatabaseDefault):
            # A new instance of a field with db_default: its file is that name.
            attr = self.field.attr_class(instance, self.field, self.field.db_default)
            instance.__dict__[self.field.attname] = attr
        elif isinstance(file, File) and not isinstance(file, FieldFile):
            # A File (an upload, a ContentFile) assigned: saved by pre_save().
            file_copy = self.field.attr_class(instance, self.field, file.name)
            file_copy.file = file
            file_copy._committed = False
            instance.__dict__[attname] = file_copy
        elif isinstance(file, FieldFile) and not hasattr(file, "field"):
            # Unpickled: the field and storage are not pickled.
            file.instance = instance
            file.field = self.field
            file.storage = self.field.storage
        elif isinstance(file, FieldFile) and instance is not file.instance:
            file.instance = instance
        return instance.__dict__[attname]

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


def _callable_storage_error(field, storage):
    return TypeError("%s.storage must be a subclass/instance of %s.%s"
                     % (field.__class__.__qualname__, "django.core.files.storage.base",
                        Storage.__qualname__))


class FileField(Field):
    """A file in a storage (the column holds its name)."""

    _django_module = "django.db.models.fields.files"

    attr_class = FieldFile
    descriptor_class = FileDescriptor
    description = "File"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        kwargs["upload_to"] = self.upload_to
        storage = getattr(self, "_storage_callable", self.storage)
        if storage is not default_storage:
            kwargs["storage"] = storage
        return name, path, args, kwargs

    def __init__(self, verbose_name=None, name=None, upload_to="", storage=None,
                 **kwargs):
        self._primary_key_set_explicitly = "primary_key" in kwargs
        self.storage = storage or default_storage
        if callable(self.storage):
            # Kept, so the callable (not its result) is what deconstructs.
            self._storage_callable = self.storage
            self.storage = self.storage()
            if not isinstance(self.storage, Storage):
                raise _callable_storage_error(self, self.storage)
        self.upload_to = upload_to
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs):
        """fields.E201 (primary_key) and fields.E202 (absolute upload_to)."""
        errors = super().check(**kwargs)
        if self._primary_key_set_explicitly:
            errors.append(Error(
                "'primary_key' is not a valid argument for a %s."
                % self.__class__.__name__, obj=self, id="fields.E201"))
        if isinstance(self.upload_to, str) and self.upload_to.startswith("/"):
            errors.append(Error(
                "%s's 'upload_to' argument must be a relative path, not an "
                "absolute path." % self.__class__.__name__, obj=self,
                id="fields.E202", hint="Remove the leading slash."))
        return errors

    def get_internal_type(self):
        return "FileField"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return str(value)

    def get_db_prep_save(self, value, connection=None):
        # A field without a file saves "" (its FieldFile's name), null or not,
        # as Django; only an explicit None in update() writes NULL.
        return self.get_prep_value(value)

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)
        if file and not file._committed:
            # An assigned File not yet in the storage: store it now.
            file.save(file.name, file.file, save=False)
        return file

    def generate_filename(self, instance, filename):
        """The storage name for `filename`: upload_to's callable result, or
        its directory (strftime-formatted) joined to the file name."""
        import datetime
        import posixpath

        if callable(self.upload_to):
            filename = self.upload_to(instance, filename)
        else:
            dirname = datetime.datetime.now().strftime(str(self.upload_to))
            filename = posixpath.join(dirname, filename)
        filename = validate_file_name(filename, allow_relative_path=True)
        return self.storage.generate_filename(filename)

    def save_form_data(self, instance, data):
        # None: the field was left alone; False: "clear" was checked.
        if data is not None:
            if not data:
                data = ""
            setattr(instance, self.name, data)

    def value_to_string(self, obj):
        return str(self.value_from_object(obj) or "")

    def formfield(self, **kwargs):
        return super().formfield(**{"max_length": self.max_length, **kwargs})

    def _form_class_name(self):
        return "FileField"


class ImageFileDescriptor(FileDescriptor):
    """Assigning an ImageField also updates its width and height fields."""

    def __set__(self, instance, value):
        previous_file = instance.__dict__.get(self.field.attname)
        super().__set__(instance, value)
        # Left to the post_init handler while the instance is being built.
        if previous_file is not None:
            self.field.update_dimension_fields(instance, force=True)


class ImageFieldFile(ImageFile, FieldFile):
    """A FieldFile with width and height (read with Pillow)."""

    def delete(self, save=True):
        if hasattr(self, "_dimensions_cache"):
            del self._dimensions_cache
        super().delete(save)


def _pillow_installed():
    import importlib.util

    return importlib.util.find_spec("PIL") is not None


class ImageField(FileField):
    """A FileField for images; width_field/height_field are kept up to date
    (which needs Pillow, as in Django)."""

    attr_class = ImageFieldFile
    descriptor_class = ImageFileDescriptor
    description = "Image"

    def __init__(self, verbose_name=None, name=None, width_field=None,
                 height_field=None, **kwargs):
        self.width_field, self.height_field = width_field, height_field
        super().__init__(verbose_name, name, **kwargs)

    def check(self, **kwargs):
        """fields.E210: ImageField without Pillow."""
        errors = super().check(**kwargs)
        if not _pillow_installed():
            errors.append(Error(
                "Cannot use ImageField because Pillow is not installed.",
                hint=("Get Pillow at https://pypi.org/project/Pillow/ "
                      'or run command "python -m pip install Pillow".'),
                obj=self, id="fields.E210"))
        return errors

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        # Only models with dimension fields pay for the post_init handler.
        if not cls._meta.abstract and (self.width_field or self.height_field):
            post_init.connect(self.update_dimension_fields, sender=cls)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Copy the image's width and height into width_field/height_field."""
        if not (self.width_field or self.height_field):
            return
        if self.attname not in instance.__dict__:
            return  # deferred: nothing to measure
        file = getattr(instance, self.attname)
        if not file and not force:
            return
        filled = not ((self.width_field and not getattr(instance,
                                                         self.width_field))
                      or (self.height_field and not getattr(instance,
                                                            self.height_field)))
        if filled and not force:
            return
        if file:
            width, height = file.width, file.height
        else:
            width = height = None
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)

    def _form_class_name(self):
        return "ImageField"

