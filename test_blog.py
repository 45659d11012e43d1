"""Tests of the demo blog, written against Django's API only.

They run on djscratch (`python -m djscratch test`, `python blog.py test`) and,
unchanged, on real Django (DJSCRATCH_ENGINE=django).
"""

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import blog
from blog import Comment

from django.test import Client, LiveServerTestCase, TestCase, override_settings
from django.urls import reverse

HERE = os.path.dirname(os.path.abspath(__file__))


def add_comments(count, author="reader"):
    return [Comment.objects.create(author=f"{author} {i}", body=f"comment {i}")
            for i in range(1, count + 1)]


class PageTests(TestCase):
    def test_homepage_url_name_is_root(self):
        self.assertEqual(reverse("homepage"), "/")

    def test_page_shows_title_and_paragraphs_from_page_txt(self):
        title, text = blog.read_page()
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"<h1>{title}</h1>", html=True)
        first_paragraph = text.split("\n\n")[0]
        self.assertContains(response, f"<p>{first_paragraph}</p>", html=True)
        self.assertTemplateUsed(response, "home.html")
        self.assertTemplateUsed(response, "base.html")

    def test_page_text_is_escaped(self):
        original = blog.read_page
        blog.read_page = lambda: ("A <b>title</b>", "Text with <script>x</script>")
        try:
            response = self.client.get("/")
        finally:
            blog.read_page = original
        self.assertContains(response, "A &lt;b&gt;title&lt;/b&gt;")
        self.assertContains(response, "Text with &lt;script&gt;x&lt;/script&gt;")
        self.assertNotContains(response, "<script>x</script>")

    def test_form_is_rendered_with_labels_and_csrf_field(self):
        response = self.client.get("/")
        self.assertContains(response, '<label for="id_author">Author:</label>',
                            html=True)
        self.assertContains(response, '<label for="id_body">Body:</label>', html=True)
        self.assertContains(
            response, '<input type="text" name="author" maxlength="64" required '
            'id="id_author">', html=True)
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, '<textarea name="body" cols="40" rows="10" '
                            'maxlength="1024" required id="id_body">\n</textarea>',
                            html=True)

    def test_no_comments_message(self):
        self.assertContains(self.client.get("/"), "No comments yet.")

    def test_stylesheet_is_linked_and_served(self):
        response = self.client.get("/")
        self.assertContains(response, 'href="/static/blog.css"')
        css = self.client.get("/static/blog.css")
        self.assertEqual(css.status_code, 200)
        self.assertTrue(css["Content-Type"].startswith("text/css"))
        self.assertIn(b"--accent", b"".join(css.streaming_content)
                      if css.streaming else css.content)

    def test_comment_box_says_how_long_a_comment_may_be(self):
        # The script counts down in this element; without it, the limit shows.
        response = self.client.get("/")
        self.assertContains(
            response, '<p id="body-left" class="hint" aria-live="polite">'
            "At most 1024 characters.</p>", html=True)
        self.assertContains(response, '<script src="/static/blog.js" defer></script>')
        script = self.client.get("/static/blog.js")
        self.assertEqual(script.status_code, 200)
        self.assertIn(b"body-left", b"".join(script.streaming_content)
                      if script.streaming else script.content)

    def test_page_has_landmarks_for_accessibility(self):
        response = self.client.get("/")
        for landmark in ('<main id="main">', '<html lang="en">',
                         'aria-labelledby="comments-heading"'):
            self.assertContains(response, landmark)


