"""Parallel bookings of one slot over HTTP never exceed its capacity."""

from concurrent.futures import ThreadPoolExecutor

from tests.conftest import call_kw, login

PARALLEL = 8
CAPACITY = 2


def _setup(url, session):
    """A 24/7 calendar, CAPACITY counters and an appointment type without lead time."""
    calendar = call_kw(
        url,
        session,
        "resource.calendar",
        "create",
        [
            {
                "name": "Rund um die Uhr (HTTP-Test)",
                "tz": "Europe/Berlin",
                "attendance_ids": [
                    [
                        0,
                        0,
                        {
                            "name": f"Tag {day}",
                            "dayofweek": str(day),
                            "hour_from": 0.0,
                            "hour_to": 24.0,
                            "day_period": "morning",
                        },
                    ]
                    for day in range(7)
                ],
            }
        ],
    )
    counters = call_kw(
        url,
        session,
        "resource.resource",
        "create",
        [
            [
                {"name": f"HTTP-Schalter {n}", "calendar_id": calendar}
                for n in range(CAPACITY)
            ]
        ],
    )
    unit = call_kw(url, session, "sc.org.unit", "create", [{"name": "HTTP-Testamt"}])
    appointment_type = call_kw(
        url,
        session,
        "sc.appointment.type",
        "create",
        [
            {
                "name": "Paralleltest",
                "org_unit_id": unit,
                "resource_ids": [[6, 0, counters]],
                "duration_minutes": 15,
                "lead_time_hours": 1,
                "horizon_weeks": 1,
                "walk_in_share": 0.0,
            }
        ],
    )
    partner = call_kw(
        url, session, "res.partner", "create", [{"name": "Max Mustermann"}]
    )
    return appointment_type, partner


def test_parallel_bookings_never_overbook(odoo_url, database):
    admin = login(odoo_url, database, "admin")
    type_id, partner_id = _setup(odoo_url, admin)
    slots = call_kw(
        odoo_url, admin, "sc.appointment.type", "suggest_slots", [[type_id]], limit=0
    )
    start = slots[len(slots) // 2]["start"]
    # agents book, each in a session of their own
    sessions = [login(odoo_url, database, "agent") for _i in range(PARALLEL)]

    def book(session):
        try:
            return "ok", call_kw(
                odoo_url,
                session,
                "sc.appointment.type",
                "book_slot",
                [[type_id], start, partner_id],
                context={"lang": "de_DE"},
            )
        except RuntimeError as error:
            return "refused", str(error)

    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(book, sessions))

    booked = [value for outcome, value in results if outcome == "ok"]
    refused = [value for outcome, value in results if outcome == "refused"]
    assert len(booked) == CAPACITY, results
    assert len(refused) == PARALLEL - CAPACITY
    for message in refused:
        assert "nicht mehr frei" in message, message
    count = call_kw(
        odoo_url,
        admin,
        "calendar.event",
        "search_count",
        [[["sc_appointment_type_id", "=", type_id], ["sc_state", "=", "booked"]]],
    )
    assert count == CAPACITY
    remaining = call_kw(
        odoo_url, admin, "sc.appointment.type", "suggest_slots", [[type_id]], limit=0
    )
    assert start not in [slot["start"] for slot in remaining]
