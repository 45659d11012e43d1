"""The admin of Django's tutorial (part 7's polls/admin.py) in a real headless
Chromium: runserver of examples/tutorial on djscratch (Django not installed),
the superuser `createsuperuser --noinput` made logs in, adds a question with
three choices through the inline and a fourth with "Add another", finds
it, edits it and deletes it.

Screenshots of the index, the changelist and the change form are taken on every
run into a temporary folder; DJSCRATCH_SCREENSHOTS=1 writes them to docs/
instead (the committed ones the README shows).
"""

import datetime
import os
import shutil
import sys
import tempfile
import unittest

from tests import slow
from tests.test_tutorial import (ADMIN_PASSWORD, ROOT, RunServer, copy_example,
                                 make_venv, manage)

#: The same reasons test_blog.py gives: .ci/run fails when it sees them.
NO_BROWSER = ("Chromium and chromedriver are not installed "
              "(apt-get install chromium chromium-driver)")
NO_SELENIUM = "selenium is not installed (pip install -r requirements-test.txt)"
QUESTION = "Tea or coffee?"
CHOICES = ("Tea", "Coffee", "Water")
EXTRA_CHOICE = "Milk"
DESKTOP = (1280, 900)
#: How often a wait asks the browser again (selenium's default, 0.5 s, is
#: most of what a page change costs in the headless browser).
POLL = 0.05
PHONE_WIDTH = 390


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


HAVE_BROWSER = bool(_chromium() and shutil.which("chromedriver"))


def screenshot_folder():
    """docs/ when DJSCRATCH_SCREENSHOTS is set, else a folder thrown away."""
    if os.environ.get("DJSCRATCH_SCREENSHOTS"):
        return os.path.join(ROOT, "docs")
    return tempfile.mkdtemp()


def start_browser():
    """A headless Chromium driven by selenium, at a desktop window size."""
    try:
        from selenium import webdriver
    except ImportError:
        raise unittest.SkipTest(NO_SELENIUM)
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _chromium()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--lang=en-US",
                 "--window-size=%d,%d" % DESKTOP,
                 f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")),
                               options=options)
    browser.implicitly_wait(5)
    return browser


