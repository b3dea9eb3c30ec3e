"""Parallel bookings of one slot over HTTP never exceed its capacity."""

from concurrent.futures import ThreadPoolExecutor

import requests

from tests.conftest import call_kw, login

PARALLEL = 8
CAPACITY = 2


def _setup(url, session, durations=(15,)):
    """A 24/7 calendar, CAPACITY counters and appointment types without lead time.

    With several durations, one type per duration, all sharing the same counters.
    """
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
    types = call_kw(
        url,
        session,
        "sc.appointment.type",
        "create",
        [
            [
                {
                    "name": f"Paralleltest {minutes} min",
                    "org_unit_id": unit,
                    "resource_ids": [[6, 0, counters]],
                    "duration_minutes": minutes,
                    "lead_time_hours": 1,
                    "horizon_weeks": 1,
                    "walk_in_share": 0.0,
                }
                for minutes in durations
            ]
        ],
    )
    partner = call_kw(
        url, session, "res.partner", "create", [{"name": "Max Mustermann"}]
    )
    return (types if len(durations) > 1 else types[0]), partner


def _book(url, session, type_id, start, partner_id):
    try:
        return "ok", call_kw(
            url,
            session,
            "sc.appointment.type",
            "book_slot",
            [[type_id], start, partner_id],
            context={"lang": "de_DE"},
        )
    except RuntimeError as error:
        return "refused", str(error)


def test_parallel_bookings_never_overbook(odoo_url, database):
    admin = login(odoo_url, database, "admin")
    type_id, partner_id = _setup(odoo_url, admin)
    slots = call_kw(
        odoo_url, admin, "sc.appointment.type", "suggest_slots", [[type_id]], limit=0
    )
    start = slots[len(slots) // 2]["start"]
    # agents book, each in a session of their own
    sessions = [login(odoo_url, database, "agent") for _i in range(PARALLEL)]
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(
            pool.map(
                lambda session: _book(odoo_url, session, type_id, start, partner_id),
                sessions,
            )
        )

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


def test_parallel_bookings_of_two_types_sharing_counters(odoo_url, database):
    """A 15- and a 30-minute type share both counters: bookings of either type,
    fired in parallel at overlapping times, never put two citizens on one counter."""
    admin = login(odoo_url, database, "admin")
    (short_id, long_id), partner_id = _setup(odoo_url, admin, durations=(15, 30))
    slots = call_kw(
        odoo_url, admin, "sc.appointment.type", "suggest_slots", [[long_id]], limit=0
    )
    start = sorted(slot["start"] for slot in slots)[len(slots) // 2]
    quarter_past = call_kw(
        odoo_url,
        admin,
        "sc.appointment.type",
        "suggest_slots",
        [[short_id]],
        date_from=start,
        limit=0,
    )
    later = sorted(slot["start"] for slot in quarter_past)[1]  # start + 15 min
    jobs = [(short_id, start)] * 3 + [(long_id, start)] * 3 + [(short_id, later)] * 2
    sessions = [login(odoo_url, database, "agent") for _job in jobs]
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(
            pool.map(
                lambda pair: _book(odoo_url, pair[0], *pair[1], partner_id),
                zip(sessions, jobs, strict=True),
            )
        )
    for outcome, value in results:
        assert outcome == "ok" or "nicht mehr frei" in value, value
    booked = call_kw(
        odoo_url,
        admin,
        "calendar.event",
        "search_read",
        [[["sc_appointment_type_id", "in", [short_id, long_id]]]],
        fields=["start", "stop", "sc_resource_id", "sc_state"],
    )
    assert len(booked) == [outcome for outcome, _v in results].count("ok")
    # at the contested start both counters are taken, by whichever type came first
    assert len([e for e in booked if e["start"] == start]) == CAPACITY
    overbookings = 0
    for index, event in enumerate(booked):
        assert event["sc_resource_id"], event
        for other in booked[index + 1 :]:
            if (
                other["sc_resource_id"][0] == event["sc_resource_id"][0]
                and other["start"] < event["stop"]
                and event["start"] < other["stop"]
            ):
                overbookings += 1
    assert overbookings == 0, booked


def test_public_form_submitted_twice_in_parallel_books_once(odoo_url, database):
    """A double click on "Book" sends the same form twice at once: one booking."""
    admin = login(odoo_url, database, "admin")
    type_id, _partner_id = _setup(odoo_url, admin)
    call_kw(
        odoo_url,
        admin,
        "sc.appointment.type",
        "write",
        [[type_id], {"is_published": True}],
    )
    call_kw(
        odoo_url,
        admin,
        "ir.config_parameter",
        "set_param",
        ["sc_appointments.rate_limit_bookings", "100"],
    )
    citizen = requests.Session()
    url = f"{odoo_url}/sc/appointments/{type_id}"
    page = citizen.get(url, timeout=60)
    assert page.status_code == 200
    form = {
        "csrf_token": _hidden(page.text, "csrf_token"),
        "form_token": _hidden(page.text, "form_token"),
        "start": _hidden(page.text, "start"),
        "name": "Erika Mustermann",
        "email": "erika@example.com",
    }
    with ThreadPoolExecutor(4) as pool:
        responses = list(
            pool.map(lambda _i: citizen.post(url, data=form, timeout=120), range(4))
        )
    for response in responses:
        assert response.status_code == 200
        assert 'id="sc_booking_done"' in response.text
    count = call_kw(
        odoo_url,
        admin,
        "calendar.event",
        "search_count",
        [[["sc_appointment_type_id", "=", type_id]]],
    )
    assert count == 1


def _hidden(html, name):
    """The value of the first input named ``name`` in a page."""
    start = html.index(f'name="{name}"')
    element = html[html.rindex("<input", 0, start) : html.index(">", start)]
    marker = 'value="'
    return element[element.index(marker) + len(marker) :].split('"', 1)[0]
