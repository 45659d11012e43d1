"""Run `python -m djscratch ...`, `python script.py ...` and `python -c ...`
as a new process that skips start-up: forked from a process that has already
imported djscratch.py.

Most command-line tests pay more for starting Python and importing the one
large file than for what they check.  `run()` takes subprocess.run()'s
arguments and returns its CompletedProcess; the child gets its own working
folder, environment, sys.argv, sys.path and standard streams, exactly as
`subprocess.run()` would give them.  Whatever a fork cannot reproduce (another
interpreter, interpreter options, PYTHON* variables other than PYTHONPATH, a
djscratch other than this repository's) runs through subprocess.run() itself.
"""

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAT = os.path.join(ROOT, "djscratch.py")

#: The forking process: imports djscratch, then forks a child per request.
#: This file is executed there without being imported, so that no `tests`
#: package is in sys.modules of a child that runs another project's tests.
SERVER = r"""
import sys
path, root = sys.argv[1], sys.argv[2]
base_path = sys.path[1:]
sys.path.insert(0, root)
import djscratch
sys.path[:] = base_path
namespace = {"__name__": "djscratch_fork_server", "__file__": path}
with open(path, encoding="utf-8") as f:
    exec(compile(f.read(), path, "exec"), namespace)
namespace["warm_up"]()
namespace["serve"](djscratch, base_path)
"""

#: Standard-library modules nearly every forked command imports (the test
#: runner, management commands, mail, logging, sqlite3): imported once in the
#: server instead of in each child.  Only the standard library: a child still
#: imports djscratch's own modules, the `django` aliases and the project's
#: code itself, as a new process does.
WARM_MODULES = (
    "argparse", "ast", "base64", "calendar", "dataclasses", "decimal", "difflib", "dis",
    "email.generator", "email.headerregistry", "email.mime.message",
    "email.mime.multipart", "email.mime.text", "email.policy", "email.utils",
    "faulthandler", "getpass", "gettext", "hashlib", "hmac", "http.cookies", "inspect",
    "linecache", "logging", "logging.config", "logging.handlers", "mimetypes",
    "pathlib", "pickle", "pkgutil", "pprint", "queue", "secrets", "socket",
    "socketserver", "sqlite3", "string", "textwrap", "tokenize", "traceback", "typing",
    "unittest",
)


def warm_up():
    """Import WARM_MODULES in the server (a child finds them loaded)."""
    import importlib

    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # a build without it (sqlite3, say): the child's
            pass  # own import fails the same way


def serve(djscratch, base_path):
    """The server's loop: a JSON request per line in, pid then status out."""
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(djscratch, base_path, request)  # never returns
        out.write(b"%d\n" % pid)
        out.flush()
        _, status = os.waitpid(pid, 0)
        out.write(b"%d\n" % os.waitstatus_to_exitcode(status))
        out.flush()


def _child(djscratch, base_path, request):
    """In the forked child: become the requested process, run, exit."""
    import io
    import locale
    import threading
    import time
    import types
    from importlib.machinery import SourceFileLoader

    code = 1
    try:
        os.setpgid(0, 0)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if hasattr(time, "tzset"):
            time.tzset()
        locale.setlocale(locale.LC_CTYPE, "")
        stdin = os.open(request["stdin"] or os.devnull, os.O_RDONLY)
        stdout = os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC)
        stderr = stdout if request["stderr"] == "STDOUT" else os.open(
            request["stderr"], os.O_WRONLY | os.O_TRUNC)
        for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
            os.dup2(fd, target)
        sys.dont_write_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
        unbuffered = bool(os.environ.get("PYTHONUNBUFFERED"))

        def stream(fd, mode, **options):
            raw = io.FileIO(fd, mode, closefd=False)
            if unbuffered and mode == "w":
                return io.TextIOWrapper(raw, encoding="utf-8", write_through=True,
                                        **options)
            buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
            return io.TextIOWrapper(buffered, encoding="utf-8", **options)

        sys.stdin = sys.__stdin__ = stream(0, "r")
        sys.stdout = sys.__stdout__ = stream(1, "w")
        sys.stderr = sys.__stderr__ = stream(2, "w", errors="backslashreplace",
                                             line_buffering=True)
        kind, target, args = request["kind"], request["target"], request["args"]
        first = {"module": os.getcwd(), "script": os.path.dirname(
            os.path.abspath(target)), "code": ""}[kind]
        sys.path[:] = [first] + request["pythonpath"] + base_path
        main = types.ModuleType("__main__")
        sys.modules["__main__"] = main
        try:
            if kind == "module":
                main.__file__ = djscratch.__file__
                sys.argv = [djscratch.__file__] + args
                code = djscratch.main()
            else:
                # As the interpreter does: __main__'s __file__ is absolute,
                # sys.argv[0] what was typed.
                sys.argv = [target if kind == "script" else "-c"] + args
                main.__builtins__ = __builtins__
                filename = "<string>"
                compiled = None
                if kind == "script":
                    filename = main.__file__ = os.path.abspath(target)
                    main.__loader__ = SourceFileLoader("__main__", filename)
                    compiled = _current_byte_code(filename)
                    if compiled is None:
                        with open(filename, "rb") as f:
                            target = f.read()
                if compiled is None:
                    compiled = compile(target, filename, "exec")
                exec(compiled, main.__dict__)
                code = 0
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            sys.excepthook(*sys.exc_info())
            code = 1
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        threading._shutdown()
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    finally:
        os._exit(code if isinstance(code, int) else 1)


