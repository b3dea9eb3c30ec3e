from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from ..tools.links import web_url
from ..tools.opening_hours import format_opening_hours
from ..tools.region import ARS_STATES, region_key_problem


class ScOrgUnit(models.Model):
    _name = "sc.org.unit"
    _description = "Organisational Unit"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, index="trigram")
    short_name = fields.Char()
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Parent Unit",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        comodel_name="sc.org.unit", inverse_name="parent_id", string="Sub-units"
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Address and Contact",
        check_company=True,
        help="Postal address, phone and e-mail that citizens are given.",
    )
    forward_email = fields.Char(
        string="Forwarding Address",
        help="Mailbox that receives the inquiries the service center forwards.",
    )
    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Service Hours",
        check_company=True,
        help="Working hours and closures of this unit. Left empty, the service "
        "center's hours apply.",
    )
    visiting_hours = fields.Text(
        string="Note on Opening Hours",
        help="Optional addition to the opening hours, for example “Termine "
        "außerhalb der Öffnungszeiten nach Vereinbarung”. The hours themselves "
        "come from the service hours calendar.",
    )
    opening_hours = fields.Text(
        compute="_compute_opening_hours",
        help="Written from the calendar that decides deadlines and appointment "
        "slots (the unit's service hours, else the service center's), with the "
        "note below: what agents read out and citizens are shown.",
    )
    member_ids = fields.Many2many(
        comodel_name="res.users",
        relation="sc_org_unit_member_rel",
        column1="org_unit_id",
        column2="user_id",
        string="Members",
        help="Users who answer inquiries for this unit.",
    )
    manager_id = fields.Many2one(comodel_name="res.users", string="Head of Unit")
    service_ids = fields.Many2many(
        comodel_name="sc.service",
        relation="sc_service_org_unit_rel",
        column1="org_unit_id",
        column2="service_id",
        string="Services",
    )
    service_count = fields.Integer(compute="_compute_service_count")
    sc_region_key = fields.Char(
        string="Responsible Area (ARS)",
        size=12,
        index=True,
        help="Amtlicher Regionalschlüssel (12 digits) of the area the unit is "
        "responsible for: agents narrow the catalog search to an area by it. The "
        "XZuFi export sends it as gebietID of the unit's responsibilities (left "
        "empty, the company's regional key); the XZuFi import fills it.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Left empty, the unit is shared by all companies.",
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for unit in self:
            if unit.parent_id:
                unit.complete_name = f"{unit.parent_id.complete_name} / {unit.name}"
            else:
                unit.complete_name = unit.name

    @api.depends(
        "resource_calendar_id.attendance_ids",
        "company_id.sc_resource_calendar_id.attendance_ids",
        "visiting_hours",
    )
    @api.depends_context("lang", "company")
    def _compute_opening_hours(self):
        for unit in self:
            unit.opening_hours = "\n".join(unit._opening_hours_lines())

    def _opening_hours_lines(self):
        """The weekly hours of the unit's calendar, public holidays, the note."""
        self.ensure_one()
        _ = self.env._
        calendar = self._get_service_calendar()
        today = fields.Date.context_today(self)
        attendances = calendar.attendance_ids.filtered(
            lambda a: (
                not a.display_type
                and a.week_type in (False, "0")
                and (not a.date_from or a.date_from <= today)
                and (not a.date_to or a.date_to >= today)
            )
        )
        day_names = (_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su"))
        lines = format_opening_hours(
            [(a.dayofweek, a.hour_from, a.hour_to) for a in attendances],
            day_names,
            joiner=_("and"),
            suffix=_("o'clock"),
        )
        if lines:
            lines.append(_("Closed on public holidays."))
        if self.visiting_hours:
            lines.append(self.visiting_hours.strip())
        return lines

    def _compute_service_count(self):
        counts = dict(
            self.env["sc.service"]._read_group(
                [("org_unit_ids", "in", self.ids)], ["org_unit_ids"], ["__count"]
            )
        )
        for unit in self:
            unit.service_count = counts.get(unit, 0)

    @api.model
    def get_area_options(self):
        """The responsible areas the user's units have, for the information
        desk's area filter: ``[{key, label}]`` by key, each state among them as
        a whole first."""
        groups = self._read_group(
            [("sc_region_key", "!=", False)],
            ["sc_region_key"],
            ["__count", "id:min"],
        )
        first_units = self.browse([first for _key, _count, first in groups])
        options = []
        for (key, count, _first), unit in zip(groups, first_units, strict=True):
            name = unit.name
            if unit.partner_id.city and unit.partner_id.city not in name:
                name = f"{name}, {unit.partner_id.city}"
            if count > 2:
                label = self.env._(
                    "%(key)s – %(unit)s and %(count)s more units",
                    key=key,
                    unit=name,
                    count=count - 1,
                )
            elif count == 2:
                label = self.env._(
                    "%(key)s – %(unit)s and one more unit", key=key, unit=name
                )
            else:
                label = f"{key} – {name}"
            options.append({"key": key, "label": label})
        states = sorted({key[:2] for key, _count, _first in groups} & set(ARS_STATES))
        whole = []
        for state in states:
            key = f"{state}0000000000"
            label = self.env._(
                "%(key)s – %(state)s (the whole state)",
                key=key,
                state=ARS_STATES[state],
            )
            whole.append({"key": key, "label": label})
        return whole + [option for option in options if option["key"][2:].strip("0")]

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("An organisational unit cannot be its own parent unit.")
            )

    @api.constrains("sc_region_key")
    def _check_sc_region_key(self):
        for unit in self.filtered("sc_region_key"):
            # A state-wide area (160000000000) is fine for a unit.
            if region_key_problem(unit.sc_region_key) in ("format", "land"):
                raise ValidationError(
                    self.env._(
                        "The regional key “%(key)s” of the unit %(unit)s is not "
                        "valid: it consists of exactly 12 digits and starts with the "
                        "federal state (01 to 16).",
                        key=unit.sc_region_key,
                        unit=unit.name,
                    )
                )

    @api.constrains("forward_email")
    def _check_forward_email(self):
        for unit in self.filtered("forward_email"):
            if not email_normalize(unit.forward_email):
                raise ValidationError(
                    self.env._(
                        "The forwarding address “%(email)s” is not a valid e-mail "
                        "address. Please check the spelling.",
                        email=unit.forward_email,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_website(self):
        """The unit's address goes to citizens and to the Portalverbund: its
        website must be a web address (res.partner checks it on change too)."""
        for unit in self.filtered("partner_id.website"):
            if not web_url(unit.partner_id.website):
                raise ValidationError(
                    self.env._(
                        "The website “%(url)s” of the organisational unit "
                        "“%(unit)s” is not valid: please enter a complete web "
                        "address beginning with https:// (or http://).",
                        url=unit.partner_id.website,
                        unit=unit.name,
                    )
                )

    def _get_service_calendar(self):
        """Working-time calendar of this unit, else the service center's, else the
        company's: never empty for a configured company."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return company._sc_calendars(self.resource_calendar_id)[:1]

    def action_view_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sc_knowledge.sc_service_action"
        )
        action["domain"] = [("org_unit_ids", "in", self.ids)]
        return action
