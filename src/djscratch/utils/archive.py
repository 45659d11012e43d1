"""extract(): unpack a tar (plain, gzip, bzip2, xz, lzma) or zip archive
into a directory, dropping a leading directory all members share, refusing
members that would land outside it (django/utils/archive.py).
"""

import os

from djscratch.core.exceptions import SuspiciousOperation

__all__ = ["extract", "Archive", "ArchiveException", "UnrecognizedArchiveFormat"]


class ArchiveException(Exception):
    """An archive error."""


class UnrecognizedArchiveFormat(ArchiveException):
    """The file is not an archive extract() knows (by its extension)."""


def extract(path, to_path):
    """Unpack the tar or zip file at `path` into the directory `to_path`."""
    with Archive(path) as archive:
        archive.extract(to_path)


class Archive:
    """An archive file (a path, or a file object with a name), of the kind
    its extension says."""

    def __init__(self, file):
        self._archive = self._archive_cls(file)(file)

    @staticmethod
    def _archive_cls(file):
        if isinstance(file, str):
            filename = file
        else:
            try:
                filename = file.name
            except AttributeError:
                raise UnrecognizedArchiveFormat(
                    "File object not a recognized archive format.") from None
        base, tail_ext = os.path.splitext(filename.lower())
        cls = _ARCHIVE_EXTENSIONS.get(tail_ext)
        if not cls:  # foo.tar.gz: by the extension before the last
            cls = _ARCHIVE_EXTENSIONS.get(os.path.splitext(base)[1])
        if not cls:
            raise UnrecognizedArchiveFormat(
                f"Path not a recognized archive format: {filename}")
        return cls

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def extract(self, to_path):
        self._archive.extract(to_path)

    def list(self):
        self._archive.list()

    def close(self):
        self._archive.close()


class BaseArchive:
    """What the tar and zip archives share."""

    @staticmethod
    def _copy_permissions(mode, filename):
        """Give the file its archived mode, when the archive has one (one
        readable by others: a file missing permission data keeps the umask's)."""
        import stat

        if mode & stat.S_IROTH:
            os.chmod(filename, mode)

    def split_leading_dir(self, path):
        """[first directory, rest] of a member path ("/" or "\\" separated)."""
        path = str(path).lstrip("/").lstrip("\\")
        slash, backslash = path.find("/"), path.find("\\")
        if slash != -1 and (backslash == -1 or slash < backslash):
            return path.split("/", 1)
        if backslash != -1:
            return path.split("\\", 1)
        return path, ""

    def has_leading_dir(self, paths):
        """Whether all the paths are under one directory."""
        common_prefix = None
        for path in paths:
            prefix, _rest = self.split_leading_dir(path)
            if not prefix:
                return False
            if common_prefix is None:
                common_prefix = prefix
            elif prefix != common_prefix:
                return False
        return True

    def target_filename(self, to_path, name):
        """The path a member extracts to; SuspiciousOperation outside to_path."""
        target_path = os.path.abspath(to_path)
        filename = os.path.abspath(os.path.join(target_path, name))
        try:
            inside = os.path.commonpath([target_path, filename]) == target_path
        except ValueError:  # another drive (Windows)
            inside = False
        if not inside:
            raise SuspiciousOperation(f"Archive contains invalid path: '{name}'")
        return filename

    def extract(self):
        raise NotImplementedError(
            "subclasses of BaseArchive must provide an extract() method")

    def list(self):
        raise NotImplementedError(
            "subclasses of BaseArchive must provide a list() method")

    @staticmethod
    def _write_file(filename, source):
        """Write `source` (bytes or a file object) at filename, making its
        directory."""
        import shutil

        dirname = os.path.dirname(filename)
        if dirname:
            os.makedirs(dirname, exist_ok=True)
        with open(filename, "wb") as outfile:
            if isinstance(source, bytes):
                outfile.write(source)
            else:
                shutil.copyfileobj(source, outfile)


class TarArchive(BaseArchive):
    def __init__(self, file):
        import tarfile

        self._archive = tarfile.open(file)

    def list(self, *args, **kwargs):
        self._archive.list(*args, **kwargs)

    def extract(self, to_path):
        members = self._archive.getmembers()
        leading = self.has_leading_dir(member.name for member in members)
        for member in members:
            name = member.name
            if leading:
                name = self.split_leading_dir(name)[1]
            filename = self.target_filename(to_path, name)
            if member.isdir():
                if filename:
                    os.makedirs(filename, exist_ok=True)
                continue
            try:
                extracted = self._archive.extractfile(member)
            except (KeyError, AttributeError) as exc:
                print(f"In the tar file {name} the member {member.name} is "
                      f"invalid: {exc}")
                continue
            if extracted is None:
                continue  # a link or a device: nothing to copy
            with extracted:
                self._write_file(filename, extracted)
            self._copy_permissions(member.mode, filename)

    def close(self):
        self._archive.close()


class ZipArchive(BaseArchive):
    def __init__(self, file):
        import zipfile

        self._archive = zipfile.ZipFile(file)

    def list(self, *args, **kwargs):
        self._archive.printdir(*args, **kwargs)

    def extract(self, to_path):
        namelist = self._archive.namelist()
        leading = self.has_leading_dir(namelist)
        for name in namelist:
            data = self._archive.read(name)
            info = self._archive.getinfo(name)
            if leading:
                name = self.split_leading_dir(name)[1]
            if not name:
                continue
            filename = self.target_filename(to_path, name)
            if name.endswith(("/", "\\")):
                os.makedirs(filename, exist_ok=True)
                continue
            self._write_file(filename, data)
            self._copy_permissions(info.external_attr >> 16, filename)

    def close(self):
        self._archive.close()


#: Archive extension -> class.
_ARCHIVE_EXTENSIONS = {
    **dict.fromkeys((".tar", ".tar.bz2", ".tbz2", ".tbz", ".tz2", ".tar.gz", ".tgz",
                     ".taz", ".tar.lzma", ".tlz", ".tar.xz", ".txz"), TarArchive),
    ".zip": ZipArchive,
}
