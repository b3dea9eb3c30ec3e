"""The PVOG-style pull endpoint of sc_115_export over real HTTP, read with curl.

A manager exports the catalog through the wizard (JSON-RPC); curl then reads
/xzufi/index.txt and every file listed in it, and each file is parsed back
through the addon's XZuFi contract test. A second company with its own token
and export checks that each company's base URL /xzufi/<company id>/ serves
only its own files, and that another company's token gets the same 401 as a
wrong one. Guessing is rate-limited (429 with Retry-After) and hostile
requests get German plain text, never a 500 or an ERROR line in the server log.
Tests that count requests send them from their own loopback address
(curl --interface), so that the limit of one test never touches another.
"""

import importlib.util
import re
import subprocess
from datetime import date

import pytest

import odoo.addons

from tests.conftest import SERVER_LOG, call_kw, login, server_log_since
from tests.harness import env

TOKEN = "pvog-abruf-7f3a"
OTHER_TOKEN = "pvog-zweitkreis-91c2"
LIMIT_PARAM = "sc_knowledge.rate_limit_xzufi_pull"
# Client addresses of their own (all of 127/8 is loopback on Linux).
GUESSER = "127.0.0.2"
HOSTILE_CLIENT = "127.0.0.3"
OTHER_CLIENT = "127.0.0.4"


def _contract():
    for addons in env.odoo_addons_path().split(","):
        if addons not in odoo.addons.__path__:
            odoo.addons.__path__.append(addons)
    path = env.ADDONS_DIR / "sc_115_export" / "tests" / "xzufi_contract.py"
    spec = importlib.util.spec_from_file_location("sc_115_export_contract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _request(url, *args):
    """GET url with curl; returns (HTTP status, headers, body bytes)."""
    done = subprocess.run(
        ["curl", "-sS", "-i", "--max-time", "60", "-w", "\n%{http_code}", *args, url],
        capture_output=True,
        check=True,
    )
    response, _sep, status = done.stdout.rpartition(b"\n")
    head, _sep, body = response.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").splitlines()[1:]:
        name, _sep, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status), headers, body


def _curl(url, *args):
    """GET url with curl; returns (HTTP status, body bytes)."""
    status, _headers, body = _request(url, *args)
    return status, body


def _bearer(token):
    return ("-H", f"Authorization: Bearer {token}")


def _call(url, session, model, method, *args, **kwargs):
    return call_kw(url, session, model, method, list(args), **kwargs)


def _set_token(url, session, company_id, token):
    _call(
        url,
        session,
        "res.company",
        "write",
        [company_id],
        {"sc_xzufi_pull_token": token},
    )


def _wizard_export(url, session, context=None):
    kwargs = {"context": context} if context else {}
    wizard_id = _call(
        url, session, "sc.xzufi.export.wizard", "create", {"mode": "full"}, **kwargs
    )
    action = _call(
        url, session, "sc.xzufi.export.wizard", "action_export", [wizard_id], **kwargs
    )
    [record] = _call(
        url,
        session,
        "sc.xzufi.export",
        "read",
        [action["res_id"]],
        ["file_name", "service_count", "org_unit_count", "kind", "company_id"],
        **kwargs,
    )
    record["company_id"] = record["company_id"][0]
    return record


@pytest.fixture(scope="module")
def export(odoo_url, database):
    """A full export of the default company made by the demo manager."""
    return _wizard_export(odoo_url, login(odoo_url, database, "manager"))


@pytest.fixture(scope="module")
def other_export(odoo_url, database):
    """A second district (company) with its own catalog, token and export."""
    admin = login(odoo_url, database, "admin")
    company_id = _call(
        odoo_url,
        admin,
        "res.company",
        "create",
        {
            "name": "Landratsamt Zweitkreis",
            "sc_xzufi_pull_token": OTHER_TOKEN,
            "sc_xzufi_region_key": "160530000000",
        },
    )
    context = {"allowed_company_ids": [company_id]}
    unit_id = _call(
        odoo_url,
        admin,
        "sc.org.unit",
        "create",
        {"name": "Bürgerbüro Zweitkreis", "company_id": company_id},
        context=context,
    )
    _call(
        odoo_url,
        admin,
        "sc.service",
        "create",
        {
            "name": "Hundesteuer anmelden (Zweitkreis)",
            "leika_key": "99102013104000",
            "description": "<p>Nur im Zweitkreis.</p>",
            "state": "published",
            "main_org_unit_id": unit_id,
            "org_unit_ids": [[6, 0, [unit_id]]],
            "company_id": company_id,
            "last_review_date": date.today().isoformat(),
        },
        context=context,
    )
    record = _wizard_export(odoo_url, admin, context)
    assert record["company_id"] == company_id
    return record


