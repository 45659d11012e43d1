"""File storage, files, upload handlers and FileField, run on real Django
(tests/gen_files_expected.py records the results) and on djscratch
(tests/test_files.py compares).  The same text runs on both; temporary
paths and random name suffixes are masked.
"""

import os
import re
import shutil
import tempfile
import warnings
from io import BytesIO

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.core.files.storage import StorageHandler
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import (
    FileUploadHandler, SkipFile, StopFutureHandlers, StopUpload,
)
from django.core.files.utils import validate_file_name
from django import forms
from django.db import connection, models
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from django.test.client import FakePayload
from django.test.utils import override_settings
from django.utils._os import safe_join, to_path
from django.utils.deconstruct import deconstructible

SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(?=\.|$)")


@deconstructible(path="tests.files_scenario.Renamed")
class Deconstructed:
    def __init__(self, a, b=2):
        self.a, self.b = a, b


class DeconstructedChild(Deconstructed):
    pass


Renamed = Deconstructed


def _upload_to(instance, filename):
    return "by_callable/%s/%s" % (instance.title, filename)


class Attachment(models.Model):
    title = models.CharField(max_length=20)
    doc = models.FileField(upload_to="docs", blank=True)
    other = models.FileField(upload_to=_upload_to, blank=True, max_length=40)

    class Meta:
        app_label = "orm_oracle"


class Bad(models.Model):
    f = models.FileField(upload_to="/abs", primary_key=True)
    image = models.ImageField()

    class Meta:
        app_label = "orm_oracle"


def _mask(text, root):
    text = str(text).replace(root, "<ROOT>").replace(os.getcwd(), "<CWD>")
    return SUFFIX.sub("_XXXXXXX", text)


def _outcome(root, func, *args, **kwargs):
    """func's result, or the exception's class and message, masked."""
    try:
        result = func(*args, **kwargs)
    except Exception as err:  # the exception is the observation
        return ["raises", type(err).__name__, _mask(err, root)]
    if isinstance(result, (list, tuple)):
        return [_mask(r, root) if isinstance(r, str) else r for r in result]
    return _mask(result, root) if isinstance(result, str) else result


