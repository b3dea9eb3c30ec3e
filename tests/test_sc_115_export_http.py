"""The PVOG-style pull endpoint of sc_115_export over real HTTP, read with curl.

A manager exports the catalog through the wizard (JSON-RPC); curl then reads
/xzufi/index.txt and every file listed in it, and each file is parsed back
through the addon's XZuFi contract test.
"""

import importlib.util
import subprocess

import pytest

import odoo.addons

from tests.conftest import call_kw, login
from tests.harness import env

TOKEN = "pvog-abruf-7f3a"
TOKEN_PARAMETER = "sc_115_export.pull_token"


def _contract():
    addons = str(env.ADDONS_DIR)
    if addons not in odoo.addons.__path__:
        odoo.addons.__path__.append(addons)
    path = env.ADDONS_DIR / "sc_115_export" / "tests" / "xzufi_contract.py"
    spec = importlib.util.spec_from_file_location("sc_115_export_contract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _curl(url, *args):
    """GET url with curl; returns (HTTP status, body bytes)."""
    done = subprocess.run(
        ["curl", "-sS", "--max-time", "60", "-w", "\n%{http_code}", *args, url],
        capture_output=True,
        check=True,
    )
    body, _sep, status = done.stdout.rpartition(b"\n")
    return int(status), body


def _call(url, session, model, method, *args, **kwargs):
    return call_kw(url, session, model, method, list(args), **kwargs)


def _set_token(url, session, token):
    _call(url, session, "ir.config_parameter", "set_param", TOKEN_PARAMETER, token)


@pytest.fixture(scope="module")
def export(odoo_url, database):
    """A full export made by the demo manager through the wizard."""
    session = login(odoo_url, database, "manager")
    wizard_id = _call(
        odoo_url, session, "sc.xzufi.export.wizard", "create", {"mode": "full"}
    )
    action = _call(
        odoo_url, session, "sc.xzufi.export.wizard", "action_export", [wizard_id]
    )
    [record] = _call(
        odoo_url,
        session,
        "sc.xzufi.export",
        "read",
        [action["res_id"]],
        ["file_name", "service_count", "org_unit_count", "kind"],
    )
    return record


@pytest.fixture
def admin(odoo_url, database):
    session = login(odoo_url, database, "admin")
    yield session
    _call(
        odoo_url,
        session,
        "ir.config_parameter",
        "set_param",
        "sc_115_export.pull_token",
        "",
    )


def test_index_lists_the_export_and_every_file_passes_the_contract(odoo_url, export):
    status, index = _curl(f"{odoo_url}/xzufi/index.txt")
    assert status == 200
    names = index.decode().split()
    assert names[0] == export["file_name"]
    assert export["kind"] == "full"
    contract = _contract()
    for name in names:
        status, data = _curl(f"{odoo_url}/xzufi/{name}")
        assert status == 200, name
        document = contract.check_document(data)
        if name == export["file_name"]:
            assert len(document["leistung"]) == export["service_count"]
            assert len(document["organisationseinheit"]) == export["org_unit_count"]


def test_unknown_file_is_not_found(odoo_url, export):
    status, _body = _curl(f"{odoo_url}/xzufi/xzufi_full_19990101T000000_1.xml")
    assert status == 404
    status, _body = _curl(f"{odoo_url}/xzufi/..%2F..%2Fetc%2Fpasswd")
    assert status == 404


def test_token_protects_index_and_files(odoo_url, export, admin):
    _call(
        odoo_url,
        admin,
        "ir.config_parameter",
        "set_param",
        "sc_115_export.pull_token",
        TOKEN,
    )
    index_url = f"{odoo_url}/xzufi/index.txt"
    file_url = f"{odoo_url}/xzufi/{export['file_name']}"
    assert _curl(index_url)[0] == 401
    assert _curl(file_url)[0] == 401
    assert _curl(index_url, "-H", "Authorization: Bearer wrong")[0] == 401
    status, index = _curl(index_url, "-H", f"Authorization: Bearer {TOKEN}")
    assert status == 200
    assert export["file_name"] in index.decode().split()
    status, data = _curl(f"{file_url}?token={TOKEN}")
    assert status == 200
    _contract().check_document(data)
