# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter Inquiry SLA",
    "summary": "Forward citizen inquiries to offices with a tracked response deadline",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "website": "https://www.saaleholzlandkreis.de",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["sc_knowledge"],
    "external_dependencies": {"python": ["holidays", "phonenumbers"]},
    "data": [
        "security/sc_inquiry_sla_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/mail_digest_templates.xml",
        "data/ir_cron_data.xml",
        "data/sc_inquiry_sla_policy_data.xml",
        "views/sc_inquiry_forward_views.xml",
        "views/sc_inquiry_sla_policy_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/mail_template_views.xml",
        "wizards/sc_inquiry_forward_wizard_views.xml",
        "wizards/sc_holiday_import_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "report/sc_inquiry_forward_report_views.xml",
        "views/sc_inquiry_sla_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sc_inquiry_sla/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
