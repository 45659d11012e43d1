"""Regenerate every expectation file in tests/ with real Django 5.2, the oracle.

    python tools/regenerate_expected.py            # rewrite the expected outputs
    python tools/regenerate_expected.py --check    # same, then exit 1 naming
                                                   # every file that changed
    python tools/regenerate_expected.py --python PATH   # another oracle

The oracle is the virtual environment `.venv-django` in the repository root,
built from the pinned requirements-django.txt: the one CI's .ci/two_engines.sh
builds.  It is created (and the pins installed) when missing, and reinstalled
when its Django is not the pinned one.  Every tests/gen_*.py then runs with it,
one at a time, in name order, from the repository root, with a fixed hash seed
and time zone; each generator writes its own files under tests/.  The
generators are deterministic: regenerating an unchanged tree gives the same
bytes, which `--check` verifies (it leaves the regenerated files in place, so
`git diff` shows what moved).
"""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
VENV = ROOT / ".venv-django"
REQUIREMENTS = ROOT / "requirements-django.txt"

#: Generators left out of a regeneration, with the reason.  None today: every
#: generator pins what would vary (signing clocks, random seeds, addresses).
EXCLUDED = {}

#: Files under tests/ that are not expectations (caches, scratch databases).
IGNORED = re.compile(r"(^|/)__pycache__/|\.py[co]$|\.sqlite3(-\w+)?$")


def generators():
    """tests/gen_*.py in name order, minus EXCLUDED."""
    return [p for p in sorted(TESTS.glob("gen_*.py")) if p.name not in EXCLUDED]


def pinned_django_version():
    """The Django version requirements-django.txt pins (`django==X.Y.Z`)."""
    match = re.search(r"^django==(\S+)", REQUIREMENTS.read_text(), re.I | re.M)
    if match is None:
        sys.exit(f"{REQUIREMENTS.name} pins no django==version")
    return match.group(1)


def django_version(python):
    """The Django version `python` imports, or None."""
    result = subprocess.run(
        [str(python), "-c", "import django; print(django.__version__)"],
        capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def venv_python():
    """The interpreter of .venv-django (POSIX or Windows layout)."""
    unix = VENV / "bin" / "python"
    return unix if os.name != "nt" else VENV / "Scripts" / "python.exe"


def build_oracle():
    """Create .venv-django when missing and install the pins when its Django
    is not the pinned one; return its interpreter."""
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV.name} ({REQUIREMENTS.name})", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if django_version(python) != pinned_django_version():
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet",
             "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
            cwd=ROOT, check=True)
    return python


def check_oracle(python):
    """Fail unless `python` imports the pinned Django."""
    found, wanted = django_version(python), pinned_django_version()
    if found != wanted:
        sys.exit(f"{python} has Django {found or '(none)'}; the oracle is "
                 f"Django {wanted} (requirements-django.txt)")


def snapshot():
    """{path under tests/: bytes} for every file but caches."""
    files = {}
    for path in TESTS.rglob("*"):
        name = path.relative_to(ROOT).as_posix()
        if path.is_file() and not IGNORED.search(name):
            files[name] = path.read_bytes()
    return files


def oracle_environment():
    """The environment the generators run in: fixed hash seed and zone, no
    settings or engine choice leaking in from the caller's shell."""
    env = dict(os.environ, PYTHONHASHSEED="0", TZ="UTC")
    for name in ("DJANGO_SETTINGS_MODULE", "DJSCRATCH_ENGINE", "PYTHONPATH"):
        env.pop(name, None)
    return env


def run_generators(python):
    """Run every generator; stop at the first failure, showing its output."""
    env = oracle_environment()
    for path in generators():
        start = time.perf_counter()
        result = subprocess.run([str(python), str(path.relative_to(ROOT))],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            sys.exit(f"{path.relative_to(ROOT)} failed (exit {result.returncode})")
        print(f"  {path.relative_to(ROOT)}  {seconds:.1f} s", flush=True)


def changed_files(before, after):
    """Paths added, removed or rewritten with other bytes, sorted."""
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1, naming them, if any file under tests/ changed")
    parser.add_argument("--python", help="an interpreter with the pinned Django "
                        "(default: .venv-django, built when missing)")
    args = parser.parse_args(argv)
    python = pathlib.Path(args.python) if args.python else build_oracle()
    check_oracle(python)
    before = snapshot() if args.check else None
    start = time.perf_counter()
    print(f"regenerating with {python}", flush=True)
    run_generators(python)
    print(f"{len(generators())} generators in {time.perf_counter() - start:.1f} s")
    if not args.check:
        return 0
    changed = changed_files(before, snapshot())
    if changed:
        print("regenerating changed these files (see `git diff`):", file=sys.stderr)
        for name in changed:
            print(f"  {name}", file=sys.stderr)
        return 1
    print("every expectation file is what the oracle generates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
