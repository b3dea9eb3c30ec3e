# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MailCase

from .common import AuthorityMailMixin, CatalogCommon


@tagged("post_install", "-at_install")
class TestMails(CatalogCommon, MailCase, AuthorityMailMixin):
    """Every mail of this addon and OCA's closing mail, as the citizen reads
    them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_authority_company()
        cls.citizen = cls.env["res.partner"].create(
            {"name": "Erika Mustermann", "email": "erika@example.com", "lang": "en_US"}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Interner Titel: Anruferin war ungehalten",
                "description": "<p>Führerschein verloren.</p>",
                "partner_id": cls.citizen.id,
                "sc_service_id": cls.services["lost_licence"].id,
            }
        )

    def test_every_template_is_german_in_the_authority_layout(self):
        templates = self.assertEveryTemplateGerman(
            "sc_knowledge", {"helpdesk.ticket": self.ticket}
        )
        self.assertIn(
            self.env.ref("sc_knowledge.mail_template_ticket_closed"), templates
        )

    def test_closing_mail_replaces_oca_and_hides_the_internal_title(self):
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(
            done.mail_template_id,
            self.env.ref("sc_knowledge.mail_template_ticket_closed"),
        )
        ticket = self.ticket.with_context(tracking_disable=False, mail_notrack=False)
        with self.mock_mail_gateway():
            ticket.stage_id = done
            self.flush_tracking()
        mail = self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        self.assertEqual(len(mail), 1)
        self.assertAuthorityMail(mail, self.env.company)
        self.assertIn(self.ticket.number, mail.subject)
        self.assertNotIn("Interner Titel", mail.body_html)
        self.assertNotIn("Interner Titel", mail.subject)

    def test_new_ticket_has_no_placeholder_name(self):
        self.assertEqual(self.env["helpdesk.ticket"].new({}).display_name, "")
        self.assertEqual(
            self.ticket.display_name,
            f"{self.ticket.number} - Interner Titel: Anruferin war ungehalten",
        )

    def test_servicecenter_is_the_home_of_its_users(self):
        agent = new_test_user(
            self.env, "sc_home_agent", groups="sc_knowledge.group_agent"
        )
        office = new_test_user(
            self.env, "sc_home_office", groups="sc_knowledge.group_department_user"
        )
        other = new_test_user(self.env, "sc_home_other", groups="base.group_user")
        self.assertEqual(
            agent.action_id.id, self.env.ref("sc_knowledge.information_desk_action").id
        )
        self.assertEqual(
            office.action_id.id,
            self.env.ref("sc_knowledge.inquiries_action").id,
        )
        self.assertFalse(other.action_id)

    def test_new_company_is_not_enriched_from_odoo_com(self):
        if "iap_enrich_auto_done" not in self.env["res.company"]._fields:
            self.skipTest("partner_autocomplete is not installed")
        company = self.env["res.company"].create({"name": "Landratsamt Nachbarkreis"})
        self.assertTrue(company.iap_enrich_auto_done)
