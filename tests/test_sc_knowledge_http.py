"""The catalog search answers over real HTTP JSON-RPC, as the demo agent."""

import requests

from tests.conftest import json_rpc


def _agent_session(odoo_url, database):
    session = requests.Session()
    json_rpc(
        odoo_url,
        "/web/session/authenticate",
        {"db": database, "login": "agent", "password": "agent"},
        session,
    )
    return session


def _call(odoo_url, session, method, args, kwargs=None):
    return json_rpc(
        odoo_url,
        f"/web/dataset/call_kw/sc.service/{method}",
        {"model": "sc.service", "method": method, "args": args, "kwargs": kwargs or {}},
        session,
    )


def test_search_catalog_over_rpc_ranks_demo_catalog(odoo_url, database):
    session = _agent_session(odoo_url, database)
    hits = _call(
        odoo_url, session, "search_catalog", ["führerschein verloren"], {"limit": 3}
    )
    assert hits[0]["name"].startswith("Verlust oder Diebstahl des Führerscheins")
    assert set(hits[0]) == {"id", "name", "leika_key", "score"}
    card = _call(odoo_url, session, "get_answer_card", [[hits[0]["id"]]])
    assert card["office"]["name"] == "Fahrerlaubnisbehörde"
    assert any("Passfoto" in document["name"] for document in card["documents"])


def test_demo_catalog_has_at_least_25_published_vehicle_and_licence_services(
    odoo_url, database
):
    session = _agent_session(odoo_url, database)
    count = _call(
        odoo_url,
        session,
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
