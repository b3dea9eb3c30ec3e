# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter 115 Export",
    "summary": "Deliver the service catalog to 115 and the Portalverbund as XZuFi 2.2",
    "version": "18.0.1.2.0",
    "category": "Services/Helpdesk",
    "website": "https://www.saaleholzlandkreis.de",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["sc_inquiry_sla"],
    "external_dependencies": {"python": ["lxml", "pytz", "python-dateutil"]},
    "data": [
        "security/ir.model.access.csv",
        "security/sc_115_export_security.xml",
        "data/ir_cron_data.xml",
        "views/sc_xzufi_export_views.xml",
        "wizards/sc_xzufi_export_wizard_views.xml",
        "views/sc_xzufi_import_views.xml",
        "views/sc_xzufi_object_views.xml",
        "views/sc_xzufi_import_source_views.xml",
        "wizards/sc_xzufi_import_wizard_views.xml",
        "report/sc_service_level_report_views.xml",
        "wizards/sc_service_level_wizard_views.xml",
        "views/sc_settings_views.xml",
        "views/sc_115_export_menus.xml",
    ],
    "demo": ["demo/res_company_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "sc_115_export/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
