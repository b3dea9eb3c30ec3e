"""The call event endpoint of sc_inquiry_sla over real HTTP, under concurrency.

A telephone system (created by the demo manager over JSON-RPC, with its
token) pushes the events of several calls from parallel clients: every event
twice, in shuffled order, the requests of a group of calls released at the
same moment. Each call id must end as exactly one sc.call in the right final
state, no request may fail with a 500, and the server must not log an ERROR
(requests about one call wait for its lock; a serialization failure, where
one still occurs, is retried by Odoo and is not an error).
"""

import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.conftest import SERVER_LOG, call_kw, login, server_log_since

TOKEN = "http-test-token-5f2b"
CODE = "http-concurrency"
CALLS = 24
CALLS_AT_ONCE = 4
T0 = 1772434800  # Monday 2 March 2026, 08:00 in Berlin


def _events(index):
    """(events of call index in their true order, expected final state)."""
    ref = f"concurrent-{index}"
    offered = T0 + index * 60
    events = [
        {
            "call_id": ref,
            "event": "offered",
            "time": offered,
            "number": f"+4936691{70000 + index}",
            "queue": "115",
        }
    ]
    if index % 3 == 0:
        events.append({"call_id": ref, "event": "abandoned", "time": offered + 40})
        return events, "abandoned"
    events += [
        {"call_id": ref, "event": "answered", "time": offered + 12, "agent": "9999"},
        {"call_id": ref, "event": "ended", "time": offered + 200},
    ]
    return events, "answered"


@pytest.fixture(scope="module")
def manager(odoo_url, database):
    return login(odoo_url, database, "manager")


@pytest.fixture(scope="module")
def system_id(odoo_url, manager):
    return call_kw(
        odoo_url,
        manager,
        "sc.telephone.system",
        "create",
        [{"name": "Asterisk (HTTP test)", "code": CODE, "token": TOKEN}],
    )


def _post_all_at_once(url, bodies):
    """POST bodies from one thread each, released together; the statuses."""
    barrier = threading.Barrier(len(bodies))

    def post(body):
        barrier.wait(30)
        return requests.post(
            f"{url}/sc_inquiry_sla/cti/event",
            data=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {TOKEN}",
            },
            timeout=120,
        ).status_code

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_parallel_duplicate_and_out_of_order_events_give_one_call_each(
    odoo_url, manager, system_id
):
    rng = random.Random(11)
    expected = {}
    statuses = []
    log_offset = SERVER_LOG.stat().st_size
    for first in range(0, CALLS, CALLS_AT_ONCE):
        bodies = []
        for index in range(first, first + CALLS_AT_ONCE):
            events, state = _events(index)
            expected[events[0]["call_id"]] = state
            bodies += [{"system": CODE, **event} for event in events * 2]
        rng.shuffle(bodies)
        statuses += _post_all_at_once(odoo_url, bodies)
    assert set(statuses) == {200}, statuses
    calls = call_kw(
        odoo_url,
        manager,
        "sc.call",
        "search_read",
        [[("system_id", "=", system_id)]],
        fields=["call_ref", "state", "offered_at", "wait_seconds"],
    )
    refs = [call["call_ref"] for call in calls]
    assert sorted(refs) == sorted(expected)  # each call once, none lost
    assert {call["call_ref"]: call["state"] for call in calls} == expected
    waits = {call["call_ref"]: call["wait_seconds"] for call in calls}
    assert waits["concurrent-0"] == 40 and waits["concurrent-1"] == 12
    errors = [line for line in server_log_since(log_offset) if " ERROR " in line]
    assert not errors, errors