def _storage(root, out):
    storage = FileSystemStorage(location=root, base_url="/media/")
    out["fs_save_first"] = storage.save("a b.txt", ContentFile(b"hello"))
    out["fs_save_taken"] = _mask(storage.save("a b.txt", ContentFile(b"again")),
                                 root)
    out["fs_save_dotted"] = _mask(storage.save("x.tar.gz", ContentFile(b"1")), root)
    out["fs_save_dotted_again"] = _mask(storage.save("x.tar.gz", ContentFile(b"1")),
                                        root)
    out["fs_save_nested"] = storage.save("sub/dir/f.txt", ContentFile("text"))
    with open(__file__, "rb") as source:
        out["fs_save_plain_file"] = _outcome(
            root, storage.save, "plain.txt", File(source))
    out["fs_exists"] = [storage.exists("a b.txt"), storage.exists("nope"),
                        storage.exists("sub")]
    out["fs_size"] = storage.size("a b.txt")
    with storage.open("a b.txt") as opened:
        out["fs_open_read"] = opened.read().decode()
        out["fs_open_type"] = type(opened).__name__
    directories, files = storage.listdir("")
    out["fs_listdir"] = [sorted(directories), sorted(_mask(f, root) for f in files)]
    out["fs_listdir_sub"] = list(storage.listdir("sub"))
    out["fs_path_outside"] = _outcome(root, storage.path, "../x")
    out["fs_exists_outside"] = _outcome(root, storage.exists, "../x")
    out["fs_url"] = [storage.url(n) for n in (
        "a b.txt", "dir/é.txt", "~!*()'.txt", "/lead.txt", "a\\b.txt", "q?#.txt")]
    out["fs_url_none"] = _outcome(
        root, FileSystemStorage(location=root, base_url=None).url, "x")
    out["fs_base_url_slash"] = FileSystemStorage(base_url="/m").base_url
    out["fs_delete"] = [storage.delete("a b.txt"), storage.exists("a b.txt")]
    out["fs_delete_missing"] = _outcome(root, storage.delete, "missing.txt")
    out["fs_delete_empty"] = _outcome(root, storage.delete, "")
    out["fs_save_traversal"] = _outcome(root, storage.save, "../x.txt",
                                       ContentFile(b"x"))
    out["fs_save_absolute"] = _outcome(root, storage.save, "/etc/x.txt",
                                       ContentFile(b"x"))
    out["fs_save_dot"] = _outcome(root, storage.save, "dir/..", ContentFile(b"x"))
    out["fs_valid_names"] = [storage.get_valid_name(n) for n in (
        "a b.txt", "ü?!.txt", " spaced ", "x'y\"z.txt")]
    out["fs_valid_name_error"] = _outcome(root, storage.get_valid_name, "???")
    out["fs_generate_filename"] = [_outcome(root, storage.generate_filename, n)
                                   for n in ("d/a b.txt", "d/../a.txt", "a\\b c.txt",
                                             "./d/x.txt", "d//x.txt")]
    out["fs_available_max_length"] = _outcome(
        root, lambda: len(storage.get_available_name("sub/dir/f.txt",
                                                      max_length=20)))
    out["fs_available_too_short"] = _outcome(
        root, storage.get_available_name, "sub/dir/f.txt", max_length=13)
    out["fs_available_free"] = storage.get_available_name("free name.txt")
    with override_settings(MEDIA_ROOT=os.path.join(root, "m"), MEDIA_URL="/u/"):
        default_settings = FileSystemStorage()
        out["fs_settings"] = [_mask(default_settings.location, root),
                              default_settings.base_url]
    mode_storage = FileSystemStorage(location=root, file_permissions_mode=0o600,
                                     directory_permissions_mode=0o700)
    name = mode_storage.save("modes/f.txt", ContentFile(b"x"))
    out["fs_modes"] = [oct(os.stat(mode_storage.path(name)).st_mode & 0o777),
                       oct(os.stat(os.path.join(root, "modes")).st_mode & 0o777)]
    with override_settings(USE_TZ=True):
        out["fs_times_aware"] = [
            getattr(storage, m)("sub/dir/f.txt").tzinfo is not None
            for m in ("get_accessed_time", "get_created_time", "get_modified_time")]
    with override_settings(USE_TZ=False):
        out["fs_times_naive"] = storage.get_modified_time("sub/dir/f.txt").tzinfo
    overwrite = FileSystemStorage(location=root, allow_overwrite=True)
    out["fs_overwrite"] = [overwrite.save("sub/dir/f.txt", ContentFile(b"new")),
                           _read(overwrite, "sub/dir/f.txt").decode()]
    assigned = FileSystemStorage(location=root)
    assigned.base_url = "/assigned/"
    out["fs_assigned_base_url"] = assigned.url("a b.txt")
    class OldFlags(FileSystemStorage):
        OS_OPEN_FLAGS = FileSystemStorage.OS_OPEN_FLAGS & ~os.O_EXCL

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        OldFlags(location=root)
    out["fs_os_open_flags_warning"] = [
        [w.category.__name__, str(w.message)] for w in caught]
    out["fs_deconstruct"] = list(FileSystemStorage(location="/x").deconstruct())
    tmp_upload = SimpleUploadedFile("up.txt", b"uploaded")
    out["fs_save_upload"] = [storage.save("up.txt", tmp_upload),
                             _read(storage, "up.txt").decode()]


def _read(storage, name, mode="rb"):
    """The content of a stored file, the file closed afterwards."""
    with storage.open(name, mode) as opened:
        return opened.read()


def _memory(root, out):
    storage = InMemoryStorage(base_url="/mem/")
    out["mem_save"] = storage.save("dir/f.txt", ContentFile("text"))
    out["mem_save_taken"] = _mask(storage.save("dir/f.txt", ContentFile(b"2")), root)
    out["mem_exists"] = [storage.exists("dir/f.txt"), storage.exists("dir"),
                         storage.exists("nope")]
    out["mem_read"] = _read(storage, "dir/f.txt")
    out["mem_read_text"] = _read(storage, "dir/f.txt", "r")
    out["mem_size"] = storage.size("dir/f.txt")
    out["mem_listdir_root"] = [sorted(x) for x in storage.listdir("")]
    out["mem_listdir_dir"] = [sorted(_mask(n, root) for n in x)
                              for x in storage.listdir("dir")]
    out["mem_listdir_missing"] = _outcome(root, storage.listdir, "nope")
    out["mem_open_missing"] = _outcome(root, storage.open, "nope.txt")
    out["mem_url"] = storage.url("dir/a b.txt")
    out["mem_path"] = _outcome(root, storage.path, "x")
    handle = storage.open("new.txt", "wb")
    handle.write(b"written")
    handle.close()
    out["mem_open_write"] = _read(storage, "new.txt")
    storage.delete("dir")
    out["mem_delete_dir"] = [storage.exists("dir"), storage.exists("dir/f.txt")]
    out["mem_size_missing"] = _outcome(root, storage.size, "gone.txt")
    storage.save("a/b/file.txt", ContentFile("ö"))
    out["mem_size_unicode"] = storage.size("a/b/file.txt")
    out["mem_open_dir"] = _outcome(root, storage.open, "a/b")
    out["mem_listdir_file"] = _outcome(root, storage.listdir, "a/b/file.txt")
    out["mem_through_file"] = _outcome(root, storage.listdir, "a/b/file.txt/c")
    out["mem_dir_times"] = [type(storage.get_created_time("a")).__name__,
                            storage.get_modified_time("a/b")
                            >= storage.get_created_time("a/b")]