class CommentPostTests(TestCase):
    def test_valid_post_saves_and_redirects_to_the_new_comment(self):
        response = self.client.post("/", {"author": "Ada", "body": "Hello\nthere"})
        comment = Comment.objects.get()
        self.assertEqual((comment.author, comment.body), ("Ada", "Hello\nthere"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], f"/#c{comment.pk}")
        page = self.client.get("/")
        self.assertContains(page, f'<li id="c{comment.pk}" class="comment">')

    def test_message_says_the_comment_was_saved_once(self):
        response = self.client.post("/", {"author": "Ada", "body": "hi"}, follow=True)
        self.assertContains(
            response, '<li class="success" role="status">Your comment was posted.</li>',
            html=True)
        self.assertNotContains(self.client.get("/"), "Your comment was posted.")

    def test_invalid_post_shows_no_saved_message(self):
        response = self.client.post("/", {"author": "Ada", "body": ""})
        self.assertNotContains(response, "Your comment was posted.")
        self.assertNotContains(response, 'class="messages"')

    def test_comment_shows_time_author_body_and_anchor(self):
        comment = Comment.objects.create(author="Ada", body="line one\nline two")
        Comment.objects.filter(pk=comment.pk).update(
            time=datetime.datetime(2026, 11, 21, 14, 5, tzinfo=datetime.timezone.utc))
        response = self.client.get("/")
        self.assertContains(response, f'id="c{comment.pk}"')
        # The server renders UTC and says so; the page's script may show the
        # reader's local time from the datetime attribute.
        self.assertContains(
            response, '<time datetime="2026-11-21T14:05:00+00:00">'
            "Nov. 21, 2026, 2:05 p.m. UTC</time>")
        self.assertContains(response, '<strong class="author">Ada</strong>', html=True)
        self.assertContains(response, "line one<br>line two")

    def test_invalid_post_shows_errors_and_typed_values_and_saves_nothing(self):
        response = self.client.post("/", {"author": "Ada", "body": ""})
        self.assertEqual(response.status_code, 200)
        self.assertFormError(response.context["form"], "body",
                             "This field is required.")
        self.assertContains(response, 'value="Ada"')
        self.assertEqual(Comment.objects.count(), 0)

    def test_too_long_author_is_rejected(self):
        response = self.client.post("/", {"author": "x" * 65, "body": "hi"})
        self.assertEqual(response.status_code, 200)
        self.assertFormError(
            response.context["form"], "author",
            "Ensure this value has at most 64 characters (it has 65).")
        self.assertFalse(Comment.objects.exists())

    def test_too_long_body_is_rejected(self):
        response = self.client.post("/", {"author": "Ada", "body": "x" * 1025})
        self.assertFormError(
            response.context["form"], "body",
            "Ensure this value has at most 1024 characters (it has 1025).")

    def test_script_in_author_and_body_is_escaped(self):
        self.client.post("/", {"author": "<script>alert(1)</script>",
                               "body": "<img src=x onerror=alert(2)>"})
        response = self.client.get("/")
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertNotContains(response, "<img src=x onerror=alert(2)>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(response, "&lt;img src=x onerror=alert(2)&gt;")

    def test_post_without_csrf_token_is_403_when_enforced(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/", {"author": "Ada", "body": "hi"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_post_with_csrf_token_from_the_page_is_accepted(self):
        client = Client(enforce_csrf_checks=True)
        page = client.get("/")
        token = page.context["csrf_token"]
        response = client.post("/", {"author": "Ada", "body": "hi",
                                     "csrfmiddlewaretoken": str(token)})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Comment.objects.count(), 1)


class OrderingAndPaginationTests(TestCase):
    def test_comments_are_newest_first(self):
        first, second = add_comments(2)
        body = self.client.get("/").content.decode()
        self.assertLess(body.index(f'id="c{second.pk}"'),
                        body.index(f'id="c{first.pk}"'))

    def test_twenty_comments_fit_on_one_page(self):
        add_comments(20)
        response = self.client.get("/")
        self.assertEqual(response.content.decode().count('class="comment"'), 20)
        self.assertNotContains(response, "?page=2")

    def test_twenty_first_comment_goes_to_page_two(self):
        comments = add_comments(21)
        first_page = self.client.get("/")
        self.assertEqual(first_page.content.decode().count('class="comment"'), 20)
        self.assertContains(first_page, 'href="?page=2"')
        second = self.client.get("/?page=2")
        self.assertEqual(second.content.decode().count('class="comment"'), 1)
        self.assertContains(second, f'id="c{comments[0].pk}"')
        self.assertContains(second, 'href="?page=1"')

    def test_bad_page_number_shows_nearest_page(self):
        add_comments(25)
        self.assertEqual(self.client.get("/?page=abc").context["page"].number, 1)
        self.assertEqual(self.client.get("/?page=99").context["page"].number, 2)
        self.assertEqual(self.client.get("/?page=-1").context["page"].number, 2)


class CommentsJsonTests(TestCase):
    def test_comments_after_an_id_oldest_first(self):
        comments = add_comments(3)
        response = self.client.get("/comments.json", {"after": comments[0].pk})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        data = response.json()["comments"]
        self.assertEqual([c["id"] for c in data], [comments[1].pk, comments[2].pk])
        self.assertEqual(set(data[0]), {"id", "author", "body", "time"})
        self.assertEqual(data[0]["author"], "reader 2")
        parsed = datetime.datetime.fromisoformat(data[0]["time"])
        self.assertIsNotNone(parsed.tzinfo)

    def test_without_after_returns_from_the_start(self):
        add_comments(2)
        self.assertEqual(len(self.client.get("/comments.json").json()["comments"]), 2)

    def test_at_most_one_hundred_comments(self):
        Comment.objects.bulk_create(
            [Comment(author="a", body=str(i)) for i in range(105)])
        data = self.client.get("/comments.json?after=0").json()["comments"]
        self.assertEqual(len(data), 100)
        self.assertEqual(data, sorted(data, key=lambda c: c["id"]))

    def test_bad_after_is_400_with_error(self):
        for bad in ("abc", "-1", "1.5", "١"):
            with self.subTest(after=bad):
                response = self.client.get("/comments.json", {"after": bad})
                self.assertEqual(response.status_code, 400)
                self.assertIn("error", json.loads(response.content))

    def test_huge_after_is_an_empty_list_not_an_error(self):
        add_comments(1)
        response = self.client.get("/comments.json", {"after": "9" * 40})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"comments": []})

    def test_after_with_more_digits_than_int_reads_is_400(self):
        for after in ("9" * 4301, "9" * 100_000):
            with self.subTest(digits=len(after)):
                response = self.client.get("/comments.json", {"after": after})
                self.assertEqual(response.status_code, 400)
                self.assertIn("error", response.json())

    def test_after_with_leading_zeros_is_read_as_its_number(self):
        first, _ = add_comments(2)
        padded = "0" * 5000 + str(first.pk)
        response = self.client.get("/comments.json", {"after": padded})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()["comments"]), 1)

    def test_body_with_markup_is_returned_as_plain_json_text(self):
        Comment.objects.create(author="<b>", body="</script><script>alert(1)")
        data = self.client.get("/comments.json").json()["comments"][0]
        self.assertEqual(data["body"], "</script><script>alert(1)")


