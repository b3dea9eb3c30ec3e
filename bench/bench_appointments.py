"""Appointment slots: rank the free slots of the next 4 weeks, and book in parallel.

Data: one appointment type with 10 counters (Mon-Fri 8-12 and 13-18, Europe/Berlin,
Thuringian holidays as leaves), two years of walk-in history (>= 200,000 visits with
Kfz-style peaks), 5,000 future bookings. Figures, side by side on the same data in
one run:
- suggest_slots (load model, SQL aggregation, one pass over the bookings) against a
  naive earliest-first ranking that counts the bookings of every slot with the ORM;
- parallel booking requests over HTTP (JSON-RPC): throughput and overbookings.
"""

import random
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from unittest import mock

import requests

from bench.common import fresh_database, odoo_env, percentile
from tests.conftest import json_rpc
from tests.harness import env as harness

DATABASE = "bench_sc_appointments"
COUNTERS = 10
VISITS = 200_000
BOOKINGS = 5_000
RUNS = 40
HTTP_THREADS = 16
HTTP_REQUESTS = 160
RANDOM = random.Random(115)
UTC = timezone.utc

# relative walk-in pressure by weekday and hour (Kfz: Monday/Tuesday mornings busy)
WEEKDAY_WEIGHT = [1.5, 1.3, 0.7, 1.2, 0.8]
HOUR_WEIGHT = {
    8: 1.6,
    9: 1.8,
    10: 1.4,
    11: 1.0,
    13: 0.6,
    14: 0.9,
    15: 1.1,
    16: 0.8,
    17: 0.4,
}


def build(env):
    from odoo import Command

    calendar = env["resource.calendar"].create(
        {
            "name": "Kfz-Zulassung (Benchmark)",
            "tz": "Europe/Berlin",
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{day} {period}",
                        "dayofweek": str(day),
                        "hour_from": start,
                        "hour_to": stop,
                        "day_period": period,
                    }
                )
                for day in range(5)
                for period, start, stop in (("morning", 8, 12), ("afternoon", 13, 18))
            ],
        }
    )
    import holidays

    today = date.today()
    env["resource.calendar.leaves"].create(
        [
            {
                "name": name,
                "calendar_id": calendar.id,
                "date_from": datetime.combine(day, datetime.min.time()),
                "date_to": datetime.combine(day, datetime.max.time()),
            }
            for day, name in holidays.Germany(
                subdiv="TH", years=[today.year, today.year + 1]
            ).items()
            if day >= today
        ]
    )
    unit = env["sc.org.unit"].create(
        {"name": "Kfz-Zulassungsbehörde", "resource_calendar_id": calendar.id}
    )
    counters = env["resource.resource"].create(
        [
            {"name": f"Schalter {n}", "calendar_id": calendar.id}
            for n in range(1, COUNTERS + 1)
        ]
    )
    appointment_type = env["sc.appointment.type"].create(
        {
            "name": "Fahrzeugzulassung",
            "org_unit_id": unit.id,
            "resource_ids": [Command.set(counters.ids)],
            "duration_minutes": 20,
            "lead_time_hours": 2,
            "horizon_weeks": 6,
            "walk_in_share": 20.0,
            "history_weeks": 104,
            "walk_in_service_minutes": 8,
        }
    )
    partner = env["res.partner"].create({"name": "Benchmark Bürger"})
    insert_visits(env, unit)
    insert_bookings(env, appointment_type, partner)
    return appointment_type, partner


def insert_visits(env, unit):
    today = date.today()
    weights = []
    days = []
    for offset in range(1, 7 * 104 + 1):
        day = today - timedelta(days=offset)
        if day.weekday() < 5:
            for hour, hour_weight in HOUR_WEIGHT.items():
                days.append((day, hour))
                weights.append(WEEKDAY_WEIGHT[day.weekday()] * hour_weight)
    picks = RANDOM.choices(days, weights=weights, k=VISITS)
    arrivals = []
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    for day, hour in picks:
        local = datetime(day.year, day.month, day.day, hour, RANDOM.randrange(60))
        arrivals.append(
            local.replace(tzinfo=berlin).astimezone(UTC).replace(tzinfo=None)
        )
    env.cr.execute(
        """
        INSERT INTO sc_visit (arrival, org_unit_id, company_id, kind,
                              create_date, write_date)
        SELECT a, %s, %s, 'walk_in', now(), now()
          FROM unnest(%s::timestamp[]) a
        """,
        (unit.id, (unit.company_id or env.company).id, arrivals),
    )


