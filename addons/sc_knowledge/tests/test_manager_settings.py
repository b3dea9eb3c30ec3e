# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..models.sc_rate_limit import WINDOW_PARAM


class ManagerSettingsCommon(TransactionCase):
    """A Servicecenter manager who is no Odoo administrator, and an agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "sc_settings_manager", groups="sc_knowledge.group_manager"
        )
        cls.agent = new_test_user(
            cls.env, "sc_settings_agent", groups="sc_knowledge.group_agent"
        )

    def save_settings(self, user, **values):
        """Open Servicecenter › Configuration › Service Center Settings as
        ``user``, change ``values`` and save."""
        with Form(self.env["sc.settings"].with_user(user)) as form:
            for name, value in values.items():
                setattr(form, name, value)
        return form.record

    def settings_shown(self, user):
        """The settings as the form shows them when it opens."""
        return Form(self.env["sc.settings"].with_user(user))


@tagged("post_install", "-at_install")
class TestManagerSettings(ManagerSettingsCommon):
    def test_manager_is_no_administrator(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.assertFalse(self.manager.has_group("base.group_erp_manager"))

    def test_manager_saves_the_service_center_settings(self):
        hours = self.env["resource.calendar"].create({"name": "Servicecenter Test"})
        self.save_settings(
            self.manager,
            sc_federal_state="BY",
            sc_resource_calendar_id=hours,
            sc_rate_limit_window=15,
        )
        company = self.env.company
        self.assertEqual(company.sc_federal_state, "BY")
        self.assertEqual(company.sc_resource_calendar_id, hours)
        params = self.env["ir.config_parameter"]
        self.assertEqual(params.get_param(WINDOW_PARAM), "15")
        shown = self.settings_shown(self.manager)
        self.assertEqual(shown.sc_federal_state, "BY")
        self.assertEqual(shown.sc_rate_limit_window, 15)

    def test_opening_and_saving_unchanged_keeps_every_limit(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(WINDOW_PARAM, "25")
        settings = self.env["sc.settings"].with_user(self.manager)
        shown = {
            field.name: field.sc_parameter for field in settings._sc_parameter_fields()
        }
        self.assertIn("sc_rate_limit_window", shown)
        form = self.settings_shown(self.manager)
        self.assertEqual(form.sc_rate_limit_window, 25)
        form.save()
        self.assertEqual(params.get_param(WINDOW_PARAM), "25")
        for name, (key, default) in shown.items():
            if key != WINDOW_PARAM:
                self.assertEqual(int(params.get_param(key)), default, name)

    def test_manager_sets_the_first_contact_target(self):
        self.save_settings(self.manager, sc_first_contact_target=72.5)
        self.assertEqual(self.env.company.sc_first_contact_target, 72.5)
        self.assertEqual(
            self.settings_shown(self.manager).sc_first_contact_target, 72.5
        )
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.agent).create(
                {"sc_first_contact_target": 10}
            )
        self.assertEqual(self.env.company.sc_first_contact_target, 72.5)

    def test_agent_cannot_save_the_settings(self):
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.agent).create(
                {"sc_federal_state": "BY"}
            )
        self.assertEqual(self.env.company.sc_federal_state, "TH")

    def test_manager_cannot_change_another_company(self):
        other = self.env["res.company"].create({"name": "Landratsamt Nachbarkreis"})
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.manager).create(
                {"company_id": other.id, "sc_federal_state": "BY"}
            )
        self.assertEqual(other.sc_federal_state, "TH")
        self.manager.company_ids = [Command.link(other.id)]
        self.env["sc.settings"].with_user(self.manager).create(
            {"company_id": other.id, "sc_federal_state": "SN"}
        )
        self.assertEqual(other.sc_federal_state, "SN")

    def test_manager_edits_working_times_closure_days_and_absences(self):
        hours = (
            self.env["resource.calendar"]
            .with_user(self.manager)
            .create({"name": "Bürgerbüro Eisenberg"})
        )
        hours.attendance_ids = [
            Command.create(
                {"name": "Samstag", "dayofweek": "5", "hour_from": 9, "hour_to": 12}
            )
        ]
        counter = self.env["resource.resource"].create(
            {"name": "Schalter 1", "calendar_id": hours.id}
        )
        leaves = self.env["resource.calendar.leaves"].with_user(self.manager)
        closure = leaves.create(
            {
                "name": "Betriebsausflug",
                "calendar_id": hours.id,
                "date_from": datetime(2026, 6, 5, 6),
                "date_to": datetime(2026, 6, 5, 16),
            }
        )
        absence = leaves.create(
            {
                "name": "Fortbildung",
                "resource_id": counter.id,
                "date_from": datetime(2026, 6, 8, 6),
                "date_to": datetime(2026, 6, 8, 16),
            }
        )
        (closure | absence).write({"date_to": datetime(2026, 6, 8, 12)})
        absence.unlink()

        with self.assertRaises(AccessError):
            hours.with_user(self.agent).name = "Nicht erlaubt"
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.agent).create(
                {
                    "name": "Nicht erlaubt",
                    "calendar_id": hours.id,
                    "date_from": datetime(2026, 6, 9, 6),
                    "date_to": datetime(2026, 6, 9, 16),
                }
            )
        with self.assertRaises(AccessError):
            closure.with_user(self.agent).unlink()

    def test_manager_edits_the_service_center_mail_templates(self):
        """Managers are Mail Template Editors (Odoo's group for templates with
        expressions); agents are not."""
        template = self.env.ref("sc_knowledge.mail_template_catalog_answer")
        template.with_user(self.manager).subject = "Ihre Anfrage beim Landratsamt"
        self.assertEqual(template.subject, "Ihre Anfrage beim Landratsamt")
        with self.assertRaises(AccessError):
            template.with_user(self.agent).subject = "Nicht erlaubt"