class MethodTests(TestCase):
    def test_other_methods_get_405_with_allow_header(self):
        for method in ("put", "patch", "delete"):
            with self.subTest(method=method):
                response = getattr(self.client, method)("/")
                self.assertEqual(response.status_code, 405)
                self.assertEqual(response["Allow"], "GET, HEAD, POST")

    def test_other_methods_get_405_even_when_csrf_is_enforced(self):
        response = Client(enforce_csrf_checks=True).put("/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, HEAD, POST")

    def test_head_answers_like_get_without_body(self):
        response = self.client.head("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"")

    def test_comments_json_refuses_post(self):
        response = self.client.post("/comments.json")
        self.assertEqual(response.status_code, 405)


class WebTestFormTests(TestCase):
    """Fill in and submit the real form through WebTest, CSRF token included."""

    def test_fill_and_submit_the_form(self):
        try:
            import webtest
        except ImportError:
            self.skipTest("webtest is not installed "
                          "(pip install -r requirements-test.txt)")
        from django.core.wsgi import get_wsgi_application

        app = webtest.TestApp(get_wsgi_application(),
                              extra_environ={"HTTP_HOST": "localhost"})
        with override_settings(ALLOWED_HOSTS=["localhost"]):
            page = app.get("/")
            form = page.forms[0]
            self.assertTrue(form["csrfmiddlewaretoken"].value)
            form["author"] = "WebTest"
            form["body"] = "Posted through the real form."
            response = form.submit()
            self.assertEqual(response.status_int, 302)
            page = response.follow()
        self.assertIn("Posted through the real form.", page.text)
        self.assertEqual(Comment.objects.get().author, "WebTest")


COMMENTS_ON_A_FULL_PAGE = 19  # with the new one, a full first page


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


NO_BROWSER = ("Chromium and chromedriver are not installed "
              "(apt-get install chromium chromium-driver)")
HAVE_BROWSER = bool(_chromium() and shutil.which("chromedriver"))
#: How often a wait asks the browser again (selenium's default is 0.5 s).
POLL = 0.05


def _start_browser():
    """Return a headless Chromium driven by selenium (skip if selenium is missing)."""
    try:
        from selenium import webdriver
    except ImportError:
        raise unittest.SkipTest("selenium is not installed "
                                "(pip install -r requirements-test.txt)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _chromium()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")),
                               options=options)
    browser.implicitly_wait(5)
    return browser


