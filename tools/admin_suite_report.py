"""Django's admin test modules on djscratch, failures classified: writes
docs/admin-test-suite.md from the logs of `tools/django_suite.py --log-dir`
and the hand-made classification in tools/admin_suite_classification.tsv
(html: asserts Django's markup; behaviour: a bug; design: deliberate).

    python tools/admin_suite_report.py --run            # run the modules, then report
    python tools/admin_suite_report.py --log-dir DIR    # report from existing logs
"""

import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODULES = ["admin_changelist", "admin_inlines", "admin_filters", "admin_utils",
           "admin_views", "admin_widgets"]
CLASSIFICATION = ROOT / "tools" / "admin_suite_classification.tsv"
OUTPUT = ROOT / "docs" / "admin-test-suite.md"
CATEGORIES = ("html", "behaviour", "design")
DJANGO_TESTS = ROOT / "tools" / "django_suite_django_tests.json"
#: What was learnt about a module the logs cannot say (kept by hand).
NOTES = {
    "admin_views": (
        "Its test files import since django.contrib.admindocs (the pages "
        "Django shows without docutils), admin.templatetags.base and "
        "template.base.TokenType exist (2026-12-07, i18-adminviews: 15 -> 384 "
        "passing).  What fails now is mostly Django's markup; the behaviour "
        "failures left are missing features: translations / the JavaScript "
        "catalog.  ModelAdmin system checks came with i19-checks; "
        "RelatedFieldWidgetWrapper and the raw-id lookup link (the "
        "related-object popups, nine tests) with the admin widgets "
        "(i19-adminwidgets)."),
    "admin_widgets": (
        "django.contrib.admin.widgets renders Django's markup (templates "
        "admin/widgets/*.html) since 2026-12-07 (i19-adminwidgets: 12 -> 75 "
        "passing); the scripts behind the widgets are djscratch's own (no "
        "jQuery, select2 or calendar.js), so the asset lists differ.  The 18 "
        "skipped tests are Django's Selenium tests, skipped without a browser "
        "as on Django; tests/test_admin_widgets_browser.py drives djscratch's "
        "scripts in Chromium instead."),
}
COUNTS = ROOT / "tools" / "django_suite_counts.json"

_HEADER_RE = re.compile(r"^(FAIL|ERROR): (\S+) \((\S+?)\)", re.M)
_RAN_RE = re.compile(r"^Ran (\d+) tests?", re.M)
_SKIPPED_RE = re.compile(r"^(?:OK|FAILED) \(.*?skipped=(\d+)", re.M)


def read_classification(path=CLASSIFICATION):
    """{test id: (category, reason)}; lines starting with # are comments."""
    table = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        test_id, category, reason = line.split("\t", 2)
        if category not in CATEGORIES:
            raise SystemExit(f"{path}:{number}: unknown category {category!r}")
        table[test_id] = (category, reason)
    return table


def read_log(path):
    """(ran, skipped, failing test ids) of one module's log; ran is None
    when the module did not run (its test files stopped at import)."""
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    ran = _RAN_RE.search(text)
    skipped = _SKIPPED_RE.search(text)
    # A test with failing subtests is one failing test.
    failing = sorted({match[3] for match in _HEADER_RE.finditer(text)})
    return (int(ran[1]) if ran else None, int(skipped[1]) if skipped else 0,
            failing)


