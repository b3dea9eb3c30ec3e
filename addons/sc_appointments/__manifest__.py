# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter Appointments",
    "summary": "Book citizen appointments in quiet slots with the right documents",
    "version": "18.0.1.2.0",
    "category": "Services/Helpdesk",
    "website": "https://www.saaleholzlandkreis.de",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["sc_knowledge", "calendar"],
    "data": [
        "security/ir.model.access.csv",
        "security/sc_appointments_security.xml",
        "views/sc_appointment_type_views.xml",
        "views/sc_visit_views.xml",
        "views/calendar_event_views.xml",
        "views/helpdesk_ticket_views.xml",
        "wizards/sc_appointment_booking_views.xml",
        "views/sc_settings_views.xml",
        "views/sc_appointments_menus.xml",
        "views/sc_appointment_portal_templates.xml",
        "data/mail_template_data.xml",
    ],
    "demo": ["demo/sc_appointment_type_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "sc_appointments/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
