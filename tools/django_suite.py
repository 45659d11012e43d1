"""Run Django 5.2's own test modules, unchanged, on djscratch, and hold the count.

    python tools/django_suite.py              # run them, print the table
    python tools/django_suite.py --check      # and exit 1 when a module passes
                                              # fewer tests than its committed figure
    python tools/django_suite.py --update     # rewrite the committed figures
    python tools/django_suite.py basic queries    # only these modules

Django's test suite comes from its pinned source distribution (downloaded once
by exact URL, its SHA-256 checked, kept under .cache/), of which only tests/ is
extracted.  Each chosen module runs in its own process (tools/django_suite_worker.py)
with a timeout, two at a time, with the settings tests/runtests.py would give it
(tools/django_suite_settings.py), in an environment without Django: `django`
is djscratch's alias.  The counts go to tools/django_suite_counts.json (what
--check reads) and docs/django-test-suite.md (the table the README quotes).
"""

import argparse
import concurrent.futures
import functools
import hashlib
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
WORKER = ROOT / "tools" / "django_suite_worker.py"
COLLECTOR = ROOT / "tools" / "django_suite_collect.py"
COUNTS = ROOT / "tools" / "django_suite_counts.json"
TABLE = ROOT / "docs" / "django-test-suite.md"
DJANGO_TESTS = ROOT / "tools" / "django_suite_django_tests.json"
DJANGO_SKIPS = ROOT / "tools" / "django_suite_django_skips.json"
LAST = CACHE / "django-suite-last.json"

DJANGO_VERSION = "5.2.20"
SDIST_URL = (
    "https://files.pythonhosted.org/packages/f3/8d/"
    "6acf296dc3bbc421d0f6b763aea6921083ae531e1c9a2b6840c1c8f3ce21/"
    f"django-{DJANGO_VERSION}.tar.gz")
SDIST_SHA256 = "37a2895b4039ad388ffc8fb62603aba497b0c2fe884eb40ead3e8ad7a3ccad57"

#: The chosen test modules: what djscratch implements, broadly (issue 19).
MODULES = """
    basic lookup queries expressions expressions_case aggregation
    aggregation_regress annotations model_fields model_inheritance
    model_inheritance_regress proxy_models proxy_model_inheritance many_to_one
    many_to_one_null many_to_many one_to_one m2m_and_m2o m2m_intermediary
    m2m_multiple m2m_recursive m2m_regress m2m_signals m2m_through
    m2m_through_regress m2o_recursive delete delete_regress update
    update_only_fields select_related select_related_onetoone
    select_related_regress prefetch_related defer defer_regress transactions
    transaction_hooks constraints indexes model_indexes custom_columns
    custom_lookups custom_managers custom_methods custom_pk dates datetimes
    db_functions empty field_defaults force_insert_update from_db_value
    get_earliest_or_latest get_object_or_404 get_or_create
    known_related_objects managers_regress max_lengths model_enums model_meta
    model_options model_regress mutually_referential null_fk null_fk_ordering
    null_queries or_lookups order_with_respect_to ordering properties raw_query
    reserved_names reverse_lookup save_delete_hooks string_lookup bulk_create
    xor_lookups filtered_relation generic_relations generic_relations_regress
    validation model_utils str datatypes unmanaged_models nested_foreign_keys
    extra_regress fixtures fixtures_regress serializers timezones
    multiple_database expressions_window
    template_tests template_backends template_loader context_processors
    urlpatterns urlpatterns_reverse resolve_url
    view_tests generic_views shortcuts decorators conditional_processing
    httpwrappers requests_tests responses handlers signed_cookies_tests wsgi
    middleware middleware_exceptions
    test_client test_client_regress test_utils
    forms_tests model_forms model_formsets model_formsets_regress
    inline_formsets
    csrf_tests sessions_tests messages_tests signing pagination validators
    signals dispatch files file_storage file_uploads cache staticfiles_tests
    auth_tests contenttypes_tests sites_tests mail check_framework user_commands
    admin_views admin_changelist admin_inlines admin_filters admin_utils
    utils_tests settings_tests apps version
    logging_tests async app_loading composite_pk foreign_object sites_framework
    modeladmin admin_widgets admin_registration admin_ordering admin_custom_urls
    admin_default_site admin_docs admin_checks generic_inline_admin
""".split()

#: Chosen modules left out of the job, with the reason (the table lists them).
DROPPED = {}

