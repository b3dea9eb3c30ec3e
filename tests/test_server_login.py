"""The suite serves over HTTP and the demo users log in with JSON-RPC."""

import pytest
import requests

from tests.conftest import json_rpc


@pytest.mark.parametrize(
    "login, group",
    [
        ("agent", "sc_knowledge.group_agent"),
        ("fachamt", "sc_knowledge.group_department_user"),
        ("manager", "sc_knowledge.group_manager"),
    ],
)
def test_demo_user_logs_in(odoo_url, database, login, group):
    session = requests.Session()
    info = json_rpc(
        odoo_url,
        "/web/session/authenticate",
        {"db": database, "login": login, "password": login},
        session,
    )
    assert info["uid"]
    has_group = json_rpc(
        odoo_url,
        "/web/dataset/call_kw/res.users/has_group",
        {
            "model": "res.users",
            "method": "has_group",
            "args": [[info["uid"]], group],
            "kwargs": {},
        },
        session,
    )
    assert has_group is True


def test_wrong_password_is_refused(odoo_url, database):
    with pytest.raises(RuntimeError):
        json_rpc(
            odoo_url,
            "/web/session/authenticate",
            {"db": database, "login": "agent", "password": "wrong"},
        )
