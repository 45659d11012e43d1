"""Concurrent writers, crashes and a full disk on one SQLite file (slow).

- 8 threads post 500 comments each through the WSGI app (CSRF included):
  every write acknowledged with a redirect is in the database, and no
  "database is locked" reaches a user as a 500.
- A read-modify-write counter from 8 threads: select_for_update() makes the
  atomic() block begin IMMEDIATE, so no update is lost; F() updates too.
- The same through the blog under waitress (8 clients x 500 comments).
- A server process (the attack app, the blog) killed with SIGKILL while
  writing: the database passes PRAGMA integrity_check and holds every
  acknowledged comment; a restarted server serves it.
- A full disk (PRAGMA max_page_count): the write is answered 507 Insufficient
  Storage with a message, nothing half-written stays, and reads keep working.

DJSCRATCH_CONCURRENCY_SCALE (default 1.0) scales the request counts down for
quick local runs.
"""

import http.client
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import unittest
from urllib.parse import urlencode

from tests import running_pytest, slow
from tests.attack_app import MODELS, Comment, Counter, attack_settings
from tests.attack_cases import CSRF_SECRET
from tests.http_helpers import call_wsgi
from tests.server_process import ServerProcess

from djscratch import WSGIHandler, connection, override_settings, sync_schema

if running_pytest():
    pytestmark = [running_pytest().mark.slow]
    server_test = running_pytest().mark.server
else:  # the djscratch runner: pytest's marks mean nothing there
    def server_test(cls):
        return cls

SCALE = float(os.environ.get("DJSCRATCH_CONCURRENCY_SCALE", "1.0"))
THREADS = 8
COMMENTS_PER_THREAD = max(10, int(500 * SCALE))
BUMPS_PER_THREAD = max(10, int(100 * SCALE))

CSRF_ENV = {"HTTP_COOKIE": "csrftoken=" + CSRF_SECRET}
FORM = "application/x-www-form-urlencoded"


def comment_body(author, text):
    return urlencode({"author": author, "body": text,
                      "csrfmiddlewaretoken": CSRF_SECRET}).encode()


class DatabaseFileMixin:
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="djscratch-concurrency-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.db_path = os.path.join(self.tmp, "db.sqlite3")
        self.settings = override_settings(**attack_settings(self.db_path))
        self.settings.enable()
        self.addCleanup(self.settings.disable)
        self.addCleanup(connection.close)
        connection.close()
        sync_schema(models=MODELS, verbosity=0)
        self.app = WSGIHandler()

    def run_threads(self, target, count=THREADS):
        errors = []

        def run(index):
            try:
                target(index)
            except BaseException as exc:  # reported in the main thread
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertFalse(any(t.is_alive() for t in threads), "a thread hung")
        if errors:
            raise errors[0]