def _current_byte_code(filename):
    """The code of `filename` from its __pycache__ entry when that is current
    (this interpreter's, written for the file's present time and size), else
    None.  The interpreter compiles a script it runs every time; for
    `python djscratch.py ...` that is a second of CPU, and the code is the
    same as the module's cached code."""
    import importlib.util
    import marshal

    try:
        with open(importlib.util.cache_from_source(filename), "rb") as f:
            data = f.read()
        source = os.stat(filename)
    except (OSError, NotImplementedError, ValueError):
        return None
    header = (importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")
              + (int(source.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little")
              + (source.st_size & 0xFFFFFFFF).to_bytes(4, "little"))
    if data[:16] != header:
        return None
    code = marshal.loads(data[16:])
    return code if code.co_filename == filename else None


class _Server:
    """The forking process, started on first use, ended with the tests."""

    process = None
    pending = b""

    @classmethod
    def get(cls):
        if cls.process is None or cls.process.poll() is not None:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            cls.process = subprocess.Popen(
                [sys.executable, "-c", SERVER, os.path.abspath(__file__), ROOT],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, env=env,
                bufsize=0)
            cls.pending = b""
            atexit.register(cls.stop)
        return cls.process

    @classmethod
    def readline(cls, timeout=None):
        """The server's next line as an int; None when `timeout` passes first."""
        fd = cls.process.stdout.fileno()
        while b"\n" not in cls.pending:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            data = os.read(fd, 4096)
            if not data:
                raise RuntimeError("the fork server exited")
            cls.pending += data
        line, _, cls.pending = cls.pending.partition(b"\n")
        return int(line)

    @classmethod
    def stop(cls):
        if cls.process is not None and cls.process.poll() is None:
            cls.process.stdin.close()
            cls.process.wait(timeout=10)


#: The PYTHON* variables a forked child honours as a new interpreter would.
EMULATED = ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")


def _forkable(argv, env):
    """Return (kind, target, args, pythonpath) for a fork, or None."""
    if len(argv) < 2 or argv[0] != sys.executable or not hasattr(os, "fork"):
        return None
    if any(k.startswith("PYTHON") and k not in EMULATED for k in env):
        return None
    if env.get("DJSCRATCH_ENGINE", "djscratch").strip().lower() != "djscratch":
        return None  # real Django instead of the alias imported here
    pythonpath = [os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(
        os.pathsep) if p]
    if argv[1] == "-m" and len(argv) > 2 and argv[2] == "djscratch":
        return "module", "djscratch", argv[3:], pythonpath
    if argv[1] == "-c" and len(argv) > 2:
        return "code", argv[2], argv[3:], pythonpath
    if not argv[1].startswith("-"):
        return "script", argv[1], argv[2:], pythonpath
    return None


def _found_djscratch(folders):
    for folder in folders:
        for name in ("djscratch.py", os.path.join("djscratch", "__init__.py")):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                return os.path.realpath(path)
    return None


def run(argv, *, cwd=None, env=None, input=None, timeout=None, text=False,
        capture_output=False, stdout=None, stderr=None, check=False,
        encoding=None, universal_newlines=None):
    """subprocess.run() for a Python command, forked when it can be."""
    environ = dict(os.environ if env is None else env)
    cwd = os.path.abspath(cwd or os.getcwd())
    if capture_output:
        stdout = stderr = subprocess.PIPE
    plan = _forkable([str(a) for a in argv], environ)
    text = text or bool(encoding) or bool(universal_newlines)
    if plan is not None:
        kind, target, args, pythonpath = plan
        first = cwd if kind != "script" else os.path.dirname(
            os.path.join(cwd, target))
        captured = stdout == subprocess.PIPE and stderr in (
            subprocess.PIPE, subprocess.STDOUT)
        if not captured or _found_djscratch([first] + pythonpath) != \
                os.path.realpath(FLAT):
            plan = None
    if plan is None:
        return subprocess.run(
            argv, cwd=cwd, env=env, input=input, timeout=timeout, text=text,
            stdout=stdout, stderr=stderr, check=check)
    with tempfile.TemporaryDirectory(prefix="djscratch-forked-") as tmp:
        paths = {name: os.path.join(tmp, name) for name in ("in", "out", "err")}
        for path in paths.values():
            open(path, "wb").close()
        if input is not None:
            with open(paths["in"], "wb") as f:
                f.write(input.encode() if isinstance(input, str) else input)
        request = {"kind": kind, "target": target, "args": args, "cwd": cwd,
                   "env": environ, "pythonpath": pythonpath,
                   "stdin": paths["in"] if input is not None else None,
                   "stdout": paths["out"],
                   "stderr": "STDOUT" if stderr == subprocess.STDOUT
                   else paths["err"]}
        server = _Server.get()
        server.stdin.write((json.dumps(request) + "\n").encode())
        pid = _Server.readline()
        returncode = _Server.readline(timeout)
        if returncode is None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            _Server.readline()
            raise subprocess.TimeoutExpired(argv, timeout)
        outputs = []
        for name in ("out", "err"):
            if name == "err" and stderr == subprocess.STDOUT:
                outputs.append(None)
                continue
            with open(paths[name], "rb") as f:
                data = f.read()
            outputs.append(data.decode().replace("\r\n", "\n") if text else data)
    result = subprocess.CompletedProcess(argv, returncode, *outputs)
    if check:
        result.check_returncode()
    return result
