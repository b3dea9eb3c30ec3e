# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta, timezone

from odoo.tests import new_test_user

# Monday 2 March 2026, 08:00 in Berlin (07:00 UTC).
T0 = datetime(2026, 3, 2, 7, 0, 0)


def at(seconds, start=T0):
    """Naive UTC datetime seconds after start."""
    return start + timedelta(seconds=seconds)


def iso(seconds, start=T0):
    """ISO 8601 text in Berlin winter time, as a telephone system sends it."""
    return (
        at(seconds, start)
        .replace(tzinfo=timezone.utc)
        .astimezone(timezone(timedelta(hours=1)))
        .isoformat()
    )


def call_events(call_id, wait, talk=None, start=T0, agent="2001", number=None):
    """Events of one call: answered after wait seconds when talk is given,
    else abandoned after wait seconds."""
    events = [
        {
            "call_id": call_id,
            "event": "offered",
            "time": iso(0, start),
            "number": number,
            "queue": "115",
        }
    ]
    if talk is None:
        events.append(
            {"call_id": call_id, "event": "abandoned", "time": iso(wait, start)}
        )
    else:
        events += [
            {
                "call_id": call_id,
                "event": "answered",
                "time": iso(wait, start),
                "agent": agent,
            },
            {"call_id": call_id, "event": "ended", "time": iso(wait + talk, start)},
        ]
    return events


class CallCase:
    """Mixin: a telephone system, an agent with extension 2001, a manager and
    a department user."""

    @classmethod
    def _setup_calls(cls):
        env = cls.env
        # The demo call history (demo/sc_call_demo.xml) would blur the figures
        # the tests compute by hand: they start without calls. SQL: thousands
        # of rows, nothing refers to them.
        env.cr.execute("DELETE FROM sc_call")
        env.invalidate_all()
        cls.system = env["sc.telephone.system"].create(
            {"name": "Asterisk Eisenberg", "code": "eisenberg", "token": "s3cret-token"}
        )
        cls.agent = new_test_user(
            env,
            "sc_call_agent",
            password="sc_call_agent_pw",
            groups="sc_knowledge.group_agent",
            sc_phone_extension="2001",
        )
        cls.manager = new_test_user(
            env, "sc_call_manager", groups="sc_knowledge.group_manager"
        )
        cls.clerk = new_test_user(
            env, "sc_call_clerk", groups="sc_knowledge.group_department_user"
        )

    @classmethod
    def _record(cls, events, system=None):
        return cls.env["sc.call"]._sc_apply_events(system or cls.system, events)
