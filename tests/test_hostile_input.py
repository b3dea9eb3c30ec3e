"""Every public route of the suite, and the telephone system's endpoint, under
hostile input over real HTTP: control characters, CR/LF, NUL bytes, 100,000
characters, wrong types, huge integers and odd dates. No answer may be a 500
and the server may not log an ERROR."""

import re
import socket
from urllib.parse import quote, urlsplit

import pytest
import requests

from tests.conftest import call_kw, login

HOSTILE_TEXTS = [
    "\x00",
    "Eve\r\nBcc: spam@example.net\r\nX-Injected: 1",
    "Eve\nSubject: hi\n\nInjected body",
    '<a href="javascript:alert(1)">x</a><script>alert(1)</script>',
    "A" * 100_000,
    "ä" * 5_000,
    "{{ object.partner_id.email }}",
    "../../../etc/passwd",
    "%00%0d%0a",
    "garbage",
    "1",
    "-1",
    "9" * 40,
    str(2**31),
    "1e308",
    "2026-13-45 25:61:00",
    "0000-01-01 00:00:00",
    "0001-01-01T00:00:00+02:00",
    "2026-03-29T02:30:00+02:00",
    "2026-10-25 02:30:00",
    "9999-12-31 23:59:59",
]
# Python's HTTP server refuses request lines and headers over 64 KiB before Odoo
# sees them (the reverse proxy caps them in production): URLs carry at most this.
MAX_URL_TEXT = 60_000
HOSTILE_IDS = [str(2**31), "9" * 40, "0", "-1", "1e3", "abc", "%00", "%0d%0a"]
# Where a route takes a JSON value, the wrong types too.
HOSTILE_JSON_VALUES = [
    *HOSTILE_TEXTS,
    None,
    True,
    12,
    2**70,
    -(2**70),
    1.5e308,
    [],
    ["+4936691700"] * 3,
    {"number": "+4936691700"},
]
# Rate limits stay on; every route's limit is raised so that the hostile
# requests reach the code behind it instead of stopping at the 429.
RATE_LIMIT_KINDS = [
    "appointment_query",
    "appointment_booking",
    "appointment_manage",
    "xzufi_pull",
    "inquiry_status",
]
CONNECTION_ERRORS = (requests.ConnectionError, requests.Timeout)
# The hostile requests come from a client address of their own (the server runs
# in proxy mode, as behind a reverse proxy), so their rate-limit counts do not
# reach the other suite tests, which come from 127.0.0.1.
HOSTILE_CLIENT = {"X-Forwarded-For": "198.51.100.66", "X-Forwarded-Host": "sc.test"}
MANAGE_LINK = re.compile(r"/sc/appointment/(\d+)/([\w-]+)")


def client():
    session = requests.Session()
    session.headers.update(HOSTILE_CLIENT)
    return session


@pytest.fixture(scope="module")
def odoo_url(proxied_server):
    return proxied_server[0]


@pytest.fixture(scope="module")
def admin(odoo_url, database):
    session = login(odoo_url, database, "admin")
    params = {f"sc_knowledge.rate_limit_{kind}": "100000" for kind in RATE_LIMIT_KINDS}
    for key, value in params.items():
        call_kw(odoo_url, session, "ir.config_parameter", "set_param", [key, value])
    yield session
    for key in params:
        call_kw(odoo_url, session, "ir.config_parameter", "set_param", [key, False])


@pytest.fixture(scope="module")
def type_id(odoo_url, admin):
    """A published appointment type; None in a narrowed run without
    sc_appointments (its routes are then left out)."""
    installed = call_kw(
        odoo_url,
        admin,
        "ir.module.module",
        "search_count",
        [[["name", "=", "sc_appointments"], ["state", "=", "installed"]]],
    )
    if not installed:
        return None
    ids = call_kw(
        odoo_url,
        admin,
        "sc.appointment.type",
        "search",
        [[["is_published", "=", True]]],
        limit=1,
    )
    assert ids, "the demo data publishes appointment types"
    return ids[0]


class Outcomes:
    """Status codes of everything sent, and what went wrong."""

    def __init__(self):
        self.statuses = {}
        self.failures = []

    def record(self, label, send):
        try:
            status = send()
        except CONNECTION_ERRORS as error:
            self.failures.append(f"{label}: no answer ({error.__class__.__name__})")
            return None
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status >= 500:
            self.failures.append(f"{label}: HTTP {status}")
        return status


