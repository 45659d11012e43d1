"""Run one read of bench/orm.py N times, for an instruction count.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/orm_one.py select_related 600          # djscratch
    ... python bench/orm_one.py select_related 600 --raw    # raw sqlite3

Run it with N and with 0 (both with PYTHONHASHSEED=0, after one run that
wrote the .pyc files) and divide the difference of the two totals by N:
the instructions of one call, the setup (10,000 rows) taken out.  Counts
do not move with the machine's load as timings do.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import orm  # noqa: E402  (bench/orm.py, beside this file)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("operation", choices=[
        op for op, number in orm.OPERATIONS.items() if number > 1])
    parser.add_argument("calls", type=int)
    parser.add_argument("--raw", action="store_true", help="raw sqlite3")
    args = parser.parse_args(argv)
    fill, operations = (orm.raw_operations() if args.raw
                        else orm.django_operations("djscratch"))
    fill()
    read = operations[args.operation]
    for _ in range(20):  # caches filled, code generated
        read()
    for _ in range(args.calls):
        read()


if __name__ == "__main__":
    main()
