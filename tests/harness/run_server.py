"""`make run`: serve the suite with demo data on http://localhost:8069."""

import os
import signal
import subprocess
import sys

from . import env

DATABASE = os.environ.get("SC_DB", "servicecenter")
HTTP_PORT = int(os.environ.get("SC_HTTP_PORT", "8069"))
DEMO_LOGINS = [
    ("Servicecenter agent", "agent", "agent"),
    ("Department user (Fachamt)", "fachamt", "fachamt"),
    ("Servicecenter manager", "manager", "manager"),
    ("Administrator", "admin", "admin"),
]


def database_exists(db_settings, database):
    from .run_suite import pg_cli_args

    done = subprocess.run(
        [
            "psql",
            *pg_cli_args(db_settings),
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{database}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip() == "1"


def ensure_database(db_settings, database=DATABASE):
    """Create `database` with the four addons, German and demo data, once; an
    existing one is brought up to the current code (what `make i18n` exports
    and `make run` serves must be the code of the work tree)."""
    if database_exists(db_settings, database):
        env.log(f"Updating database {database} to the current code")
        install = ["-u", ",".join(env.ALL_ADDONS)]
    else:
        env.log(
            f"Creating database {database} with the Servicecenter addons and demo data"
        )
        install = ["-i", ",".join(env.ALL_ADDONS), "--load-language=de_DE"]
    subprocess.run(
        env.odoo_command(
            db_settings,
            "-d",
            database,
            *install,
            "--stop-after-init",
            "--log-level=warn",
        ),
        check=True,
    )
    return database


def main():
    env.require_odoo()
    env.install_python_requirements()
    db_settings, started_cluster = env.database_server()
    ensure_database(db_settings)
    print(
        f"\nServicecenter runs on http://localhost:{HTTP_PORT}/odoo "
        f"(database {DATABASE})"
    )
    for role, login, password in DEMO_LOGINS:
        print(f"  {role:28} login {login!r:12} password {password!r}")
    print("Stop with Ctrl-C.\n", flush=True)
    server = subprocess.Popen(
        env.odoo_command(
            db_settings,
            "-d",
            DATABASE,
            f"--http-port={HTTP_PORT}",
            f"--db-filter=^{DATABASE}$",
        )
    )
    try:
        server.wait()
    except KeyboardInterrupt:
        server.send_signal(signal.SIGINT)
        server.wait()
    finally:
        if started_cluster:
            env.stop_local_cluster()
    sys.exit(0)


if __name__ == "__main__":
    main()