# About 8 CPU-seconds of Chromium (three browser starts): CI's slow step runs
# it, beside the admin widgets' walk-through, so that the README's test
# command stays within a minute.
@slow
@unittest.skipUnless(HAVE_BROWSER, NO_BROWSER)
class AdminInChromiumTests(unittest.TestCase):
    """The tutorial's admin, clicked through as its reader would."""

    parallel_cost = 7  # seconds, roughly: --parallel starts it early

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.mkdtemp()
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        python = make_venv(os.path.join(cls.folder, "venv"), sys.executable)
        project = copy_example(cls.folder)
        for args, env in ((["migrate"], None), (
                ["createsuperuser", "--noinput", "--username", "admin",
                 "--email", "admin@example.com"],
                {"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD})):
            status, output = manage(python, project, *args, env=env)
            if status:
                raise AssertionError(output)
        cls.server = RunServer(python, project)
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__)
        cls.browser = start_browser()
        cls.addClassCleanup(cls.browser.quit)
        cls.shots = screenshot_folder()

    def open(self, path):
        self.browser.get(self.server.url + path)

    def find(self, css):
        from selenium.webdriver.common.by import By

        return self.browser.find_element(By.CSS_SELECTOR, css)

    def submit(self, css):
        """Click a submit button and wait until the next page replaced this one."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        self.browser.execute_script("window.__beforeSubmit = true;")
        self.find(css).click()
        WebDriverWait(self.browser, 15, poll_frequency=POLL,
                      ignored_exceptions=(WebDriverException,)
                      ).until(lambda b: b.execute_script(
                          "return !window.__beforeSubmit && "
                          "document.readyState === 'complete';"))

    def click_link(self, text):
        from selenium.webdriver.common.by import By

        self.browser.execute_script("window.__beforeSubmit = true;")
        self.browser.find_element(By.LINK_TEXT, text).click()
        self.wait_for_new_page()

    def wait_for_new_page(self):
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.browser, 15, poll_frequency=POLL,
                      ignored_exceptions=(WebDriverException,)
                      ).until(lambda b: b.execute_script(
                          "return !window.__beforeSubmit && "
                          "document.readyState === 'complete';"))

    def path(self):
        return self.browser.current_url[len(self.server.url):]

    def screenshot(self, name, width=DESKTOP[0], mobile=False):
        """The whole page (not only the window) as docs/admin-NAME.png."""
        path = os.path.join(self.shots, "admin-%s.png" % name)
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": DESKTOP[1], "deviceScaleFactor": 1,
            "mobile": mobile})
        try:
            width_used = self.browser.execute_script(
                "return document.documentElement.scrollWidth;")
            self.assertLessEqual(width_used, width, "the page scrolls sideways")
            height = self.browser.execute_script(
                "return document.documentElement.scrollHeight;")
            self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": max(height, DESKTOP[1] if not mobile
                                              else 844),
                "deviceScaleFactor": 1, "mobile": mobile})
            self.assertTrue(self.browser.save_screenshot(path), path)
        finally:
            self.browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_add_find_edit_and_delete_a_question_with_its_choices(self):
        self.log_in()
        change = self.add_question()
        self.find_it_by_search_and_by_date()
        self.screenshot("changelist")
        self.edit_it(change)
        self.delete_it(change)
        self.open("/admin/")  # "Recent actions": added, changed, deleted
        self.assertEqual(len(self.browser.find_elements(
            "css selector", ".actionlist li")), 3)
        self.screenshot("index")

    def log_in(self):
        self.open("/admin/")
        self.assertTrue(self.path().startswith("/admin/login/"), self.path())
        self.find("#id_username").send_keys("admin")
        self.find("#id_password").send_keys(ADMIN_PASSWORD)
        self.submit("input[type=submit]")
        self.assertEqual(self.path(), "/admin/")
        self.assertIn("Questions", self.find("main").text)

    def add_question(self):
        """The index's "Add" for questions, the form with part 7's inline."""
        from selenium.webdriver.common.by import By

        self.browser.execute_script("window.__beforeSubmit = true;")
        self.find('a[href="/admin/polls/question/add/"]').click()
        self.wait_for_new_page()
        self.assertEqual(self.path(), "/admin/polls/question/add/")
        self.find("#id_question_text").send_keys(QUESTION)
        # "Date information" is collapsed (classes: collapse): open it first.
        self.browser.find_element(By.XPATH, "//summary[.='Date information']"
                                  ).click()
        now = datetime.datetime.now(datetime.timezone.utc)
        self.set_value("#id_pub_date_0", now.strftime("%Y-%m-%d"))
        self.set_value("#id_pub_date_1", now.strftime("%H:%M:%S"))
        rows = self.browser.find_elements(
            By.CSS_SELECTOR, "input[name$='-choice_text']:not([name*=__prefix__])")
        self.assertEqual(len(rows), 3)  # extra = 3
        for row, text in zip(rows, CHOICES):
            row.send_keys(text)
        # "Add another Choice": a fourth row, numbered, counted in TOTAL_FORMS.
        # It is styled as a link (was the browser's grey button).
        self.assertEqual(self.browser.execute_script(
            "return getComputedStyle(arguments[0]).backgroundColor;",
            self.find("#choice_set-group button.inline-add")), "rgba(0, 0, 0, 0)")
        self.find("#choice_set-group button.inline-add").click()
        self.find("#id_choice_set-3-choice_text").send_keys(EXTRA_CHOICE)
        self.assertEqual(self.find("#id_choice_set-TOTAL_FORMS").get_attribute(
            "value"), "4")
        self.submit("input[name=_continue]")
        self.assertRegex(self.path(), r"^/admin/polls/question/\d+/change/$")
        self.assertIn("was added successfully. You may edit it again below.",
                      self.find("main").text)
        saved = [self.find("#id_choice_set-%d-choice_text" % i).get_attribute(
            "value") for i in range(4)]
        self.assertEqual(saved, [*CHOICES, EXTRA_CHOICE])
        self.screenshot("change-form")
        self.screenshot("change-form-phone", width=PHONE_WIDTH, mobile=True)
        return self.path()

    def set_value(self, css, value):
        """Fill a native date or time input (typing into them is locale-bound)."""
        self.browser.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            self.find(css), value)

    def find_it_by_search_and_by_date(self):
        self.open("/admin/polls/question/")
        self.find("#searchbar").send_keys("coffee")
        self.submit("#changelist-search input[type=submit]")
        self.assertIn("q=coffee", self.path())
        self.assertEqual(self.result_texts(), [QUESTION])
        self.find("#searchbar").clear()
        self.find("#searchbar").send_keys("no such question")
        self.submit("#changelist-search input[type=submit]")
        self.assertEqual(self.result_texts(), [])
        self.open("/admin/polls/question/")
        self.click_link("Today")
        self.assertIn("pub_date__gte=", self.path())
        self.assertEqual(self.result_texts(), [QUESTION])
        # The list starts level with the filter beside it (it sank below
        # the filter's height when the filter was taller).
        self.assertEqual(self.top("#toolbar"), self.top("#changelist-filter"))

    def top(self, css):
        return self.browser.execute_script(
            "return arguments[0].getBoundingClientRect().top;", self.find(css))

    def result_texts(self):
        from selenium.webdriver.common.by import By

        self.browser.implicitly_wait(0)
        try:
            return [cell.text for cell in self.browser.find_elements(
                By.CSS_SELECTOR, "#result_list tbody .field-question_text")]
        finally:
            self.browser.implicitly_wait(5)

    def edit_it(self, change):
        """From the changelist's link: a new text, one choice renamed."""
        self.click_link(QUESTION)  # the "Today" filter travels along, as in Django
        self.assertEqual(self.path().split("?")[0], change)
        self.assertIn("_changelist_filters=pub_date__gte", self.path())
        field = self.find("#id_question_text")
        field.clear()
        field.send_keys("Tea, coffee or water?")
        choice = self.find("#id_choice_set-2-choice_text")
        choice.clear()
        choice.send_keys("Sparkling water")
        self.submit("input[name=_save]")
        self.assertRegex(self.path(), r"^/admin/polls/question/\?pub_date__gte=")
        self.assertIn("was changed successfully.", self.find("main").text)
        self.assertEqual(self.result_texts(), ["Tea, coffee or water?"])

    def delete_it(self, change):
        """The change form's "Delete", the confirmation page, "Yes, I'm sure"."""
        self.open(change)
        self.click_link("Delete")
        self.assertEqual(self.path(), change.replace("/change/", "/delete/"))
        summary = self.find("main").text
        self.assertIn("Are you sure", summary)
        self.assertIn("Sparkling water", summary)  # the cascade lists the choices
        self.submit("form input[type=submit]")
        self.assertEqual(self.path(), "/admin/polls/question/")
        self.assertIn("was deleted successfully.", self.find("main").text)
        self.assertEqual(self.result_texts(), [])


if __name__ == "__main__":
    unittest.main()
