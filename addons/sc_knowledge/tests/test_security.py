from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

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

    def settings_app_arch(self, user):
        """Odoo's Settings form as ``user`` gets it."""
        views = (
            self.env["res.config.settings"].with_user(user).get_views([(False, "form")])
        )
        return views["views"]["form"]["arch"]

    def test_agent_cannot_open_settings(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.agent).create({})
        calendar = self.env["resource.calendar"].create({"name": "Servicecenter"})
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(self.agent).create(
                {"sc_resource_calendar_id": calendar.id}
            )
        self.assertNotEqual(self.env.company.sc_resource_calendar_id, calendar)

    def test_administrator_manager_saves_hours_from_settings(self):
        """The Servicecenter block of Odoo's Settings opens the Service Center
        Settings, where an administrator who is a manager saves the hours."""
        action = self.env.ref("sc_knowledge.sc_settings_action")
        self.assertIn(f'name="{action.id}"', self.settings_app_arch(self.manager))
        self.assertEqual(action.res_model, "sc.settings")
        calendar = self.env["resource.calendar"].create({"name": "Servicecenter"})
        with Form(self.env[action.res_model].with_user(self.manager)) as form:
            form.sc_resource_calendar_id = calendar
        self.assertEqual(self.env.company.sc_resource_calendar_id, calendar)

    def test_settings_section_only_for_managers(self):
        self.assertIn('name="sc_knowledge"', self.settings_app_arch(self.manager))
        admin_without_sc = new_test_user(
            self.env, "sc_test_admin", groups="base.group_system"
        )
        self.assertNotIn(
            'name="sc_knowledge"', self.settings_app_arch(admin_without_sc)
        )
        with self.assertRaises(AccessError):
            self.env["sc.settings"].with_user(admin_without_sc).create({})

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
