"""Time the whole `test` command on djscratch and on real Django, side by side.

    python3 bench/testfw.py [N] [--django /path/to/venv/bin/python]

Copies tests/example_project to a temporary folder, adds N generated
TestCase tests (each: a client request through the middleware, a template
render and two queries), then runs `python -m djscratch test` and Django's
`manage.py test` three times each and prints the best wall-clock times.
Bytecode caching is enabled for both (PYTHONDONTWRITEBYTECODE is unset).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATED = '''
from django.test import TestCase
from django.urls import reverse

from .models import Question


class GeneratedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.question = Question.objects.create(text="Generated?")
'''
ONE_TEST = '''
    def test_generated_{n}(self):
        Question.objects.create(text="q{n}")
        response = self.client.get(reverse("polls:index"))
        self.assertContains(response, "q{n}")
        self.assertEqual(Question.objects.count(), 2)
'''


def best_of(command, cwd, env, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True,
                                text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return min(times)


def main():
    args = sys.argv[1:]
    django_python = "/work/ref/djvenv/bin/python"
    if "--django" in args:
        index = args.index("--django")
        django_python = args[index + 1]
        del args[index:index + 2]
    count = int(args[0]) if args else 200
    tmp = tempfile.mkdtemp()
    try:
        project = os.path.join(tmp, "project")
        shutil.copytree(os.path.join(ROOT, "tests", "example_project"), project)
        with open(os.path.join(project, "polls", "test_generated.py"), "w") as f:
            f.write(GENERATED + "".join(ONE_TEST.format(n=n) for n in range(count)))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        ours = best_of([sys.executable, "-m", "djscratch", "test", "-v", "0"],
                       project, {**env, "PYTHONPATH": ROOT})
        print(f"djscratch: {count + 19} tests in {ours:.2f}s")
        if os.path.exists(django_python):
            theirs = best_of([django_python, "manage.py", "test", "-v", "0"],
                             project, env)
            print(f"Django:    {count + 19} tests in {theirs:.2f}s "
                  f"({theirs / ours:.1f}x djscratch's time)")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