def _form(session, url):
    """GET a form page; its hidden inputs (CSRF and form tokens) by name."""
    page = session.get(url, timeout=60)
    return dict(
        re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.text)
    ), page


@pytest.fixture(scope="module")
def service_id(odoo_url, admin, type_id):
    """One of the services of the demo type: the citizen chooses it."""
    if not type_id:
        return None
    [appointment_type] = call_kw(
        odoo_url, admin, "sc.appointment.type", "read", [[type_id], ["service_ids"]]
    )
    assert appointment_type["service_ids"], "the demo type offers services"
    return appointment_type["service_ids"][0]


def _start(odoo_url, admin, type_id):
    slots = call_kw(
        odoo_url, admin, "sc.appointment.type", "suggest_slots", [[type_id]], limit=1
    )
    assert slots, "the demo appointment type has free slots"
    return slots[0]["start"]


def _valid_booking(odoo_url, admin, type_id, service_id):
    """Book on the public page as a citizen would; the manage link's id and token."""
    session = client()
    url = f"{odoo_url}/sc/appointments/{type_id}"
    hidden, _page = _form(session, f"{url}?service_id={service_id}")
    done = session.post(
        url,
        data={
            **hidden,
            "service_id": service_id,
            "start": _start(odoo_url, admin, type_id),
            "name": "Erika Mustermann",
            "email": "erika@example.com",
        },
        timeout=60,
    )
    match = MANAGE_LINK.search(done.text)
    assert match, done.text[:2000]
    return match.groups()


def _raw_get(url, path, headers):
    """GET with header values that HTTP client libraries refuse to send."""
    parts = urlsplit(url)
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in HOSTILE_CLIENT.items()]
    request = "\r\n".join(lines).encode() + b"\r\n" + headers + b"\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as sock:
        sock.sendall(request)
        first_line = sock.makefile("rb").readline()
    return int(first_line.split()[1])


def _booking_page(odoo_url, type_id, service_id, outcomes, admin):
    url = f"{odoo_url}/sc/appointments/{type_id}"
    start = _start(odoo_url, admin, type_id)
    valid = {
        "start": start,
        "name": "Max Muster",
        "email": "max@example.com",
        "service_id": str(service_id),
    }
    fields = [*valid, "phone", "form_token", "day", "period", "csrf_token"]
    for text in HOSTILE_TEXTS:
        for param in ("service_id", "day", "period"):
            outcomes.record(
                f"GET form ?{param}={text[:20]!r}",
                lambda text=text, param=param: (
                    client()
                    .get(
                        url,
                        params=[
                            (param, text[:MAX_URL_TEXT]),
                            ("service_id", str(service_id)),
                        ],
                        timeout=60,
                    )
                    .status_code
                ),
            )
        outcomes.record(
            f"GET accessibility ?q={text[:20]!r}",
            lambda text=text: (
                client()
                .get(
                    f"{odoo_url}/sc/appointments/accessibility",
                    params={"q": text[:MAX_URL_TEXT]},
                    timeout=60,
                )
                .status_code
            ),
        )
        outcomes.record(
            f"GET /sc/appointments?q={text[:20]!r}",
            lambda text=text: (
                client()
                .get(
                    f"{odoo_url}/sc/appointments",
                    params={"q": text[:MAX_URL_TEXT]},
                    timeout=60,
                )
                .status_code
            ),
        )
        outcomes.record(
            f"GET form ?form_token&start={text[:20]!r}",
            lambda text=text: (
                client()
                .get(
                    url,
                    params={"form_token": text[:MAX_URL_TEXT], "start": text[:20]},
                    timeout=60,
                )
                .status_code
            ),
        )
        for field in fields:
            session = client()
            hidden, _page = _form(session, url)
            data = {**hidden, **valid, field: text}
            outcomes.record(
                f"POST booking {field}={text[:20]!r}",
                lambda session=session, data=data: (
                    session.post(url, data=data, timeout=60).status_code
                ),
            )
    session = client()
    hidden, _page = _form(session, url)
    repeated = [*hidden.items(), *valid.items(), ("name", "A"), ("start", "B")]
    outcomes.record(
        "POST booking with repeated fields",
        lambda: session.post(url, data=repeated, timeout=60).status_code,
    )
    outcomes.record(
        "POST booking without CSRF token",
        lambda: client().post(url, data=valid, timeout=60).status_code,
    )
    for bad_id in HOSTILE_IDS:
        outcomes.record(
            f"GET /sc/appointments/{bad_id}",
            lambda bad_id=bad_id: (
                client()
                .get(f"{odoo_url}/sc/appointments/{bad_id}", timeout=60)
                .status_code
            ),
        )


