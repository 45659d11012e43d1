"""Run the test suites of popular third-party Django apps, unchanged, on djscratch.

    python tools/third_party_suite.py            # run them, print the counts
    python tools/third_party_suite.py --check    # and exit 1 when a package passes
                                                 # fewer tests than its committed figure
    python tools/third_party_suite.py --update   # rewrite the committed figures
    python tools/third_party_suite.py django-filter    # only this package

Each package comes from its pinned source distribution on PyPI (`pip download`,
SHA-256 checked, kept under .cache/third-party/).  Its tests run the way its own
CI runs them (its runtests.py, `python -m django test`, or pytest with
pytest-django), on SQLite, in a venv of their own (requirements-third-party.txt:
pytest and the test tools these packages use, never Django), where `django`
resolves to this checkout's djscratch.py through the same fallback a
`pip install djscratch` sets up.  The counts go to tools/third_party_counts.json
(what --check reads) and to the "Third-party packages" section of
docs/django-test-suite.md.
"""

import argparse
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "third-party"
VENV = CACHE / "venv"
REQUIREMENTS = ROOT / "requirements-third-party.txt"
COUNTS = ROOT / "tools" / "third_party_counts.json"
TIMEOUT = 600

#: name, version, SHA-256 of the sdist, how its own CI runs the tests, notes.
#: "runner" is "django" (a Django test command; unittest's summary is read) or
#: "pytest" (pytest-django reads DJANGO_SETTINGS_MODULE; its JUnit XML is read).
PACKAGES = [
    {"name": "django-filter", "version": "26.2",
     "sha256": "fd5cc83995fbe9f5f07fb5dcda16fde0f04de1ecf8ef82628b6c0ec921b751af",
     "runner": "django", "args": ["runtests.py"], "uses": ["djangorestframework"],
     "note": "its test settings install rest_framework, which its CI installs: "
             "Django REST framework's pinned sdist is put on its path"},
    {"name": "django-taggit", "version": "6.0.0",
     "sha256": "723d98bd5c536daa3c0e1bdae0965f7005a9b15269816bb4053fafec4ebad57e",
     "runner": "django", "args": ["-m", "django", "test", "--settings=tests.settings"],
     "note": "6.0.0: the sdist of 6.1.0 no longer ships its tests"},
    {"name": "django-model-utils", "version": "5.0.0",
     "sha256": "041cdd6230d2fbf6cd943e1969318bce762272077f4ecd333ab2263924b4e5eb",
     "runner": "pytest", "args": ["tests"], "env": {"SQLITE": "1"}},
    {"name": "django-crispy-forms", "version": "2.7", "module": "crispy_forms",
     "sha256": "4c59bed60417375cba26cebb2c67ab350b655934670270b1c89dbcd7e60f1b4c",
     "runner": "pytest", "args": ["tests"],
     "uses": ["crispy-bootstrap3", "crispy-bootstrap4"]},
    {"name": "crispy-bootstrap5", "version": "2026.9",
     "sha256": "e574e6e910e97f5a32f5a18cc632d8bfd71cc4cb0f8fdd531e15f8618af2488b",
     "runner": "pytest", "args": ["tests"], "uses": ["django-crispy-forms"],
     "note": "its sdist leaves out tests/__init__.py and tests/forms.py, which "
             "every test file imports: its tests cannot run from PyPI (none of "
             "its sdists since 2024.2 carries them)"},
    {"name": "django-widget-tweaks", "version": "1.5.1",
     "sha256": "084acc9eeb5a3208f2670522de6284287973e54d54488ce6d402f4b99bc5f452",
     "runner": "django", "args": ["-m", "django", "test", "--settings=tests.settings"]},
    {"name": "django-environ", "version": "0.14.0",
     "sha256": "b6c48d93b9d2ff8a3ea14099e90c35aa4f101c1b4d5f262dfee0d27b06742ed7",
     "runner": "pytest", "args": ["tests"]},
    {"name": "whitenoise", "version": "6.12.0",
     "sha256": "f723ebb76a112e98816ff80fcea0a6c9b8ecde835f8ddda25df7a30a3c2db6ad",
     "runner": "pytest", "src": "src",
     "args": ["tests/test_media_types.py", "tests/test_responders.py",
              "tests/test_string_utils.py"],
     "note": "its sdist leaves out tests/utils.py, conftest.py, django_settings.py "
             "and the test files that test_compress, test_django_whitenoise, "
             "test_storage and test_whitenoise import, and test_runserver_nostatic "
             "needs the settings of the missing conftest.py: those five cannot run "
             "from PyPI, the other three do"},
]


#: Packages another one's tests import (crispy-forms' template packs, Django REST
#: framework for django-filter), not run themselves.
SUPPORT = [
    {"name": "djangorestframework", "version": "3.18.3", "module": "rest_framework",
     "sha256": "446a9b352e7eff630421ab3f2328bd2401b109a9470afa4a31189994911ed030"},
    {"name": "crispy-bootstrap3", "version": "2024.1", "module": "crispy_bootstrap3",
     "sha256": "343c696ae1a854ac0ccad25e9e7d782400783034220a11aa179d1d799acf6161"},
    {"name": "crispy-bootstrap4", "version": "2026.2", "module": "crispy_bootstrap4",
     "sha256": "66f8f14bf9c2c16ed94243236ed253a94e5a625afa1ee64022ce29db98c6cd85"},
]


