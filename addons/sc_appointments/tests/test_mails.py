# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.sc_knowledge.tests.common import AuthorityMailMixin

from .common import AppointmentCommon


@tagged("post_install", "-at_install")
class TestAppointmentMails(AppointmentCommon, AuthorityMailMixin):
    """The booking mails as the citizen reads them, whatever the citizen's
    language in Odoo: German, in the authority's layout."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_authority_company()
        cls.citizen.lang = "en_US"
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Auto zulassen",
                "description": "<p>Bürgerin möchte ihr Auto zulassen.</p>",
                "partner_id": cls.citizen.id,
                "sc_service_id": cls.service.id,
            }
        )

    @freeze_time("2026-06-15 05:00:00")
    def test_every_template_is_german_in_the_authority_layout(self):
        action = self.ticket.with_user(self.agent).action_sc_book_appointment()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.slot_ids[0].with_user(self.agent).action_book()
        event = self.ticket.sc_appointment_ids
        self.assertEveryTemplateGerman("sc_appointments", {"calendar.event": event})
        booked = (
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", self.citizen.ids)], order="id", limit=1)
        )
        self.assertAuthorityMail(booked, self.env.company)
        # Odoo's light layout named the model: "Ihr(e) Kalender-Ereignis".
        for header in ("Ihr(e)", "Kalender-Ereignis", "Calendar Event"):
            self.assertNotIn(header, booked.body_html)
