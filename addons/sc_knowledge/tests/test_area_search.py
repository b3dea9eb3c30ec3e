from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

STATE = "160000000000"
DISTRICT = "160740000000"  # Saale-Holzland-Kreis
MUNICIPALITY = "160745012345"  # a municipality within it
OTHER_DISTRICT = "160610000000"  # Eichsfeld


@tagged("post_install", "-at_install")
class TestAreaSearch(BaseCommon):
    """An agent of the state narrows the catalog to a responsible area: the
    services with a unit in that area or in an area within it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, "sc_area_agent", groups="sc_knowledge.group_agent"
        )
        cls.manager = new_test_user(
            cls.env, "sc_area_manager", groups="sc_knowledge.group_manager"
        )
        units = cls.env["sc.org.unit"].with_user(cls.manager)
        cls.district = units.create(
            {"name": "Landratsamt Saale-Holzland", "sc_region_key": DISTRICT}
        )
        cls.town = units.create(
            {"name": "Stadtverwaltung Eisenberg", "sc_region_key": MUNICIPALITY}
        )
        cls.other = units.create(
            {"name": "Landratsamt Eichsfeld", "sc_region_key": OTHER_DISTRICT}
        )
        services = cls.env["sc.service"].with_user(cls.manager)

        def service(name, *units):
            return services.create(
                {
                    "name": name,
                    "state": "published",
                    "main_org_unit_id": units[0].id,
                    "org_unit_ids": [Command.set([unit.id for unit in units])],
                }
            )

        cls.waste = service("Sperrmüll anmelden", cls.district)
        cls.dog = service("Hund anmelden", cls.town)
        cls.trade = service("Gewerbe anmelden", cls.town, cls.other)
        cls.hunting = service("Jagdschein beantragen", cls.other)

    def found(self, key, query=None):
        services = self.env["sc.service"].with_user(self.agent)
        domain = services._sc_region_domain(key)
        if query:
            hits = services.search_catalog(query, limit=20, domain=domain)
            return services.browse([hit["id"] for hit in hits])
        return services.search(domain)

    def test_levels(self):
        """The state's key finds every unit of the state, a district's key the
        units of its municipalities too, a municipality's key only its own."""
        everything = self.waste | self.dog | self.trade | self.hunting
        self.assertEqual(self.found(STATE), everything)
        self.assertEqual(self.found(DISTRICT), self.waste | self.dog | self.trade)
        self.assertEqual(self.found(MUNICIPALITY), self.dog | self.trade)
        self.assertEqual(self.found(OTHER_DISTRICT), self.trade | self.hunting)
        self.assertFalse(self.found("150000000000"))
        self.assertFalse(self.found("1607"), "not a level of a regional key")
        everything_visible = self.env["sc.service"].with_user(self.agent).search([])
        self.assertEqual(self.found(""), everything_visible)

    def test_catalog_search_in_area(self):
        self.assertEqual(
            self.found(DISTRICT, "anmelden"), self.waste | self.dog | self.trade
        )
        self.assertEqual(self.found(MUNICIPALITY, "anmelden"), self.dog | self.trade)
        self.assertEqual(self.found(OTHER_DISTRICT, "jagdschein"), self.hunting)
        self.assertNotIn(self.waste, self.found(OTHER_DISTRICT, "sperrmüll anmelden"))

    def test_unit_moving_moves_its_services(self):
        self.town.with_user(self.manager).sc_region_key = "160610012345"
        self.assertEqual(self.found(DISTRICT), self.waste)
        self.assertEqual(
            self.found(OTHER_DISTRICT), self.dog | self.trade | self.hunting
        )
        self.town.with_user(self.manager).sc_region_key = False
        self.assertEqual(self.found(OTHER_DISTRICT), self.trade | self.hunting)
        self.assertEqual(self.found(STATE), self.waste | self.trade | self.hunting)

    def test_service_losing_a_unit_leaves_the_area(self):
        self.trade.with_user(self.manager).write(
            {
                "main_org_unit_id": self.other.id,
                "org_unit_ids": [Command.unlink(self.town.id)],
            }
        )
        self.assertEqual(self.found(MUNICIPALITY), self.dog)
        # Still in the district through no unit, in Eichsfeld through the other.
        self.assertEqual(self.found(DISTRICT), self.waste | self.dog)
        self.assertEqual(self.found(OTHER_DISTRICT), self.trade | self.hunting)
        self.trade.with_user(self.manager).org_unit_ids = [Command.link(self.town.id)]
        self.assertEqual(self.found(MUNICIPALITY), self.dog | self.trade)

    def test_archived_unit_and_deleted_service(self):
        self.other.with_user(self.manager).action_archive()
        self.assertFalse(self.found(OTHER_DISTRICT))
        self.other.with_user(self.manager).action_unarchive()
        self.assertEqual(self.found(OTHER_DISTRICT), self.trade | self.hunting)
        self.hunting.with_user(self.manager).unlink()
        self.assertEqual(self.found(OTHER_DISTRICT), self.trade)

    def test_area_of_a_service_reads_as_its_unit_key(self):
        service = self.trade.with_user(self.agent)
        self.assertEqual(service.sc_area_key, MUNICIPALITY)