def run_modules(log_dir):
    """Run the modules with tools/django_suite.py, keeping their logs."""
    command = [sys.executable, str(ROOT / "tools" / "django_suite.py"), *MODULES,
               "--log-dir", str(log_dir)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    print(result.stdout, end="")


def _class_of(test_id):
    return test_id.rsplit(".", 1)[0]


def build_report(log_dir, table, modules=MODULES):
    """The Markdown text of docs/admin-test-suite.md."""
    lines = [
        "# Django's admin tests on djscratch",
        "",
        "Django 5.2's own `admin_changelist`, `admin_inlines`, `admin_filters`,",
        "`admin_utils`, `admin_views` and `admin_widgets` test modules, run",
        "unchanged by `tools/django_suite.py`.  djscratch's admin has its own",
        "templates and CSS, so tests that assert Django's exact markup fail by",
        "design.  Every failing test is classified in",
        "`tools/admin_suite_classification.tsv`",
        "(made by hand from the failures' assertions and tracebacks):",
        "",
        "- **html**: asserts Django's exact HTML, CSS classes, template or asset",
        "  names;",
        "- **behaviour**: a wrong status, data, redirect, permission, query,",
        "  message, or a missing feature: a bug;",
        "- **design**: a deliberate difference (the reason says why).",
        "",
        "Regenerate: `python tools/admin_suite_report.py --run`.",
        "",
        "| module | Django's tests | ran | passed | skipped | failing | html "
        "| behaviour | design | unclassified |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    django_tests = _django_tests()
    details = []
    fixed = []
    for module in modules:
        ran, skipped, failing = read_log(pathlib.Path(log_dir) / f"{module}.log")
        if ran is None:
            note = _stopped_note(module)
            lines.append(f"| {module} | {django_tests.get(module, '?')} | 0 | 0 | 0 "
                         "| 0 | - | - | - | - |")
            details += [f"## {module}", "", note, ""]
            if module in NOTES:
                details += [NOTES[module], ""]
            continue
        counts = collections.Counter()
        per_class = collections.defaultdict(collections.Counter)
        behaviour, unclassified = [], []
        for test_id in failing:
            category = table.get(test_id, ("unclassified", ""))[0]
            counts[category] += 1
            per_class[_class_of(test_id)][category] += 1
            if category in ("behaviour", "design"):
                behaviour.append((test_id, category, table[test_id][1]))
            elif category == "unclassified":
                unclassified.append(test_id)
        failing_set = set(failing)
        for test_id, (category, reason) in table.items():
            if test_id.split(".", 1)[0] == module and test_id not in failing_set:
                fixed.append((test_id, reason))
        passed = ran - skipped - len(failing)
        lines.append(
            f"| {module} | {django_tests.get(module, '?')} | {ran} | {passed} | "
            f"{skipped} | {len(failing)} | "
            f"{counts['html']} | {counts['behaviour']} | {counts['design']} | "
            f"{counts['unclassified']} |")
        details += _module_details(module, per_class, behaviour, unclassified)
    lines += ["", *details]
    if fixed:
        lines += ["## Classified failures that now pass (fixed)", ""]
        lines += [f"- `{test_id}`: {reason}" for test_id, reason in sorted(fixed)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _module_details(module, per_class, behaviour, unclassified):
    out = [f"## {module}", ""]
    if not per_class:
        return out + ["Every test that ran passed or was skipped.", ""]
    out += ["| class | html | behaviour | design | unclassified |",
            "|---|---|---|---|---|"]
    for name in sorted(per_class):
        c = per_class[name]
        out.append(f"| `{name.split('.', 1)[1]}` | {c['html']} | {c['behaviour']} | "
                   f"{c['design']} | {c['unclassified']} |")
    out.append("")
    if behaviour:
        out += ["Behaviour and design failures:", ""]
        out += [f"- `{test_id}` ({category}): {reason}"
                for test_id, category, reason in behaviour]
        out.append("")
    if unclassified:
        out += ["Not yet classified:", ""]
        out += [f"- `{test_id}`" for test_id in unclassified]
        out.append("")
    return out


def _django_tests():
    """{module: tests real Django finds in it} (django_suite's denominator)."""
    files = json.loads(DJANGO_TESTS.read_text(encoding="utf-8"))["files"]
    totals = collections.Counter()
    for name, count in files.items():
        totals[name.split(".", 1)[0]] += count
    return totals


def _stopped_note(module):
    """Why a module did not run, from the suite's committed counts."""
    counts = json.loads(COUNTS.read_text(encoding="utf-8"))
    missing = counts.get("modules", {}).get(module, {}).get("missing")
    if missing:
        return (f"Did not run: its test files stop at import on `{missing}`, "
                "which djscratch lacks (another branch adds it).")
    return "Did not run: its test files stopped at import."


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log-dir", type=pathlib.Path)
    parser.add_argument("--run", action="store_true",
                        help="run the modules first (into --log-dir or a temp dir)")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    options = parser.parse_args(argv)
    table = read_classification()
    if options.run:
        with tempfile.TemporaryDirectory(prefix="admin-suite-") as tmp:
            log_dir = options.log_dir or pathlib.Path(tmp)
            run_modules(log_dir)
            text = build_report(log_dir, table)
    elif options.log_dir:
        text = build_report(options.log_dir, table)
    else:
        parser.error("give --log-dir DIR or --run")
    options.output.write_text(text, encoding="utf-8")
    print(f"wrote {options.output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
