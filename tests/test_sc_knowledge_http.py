"""The catalog search answers over real HTTP JSON-RPC, as the demo agent."""

from tests.conftest import call_kw, login


def test_search_catalog_over_rpc_ranks_demo_catalog(odoo_url, database):
    session = login(odoo_url, database, "agent")
    hits = call_kw(
        odoo_url,
        session,
        "sc.service",
        "search_catalog",
        ["führerschein verloren"],
        limit=3,
    )
    assert hits[0]["name"].startswith("Verlust oder Diebstahl des Führerscheins")
    assert set(hits[0]) == {"id", "name", "leika_key", "score", "confident"}
    assert hits[0]["confident"]
    card = call_kw(
        odoo_url, session, "sc.service", "get_answer_card", [[hits[0]["id"]]]
    )
    assert card["office"]["name"] == "Fahrerlaubnisbehörde"
    assert any("Passfoto" in document["name"] for document in card["documents"])


def test_demo_catalog_has_at_least_25_published_vehicle_and_licence_services(
    odoo_url, database
):
    session = login(odoo_url, database, "agent")
    count = call_kw(
        odoo_url,
        session,
        "sc.service",
        "search_count",
        [
            [
                (
                    "main_org_unit_id.name",
                    "in",
                    ["Kfz-Zulassungsbehörde", "Fahrerlaubnisbehörde"],
                )
            ]
        ],
    )
    assert count >= 25
