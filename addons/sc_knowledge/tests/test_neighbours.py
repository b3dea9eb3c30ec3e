# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestNeighbours(TransactionCase):
    def test_required_fields_on_others_models_have_a_database_default(self):
        """A field of ours that is required on Odoo's or OCA's model needs a
        database default: modules that load before ours create records (their
        data, their tests) with a registry that does not know the field."""
        missing = []
        for model in self.env.registry.values():
            if model._name.startswith("sc.") or model._transient or model._abstract:
                continue
            for field in model._fields.values():
                ours = [name for name in field._modules or () if name.startswith("sc_")]
                if not (ours and field.required and field.store and field.column_type):
                    continue
                self.env.cr.execute(
                    SQL(
                        "SELECT column_default FROM information_schema.columns"
                        " WHERE table_name = %s AND column_name = %s",
                        model._table,
                        field.name,
                    )
                )
                if not self.env.cr.fetchone()[0]:
                    missing.append(f"{model._name}.{field.name}")
        self.assertEqual(missing, [])