def _submit_and_wait(browser):
    """Click the comment form's button and wait until the next page replaced it.

    The old page is marked with a window property the new one lacks.  (Waiting
    for the button to go stale raced with the navigation: ChromeDriver 156 can
    answer "Node with given id does not belong to the document" instead.)
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_script("window.__beforeSubmit = true;")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 10, poll_frequency=POLL,
                  ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script(
            "return !window.__beforeSubmit && document.readyState === 'complete';"))


@unittest.skipUnless(HAVE_BROWSER, NO_BROWSER)
class BrowserTests(LiveServerTestCase):
    """A real headless Chromium posts a comment and sees polled updates."""

    parallel_cost = 2  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browser = _start_browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        super().tearDownClass()

    def setUp(self):
        self.original_poll = blog.POLL_MS
        blog.POLL_MS = 300

    def tearDown(self):
        blog.POLL_MS = self.original_poll

    def test_post_a_comment_then_see_a_new_one_arrive_by_polling(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        self.browser.get(self.live_server_url + "/")
        self.browser.find_element(By.ID, "id_author").send_keys("Browser")
        self.browser.find_element(By.ID, "id_body").send_keys("Typed in Chromium")
        _submit_and_wait(self.browser)
        first = WebDriverWait(self.browser, 10, poll_frequency=POLL).until(
            lambda b: b.find_element(By.CSS_SELECTOR, "#comment-list li.comment"))
        self.assertIn("Typed in Chromium", first.text)
        # A second comment arrives behind the page's back; polling shows it on top.
        other = Comment.objects.create(author="Someone else", body="Polled <in>")
        newest = WebDriverWait(self.browser, 10, poll_frequency=POLL).until(
            lambda b: b.find_element(By.ID, f"c{other.pk}"))
        self.assertIn("Polled <in>", newest.text)
        top = self.browser.find_element(By.CSS_SELECTOR, "#comment-list li.comment")
        self.assertEqual(top.get_attribute("id"), f"c{other.pk}")

    def test_counter_then_post_lands_on_the_new_comment_with_a_message(self):
        from selenium.webdriver.common.by import By

        # Enough comments and text that the list starts below the fold.
        for i in range(COMMENTS_ON_A_FULL_PAGE):
            Comment.objects.create(author=f"reader {i}", body="Earlier.\n" * 3)
        self.browser.set_window_size(1280, 800)
        self.browser.get(self.live_server_url + "/")
        hint = self.browser.find_element(By.ID, "body-left")
        self.assertEqual(hint.text, "1024 characters left")
        self.browser.find_element(By.ID, "id_author").send_keys("Browser")
        self.browser.find_element(By.ID, "id_body").send_keys("Seen at once.")
        self.assertEqual(hint.text, "1011 characters left")
        _submit_and_wait(self.browser)
        comment = Comment.objects.get(author="Browser")
        self.assertTrue(self.browser.current_url.endswith(f"/#c{comment.pk}"))
        new = self.browser.find_element(By.ID, f"c{comment.pk}")
        message = self.browser.find_element(By.CSS_SELECTOR, ".messages li")
        self.assertEqual(message.text, "Your comment was posted.")
        for element in (new, message):
            top, bottom, height = self.browser.execute_script(
                "var r = arguments[0].getBoundingClientRect();"
                "return [r.top, r.bottom, window.innerHeight];", element)
            self.assertGreaterEqual(top, 0)
            self.assertLessEqual(bottom, height)
        # The time is shown in the reader's zone, the UTC text kept as title.
        time_ = new.find_element(By.TAG_NAME, "time")
        self.assertTrue(time_.get_attribute("title").endswith(" UTC"))
        if os.environ.get("DJSCRATCH_BLOG_SCREENSHOT"):
            self.browser.save_screenshot(os.environ["DJSCRATCH_BLOG_SCREENSHOT"])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerRestartTests(unittest.TestCase):
    """`python blog.py` over real HTTP: a posted comment survives a restart."""

    parallel_cost = 3  # seconds, roughly: --parallel starts it early

    def start(self, db, port):
        env = {**os.environ, "BLOG_DB": db, "PYTHONPATH": HERE,
               "SECRET_KEY": "restart-test-key-0123456789-0123456789-0123456789"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "blog.py"), "--port", str(port)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return proc
            except OSError:
                time.sleep(0.02)
        proc.kill()
        self.fail("server did not start: " + proc.stdout.read().decode())

    def stop(self, proc):
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()

    def test_comment_survives_restart(self):
        import http.cookiejar
        import re
        import urllib.parse
        import urllib.request

        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        db, port = os.path.join(tmp, "blog.sqlite3"), _free_port()
        base = f"http://127.0.0.1:{port}/"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        proc = self.start(db, port)
        try:
            page = opener.open(base, timeout=10).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            data = urllib.parse.urlencode({
                "author": "Persistent", "body": "Still here after a restart",
                "csrfmiddlewaretoken": token}).encode()
            request = urllib.request.Request(base, data=data,
                                             headers={"Referer": base})
            after_post = opener.open(request, timeout=10)  # follows the 302
            self.assertIn("Still here after a restart", after_post.read().decode())
        finally:
            self.stop(proc)
        proc = self.start(db, port)
        try:
            page = opener.open(base, timeout=10).read().decode()
        finally:
            self.stop(proc)
        self.assertIn("Still here after a restart", page)

    @unittest.skipUnless(HAVE_BROWSER, NO_BROWSER)
    def test_comment_posted_in_the_browser_survives_restart(self):
        browser = _start_browser()
        self.addCleanup(browser.quit)
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        def comments_show(text):
            # The old page's list goes stale while the POST's redirect loads.
            WebDriverWait(browser, 10, poll_frequency=POLL, ignored_exceptions=(
                StaleElementReferenceException,)).until(
                lambda b: text in b.find_element(By.ID, "comment-list").text)

        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        db, port = os.path.join(tmp, "blog.sqlite3"), _free_port()
        base = f"http://127.0.0.1:{port}/"
        proc = self.start(db, port)
        try:
            browser.get(base)
            browser.find_element(By.ID, "id_author").send_keys("Chromium")
            browser.find_element(By.ID, "id_body").send_keys("Typed before a restart")
            _submit_and_wait(browser)
            comments_show("Typed before a restart")
        finally:
            self.stop(proc)
        proc = self.start(db, port)
        try:
            browser.get(base)
            comments_show("Typed before a restart")  # fails after 10 s if absent
        finally:
            self.stop(proc)


class FreshDatabaseTests(unittest.TestCase):
    """`blog.app` under any WSGI server creates its tables before answering."""

    def env(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        env = {**os.environ, "BLOG_DB": os.path.join(tmp, "new.sqlite3"),
               "PYTHONPATH": HERE, "ALLOWED_HOSTS": "127.0.0.1",
               "SECRET_KEY": "fresh-db-test-key-0123456789-0123456789-0123456789"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def test_webtest_on_a_fresh_database(self):
        import importlib.util
        if importlib.util.find_spec("webtest") is None:
            self.skipTest("webtest is not installed "
                          "(pip install -r requirements-test.txt)")
        script = (
            "import blog, webtest\n"
            "app = webtest.TestApp(blog.app, extra_environ={'HTTP_HOST': "
            "'127.0.0.1'})\n"
            "print(app.get('/').status_int, app.get('/comments.json').json)\n")
        result = subprocess.run([sys.executable, "-c", script], env=self.env(),
                                cwd=HERE, capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "200 {'comments': []}\n")

    def test_waitress_serve_on_a_fresh_database(self):
        import re
        import threading
        import urllib.request

        proc = subprocess.Popen(
            [sys.executable, "-m", "waitress", "--listen=127.0.0.1:0", "blog:app"],
            env=self.env(), cwd=HERE, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)
        self.addCleanup(proc.stderr.close)
        self.addCleanup(proc.wait, 10)
        self.addCleanup(proc.kill)
        timer = threading.Timer(30, proc.kill)  # a silent hang ends readline()
        timer.start()
        self.addCleanup(timer.cancel)
        port = None
        while port is None:  # waitress logs "Serving on http://127.0.0.1:PORT"
            line = proc.stderr.readline()
            if not line:
                self.fail("waitress-serve did not start")
            match = re.search(r"Serving on http://127\.0\.0\.1:(\d+)", line)
            port = match and int(match[1])
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            self.assertEqual(response.status, 200)
        with urllib.request.urlopen(base + "/comments.json", timeout=10) as response:
            self.assertEqual((response.status, json.load(response)),
                             (200, {"comments": []}))
