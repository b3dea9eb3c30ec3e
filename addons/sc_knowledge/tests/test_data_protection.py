# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from .common import PersonalDataMixin

NAME = "Hildegard Pfefferkorn"
EMAIL = "hildegard.pfefferkorn@example.org"
PHONE = "036691 5550188"


@tagged("post_install", "-at_install")
class TestPersonalDataOfContacts(PersonalDataMixin, BaseCommon):
    """Art. 15 and Art. 17 DSGVO on the contact itself: the actions, who may
    use them, the log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "sc_dp_manager", groups="sc_knowledge.group_manager"
        )
        cls.agent = new_test_user(
            cls.env, "sc_dp_agent", groups="sc_knowledge.group_agent"
        )
        cls.citizen = cls.env["res.partner"].create(
            {"name": NAME, "email": EMAIL, "phone": PHONE, "street": "Lindenweg 7"}
        )
        cls.other = cls.env["res.partner"].create(
            {"name": "Otto Ohnesorg", "email": "otto.ohnesorg@example.org"}
        )
        for partner in cls.citizen | cls.other:
            partner.message_post(
                body=f"Rückruf erbeten: {partner.name}, {partner.email}",
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def test_manager_erases_a_citizen_everywhere_and_it_is_logged(self):
        self.assertTrue(self.personal_data_found(NAME))
        result = self.citizen.with_user(self.manager).action_sc_erase()
        self.assertEqual(result["params"]["type"], "success")
        self.run_odoo_clean_ups()
        citizen = self.citizen.with_context(active_test=False)
        self.assertFalse(citizen.active)
        self.assertFalse(citizen.email or citizen.phone or citizen.street)
        self.assertEqual(
            self.personal_data_found(NAME, EMAIL, "5550188", "Lindenweg"), []
        )
        # the other contact keeps everything
        self.assertEqual(self.other.name, "Otto Ohnesorg")
        self.assertIn("Otto Ohnesorg", self.other.message_ids[0].body)
        log = self.env["sc.erasure.log"].with_user(self.manager).search([])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.manager)
        self.assertEqual(log.company_id, self.env.company)
        self.assertGreaterEqual(log.record_count, 1)

    def test_agent_may_neither_erase_nor_read_the_log(self):
        with self.assertRaises(AccessError):
            self.citizen.with_user(self.agent).action_sc_erase()
        self.assertEqual(self.citizen.name, NAME)
        with self.assertRaises(AccessError):
            self.env["sc.erasure.log"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["sc.erasure.log"].with_user(self.manager).create({})

    def test_only_citizens_can_be_erased(self):
        unit = self.env["sc.org.unit"].create(
            {"name": "Ordnungsamt", "partner_id": self.other.id}
        )
        for partner in (self.agent.partner_id, unit.partner_id):
            with self.assertRaises(UserError):
                partner.with_user(self.manager).action_sc_erase()
        self.assertEqual(self.other.name, "Otto Ohnesorg")

    def test_information_holds_the_person_and_nobody_else(self):
        action = self.citizen.with_user(self.manager).action_sc_personal_data()
        self.assertEqual(action["type"], "ir.actions.report")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("sc_knowledge.report_personal_data", self.citizen.ids)
        )
        html = html.decode()
        # in German, the authority's language
        self.assertIn("Auskunft über die zu Ihrer Person gespeicherten Daten", html)
        for data in (NAME, EMAIL, PHONE, "Lindenweg 7", "Rückruf erbeten"):
            self.assertIn(data, html)
        self.assertNotIn("Ohnesorg", html)
        with self.assertRaises(AccessError):
            self.citizen.with_user(self.agent).action_sc_personal_data()
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.agent)._render_qweb_html(
                "sc_knowledge.report_personal_data", self.citizen.ids
            )
