"""Benchmark: response deadlines and the reminder/escalation cron (issue 4).

Run as `python3 -m bench bench_inquiry_sla`. In a throwaway database it installs
`sc_inquiry_sla` and, for the baseline only, OCA `helpdesk_mgmt_sla` (wheel from
PyPI unpacked into a temporary addons directory; nothing is installed into the
Python environment). Same run, same machine:

1. 10,000 tickets across 20 units with 5 different calendars: our batched
   deadline function vs. OCA helpdesk_mgmt_sla (one 24-hour SLA on a team
   calendar, deadline via ``plan_hours`` per ticket), both as pure deadline
   computation and as record creation (``sc.inquiry.forward`` vs.
   ``helpdesk.ticket.sla``).
2. The reminder/escalation cron over 100,000 open forwards: wall time until
   nothing is left and the Python peak memory (tracemalloc, second run).
"""

import glob
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.harness import env as harness  # noqa: E402

OCA_SLA = "odoo-addon-helpdesk_mgmt_sla==18.0.2.1.1"
TICKETS = 10_000
UNITS = 20
CALENDARS = 5
OPEN_FORWARDS = 100_000
CRON_BATCH = 1000
# OCA computes one deadline per ticket with plan_hours (~2-10 ms each here): it is
# timed on every fifth ticket of the same data to keep the run under 5 minutes.
BASELINE_SAMPLE = 2_000


