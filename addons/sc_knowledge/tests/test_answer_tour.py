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
        self.assertTrue(ticket.sc_first_contact_resolution)
        self.assertTrue(ticket.closed)