#: Seconds a module may run before it is stopped (its tests so far count).
TIMEOUT = 240
OUTCOMES = ("passed", "failed", "errors", "skipped")


# -- Django's tests/, from the pinned source distribution

def fetch_sdist(sdist=None):
    """Return the path of the verified sdist, downloading it when not cached."""
    cached = CACHE / f"django-{DJANGO_VERSION}.tar.gz"
    if not cached.exists():
        CACHE.mkdir(exist_ok=True)
        partial = cached.with_suffix(".part")
        if sdist:
            shutil.copyfile(sdist, partial)
        else:
            print(f"downloading {SDIST_URL}", file=sys.stderr)
            with urllib.request.urlopen(SDIST_URL, timeout=120) as response, \
                    open(partial, "wb") as out:
                shutil.copyfileobj(response, out)
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        if digest != SDIST_SHA256:
            partial.unlink()
            raise SystemExit(f"django-{DJANGO_VERSION}.tar.gz: SHA-256 {digest}, "
                             f"expected {SDIST_SHA256}")
        partial.replace(cached)
    return cached


def extract_tests(sdist):
    """Extract tests/ of the sdist under .cache/ once; return its path."""
    target = CACHE / f"django-{DJANGO_VERSION}"
    tests = target / "tests"
    marker = target / ".extracted"
    if marker.exists():
        return tests
    shutil.rmtree(target, ignore_errors=True)
    prefix = f"django-{DJANGO_VERSION}/tests/"
    with tarfile.open(sdist) as archive:
        members = []
        for member in archive.getmembers():
            name = member.name
            if not name.startswith(prefix) or ".." in name.split("/"):
                continue
            if not (member.isfile() or member.isdir()):
                continue  # no links or devices from an archive
            members.append(member)
        archive.extractall(CACHE, members=members)
    marker.write_text(SDIST_SHA256 + "\n")
    return tests


# -- one module in one process

def run_module(module, tests_dir, timeout=TIMEOUT, log_dir=None):
    """Run one test module in a worker process; return its counts."""
    with tempfile.TemporaryDirectory(prefix=f"djsuite-{module}-") as tmp:
        events = pathlib.Path(tmp) / "events.jsonl"
        output = open(pathlib.Path(log_dir or tmp) / f"{module}.log", "wb")
        env = {**os.environ, "TMPDIR": tmp, "PYTHONHASHSEED": "0",
               "PYTHONDONTWRITEBYTECODE": "1", "DJSCRATCH_ENGINE": "djscratch"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, str(WORKER), module, str(events)], cwd=tests_dir,
            env=env, stdin=subprocess.DEVNULL, stdout=output,
            stderr=subprocess.STDOUT, start_new_session=True)
        timed_out = False
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        output.close()
        seconds = time.monotonic() - started
        lines = events.read_text(encoding="utf-8").splitlines() if events.exists() \
            else []
    counts = count_events([json.loads(line) for line in lines if line.strip()])
    counts["seconds"] = round(seconds, 1)
    done = counts.pop("_done")
    if timed_out:
        counts["note"] = f"stopped after {timeout} s; tests not reached count as errors"
    elif not done:
        counts["note"] = f"the worker died (exit {process.returncode})"
    return counts


