"""Throwaway benchmark databases on the project's PostgreSQL, used in-process."""

import subprocess
import time
from contextlib import contextmanager

from tests.harness import env


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def rss_mb():
    """Resident memory of this process in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def fresh_database(name, addons, languages=()):
    """Create database `name` with `addons` installed (no demo data) and the
    given languages loaded."""
    env.require_odoo()
    settings = env.database_settings()
    from tests.harness.run_suite import drop_database

    drop_database(settings, name)
    started = time.monotonic()
    subprocess.run(
        env.odoo_command(
            settings,
            "-d",
            name,
            "-i",
            ",".join(addons),
            "--without-demo=all",
            *(f"--load-language={code}" for code in languages),
            "--stop-after-init",
            "--log-level=warn",
        ),
        check=True,
    )
    elapsed = time.monotonic() - started
    print(f"database {name} with {', '.join(addons)} ready in {elapsed:.0f} s")
    return settings


@contextmanager
def odoo_env(settings, name):
    """An Odoo environment (superuser) on database `name`, committed on exit."""
    import odoo
    from odoo.tools import config

    config.parse_config(
        [f"--addons-path={env.odoo_addons_path()}", "--log-level=warn"]
        + [f"--{key}={value}" for key, value in settings.items()]
    )
    registry = odoo.modules.registry.Registry(name)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
