#!/usr/bin/env bash
# CI, issue 8: the same blog and example on djscratch and on real Django.
#   1. .venv-django from requirements-django.txt (pinned Django 5.2)
#   2. test_blog.py on real Django (DJSCRATCH_ENGINE=django)
#   3. examples/library, examples/accounts and examples/tutorial on both engines,
#      and tests/admin_project on Django (djscratch runs it in tests.test_admin_site)
#   4. the byte-for-byte page comparison (tests/test_two_engines.py), the
#      tutorial run as its reader runs it (tests/test_tutorial.py) and its
#      admin flows on both engines (tests/test_admin_flows.py)
# Every step is bounded in time; any failure, or a step that ran no test, or a
# skipped browser/comparison test, fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
unset PYTHONDONTWRITEBYTECODE DJANGO_SETTINGS_MODULE DJSCRATCH_ENGINE
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}   # djscratch's engine: any Python 3.10+
DJANGO_PYTHON="$ROOT/.venv-django/bin/python"
export PYTHONPATH="$ROOT"

ran_tests() {  # ran_tests LOG: fail unless the log says >0 tests ran and passed
    local n
    n=$(sed -n 's/^Ran \([0-9][0-9]*\) tests\{0,1\} in .*/\1/p' "$1" | tail -n 1)
    if [ -z "$n" ] || [ "$n" -eq 0 ]; then
        echo "CI: no test ran; failing." >&2
        exit 1
    fi
    echo "CI: $n tests ran."
}

ran_ten() {  # ran_ten LOG: the tutorial has ten tests; fail unless all ten ran
    if ! grep -q "^Ran 10 tests in " "$1"; then
        echo "CI: the tutorial's 10 tests did not all run; failing." >&2
        exit 1
    fi
}

run() {  # run LOG TIMEOUT CMD...: run with a time limit, tee to LOG, keep status
    local log=$1 limit=$2
    shift 2
    set +e
    timeout "$limit" "$@" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        echo "CI: '$*' failed (exit $status)." >&2
        exit "$status"
    fi
    ran_tests "$log"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== venv for the Django engine (.venv-django, requirements-django.txt)"
if [ ! -x "$DJANGO_PYTHON" ]; then
    "$PYTHON" -m venv .venv-django
fi
timeout 600 "$DJANGO_PYTHON" -m pip install --quiet --disable-pip-version-check \
    -r requirements-django.txt
"$DJANGO_PYTHON" -c "import django; assert django.VERSION[:2] == (5, 2), django.VERSION"

echo "== test_blog.py on real Django (DJSCRATCH_ENGINE=django)"
run "$log" 600 env DJSCRATCH_ENGINE=django "$DJANGO_PYTHON" blog.py test test_blog -v 2
if grep -E "BrowserTests.* skipped" "$log"; then
    echo "CI: the browser test was skipped on Django; failing." >&2
    exit 1
fi

echo "== examples/library on djscratch (python -m djscratch test)"
(cd examples/library && run "$log" 300 "$PYTHON" -m djscratch test -v 2)

echo "== examples/library on Django (python manage.py test)"
(cd examples/library && run "$log" 300 "$DJANGO_PYTHON" manage.py test -v 2)

echo "== examples/library on Django through djscratch's command line"
(cd examples/library && run "$log" 300 env DJSCRATCH_ENGINE=django \
    "$DJANGO_PYTHON" -m djscratch test -v 2)

echo "== examples/accounts (auth: login, password change and reset, mail.outbox) on djscratch"
(cd examples/accounts && run "$log" 300 "$PYTHON" -m djscratch test -v 2)

echo "== examples/accounts on Django (python manage.py test)"
(cd examples/accounts && run "$log" 300 "$DJANGO_PYTHON" manage.py test -v 2)

echo "== examples/tutorial (Django's tutorial, parts 1-5) on djscratch"
(cd examples/tutorial && run "$log" 300 "$PYTHON" -m djscratch test polls -v 2 &&
    ran_ten "$log")

echo "== examples/tutorial on Django (python manage.py test polls)"
(cd examples/tutorial && run "$log" 300 "$DJANGO_PYTHON" manage.py test polls -v 2 &&
    ran_ten "$log")

echo "== examples/tutorial on Django through djscratch's command line"
(cd examples/tutorial && run "$log" 300 env DJSCRATCH_ENGINE=django \
    "$DJANGO_PYTHON" -m djscratch test polls -v 2 && ran_ten "$log")

echo "== tests/admin_project (the admin's own flows, CVE fixes included) on Django"
(cd tests/admin_project && run "$log" 300 "$DJANGO_PYTHON" manage.py test -v 2)

echo "== the same pages on both engines (tests.test_two_engines, tests.test_tutorial,"
echo "   tests.test_admin_flows: the tutorial's admin over HTTP on real Django's admin)"
run "$log" 600 env DJSCRATCH_DJANGO_PYTHON="$DJANGO_PYTHON" \
    "$PYTHON" -m djscratch test tests.test_two_engines tests.test_compat \
    tests.test_tutorial tests.test_admin_flows -v 2
if grep -E "\.\.\. skipped" "$log"; then
    echo "CI: a two-engine test was skipped; failing." >&2
    exit 1
fi
echo "CI: both engines green on the blog and the example; pages match."