def sdist_name(package):
    return f"{package['name'].replace('-', '_')}-{package['version']}.tar.gz"


def fetch(package):
    """Return the verified sdist of `package`, downloading it once."""
    CACHE.mkdir(parents=True, exist_ok=True)
    candidates = [CACHE / sdist_name(package),
                  CACHE / f"{package['name']}-{package['version']}.tar.gz"]
    if not any(c.exists() for c in candidates):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--no-binary", ":all:", "--dest", str(CACHE),
             f"{package['name']}=={package['version']}"], check=True, timeout=300,
            stderr=subprocess.DEVNULL)
    path = next(c for c in candidates if c.exists())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != package["sha256"]:
        path.unlink()
        raise SystemExit(f"{path.name}: SHA-256 {digest}, expected {package['sha256']}")
    return path


def unpack(package):
    """Extract the sdist under .cache/third-party/ once; return its folder."""
    sdist = fetch(package)
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        target = CACHE / top
        if not target.exists():
            archive.extractall(CACHE, filter="data")
    return target


def python():
    """The venv's Python: test tools from the pinned requirements, no Django,
    and a .pth that puts this checkout's djscratch.py behind `import django`."""
    bin_python = VENV / "bin" / "python"
    stamp = VENV / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not bin_python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not stamp.exists() or stamp.read_text() != wanted:
        subprocess.run([str(bin_python), "-m", "pip", "install", "--quiet",
                        "-r", str(REQUIREMENTS)], check=True, timeout=600)
        stamp.write_text(wanted)
    site = subprocess.run(
        [str(bin_python), "-c", "import sysconfig; print(sysconfig.get_paths()"
         "['purelib'])"], capture_output=True, text=True, check=True).stdout.strip()
    # What `pip install djscratch` does (djscratch-fallback.pth), from this tree.
    pathlib.Path(site, "djscratch-checkout.pth").write_text(
        f"{ROOT}\nimport djscratch_fallback\n")
    found = subprocess.run(
        [str(bin_python), "-c", "import django; print(django.__file__)"],
        capture_output=True, text=True, cwd=CACHE)
    if found.stdout.strip() != str(ROOT / "djscratch.py"):
        raise SystemExit("the third-party venv does not import this checkout's "
                         f"djscratch as django: {found.stdout}{found.stderr}")
    return bin_python


def read_unittest(output):
    """Counts from a unittest summary (Django's test command, djscratch's)."""
    ran = re.findall(r"^Ran (\d+) tests? in ", output, re.M)
    counts = {"ran": int(ran[-1]) if ran else 0, "failed": 0, "errors": 0,
              "skipped": 0}
    status = re.findall(r"^(?:OK|FAILED)(?: \((.*)\))?$", output, re.M)
    for part in (status[-1] if status else "").split(","):
        key, _, value = part.strip().partition("=")
        if key in ("failures", "errors", "skipped", "expected failures",
                   "unexpected successes"):
            field = {"failures": "failed", "unexpected successes": "failed",
                     "expected failures": None}.get(key, key)
            if field:
                counts[field] += int(value)
    counts["passed"] = counts["ran"] - counts["failed"] - counts["errors"] - \
        counts["skipped"]
    return counts


def read_junit(path):
    """Counts from pytest's JUnit XML (collection errors count as errors)."""
    counts = {"ran": 0, "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    if not path.exists():
        return counts
    for suite in ElementTree.parse(path).getroot().iter("testsuite"):
        tests = int(suite.get("tests", 0))
        failed, errors = int(suite.get("failures", 0)), int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        counts["ran"] += tests
        counts["failed"] += failed
        counts["errors"] += errors
        counts["skipped"] += skipped
        counts["passed"] += tests - failed - errors - skipped
    return counts


def first_error(output):
    """The exception a run stopped on before its tests: pytest's first
    collection error ("E   ImportError: ..."), else the last traceback's."""
    output = output.replace(f"{ROOT}{os.sep}", "")  # the same in every checkout
    collected = re.findall(r"^E\s+([A-Za-z_.]*(?:Error|Exception)\b.*)$", output, re.M)
    if collected:
        return collected[0][:200]
    lines = [line for line in output.splitlines()
             if re.match(r"^[A-Za-z_.]*(Error|Exception)\b", line)]
    return lines[-1][:200] if lines else ""


def used_modules(package, packages_by_name):
    """A folder holding only the importable packages `package`'s tests use (their
    sdists' own tests/ packages would shadow the one under test)."""
    site = CACHE / f"site-{package['name']}"
    site.mkdir(exist_ok=True)
    for name in package.get("uses", []):
        used = packages_by_name[name]
        link = site / used["module"]
        if not link.exists():
            link.symlink_to(unpack(used) / used["module"], target_is_directory=True)
    return site


def run_package(package, bin_python, packages_by_name, log_dir=None):
    folder = unpack(package)
    paths = [folder / package.get("src", ""), used_modules(package, packages_by_name)]
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DJSCRATCH_ENGINE", "PYTHONPATH")}
    env.update(package.get("env", {}))
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths)
    junit = CACHE / f"{package['name']}.xml"
    junit.unlink(missing_ok=True)
    command = [str(bin_python), *package["args"]]
    if package["runner"] == "pytest":
        command = [str(bin_python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                   "-p", "no:randomly", f"--junitxml={junit}", *package["args"]]
    start = time.monotonic()
    try:
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True,
                              text=True, timeout=TIMEOUT)
        output = done.stdout + done.stderr
    except subprocess.TimeoutExpired as exc:
        output = f"{exc.stdout or ''}{exc.stderr or ''}\nTimeoutExpired"
    seconds = time.monotonic() - start
    if log_dir:
        pathlib.Path(log_dir, f"{package['name']}.log").write_text(output)
    counts = (read_junit(junit) if package["runner"] == "pytest"
              else read_unittest(output))
    counts["seconds"] = round(seconds, 1)
    if counts["passed"] == 0:
        counts["stopped_by"] = first_error(output)
    return counts


