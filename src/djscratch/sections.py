"""Sections of the single file built on first use: djscratch's own
machinery, with no Django counterpart.

tools/amalgamate.py leaves the modules DEFERRED_SECTIONS names out of the
single file's bytecode and fills the tables below; `_load_section()` (in
the package's __init__, whose namespace is the whole single file's) builds a
section with the code read here, on the first use of one of its names.  In
the package every module loads normally and these tables stay empty.
"""

import sys

# The single file leaves sections a served page never needs (the admin, ...:
# DEFERRED_SECTIONS in tools/amalgamate.py) out of its bytecode: each is the
# text of a string statement, which the compiler drops.  The first use of one
# of their names (djscratch.__getattr__; the other modules' code says
# __getattr__("Name") for them) compiles the text from the file's own lines,
# so tracebacks and inspect point at them, and runs it in the file's namespace.
# The package defines everything normally: these tables stay empty there.

#: A section's name -> the sections whose names its code uses.
_SECTION_NEEDS = {}
#: Each name a section defines -> the section.
_DEFERRED_NAMES = {}
#: A section's name -> the sha256 of its text as generated: a file replaced
#: on disk after the import is not mixed with the code already running.
_SECTION_DIGESTS = {}
#: A section's name -> (byte offset, length, first line) of each of its
#: blocks in this file as generated: a build reads only those bytes.
_SECTION_PLACES = {}
_SECTIONS_LOADED = set()
# One thread builds a section; another wanting it waits (a class defined
# twice would make two different classes).
_SECTION_LOCK = __import__("threading").RLock()
_SECTION_BEGIN = "r\'\'\'  # begin deferred section "
_SECTION_END = "\'\'\'  # end deferred section "
#: The linecache entry _show_sections_to_inspect() made (to do it once).
_INSPECT_VIEW = []


def _section_blocks(data):
    """[(section, first line, text)] of the sections' blocks in `data`, this
    file's bytes, found by their marker lines (so a file edited by hand above
    them still works)."""
    begin, end = _SECTION_BEGIN.encode(), _SECTION_END.encode()
    blocks, at, line_at = [], 0, 1  # line_at: the line number of `at`
    while True:
        start = data.find(b"\n" + begin, at)
        if start < 0:
            return blocks
        name_end = data.index(b" ", start + 1 + len(begin))
        name = data[start + 1 + len(begin):name_end].decode()
        text_start = data.index(b"\n", name_end) + 1
        text_end = data.index(b"\n" + end + name.encode() + b" ", text_start) + 1
        line = line_at + data.count(b"\n", at, text_start)
        blocks.append((name, line, data[text_start:text_end]))
        line_at = line + data.count(b"\n", text_start, text_end)
        at = text_end


def _read_section_blocks(name):
    """[(section, first line, text)] of one section's blocks, read where the
    generator wrote them (_SECTION_PLACES: a seek and a read each), or, in a
    file edited by hand since, found in the whole file by their marker lines;
    ImportError when their text is not the one this process imported."""
    import hashlib

    def digest(blocks):
        return hashlib.sha256(b"".join(text for _, _, text in blocks)).hexdigest()

    with open(__file__, "rb") as f:
        blocks = []
        for offset, length, line in _SECTION_PLACES.get(name, ()):
            f.seek(offset)
            blocks.append((name, line, f.read(length)))
        if not blocks or digest(blocks) != _SECTION_DIGESTS.get(name):
            f.seek(0)
            blocks = [block for block in _section_blocks(f.read()) if block[0] == name]
    if digest(blocks) != _SECTION_DIGESTS.get(name):
        raise ImportError(f"{__file__} is not the file this process imported "
                          f"(its section {name!r} differs): start the process again")
    return blocks


def _section_code(name):
    """[(first line, code)] of one section's blocks: from __pycache__ when
    compiled by the same interpreter from the same text of this file as it
    is now (its size and time, as the import system decides for the module's
    own bytecode), without reading the text; else compiled (and kept there,
    if it can be written)."""
    import hashlib
    import importlib.util
    import marshal
    import os

    stat = os.stat(__file__)
    digest = hashlib.sha256(
        f"{__file__}|{sys.flags.optimize}|{stat.st_size}|{stat.st_mtime_ns}|"
        f"{_SECTION_DIGESTS.get(name)}|{_SECTION_PLACES.get(name)}".encode())
    key = importlib.util.MAGIC_NUMBER + digest.digest()
    path = _section_cache_path(name)
    try:
        with open(path, "rb") as f:
            cached = f.read()
        if cached.startswith(key):
            return marshal.loads(cached[len(key):])
    except (OSError, TypeError, ValueError, EOFError):
        pass
    codes = [(line, compile("\n" * (line - 1) + text.decode("utf-8"), __file__,
                            "exec", dont_inherit=True))
             for _name, line, text in _read_section_blocks(name)]
    if path and not sys.dont_write_bytecode:
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "wb") as f:
                f.write(key + marshal.dumps(codes))
            os.replace(temporary, path)
        except OSError:  # a cache it cannot write is no cache
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return codes


