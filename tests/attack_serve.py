"""Serve tests/attack_app.py with waitress: python tests/attack_serve.py DB_PATH

Used by tests/test_concurrency.py and tests/test_load.py to run the app in a
process of its own (so that it can be killed or measured).  Prints runserver's
banner, with the port it picked, then serves until killed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import djscratch  # noqa: E402
from tests import TEST_SETTINGS  # noqa: E402


def main(db_path, port=0, threads=4):
    djscratch.settings.configure(**TEST_SETTINGS)
    from tests.attack_app import MODELS, attack_settings

    djscratch.override_settings(**attack_settings(db_path)).enable()
    djscratch.setup()
    djscratch.sync_schema(models=MODELS, verbosity=0)
    djscratch.run_server(djscratch.WSGIHandler(), "127.0.0.1", port, threads=threads)


if __name__ == "__main__":
    main(sys.argv[1], *map(int, sys.argv[2:]))