@pytest.fixture
def admin(odoo_url, database, export):
    session = login(odoo_url, database, "admin")
    yield session
    _set_token(odoo_url, session, export["company_id"], False)


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
    # The default company's files are also under its own base URL.
    status, same = _curl(f"{odoo_url}/xzufi/{export['company_id']}/index.txt")
    assert (status, same) == (200, index)


def test_unknown_file_is_not_found(odoo_url, export):
    status, _body = _curl(f"{odoo_url}/xzufi/xzufi_full_19990101T000000_1.xml")
    assert status == 404
    status, _body = _curl(f"{odoo_url}/xzufi/..%2F..%2Fetc%2Fpasswd")
    assert status == 404
    status, _body = _curl(f"{odoo_url}/xzufi/987654321/index.txt")
    assert status == 404


def test_token_protects_index_and_files(odoo_url, export, admin):
    _set_token(odoo_url, admin, export["company_id"], TOKEN)
    index_url = f"{odoo_url}/xzufi/index.txt"
    file_url = f"{odoo_url}/xzufi/{export['file_name']}"
    assert _curl(index_url)[0] == 401
    assert _curl(file_url)[0] == 401
    assert _curl(index_url, *_bearer("wrong"))[0] == 401
    status, index = _curl(index_url, *_bearer(TOKEN))
    assert status == 200
    assert export["file_name"] in index.decode().split()
    status, data = _curl(f"{file_url}?token={TOKEN}")
    assert status == 200
    _contract().check_document(data)


def test_each_company_has_its_own_files_and_token(
    odoo_url, export, other_export, admin
):
    _set_token(odoo_url, admin, export["company_id"], TOKEN)
    base = f"{odoo_url}/xzufi/{other_export['company_id']}"
    assert _curl(f"{base}/index.txt")[0] == 401
    status, index = _curl(f"{base}/index.txt", *_bearer(OTHER_TOKEN))
    assert status == 200
    assert index.decode().split() == [other_export["file_name"]]
    status, data = _curl(f"{base}/{other_export['file_name']}?token={OTHER_TOKEN}")
    assert status == 200
    document = _contract().check_document(data)
    assert len(document["leistung"]) == other_export["service_count"] == 1
    # The default company's index does not list the other district's file.
    status, default_index = _curl(f"{odoo_url}/xzufi/index.txt", *_bearer(TOKEN))
    assert status == 200
    assert other_export["file_name"] not in default_index.decode().split()


def test_cross_company_requests_are_refused(odoo_url, export, other_export, admin):
    _set_token(odoo_url, admin, export["company_id"], TOKEN)
    own = f"{odoo_url}/xzufi/{export['company_id']}"
    other = f"{odoo_url}/xzufi/{other_export['company_id']}"
    # A valid token, but of another company: answered exactly as a wrong one,
    # so that a guess never learns that it hit some company's token.
    wrong = _request(f"{own}/index.txt", *_bearer("falsch"))
    assert wrong[0] == 401
    assert wrong[1]["www-authenticate"] == 'Bearer realm="xzufi"'
    assert "Zugriff verweigert" in wrong[2].decode()
    for url, token in (
        (f"{other}/index.txt", TOKEN),
        (f"{own}/index.txt", OTHER_TOKEN),
        (f"{odoo_url}/xzufi/index.txt", OTHER_TOKEN),
        (f"{other}/{other_export['file_name']}", TOKEN),
    ):
        status, headers, body = _request(url, *_bearer(token))
        assert (status, headers["www-authenticate"], body) == (
            401,
            wrong[1]["www-authenticate"],
            wrong[2],
        ), url
    # A file of one company is not found under the other company's base URL.
    assert _curl(f"{own}/{other_export['file_name']}", *_bearer(TOKEN))[0] == 404
    assert (
        _curl(f"{odoo_url}/xzufi/{other_export['file_name']}", *_bearer(TOKEN))[0]
        == 404
    )
    assert _curl(f"{other}/{export['file_name']}", *_bearer(OTHER_TOKEN))[0] == 404


