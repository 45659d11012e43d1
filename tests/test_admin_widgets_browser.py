"""The admin widgets' scripts in a real headless Chromium: the related-object
popups (add a band from an event's form, rename it, the raw-id lookup of an
inventory's parent), the date and time shortcuts and the filter box of a
filter_horizontal select, on the site tests/admin_widgets_scenario.py serves.
"""

import datetime
import os
import socket
import subprocess
import sys
import time
import unittest

from tests import slow
from tests.test_admin_browser import HAVE_BROWSER, NO_BROWSER, POLL, start_browser

HERE = os.path.dirname(os.path.abspath(__file__))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScenarioServer:
    """tests/admin_widgets_scenario.py serve PORT until the block ends."""

    def __init__(self):
        self.port = _free_port()
        self.url = "http://127.0.0.1:%d" % self.port

    def __enter__(self):
        env = dict(os.environ, PYTHONPATH=os.path.dirname(HERE))
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("ADMIN_WIDGETS_ENGINE", None)
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "admin_widgets_scenario.py"),
             "serve", str(self.port)], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.02)
        self.__exit__()
        raise AssertionError("the scenario's server did not start")

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(timeout=20)


# About 10 s of Chromium: CI's slow step runs it (with the load and soak
# tests), so that the README's test command stays within a minute.
@slow
@unittest.skipUnless(HAVE_BROWSER, NO_BROWSER)
class AdminWidgetsInChromiumTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ScenarioServer().__enter__()
        cls.addClassCleanup(cls.server.__exit__)
        cls.browser = start_browser()
        cls.addClassCleanup(cls.browser.quit)
        cls.browser.get(cls.server.url + "/widgetadmin/login/")
        cls.browser.find_element("css selector", "#id_username").send_keys("super")
        cls.browser.find_element("css selector", "#id_password").send_keys("secret")
        cls.browser.find_element("css selector", "input[type=submit]").click()
        cls.wait(cls, lambda b: "/login/" not in b.current_url)

    def wait(self, condition, timeout=15):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.browser, timeout,
                             poll_frequency=POLL).until(condition)

    def open(self, path):
        self.browser.get(self.server.url + path)
        self.wait(lambda b: b.execute_script(
            "return document.readyState === 'complete';"))

    def find(self, css):
        return self.browser.find_element("css selector", css)

    def in_popup(self, link_css):
        """Click a link that opens a popup; switch to the popup."""
        main = self.browser.current_window_handle
        before = set(self.browser.window_handles)
        self.find(link_css).click()
        self.wait(lambda b: len(set(b.window_handles) - before) == 1)
        popup = (set(self.browser.window_handles) - before).pop()
        self.browser.switch_to.window(popup)
        self.wait(lambda b: b.execute_script(
            "return document.readyState === 'complete';"))
        return main

    def back_from_popup(self, main):
        """Wait until the popup closed itself; switch back to the page."""
        self.wait(lambda b: len(b.window_handles) == 1)
        self.browser.switch_to.window(main)

    def selected_text(self, css):
        return self.browser.execute_script(
            "var s = document.querySelector(arguments[0]);"
            "return s.options[s.selectedIndex].text;", css)

    def test_add_then_change_a_related_object_in_popups(self):
        self.open("/widgetadmin/admin_widgets_app/event/add/")
        change = self.find("#change_id_main_band")
        self.assertIsNone(change.get_attribute("href"))  # nothing selected yet
        main = self.in_popup("#add_id_main_band")
        self.assertIn("_popup=1", self.browser.current_url)
        self.find("#id_name").send_keys("Popup band")
        self.find("input[name=_save]").click()
        self.back_from_popup(main)
        self.assertEqual(self.selected_text("#id_main_band"), "Popup band")
        href = self.find("#change_id_main_band").get_attribute("href")
        self.assertRegex(href, r"/band/\d+/change/\?_to_field=id&_popup=1$")
        main = self.in_popup("#change_id_main_band")
        name = self.find("#id_name")
        name.clear()
        name.send_keys("Renamed band")
        self.find("input[name=_save]").click()
        self.back_from_popup(main)
        self.assertEqual(self.selected_text("#id_main_band"), "Renamed band")

    def test_raw_id_lookup_fills_the_box_from_the_popup_changelist(self):
        self.open("/widgetadmin/admin_widgets_app/inventory/add/")
        main = self.in_popup("#lookup_id_parent")
        self.assertIn("_to_field=barcode", self.browser.current_url)
        self.browser.find_element("link text", "Apple").click()
        self.back_from_popup(main)
        self.assertEqual(self.find("#id_parent").get_attribute("value"), "86")

    def test_today_and_now_shortcuts(self):
        self.open("/widgetadmin/admin_widgets_app/event/add/")
        self.find("#id_start_date + .datetimeshortcuts button").click()
        value = self.find("#id_start_date").get_attribute("value")
        self.assertEqual(value, self.browser.execute_script(
            "var d = new Date(); return d.getFullYear() + '-' +"
            "String(d.getMonth() + 1).padStart(2, '0') + '-' +"
            "String(d.getDate()).padStart(2, '0');"))
        datetime.date.fromisoformat(value)
        self.find("#id_start_time + .datetimeshortcuts button").click()
        self.assertRegex(self.find("#id_start_time").get_attribute("value"),
                         r"^\d\d:\d\d:\d\d$")

    def test_filter_box_hides_the_options_that_do_not_match(self):
        self.open("/widgetadmin/admin_widgets_app/band/add/")
        self.find(".selectfilter-search").send_keys("mik")
        hidden = self.browser.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll("
            "'#id_members option'), function (o) { return o.hidden; });")
        self.assertEqual(hidden, [True, False])  # Chester, Mike

    def test_autocomplete_search_fills_the_select_from_the_view(self):
        self.open("/widgetadmin/admin_widgets_app/album/add/")
        # Required, nothing chosen: no option until the user searches.
        self.assertEqual(self.browser.execute_script(
            "return document.querySelector('#id_band').options.length;"), 0)
        self.find(".admin-autocomplete-search").send_keys("link")
        self.wait(lambda b: b.execute_script(
            "return document.querySelector('#id_band').options.length;") == 2)
        # The results do not choose for the user.
        self.assertEqual(self.find("#id_band").get_attribute("value"), "")
        self.browser.execute_script(
            "var s = document.querySelector('#id_band'); s.selectedIndex = 1;"
            "s.dispatchEvent(new Event('change', {bubbles: true}));")
        self.assertEqual(self.selected_text("#id_band"), "Linkin Park")
        self.find("#id_name").send_keys("Meteora")
        self.find("input[name=_save]").click()
        self.wait(lambda b: b.current_url.endswith("/album/"))
        self.assertIn("Meteora", self.find("#result_list").text)

    def test_an_inline_row_added_in_the_page_has_working_widgets(self):
        self.open("/widgetadmin/admin_widgets_app/stage/add/")
        self.find("#id_name").send_keys("Main stage")
        self.find("button.inline-add").click()
        self.wait(lambda b: b.find_elements(
            "css selector", "#id_event_set-0-start_date + .datetimeshortcuts"))
        self.find("#id_event_set-0-start_date + .datetimeshortcuts button").click()
        self.assertTrue(self.find("#id_event_set-0-start_date").get_attribute(
            "value"))
        main = self.in_popup("#add_id_event_set-0-main_band")
        self.find("#id_name").send_keys("Inline band")
        self.find("input[name=_save]").click()
        self.back_from_popup(main)
        self.assertEqual(self.selected_text("#id_event_set-0-main_band"),
                         "Inline band")
        self.find("input[name=_save]").click()
        self.wait(lambda b: b.current_url.endswith("/stage/"))
        self.assertIn("Main stage", self.find("#result_list").text)

    def test_radio_relation_add_then_cancel_and_confirm_a_delete(self):
        self.open("/widgetadmin/admin_widgets_app/event/add/")
        main = self.in_popup("#add_id_supporting_band")
        self.find("#id_name").send_keys("Radio band")
        self.find("input[name=_save]").click()
        self.back_from_popup(main)
        checked = self.find("#id_supporting_band input:checked")
        self.assertEqual(checked.find_element("xpath", "..").text, "Radio band")
        value = checked.get_attribute("value")
        self.assertTrue(self.find("#delete_id_supporting_band").get_attribute("href"))
        main = self.in_popup("#delete_id_supporting_band")
        self.find(".cancel-link").click()
        self.back_from_popup(main)
        self.assertTrue(self.browser.find_elements(
            "css selector", "#id_supporting_band input[value='%s']" % value))
        main = self.in_popup("#delete_id_supporting_band")
        self.find("input[type=submit]").click()
        self.back_from_popup(main)
        self.assertFalse(self.browser.find_elements(
            "css selector", "#id_supporting_band input[value='%s']" % value))
        self.assertIsNone(self.find("#delete_id_supporting_band").get_attribute(
            "href"))
