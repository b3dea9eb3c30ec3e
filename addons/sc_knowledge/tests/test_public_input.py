# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, TransactionCase, tagged

from ..tools.public_input import (
    has_control_characters,
    multi_line,
    record_id,
    single_line,
)


@tagged("post_install", "-at_install")
class TestPublicInput(TransactionCase):
    def test_single_line_drops_header_injection(self):
        self.assertEqual(
            single_line("Eve\r\nBcc: spam@example.net\r\nX-Injected: 1"),
            "Eve Bcc: spam@example.net X-Injected: 1",
        )
        self.assertEqual(single_line("Eve\nBody\x00\u2028x  y "), "Eve Body x y")
        self.assertEqual(single_line(["a", "b"]), "")
        self.assertEqual(single_line(None), "")
        self.assertEqual(single_line(42, 64), "")

    def test_single_line_drops_invisible_characters(self):
        self.assertEqual(single_line("Evil\r\nBcc: x\x00y\tz", 64), "Evil Bcc: x y z")
        self.assertEqual(single_line("a\u202eb\u200bc", 64), "abc")  # bidi, zero width
        self.assertEqual(single_line("  Müller  ", 64), "Müller")

    def test_single_line_caps_length(self):
        self.assertEqual(single_line("x" * 10, 10), "x" * 10)
        self.assertEqual(single_line("x" * 100_000, 10), "x" * 9 + "…")
        self.assertEqual(single_line("ab " * 5, 5), "ab a…")
        self.assertEqual(single_line("x" * 5000), "x" * 5000)  # no cap given

    def test_has_control_characters(self):
        self.assertTrue(has_control_characters("036691\x0070"))
        self.assertTrue(has_control_characters("036691\r\n"))
        self.assertFalse(has_control_characters("+49 (0)36691 70-0"))

    def test_multi_line_keeps_line_breaks_only(self):
        self.assertEqual(multi_line("a\r\nb\rc\x00\x1bd\te"), "a\nb\ncd\te")

    def test_record_id_refuses_what_postgres_cannot_hold(self):
        self.assertEqual(record_id("42"), 42)
        self.assertEqual(record_id(7), 7)
        for hostile in ("2147483648", "-1", "0", "1e3", "٣", "", None, True, [1]):
            self.assertIsNone(record_id(hostile), hostile)


@tagged("post_install", "-at_install")
class TestRateLimit(TransactionCase):
    def setUp(self):
        super().setUp()
        # the limit counts in a cursor of its own: let it share the test's
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.limits = self.env["sc.rate.limit"]
        self.limits.search([]).unlink()
        self.env["ir.config_parameter"].set_param("sc_knowledge.rate_limit_window", 10)

    def test_limit_and_retry_after(self):
        start = datetime(2026, 3, 29, 0, 30)  # the night Germany changes to CEST
        with freeze_time(start):
            self.assertEqual(self.limits._consume("test", "192.0.2.1", 2), 0)
        with freeze_time(start + timedelta(minutes=4)):
            self.assertEqual(self.limits._consume("test", "192.0.2.1", 2), 0)
            self.assertEqual(self.limits._consume("test", "192.0.2.1", 2), 360)
            self.assertEqual(self.limits._consume("test", "192.0.2.2", 2), 0)
            self.assertEqual(self.limits._consume("other", "192.0.2.1", 2), 0)
        with freeze_time(start + timedelta(minutes=10, seconds=1)):
            # the first request has left the window, the second has not
            self.assertEqual(self.limits._consume("test", "192.0.2.1", 2), 0)
            self.assertEqual(self.limits._consume("test", "192.0.2.1", 2), 239)
        refused = self.limits.search_count(
            [("kind", "=", "test"), ("client", "=", "192.0.2.1")]
        )
        self.assertEqual(refused, 3, "refused requests are not recorded")

    def test_limit_from_settings_and_zero_disables(self):
        params = self.env["ir.config_parameter"]
        params.set_param("sc_knowledge.rate_limit_test", 1)
        self.assertEqual(self.limits._consume("test", "192.0.2.1", 50), 0)
        self.assertGreater(self.limits._consume("test", "192.0.2.1", 50), 0)
        params.set_param("sc_knowledge.rate_limit_test", 0)
        self.assertEqual(self.limits._consume("test", "192.0.2.1", 50), 0)


@tagged("post_install", "-at_install")
class TestUnknownPaths(HttpCase):
    def test_nul_byte_in_a_path_is_not_found(self):
        for path in ("/sc/appointments/%00", "/sc/appointment/%00/x", "/x%00y"):
            with self.assertNoLogs(level="ERROR"):
                response = self.url_open(path)
            self.assertEqual(response.status_code, 404, path)
