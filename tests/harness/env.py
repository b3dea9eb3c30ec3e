"""Shared environment for `make run`, `make test` and the benchmarks.

Finds Odoo 18 (or installs it: see odoo_env), installs what this machine lacks
(Debian and PyPI packages) and provides a PostgreSQL server: the one configured
through the PG* variables, or a project-local cluster under `.run/` owned by a
non-root user.
"""

import getpass
import importlib.metadata
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import odoo_env
from .odoo_env import fail, log  # noqa: F401  (used by the entry points)

REPO = odoo_env.REPO
RUN_DIR = REPO / ".run"
ADDONS_DIR = REPO / "addons"
ALL_ADDONS = ["sc_knowledge", "sc_inquiry_sla", "sc_appointments", "sc_115_export"]
# SC_ADDONS=sc_inquiry_sla narrows a development run to some addons (and their deps).
SC_ADDONS = [a for a in os.environ.get("SC_ADDONS", "").split(",") if a] or ALL_ADDONS
REQUIREMENT_FILES = [REPO / "requirements.txt", REPO / "requirements-test.txt"]
LOCAL_PG_PORT = int(os.environ.get("SC_PG_PORT", "54329"))
LOCAL_PG_ROLE = "odoo"
PG_OS_USER = "postgres"
DEBIAN_PACKAGES = {
    # command or file that proves the package: Debian package name
    "chromium": "chromium",
    "msgmerge": "gettext",  # click-odoo-makepot checks and merges .po files with it
    "/usr/share/postgresql-common/pg_wrapper": "postgresql",
}


def require_odoo():
    """Odoo 18 for this process: the interpreter's own, or the one `ensure_odoo`
    finds or installs (it may re-execute the command under `.venv/bin/python`)."""
    odoo_env.ensure_odoo()


def odoo_addons_path():
    import odoo

    paths = [str(ADDONS_DIR)]
    core = Path(odoo.__file__).resolve().parent.parent / "addons"
    if (core / "web").is_dir():
        paths.append(str(core))
    return ",".join(paths)


def install_debian_packages():
    wanted = dict(DEBIAN_PACKAGES)
    if pg_is_configured():
        wanted = {probe: pkg for probe, pkg in wanted.items() if pkg != "postgresql"}
    odoo_env.install_debian_packages(wanted)


def _unmet_requirements(path):
    lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
    lines = [line for line in lines if line]
    try:
        from packaging.requirements import Requirement
    except ImportError:  # a bare interpreter: pip installs packaging with pytest
        return lines
    unmet = []
    for line in lines:
        requirement = Requirement(line)
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            unmet.append(line)
            continue
        if installed not in requirement.specifier:
            unmet.append(line)
    return unmet


def install_python_requirements(paths=REQUIREMENT_FILES):
    for path in paths:
        if path.exists() and _unmet_requirements(path):
            if not odoo_env.can_install_packages():
                odoo_env.use_venv_for_packages()
            log(f"Installing Python requirements from {path.name}")
            subprocess.run(
                [sys.executable, "-m", "pip", "install", "-q", "-r", str(path)],
                check=True,
            )


def pg_is_configured():
    return any(os.environ.get(var) for var in ("PGHOST", "PGPORT", "PGUSER"))


def _pg_bindir():
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if candidates:
        return candidates[0].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    fail("PostgreSQL server binaries (initdb, pg_ctl) not found.")


def _as_pg_user(cmd):
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam(PG_OS_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", PG_OS_USER], check=True
        )
    return ["runuser", "-u", PG_OS_USER, "--", *cmd]


def _pg_owner():
    return PG_OS_USER if os.geteuid() == 0 else getpass.getuser()


def start_local_cluster():
    """Start (and on first use create) the project-local PostgreSQL cluster."""
    bindir = _pg_bindir()
    data = RUN_DIR / "pgdata"
    sock = RUN_DIR / "pgsock"
    RUN_DIR.mkdir(exist_ok=True)
    sock.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(sock, user=_pg_owner())
    if not (data / "PG_VERSION").exists():
        log(f"Creating PostgreSQL cluster in {data}")
        data.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(data, user=_pg_owner())
        subprocess.run(
            _as_pg_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    _pg_owner(),
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    status = subprocess.run(
        _as_pg_user([str(bindir / "pg_ctl"), "-D", str(data), "status"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started_here = status.returncode != 0
    if started_here:
        options = (
            f"-k {sock} -p {LOCAL_PG_PORT} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        subprocess.run(
            _as_pg_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(data / "postgresql.log"),
                    "-w",
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    _ensure_role(sock)
    settings = {
        "db_host": str(sock),
        "db_port": str(LOCAL_PG_PORT),
        "db_user": LOCAL_PG_ROLE,
    }
    return settings, started_here


def _ensure_role(sock):
    role = LOCAL_PG_ROLE
    sql = (
        "DO $$ BEGIN IF NOT EXISTS "
        f"(SELECT FROM pg_roles WHERE rolname = '{role}') "
        f"THEN CREATE ROLE {role} LOGIN CREATEDB; END IF; END $$;"
    )
    for _attempt in range(20):
        done = subprocess.run(
            _as_pg_user(
                [
                    "psql",
                    "-q",
                    "-h",
                    str(sock),
                    "-p",
                    str(LOCAL_PG_PORT),
                    "-d",
                    "postgres",
                    "-c",
                    sql,
                ]
            ),
            stdout=subprocess.DEVNULL,
        )
        if done.returncode == 0:
            return
        time.sleep(0.5)
    fail("Could not create the PostgreSQL role for Odoo.")


def stop_local_cluster():
    data = RUN_DIR / "pgdata"
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_pg_user(
                [str(_pg_bindir() / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def database_settings():
    """Connection settings for Odoo: the configured server or the local cluster."""
    return database_server()[0]


def database_server():
    """(settings, started_here): started_here is True when this call started the
    local cluster, so that the caller may stop it again."""
    if pg_is_configured():
        settings = {
            "db_host": os.environ.get("PGHOST", ""),
            "db_port": os.environ.get("PGPORT", ""),
        }
        if os.environ.get("PGUSER"):
            settings["db_user"] = os.environ["PGUSER"]
        if os.environ.get("PGPASSWORD"):
            settings["db_password"] = os.environ["PGPASSWORD"]
        return {key: value for key, value in settings.items() if value}, False
    return start_local_cluster()


def odoo_command(db_settings, *args):
    options = [f"--{key}={value}" for key, value in db_settings.items()]
    return [
        sys.executable,
        "-m",
        "odoo",
        "server",
        f"--addons-path={odoo_addons_path()}",
        *options,
        *args,
    ]


def slug(text):
    return re.sub(r"[^a-z0-9_]", "_", text.lower())
