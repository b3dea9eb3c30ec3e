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
        self.assertEqual(ticket.sc_channel, "walk_in")
        self.assertTrue(ticket.closed)


@tagged("post_install", "-at_install")
class TestInformationDeskTour(HttpCase):
    def test_agent_finds_answer_card_while_typing(self):
        new_test_user(
            self.env, "sc_tour_desk", groups="sc_knowledge.group_agent", lang="de_DE"
        )
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
        for name, keyword, fee in (
            (
                "Verlust des Führerscheins (Auskunft)",
                "Führerschein verloren (Auskunft)",
                12.80,
            ),
            ("Internationaler Führerschein (Auskunft)", "Ausland (Auskunft)", 0),
            ("Begleitetes Fahren ab 17 (Auskunft)", "BF17 beantragen", 0),
        ):
            self.env["sc.service"].create(
                {
                    "name": name,
                    "main_org_unit_id": unit.id,
                    "state": "published",
                    "keyword_ids": [(0, 0, {"name": keyword})],
                    "document_ids": [
                        (0, 0, {"name": "Biometrisches Passfoto"}),
                        (0, 0, {"name": "Personalausweis"}),
                    ],
                    "fee_amount_from": fee,
                    "fee_amount_to": fee,
                }
            )
        self.start_tour(
            "/odoo/action-sc_knowledge.information_desk_action",
            "sc_knowledge_information_desk_tour",
            login="sc_tour_desk",
        )
        # the ticket is for the second result, chosen with the arrow keys
        second = self.env["sc.service"].search_catalog(
            "fuehrerschein verlorn", limit=10
        )[1]
        ticket = self.env["helpdesk.ticket"].search(
            [("create_uid.login", "=", "sc_tour_desk")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.sc_service_id.id, second["id"])
        self.assertEqual(ticket.sc_channel, "phone")
        self.assertEqual(ticket.name, second["name"])
