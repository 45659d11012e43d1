"""File storage, File/ContentFile, upload handlers and FileField:
tests/files_scenario.py run on djscratch and compared with real Django's
results (tests/files_expected.json), plus what the scenario cannot record
(default_storage following STORAGES, locks, file_move_safe)."""

import os
import tempfile
import unittest

import djscratch  # noqa: F401  (installs the django.* alias)
from djscratch import override_settings
from tests import load_expected, MatchesDjango
from tests.test_orm_oracle import ORACLE_SETTINGS

with override_settings(**ORACLE_SETTINGS):
    from tests import files_scenario as scenario

EXPECTED = load_expected("files_expected.json")


@override_settings(**ORACLE_SETTINGS)
class FilesMatchDjangoTests(MatchesDjango, unittest.TestCase):
    expected = EXPECTED
    observe = staticmethod(scenario.run)


@override_settings(**ORACLE_SETTINGS)
class DefaultStorageTests(unittest.TestCase):
    def test_default_storage_follows_media_root_and_storages(self):
        from django.core.files.storage import (
            default_storage, FileSystemStorage, InMemoryStorage, storages,
        )

        with tempfile.TemporaryDirectory() as media:
            with override_settings(MEDIA_ROOT=media):
                self.assertEqual(default_storage.location, media)
                self.assertIsInstance(storages["default"], FileSystemStorage)
        memory = {"default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
        with override_settings(STORAGES=memory):
            self.assertIsInstance(storages["default"], InMemoryStorage)
            name = default_storage.save("x.txt", __import__("io").BytesIO(b"1"))
            self.assertTrue(default_storage.exists(name))
        self.assertIsInstance(storages["default"], FileSystemStorage)

    def test_file_field_takes_a_storage_or_a_callable(self):
        from django.core.files.storage import InMemoryStorage
        from django.db import models

        storage = InMemoryStorage()
        field = models.FileField(storage=storage)
        self.assertIs(field.storage, storage)
        field = models.FileField(storage=lambda: storage)
        self.assertIs(field.storage, storage)
        with self.assertRaises(TypeError) as caught:
            models.FileField(storage=lambda: object())
        self.assertEqual(str(caught.exception),
                         "FileField.storage must be a subclass/instance of "
                         "django.core.files.storage.base.Storage")


class LocksAndMoveTests(unittest.TestCase):
    def test_lock_and_unlock_a_file(self):
        from django.core.files import locks

        with tempfile.TemporaryFile() as f:
            self.assertIs(locks.lock(f, locks.LOCK_EX | locks.LOCK_NB), True)
            self.assertIs(locks.unlock(f), True)

    def test_file_move_safe_refuses_to_overwrite_unless_allowed(self):
        from django.core.files.move import file_move_safe

        with tempfile.TemporaryDirectory() as root:
            a, b = os.path.join(root, "a"), os.path.join(root, "b")
            for path in (a, b):
                with open(path, "w") as f:
                    f.write(path)
            with self.assertRaises(FileExistsError):
                file_move_safe(a, b)
            file_move_safe(a, b, allow_overwrite=True)
            self.assertFalse(os.path.exists(a))
            with open(b) as f:
                self.assertEqual(f.read(), a)


from tests.orm_support import DatabaseTestCase, define_models  # noqa: E402

with override_settings(**ORACLE_SETTINGS):
    from django.core.files.storage import InMemoryStorage as _InMemoryStorage
    from django.db import models as _models

    with define_models():
        class Attachment(_models.Model):
            upload = _models.FileField(storage=_InMemoryStorage(), upload_to="up",
                                       db_default="up/default.txt")

            class Meta:
                app_label = "files_db_default"


@override_settings(**ORACLE_SETTINGS)
class FileFieldDbDefaultTests(DatabaseTestCase):
    models = [Attachment]

    def test_a_new_instance_reads_the_db_default_as_its_file_name(self):
        attachment = Attachment()
        self.assertEqual(attachment.upload.name, "up/default.txt")
        attachment.save()
        attachment.refresh_from_db()
        self.assertEqual(attachment.upload.name, "up/default.txt")
