from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAnswerTour(HttpCase):
    def test_agent_answers_phone_call_from_catalog(self):
        new_test_user(self.env, "sc_tour_answer", groups="sc_knowledge.group_agent")
        unit = self.env["sc.org.unit"].create({"name": "Führerscheinstelle Tour"})
        lost = self.env["sc.service"].create(
            {
                "name": "Verlust des Führerscheins (Tour)",
                "main_org_unit_id": unit.id,
                "state": "published",
                "keyword_ids": [(0, 0, {"name": "Führerschein verloren (Tour)"})],
            }
        )
        self.start_tour("/odoo", "sc_knowledge_answer_tour", login="sc_tour_answer")
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Anruf Tour Führerschein")]
        )
        self.assertEqual(ticket.sc_service_id, lost)
        self.assertEqual(ticket.sc_channel, "phone")
        self.assertTrue(ticket.closed)


@tagged("post_install", "-at_install")
class TestInformationDeskTour(HttpCase):
    def test_agent_finds_answer_card_while_typing(self):
        new_test_user(self.env, "sc_tour_desk", groups="sc_knowledge.group_agent")
        office = self.env["res.partner"].create(
            {
                "name": "Fahrerlaubnisbehörde",
                "street": "Claussstraße 2",
                "city": "Eisenberg",
            }
        )
        unit = self.env["sc.org.unit"].create(
            {"name": "Fahrerlaubnisbehörde (Auskunft)", "partner_id": office.id}
        )
        for name, keyword in (
            (
                "Verlust des Führerscheins (Auskunft)",
                "Führerschein verloren (Auskunft)",
            ),
            ("Internationaler Führerschein (Auskunft)", "Ausland (Auskunft)"),
        ):
            self.env["sc.service"].create(
                {
                    "name": name,
                    "main_org_unit_id": unit.id,
                    "state": "published",
                    "keyword_ids": [(0, 0, {"name": keyword})],
                    "document_ids": [(0, 0, {"name": "Biometrisches Passfoto"})],
                }
            )
        self.start_tour(
            "/odoo/action-sc_knowledge.information_desk_action",
            "sc_knowledge_information_desk_tour",
            login="sc_tour_desk",
        )
