from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_on_top_of_the_catalog(self):
        module = self.env["ir.module.module"].search([("name", "=", "sc_inquiry_sla")])
        self.assertEqual(module.state, "installed")
        self.assertIn("sc_knowledge", module.dependencies_id.mapped("name"))