def _handler(root, out):
    handler = StorageHandler({"default": {"BACKEND":
                                          "django.core.files.storage.InMemoryStorage"},
                              "bad": {"BACKEND": "nowhere.Storage"}})
    out["handler_default"] = type(handler["default"]).__name__
    out["handler_cached"] = handler["default"] is handler["default"]
    out["handler_missing"] = _outcome(root, handler.__getitem__, "other")
    bad = _outcome(root, handler.__getitem__, "bad")
    out["handler_bad_backend"] = bad[:2] + [bad[2].split(":")[0]]


def _files(root, out):
    content = ContentFile(b"a\nb\nc", name="c.txt")
    out["contentfile"] = [str(content), repr(content), bool(content), content.size,
                          list(content.chunks(2)), content.multiple_chunks(2)]
    out["contentfile_text"] = list(ContentFile("x\ny"))
    with open(os.path.join(root, "plain.bin"), "wb") as f:
        f.write(b"0123456789")
    with open(os.path.join(root, "plain.bin"), "rb") as handle:
        file = File(handle)
        out["file"] = [_mask(str(file), root), _mask(repr(file), root), file.size,
                       list(file.chunks(4)), file.multiple_chunks(4),
                       file.closed]
    out["file_closed"] = file.closed
    out["file_reopen"] = file.open().read()
    file.close()
    out["file_no_name"] = [repr(File(None)), bool(File(None))]
    out["file_closed_abilities"] = [file.readable(), file.writable(),
                                    file.seekable()]
    lines = ContentFile(b"one\rtwo\r\nthree\nfour\r")
    out["file_iter_newlines"] = list(lines)
    lines.DEFAULT_CHUNK_SIZE = 4  # \r and \r\n split across chunks
    out["file_iter_small_chunks"] = list(lines)
    out["file_iter_text"] = list(ContentFile("a\r\nb\rc"))
    out["safe_join"] = [_outcome(root, safe_join, *args) for args in (
        ("/base", "a", "b"), ("/base", "../base2"), ("/base", "/etc"), ("/", "x"),
        ("/base", ""), ("/base", "a/../.."))]
    out["to_path"] = [str(to_path("a/b")), _outcome(root, to_path, 1)]
    out["deconstructible"] = [list(Deconstructed(1, b=3).deconstruct()),
                              list(DeconstructedChild(5).deconstruct())]
    out["validate_file_name"] = [
        _outcome(root, validate_file_name, n, *flag) for n, *flag in (
            ("a.txt",), ("d/a.txt",), ("d/a.txt", True), ("../a", True),
            ("/abs", True), ("..",), ("",), ("a\\..\\b", True))]


