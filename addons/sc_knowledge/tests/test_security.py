from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestServicecenterSecurity(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, "sc_test_agent", groups="sc_knowledge.group_agent"
        )
        cls.department_user = new_test_user(
            cls.env, "sc_test_department", groups="sc_knowledge.group_department_user"
        )
        cls.manager = new_test_user(
            cls.env,
            "sc_test_manager",
            groups="sc_knowledge.group_manager,base.group_system",
        )

    def test_manager_implies_agent_and_helpdesk_manager(self):
        self.assertTrue(self.manager.has_group("sc_knowledge.group_agent"))
        self.assertTrue(self.manager.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertFalse(self.agent.has_group("sc_knowledge.group_manager"))
        self.assertFalse(self.department_user.has_group("sc_knowledge.group_agent"))

    def test_agent_cannot_open_settings(self):
        settings = self.env["res.config.settings"].with_user(self.agent)
        with self.assertRaises(AccessError):
            settings.create({}).execute()
        with self.assertRaises(AccessError):
            settings.check_access("read")

    def test_manager_sets_service_center_hours(self):
        calendar = self.env["resource.calendar"].create({"name": "Servicecenter"})
        settings = (
            self.env["res.config.settings"]
            .with_user(self.manager)
            .create({"sc_resource_calendar_id": calendar.id})
        )
        settings.execute()
        self.assertEqual(self.env.company.sc_resource_calendar_id, calendar)

    def test_settings_section_only_for_managers(self):
        view = self.env.ref("sc_knowledge.res_config_settings_view_form")
        self.assertIn('groups="sc_knowledge.group_manager"', view.arch_db)
        arch_for_admin = (
            self.env["res.config.settings"]
            .with_user(self.manager)
            .get_views([(False, "form")])
        )["views"]["form"]["arch"]
        self.assertIn('name="sc_knowledge"', arch_for_admin)
        admin_without_sc = new_test_user(
            self.env, "sc_test_admin", groups="base.group_system"
        )
        arch_for_other_admin = (
            self.env["res.config.settings"]
            .with_user(admin_without_sc)
            .get_views([(False, "form")])
        )["views"]["form"]["arch"]
        self.assertNotIn('name="sc_knowledge"', arch_for_other_admin)

    def test_menus_by_group(self):
        root = self.env.ref("sc_knowledge.menu_root")
        configuration = self.env.ref("sc_knowledge.menu_configuration")
        for user, sees_root, sees_configuration in (
            (self.agent, True, False),
            (self.department_user, True, False),
            (self.manager, True, True),
        ):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(root.id in visible, sees_root, user.login)
            self.assertEqual(
                configuration.id in visible, sees_configuration, user.login
            )
        plain_user = new_test_user(self.env, "sc_test_plain", groups="base.group_user")
        self.assertNotIn(
            root.id, self.env["ir.ui.menu"].with_user(plain_user)._visible_menu_ids()
        )