def _section_cache_path(name):
    """__pycache__/djscratch.<name>.<cache tag>.pyc beside the module's own
    .pyc (None when the interpreter keeps none)."""
    import importlib.util
    import os

    tag = sys.implementation.cache_tag
    try:
        pyc = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    if tag is None:
        return None
    stem = os.path.basename(__file__).rpartition(".")[0]
    return os.path.join(os.path.dirname(pyc), f"{stem}.{name}.{tag}.pyc")


def _show_sections_to_inspect():
    """Before Python 3.13 inspect.getsource() finds a class by parsing its
    whole file, where a section is a string: linecache gets an entry for
    this file whose lines, read when first asked for, have the sections'
    marker lines made comments (no line moves), so the parse sees their
    classes.  (3.13 reads the class's __firstlineno__.)"""
    if sys.version_info >= (3, 13):
        return  # not needed
    import linecache
    import os

    entry = linecache.cache.get(__file__)
    if _INSPECT_VIEW and entry is _INSPECT_VIEW[0]:
        return  # done
    stat = os.stat(__file__)
    entry = _SectionLinesOnFirstUse((stat.st_size, stat.st_mtime, None, __file__))
    linecache.cache[__file__] = entry
    _INSPECT_VIEW[:] = [entry]


class _SectionLinesOnFirstUse(tuple):
    """linecache's entry (size, mtime, lines, fullname) for this file, whose
    lines are read on first use (a traceback, inspect, a warning), with the
    sections' marker lines made comments: splitting the whole file at each
    section's build was most of what a build cost."""

    def __getitem__(self, index):
        return self._entry()[index]

    def __iter__(self):
        return iter(self._entry())

    def _entry(self):
        entry = self.__dict__.get("entry")
        if entry is None:
            with open(__file__, "rb") as f:
                data = f.read()
            # Lines end at "\n" only, as linecache reads them (str.splitlines()
            # would also end one at a form feed).
            lines = __import__("io").StringIO(data.decode("utf-8")).readlines()
            markers = (_SECTION_BEGIN, _SECTION_END)
            lines = [f"# {line}" if line.startswith(markers) else line
                     for line in lines]
            size, mtime = tuple.__getitem__(self, slice(0, 2))
            entry = self.__dict__["entry"] = (size, mtime, lines, __file__)
        return entry


# -- Methods of an eager class whose code waits in a section.  A class a page
# needs at import (SQLCompiler, ...) can still leave the methods a plain page
# never runs in a section: its `_extra` module holds them in a class of their
# own (the holder), and the eager class gets a _MethodOnFirstUse for each.
# The first read of one (from an instance, the class, a subclass or super())
# builds the section and puts every waiting method of the class in its place
# (with its qualified name as if defined there; its module stays the one
# whose globals it reads), so later reads are plain attribute reads.

#: [(class, holder's name, names)] of every class with waiting methods.
_METHODS_ON_FIRST_USE = []


class _MethodOnFirstUse:
    """A method of `owner` whose code is the attribute `name` of the class
    `holder` (a djscratch name: built on first use in the single file)."""

    __slots__ = ("holder", "owner", "name")

    def __init__(self, holder, owner, name):
        self.holder, self.owner, self.name = holder, owner, name

    def __get__(self, instance, owner=None):
        _put_methods_in_place(self.owner, self.holder)
        value = self.owner.__dict__[self.name]
        if owner is None:
            owner = type(instance)
        getter = getattr(type(value), "__get__", None)
        return value if getter is None else getter(value, instance, owner)

    def __repr__(self):
        return f"<method {self.owner.__qualname__}.{self.name} on first use>"


def _put_methods_in_place(cls, holder):
    """Define on `cls` each waiting method that `holder` (a djscratch name)
    holds."""
    import djscratch

    found = getattr(djscratch, holder)
    for name, value in vars(found).items():
        if not isinstance(cls.__dict__.get(name), _MethodOnFirstUse):
            continue  # (not waiting: defined, or patched, since)
        function = getattr(value, "__func__", None) or getattr(value, "fget", None) \
            or value
        if hasattr(function, "__code__"):
            function.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, value)


def _methods_on_first_use(holder, names):
    """Class decorator: the methods `names` of the class are those of the
    class `holder` (a djscratch name, in a section), defined on first use."""
    def wait(cls):
        for name in names:
            if name in cls.__dict__:
                raise TypeError(f"{cls.__qualname__} defines {name} itself")
            setattr(cls, name, _MethodOnFirstUse(holder, cls, name))
        _METHODS_ON_FIRST_USE.append((cls, holder, tuple(names)))
        return cls
    return wait
