# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter Knowledge",
    "summary": "Service catalog of a district administration for first-contact answers",
    "version": "18.0.1.1.0",
    "category": "Services/Helpdesk",
    "website": "https://www.saaleholzlandkreis.de",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["helpdesk_mgmt", "resource", "base_import"],
    "external_dependencies": {
        "python": ["holidays", "phonenumbers", "python-dateutil"]
    },
    "data": [
        "security/sc_knowledge_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_ticket_channel_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_layout_templates.xml",
        "data/mail_template_data.xml",
        "data/helpdesk_closing_mail_data.xml",
        "data/ir_cron_data.xml",
        "views/sc_settings_views.xml",
        "views/res_config_settings_views.xml",
        "views/sc_org_unit_views.xml",
        "views/sc_service_category_views.xml",
        "views/sc_service_keyword_views.xml",
        "views/sc_service_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_channel_views.xml",
        "views/res_partner_views.xml",
        "views/sc_erasure_log_views.xml",
        "report/report_personal_data.xml",
        "wizards/sc_catalog_answer_wizard_views.xml",
        "views/sc_knowledge_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/sc_org_unit_demo.xml",
        "demo/sc_service_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "sc_knowledge/static/src/**/*",
        ],
        "web.assets_tests": [
            "sc_knowledge/static/tests/tours/*.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": True,
}
