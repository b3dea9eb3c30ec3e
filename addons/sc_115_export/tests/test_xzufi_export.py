from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import SQL

from .common import ARS, XZuFiExportCommon
from .xzufi_contract import NS


@tagged("post_install", "-at_install")
class TestXZuFiExport(XZuFiExportCommon):
    def _export(self, kind="full", trigger="manual"):
        return (
            self.env["sc.xzufi.export"]
            .with_user(self.manager)
            .with_company(self.company)
            ._sc_export(kind, trigger, self.company)
        )

    @users("xzufi_manager")
    def test_full_export_contains_only_publishable_services(self):
        export = self._export()
        document = self.export_document(export)
        published = (self.service_trade | self.service_residence).mapped(
            lambda s: f"L{s.id}"
        )
        self.assertEqual(sorted(document["leistung"]), sorted(published))
        self.assertEqual(
            sorted(document["organisationseinheit"]),
            sorted(f"O{u.id}" for u in (self.office | self.unit_kfz | self.unit_order)),
        )
        self.assertEqual(document["onlinedienst"], [f"D{self.service_trade.id}"])
        self.assertEqual(
            sorted(document["zustaendigkeit"]),
            sorted(
                [
                    (f"O{self.unit_kfz.id}", f"L{self.service_residence.id}", ARS),
                    (f"O{self.unit_kfz.id}", f"L{self.service_trade.id}", ARS),
                    (f"O{self.unit_order.id}", f"L{self.service_trade.id}", ARS),
                ]
            ),
        )
        root = document["root"]
        self.assertEqual(root.findtext(f".//{{{NS}}}sender"), "Landratsamt SHK")
        self.assertEqual(
            root.find(f".//{{{NS}}}leistung/{{{NS}}}id").get("schemeAgencyID"), ARS
        )
        kfz = next(
            unit
            for unit in root.iter(f"{{{NS}}}organisationseinheit")
            if unit.findtext(f"{{{NS}}}id") == f"O{self.unit_kfz.id}"
        )
        self.assertEqual(kfz.findtext(f"{{{NS}}}anschrift/{{{NS}}}ort"), "Eisenberg")
        self.assertEqual(
            kfz.findtext(f"{{{NS}}}uebergeordneteOrganisationseinheitID"),
            f"O{self.office.id}",
        )
        self.assertEqual(
            [
                (z.findtext(f"{{{NS}}}wochentag/code"), z.findtext(f"{{{NS}}}zeitVon"))
                for z in kfz.iter(f"{{{NS}}}zeitraum")
            ],
            [("1", "07:30:00"), ("4", "13:00:00")],
        )
        self.assertEqual(
            (
                export.kind,
                export.service_count,
                export.org_unit_count,
                export.skipped_count,
            ),
            ("full", 2, 3, 5),
        )
        reasons = {(skip.service_id, skip.reason) for skip in export.skip_ids}
        self.assertEqual(
            reasons,
            {
                (self.service_draft, "not_published"),
                (self.service_no_key, "no_leika_key"),
                (self.service_no_text, "no_description"),
                (self.service_no_unit, "no_responsible_unit"),
                (self.service_overdue, "review_overdue"),
            },
        )
        self.assertEqual(export.attachment_id.name, export.file_name)

    def test_reasons_are_german(self):
        self._export()
        fields_de = (
            self.env["sc.xzufi.export.skip"]
            .with_context(lang="de_DE")
            .fields_get(["reason"])
        )
        self.assertEqual(
            dict(fields_de["reason"]["selection"])["review_overdue"],
            "Überprüfung überfällig",
        )

    def test_delta_contains_only_changes(self):
        full = self._export()
        self.age_catalog(full)
        self.assertFalse(self._export("delta"), "no change, no file")
        self.service_residence.summary = "Neu: mit Termin"
        delta = self._export("delta")
        self.assertEqual(delta.kind, "delta")
        self.assertEqual(delta.changed_since, full.export_date)
        document = self.export_document(delta)
        self.assertEqual(document["leistung"], [f"L{self.service_residence.id}"])
        # The unit responsible for it goes out again with all its competences.
        self.assertEqual(document["organisationseinheit"], [f"O{self.unit_kfz.id}"])
        self.assertEqual(len(document["zustaendigkeit"]), 2)
        current = self.env["sc.xzufi.export"]._sc_current_exports(self.company)
        self.assertEqual(current, full | delta)
        self.assertEqual(current.mapped("kind"), ["full", "delta"])

    def test_delta_after_address_change_and_full_on_demand(self):
        full = self._export()
        self.age_catalog(full)
        self.unit_kfz.partner_id.phone = "036691 70-999"
        delta = self._export("delta")
        document = self.export_document(delta)
        # Its services go out again too: module 23 carries the unit's phone.
        self.assertEqual(
            sorted(document["leistung"]),
            sorted(f"L{s.id}" for s in (self.service_trade | self.service_residence)),
        )
        kfz_and_order = (self.unit_kfz | self.unit_order).mapped(lambda u: f"O{u.id}")
        self.assertEqual(
            sorted(document["organisationseinheit"]), sorted(kfz_and_order)
        )
        contacts = document["root"].xpath(
            "//x:modulText[x:leikaTextmodul/code='23']/x:inhalt/text()",
            namespaces={"x": NS},
        )
        self.assertEqual(len(contacts), 2)
        contact = contacts[0]
        self.assertIn("036691 70-999", contact)
        self.age_catalog(delta)
        self.unit_kfz.resource_calendar_id.attendance_ids[0].hour_to = 13
        document = self.export_document(self._export("delta"))
        self.assertIn(f"O{self.unit_kfz.id}", document["organisationseinheit"])
        again = self._export("full")
        self.assertEqual(len(self.export_document(again)["leistung"]), 2)
        self.assertEqual(
            self.env["sc.xzufi.export"]._sc_current_exports(self.company), again
        )

    def test_delta_withdraws_unpublished_services_and_archived_units(self):
        full = self._export()
        self.age_catalog(full)
        self.service_residence.action_withdraw()
        self.unit_order.active = False
        delta = self._export("delta")
        document = self.export_document(delta)
        residence = self.service_residence.id
        # Only what was delivered is withdrawn: residence had no online service.
        self.assertEqual(
            document["loesche"],
            [
                ("leistungID", f"L{residence}"),
                ("organisationseinheitID", f"O{self.unit_order.id}"),
            ],
        )
        self.assertEqual(delta.deleted_count, 2)
        # The Kfz unit goes out again, now responsible for the trade service only.
        self.assertEqual(
            document["zustaendigkeit"],
            [(f"O{self.unit_kfz.id}", f"L{self.service_trade.id}", ARS)],
        )

    def _delivered(self):
        rows = (
            self.env["sc.xzufi.delivered"]
            .with_user(self.manager)
            .with_company(self.company)
            .search([("company_id", "=", self.company.id)])
        )
        return sorted(rows.mapped("xzufi_id"))

    def test_delta_withdraws_deleted_objects_once(self):
        trade, residence = self.service_trade.id, self.service_residence.id
        kfz, order = self.unit_kfz.id, self.unit_order.id
        full = self._export()
        self.assertEqual(
            self._delivered(),
            sorted(
                [f"L{trade}", f"L{residence}", f"D{trade}", f"O{self.office.id}"]
                + [f"O{kfz}", f"O{order}"]
            ),
        )
        self.age_catalog(full)
        self.service_trade.unlink()
        self.unit_order.unlink()
        delta = self._export("delta")
        document = self.export_document(delta)
        self.assertEqual(
            document["loesche"],
            [
                ("leistungID", f"L{trade}"),
                ("onlinedienstID", f"D{trade}"),
                ("organisationseinheitID", f"O{order}"),
            ],
        )
        self.assertEqual(delta.deleted_count, 3)
        # Nothing else is sent but the unit that lost the deleted competence.
        self.assertEqual(document["leistung"], [])
        self.assertEqual(document["onlinedienst"], [])
        self.assertEqual(document["organisationseinheit"], [f"O{kfz}"])
        self.assertEqual(
            document["zustaendigkeit"], [(f"O{kfz}", f"L{residence}", ARS)]
        )
        self.assertEqual(
            self._delivered(),
            sorted([f"L{residence}", f"O{self.office.id}", f"O{kfz}"]),
        )
        # Withdrawn once: the next change export has nothing left to say.
        self.age_catalog(delta)
        self.assertFalse(self._export("delta"))

    def test_delta_sends_unit_that_lost_a_competence(self):
        self.age_catalog(self._export())
        self.service_trade.org_unit_ids = [Command.unlink(self.unit_order.id)]
        document = self.export_document(self._export("delta"))
        order = f"O{self.unit_order.id}"
        self.assertIn(order, document["organisationseinheit"])
        self.assertFalse([z for z in document["zustaendigkeit"] if z[0] == order])

    def test_full_export_withdraws_what_no_longer_goes_out(self):
        self.age_catalog(self._export())
        self.service_trade.online_service_url = False
        full = self._export("full")
        document = self.export_document(full)
        self.assertEqual(
            document["loesche"], [("onlinedienstID", f"D{self.service_trade.id}")]
        )
        self.assertEqual(len(document["leistung"]), 2)
        self.assertNotIn(f"D{self.service_trade.id}", self._delivered())

    def test_delta_sends_what_was_never_delivered(self):
        self.age_catalog(self._export())
        # Published elsewhere (an import, a direct SQL fix): no write_date change.
        self.env.cr.execute(
            SQL(
                "UPDATE sc_service SET leika_key = %s WHERE id = %s",
                "99001001001000",
                self.service_no_key.id,
            )
        )
        self.env.invalidate_all()
        document = self.export_document(self._export("delta"))
        self.assertEqual(document["leistung"], [f"L{self.service_no_key.id}"])

    def test_service_of_an_archived_unit_is_skipped_and_withdrawn(self):
        self.age_catalog(self._export())
        self.service_residence.main_org_unit_id = self.unit_order
        self.unit_order.active = False
        delta = self._export("delta")
        self.assertIn(
            (self.service_residence, "no_responsible_unit"),
            {(skip.service_id, skip.reason) for skip in delta.skip_ids},
        )
        self.assertIn(
            ("leistungID", f"L{self.service_residence.id}"),
            self.export_document(delta)["loesche"],
        )

    def test_units_of_a_withdrawn_service_go_out_again(self):
        residence, kfz = self.service_residence.id, self.unit_kfz.id
        self.service_residence.main_org_unit_id = self.unit_order
        self.age_catalog(self._export())
        # Deleting its lead unit empties main_org_unit_id in SQL: the service
        # itself is not written, yet it is withdrawn and Kfz loses it.
        self.unit_order.unlink()
        document = self.export_document(self._export("delta"))
        self.assertIn(("leistungID", f"L{residence}"), document["loesche"])
        self.assertEqual(document["organisationseinheit"], [f"O{kfz}"])
        self.assertEqual(
            document["zustaendigkeit"], [(f"O{kfz}", f"L{self.service_trade.id}", ARS)]
        )

    def test_other_company_does_not_see_the_exports(self):
        self._export()
        other = (
            self.env["sc.xzufi.export"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=self.env.ref("base.main_company").ids)
        )
        self.manager.company_ids |= self.env.ref("base.main_company")
        self.assertFalse(other.search([("company_id", "=", self.company.id)]))

    def test_cron_starts_with_a_full_export_then_deltas(self):
        Export = self.env["sc.xzufi.export"].with_company(self.company)
        Export._cron_export()
        first = Export._sc_last_export(self.company)
        self.assertEqual((first.kind, first.trigger), ("full", "cron"))
        self.age_catalog(first)
        self.service_trade.name = "Gewerbe anmelden oder ummelden"
        Export._cron_export()
        second = Export._sc_last_export(self.company)
        self.assertEqual((second.kind, second.trigger), ("delta", "cron"))
        self.assertEqual(
            self.export_document(second)["leistung"], [f"L{self.service_trade.id}"]
        )

    @users("xzufi_manager")
    def test_wizard_exports_and_opens_the_log(self):
        wizard = (
            self.env["sc.xzufi.export.wizard"].with_company(self.company).create({})
        )
        action = wizard.action_export()
        export = self.env["sc.xzufi.export"].browse(action["res_id"])
        self.assertEqual(export.user_id, self.manager)
        self.assertEqual(export.skipped_count, 5)
        download = export.action_download()
        self.assertEqual(
            download["url"], f"/web/content/{export.attachment_id.id}?download=true"
        )
        self.age_catalog(export)
        wizard = self.env["sc.xzufi.export.wizard"].create({"mode": "delta"})
        self.assertEqual(wizard.last_export_date, export.export_date)
        with self.assertRaises(UserError):
            wizard.action_export()

    @users("xzufi_agent")
    def test_agent_may_not_export(self):
        with self.assertRaises(AccessError):
            self.env["sc.xzufi.export"]._sc_export("full", "manual", self.company)
        with self.assertRaises(AccessError):
            self.env["sc.xzufi.export.wizard"].create({})

    def test_export_needs_the_region_key(self):
        """No other district's key stands in for a missing one: the export stops
        with a German message, the scheduled export leaves the company out."""
        self.company.sc_xzufi_region_key = False
        Export = self.env["sc.xzufi.export"].with_company(self.company)
        german = self.company.with_context(lang="de_DE")
        with self.assertRaisesRegex(
            UserError, "Bitte tragen Sie vor dem XZuFi-Export den Regionalschlüssel"
        ):
            Export.with_context(lang="de_DE")._sc_export("full", "manual", german)
        Export._cron_export()
        self.assertFalse(Export._sc_last_export(self.company))

    def test_region_key_is_validated(self):
        for bad in ("16074", "170740000000", "160000000000", "16074000000x"):
            with self.subTest(key=bad), self.assertRaises(ValidationError):
                self.company.sc_xzufi_region_key = bad
        self.company.sc_xzufi_region_key = "160530000000"
        self.company.sc_xzufi_scheme_agency_id = "L100042"
        root = self.export_document(self._export())["root"]
        self.assertEqual(
            root.find(f".//{{{NS}}}leistung/{{{NS}}}id").get("schemeAgencyID"),
            "L100042",
        )
        self.assertEqual(root.findtext(f".//{{{NS}}}gebietID"), "160530000000")

    def test_settings_store_token_per_company(self):
        settings = (
            self.env["sc.settings"]
            .with_user(self.manager)
            .with_company(self.company)
            .create(
                {
                    "sc_xzufi_pull_token": "s3cret",
                    "sc_xzufi_region_key": "160740000000",
                    "sc_xzufi_pull_rate_limit": 30,
                }
            )
        )
        self.assertEqual(settings.company_id, self.company)
        self.assertEqual(self.company.sc_xzufi_pull_token, "s3cret")
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "sc_knowledge.rate_limit_xzufi_pull"
            ),
            "30",
        )
        self.assertFalse(self.env.ref("base.main_company").sc_xzufi_pull_token)
        self.assertTrue(
            settings.sc_xzufi_pull_url.endswith(f"/xzufi/{self.company.id}/index.txt")
        )

    @users("xzufi_manager")
    def test_online_service_link_must_be_a_web_address(self):
        service = self.service_trade.with_user(self.env.user)
        for bad in (
            "javascript:alert(1)",
            " JavaScript:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "mailto:gewerbe@example.org",
            "www.example.org/gewerbe",
            "https://",
            "https://example.org/ge werbe",
        ):
            with self.subTest(url=bad), self.assertRaises(ValidationError) as error:
                service.online_service_url = bad
            self.assertIn("https://", str(error.exception))
        service.online_service_url = " https://example.org/gewerbe-online "
        self.assertEqual(
            service.online_service_url, "https://example.org/gewerbe-online"
        )

    def test_export_never_emits_a_script_link(self):
        """An address stored before the check (or around it) is no onlinedienst:
        a full export leaves it out, a delta withdraws what was delivered."""
        full = self._export()
        self.assertEqual(
            self.export_document(full)["onlinedienst"], [f"D{self.service_trade.id}"]
        )
        self.age_catalog(full)
        self.env.cr.execute(
            SQL(
                "UPDATE sc_service SET online_service_url = %s WHERE id = %s",
                "javascript:alert(1)",
                self.service_trade.id,
            )
        )
        self.env.invalidate_all()
        delta = self._export("delta")
        self.assertEqual(
            self.export_document(delta)["loesche"],
            [("onlinedienstID", f"D{self.service_trade.id}")],
        )
        full = self._export()
        document = self.export_document(full)
        self.assertIn(f"L{self.service_trade.id}", document["leistung"])
        self.assertEqual(document["onlinedienst"], [])
        self.assertNotIn(b"javascript", full.attachment_id.raw)
