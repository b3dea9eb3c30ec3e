from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user
from odoo.tools import SQL

from odoo.addons.base.tests.common import BaseCommon


class TwoCompaniesMixin:
    """Company A (the test's company), a second company B, one user of the
    given groups in each, and one user allowed in both."""

    @classmethod
    def _setup_two_companies(cls, groups="sc_knowledge.group_agent", prefix="sc_mc"):
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "Landratsamt Nachbarkreis"}
        )

        def user(suffix, companies):
            return new_test_user(
                cls.env,
                f"{prefix}_{suffix}",
                groups=groups,
                company_id=companies[:1].id,
                company_ids=[Command.set(companies.ids)],
            )

        cls.user_a = user("a", cls.company_a)
        cls.user_b = user("b", cls.company_b)
        cls.user_ab = user("ab", cls.company_a | cls.company_b)

    def _as(self, user, records, companies=None):
        """records as user, with the given companies (default: all of the
        user's) selected, as the web client sends them."""
        companies = companies or user.company_ids
        return records.with_user(user).with_context(allowed_company_ids=companies.ids)

    def assertCompaniesSeparated(self, record_a, record_b, field="name"):
        """The user of each company finds and reads only its own record; the
        user of both companies sees both with both selected, and only A's with
        A selected."""
        both = record_a | record_b
        for user, own, foreign in (
            (self.user_a, record_a, record_b),
            (self.user_b, record_b, record_a),
        ):
            found = self._as(user, both.browse()).search([("id", "in", both.ids)])
            self.assertEqual(found, own, user.login)
            self._as(user, own).read([field])
            with self.assertRaises(AccessError, msg=user.login):
                self._as(user, foreign).read([field])
        found = self._as(self.user_ab, both.browse()).search([("id", "in", both.ids)])
        self.assertEqual(found, both)
        self._as(self.user_ab, both).read([field])
        only_a = self._as(self.user_ab, both.browse(), self.company_a)
        self.assertEqual(only_a.search([("id", "in", both.ids)]), record_a)


class CatalogCommon(BaseCommon):
    """A small catalog of its own, independent of demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "sc_agent",
            groups="sc_knowledge.group_agent",
            email="agent@example.com",
        )
        cls.manager = new_test_user(
            cls.env, "sc_manager", groups="sc_knowledge.group_manager"
        )
        cls.department_user = new_test_user(
            cls.env, "sc_department", groups="sc_knowledge.group_department_user"
        )
        units = cls.env["sc.org.unit"]
        cls.unit_vehicles = units.create(
            {
                "name": "Zulassungsstelle Test",
                "forward_email": "kfz@example.com",
                "visiting_hours": "Mo–Fr 8–12 Uhr",
                "member_ids": [(4, cls.department_user.id)],
                "partner_id": cls.env["res.partner"]
                .create(
                    {
                        "name": "Zulassungsstelle Test",
                        "street": "Claussstraße 2",
                        "zip": "07607",
                        "city": "Eisenberg",
                        "phone": "+49 36691 70500",
                    }
                )
                .id,
            }
        )
        cls.unit_licences = units.create({"name": "Führerscheinstelle Test"})
        cls.services = {}
        for key, name, unit, keywords, summary in cls._catalog():
            cls.services[key] = cls.env["sc.service"].create(
                {
                    "name": name,
                    "main_org_unit_id": unit.id,
                    "summary": summary,
                    "state": "published",
                    "keyword_ids": [
                        (4, cls._keyword(keyword).id) for keyword in keywords
                    ],
                }
            )

        cls.catalog = cls.env["sc.service"].browse(s.id for s in cls.services.values())

    def search_test_catalog(self, query, limit=3, **kwargs):
        """search_catalog restricted to this test's services (demo data may exist)."""
        domain = [("id", "in", self.catalog.ids)]
        return self.env["sc.service"].search_catalog(
            query, limit, domain=domain, **kwargs
        )

    @classmethod
    def _keyword(cls, name):
        keywords = cls.env["sc.service.keyword"]
        return keywords.search([("name", "=", name)]) or keywords.create({"name": name})

    @classmethod
    def _catalog(cls):
        vehicles, licences = cls.unit_vehicles, cls.unit_licences
        return [
            (
                "registration",
                "Neuzulassung eines Fahrzeugs",
                vehicles,
                ["Auto anmelden", "Neuwagen"],
                "Ein Fahrzeug erstmals zulassen.",
            ),
            (
                "transfer",
                "Umschreibung eines Fahrzeugs",
                vehicles,
                ["Gebrauchtwagen", "ummelden"],
                "Halterwechsel nach dem Kauf.",
            ),
            (
                "deregistration",
                "Außerbetriebsetzung eines Fahrzeugs",
                vehicles,
                ["Auto abmelden", "stilllegen"],
                "Abmeldung eines Fahrzeugs.",
            ),
            (
                "custom_plate",
                "Wunschkennzeichen reservieren",
                vehicles,
                ["Nummernschild", "Wunschnummer"],
                "Freie Kombination reservieren.",
            ),
            (
                "season_plate",
                "Saisonkennzeichen beantragen",
                vehicles,
                ["Motorrad Sommer"],
                "Zulassung nur für einige Monate.",
            ),
            (
                "first_licence",
                "Ersterteilung der Fahrerlaubnis",
                licences,
                ["Führerschein machen", "Fahrschule"],
                "Erster Führerschein.",
            ),
            (
                "card_licence",
                "Umtausch in den Kartenführerschein",
                licences,
                ["rosa Führerschein", "Pflichtumtausch"],
                "Alte Führerscheine umtauschen.",
            ),
            (
                "lost_licence",
                "Verlust oder Diebstahl des Führerscheins",
                licences,
                ["Führerschein verloren", "Führerschein gestohlen"],
                "Ersatzführerschein.",
            ),
            (
                "international",
                "Internationaler Führerschein",
                licences,
                ["Ausland", "USA"],
                "Für Fahrten außerhalb der EU.",
            ),
            (
                "accompanied",
                "Begleitetes Fahren ab 17",
                licences,
                ["BF17"],
                "Führerschein mit 17 Jahren.",
            ),
        ]


