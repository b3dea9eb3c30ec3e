# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter Knowledge",
    "summary": "Service catalog of a district administration for first-contact answers",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "website": "https://github.com/servicecenter/servicecenter",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["helpdesk_mgmt", "resource"],
    "external_dependencies": {"python": ["phonenumbers", "holidays"]},
    "data": [
        "security/sc_knowledge_security.xml",
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/sc_knowledge_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sc_knowledge/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
