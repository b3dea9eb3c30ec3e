# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo.tests import BaseCase, tagged

from ..tools.erlang import (
    agents_needed,
    average_wait,
    erlang_b,
    erlang_c,
    service_level,
    traffic_erlangs,
)


def naive_erlang_c(traffic, agents):
    """The textbook formula with factorials (only for small inputs)."""
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    bottom = sum(traffic**k / math.factorial(k) for k in range(agents)) + top
    return top / bottom


@tagged("post_install", "-at_install")
class TestErlangC(BaseCase):
    def test_textbook_values(self):
        # 100 calls in 30 minutes with 180 s handling time: A = 10 Erlangs.
        traffic = traffic_erlangs(100, 180)
        self.assertEqual(traffic, 10.0)
        self.assertAlmostEqual(erlang_c(traffic, 11), 0.682, places=3)
        self.assertAlmostEqual(service_level(traffic, 11, 180, 20), 0.39, places=2)
        self.assertAlmostEqual(service_level(traffic, 14, 180, 20), 0.888, places=3)
        # ASA = P(wait) · AHT / (N − A) = 0.6821 · 180 / 1
        self.assertAlmostEqual(average_wait(traffic, 11, 180), 122.8, places=1)
        self.assertEqual(agents_needed(traffic, 180, 20, 0.8), 14)

    def test_erlang_b_textbook(self):
        # Erlang B table: A = 10 Erlangs on 10 lines blocks 21.5 %.
        self.assertAlmostEqual(erlang_b(10.0, 10), 0.2146, places=4)

    def test_same_as_the_factorial_formula(self):
        for traffic, agents in ((1.5, 2), (10.0, 12), (42.7, 50), (80.0, 95)):
            self.assertAlmostEqual(
                erlang_c(traffic, agents), naive_erlang_c(traffic, agents), places=9
            )

    def test_large_traffic_is_stable(self):
        # 2,000 calls per half-hour at 180 s: 200 Erlangs; the factorial formula
        # overflows a float here (200**200).
        traffic = traffic_erlangs(2000, 180)
        with self.assertRaises(OverflowError):
            naive_erlang_c(traffic, 210)
        agents = agents_needed(traffic, 180, 30, 0.75)
        self.assertGreater(agents, 200)
        self.assertLess(agents, 215)
        self.assertGreaterEqual(service_level(traffic, agents, 180, 30), 0.75)
        self.assertLess(service_level(traffic, agents - 1, 180, 30), 0.75)

    def test_overload_and_no_traffic(self):
        self.assertEqual(erlang_c(10.0, 10), 1.0)
        self.assertEqual(service_level(10.0, 9, 180, 20), 0.0)
        self.assertIsNone(average_wait(10.0, 10, 180))
        self.assertEqual(agents_needed(0.0, 180, 20, 0.8), 0)
        self.assertEqual(service_level(0.0, 0, 180, 20), 1.0)
