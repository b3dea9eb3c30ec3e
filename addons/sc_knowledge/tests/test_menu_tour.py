from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServicecenterMenuTour(HttpCase):
    def test_agent_opens_servicecenter(self):
        new_test_user(self.env, "sc_tour_agent", groups="sc_knowledge.group_agent")
        self.start_tour("/odoo", "sc_knowledge_menu_tour", login="sc_tour_agent")
