# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import InquiryCase, make_calendar

REPLY = """\
From: Zulassung <tour-zulassung@kfz.example>
To: catchall@example.com
Subject: Re: {subject}
Message-ID: <tour-reply@kfz.example>
In-Reply-To: {msgid}
References: {msgid}
Content-Type: text/plain; charset="utf-8"

Das Wunschkennzeichen ist reserviert.
"""


@tagged("post_install", "-at_install")
class TestForwardTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.sc_resource_calendar_id = make_calendar(
            cls.env, "Tour hours", {day: (0.0, 24.0) for day in range(7)}
        )
        cls.agent = new_test_user(
            cls.env,
            "sc_tour_agent",
            password="sc_tour_agent_pw",
            groups="sc_knowledge.group_agent",
            email="tour-agent@servicecenter.example",
        )
        unit = cls.env["sc.org.unit"].create(
            {
                "name": "Tour Kfz-Zulassung",
                "forward_email": "tour-zulassung@kfz.example",
            }
        )
        service = cls.env["sc.service"].create(
            {
                "name": "Tour Wunschkennzeichen",
                "state": "published",
                "main_org_unit_id": unit.id,
                "org_unit_ids": [Command.link(unit.id)],
            }
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Tour inquiry",
                "description": "<p>Wunschkennzeichen?</p>",
                "sc_service_id": service.id,
                "partner_email": "tour-citizen@example.org",
            }
        )

    def test_forward_reply_answered(self):
        url = f"/odoo/helpdesk.ticket/{self.ticket.id}"
        self.start_tour(url, "sc_inquiry_sla_forward_tour", login="sc_tour_agent")
        forward = self.ticket.sc_forward_ids
        self.assertEqual(forward.state, "waiting")
        raw = REPLY.format(
            subject=forward.mail_message_id.subject,
            msgid=forward.mail_message_id.message_id,
        )
        self.env["mail.thread"].sudo().message_process(False, raw)
        self.assertEqual(forward.state, "answered")
        self.start_tour(url, "sc_inquiry_sla_answered_tour", login="sc_tour_agent")


@tagged("post_install", "-at_install")
class TestForwardReportTour(HttpCase, InquiryCase):
    """The statistics as a department user sees them in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        cls.clerk.lang = "de_DE"  # the German number format of the checked cells
        monday = "2026-03-02 07:00:00"  # 08:00 CET, service hours 08:00-18:00
        answers = [
            (cls.unit, "2026-03-02 09:00:00"),  # 2 working hours
            (cls.unit, "2026-03-02 11:00:00"),  # 4
            (cls.unit, "2026-03-04 17:00:00"),  # 30, after the deadline
            (cls.other_unit, "2026-03-03 09:00:00"),  # 12, not the clerk's unit
        ]
        for unit, answered in answers:
            ticket = cls.env["helpdesk.ticket"].create(
                {"name": "Tour", "description": "<p>x</p>"}
            )
            with freeze_time(monday):
                forward = cls._forward(ticket=ticket, unit=unit)
            with freeze_time(answered):
                forward.action_mark_answered()

    def test_department_user_sees_median_of_own_unit(self):
        self.start_tour(
            "/odoo/action-sc_inquiry_sla.sc_inquiry_forward_report_action",
            "sc_inquiry_sla_report_tour",
            login=self.clerk.login,
        )


@tagged("post_install", "-at_install")
class TestMailsTour(HttpCase, InquiryCase):
    """The forward and the office's answer in the browser, with the lowest
    rights: the agent sees the mail the office will read; the office answers
    the service center, not the citizen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_center()
        (cls.agent | cls.clerk).lang = "de_DE"
        cls.citizen.name = "Tour Bürgerin"
        cls.clerk.partner_id.email = "clerk@kfz.example"

    def test_forward_shows_the_mail_and_the_office_answers_internally(self):
        url = f"/odoo/helpdesk.ticket/{self.ticket.id}"
        self.start_tour(
            url, "sc_inquiry_sla_forward_preview_tour", login=self.agent.login
        )
        forward = self.ticket.sc_forward_ids
        self.assertEqual(forward.state, "waiting")
        sent = forward.mail_message_id
        self.assertIn("Bitte dringend bearbeiten.", sent.body)
        self.assertNotIn("Liebe Kolleginnen", sent.body)
        self.assertEqual(
            self.ticket.stage_id,
            self.env.ref("sc_inquiry_sla.helpdesk_ticket_stage_forwarded"),
        )
        self.start_tour(
            url, "sc_inquiry_sla_office_answer_tour", login=self.clerk.login
        )
        answer = self.ticket.message_ids.filtered(
            lambda m: "Das Wunschkennzeichen ist reserviert." in m.body
        )
        self.assertEqual(answer.author_id, self.clerk.partner_id)
        self.assertNotIn(self.citizen, answer.partner_ids)
        self.assertNotIn(self.citizen, answer.notification_ids.res_partner_id)
        self.assertEqual(forward.state, "answered")
        self.assertEqual(
            self.ticket.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        )
