# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from freezegun import freeze_time

from odoo.tests import BaseCase, tagged

from ..tools.slots import generate_slots, held_back_counters

BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc
MIN = timedelta(minutes=1)


def local(*args):
    return datetime(*args, tzinfo=BERLIN)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@tagged("post_install", "-at_install")
class TestSlotGeneration(BaseCase):
    def test_grid_respects_duration_and_buffer(self):
        intervals = {1: [(local(2026, 6, 2, 8), local(2026, 6, 2, 12))]}
        slots = generate_slots(
            intervals, 20 * MIN, buffer=10 * MIN, now=local(2026, 6, 1, 8)
        )
        starts = [s.start.astimezone(BERLIN).strftime("%H:%M") for s in slots]
        self.assertEqual(
            starts,
            ["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"],
        )
        self.assertEqual(slots[0].end - slots[0].start, 20 * MIN)
        self.assertTrue(all(s.start.tzinfo == UTC for s in slots))

    def test_capacity_leave_walk_in_share_and_bookings(self):
        day = (local(2026, 6, 2, 8), local(2026, 6, 2, 10))
        intervals = {
            "a": [day],
            "b": [day],
            # counter c is on leave until 9:00 (its interval starts later)
            "c": [(local(2026, 6, 2, 9), local(2026, 6, 2, 10))],
        }
        booking = (local(2026, 6, 2, 9), local(2026, 6, 2, 10))
        slots = generate_slots(
            intervals,
            60 * MIN,
            now=local(2026, 6, 1, 8),
            walk_in_share=0.34,
            bookings=[booking],
        )
        by_hour = {s.start.astimezone(BERLIN).hour: s for s in slots}
        self.assertEqual(by_hour[8].capacity, 2)
        self.assertEqual(by_hour[8].held_back, 0)  # 2 x 0.34 rounds down to 0
        self.assertEqual(by_hour[8].free, 2)
        self.assertEqual(by_hour[9].capacity, 3)
        self.assertEqual(by_hour[9].held_back, 1)
        self.assertEqual((by_hour[9].booked, by_hour[9].free), (1, 1))
        # a second booking fills the last bookable counter: the slot disappears
        slots = generate_slots(
            intervals,
            60 * MIN,
            now=local(2026, 6, 1, 8),
            walk_in_share=0.34,
            bookings=[booking, booking],
        )
        self.assertEqual([s.start.astimezone(BERLIN).hour for s in slots], [8])

    def test_long_booking_occupies_every_slot_it_overlaps(self):
        intervals = {1: [(local(2026, 6, 2, 8), local(2026, 6, 2, 12))]}
        bookings = [
            (local(2026, 6, 2, 8, 30), local(2026, 6, 2, 10, 30)),  # 2 hours
            (local(2026, 6, 2, 11, 0), local(2026, 6, 2, 11, 20)),
        ]
        slots = generate_slots(
            intervals, 30 * MIN, now=local(2026, 6, 1, 8), bookings=bookings
        )
        starts = [s.start.astimezone(BERLIN).strftime("%H:%M") for s in slots]
        self.assertEqual(starts, ["08:00", "10:30", "11:30"])

    def test_bookings_hold_their_counter(self):
        """A booking on a counter (of any type) takes exactly that counter."""
        day = (local(2026, 6, 2, 8), local(2026, 6, 2, 11))
        intervals = {1: [day], 2: [day]}
        bookings = [
            (local(2026, 6, 2, 8), local(2026, 6, 2, 9), 2),
            # counter 7 belongs to another type only: it does not count here
            (local(2026, 6, 2, 8), local(2026, 6, 2, 9), 7),
            # grouped form: both counters at 9:00, plus one booking without counter
            (
                local(2026, 6, 2, 10).timestamp(),
                local(2026, 6, 2, 11).timestamp(),
                [1, 2],
                0,
            ),
            (
                local(2026, 6, 2, 9).timestamp(),
                local(2026, 6, 2, 10).timestamp(),
                [],
                1,
            ),
        ]
        slots = generate_slots(
            intervals, 60 * MIN, now=local(2026, 6, 1, 8), bookings=bookings
        )
        by_hour = {s.start.astimezone(BERLIN).hour: s for s in slots}
        self.assertEqual(sorted(by_hour), [8, 9])
        self.assertEqual(by_hour[8].occupied, {2})
        self.assertEqual(by_hour[8].free_counters, [1])
        self.assertEqual((by_hour[9].booked, by_hour[9].free), (1, 1))

    def test_held_back_counters(self):
        self.assertEqual(held_back_counters(10, 0.2), 2)
        self.assertEqual(held_back_counters(1, 0.2), 0)
        self.assertEqual(held_back_counters(3, 1.5), 3)
        self.assertEqual(held_back_counters(3, None), 0)

    def test_lead_time_horizon_and_window(self):
        days = {
            1: [
                (local(2026, 6, d, 8), local(2026, 6, d, 10))
                for d in (1, 2, 3, 4, 5, 8, 9)
            ]
        }
        now = local(2026, 6, 1, 8, 30)
        slots = generate_slots(
            days,
            60 * MIN,
            now=now,
            lead_time=timedelta(hours=24),
            horizon=timedelta(days=7),
        )
        self.assertEqual(slots[0].start, local(2026, 6, 2, 9))
        self.assertEqual(slots[-1].start, local(2026, 6, 8, 8))
        window = generate_slots(
            days,
            60 * MIN,
            now=now,
            date_from=local(2026, 6, 3, 0),
            date_to=local(2026, 6, 4, 0),
        )
        self.assertEqual(
            [s.start for s in window], [local(2026, 6, 3, 8), local(2026, 6, 3, 9)]
        )

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            generate_slots({}, timedelta(0), now=local(2026, 6, 1))
        with self.assertRaises(ValueError):
            generate_slots({}, MIN, now=datetime(2026, 6, 1))

    @freeze_time("2026-03-26 12:00:00")
    def test_spring_dst_change(self):
        """Last Sunday of March 2026 (29 March): 8:00 stays 8:00 local time."""
        intervals = {
            1: [
                (local(2026, 3, 27, 8), local(2026, 3, 27, 10)),
                (local(2026, 3, 30, 8), local(2026, 3, 30, 10)),
                # a night shift across the switch lasts 4 real hours, not 5
                (local(2026, 3, 29, 0), local(2026, 3, 29, 5)),
            ]
        }
        slots = generate_slots(
            intervals, 60 * MIN, now=datetime.now(UTC), lead_time=timedelta(hours=2)
        )
        starts = [s.start for s in slots]
        self.assertIn(utc(2026, 3, 27, 7), starts)  # CET: UTC+1
        self.assertIn(utc(2026, 3, 30, 6), starts)  # CEST: UTC+2
        night = [s for s in slots if s.start.astimezone(BERLIN).day == 29]
        self.assertEqual(len({s.start for s in night}), 4)
        self.assertTrue(all(s.end - s.start == 60 * MIN for s in slots))

    @freeze_time("2026-10-23 12:00:00")
    def test_autumn_dst_change(self):
        """Last Sunday of October 2026 (25 October): back to UTC+1."""
        intervals = {
            1: [
                (local(2026, 10, 23, 14), local(2026, 10, 23, 15)),
                (local(2026, 10, 26, 14), local(2026, 10, 26, 15)),
            ]
        }
        slots = generate_slots(intervals, 30 * MIN, now=datetime.now(UTC))
        self.assertEqual(
            [s.start for s in slots],
            [
                utc(2026, 10, 23, 12),
                utc(2026, 10, 23, 12, 30),
                utc(2026, 10, 26, 13),
                utc(2026, 10, 26, 13, 30),
            ],
        )
