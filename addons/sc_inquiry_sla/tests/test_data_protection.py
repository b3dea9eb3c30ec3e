# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon
from odoo.addons.sc_knowledge.tests.common import PersonalDataMixin

from .common import InquiryCase
from .common_calls import call_events
from .test_mail_gateway import REPLY

NAME = "Wiebke Quastenbruch"
EMAIL = "wiebke.quastenbruch@example.org"
PHONE = "03641 5550199"
PHONE_DIGITS = "5550199"  # in every format the number is stored or shown
NEEDLES = (NAME, "Quastenbruch", EMAIL, PHONE_DIGITS)


class DataProtectionCase(PersonalDataMixin, MailCommon, InquiryCase):
    """A citizen's inquiry with everything that names her: forward, the
    office's answer and her own mail through the mail gateway, a mail to her
    kept after sending, an activity, tracked changes, her call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.closed_stage = cls.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        cls.env.company.sc_retention_days = 30
        cls.manager = new_test_user(
            cls.env, "sc_dp_inq_manager", groups="sc_knowledge.group_manager"
        )
        cls.phone_system = cls.env["sc.telephone.system"].create(
            {"name": "Asterisk Eisenberg", "code": "eisenberg", "token": "s3cret-token"}
        )
        cls.wiebke = cls.env["res.partner"].create(
            {"name": NAME, "email": EMAIL, "phone": PHONE}
        )

    def _inquiry(self, partner, subject):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": subject,
                    "description": f"<p>{partner.name} bittet um Rückruf.</p>",
                    "partner_id": partner.id,
                    "partner_email": partner.email,
                    "partner_name": partner.name,
                    "sc_caller_phone": partner.phone or False,
                    "sc_service_id": self.service.id,
                }
            )
        )

    def _mail_in(self, forward, sender, sender_name, body, msgid):
        raw = REPLY.format(
            return_path=f"<{sender}>",
            sender=sender,
            sender_name=sender_name,
            to=f"{self.alias_catchall}@{self.alias_domain}",
            subject=f"Re: {forward.mail_message_id.subject}",
            msgid=msgid,
            in_reply_to=forward.mail_message_id.message_id,
            extra="",
            body=body,
        )
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(False, raw)

    def _full_history(self, partner):
        """An inquiry of ``partner`` through all the places that keep data,
        closed on 2026-03-30."""
        with freeze_time("2026-03-27 15:00:00"), self.mock_mail_gateway():
            ticket = self._inquiry(partner, f"Rückruf für {partner.name}")
            self.call = self.env["sc.call"]._sc_apply_events(
                self.phone_system,
                call_events(
                    f"call-{partner.id}",
                    wait=20,
                    talk=120,
                    start=datetime(2026, 3, 27, 14, 50),
                    number=partner.phone,
                ),
            )[:1]
            self.call.ticket_id = ticket
            forward = self._forward(ticket)
            ticket.message_post(
                body=f"Sehr geehrte(r) {partner.name}, wir antworten bis Mittwoch.",
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                mail_auto_delete=False,
            )
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.agent.id,
                note=f"{partner.name} zurückrufen: {partner.phone}",
            )
        with freeze_time("2026-03-30 09:00:00"):
            self._mail_in(
                forward,
                "zulassung@kfz.example",
                "Kfz-Zulassung",
                f"{partner.name} kann das Kennzeichen online reservieren.",
                f"office-{partner.id}",
            )
            self._mail_in(
                forward,
                partner.email,
                partner.name,
                f"Danke! Erreichbar unter {partner.phone}. Gruß {partner.name}",
                f"citizen-{partner.id}",
            )
            ticket.with_user(self.agent).stage_id = self.closed_stage
        return ticket, forward

    def _statistics(self):
        Report = self.env["sc.inquiry.forward.report"]
        Ticket = self.env["helpdesk.ticket"].with_context(active_test=False)
        return (
            Report._read_group(
                [],
                ["org_unit_id", "service_id", "state"],
                ["__count", "response_hours:sum", "on_time_count:sum"],
            ),
            Ticket._read_group(
                [],
                ["sc_service_id", "sc_channel", "stage_id", "create_date:day"],
                ["__count", "sc_fcr_rate:avg"],
            ),
        )


@tagged("post_install", "-at_install")
class TestRetentionPeriod(DataProtectionCase):
    def test_nothing_of_the_citizen_is_left_after_the_retention_period(self):
        ticket, forward = self._full_history(self.wiebke)
        found = self.personal_data_found(*NEEDLES)
        for place in (
            "helpdesk_ticket.name",
            "helpdesk_ticket.partner_email",
            "helpdesk_ticket.sc_caller_phone",
            "mail_message.body",
            "mail_message.email_from",
            "mail_mail.body_html",
            "mail_activity.note",
            "res_partner.name",
            "sc_call.caller_number",
        ):
            self.assertIn(place, found)
        statistics = self._statistics()
        with freeze_time("2026-04-15 08:00:00"):  # 16 days: kept
            self.env["sc.data.protection"]._cron_anonymize()
        self.assertEqual(ticket.partner_id, self.wiebke)
        with freeze_time("2026-05-05 08:00:00"):  # 36 days after closing
            self.env["sc.data.protection"]._cron_anonymize()
            self.run_odoo_clean_ups()
        self.assertEqual(self.personal_data_found(*NEEDLES), [])
        self.assertTrue(ticket.sc_anonymized)
        self.assertFalse(self.wiebke.active)
        # the statistics are the same
        self.assertEqual(self._statistics(), statistics)
        self.assertEqual(forward.state, "answered")
        self.assertEqual(ticket.sc_service_id, self.service)
        self.assertEqual(ticket.sc_forward_ids, forward)
        self.assertEqual((self.call.state, self.call.wait_seconds), ("answered", 20))

    def test_citizen_with_an_open_inquiry_is_kept(self):
        old, _forward = self._full_history(self.wiebke)
        with freeze_time("2026-05-04 08:00:00"):
            still_open = self._inquiry(self.wiebke, "Neue Frage")
        with freeze_time("2026-05-05 08:00:00"):
            self.env["sc.data.protection"]._cron_anonymize()
        self.assertTrue(old.sc_anonymized)
        self.assertNotIn(NAME, old.name)
        self.assertEqual(self.wiebke.name, NAME)
        self.assertEqual(self.wiebke.email, EMAIL)
        self.assertEqual(still_open.partner_id, self.wiebke)
        self.assertEqual(still_open.partner_name, NAME)
        # closed and past retention, she goes as well
        with freeze_time("2026-05-06 08:00:00"):
            still_open.stage_id = self.closed_stage
        with freeze_time("2026-06-10 08:00:00"):
            self.env["sc.data.protection"]._cron_anonymize()
        self.assertFalse(self.wiebke.active)
        self.assertNotEqual(self.wiebke.name, NAME)


@tagged("post_install", "-at_install")
class TestRightsOfTheCitizen(DataProtectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.otto = cls.env["res.partner"].create(
            {"name": "Otto Ohnesorg", "email": "otto.ohnesorg@example.org"}
        )

    def test_erasure_on_request_reaches_open_inquiries_too(self):
        ticket, forward = self._full_history(self.wiebke)
        with freeze_time("2026-04-01 08:00:00"):
            still_open = self._inquiry(self.wiebke, f"Neue Frage von {NAME}")
        other = self._inquiry(self.otto, "Frage von Otto Ohnesorg")
        statistics = self._statistics()
        with self.assertRaises(AccessError):
            self.wiebke.with_user(self.agent).action_sc_erase()
        self.wiebke.with_user(self.manager).action_sc_erase()
        self.run_odoo_clean_ups()
        self.assertEqual(self.personal_data_found(*NEEDLES), [])
        self.assertTrue(still_open.sc_anonymized)
        self.assertEqual(self._statistics(), statistics)
        self.assertEqual(other.partner_name, "Otto Ohnesorg")
        log = self.env["sc.erasure.log"].with_user(self.manager).search([])
        self.assertEqual(log.user_id, self.manager)
        # the partner, 2 inquiries (their forwards, messages count with them), her call
        self.assertEqual(log.record_count, 4)

    def test_information_lists_her_inquiries_forwards_and_messages(self):
        ticket, forward = self._full_history(self.wiebke)
        self._inquiry(self.otto, "Frage von Otto Ohnesorg")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("sc_knowledge.report_personal_data", self.wiebke.ids)
        )
        html = html.decode()
        for data in (
            NAME,
            EMAIL,
            ticket.number,
            "+4936415550199",
            forward.org_unit_id.name,
            "Anrufe",
            "kann das Kennzeichen online reservieren",
            "Erreichbar unter",
        ):
            self.assertIn(data, html)
        self.assertNotIn("Ohnesorg", html)
