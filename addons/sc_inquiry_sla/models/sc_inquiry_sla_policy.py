# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.sc_knowledge.models.helpdesk_ticket_channel import CONTACT_CHANNELS

from ..tools.deadline import UNIT_DAYS, UNIT_HOURS

DEFAULT_TARGET = 24.0
DEFAULT_REMINDER_SHARE = 0.75


class ScInquirySlaPolicy(models.Model):
    _name = "sc.inquiry.sla.policy"
    _description = "Response Deadline Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Org Unit",
        ondelete="cascade",
        check_company=True,
        help="Left empty, the policy applies to every unit.",
    )
    service_id = fields.Many2one(
        comodel_name="sc.service",
        ondelete="cascade",
        check_company=True,
        help="Left empty, the policy applies to every service.",
    )
    channel = fields.Selection(
        selection=CONTACT_CHANNELS,
        help="Left empty, the policy applies to every contact channel.",
    )
    target_amount = fields.Float(
        string="Target", required=True, default=DEFAULT_TARGET, digits=(16, 1)
    )
    target_unit = fields.Selection(
        selection=[(UNIT_HOURS, "Working hours"), (UNIT_DAYS, "Working days")],
        string="Counted in",
        required=True,
        default=UNIT_HOURS,
        help="Working hours follow the unit's calendar; working days are real "
        "working days of that calendar (holidays and short days respected).",
    )
    reminder_share = fields.Float(
        string="Reminder at",
        default=DEFAULT_REMINDER_SHARE,
        help="Share of the working time after which the unit is reminded "
        "(0.75 = 75 %). 0 disables the reminder.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Left empty, the policy applies in every company.",
    )

    _sql_constraints = [
        (
            "target_positive",
            "CHECK(target_amount > 0)",
            "The target must be greater than zero.",
        ),
        (
            "reminder_share_range",
            "CHECK(reminder_share >= 0 AND reminder_share < 1)",
            "The reminder share must be at least 0 % and less than 100 %.",
        ),
    ]

    def _specificity(self):
        return (
            bool(self.org_unit_id) * 4 + bool(self.service_id) * 2 + bool(self.channel)
        )

    @api.model
    def _find_for(self, triples):
        """The most specific active policy for each (unit, service, channel).

        One query for the whole batch, one match per distinct key; returns a list
        aligned with ``triples`` (an empty recordset where no policy applies).
        """
        policies = self.search([]).sorted(
            lambda p: (-p._specificity(), p.sequence, p.id)
        )
        rows = [
            (p, p.org_unit_id.id, p.service_id.id, p.channel, p.company_id.id)
            for p in policies
        ]
        found, cache = [], {}
        for unit, service, channel in triples:
            key = (unit.id, service.id, channel or False, unit.company_id.id)
            if key not in cache:
                cache[key] = next(
                    (
                        policy
                        for policy, unit_id, service_id, chan, company_id in rows
                        if unit_id in (False, key[0])
                        and service_id in (False, key[1])
                        and chan in (False, key[2])
                        and (not (company_id and key[3]) or company_id == key[3])
                    ),
                    self,
                )
            found.append(cache[key])
        return found