def _fields(root, out):
    with connection.schema_editor() as editor:
        editor.create_model(Attachment)
    with override_settings(MEDIA_ROOT=root, MEDIA_URL="/media/"):
        item = Attachment(title="t")
        out["ff_empty"] = [str(item.doc), repr(item.doc), bool(item.doc),
                           item.doc.name]
        out["ff_empty_url"] = _outcome(root, lambda: item.doc.url)
        item.doc = ContentFile(b"assigned", name="a b.txt")
        out["ff_assigned"] = [type(item.doc).__name__, item.doc.name,
                              item.doc._committed]
        item.save()
        out["ff_saved"] = [item.doc.name, item.doc.url, item.doc.size,
                           item.doc._committed, item.doc.path.startswith(root)]
        again = Attachment.objects.get(pk=item.pk)
        out["ff_loaded"] = [again.doc.name, again.doc.read(), again.doc == item.doc,
                            again.doc == "docs/a b.txt", again.doc.closed]
        again.doc.close()
        item.other.save("x y.txt", ContentFile(b"cb"))
        out["ff_callable"] = item.other.name
        out["ff_values"] = list(Attachment.objects.values_list("doc", "other"))
        out["ff_long_name"] = _outcome(
            root, item.other.save, "n" * 30 + ".txt", ContentFile(b"l"))
        out["ff_traversal"] = _outcome(root, item.doc.save, "../up.txt",
                                       ContentFile(b"x"))
        item.other.delete()
        out["ff_deleted"] = [item.other.name, bool(item.other),
                             Attachment.objects.get(pk=item.pk).other.name]
        field = Attachment._meta.get_field("doc")
        out["ff_generate_filename"] = field.generate_filename(item, "sp ace.txt")
        out["ff_form_field"] = [type(field.formfield()).__name__,
                                field.formfield().max_length]
        field.save_form_data(item, False)
        out["ff_save_form_data_clear"] = item.doc.name
    with override_settings(MEDIA_ROOT=root, MEDIA_URL="/media/"):
        _model_form(root, out)
    out["ff_checks"] = sorted(
        [e.id, e.msg, e.hint] for f in Bad._meta.local_fields for e in f.check())


class _AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "doc"]


def _model_form(root, out):
    """A ModelForm saves an upload through the field's storage, shows the
    current file with a clear checkbox, and clears it."""
    form = _AttachmentForm({"title": "f"},
                           {"doc": SimpleUploadedFile("h i.txt", b"hello")})
    out["mf_valid"] = [form.is_valid(), dict(form.errors)]
    item = form.save()
    out["mf_saved"] = [item.doc.name, item.doc.url, item.doc.size]
    out["mf_widget"] = str(_AttachmentForm(instance=item)["doc"])
    form = _AttachmentForm({"title": "f", "doc-clear": "on"}, {}, instance=item)
    out["mf_clear"] = [form.is_valid(), form.save().doc.name,
                       Attachment.objects.get(pk=item.pk).doc.name]
    form = _AttachmentForm({"title": "g", "doc-clear": "on"},
                           {"doc": SimpleUploadedFile("x.txt", b"x")}, instance=item)
    out["mf_clear_and_upload"] = [form.is_valid(), dict(form.errors)]


class _Collect(FileUploadHandler):
    """Records the calls; the chunks' sizes are the parser's affair (Django's
    vary with the boundary), so only their sum and offsets are kept."""

    chunk_size = 4

    def __init__(self, request=None):
        super().__init__(request)
        self.seen = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.data = b""
        self.seen.append(["new", self.field_name, self.file_name, self.content_type,
                          self.charset, self.content_length])

    def receive_data_chunk(self, raw_data, start):
        if start != len(self.data):
            self.seen.append(["bad offset", start])
        self.data += raw_data
        return raw_data

    def file_complete(self, file_size):
        self.seen.append(["complete", file_size, self.data.decode()])
        return None

    def upload_complete(self):
        self.seen.append(["upload_complete"])


class _Skip(FileUploadHandler):
    def new_file(self, field_name, *args, **kwargs):
        if field_name == "skip":
            raise SkipFile()

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


