# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Synthetic call history for demo data and benchmarks, written by one
INSERT ... SELECT (set-based: a year of calls takes seconds, not hours).

The profile follows what service centers report: a morning peak (08:00–10:00),
most calls on Monday, fewer on Wednesday, a long Thursday and a quiet Friday
afternoon; nothing at weekends. Waits grow with the load of the half-hour and
callers who wait long hang up more often. PostgreSQL's random() is seeded, so
the same arguments give the same calls.
"""

from datetime import datetime, timezone

from odoo.tools import SQL

# Relative calls per half-hour from 07:00 to 18:00 (Europe/Berlin).
FIRST_SLOT_HOUR = 7
SLOT_WEIGHTS = [
    0.5, 0.8, 1.6, 2.0, 2.0, 1.8, 1.6, 1.4, 1.3, 1.1, 0.8,
    0.7, 0.9, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.3, 0.2,
]  # fmt: skip
# Friday from 12:00 (slot index 10): the afternoon brings a third of the calls.
FRIDAY_NOON_SLOT = 10


def insert_call_history(cr, system, first_day, last_day, calls_per_day, **options):
    """Insert calls of system (sc.telephone.system) offered on the weekdays
    first_day..last_day (dates, Berlin), about calls_per_day on an average
    weekday. Options: agents (list of (user id, extension)) answering the
    calls, ref_prefix of the call ids, seed (-1..1) of random(), uid and now
    (creator and create date). Returns the number of calls inserted."""
    agents = options.get("agents") or [(None, None)]
    cr.execute(SQL("SELECT setseed(%s)", options.get("seed", 0.42)))
    cr.execute(
        SQL(
            """
            WITH slots AS (
                SELECT weight, slot - 1 AS slot
                  FROM unnest(%(weights)s::float[]) WITH ORDINALITY AS w(weight, slot)
            ), days AS (
                SELECT d::date AS day, extract(isodow FROM d)::int AS dow
                  FROM generate_series(%(first)s::date, %(last)s::date,
                                       interval '1 day') d
                 WHERE extract(isodow FROM d) < 6
            ), counts AS (
                SELECT day, slot, weight,
                       floor(%(base)s * weight * CASE dow
                           WHEN 1 THEN 1.35 WHEN 2 THEN 1.0 WHEN 3 THEN 0.85
                           WHEN 4 THEN 1.1
                           ELSE CASE WHEN slot >= %(friday_noon)s THEN 0.35
                                     ELSE 0.8 END
                       END + random())::int AS n
                  FROM days, slots
            ), raw AS (
                SELECT ((day + make_interval(hours => %(first_hour)s)
                         + slot * interval '30 minutes'
                         + random() * interval '30 minutes')
                        AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS offered_at,
                       least(900, round(-ln(1 - random()) * (6 + 12 * weight)))::int
                           AS wait,
                       random() AS r_abandon, random() AS r_talk,
                       random() AS r_agent, random() AS r_number
                  FROM counts, generate_series(1, n)
            ), facts AS (
                SELECT *,
                       r_abandon < wait / (wait + 150.0) AS gave_up,
                       60 + round(-ln(1 - r_talk) * 160)::int AS talk,
                       1 + floor(r_agent * %(agent_count)s)::int AS agent
                  FROM raw
            )
            INSERT INTO sc_call
                (system_id, company_id, call_ref, caller_number, queue, direction,
                 offered_at, answered_at, ended_at, abandoned, transferred,
                 wait_seconds, talk_seconds, state, agent_extension, agent_id,
                 create_uid, create_date, write_uid, write_date)
            SELECT %(system)s, %(company)s,
                   %(prefix)s || row_number() OVER (ORDER BY offered_at),
                   CASE WHEN r_number < 0.85 THEN
                       '+493' || (6000000000 + floor(r_number * 1e9))::bigint END,
                   CASE WHEN r_agent < 0.8 THEN '115' ELSE 'Kfz-Zulassung' END,
                   'inbound', offered_at,
                   CASE WHEN NOT gave_up THEN offered_at + wait * interval '1 s' END,
                   offered_at + (wait + CASE WHEN gave_up THEN 0 ELSE talk END)
                       * interval '1 s',
                   gave_up, NOT gave_up AND r_talk > 0.95,
                   wait, CASE WHEN gave_up THEN 0 ELSE talk END,
                   CASE WHEN NOT gave_up AND r_talk > 0.95 THEN 'transferred'
                        WHEN NOT gave_up THEN 'answered'
                        WHEN wait < %(short)s THEN 'short_abandon'
                        ELSE 'abandoned' END,
                   CASE WHEN NOT gave_up THEN (%(extensions)s::varchar[])[agent] END,
                   CASE WHEN NOT gave_up THEN (%(users)s::int[])[agent] END,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM facts
            """,
            weights=SLOT_WEIGHTS,
            first=first_day,
            last=last_day,
            # an average weekday has sum(SLOT_WEIGHTS) × ~0.98 × base calls
            base=calls_per_day / (0.98 * sum(SLOT_WEIGHTS)),
            friday_noon=FRIDAY_NOON_SLOT,
            first_hour=FIRST_SLOT_HOUR,
            tz="Europe/Berlin",
            agent_count=len(agents),
            extensions=[extension for _user, extension in agents],
            users=[user for user, _extension in agents],
            system=system.id,
            company=system.company_id.id,
            prefix=options.get("ref_prefix", "history-"),
            short=system.company_id.sc_call_short_abandon_seconds,
            uid=options.get("uid", 1),
            now=options.get("now") or datetime.now(timezone.utc).replace(tzinfo=None),
        )
    )
    return cr.rowcount
