# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter Inquiry SLA",
    "summary": "Forward citizen inquiries to offices with a tracked response deadline",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "website": "https://github.com/servicecenter/servicecenter",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["sc_knowledge"],
    "external_dependencies": {
        "python": ["phonenumbers", "holidays", "python-dateutil"]
    },
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
