"""Parallel bookings of one slot over HTTP never exceed its capacity; the
public booking pages hold their rate limits against parallel floods and behind
a reverse proxy, and answer hostile input without a server error."""

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.conftest import call_kw, login

PARALLEL = 8
CAPACITY = 2
PROXY_HOST = "termine.landratsamt.example"


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
    _set_limits(odoo_url, admin, appointment_booking=100, appointment_query=100)
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


def _set_limits(url, admin, **limits):
    for kind, limit in limits.items():
        call_kw(
            url,
            admin,
            "ir.config_parameter",
            "set_param",
            [f"sc_knowledge.rate_limit_{kind}", str(limit)],
        )


def _published_type(url, admin):
    type_id, _partner_id = _setup(url, admin)
    call_kw(
        url, admin, "sc.appointment.type", "write", [[type_id], {"is_published": True}]
    )
    return type_id


def _behind_proxy(address, cookies=None):
    """A citizen's browser as the reverse proxy forwards it."""
    session = requests.Session()
    session.headers.update({"X-Forwarded-For": address, "X-Forwarded-Host": PROXY_HOST})
    if cookies:
        session.cookies.update(cookies)
    return session


def _counted(url, database, kind, client):
    manager = login(url, database, "manager")
    return call_kw(
        url,
        manager,
        "sc.rate.limit",
        "search_count",
        [[["kind", "=", kind], ["client", "=", client]]],
    )


def _server_errors(log_path):
    """ERROR lines and tracebacks the server wrote to its log."""
    text = log_path.read_text()
    return re.findall(r"^.* (?:ERROR|CRITICAL) .*$|^Traceback.*$", text, re.M)


def test_fifty_parallel_bookings_from_one_client_pass_the_limit_five_times(
    proxied_server, database
):
    """Finding 8: 50 parallel booking forms from one client let 6 through a
    limit of 5. Each form is a real booking of the same slot (two counters),
    so bookings that collide are replayed by Odoo: they count once."""
    url, log_path = proxied_server
    admin = login(url, database, "admin")
    type_id = _published_type(url, admin)
    _set_limits(url, admin, appointment_booking=5, appointment_query=0)
    address = "198.51.100.50"
    citizen = _behind_proxy(address)
    form_url = f"{url}/sc/appointments/{type_id}"
    pages = [citizen.get(form_url, timeout=60) for _page in range(50)]
    assert {page.status_code for page in pages} == {200}
    start = _hidden(pages[0].text, "start")
    forms = [
        {
            "csrf_token": _hidden(page.text, "csrf_token"),
            "form_token": _hidden(page.text, "form_token"),
            "start": start,
            "name": f"Bürgerin {number}",
            "email": f"buergerin{number}@example.com",
        }
        for number, page in enumerate(pages)
    ]

    def post(form):
        browser = _behind_proxy(address, citizen.cookies)
        return browser.post(form_url, data=form, timeout=300)

    with ThreadPoolExecutor(len(forms)) as pool:
        responses = list(pool.map(post, forms))

    statuses = Counter(response.status_code for response in responses)
    # let through: two booked the slot, three found it taken; the rest refused
    assert statuses == {429: 45, 200: CAPACITY, 409: 5 - CAPACITY}, statuses
    for response in responses:
        if response.status_code == 429:
            assert 0 < int(response.headers["Retry-After"]) <= 600
            assert "Zu viele Anfragen" in response.text
    assert _counted(url, database, "appointment_booking", address) == 5
    booked = call_kw(
        url,
        admin,
        "calendar.event",
        "search_count",
        [[["sc_appointment_type_id", "=", type_id]]],
    )
    assert booked == CAPACITY
    assert _server_errors(log_path) == []