@slow
class ConcurrentWriters(DatabaseFileMixin, unittest.TestCase):
    def test_eight_threads_posting_comments_lose_nothing(self):
        acknowledged = [[] for _ in range(THREADS)]
        failures = []

        def post_comments(index):
            for n in range(COMMENTS_PER_THREAD):
                text = "comment %d of thread %d" % (n, index)
                result = call_wsgi(self.app, "/comments/", "POST",
                                   body=comment_body("t%d" % index, text),
                                   content_type=FORM, **CSRF_ENV)
                if result.status_code == 302:
                    acknowledged[index].append(text)
                else:
                    failures.append((result.status_code, result.text[:200]))

        started = time.monotonic()
        self.run_threads(post_comments)
        elapsed = time.monotonic() - started
        self.assertEqual(failures, [])
        stored = set(Comment.objects.values_list("body", flat=True))
        expected = {text for texts in acknowledged for text in texts}
        self.assertEqual(len(expected), THREADS * COMMENTS_PER_THREAD)
        self.assertEqual(expected - stored, set())
        self.assertEqual(Comment.objects.count(), len(expected))
        print("\n%d comments from %d threads in %.1fs (%.0f/s)" % (
            len(expected), THREADS, elapsed, len(expected) / elapsed),
            file=sys.stderr)

    def test_read_modify_write_counter_loses_no_update(self):
        Counter.objects.create(name="hits", value=0)
        failures = []

        def bump(index):
            for _ in range(BUMPS_PER_THREAD):
                result = call_wsgi(self.app, "/bump/")
                if result.status_code != 200:
                    failures.append((result.status_code, result.text[:200]))

        self.run_threads(bump)
        self.assertEqual(failures, [])
        self.assertEqual(Counter.objects.get(name="hits").value,
                         THREADS * BUMPS_PER_THREAD)

    def test_f_expression_counter_loses_no_update(self):
        Counter.objects.create(name="hits", value=0)
        failures = []

        def bump(index):
            for _ in range(BUMPS_PER_THREAD):
                result = call_wsgi(self.app, "/bump-f/")
                if result.status_code != 200:
                    failures.append(result.status_code)

        self.run_threads(bump)
        self.assertEqual(failures, [])
        self.assertEqual(Counter.objects.get(name="hits").value,
                         THREADS * BUMPS_PER_THREAD)

    def test_deferred_transactions_would_lose_updates_or_fail(self):
        # The control experiment: the same read-modify-write with plain
        # sqlite3 and DEFERRED transactions, no retries, either loses updates
        # or fails with "database is locked" -- what BEGIN IMMEDIATE prevents.
        Counter.objects.create(name="hits", value=0)
        errors = []

        def bump(index):
            conn = sqlite3.connect(self.db_path, timeout=5, isolation_level=None)
            try:
                for _ in range(BUMPS_PER_THREAD):
                    try:
                        conn.execute("BEGIN DEFERRED")
                        (value,) = conn.execute(
                            "SELECT value FROM tests_counter WHERE name = 'hits'"
                        ).fetchone()
                        time.sleep(0.0005)
                        conn.execute("UPDATE tests_counter SET value = ? WHERE "
                                     "name = 'hits'", (value + 1,))
                        conn.execute("COMMIT")
                    except sqlite3.OperationalError as exc:
                        errors.append(str(exc))
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
            finally:
                conn.close()

        self.run_threads(bump)
        value = Counter.objects.get(name="hits").value
        self.assertTrue(errors or value < THREADS * BUMPS_PER_THREAD)
        self.assertTrue(all("locked" in e for e in errors), errors[:3])