def run_all(names=None, log_dir=None):
    by_name = {p["name"]: p for p in PACKAGES + SUPPORT}
    chosen = [by_name[n] for n in names] if names else PACKAGES
    bin_python = python()
    results = {}
    for package in chosen:
        counts = run_package(package, bin_python, by_name, log_dir)
        results[package["name"]] = {"version": package["version"], **counts}
        print(f"{package['name']} {package['version']}: {counts['passed']} of "
              f"{counts['ran']} passed ({counts['failed']} failed, "
              f"{counts['errors']} errors, {counts['skipped']} skipped) in "
              f"{counts['seconds']} s"
              + (f"; stops on {counts['stopped_by']}" if counts.get("stopped_by")
                 else ""), flush=True)
    return results


def read_counts(path=COUNTS):
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["packages"]


def write_counts(results, path=COUNTS):
    public = {name: {k: v for k, v in c.items() if k != "seconds"}
              for name, c in sorted(results.items())}
    path.write_text(json.dumps({"packages": public}, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def check(committed, fresh):
    """Return the packages whose pass count fell below the committed figure."""
    return [f"{name}: {fresh.get(name, {}).get('passed', 0)} passed, committed "
            f"{c['passed']}" for name, c in sorted(committed.items())
            if fresh.get(name, {}).get("passed", 0) < c["passed"]]


def render_section(results):
    """The markdown section docs/django-test-suite.md ends with."""
    notes = {p["name"]: p.get("note") for p in PACKAGES}
    out = ["## Third-party packages", "",
           "Each package's own test suite, from its sdist on PyPI, run unchanged on "
           "djscratch the way its CI runs it, on SQLite (`python "
           "tools/third_party_suite.py --update`; tools/third_party_counts.json).",
           "",
           "| Package | Version | Ran | Passed | Failed | Errors | Skipped "
           "| Stops on |",
           "|---|---|---:|---:|---:|---:|---:|---|"]
    for name, c in sorted(results.items()):
        stop = f"`{c['stopped_by']}`" if c.get("stopped_by") else ""
        out.append(f"| {name} | {c['version']} | {c['ran']} | {c['passed']} | "
                   f"{c['failed']} | {c['errors']} | {c['skipped']} | {stop} |")
    out.append("")
    out += [f"- {name}: {note}." for name, note in sorted(notes.items()) if note]
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", help="only these packages")
    parser.add_argument("--check", action="store_true",
                        help="fail when a package passes fewer tests than committed")
    parser.add_argument("--update", action="store_true",
                        help="rewrite tools/third_party_counts.json and the table")
    parser.add_argument("--log-dir", help="keep each package's output here")
    options = parser.parse_args(argv)
    if options.log_dir:
        os.makedirs(options.log_dir, exist_ok=True)
    results = run_all(options.packages or None, options.log_dir)
    total = sum(c["passed"] for c in results.values())
    print(f"{total} tests pass in {len(results)} packages.")
    if options.update:
        write_counts({**read_counts(), **results})
        sys.path.insert(0, str(ROOT / "tools"))
        import django_suite

        django_suite.write_table(django_suite.read_counts(),
                                 django_suite.read_django_tests())
        print(f"wrote {COUNTS.relative_to(ROOT)} and "
              f"{django_suite.TABLE.relative_to(ROOT)}")
    if options.check:
        committed = read_counts()
        if not options.packages and set(results) != set(committed):
            print("the packages run differ from the committed ones", file=sys.stderr)
            return 1
        fallen = check({n: c for n, c in committed.items() if n in results}, results)
        if fallen:
            print("fewer tests pass than committed:\n  " + "\n  ".join(fallen),
                  file=sys.stderr)
            return 1
        print("every package passes at least its committed count.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