def test_clients_behind_a_proxy_count_separately(proxied_server, database):
    """Finding 8: behind a reverse proxy every citizen shared the proxy's
    address and limit. With --proxy-mode each counts on its own address."""
    url, log_path = proxied_server
    admin = login(url, database, "admin")
    type_id = _published_type(url, admin)
    _set_limits(url, admin, appointment_booking=1, appointment_query=0)
    form_url = f"{url}/sc/appointments/{type_id}"

    def send_form(citizen):
        page = citizen.get(form_url, timeout=60)
        form = {
            "csrf_token": _hidden(page.text, "csrf_token"),
            "form_token": _hidden(page.text, "form_token"),
            "start": "ungültig",
            "name": "Max Mustermann",
            "email": "max@example.com",
        }
        return citizen.post(form_url, data=form, timeout=60).status_code

    first, second = _behind_proxy("203.0.113.1"), _behind_proxy("203.0.113.2")
    assert send_form(first) == 400  # counted, refused for the bad time
    assert send_form(first) == 429
    assert send_form(second) == 400  # another citizen, its own limit
    assert send_form(second) == 429
    # a request answered with an error counts too (in its own transaction)
    third = _behind_proxy("203.0.113.3")
    page = third.get(form_url, timeout=60)
    unknown = third.post(
        f"{url}/sc/appointments/2147483648",
        data={"csrf_token": _hidden(page.text, "csrf_token")},
        timeout=60,
    )
    assert unknown.status_code == 404
    assert "Seite nicht gefunden" in unknown.text
    assert send_form(third) == 429
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        assert _counted(url, database, "appointment_booking", address) == 1
    # without X-Forwarded-Host Odoo ignores X-Forwarded-For: no spoofing
    spoofer = requests.Session()
    spoofer.headers["X-Forwarded-For"] = "203.0.113.99"
    send_form(spoofer)
    assert _counted(url, database, "appointment_booking", "203.0.113.99") == 0
    assert _server_errors(log_path) == []


def test_hostile_requests_get_no_server_error(proxied_server, database):
    """Raw bytes a browser would never send, on every public route: answered
    with 4xx, and the server log stays free of errors."""
    url, log_path = proxied_server
    admin = login(url, database, "admin")
    type_id = _published_type(url, admin)
    _set_limits(url, admin, appointment_booking=0, appointment_query=0)
    _set_limits(url, admin, appointment_manage=0)
    citizen = _behind_proxy("198.51.100.77")
    page = citizen.get(f"{url}/sc/appointments/{type_id}", timeout=60)
    csrf = _hidden(page.text, "csrf_token")
    token = _hidden(page.text, "form_token")
    form = "application/x-www-form-urlencoded"
    bodies = [
        f"csrf_token={csrf}&form_token={token}&start=%FF%FE&name=%00%0D%0A&email=%C0",
        f"csrf_token={csrf}&start=2026-06-16+08:00:00%00&name={'%E2%80%A8' * 5000}",
        f"csrf_token={csrf}&name=a&name=b&start[]=1&start[0]=2&email[x]=y",
        f"csrf_token={csrf}&form_token={'f' * 32}.{'0' * 64}&start=1&name=x&email=x",
    ]
    paths = [
        f"/sc/appointments/{type_id}",
        "/sc/appointments/2147483648",
        "/sc/appointment/2147483648/x/cancel",
        "/sc/appointment/1/%00%FF/reschedule",
    ]
    statuses = [
        citizen.post(
            f"{url}{path}",
            data=body.encode(),
            headers={"Content-Type": form},
            timeout=60,
        ).status_code
        for path in paths
        for body in bodies
    ]
    statuses += [
        citizen.get(f"{url}{path}", timeout=60).status_code
        for path in (
            "/sc/appointments/99999999999999999999",
            "/sc/appointment/99999999999/%00",
            "/sc/appointment/1/%C3%A4%0D%0A",
            "/sc/appointments?%FF=%00",
        )
    ]
    assert 500 not in statuses, statuses
    assert set(statuses) <= {200, 400, 404, 405}, statuses
    assert _server_errors(log_path) == []


def test_unknown_public_paths_get_the_german_404(odoo_url):
    """A path under the booking pages that no route matches gets the same
    German page as a wrong link, not Odoo's English one (one rule for every
    public path of the suite, in sc_knowledge)."""
    for path in (
        "/sc/appointments/1/no/such/page",
        "/sc/appointment",
        "/sc/appointment/x",
        "/sc/inquiry/no/such/status/page",
    ):
        page = requests.get(f"{odoo_url}{path}", timeout=60)
        assert page.status_code == 404, path
        assert "Seite nicht gefunden" in page.text, path
