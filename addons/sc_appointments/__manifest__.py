# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Servicecenter Appointments",
    "summary": "Book citizen appointments in quiet slots with the right documents",
    "version": "18.0.1.0.0",
    "category": "Services/Helpdesk",
    "website": "https://github.com/servicecenter/servicecenter",
    "author": "Servicecenter contributors",
    "maintainers": ["servicecenter"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["sc_knowledge", "calendar"],
    "external_dependencies": {"python": ["python-dateutil"]},
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