@slow
class FullDisk(DatabaseFileMixin, unittest.TestCase):
    """PRAGMA max_page_count caps the database file: writes fail as on a
    full disk.  The answer is 507 Insufficient Storage with a message."""

    def fill(self, limit_pages):
        # Every new connection gets the cap (the pragma is per connection).
        connection.close()
        values = attack_settings(self.db_path)
        values["DATABASES"]["default"]["OPTIONS"] = {
            "init_command": "PRAGMA max_page_count = %d" % limit_pages}
        capped = override_settings(**values)
        capped.enable()
        self.addCleanup(capped.disable)

    def test_full_disk_write_is_507_rolled_back_and_reads_keep_working(self):
        for n in range(5):
            Comment.objects.create(author="a", body="before %d" % n)
        (pages,) = connection.cursor().execute("PRAGMA page_count").fetchone()
        self.fill(pages)
        big = "x" * 100000  # needs new pages
        result = call_wsgi(self.app, "/comments/", "POST",
                           body=comment_body("a", big), content_type=FORM, **CSRF_ENV)
        self.assertEqual(result.status_code, 507)
        self.assertIn("Insufficient Storage", result.text)
        self.assertNotIn("Traceback", result.text)
        self.assertNotIn(self.db_path, result.text)
        # Nothing half-written; reads work, small writes that fit work.
        self.assertEqual(Comment.objects.filter(body=big).count(), 0)
        read = call_wsgi(self.app, "/comments/")
        self.assertEqual((read.status_code, read.text), (200, "5"))
        self.assertEqual(connection.cursor().execute(
            "PRAGMA integrity_check").fetchone()[0], "ok")

    def test_full_disk_inside_atomic_rolls_back_the_whole_transaction(self):
        from django.db import OperationalError, transaction

        (pages,) = connection.cursor().execute("PRAGMA page_count").fetchone()
        self.fill(pages + 2)
        with self.assertRaisesRegex(OperationalError, "full"):
            with transaction.atomic():
                Comment.objects.create(author="a", body="small")
                Comment.objects.create(author="a", body="y" * 200000)
        self.assertEqual(Comment.objects.count(), 0)
        Comment.objects.create(author="a", body="fits")
        self.assertEqual(Comment.objects.count(), 1)

    def test_locked_database_is_503_with_retry_after(self):
        # Another process holds the write lock longer than the busy timeout.
        values = attack_settings(self.db_path)
        values["DATABASES"]["default"]["OPTIONS"] = {"timeout": 0.2}
        blocker = sqlite3.connect(self.db_path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            connection.close()
            with override_settings(**values):
                result = call_wsgi(self.app, "/comments/", "POST",
                                   body=comment_body("a", "b"), content_type=FORM,
                                   **CSRF_ENV)
                connection.close()
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        self.assertEqual(result.status_code, 503)
        self.assertEqual(result.header("Retry-After"), "1")
        self.assertNotIn("database is locked", result.text)


def post_comment(server, text, path="/comments/", conn=None):
    """POST one comment with a valid CSRF cookie and token; return the status."""
    status, _ = server.request("POST", path, comment_body("k", text), {
        "Content-Type": FORM, "Cookie": "csrftoken=" + CSRF_SECRET}, conn=conn)
    return status


def stored_bodies(db_path, table):
    check = sqlite3.connect(db_path)
    try:
        integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
        bodies = {row[0] for row in check.execute("SELECT body FROM %s" % table)}
    finally:
        check.close()
    return integrity, bodies


@slow
@server_test
class KilledServer(unittest.TestCase):
    """SIGKILL a server process in the middle of a stream of writes."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="djscratch-kill-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def kill_during_writes(self, server, path):
        acknowledged = []
        stop = threading.Event()

        def writer(index):
            n = 0
            conn = server.connection()
            try:
                while not stop.is_set():
                    text = "w%d-%d" % (index, n)
                    n += 1
                    try:
                        status = post_comment(server, text, path, conn=conn)
                    except (OSError, http.client.HTTPException):
                        return  # the server is gone
                    if status == 302:
                        acknowledged.append(text)
            finally:
                conn.close()

        writers = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
        for w in writers:
            w.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 200 * SCALE + 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.stop()  # SIGKILL, in the middle of the writes
        stop.set()
        for w in writers:
            w.join(15)
        self.assertGreater(len(acknowledged), 20)
        return acknowledged

    def test_sigkill_mid_writes_keeps_every_acknowledged_comment(self):
        db_path = os.path.join(self.tmp, "db.sqlite3")
        acknowledged = self.kill_during_writes(ServerProcess.attack_app(db_path),
                                               "/comments/")
        integrity, stored = stored_bodies(db_path, "tests_comment")
        self.assertEqual(integrity, "ok")
        self.assertEqual(set(acknowledged) - stored, set())
        # A restarted server serves the same data and takes new writes.
        server = ServerProcess.attack_app(db_path)
        self.addCleanup(server.stop)
        self.assertEqual(post_comment(server, "after restart"), 302)
        status, body = server.request("GET", "/comments/")
        self.assertEqual((status, int(body)), (200, len(stored) + 1))

    def test_blog_killed_mid_writes_keeps_every_acknowledged_comment(self):
        db_path = os.path.join(self.tmp, "blog.sqlite3")
        acknowledged = self.kill_during_writes(ServerProcess.blog(db_path), "/")
        integrity, stored = stored_bodies(db_path, "blog_comment")
        self.assertEqual(integrity, "ok")
        self.assertEqual(set(acknowledged) - stored, set())
        server = ServerProcess.blog(db_path)
        self.addCleanup(server.stop)
        status, body = server.request("GET", "/comments.json?after=0")
        self.assertEqual(status, 200)


@slow
@server_test
class BlogConcurrentWriters(unittest.TestCase):
    """The blog under waitress: 8 client threads post 500 comments each."""

    def test_eight_clients_posting_to_the_blog_lose_nothing(self):
        tmp = tempfile.mkdtemp(prefix="djscratch-blog-")
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        db_path = os.path.join(tmp, "blog.sqlite3")
        server = ServerProcess.blog(db_path, threads=8)
        self.addCleanup(server.stop)
        acknowledged, failures = [], []

        def post_comments(index):
            conn = server.connection()
            try:
                for n in range(COMMENTS_PER_THREAD):
                    text = "blog comment %d of client %d" % (n, index)
                    status = post_comment(server, text, "/", conn=conn)
                    if status == 302:
                        acknowledged.append(text)
                    else:
                        failures.append(status)
            finally:
                conn.close()

        threads = [threading.Thread(target=post_comments, args=(i,))
                   for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(failures, [])
        self.assertEqual(len(acknowledged), THREADS * COMMENTS_PER_THREAD)
        integrity, stored = stored_bodies(db_path, "blog_comment")
        self.assertEqual(integrity, "ok")
        self.assertEqual(set(acknowledged) - stored, set())