# English phrases of Odoo's and OCA's mails that must never reach a citizen or
# an office, and traces of template code.
FORBIDDEN_IN_MAILS = (
    "Hello",
    "Dear",
    "has been closed",
    "Kind regards",
    "Your inquiry",
    "Powered by",
    "Unfollow",
    "Your ",
    "{{",
    "object.",
    "t-out",
)


class AuthorityMailMixin:
    """Checks of a mail as its reader sees it: German, in the authority's
    layout, no template code, no English of Odoo or OCA."""

    @classmethod
    def _setup_authority_company(cls):
        """The company whose name and address the mails must carry."""
        cls.env.company.write(
            {
                "name": "Landratsamt Testkreis",
                "street": "Im Schloss",
                "zip": "07607",
                "city": "Eisenberg",
            }
        )

    def assertAuthorityMail(self, mail, company):
        self.assertIn("Mit freundlichen Grüßen", mail.body_html, mail.subject)
        self.assertIn(company.name, mail.body_html, mail.subject)
        self.assertIn(company.city, mail.body_html, mail.subject)
        self.assertAuthorityMailLayout(mail)

    def assertAuthorityMailLayout(self, mail):
        text = f"{mail.subject}\n{mail.body_html}"
        for phrase in FORBIDDEN_IN_MAILS:
            self.assertNotIn(phrase, text, f"{phrase!r} in mail {mail.subject!r}")
        self.assertIn("o_sc_company_name", mail.body_html, mail.subject)

    def assertEveryTemplateGerman(self, module, record_by_model):
        """Send every mail template of ``module`` for the record of its model
        and check the outgoing mail; return the templates checked."""
        templates = self.env["mail.template"].search(
            [
                (
                    "id",
                    "in",
                    self.env["ir.model.data"]
                    .search([("module", "=", module), ("model", "=", "mail.template")])
                    .mapped("res_id"),
                )
            ]
        )
        self.assertTrue(templates, module)
        for template in templates:
            record = record_by_model[template.model]
            mail = self.env["mail.mail"].browse(
                template.send_mail(
                    record.id, email_layout_xmlid=template.email_layout_xmlid
                )
            )
            self.assertEqual(
                template.email_layout_xmlid, "sc_knowledge.mail_layout_authority"
            )
            company = record["company_id"] if "company_id" in record else None
            self.assertAuthorityMail(mail, company or self.env.company)
        return templates


class PersonalDataMixin:
    """Where personal data is left: every text, varchar and jsonb column of
    every table of the database, read with SQL (a test may)."""

    def run_odoo_clean_ups(self):
        """Odoo's own periodic clean-ups of what it keeps only for a while,
        as they run after an erasure: live notifications (bus.bus, after 100
        seconds) and the records of dialogs (transient models, after an
        hour; the database's clock decides)."""
        with freeze_time(datetime.now() + timedelta(hours=1)):
            self.env["bus.bus"].sudo()._gc_messages()
        self.env.flush_all()
        for model in self.env.registry.values():
            if model._transient:
                # the test's transaction is younger than an hour: age its rows
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET write_date = write_date - interval '2 hours'",
                        SQL.identifier(model._table),
                    )
                )
                self.env[model._name].sudo()._transient_vacuum()

    def personal_data_found(self, *needles):
        """["table.column", ...] of the columns holding any of ``needles``
        (case-insensitive)."""
        self.env.flush_all()
        self.env.cr.flush()
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.table_name, c.column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema()
               AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('text', 'character varying', 'jsonb')
             ORDER BY 1, 2
            """
        )
        patterns = [f"%{needle}%" for needle in needles]
        found = []
        for table, column in cr.fetchall():
            cr.execute(
                SQL(
                    "SELECT 1 FROM %s WHERE %s::text ILIKE ANY(%s) LIMIT 1",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    patterns,
                )
            )
            if cr.fetchone():
                found.append(f"{table}.{column}")
        return found
