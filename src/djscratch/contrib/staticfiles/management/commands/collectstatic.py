"""collectstatic (django/contrib/staticfiles/management/commands/
collectstatic.py): copy (or link) every file the finders list into the
static files storage, then let it post-process them (hashed names).
Django's module names the class Command;
`django.contrib.staticfiles.management.commands.collectstatic.Command` finds it.
"""

import os

from djscratch.apps.registry import apps
from djscratch.core.checks.registry import Tags
from djscratch.core.files.storage import FileSystemStorage
from djscratch.core.management.base import BaseCommand, CommandError
from djscratch.core.management.color import no_style
from djscratch.utils.functional import cached_property
from djscratch.contrib.staticfiles.finders import _EmbeddedStaticStorage, get_finders
from djscratch.contrib.staticfiles.storage import staticfiles_storage
from djscratch.contrib.staticfiles.apps import StaticFilesConfig

__all__ = []


class _CollectstaticCommand(BaseCommand):
    """Copy or symlink the static files into STATIC_ROOT (the storage)."""

    help = "Collect static files in a single location."
    requires_system_checks = [Tags.staticfiles]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.copied_files = []
        self.symlinked_files = []
        self.unmodified_files = []
        self.post_processed_files = []
        self.storage = staticfiles_storage
        self.style = no_style()

    @cached_property
    def local(self):
        """Whether the storage keeps its files on this machine's disk."""
        try:
            self.storage.path("")
        except NotImplementedError:
            return False
        return True

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false",
                            dest="interactive",
                            help="Do NOT prompt the user for input of any kind.")
        parser.add_argument("--no-post-process", action="store_false",
                            dest="post_process",
                            help="Do NOT post process collected files.")
        parser.add_argument("-i", "--ignore", action="append", default=[],
                            dest="ignore_patterns", metavar="PATTERN",
                            help="Ignore files or directories matching this "
                                 "glob-style pattern. Use multiple times to ignore "
                                 "more.")
        parser.add_argument("-n", "--dry-run", action="store_true",
                            help="Do everything except modify the filesystem.")
        parser.add_argument("-c", "--clear", action="store_true",
                            help="Clear the existing files using the storage before "
                                 "trying to copy or link the original file.")
        parser.add_argument("-l", "--link", action="store_true",
                            help="Create a symbolic link to each file instead of "
                                 "copying.")
        parser.add_argument("--no-default-ignore", action="store_false",
                            dest="use_default_ignore_patterns",
                            help="Don't ignore the common private glob-style "
                                 "patterns (defaults to 'CVS', '.*' and '*~').")

    def set_options(self, **options):
        """Keep the options as attributes."""
        self.interactive = options["interactive"]
        self.verbosity = options["verbosity"]
        self.symlink = options["link"]
        self.clear = options["clear"]
        self.dry_run = options["dry_run"]
        ignore_patterns = options["ignore_patterns"]
        if options["use_default_ignore_patterns"]:
            try:
                config = apps.get_app_config("staticfiles")
            except LookupError:  # listed by override_settings, not loaded
                config = StaticFilesConfig
            ignore_patterns += config.ignore_patterns
        self.ignore_patterns = list({os.path.normpath(p) for p in ignore_patterns})
        self.post_process = options["post_process"]

    def collect(self):
        """Copy or link each file (the first finder's wins), then
        post-process; return {"modified", "unmodified", "post_processed"}."""
        if self.symlink and not self.local:
            raise CommandError("Can't symlink to a remote destination.")
        if self.clear:
            self.clear_dir("")
        handler = self.link_file if self.symlink else self.copy_file
        found_files = {}
        for finder in get_finders():
            for path, storage in finder.list(self.ignore_patterns):
                prefix = getattr(storage, "prefix", None)
                prefixed_path = os.path.join(prefix, path) if prefix else path
                if prefixed_path in found_files:
                    self.log(
                        "Found another file with the destination path '%s'. It "
                        "will be ignored since only the first encountered file is "
                        "collected. If this is not what you want, make sure every "
                        "static file has a unique path." % prefixed_path, level=1)
                    continue
                found_files[prefixed_path] = (storage, path)
                handler(path, prefixed_path, storage)
        if self.post_process and hasattr(self.storage, "post_process"):
            self._post_process(found_files)
        return {"modified": self.copied_files + self.symlinked_files,
                "unmodified": self.unmodified_files,
                "post_processed": self.post_processed_files}

    def _post_process(self, found_files):
        processor = self.storage.post_process(found_files, dry_run=self.dry_run)
        for original_path, processed_path, processed in processor:
            if isinstance(processed, Exception):
                self.stderr.write("Post-processing '%s' failed!" % original_path)
                self.stderr.write()  # the traceback's first line stands apart
                raise processed
            if processed:
                self.log("Post-processed '%s' as '%s'"
                         % (original_path, processed_path), level=2)
                self.post_processed_files.append(original_path)
            else:
                self.log("Skipped post-processing '%s'" % original_path)

    def handle(self, **options):
        self.set_options(**options)
        message = ["\n"]
        if self.dry_run:
            message.append("You have activated the --dry-run option so no files "
                           "will be modified.\n\n")
        message.append("You have requested to collect static files at the "
                       "destination\nlocation as specified in your settings")
        if self.is_local_storage() and self.storage.location:
            destination_path = self.storage.location
            message.append(":\n\n    %s\n\n" % destination_path)
            should_warn_user = self.storage.exists(destination_path) and any(
                self.storage.listdir(destination_path))
        else:
            destination_path = None
            message.append(".\n\n")
            should_warn_user = True  # what is there is unknown: warn
        if self.interactive and should_warn_user:
            message.append("This will DELETE ALL FILES in this location!\n"
                           if self.clear else "This will overwrite existing files!\n")
            message.append("Are you sure you want to do this?\n\n"
                           "Type 'yes' to continue, or 'no' to cancel: ")
            if input("".join(message)) != "yes":
                raise CommandError("Collecting static files cancelled.")
        collected = self.collect()
        if self.verbosity < 1:
            return None
        modified = len(collected["modified"])
        return "\n%s %s %s%s%s%s." % (
            modified, "static file" + ("" if modified == 1 else "s"),
            "symlinked" if self.symlink else "copied",
            " to '%s'" % destination_path if destination_path else "",
            ", %s unmodified" % len(collected["unmodified"])
            if collected["unmodified"] else "",
            ", %s post-processed" % len(collected["post_processed"])
            if collected["post_processed"] else "")

    def log(self, msg, level=2):
        """Write `msg` when the verbosity reaches `level`."""
        if self.verbosity >= level:
            self.stdout.write(msg)

    def is_local_storage(self):
        return isinstance(self.storage, FileSystemStorage)

    def clear_dir(self, path):
        """Delete every file under `path` in the storage (broken links too)."""
        if not self.storage.exists(path):
            return
        dirs, files = self.storage.listdir(path)
        for name in files:
            fpath = os.path.join(path, name)
            if self.dry_run:
                self.log("Pretending to delete '%s'" % fpath, level=1)
                continue
            self.log("Deleting '%s'" % fpath, level=1)
            try:
                full_path = self.storage.path(fpath)
            except NotImplementedError:
                self.storage.delete(fpath)
            else:
                if not os.path.exists(full_path) and os.path.lexists(full_path):
                    os.unlink(full_path)  # a broken symlink
                else:
                    self.storage.delete(fpath)
        for name in dirs:
            self.clear_dir(os.path.join(path, name))

    def delete_file(self, path, prefixed_path, source_storage):
        """Delete the collected copy of `path` unless it is up to date (then
        return False: nothing to do)."""
        if not self.storage.exists(prefixed_path):
            return True
        if self._is_unmodified(path, prefixed_path, source_storage):
            if prefixed_path not in self.unmodified_files:
                self.unmodified_files.append(prefixed_path)
            self.log("Skipping '%s' (not modified)" % path)
            return False
        if self.dry_run:
            self.log("Pretending to delete '%s'" % path)
        else:
            self.log("Deleting '%s'" % path)
            self.storage.delete(prefixed_path)
        return True

    def _is_unmodified(self, path, prefixed_path, source_storage):
        try:
            target_modified = self.storage.get_modified_time(prefixed_path)
            source_modified = source_storage.get_modified_time(path)
        except (OSError, NotImplementedError):
            return False
        if self.local:
            # A link where a copy is wanted (or the reverse) must be replaced.
            full_path = self.storage.path(prefixed_path)
            if self.symlink ^ os.path.islink(full_path):
                return False
        # Whole seconds: file systems keep different precisions.
        return (target_modified.replace(microsecond=0)
                >= source_modified.replace(microsecond=0))

    def link_file(self, path, prefixed_path, source_storage):
        """Symlink `path` into the storage."""
        if isinstance(source_storage, _EmbeddedStaticStorage):
            # No file on disk to link to: a file of the single file is copied.
            return self.copy_file(path, prefixed_path, source_storage)
        if prefixed_path in self.symlinked_files:
            return self.log("Skipping '%s' (already linked earlier)" % path)
        if not self.delete_file(path, prefixed_path, source_storage):
            return None
        source_path = source_storage.path(path)
        if self.dry_run:
            self.log("Pretending to link '%s'" % source_path, level=1)
        else:
            self.log("Linking '%s'" % source_path, level=2)
            full_path = self.storage.path(prefixed_path)
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            try:
                if os.path.lexists(full_path):
                    os.unlink(full_path)
                os.symlink(source_path, full_path)
            except NotImplementedError:
                import platform

                raise CommandError("Symlinking is not supported in this platform "
                                   "(%s)." % platform.platform()) from None
            except OSError as e:
                raise CommandError(e) from e
        if prefixed_path not in self.symlinked_files:
            self.symlinked_files.append(prefixed_path)
        return None

    def copy_file(self, path, prefixed_path, source_storage):
        """Copy `path` into the storage."""
        if prefixed_path in self.copied_files:
            return self.log("Skipping '%s' (already copied earlier)" % path)
        if not self.delete_file(path, prefixed_path, source_storage):
            return None
        source_path = source_storage.path(path)
        if self.dry_run:
            self.log("Pretending to copy '%s'" % source_path, level=1)
        else:
            self.log("Copying '%s'" % source_path, level=2)
            with source_storage.open(path) as source_file:
                self.storage.save(prefixed_path, source_file)
        self.copied_files.append(prefixed_path)
        return None
