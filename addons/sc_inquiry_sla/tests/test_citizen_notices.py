# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the citizen hears without anyone pressing a button: the deadline
confirmation with the status link, the notice of the answer or the closing,
and the call-back task instead of a mail when they asked for a call."""

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon
from odoo.addons.sc_knowledge.tests.common import AuthorityMailMixin

from .common import InquiryCase
from .test_mail_gateway import REPLY


@tagged("post_install", "-at_install")
@freeze_time("2026-03-27 15:00:00")  # Fri 16:00 CET
class TestCitizenNotices(MailCommon, InquiryCase, AuthorityMailMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls._setup_authority_company()
        cls.ticket.user_id = cls.agent
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.callback_type = cls.env.ref("sc_inquiry_sla.mail_activity_type_callback")

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def citizen_mails(self, address="clara@citizen.example"):
        """The mails that went to the citizen within mock_mail_gateway."""
        return self._new_mails.filtered(
            lambda m: (
                address in m.recipient_ids.mapped("email")
                or address in (m.email_to or "")
            )
        )

    def office_answers(self, forward, body="Das Kennzeichen ist reserviert."):
        """The office's answer as an RFC 822 reply through the mail gateway."""
        raw = REPLY.format(
            return_path="<zulassung@kfz.example>",
            sender="zulassung@kfz.example",
            sender_name="Sachbearbeitung",
            to=f"{self.alias_catchall}@{self.alias_domain}",
            subject=f"Re: {forward.mail_message_id.subject}",
            msgid=f"answer{forward.id}",
            in_reply_to=forward.mail_message_id.message_id,
            extra="",
            body=body,
        )
        self.env["mail.thread"].sudo().message_process(False, raw)
        self.assertEqual(forward.state, "answered")

    def relay(self, forward):
        """The agent relays the office's answer with the composer it opens."""
        action = forward.with_user(self.agent).action_relay_answer()
        if action["type"] != "ir.actions.act_window":
            return action
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .with_context(action["context"])
        )
        composer.save().action_send_mail()
        return action

    def close(self, ticket=None):
        (ticket or self.ticket).with_user(self.agent).stage_id = self.done
        self.flush_tracking()

    def callbacks(self, ticket=None):
        return (ticket or self.ticket).activity_ids.filtered(
            lambda a: a.activity_type_id == self.callback_type
        )

    # ------------------------------------------------------------------
    # deadline confirmation
    # ------------------------------------------------------------------
    def test_forward_confirms_the_deadline_once_with_the_status_link(self):
        with self.mock_mail_gateway():
            self._forward()
        [mail] = self.citizen_mails()
        token = self.ticket.sudo().sc_status_token
        self.assertEqual(len(token), 43)
        self.assertIn(f"/sc/inquiry/{self.ticket.id}/{token}", mail.body_html)
        self.assertIn("Mittwoch, 01.04.2026, 10:00", mail.body_html)
        self.assertIn("Ihre Anfrage", mail.subject)
        self.assertNotIn(self.ticket.name, mail.body_html, "the title may be internal")
        self.assertAuthorityMailLayout(mail)
        message = self.ticket.sc_promise_message_id
        self.assertEqual(message.partner_ids, self.citizen)
        self.assertEqual(message.author_id, self.agent.partner_id)
        # a second forward, a repeated click: no second confirmation
        with self.mock_mail_gateway():
            self._forward(unit=self.other_unit)
            self.ticket._sc_confirm_deadline()
        self.assertFalse(self.citizen_mails())
        self.assertEqual(self.ticket.sc_promise_message_id, message)
        self.assertEqual(self.ticket.sudo().sc_status_token, token)
        # the agent may still send it again by hand
        action = self.ticket.with_user(self.agent).action_sc_send_promise()
        self.assertEqual(action["res_model"], "mail.compose.message")

    def test_no_confirmation_without_email(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Anruf ohne E-Mail",
                    "description": "<p>Frage am Telefon</p>",
                    "sc_caller_phone": "036691 70-0",
                    "sc_service_id": self.service.id,
                }
            )
        )
        with self.mock_mail_gateway():
            self._forward(ticket=ticket)
        self.assertFalse(ticket.sc_promise_message_id)
        self.assertFalse(ticket.sudo().sc_status_token)
        self.assertFalse(
            ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment"),
            "nothing was sent to the citizen",
        )

    def test_setting_turns_the_confirmation_off(self):
        settings = Form(self.env["sc.settings"].with_user(self.manager_user()))
        self.assertTrue(settings.sc_auto_promise, "on by default")
        settings.sc_auto_promise = False
        settings.save()
        self.assertFalse(self.env.company.sc_auto_promise)
        with self.mock_mail_gateway():
            self._forward()
        self.assertFalse(self.citizen_mails())
        self.assertFalse(self.ticket.sc_promise_message_id)

    def manager_user(self):
        return new_test_user(
            self.env,
            "sc_inq_notice_manager",
            groups="sc_knowledge.group_manager",
            email="manager@servicecenter.example",
        )

    def test_nobody_sets_the_notices_by_hand(self):
        for vals in (
            {"sc_status_token": "x" * 43},
            {"sc_promise_message_id": False},
            {"sc_outcome_notice": "mail"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.ticket.with_user(self.agent).write(vals)

    # ------------------------------------------------------------------
    # answer and closing
    # ------------------------------------------------------------------
    def test_relayed_answer_is_the_one_notice(self):
        forward = self._forward()
        with self.mock_mail_gateway():
            self.office_answers(forward)
        self.assertFalse(self.citizen_mails(), "the office's answer is internal")
        with self.mock_mail_gateway():
            self.relay(forward)
        [mail] = self.citizen_mails()
        self.assertIn("Das Kennzeichen ist reserviert.", mail.body_html)
        self.assertEqual(self.ticket.sc_outcome_notice, "mail")
        self.assertEqual(self.ticket.sc_outcome_message_id.partner_ids, self.citizen)
        with self.mock_mail_gateway():
            self.close()
        self.assertFalse(self.citizen_mails(), "no closing mail after the answer")

    def test_closing_tells_the_citizen_once(self):
        with self.mock_mail_gateway():
            self.close()
        [mail] = self.citizen_mails()
        self.assertIn(
            f"Ihre Anfrage {self.ticket.number} ist abgeschlossen", mail.subject
        )
        self.assertAuthorityMailLayout(mail)
        self.assertEqual(self.ticket.sc_outcome_notice, "mail")
        self.assertIn(self.ticket.sc_outcome_message_id, self.ticket.message_ids)
        # reopened and closed again: no second mail
        self.ticket.stage_id = self.in_progress
        self.flush_tracking()
        with self.mock_mail_gateway():
            self.close()
        self.assertFalse(self.citizen_mails())

    def test_no_closing_mail_without_email(self):
        self.ticket.write({"partner_id": False, "partner_email": False})
        with self.mock_mail_gateway():
            self.close()
        self.assertFalse(self.citizen_mails())
        self.assertFalse(self.ticket.sc_outcome_notice)

    def test_callback_gives_the_agent_a_task_with_the_number(self):
        self.ticket.write(
            {"sc_answer_channel": "callback", "sc_caller_phone": "036691 70-123"}
        )
        forward = self._forward()
        with self.mock_mail_gateway():
            self.office_answers(forward)
            action = self.relay(forward)
        self.assertEqual(action["tag"], "display_notification")
        self.assertFalse(self.citizen_mails(), "no mail: the citizen wants a call")
        activity = self.callbacks()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.agent)
        self.assertIn("+493669170123", activity.note)
        self.assertEqual(
            self.callback_type.with_context(lang="de_DE").name, "Zurückrufen"
        )
        self.assertEqual(self.ticket.sc_outcome_notice, "callback")
        # relayed again, closed: still one task, still no mail
        with self.mock_mail_gateway():
            self.relay(forward)
            self.close()
        self.assertFalse(self.citizen_mails())
        self.assertEqual(len(self.callbacks()), 1)

    def test_closing_a_callback_inquiry_creates_the_task(self):
        self.ticket.write(
            {"sc_answer_channel": "callback", "sc_caller_phone": "+49 3641 123456"}
        )
        with self.mock_mail_gateway():
            self.close()
        self.assertFalse(self.citizen_mails())
        self.assertIn("+493641123456", self.callbacks().note)

    def test_anonymisation_removes_the_status_link(self):
        self._forward()
        self.assertTrue(self.ticket.sudo().sc_status_token)
        self.close()
        self.ticket._sc_anonymize()
        self.assertFalse(self.ticket.sudo().sc_status_token)
        self.assertFalse(self.ticket.sc_status_url)