def insert_bookings(env, appointment_type, partner):
    """Bookings as the booking code makes them: each one holds a counter."""
    slots = appointment_type._free_slots()
    seats = [
        (slot, counter) for slot in slots for counter in slot.free_counters[: slot.free]
    ]
    chosen = RANDOM.sample(seats, min(BOOKINGS, len(seats)))
    env.cr.execute(
        """
        INSERT INTO calendar_event (name, start, stop, duration, show_as, privacy,
               active, sc_appointment_type_id, sc_company_id, sc_org_unit_id,
               sc_citizen_partner_id, sc_resource_id, sc_state, create_date,
               write_date)
        SELECT 'Benchmark', s, e, 0.333, 'busy', 'public', true, %s, %s, %s, %s, c,
               'booked', now(), now()
          FROM unnest(%s::timestamp[], %s::timestamp[], %s::int[]) AS t(s, e, c)
        """,
        (
            appointment_type.id,
            appointment_type.company_id.id,
            appointment_type.org_unit_id.id,
            partner.id,
            [slot.start.replace(tzinfo=None) for slot, _counter in chosen],
            [slot.end.replace(tzinfo=None) for slot, _counter in chosen],
            [counter for _slot, counter in chosen],
        ),
    )
    return len(chosen)


def vacuum(settings):
    """What autovacuum does after a bulk load: statistics and visibility map."""
    from tests.harness.run_suite import pg_cli_args

    subprocess.run(
        [
            "psql",
            *pg_cli_args(settings),
            "-q",
            "-d",
            DATABASE,
            "-c",
            "VACUUM ANALYZE sc_visit, sc_visit_walk_in_hour, calendar_event",
        ],
        check=True,
    )


def naive_ranking(appointment_type, date_from, date_to):
    """Baseline: candidate slots earliest first, bookings counted per slot (ORM)."""
    from odoo.addons.sc_appointments.tools.slots import generate_slots

    events = appointment_type.env["calendar.event"]
    candidates = generate_slots(
        appointment_type._counter_intervals(
            date_from - timedelta(days=1), date_to + timedelta(days=1)
        ),
        timedelta(minutes=appointment_type.duration_minutes),
        now=date_from,
        lead_time=timedelta(hours=appointment_type.lead_time_hours),
        date_from=date_from,
        date_to=date_to,
        walk_in_share=appointment_type.walk_in_share / 100.0,
    )
    free = []
    for slot in candidates:
        booked = events.search_count(
            [
                ("sc_appointment_type_id", "=", appointment_type.id),
                ("sc_state", "=", "booked"),
                ("start", "<", slot.end.replace(tzinfo=None)),
                ("stop", ">", slot.start.replace(tzinfo=None)),
            ]
        )
        if booked < slot.bookable:
            free.append(slot)
    return free


def previous_history_rates(self, first_day, today, half_life, excluded):
    """The history read before the aggregate table (same run, for comparison):
    GROUP BY the UTC arrival hour over all visits, weights in Python."""
    from zoneinfo import ZoneInfo

    from odoo.addons.sc_appointments.tests.load_reference import walk_in_profile

    berlin = ZoneInfo("Europe/Berlin")
    since = datetime.combine(first_day, datetime.min.time(), tzinfo=berlin)
    until = datetime.combine(today, datetime.min.time(), tzinfo=berlin)
    self.env.cr.execute(
        """SELECT date_trunc('hour', arrival), count(*) FROM sc_visit
            WHERE org_unit_id = %s AND kind = 'walk_in'
              AND arrival >= %s AND arrival < %s
            GROUP BY 1""",
        (
            self.org_unit_id.id,
            since.astimezone(UTC).replace(tzinfo=None),
            until.astimezone(UTC).replace(tzinfo=None),
        ),
    )
    rows = []
    for hour, visits in self.env.cr.fetchall():
        local = hour.replace(tzinfo=UTC).astimezone(berlin)
        rows.append((local.date(), local.hour, visits))
    return walk_in_profile(
        rows, today, half_life_weeks=half_life, excluded_dates=excluded
    ).rates


def time_runs(env, function, cold=False):
    """Milliseconds of RUNS calls; ``cold`` drops Odoo's caches before each."""
    timings = []
    result = None
    for _run in range(RUNS):
        env.invalidate_all()
        if cold:
            env.registry.clear_cache()
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, result