class _Stop(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        raise StopUpload(connection_reset=False)

    def file_complete(self, file_size):
        return None


class _Claim(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        self.kept = raw_data  # returning None stops the chain here

    def file_complete(self, file_size):
        return SimpleUploadedFile(self.file_name, self.kept.upper())


def _post(data, handlers=None, **settings):
    request = RequestFactory().post("/", data)
    if handlers is not None:
        request.upload_handlers = handlers
    with override_settings(**settings):
        request.FILES, request.POST
    return request


def _uploads(root, out):
    def upload(name, content=b"0123456789"):
        return SimpleUploadedFile(name, content, content_type="text/plain")

    request = _post({"f": upload("a.txt"), "t": "v"})
    uploaded = request.FILES["f"]
    out["upload_default"] = [type(uploaded).__name__, uploaded.name, uploaded.size,
                             uploaded.read().decode(), uploaded.content_type,
                             request.POST["t"],
                             [type(h).__name__ for h in request.upload_handlers]]
    request = _post({"f": upload("big.txt")}, FILE_UPLOAD_MAX_MEMORY_SIZE=5)
    big = request.FILES["f"]
    out["upload_big"] = [type(big).__name__, big.size, big.read().decode(),
                         big.temporary_file_path().endswith(".upload.txt")]
    big.close()
    collect = _Collect()
    request = _post({"f": upload("c.txt"), "g": upload("d.txt", b"xy")},
                    [collect, *RequestFactory().get("/").upload_handlers])
    out["upload_collect"] = collect.seen
    out["upload_collect_files"] = sorted(request.FILES)
    request = _post({"skip": upload("s.txt"), "keep": upload("k.txt")},
                    [_Skip(), *RequestFactory().get("/").upload_handlers])
    out["upload_skip"] = sorted(request.FILES)
    request = _post({"f": upload("x.txt"), "after": "field"},
                    [_Stop(), *RequestFactory().get("/").upload_handlers])
    out["upload_stop"] = [sorted(request.FILES), sorted(request.POST)]
    request = _post({"f": upload("x.txt")},
                    [_Claim(), *RequestFactory().get("/").upload_handlers])
    out["upload_claimed"] = [sorted(request.FILES), request.FILES["f"].read()]
    out["upload_handlers_frozen"] = [
        type(request.upload_handlers).__name__,
        _outcome(root, request.upload_handlers.append, None),
        _outcome(root, setattr, request, "upload_handlers", [])]
    out["stop_upload_str"] = [str(StopUpload()), str(StopUpload(True))]
    meta = {"CONTENT_TYPE": "multipart/form-data; boundary=_foo",
            "CONTENT_LENGTH": "1"}
    out["parser_errors"] = [
        _outcome(root, MultiPartParser, {**meta, "CONTENT_TYPE": "text/plain"},
                 BytesIO(b"x"), [], "utf-8"),
        _outcome(root, MultiPartParser, {**meta, "CONTENT_LENGTH": -1},
                 BytesIO(b"x"), [], "utf-8"),
        _outcome(root, MultiPartParser,
                 {**meta, "CONTENT_TYPE": "multipart/form-data; boundary="},
                 BytesIO(b"x"), [], "utf-8")]
    parser = MultiPartParser(meta, BytesIO(b"x"), [], "utf-8")
    out["parser_sanitize"] = [parser.sanitize_file_name(n) for n in (
        "../a.txt", "..\\b.txt", "c&#46;txt", "..", "", "d/e\x00f.txt")]
    body = (b"--_foo\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            b"--_foo--\r\n")
    post, files = MultiPartParser({**meta, "CONTENT_LENGTH": str(len(body))},
                                  BytesIO(body), [], "utf-8").parse()
    out["parser_parse"] = [dict(post), dict(files)]
    def parse(part_headers):
        body = ("--_foo\r\n%s\r\n\r\nxx\r\n--_foo--\r\n" % part_headers).encode()
        handlers = RequestFactory().get("/").upload_handlers
        post, files = MultiPartParser({**meta, "CONTENT_LENGTH": str(len(body))},
                                      BytesIO(body), handlers, "utf-8").parse()
        return [[k, [f.name, f.content_type, f.charset, f.content_type_extra]]
                for k, f in files.items()]

    out["parser_content_type_extra"] = parse(
        'Content-Disposition: form-data; name="f"; filename="a.txt"\r\n'
        "Content-Type: text/plain; charset=latin-1; k=v")
    out["parser_no_content_type"] = parse(
        'Content-Disposition: form-data; name="f"; filename="a.txt"')
    out["parser_rfc2231_quoted"] = parse(
        "Content-Disposition: form-data; name*=\"UTF-8''f%C3%A9\"; "
        "filename*=\"UTF-8''%C3%A9.txt\"")
    header = 'Content-Disposition: form-data; name="f"; filename="a.txt"\r\nX-Long: '
    out["parser_header_500"] = _outcome(root, parse, header + "-" * 500)
    out["parser_header_too_long"] = _outcome(root, parse, header + "-" * 1100)
    payload = FakePayload("ab")
    payload.write(b"cd")
    out["fake_payload"] = [len(payload), payload.read(), _outcome(
        root, payload.write, b"x")]


def _jsonable(value):
    """bytes as repr() strings, tuples as lists: what JSON can hold."""
    if isinstance(value, bytes):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def run():
    """Every observation, keyed by name."""
    root = os.path.realpath(tempfile.mkdtemp())
    out = {}
    try:
        for part in (_storage, _memory, _handler, _files, _fields, _uploads):
            part(root, out)
    finally:
        shutil.rmtree(root)
    return _jsonable(out)