def _manage_link(odoo_url, type_id, service_id, outcomes, admin):
    event_id, token = _valid_booking(odoo_url, admin, type_id, service_id)
    base = f"{odoo_url}/sc/appointment/{event_id}/{token}"
    for bad_id in HOSTILE_IDS:
        outcomes.record(
            f"GET manage id {bad_id}",
            lambda bad_id=bad_id: (
                client()
                .get(f"{odoo_url}/sc/appointment/{bad_id}/{token}", timeout=60)
                .status_code
            ),
        )
    for text in HOSTILE_TEXTS:
        bad_token = quote(text[: MAX_URL_TEXT // 6], safe="")
        outcomes.record(
            f"GET manage token {text[:20]!r}",
            lambda bad_token=bad_token: (
                client()
                .get(f"{odoo_url}/sc/appointment/{event_id}/{bad_token}", timeout=60)
                .status_code
            ),
        )
        session = client()
        hidden, _page = _form(session, base)
        outcomes.record(
            f"POST reschedule start={text[:20]!r}",
            lambda session=session, hidden=hidden, text=text: (
                session.post(
                    f"{base}/reschedule", data={**hidden, "start": text}, timeout=60
                ).status_code
            ),
        )
    session = client()
    hidden, _page = _form(session, base)
    outcomes.record(
        "POST cancel with a wrong token",
        lambda: session.post(f"{base}x/cancel", data=hidden, timeout=60).status_code,
    )
    outcomes.record(
        "POST cancel",
        lambda: session.post(f"{base}/cancel", data=hidden, timeout=60).status_code,
    )


def _xzufi_pull(odoo_url, outcomes):
    paths = ["/xzufi/index.txt", *(f"/xzufi/{i}/index.txt" for i in HOSTILE_IDS)]
    for text in HOSTILE_TEXTS:
        name = quote(text[:1000], safe="")
        paths += [f"/xzufi/{name}", f"/xzufi/1/{name}"]
    for path in paths:
        outcomes.record(
            f"GET {path[:40]}",
            lambda path=path: client().get(f"{odoo_url}{path}", timeout=60).status_code,
        )
    for text in HOSTILE_TEXTS:
        outcomes.record(
            f"GET pull ?token={text[:20]!r}",
            lambda text=text: (
                client()
                .get(
                    f"{odoo_url}/xzufi/index.txt",
                    params=[("token", text[:MAX_URL_TEXT]), ("token", "x")],
                    timeout=60,
                )
                .status_code
            ),
        )
    for raw in (
        b"Authorization: Bearer \x00\x01\x7f",
        b"Authorization: Bearer " + b"A" * MAX_URL_TEXT,
        b"Authorization: Basic =?utf-8?b?\xff\xfe?=",
        b"Authorization: Bearer",
        b"X-Forwarded-For: \x00, 999.1.1.1, ::ffff:garbage",
        b"X-Forwarded-Host: evil.example\r\nX-Forwarded-For: 1.2.3.4",
    ):
        outcomes.record(
            f"GET pull with header {raw[:30]!r}",
            lambda raw=raw: _raw_get(odoo_url, "/xzufi/index.txt", raw),
        )


def _inquiry_status(odoo_url, admin, outcomes):
    """The citizen's status page of an inquiry: hostile ids and tokens, and
    the right token on the wrong inquiry."""
    tickets = call_kw(
        odoo_url,
        admin,
        "helpdesk.ticket",
        "search_read",
        [[["sc_status_token", "!=", False]], ["sc_status_token"]],
        limit=1,
    )
    assert tickets, "the demo data forwards inquiries of citizens with e-mail"
    ticket_id, token = tickets[0]["id"], tickets[0]["sc_status_token"]
    paths = [f"/sc/inquiry/{ticket_id}/{token}", f"/sc/inquiry/{ticket_id + 1}/{token}"]
    paths += [f"/sc/inquiry/{bad_id}/{token}" for bad_id in HOSTILE_IDS]
    for text in HOSTILE_TEXTS:
        bad_token = quote(text[: MAX_URL_TEXT // 6], safe="")
        paths.append(f"/sc/inquiry/{ticket_id}/{bad_token}")
    for path in paths:
        outcomes.record(
            f"GET {path[:40]}",
            lambda path=path: client().get(f"{odoo_url}{path}", timeout=60).status_code,
        )
    outcomes.record(
        "POST status page",
        lambda: client().post(f"{odoo_url}{paths[0]}", timeout=60).status_code,
    )


def _json(url, session, params):
    return session.post(
        url,
        json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
        timeout=60,
    )


def _cti(odoo_url, database, outcomes):
    url = f"{odoo_url}/sc_inquiry_sla/cti/call"
    agent = login(odoo_url, database, "agent")
    anonymous = client()
    for value in HOSTILE_JSON_VALUES:
        for who, session in (("anonymous", anonymous), ("agent", agent)):
            outcomes.record(
                f"CTI call as {who} number={str(value)[:20]!r}",
                lambda session=session, value=value: (
                    _json(url, session, {"number": value}).status_code
                ),
            )
    for body in (b"", b"{", b"\x00" * 10, b'{"params": []}', b"[]" * 50_000):
        outcomes.record(
            f"CTI call with body {body[:10]!r}",
            lambda body=body: (
                agent.post(
                    url,
                    data=body,
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                ).status_code
            ),
        )


def _cti_event(odoo_url, admin, outcomes):
    """The telephone systems' event route: hostile values in every member,
    with the right token and without."""
    url = f"{odoo_url}/sc_inquiry_sla/cti/event"
    token = "hostile-input-token"
    system_id = call_kw(
        odoo_url,
        admin,
        "sc.telephone.system",
        "create",
        [{"name": "Hostile input", "code": "hostile", "token": token}],
    )
    event = {"call_id": "h1", "event": "offered", "time": 1772434800}
    session = client()
    for value in HOSTILE_JSON_VALUES:
        for key in ("system", "call_id", "event", "time", "number", "queue", "agent"):
            body = {"system": "hostile", **event, key: value}
            for auth in (f"Bearer {token}", "Bearer wrong"):
                outcomes.record(
                    f"CTI event {key}={str(value)[:20]!r} with {auth[:12]}",
                    lambda body=body, auth=auth: (
                        session.post(
                            url, json=body, headers={"Authorization": auth}, timeout=60
                        ).status_code
                    ),
                )
    for body in (b"", b"{", b"\x00" * 10, b'{"events": []}', b"[]" * 50_000):
        outcomes.record(
            f"CTI event with body {body[:10]!r}",
            lambda body=body: (
                session.post(
                    url,
                    data=body,
                    headers={
                        "Content-Type": "application/json",
                        "Authorization": f"Bearer {token}",
                    },
                    timeout=60,
                ).status_code
            ),
        )
    call_kw(
        odoo_url, admin, "sc.telephone.system", "write", [system_id, {"active": False}]
    )


def _log_since(path, offset):
    with open(path, "rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace").splitlines()


def test_no_public_route_answers_500_or_logs_an_error(
    odoo_url, database, admin, type_id, service_id, proxied_server
):
    log_path = proxied_server[1]
    offset = log_path.stat().st_size
    outcomes = Outcomes()
    if type_id:
        _booking_page(odoo_url, type_id, service_id, outcomes, admin)
        _manage_link(odoo_url, type_id, service_id, outcomes, admin)
    _xzufi_pull(odoo_url, outcomes)
    _inquiry_status(odoo_url, admin, outcomes)
    _cti(odoo_url, database, outcomes)
    _cti_event(odoo_url, admin, outcomes)

    sent = sum(outcomes.statuses.values())
    assert sent >= 400, outcomes.statuses
    assert not outcomes.failures, "\n".join(outcomes.failures[:50])
    errors = [
        line
        for line in _log_since(log_path, offset)
        if re.search(r" (ERROR|CRITICAL) ", line)
    ]
    assert not errors, "\n".join(errors[:20])