def unpack_baseline(target):
    """Download the OCA wheel (no dependencies) and unpack its addon."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            target,
            OCA_SLA,
        ],
        check=True,
    )
    wheel = glob.glob(os.path.join(target, "*.whl"))[0]
    addons = os.path.join(target, "addons")
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith("odoo/addons/helpdesk_mgmt_sla/"):
                archive.extract(name, target)
    os.rename(os.path.join(target, "odoo", "addons"), addons)
    return addons


def install(db_settings, database, addons_path):
    cmd = harness.odoo_command(
        db_settings,
        "-d",
        database,
        "-i",
        "sc_inquiry_sla,helpdesk_mgmt_sla",
        "--without-demo=all",
        "--stop-after-init",
        "--max-cron-threads=0",
        "--log-level=warn",
    )
    cmd = [
        part
        if not part.startswith("--addons-path=")
        else f"--addons-path={addons_path}"
        for part in cmd
    ]
    subprocess.run(cmd, check=True)


def make_calendars(env):
    """Five different calendars: long days, short Friday, 4-day week, ..."""
    shapes = [
        {d: [(8, 18)] for d in range(5)},
        {**{d: [(8, 12), (13, 16)] for d in range(4)}, 4: [(8, 12)]},
        {d: [(7, 15)] for d in range(4)},
        {0: [(8, 16)], 1: [(8, 18)], 2: [(8, 12)], 3: [(8, 18)], 4: [(8, 12)]},
        {d: [(9, 12), (13, 15)] for d in range(5)},
    ]
    calendars = env["resource.calendar"]
    for index, shape in enumerate(shapes):
        calendars |= env["resource.calendar"].create(
            {
                "name": f"Bench calendar {index}",
                "tz": "Europe/Berlin",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"{d}",
                            "dayofweek": str(d),
                            "hour_from": a,
                            "hour_to": b,
                            "day_period": "morning" if b <= 12 else "afternoon",
                        },
                    )
                    for d, spans in shape.items()
                    for a, b in spans
                ],
            }
        )
    leaves = [
        (datetime(2026, 4, 3), datetime(2026, 4, 4)),
        (datetime(2026, 4, 6), datetime(2026, 4, 7)),
        (datetime(2026, 5, 1), datetime(2026, 5, 2)),
        (datetime(2026, 5, 14), datetime(2026, 5, 15)),
    ]
    env["resource.calendar.leaves"].create(
        [
            {
                "name": "Feiertag",
                "calendar_id": c.id,
                "date_from": a - timedelta(hours=2),
                "date_to": b - timedelta(hours=2),
            }
            for c in calendars
            for a, b in leaves
        ]
    )
    return calendars


def setup_data(env):
    calendars = make_calendars(env)
    env.company.sc_resource_calendar_id = calendars[0]
    units = env["sc.org.unit"].create(
        [
            {
                "name": f"Unit {i}",
                "forward_email": f"unit{i}@bench.example",
                "resource_calendar_id": calendars[i % CALENDARS].id,
            }
            for i in range(UNITS)
        ]
    )
    team = env["helpdesk.ticket.team"].create(
        {
            "name": "Bench team",
            "use_sla": False,
            "resource_calendar_id": calendars[0].id,
        }
    )
    start = datetime(2026, 3, 23, 6, 0)
    tickets = env["helpdesk.ticket"].create(
        [
            {"name": f"Bench {i}", "description": "<p>x</p>", "team_id": team.id}
            for i in range(TICKETS)
        ]
    )
    # Spread the creation moments over three weeks, day and night.
    env.cr.execute(
        "UPDATE helpdesk_ticket SET create_date = %s::timestamp"
        " + (id %% 1500) * interval '20 minutes' WHERE id = ANY(%s)",
        (start, tickets.ids),
    )
    tickets.invalidate_recordset(["create_date"])
    env.flush_all()
    return calendars, units, team, tickets


def timed(label, func):
    began = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - began
    return result, elapsed


def bench_deadlines(env, units, team, tickets):
    from odoo.addons.sc_inquiry_sla.tools.deadline import (
        DeadlineRequest,
        compute_deadlines,
    )

    rows = []
    company = env.company
    requests = [
        DeadlineRequest(
            t.id,
            t.create_date,
            24.0,
            "hours",
            tuple(company._sc_calendars(units[i % UNITS].resource_calendar_id)),
            0.75,
        )
        for i, t in enumerate(tickets)
    ]
    env.invalidate_all()
    _res, ours = timed("ours", lambda: compute_deadlines(requests))
    calendar = team.resource_calendar_id
    sample = tickets[:: TICKETS // BASELINE_SAMPLE]
    starts = [t.create_date for t in sample]
    env.invalidate_all()
    _res, oca = timed(
        "oca", lambda: [calendar.plan_hours(24, d, compute_leaves=True) for d in starts]
    )
    rows.append(("deadline only (pure computation)", ours / TICKETS, oca / len(sample)))

    # Record creation: sc.inquiry.forward (batch) vs helpdesk.ticket.sla.
    sla = env["helpdesk.sla"].create(
        {"name": "24 h", "hours": 24, "team_ids": [(6, 0, team.ids)]}
    )
    team.use_sla = True
    sp = env.cr.savepoint()
    env.invalidate_all()
    _res, ours_create = timed(
        "ours create",
        lambda: (
            env["sc.inquiry.forward"].create(
                [
                    {
                        "ticket_id": t.id,
                        "org_unit_id": units[i % UNITS].id,
                        "sent_at": t.create_date,
                    }
                    for i, t in enumerate(tickets)
                ]
            ),
            env.flush_all(),
        ),
    )
    env.invalidate_all()
    _res, oca_create = timed(
        "oca create",
        lambda: (
            env["helpdesk.ticket.sla"].create(
                [{"ticket_id": t.id, "sla_id": sla.id} for t in sample]
            ),
            env.flush_all(),
        ),
    )
    sp.rollback()
    sp.close()
    env.invalidate_all()
    rows.append(
        (
            "create records incl. deadline",
            ours_create / TICKETS,
            oca_create / len(sample),
        )
    )
    return rows


def insert_open_forwards(env, units, tickets, now):
    """100,000 open forwards by SQL; 5 % due for a reminder, 5 % overdue, spread
    over all units (one digest per unit and batch)."""
    env.cr.execute(
        """
        INSERT INTO sc_inquiry_forward
            (ticket_id, org_unit_id, company_id, user_id, email_to, sent_at, deadline,
             reminder_at, state, reminded, escalated, on_time,
             create_uid, write_uid, create_date, write_date)
        SELECT t.ids[1 + g %% array_length(t.ids, 1)],
               u.ids[1 + (g / 20) %% array_length(u.ids, 1)],
               %(company)s, %(uid)s, 'unit@bench.example',
               %(now)s - interval '3 days',
               CASE WHEN g %% 20 = 0 THEN %(now)s - interval '1 hour'
                    ELSE %(now)s + interval '2 days' END,
               CASE WHEN g %% 20 IN (0, 1) THEN %(now)s - interval '2 hours'
                    ELSE %(now)s + interval '1 day' END,
               'waiting', false, false, false,
               %(uid)s, %(uid)s, %(now)s, %(now)s
          FROM generate_series(1, %(count)s) g,
               (SELECT array_agg(id) ids FROM helpdesk_ticket
                 WHERE id = ANY(%(tickets)s)) t,
               (SELECT array_agg(id) ids FROM sc_org_unit WHERE id = ANY(%(units)s)) u
        """,
        {
            "company": env.company.id,
            "uid": env.uid,
            "now": now,
            "count": OPEN_FORWARDS,
            "tickets": tickets.ids,
            "units": units.ids,
        },
    )


def run_cron(env):
    Forward = env["sc.inquiry.forward"]
    runs = 0
    while True:
        runs += 1
        Forward.with_context(ir_cron_progress_id=False)._cron_process_deadlines(
            CRON_BATCH
        )
        env.flush_all()
        env.invalidate_all()
        if not Forward._due_ids("reminder", datetime.now(), 1) and not Forward._due_ids(
            "escalation", datetime.now(), 1
        ):
            return runs


def measured(env, func):
    """Wall time of ``func`` and, in a second run of the same state (savepoint
    rolled back), its Python peak memory (tracemalloc slows it down)."""
    sp = env.cr.savepoint()
    result, elapsed = timed("run", func)
    sp.rollback()
    env.invalidate_all()
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sp.rollback()
    sp.close()
    env.invalidate_all()
    return result, elapsed, peak


def bench_cron(env, calendars, units, tickets):
    import odoo

    always = env["resource.calendar"].create(
        {
            "name": "24/7",
            "tz": "Europe/Berlin",
            "attendance_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"{d}",
                        "dayofweek": str(d),
                        "hour_from": 0,
                        "hour_to": 24,
                        "day_period": "morning",
                    },
                )
                for d in range(7)
            ],
        }
    )
    env.company.sc_resource_calendar_id = always  # the cron runs in service hours
    now = odoo.fields.Datetime.now()
    insert_open_forwards(env, units, tickets, now)
    # As in production, the open forwards exist before the cron starts: committed
    # (this throwaway database only) and with up-to-date table statistics.
    env.cr.commit()
    env.cr.execute("ANALYZE sc_inquiry_forward")
    env.invalidate_all()
    Forward = env["sc.inquiry.forward"]
    due = {
        "reminders": Forward.search_count(
            [
                ("state", "=", "waiting"),
                ("reminder_at", "<=", now),
                ("deadline", ">", now),
            ]
        ),
        "escalations": Forward.search_count(
            [("state", "=", "waiting"), ("deadline", "<=", now)]
        ),
    }

    def due_case():
        runs = run_cron(env)
        counts = dict(Forward._read_group([], ["state"], ["__count"]))
        env.cr.execute(
            "SELECT (SELECT count(*) FROM sc_inquiry_forward WHERE reminded),"
            " (SELECT count(*) FROM sc_inquiry_forward WHERE escalated),"
            " (SELECT count(*) FROM mail_activity WHERE res_model = %s),"
            " (SELECT count(*) FROM mail_mail)",
            (Forward._name,),
        )
        return runs, counts, env.cr.fetchone()

    # The due case on the fresh data; then, with everything sent, a routine run.
    (runs, counts, done), due_time, due_peak = measured(env, due_case)
    sp = env.cr.savepoint()
    due_case()
    env.flush_all()
    _runs, idle_time, idle_peak = measured(env, lambda: run_cron(env))
    sp.rollback()
    sp.close()
    env.invalidate_all()
    return {
        "due": due,
        "runs": runs,
        "counts": counts,
        "done": done,
        "due_time": due_time,
        "due_peak": due_peak,
        "idle_time": idle_time,
        "idle_peak": idle_peak,
    }


def report_cron(cron):
    reminded, escalated, activities, mails = cron["done"]
    mib = 1024 * 1024
    print()
    print(
        f"Reminder/escalation cron over {OPEN_FORWARDS:,} open forwards "
        f"(batches of {CRON_BATCH}; OCA has no such cron)"
    )
    print(f"{'':48} {'wall time':>10} {'target':>9} {'peak memory':>12}")
    due = cron["due"]
    label = f"due: {due['reminders']:,} reminders + {due['escalations']:,} escalations"
    print(
        f"{label:48} {cron['due_time']:8.2f} s {'<= 10 s':>9}"
        f" {cron['due_peak'] / mib:8.1f} MiB"
    )
    print(
        f"{'nothing due (routine run)':48} {cron['idle_time']:8.2f} s"
        f" {'<= 10 s':>9} {cron['idle_peak'] / mib:8.1f} MiB"
    )
    print(
        f"  due case: {cron['runs']} cron runs; {reminded:,} reminded "
        f"({activities:,} activities), {escalated:,} escalated, "
        f"{cron['counts'].get('overdue', 0):,} overdue, "
        f"{cron['counts'].get('waiting', 0):,} still waiting, "
        f"{mails:,} digest mails"
    )
    print("  (peak memory: Python heap via tracemalloc, in a second run)")


def main():
    harness.require_odoo()
    db_settings = harness.database_settings()
    for key, var in (
        ("db_host", "PGHOST"),
        ("db_port", "PGPORT"),
        ("db_user", "PGUSER"),
    ):
        if key in db_settings:
            os.environ[var] = db_settings[key]
    database = f"bench_inquiry_sla_{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        extra = os.environ.get("SC_BENCH_ADDONS_PATH")
        addons_path = ",".join(
            filter(None, [extra, harness.odoo_addons_path(), unpack_baseline(tmp)])
        )
        print(
            f"installing sc_inquiry_sla + helpdesk_mgmt_sla into {database} ...",
            flush=True,
        )
        install(db_settings, database, addons_path)
        try:
            run(database, db_settings, addons_path)
        finally:
            import odoo

            odoo.sql_db.close_all()
            subprocess.run(["dropdb", "--if-exists", database], check=False)


def run(database, db_settings, addons_path):
    import odoo
    from odoo import api

    odoo.tools.config.parse_config(
        [
            f"--addons-path={addons_path}",
            *[f"--{k}={v}" for k, v in db_settings.items()],
            "--log-level=warn",
        ]
    )
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True}
        )
        calendars, units, team, tickets = setup_data(env)
        rows = bench_deadlines(env, units, team, tickets)
        print()
        print(
            f"Deadlines for {TICKETS:,} tickets, {UNITS} units, {CALENDARS} calendars "
            "(OCA: one team calendar)"
        )
        print(
            f"{'':38} {'sc_inquiry_sla':>16} {'OCA helpdesk_mgmt_sla':>22}"
            f" {'speed-up':>9}"
        )
        for label, ours, oca in rows:
            print(
                f"{label:38} {ours * 1000:13.3f} ms {oca * 1000:19.3f} ms "
                f"{oca / ours:8.1f}x"
            )
        print(
            f"(per deadline; ours over all {TICKETS:,} tickets, OCA over every "
            f"{TICKETS // BASELINE_SAMPLE}th ticket: {BASELINE_SAMPLE:,})"
        )
        report_cron(bench_cron(env, calendars, units, tickets))
        cr.rollback()


if __name__ == "__main__":
    main()