@pytest.fixture
def pull_limit(odoo_url, database):
    """Set the pull rate limit for one test; the previous value comes back."""
    admin = login(odoo_url, database, "admin")
    before = _call(odoo_url, admin, "ir.config_parameter", "get_param", LIMIT_PARAM)

    def set_limit(limit):
        _call(odoo_url, admin, "ir.config_parameter", "set_param", LIMIT_PARAM, limit)

    yield set_limit
    set_limit(before or False)


def test_guesses_over_the_limit_get_429_with_retry_after(
    odoo_url, export, admin, pull_limit
):
    _set_token(odoo_url, admin, export["company_id"], TOKEN)
    pull_limit(3)
    index = f"{odoo_url}/xzufi/{export['company_id']}/index.txt"
    for guess in range(3):
        status, _body = _curl(index, "--interface", GUESSER, *_bearer(f"rate-{guess}"))
        assert status == 401
    # The fourth request waits, with the right token too.
    for token in ("rate-3", TOKEN):
        status, headers, body = _request(index, "--interface", GUESSER, *_bearer(token))
        assert status == 429
        retry_after = int(headers["retry-after"])
        assert 0 < retry_after <= 600
        assert headers["content-type"] == "text/plain; charset=utf-8"
        assert body.decode() == (
            "Zu viele Anfragen von Ihrer Adresse. Bitte versuchen Sie es in "
            f"{retry_after} Sekunden erneut.\n"
        )
    # Another client is not held back.
    assert _curl(index, "--interface", OTHER_CLIENT, *_bearer(TOKEN))[0] == 200


def test_hostile_requests_get_german_plain_text_and_leave_no_error(
    odoo_url, export, admin
):
    _set_token(odoo_url, admin, export["company_id"], TOKEN)
    base = f"{odoo_url}/xzufi/{export['company_id']}"
    index = f"{base}/index.txt"
    long_token = "x" * 60_000
    hostile = [
        (f"{odoo_url}/xzufi/{2**31}/index.txt", (), 404),
        (f"{odoo_url}/xzufi/99999999999999999999999/index.txt", (), 404),
        (f"{odoo_url}/xzufi/-1/index.txt", (), 404),
        (f"{odoo_url}/xzufi/%EF%BC%91/index.txt", (), 404),
        (f"{odoo_url}/xzufi/%00/index.txt", (), 404),
        (f"{odoo_url}/xzufi/../../etc/passwd", ("--path-as-is",), 404),
        (f"{odoo_url}/xzufi/..%2F..%2Fetc%2Fpasswd", (), 404),
        (f"{base}/..%2F..%2Findex.txt", _bearer(TOKEN), 404),
        (f"{base}/index.txt%00", _bearer(TOKEN), 404),
        (f"{base}/{'a' * 5000}.xml", _bearer(TOKEN), 404),
        (f"{index}?token=%00", (), 401),
        (f"{index}?token=%FF%FE", (), 401),
        (f"{index}?token={long_token}", (), 401),
        (index, _bearer(long_token), 401),
        (index, _bearer("\x01\x1b\x7f\u00e4"), 401),
        (index, ("-H", "Authorization: Basic Zm9vOmJhcg=="), 401),
        (f"{index}?token=a&token=b", (), 400),
        (f"{index}?token={TOKEN}", _bearer(TOKEN), 400),
    ]
    offset = SERVER_LOG.stat().st_size
    for url, args, expected in hostile:
        status, headers, body = _request(url, "--interface", HOSTILE_CLIENT, *args)
        assert status == expected, url[:100]
        assert headers["content-type"] == "text/plain; charset=utf-8", url[:100]
        assert body.decode().startswith(
            ("Nicht gefunden", "Zugriff verweigert", "Bitte senden")
        ), body[:200]
    problems = [
        line
        for line in server_log_since(offset)
        if re.search(r" (ERROR|CRITICAL|WARNING) ", line)
    ]
    assert problems == []
