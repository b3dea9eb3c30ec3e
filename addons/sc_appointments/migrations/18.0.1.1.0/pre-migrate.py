# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public booking page counts requests with sc_knowledge's shared rate
limit (``sc.rate.limit``) now: its settings move to the shared parameters and
the requests counted by the old ``sc.appointment.request`` go (Odoo removes the
model's metadata but cannot drop the table of a model no longer in the code)."""

OLD, NEW = "sc_appointments.rate_limit_", "sc_knowledge.rate_limit_"
MOVED_PARAMS = {
    f"{OLD}window": f"{NEW}window",
    f"{OLD}queries": f"{NEW}appointment_query",
    f"{OLD}bookings": f"{NEW}appointment_booking",
}


def migrate(cr, version):
    for old, new in MOVED_PARAMS.items():
        # a value set for the shared parameter already wins
        cr.execute(
            """
            UPDATE ir_config_parameter SET key = %s
             WHERE key = %s
               AND NOT EXISTS (SELECT 1 FROM ir_config_parameter WHERE key = %s)
            """,
            (new, old, new),
        )
        cr.execute("DELETE FROM ir_config_parameter WHERE key = %s", (old,))
    cr.execute("DROP TABLE IF EXISTS sc_appointment_request")
