"""The public booking pages in a real Chromium: axe-core finds no violation in
any state of the pages (BITV 2.0 / WCAG 2.1 AA and axe's best practices), and
a citizen books with the keyboard alone.

Chromium is Debian's (as for Odoo's tours); Playwright drives it and
axe-playwright-python brings axe-core, both from PyPI. With SC_SCREENSHOTS set
to a folder, the slot list, the form with an error and the booked page are
saved there as PNG files.
"""

import os
import re
import secrets
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.conftest import call_kw, login

# A client address of its own (the server runs in proxy mode), so that the
# pages opened here do not count against the other tests' rate limits.
CLIENT_ADDRESS = "198.51.100.31"
MAX_TABS = 80


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("Chromium is not installed (make test installs Debian's chromium)")


@pytest.fixture(scope="module")
def site(proxied_server, database):
    url = proxied_server[0]
    admin = login(url, database, "admin")
    [type_id] = call_kw(
        url,
        admin,
        "sc.appointment.type",
        "search",
        [[["is_published", "=", True], ["service_ids", "!=", False]]],
        limit=1,
    )
    [appointment_type] = call_kw(
        url,
        admin,
        "sc.appointment.type",
        "read",
        [[type_id], ["service_ids"]],
    )
    return url, type_id, appointment_type["service_ids"], admin


@pytest.fixture(scope="module")
def page(site):
    url = site[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium(), args=["--no-sandbox"]
        )
        context = browser.new_context(
            locale="de-DE",
            viewport={"width": 1100, "height": 900},
            extra_http_headers={
                "X-Forwarded-For": CLIENT_ADDRESS,
                "X-Forwarded-Host": urlsplit(url).netloc,
            },
        )
        yield context.new_page()
        browser.close()


def _screenshot(page, name):
    folder = os.environ.get("SC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/public-{name}.png", full_page=True)


class AxeFindings:
    """axe-core's violations per page state, reported together at the end."""

    def __init__(self):
        self.reports = []

    def check(self, page, state):
        results = Axe().run(page)
        if results.violations_count:
            self.reports.append(f"{state}:\n{results.generate_report()}")

    def assert_none(self):
        assert not self.reports, "\n".join(self.reports)


def _tab_to(page, selector):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _press in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def test_every_public_page_state_has_no_axe_violation(site, page):
    url, type_id, service_ids, _admin = site
    form_url = f"{url}/sc/appointments/{type_id}"
    axe = AxeFindings()
    states = [
        ("type list", "/sc/appointments"),
        ("service not chosen", f"/sc/appointments/{type_id}"),
        ("accessibility statement", "/sc/appointments/accessibility"),
        ("page not found", "/sc/appointments/2147483647"),
    ]
    for state, path in states:
        page.goto(f"{url}{path}")
        assert page.evaluate("document.documentElement.lang") == "de-DE"
        axe.check(page, state)

    page.goto(f"{form_url}?service_id={service_ids[0]}")
    day = page.locator("#sc_day option").nth(2).get_attribute("value")
    page.goto(f"{form_url}?service_id={service_ids[0]}&day={day}")
    assert page.locator("input[name=start]").count() > 0
    axe.check(page, "slot list of a day")
    _screenshot(page, "slots")

    page.locator("input[name=start]").first.check()
    page.fill("#sc_name", "Erika Mustermann")
    page.fill("#sc_phone", "12ab")
    page.click("#sc_book_submit")
    assert page.locator("#sc_booking_errors").is_visible()
    assert page.evaluate("document.activeElement.id") == "sc_phone"
    assert "gültige Telefonnummer" in page.inner_text("#sc_booking_errors")
    axe.check(page, "form with errors")
    _screenshot(page, "form-error")

    page.fill("#sc_phone", "")
    page.fill("#sc_email", "erika.a11y@example.com")
    page.click("#sc_book_submit")
    assert page.locator("#sc_booking_done").is_visible()
    axe.check(page, "booked")
    _screenshot(page, "booked")

    page.click("#sc_booking_done a[href*='/sc/appointment/']")
    assert page.locator("#sc_appointment_manage").is_visible()
    axe.check(page, "manage link")
    axe.assert_none()


def test_citizen_books_with_the_keyboard_alone(site, page):
    url, type_id, service_ids, admin = site
    page.goto(f"{url}/sc/appointments")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sc_skip_link"
    assert page.locator("#sc_skip_link").is_visible()  # shown when focused
    _tab_to(page, f"a[href$='/sc/appointments/{type_id}?service_id={service_ids[-1]}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/sc/appointments/{type_id}\?"))
    # the day picker: the second day with free times, shown by Enter
    _tab_to(page, "#sc_day")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen_day = page.evaluate("document.activeElement.value")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", chosen_day)
    _tab_to(page, "#sc_filter_submit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"day={chosen_day}"))
    # the first free time of that day, by Space
    _tab_to(page, "input[name=start]")
    page.keyboard.press("Space")
    start = page.evaluate("document.activeElement.value")
    assert page.evaluate("document.activeElement.checked")
    _tab_to(page, "#sc_name")
    page.keyboard.type("Karl Tastatur")
    _tab_to(page, "#sc_email")
    email = f"karl.{secrets.token_hex(4)}@example.com"
    page.keyboard.type(email)
    _tab_to(page, "#sc_book_submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#sc_booking_done")
    confirmation = page.inner_text("#sc_booking_done")
    assert "Ihr Termin ist gebucht" in confirmation
    assert email in confirmation
    [booking] = call_kw(
        url,
        admin,
        "calendar.event",
        "search_read",
        [[["sc_citizen_partner_id.email", "=", email]]],
        fields=["start", "sc_service_id", "sc_state"],
    )
    assert booking["start"] == start
    assert booking["sc_service_id"][0] == service_ids[-1]
    assert booking["sc_state"] == "booked"
