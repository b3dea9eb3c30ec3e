# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.mail.tests.common import MailCommon
from odoo.addons.sc_knowledge.tests.common import AuthorityMailMixin

from .common import InquiryCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-27 15:00:00")  # Fri 16:00 CET
class TestMails(MailCommon, InquiryCase, AuthorityMailMixin):
    """The forward as the agent sees it before sending, the office's answer as
    the office writes it, and every mail of this addon as its reader sees it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls._setup_authority_company()
        cls.forwarded = cls.env.ref("sc_inquiry_sla.helpdesk_ticket_stage_forwarded")
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")

    def _wizard(self):
        return Form(
            self.env["sc.inquiry.forward.wizard"]
            .with_user(self.agent)
            .with_context(default_ticket_id=self.ticket.id)
        )

    def test_every_template_is_german_in_the_authority_layout(self):
        forward = self._forward()
        self.assertEveryTemplateGerman(
            "sc_inquiry_sla",
            {"helpdesk.ticket": self.ticket, "sc.inquiry.forward": forward},
        )
        promise = self.env.ref("sc_inquiry_sla.mail_template_citizen_promise")
        body = promise._render_field("body_html", self.ticket.ids)[self.ticket.id]
        self.assertNotIn(self.ticket.name, body, "the title may be internal")

    def test_wizard_shows_the_mail_as_the_office_reads_it(self):
        wizard = self._wizard()
        self.assertEqual(
            wizard.subject,
            f"Anfrage {self.ticket.number}: Wunschkennzeichen reservieren",
        )
        for code in ("{{", "object.", "format_datetime", "t-out"):
            self.assertNotIn(code, wizard.subject)
            self.assertNotIn(code, wizard.body)
        self.assertIn("Liebe Kolleginnen und Kollegen", wizard.body)
        # 24 service hours from Fri 16:00 CET: Wed 1 Apr 10:00 CEST.
        self.assertIn("Mittwoch, 01.04.2026, 10:00", wizard.body)
        self.assertIn("Wie reserviere ich ein Wunschkennzeichen?", wizard.body)
        self.assertIn("Clara Citizen", wizard.body)
        self.assertIn("Anna Agent", wizard.body)

    def test_what_the_agent_edited_is_sent(self):
        wizard = self._wizard()
        wizard.subject = "Eilt: Wunschkennzeichen"
        wizard.body = "<p>Bitte heute noch antworten, die Bürgerin wartet.</p>"
        with self.mock_mail_gateway():
            wizard.save().action_send()
        sent = self._new_mails.filtered(
            lambda m: "zulassung@kfz.example" in m.recipient_ids.mapped("email")
        )
        self.assertEqual(sent.subject, "Eilt: Wunschkennzeichen")
        self.assertIn("Bitte heute noch antworten", sent.body_html)
        self.assertNotIn("Liebe Kolleginnen", sent.body_html)
        self.assertAuthorityMailLayout(sent)

    def test_unedited_forward_is_sent_as_shown(self):
        shown = self._wizard()
        with self.mock_mail_gateway():
            forward = self._forward()
        sent = self._new_mails.filtered(
            lambda m: "zulassung@kfz.example" in m.recipient_ids.mapped("email")
        )
        self.assertEqual(sent.subject, shown.subject)
        self.assertIn("Mittwoch, 01.04.2026, 10:00", sent.body_html)
        self.assertEqual(forward.mail_message_id.subject, shown.subject)

    def test_forward_sets_the_forwarded_stage_and_the_answer_leaves_it(self):
        forward = self._forward()
        self.assertEqual(self.ticket.stage_id, self.forwarded)
        self.assertEqual(
            self.forwarded.with_context(lang="de_DE").name, "Weitergeleitet"
        )
        self.ticket.with_user(self.clerk).message_post(
            body="Das Kennzeichen ist reserviert.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(forward.state, "answered")
        self.assertEqual(self.ticket.stage_id, self.in_progress)

    def test_stage_stays_forwarded_while_another_office_owes_an_answer(self):
        self._forward()
        self._forward(unit=self.other_unit)
        self.ticket.with_user(self.clerk).message_post(
            body="Erledigt.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(self.ticket.stage_id, self.forwarded)

    def test_office_answer_is_internal_by_default(self):
        self._forward()
        as_clerk = self.ticket.with_user(self.clerk)
        suggested = as_clerk._message_get_suggested_recipients()
        self.assertIn(self.citizen.id, [r["partner_id"] for r in suggested])
        self.assertFalse(any(r["checked"] for r in suggested))
        # Even a citizen following the inquiry is not written to.
        self.ticket.message_subscribe(self.citizen.ids)
        with self.mock_mail_gateway():
            as_clerk.message_post(
                body="Antwort an das Servicecenter.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(
            self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids),
            "a follower citizen does not get the office's message",
        )

    def test_office_reaches_the_citizen_only_by_choice(self):
        self._forward()
        with self.mock_mail_gateway():
            self.ticket.with_user(self.clerk).message_post(
                body="Sehr geehrte Frau Citizen, Ihr Kennzeichen ist reserviert.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.citizen.ids,
            )
        self.assertTrue(
            self._new_mails.filtered(lambda m: self.citizen in m.recipient_ids)
        )

    def test_agent_suggestions_stay_ticked(self):
        suggested = self.ticket.with_user(
            self.agent
        )._message_get_suggested_recipients()
        self.assertTrue(suggested)
        self.assertFalse(any("checked" in r for r in suggested))
