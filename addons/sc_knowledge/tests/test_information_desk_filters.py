from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInformationDeskFilters(HttpCase):
    """An agent of the state narrows the information desk to a unit or an area:
    the desk passes them to search_catalog as a domain."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "sc_desk_area",
            password="sc_desk_area_pw",
            groups="sc_knowledge.group_agent",
            lang="de_DE",
        )
        units = cls.env["sc.org.unit"]
        cls.eisenberg = units.create(
            {"name": "Steueramt Eisenberg", "sc_region_key": "160745012345"}
        )
        cls.eichsfeld = units.create(
            {"name": "Steueramt Eichsfeld", "sc_region_key": "160610000000"}
        )
        keyword = cls.env["sc.service.keyword"].create({"name": "Hund anmelden"})
        cls.services = {}
        for unit, place in ((cls.eisenberg, "Eisenberg"), (cls.eichsfeld, "Eichsfeld")):
            cls.services[place] = cls.env["sc.service"].create(
                {
                    "name": f"Hundesteuer {place}",
                    "state": "published",
                    "main_org_unit_id": unit.id,
                    "keyword_ids": [Command.link(keyword.id)],
                }
            )

    def _call(self, model, method, args, kwargs):
        # as the web client calls: with the user's language in the context
        kwargs = {**kwargs, "context": {"lang": "de_DE"}}
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def _desk_search(self, domain):
        hits = self._call(
            "sc.service",
            "search_catalog",
            ["Hund anmelden"],
            {"limit": 10, "domain": domain},
        )
        return {hit["name"] for hit in hits}

    def test_rpc_with_unit_and_area(self):
        self.authenticate("sc_desk_area", "sc_desk_area_pw")
        both = {"Hundesteuer Eisenberg", "Hundesteuer Eichsfeld"}
        self.assertTrue(both <= self._desk_search([]))
        self.assertEqual(
            self._desk_search([["sc_area_key", "=", "160740000000"]]),
            {"Hundesteuer Eisenberg"},
        )
        self.assertEqual(
            self._desk_search([["sc_area_key", "=", "160000000000"]]) & both, both
        )
        self.assertEqual(
            self._desk_search([["org_unit_ids", "in", [self.eichsfeld.id]]]),
            {"Hundesteuer Eichsfeld"},
        )
        options = self._call("sc.org.unit", "get_area_options", [], {})
        labels = {option["key"]: option["label"] for option in options}
        self.assertEqual(
            labels["160000000000"], "160000000000 – Thüringen (ganzes Land)"
        )
        self.assertIn("Steueramt Eichsfeld", labels["160610000000"])

    def test_tour_filters_by_area_and_unit(self):
        self.start_tour(
            "/odoo/action-sc_knowledge.information_desk_action",
            "sc_knowledge_information_desk_area_tour",
            login="sc_desk_area",
        )
