"""Pulling an XZuFi source over real HTTP: the suite's own pull endpoint
(/xzufi/<company id>/index.txt and its files) is the source."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ARS

TOKEN = "quelle-4b1e-77d0"


@tagged("post_install", "-at_install")
class TestXZuFiImportPull(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.editorial = Company.create(
            {
                "name": "Landesredaktion",
                "sc_xzufi_pull_token": TOKEN,
                "sc_xzufi_region_key": ARS,
            }
        )
        cls.district = Company.create({"name": "Landratsamt Abrufkreis"})
        cls.manager = mail_new_test_user(
            cls.env,
            login="xzufi_pull_manager",
            groups="sc_knowledge.group_manager",
            company_id=cls.district.id,
            company_ids=[Command.set(cls.district.ids)],
        )
        unit = cls.env["sc.org.unit"].create(
            {"name": "Bürgerbüro", "company_id": cls.editorial.id}
        )
        cls.service = cls.env["sc.service"].create(
            {
                "name": "Wohnsitz anmelden",
                "leika_key": "99115005104000",
                "state": "published",
                "description": "<p>Volltext</p>",
                "main_org_unit_id": unit.id,
                "company_id": cls.editorial.id,
            }
        )
        cls.Export = cls.env["sc.xzufi.export"].with_company(cls.editorial)
        cls.Export._sc_export("full", company=cls.editorial)

    def _source(self, token=TOKEN):
        return (
            self.env["sc.xzufi.import.source"]
            .with_user(self.manager)
            .with_company(self.district)
            .with_context(lang="de_DE", allowed_company_ids=self.district.ids)
            .create(
                {
                    "name": "Landesredaktion",
                    "base_url": f"{self.base_url()}/xzufi/{self.editorial.id}/",
                    "token": token,
                }
            )
        )

    def _imported(self):
        return (
            self.env["sc.service"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.district.id)])
        )

    def test_pull_imports_new_files_once(self):
        source = self._source()
        source.action_pull()
        self.assertEqual(len(source.import_ids), 1)
        self.assertEqual(source.import_ids.source, "pull")
        self.assertEqual(self._imported().sc_xzufi_id, f"L{self.service.id}")
        self.assertEqual(self._imported().name, "Wohnsitz anmelden")
        # Nothing new at the source: nothing is fetched or imported again.
        source.action_pull()
        self.assertEqual(len(source.import_ids), 1)
        # A change export appears in index.txt: only it is imported.
        self.service.summary = "Neu zugezogen? Melden Sie sich an."
        self.Export._sc_export("delta", company=self.editorial)
        # The server reads through its own cursor: what the test wrote must be in
        # the database, as a committed export would be.
        self.env.flush_all()
        source.action_pull()
        self.assertEqual(len(source.import_ids), 2)
        self.assertEqual(source.import_ids[0].updated_count, 1)
        self.assertEqual(self._imported().summary, "Neu zugezogen? Melden Sie sich an.")
        self.assertEqual(len(source.imported_files.split()), 2)

    def test_wrong_token_is_reported(self):
        source = self._source(token="falsch")
        with self.assertRaisesRegex(UserError, "konnte nicht gelesen werden"):
            source.action_pull()
        self.assertFalse(self._imported())
