"""Suite-level tests run by `make test` against the freshly tested database."""

import contextlib
import os
import socket
import subprocess
import time

import pytest
import requests

from tests.harness import env

# What the suite's HTTP server logs (WARNING and above), for tests that check it.
SERVER_LOG = env.RUN_DIR / "test-server.log"


@pytest.fixture(scope="session")
def db_settings():
    raw = os.environ.get("SC_DB_SETTINGS")
    if raw is None:
        pytest.fail("Run the suite through `make test` (SC_DB_SETTINGS is not set).")
    return dict(item.split("=", 1) for item in raw.split(";") if item)


@pytest.fixture(scope="session")
def database():
    name = os.environ.get("SC_TEST_DB")
    if not name:
        pytest.fail("Run the suite through `make test` (SC_TEST_DB is not set).")
    return name


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(db_settings, database, *options, log_path=None, environ=None):
    """A real Odoo HTTP server on the tested database, on loopback; yields its
    URL. Its log goes to ``log_path`` (else nowhere)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env.RUN_DIR.mkdir(exist_ok=True)
    log_file = open(log_path, "w") if log_path else None
    server = subprocess.Popen(
        env.odoo_command(
            db_settings,
            "-d",
            database,
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            f"--db-filter=^{database}$",
            "--max-cron-threads=0",
            "--log-level=warn",
            *options,
        ),
        stdout=log_file or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, **(environ or {})),
    )
    try:
        _wait_until_up(url)
        yield url
    finally:
        server.terminate()
        server.wait(30)
        if log_file:
            log_file.close()


def _wait_until_up(url):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/web/health", timeout=2).ok:
                return
        except (requests.ConnectionError, requests.Timeout):
            # Refused while starting, or slow while the registry loads (>2 s on
            # a loaded machine): try again until the deadline.
            time.sleep(0.5)
    pytest.fail("Odoo did not start within 120 s")


@pytest.fixture(scope="session")
def odoo_url(db_settings, database):
    """A real Odoo HTTP server on the tested database, on loopback."""
    with running_server(db_settings, database, log_path=SERVER_LOG) as url:
        yield url


def server_log_since(offset):
    """What the server logged after byte ``offset`` of SERVER_LOG, as lines."""
    with open(SERVER_LOG, "rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace").splitlines()


@pytest.fixture(scope="session")
def proxied_server(db_settings, database):
    """A real Odoo server as deployed behind a reverse proxy (``--proxy-mode``:
    the client address comes from X-Forwarded-For when X-Forwarded-Host is
    set), with its log in a file: ``(url, log_path)``.

    Threaded like ``odoo_url``; ODOO_MAX_HTTP_THREADS keeps the threads within
    the connection pool, as Odoo advises for routes that open a second cursor
    (the rate limit counts in one of its own).
    """
    log_path = env.RUN_DIR / "proxied-server.log"
    with running_server(
        db_settings,
        database,
        "--proxy-mode",
        log_path=log_path,
        environ={"ODOO_MAX_HTTP_THREADS": "16"},
    ) as url:
        yield url, log_path


def json_rpc(url, route, params, session=None):
    """POST a JSON-RPC call and return its result (raises on an RPC error)."""
    response = (session or requests).post(
        f"{url}{route}",
        json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
        timeout=60,
    )
    response.raise_for_status()
    payload = response.json()
    if "error" in payload:
        raise RuntimeError(payload["error"]["data"]["message"])
    return payload["result"]


def login(url, database, login_and_password):
    """A requests session logged in as a demo user (whose password is the login)."""
    session = requests.Session()
    json_rpc(
        url,
        "/web/session/authenticate",
        {"db": database, "login": login_and_password, "password": login_and_password},
        session,
    )
    return session


def call_kw(url, session, model, method, args, **kwargs):
    """Call a model method over JSON-RPC as the session's user."""
    return json_rpc(
        url,
        f"/web/dataset/call_kw/{model}/{method}",
        {"model": model, "method": method, "args": args, "kwargs": kwargs},
        session,
    )
