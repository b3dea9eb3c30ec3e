# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import freeze_time, tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import InquiryCase


@tagged("post_install", "-at_install")
class TestReportingAndRetention(MailCommon, InquiryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.closed_stage = cls.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )

    def _ticket(self, name, **vals):
        return self.env["helpdesk.ticket"].create(
            {"name": name, "description": "<p>x</p>", **vals}
        )

    def test_on_time_rate_and_response_hours(self):
        with freeze_time("2026-03-27 15:00:00"):  # Fri 16:00 CET
            late = self._forward()
            on_time = self._forward(unit=self.other_unit)
        with freeze_time("2026-03-30 07:00:00"):  # Mon 09:00 CEST
            on_time.with_user(self.other_clerk).action_mark_answered()
        with freeze_time("2026-04-02 07:00:00"):
            late.with_user(self.clerk).action_mark_answered()
        self.assertEqual(on_time.response_hours, 3.0)  # Fri 2 h + Mon 1 h
        self.assertTrue(on_time.on_time)
        self.assertFalse(late.on_time)
        groups = self.env["sc.inquiry.forward.report"]._read_group(
            [("forward_id", "in", (late | on_time).ids)],
            ["org_unit_id"],
            ["on_time_rate:avg", "__count"],
        )
        rates = {unit: rate for unit, rate, _count in groups}
        self.assertEqual(rates[self.unit], 0.0)
        self.assertEqual(rates[self.other_unit], 100.0)

    def test_first_contact_resolution_rate(self):
        """Closed without a forward: resolved at first contact, whether answered
        from the catalog or otherwise. A forward rules it out, even when the
        agent answers from the catalog afterwards."""
        solved = self._ticket("Öffnungszeiten")
        solved.stage_id = self.closed_stage
        from_catalog = self._ticket("Personalausweis")
        forwarded = self.ticket
        self._forward()
        still_open = self._ticket("Hundesteuer")
        for ticket in (from_catalog, forwarded):
            self.env["sc.catalog.answer.wizard"].with_user(self.agent).create(
                {
                    "ticket_id": ticket.id,
                    "service_id": self.service.id,
                    "answer_mode": "note",
                }
            ).action_answer()
        self.assertTrue(forwarded.closed)
        tickets = solved | from_catalog | forwarded | still_open
        self.assertEqual(
            tickets.mapped("sc_first_contact_resolution"), [True, True, False, False]
        )
        self.assertEqual(tickets.mapped("sc_fcr_rate"), [100.0, 100.0, 0.0, 0.0])
        [(rate,)] = self.env["helpdesk.ticket"]._read_group(
            [("id", "in", tickets.ids)], [], ["sc_fcr_rate:avg"]
        )
        self.assertEqual(rate, 50.0)
        # Reopened, an inquiry is not resolved (yet).
        solved.stage_id = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", False)], limit=1
        )
        self.assertFalse(solved.sc_first_contact_resolution)

    def test_anonymisation_keeps_statistics(self):
        self.env.company.sc_retention_days = 30
        with freeze_time("2026-01-05 10:00:00"):
            forward = self._forward()
            # An e-mail to the citizen kept after sending (as the confirmation
            # composer does with its template's auto_delete off).
            kept = self.ticket.message_post(
                body="Sehr geehrte Frau Clara Citizen, wir antworten bis Mittwoch.",
                partner_ids=self.citizen.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                mail_auto_delete=False,
            )
            mails = self.env["mail.mail"].search([("mail_message_id", "=", kept.id)])
            self.assertIn("Clara Citizen", mails.body_html)
            self.ticket.write(
                {"sc_caller_phone": "0176 1234567", "stage_id": self.closed_stage.id}
            )
            self.ticket.message_post(
                body="Meine Adresse ist Hauptstr. 1", message_type="comment"
            )
            activity = self.ticket.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.agent.id
            )
            self.assertIn("Wunschkennzeichen", activity.res_name)
            recent = self._ticket(
                "Recent",
                partner_email="recent@example.org",
                stage_id=self.closed_stage.id,
            )
        recent.closed_date = datetime(2026, 2, 2, 10)
        with freeze_time("2026-02-10 10:00:00"):  # 36 days after the first closing
            self.env["sc.data.protection"]._cron_anonymize()
        ticket = self.ticket
        self.assertTrue(ticket.sc_anonymized)
        self.assertFalse(
            ticket.partner_id or ticket.partner_email or ticket.partner_name
        )
        self.assertFalse(ticket.sc_caller_phone)
        self.assertNotIn("Wunschkennzeichen", ticket.name)
        self.assertNotIn("Hauptstr", "".join(ticket.message_ids.mapped("body")))
        self.assertNotIn(
            "clara", "".join(ticket.message_ids.mapped(lambda m: m.email_from or ""))
        )
        # The stored document names repeat the subject: replaced as well.
        self.assertNotIn(
            "Wunschkennzeichen", "".join(ticket.message_ids.mapped("record_name"))
        )
        self.assertNotIn("Wunschkennzeichen", activity.res_name)
        # Stored e-mails are emptied, too.
        self.assertTrue(mails.exists())
        self.assertNotIn("Clara", mails.body_html)
        # Statistics remain.
        self.assertEqual(ticket.sc_channel, "phone")
        self.assertEqual(ticket.sc_service_id, self.service)
        self.assertEqual(forward.state, "waiting")
        self.assertEqual(forward.deadline, datetime(2026, 1, 7, 14))
        self.assertFalse(recent.sc_anonymized)
        self.assertEqual(recent.partner_email, "recent@example.org")