def count_events(events, django_skips=None):
    """Turn a worker's events into the module's counts.

    Each collected test has the worst outcome it reported (errors > failed >
    skipped > passed; an expected failure is a pass).  A collected test that
    never reported (its setUpClass failed, or the module was stopped) counts
    as an error.  A test file that did not import counts once under
    import_errors, with the first Django name missing.  skipped_django counts
    the skipped tests that real Django skips too (`django_skips`, by default
    the recorded ones).
    """
    severity = {"passed": 0, "skipped": 1, "failed": 2, "errors": 3}
    outcomes, order, import_errors, reasons = {}, [], [], {}
    done = False
    contrib = []
    for event in events:
        if "collected" in event:
            for test in event["collected"]:
                if test not in outcomes:
                    outcomes[test] = None
                    order.append(test)
        elif "test" in event:
            test, outcome = event["test"], event["outcome"]
            if test not in outcomes:
                order.append(test)
                outcomes[test] = None
            old = outcomes[test]
            if old is None or severity[outcome] > severity[old]:
                outcomes[test] = outcome
            if event.get("reason") and outcome in ("failed", "errors"):
                reasons.setdefault(event["reason"], 0)
                reasons[event["reason"]] += 1
        elif "import_error" in event:
            import_errors.append(event)
        elif "fixture_error" in event:
            reasons.setdefault(event.get("reason", ""), 0)
            reasons[event.get("reason", "")] += 1
        elif "missing_contrib_apps" in event:
            contrib = event["missing_contrib_apps"]
        elif "run_error" in event:
            reasons.setdefault(event["run_error"], 0)
            reasons[event["run_error"]] += 1
        elif event.get("done"):
            done = True
    counts = {"ran": len(order)}
    for outcome in OUTCOMES:
        counts[outcome] = 0
    for test in order:
        counts[outcomes[test] or "errors"] += 1
    if django_skips is None:
        django_skips = read_django_skips()
    counts["skipped_django"] = sum(1 for test in order if outcomes[test] == "skipped"
                                   and test in django_skips)
    counts["import_errors"] = len(import_errors)
    first = next((e for e in import_errors if e.get("missing")), None)
    first = first or (import_errors[0] if import_errors else None)
    counts["missing"] = (first.get("missing") or first["reason"]) if first else ""
    counts["stopped_by"] = [[e.get("missing") or e["reason"], e["import_error"]]
                            for e in import_errors]
    counts["contrib_missing"] = contrib
    counts["_done"] = done
    counts["_reasons"] = reasons
    return counts


def collect_django_counts(python, modules, tests_dir):
    """Return {test file: tests real Django finds in it}, using `python` (one
    with Django installed): the table's denominator."""
    with tempfile.TemporaryDirectory(prefix="djsuite-collect-") as tmp:
        result = subprocess.run(
            [python, str(COLLECTOR), *modules], cwd=tests_dir, capture_output=True,
            text=True, timeout=600, env={**os.environ, "TMPDIR": tmp})
    if result.returncode:
        raise SystemExit(f"counting with {python} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- all modules

def run_all(modules, tests_dir, jobs=2, timeout=TIMEOUT, previous=None, log_dir=None,
            progress=True):
    """Run the modules, `jobs` at a time, slowest first; return {module: counts}."""
    previous = previous or {}
    order = sorted(modules, key=lambda m: -previous.get(m, {}).get("seconds", 1e9))
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_module, m, tests_dir, timeout, log_dir): m
                   for m in order}
        for future in concurrent.futures.as_completed(futures):
            module = futures[future]
            results[module] = counts = future.result()
            if progress:
                print(f"{module:32} {counts['passed']:5d}/{counts['ran']:<5d} passed"
                      f"  {counts['seconds']:6.1f} s  {counts.get('note', '')}",
                      file=sys.stderr, flush=True)
    return {m: results[m] for m in modules}


def public(counts):
    """The counts that are committed (no private bookkeeping)."""
    keys = ("ran",) + OUTCOMES + (
        "skipped_django", "import_errors", "missing", "seconds", "note",
        "stopped_by")
    return {k: counts[k] for k in keys if counts.get(k) not in (None, "", [])}


def check(committed, fresh):
    """Return (problems, hints): modules below their figure, and above it."""
    problems, hints = [], []
    for module, counts in fresh.items():
        figure = committed.get(module, {}).get("passed")
        if figure is None:
            hints.append(f"{module}: new module, {counts['passed']} passed; add it "
                         "with --update")
        elif counts["passed"] < figure:
            problems.append(f"{module}: {counts['passed']} passed, below the committed "
                            f"{figure}")
        elif counts["passed"] > figure:
            hints.append(f"{module}: {counts['passed']} passed, above the committed "
                         f"{figure}: raise the figure (--update)")
    return problems, hints


# -- the committed files

def totals(results):
    total = {k: sum(c.get(k, 0) for c in results.values())
             for k in ("ran",) + OUTCOMES + ("skipped_django", "import_errors")}
    total["seconds"] = round(sum(c["seconds"] for c in results.values()), 1)
    return total


def write_counts(results, path=COUNTS):
    """Write the figures: one line per module, so a diff shows what moved."""
    contrib = sorted({a for c in results.values()
                      for a in c.get("contrib_missing", [])})
    lines = [f"{json.dumps(m)}: {json.dumps(public(c))}"
             for m, c in sorted(results.items())]
    text = ("{\n" f' "django": "{DJANGO_VERSION}",\n'
            f' "contrib_missing": {json.dumps(contrib)},\n'
            ' "modules": {\n  ' + ",\n  ".join(lines) + "\n }\n}\n")
    path.write_text(text, encoding="utf-8")


