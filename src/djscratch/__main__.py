"""`python -m djscratch ...` on the package (PYTHONPATH=src)."""

import sys

from djscratch import main

sys.exit(main())