def bench_ranking(env, appointment_type):
    now = datetime.now(UTC)
    date_to = now + timedelta(weeks=4)

    def ours():
        return appointment_type.suggest_slots(
            now.replace(tzinfo=None), date_to.replace(tzinfo=None), limit=0
        )

    def naive():
        return naive_ranking(appointment_type, now, date_to)

    cold_ms, ranked = time_runs(env, ours, cold=True)
    ours_ms, ranked = time_runs(env, ours)
    with mock.patch.object(
        type(appointment_type), "_walk_in_rates", previous_history_rates
    ):
        previous_ms, previous = time_runs(env, ours, cold=True)
    naive_ms, naive_free = time_runs(env, naive)
    assert [s["start"] for s in previous] == [s["start"] for s in ranked]
    print(f"free slots in the next 4 weeks: {len(ranked)} (naive: {len(naive_free)})")
    print(f"{'ranking (ms)':<50}{'p50':>9}{'p95':>9}")
    for label, timings in (
        ("suggest_slots, Odoo's caches cleared before each", cold_ms),
        ("suggest_slots, Odoo's caches warm", ours_ms),
        ("suggest_slots, cold, history GROUP BY on sc_visit", previous_ms),
        ("naive earliest-first, per-slot ORM count", naive_ms),
    ):
        print(
            f"{label:<50}{percentile(timings, 0.5):>9.1f}"
            f"{percentile(timings, 0.95):>9.1f}"
        )
    levels = {}
    for slot in ranked:
        levels[slot["level"]] = levels.get(slot["level"], 0) + 1
    print(f"levels of the free slots: {levels}; quietest: {ranked[0]['reason']}")
    return ranked


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_http(settings, appointment_type_id, partner_id, ranked):
    port = free_port()
    server = subprocess.Popen(
        harness.odoo_command(
            settings,
            "-d",
            DATABASE,
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            f"--db-filter=^{DATABASE}$",
            "--max-cron-threads=0",
            "--log-level=warn",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/web/health", timeout=10).ok:
                    break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        sessions = []
        for _i in range(HTTP_THREADS):
            session = requests.Session()
            json_rpc(
                url,
                "/web/session/authenticate",
                {"db": DATABASE, "login": "admin", "password": "admin"},
                session,
            )
            sessions.append(session)
        # 10 contested slots, each asked for far more often than it has room
        targets = [slot["start"] for slot in ranked[:10]]
        jobs = [targets[i % len(targets)] for i in range(HTTP_REQUESTS)]

        def book(index):
            session = sessions[index % HTTP_THREADS]
            try:
                json_rpc(
                    url,
                    "/web/dataset/call_kw/sc.appointment.type/book_slot",
                    {
                        "model": "sc.appointment.type",
                        "method": "book_slot",
                        "args": [[appointment_type_id], jobs[index], partner_id],
                        "kwargs": {},
                    },
                    session,
                )
                return "booked"
            except RuntimeError as error:
                return "full" if "no longer available" in str(error) else "error"

        started = time.perf_counter()
        with ThreadPoolExecutor(HTTP_THREADS) as pool:
            outcomes = list(pool.map(book, range(HTTP_REQUESTS)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)
    return outcomes, elapsed, targets


def count_overbookings(env, appointment_type, targets):
    overbooked = 0
    bookable = appointment_type.capacity - int(
        appointment_type.capacity * appointment_type.walk_in_share / 100.0 + 1e-9
    )
    for start in targets:
        env.cr.execute(
            """SELECT count(*) FROM calendar_event
                WHERE sc_appointment_type_id = %s AND sc_state = 'booked'
                  AND start = %s""",
            (appointment_type.id, start),
        )
        booked = env.cr.fetchone()[0]
        overbooked += max(booked - bookable, 0)
    return overbooked


def main():
    settings = fresh_database(DATABASE, ["sc_appointments"])
    started = time.monotonic()
    with odoo_env(settings, DATABASE) as env:
        appointment_type, partner = build(env)
        # the index the previous history read used (for the comparison row)
        env.cr.execute(
            "CREATE INDEX bench_previous_load_index "
            "ON sc_visit (org_unit_id, kind, arrival)"
        )
        env.cr.commit()
        vacuum(settings)
        env.cr.execute("SELECT count(*) FROM sc_visit")
        visits = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM calendar_event WHERE sc_state='booked'")
        bookings = env.cr.fetchone()[0]
        print(
            f"data: {visits} visits over 104 weeks, {bookings} future bookings, "
            f"{COUNTERS} counters (built in {time.monotonic() - started:.0f} s)"
        )
        ranked = bench_ranking(env, appointment_type)
        env.cr.rollback()
        outcomes, elapsed, targets = bench_http(
            settings, appointment_type.id, partner.id, ranked
        )
        env.cr.rollback()  # a fresh snapshot that sees the HTTP bookings
        env.invalidate_all()
        overbooked = count_overbookings(env, appointment_type, targets)
    print(
        f"parallel HTTP booking: {HTTP_REQUESTS} requests by {HTTP_THREADS} threads "
        f"on 10 contested slots in {elapsed:.1f} s = "
        f"{HTTP_REQUESTS / elapsed:.1f} requests/s; booked "
        f"{outcomes.count('booked')}, refused as full {outcomes.count('full')}, "
        f"other errors {outcomes.count('error')}; overbookings: {overbooked}"
    )


if __name__ == "__main__":
    main()