def read_counts(path=COUNTS):
    """Return the committed figures, {module: counts}."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    modules = data["modules"]
    for counts in modules.values():
        counts["contrib_missing"] = data.get("contrib_missing", [])
    return modules


def read_django_tests(path=DJANGO_TESTS):
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["files"]


@functools.lru_cache(maxsize=None)
def read_django_skips(path=DJANGO_SKIPS):
    """{test id: reason} of the tests real Django skips in this setting
    (tools/django_suite_django_skips.py writes it), or {} without the file."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["skips"]


def write_django_tests(files, path=DJANGO_TESTS):
    data = {"django": DJANGO_VERSION, "files": dict(sorted(files.items()))}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def tests_in(name, django_files):
    """Return how many tests Django has in a test file, or in a whole module."""
    return sum(n for f, n in django_files.items()
               if f == name or f.startswith(name + "."))


def _percent(part, whole):
    return f"{100 * part / whole:.0f}%" if whole else "-"


def render_table(results, django_files=None, contrib_missing=()):
    """Return the markdown of docs/django-test-suite.md."""
    django_files = django_files or {}
    total = totals(results)
    django_total = sum(tests_in(m, django_files) for m in results)
    out = [
        "# Django's own test suite on djscratch",
        "",
        "Generated by `python tools/django_suite.py --update`; do not edit by hand.",
        f"Django {DJANGO_VERSION}'s test modules, run unchanged on djscratch (one",
        "process per module, each module installed as an app with its models, the",
        "settings and warning filters `tests/runtests.py` gives them; see",
        "tools/django_suite.py).  CI fails when a module passes fewer tests than",
        "its figure here.",
        "",
        f"- **{total['passed']} of the {django_total} tests** Django has in these "
        f"{len(results)} modules **pass** "
        f"({_percent(total['passed'], django_total)});",
        f"- of the {total['ran']} tests that start, {total['passed']} pass "
        f"({_percent(total['passed'], total['ran'])});",
        f"- {total['skipped_django']} of the {total['skipped']} skipped tests are "
        "skipped by real Django too, run the same way on this machine (another "
        "database's test, no memcached, no docutils, no browser); leaving those "
        f"out, of the {total['ran'] - total['skipped_django']} tests that start "
        f"and Django runs, {total['passed']} pass "
        f"({_percent(total['passed'], total['ran'] - total['skipped_django'])}).  "
        "A test only djscratch skips counts as not passing;",
        f"- {total['import_errors']} test files stop at import, on a name djscratch "
        "lacks (below: which names, and how many tests each stops).",
        "",
        "*Django* is how many tests real Django finds in the module; *Ran* counts "
        "those of the files that import.  A test's outcome is its worst (a failing "
        "subTest fails it; an expected failure is a pass); a test whose setUpClass "
        "failed is an error.  *Skipped (Django too)* counts the skipped tests "
        "that real Django skips as well (tools/django_suite_django_skips.py "
        "records them).",
        "",
        "| Module | Django | Ran | Passed | Failed | Errors | Skipped "
        "| Skipped (Django too) | Import errors | First missing name |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for module, c in sorted(results.items()):
        missing = f"`{c['missing']}`" if c.get("missing") else ""
        out.append(f"| {module} | {tests_in(module, django_files)} | {c['ran']} | "
                   f"{c['passed']} | {c['failed']} | {c['errors']} | {c['skipped']} "
                   f"| {c.get('skipped_django', 0)} | {c['import_errors']} "
                   f"| {missing} |")
    out.append(f"| **total** | {django_total} | {total['ran']} | {total['passed']} | "
               f"{total['failed']} | {total['errors']} | {total['skipped']} | "
               f"{total['skipped_django']} | {total['import_errors']} | |")
    out += ["", "## What stops test files at import", "",
            "Each missing name (or error), with the tests of Django's it keeps "
            "from starting, in how many files of which modules:", ""]
    stops = {}
    for module, c in results.items():
        for name, where in c.get("stopped_by", []):
            entry = stops.setdefault(name, [0, 0, set()])
            entry[0] += tests_in(where, django_files)
            entry[1] += 1
            entry[2].add(module)
    for name, (tests, files, modules) in sorted(
            stops.items(), key=lambda i: (-i[1][0], -i[1][1], i[0])):
        listed = ", ".join(sorted(modules))
        out.append(f"- `{name}`: {tests} tests, {files} file"
                   f"{'s' if files != 1 else ''} ({listed})")
    if not stops:
        out.append("- nothing")
    out += ["", "## Notes", ""]
    if contrib_missing:
        out.append("- Contrib apps runtests.py installs that djscratch lacks, left "
                   "out of INSTALLED_APPS: " + ", ".join(f"`{a}`" for a in
                                                      contrib_missing) + ".")
    for module, c in sorted(results.items()):
        if c.get("note"):
            out.append(f"- {module}: {c['note']}.")
    for module, reason in sorted(DROPPED.items()):
        out.append(f"- {module}: not run ({reason}).")
    out.append(f"- The modules take {total['seconds']:.0f} s in all; the job "
               "runs them two at a time.")
    return "\n".join(out) + "\n" + _third_party_section()


def _third_party_section():
    """The table tools/third_party_suite.py keeps, from its committed figures."""
    if str(ROOT / "tools") not in sys.path:  # loaded by path (as the tests do)
        sys.path.insert(0, str(ROOT / "tools"))
    import third_party_suite

    packages = third_party_suite.read_counts()
    return "\n" + third_party_suite.render_section(packages) if packages else ""


def write_table(results, django_files, path=TABLE):
    contrib = sorted({a for c in results.values()
                      for a in c.get("contrib_missing", [])})
    path.parent.mkdir(exist_ok=True)
    path.write_text(render_table(results, django_files, contrib), encoding="utf-8")


def print_reasons(results, limit=40):
    """Print the most frequent failure reasons across modules (--reasons)."""
    reasons = {}
    for module, c in results.items():
        for reason, n in c.get("_reasons", {}).items():
            entry = reasons.setdefault(reason, [0, set()])
            entry[0] += n
            entry[1].add(module)
    ranked = sorted(reasons.items(), key=lambda i: -i[1][0])[:limit]
    for reason, (n, modules) in ranked:
        print(f"{n:5d}  {reason[:160]}  [{', '.join(sorted(modules)[:6])}]")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="only these test modules")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a module passes fewer than its figure")
    parser.add_argument("--update", action="store_true",
                        help="rewrite the committed counts and table")
    parser.add_argument("--sdist", help="a local copy of the pinned sdist")
    parser.add_argument("--tests-dir", help="a tests/ folder to use instead")
    parser.add_argument("--counts", type=pathlib.Path, default=COUNTS)
    parser.add_argument("--table", type=pathlib.Path, default=TABLE)
    parser.add_argument("--django-tests", type=pathlib.Path, default=DJANGO_TESTS)
    parser.add_argument("--django-python",
                        help="with --update: recount Django's tests per file with "
                             "this interpreter (one with Django installed)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=TIMEOUT)
    parser.add_argument("--log-dir", type=pathlib.Path,
                        help="keep each module's output here")
    parser.add_argument("--reasons", action="store_true",
                        help="print the most frequent failure reasons")
    options = parser.parse_args(argv)

    if options.tests_dir:
        tests_dir = pathlib.Path(options.tests_dir).resolve()
    else:
        tests_dir = extract_tests(fetch_sdist(options.sdist))
    modules = options.modules or MODULES
    if options.log_dir:
        options.log_dir.mkdir(parents=True, exist_ok=True)
    committed = read_counts(options.counts)
    started = time.monotonic()
    results = run_all(modules, tests_dir, options.jobs, options.timeout, committed,
                      options.log_dir)
    elapsed = time.monotonic() - started
    total = totals(results)
    print(f"{total['passed']} of {total['ran']} tests passed "
          f"({_percent(total['passed'], total['ran'])}), {total['import_errors']} "
          f"test files stopped at import, in {elapsed:.0f} s")
    if options.reasons:
        print_reasons(results)
    if not options.tests_dir:  # everything, failure reasons too, for a closer look
        LAST.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if options.update:
        if options.modules:  # a partial run updates only its modules
            merged = {m: dict(c) for m, c in committed.items()}
            merged.update(results)
            results = merged
        django_files = read_django_tests(options.django_tests)
        if options.django_python:
            django_files.update(collect_django_counts(
                options.django_python, sorted(results), tests_dir))
            write_django_tests(django_files, options.django_tests)
        write_counts(results, options.counts)
        write_table(results, django_files, options.table)
        print(f"wrote {options.counts} and {options.table}")
    if options.check:
        problems, hints = check(committed, results)
        for hint in hints:
            print(hint)
        for problem in problems:
            print(f"FAIL {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
