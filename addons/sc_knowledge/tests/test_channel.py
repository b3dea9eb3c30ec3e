# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MailCommon

CITIZEN_MAIL = """\
Return-Path: <erika.muster@example.org>
From: Erika Muster <erika.muster@example.org>
To: servicecenter@{domain}
Subject: Frage zur Zulassung
Date: Mon, 30 Mar 2026 11:15:00 +0200
Message-ID: <citizen-1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Welche Unterlagen brauche ich für die Zulassung?
"""


@tagged("post_install", "-at_install")
class TestContactChannel(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, "sc_channel_agent", groups="sc_knowledge.group_agent"
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Servicecenter", "alias_name": "servicecenter"}
        )

    def test_inquiry_by_mail_counts_as_email(self):
        raw = CITIZEN_MAIL.format(domain=self.alias_domain)
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(False, raw)
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Frage zur Zulassung")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
        )
        self.assertEqual(ticket.sc_channel, "email")

    def test_agent_ticket_counts_as_phone_and_channel_decides(self):
        tickets = self.env["helpdesk.ticket"].with_user(self.agent)
        ticket = tickets.create({"name": "Anruf", "description": "<p>Frage</p>"})
        self.assertEqual(ticket.sc_channel, "phone")
        ticket.channel_id = self.env.ref("sc_knowledge.helpdesk_ticket_channel_walk_in")
        self.assertEqual(ticket.sc_channel, "walk_in")

    def test_channels_are_shared_by_every_company(self):
        other = self.env["res.company"].create({"name": "Landratsamt Nachbarkreis"})
        self.agent.write({"company_ids": [(4, other.id)]})
        channels = self.env["helpdesk.ticket.channel"].with_user(self.agent)
        self.assertTrue(channels.with_company(other)._sc_for_code("line115"))

    def test_ticket_form_shows_one_channel_field(self):
        arch = self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        fields = etree.fromstring(arch).xpath("//field/@name")
        self.assertIn("channel_id", fields)
        self.assertNotIn("sc_channel", fields)
