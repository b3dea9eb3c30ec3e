"""Throwaway benchmark databases on the project's PostgreSQL, used in-process."""

import json
import subprocess
import sys
import time
from contextlib import contextmanager

from tests.harness import env


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _memory_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mb():
    """Resident memory of this process in MB."""
    return _memory_mb("VmRSS")


def report_result(result):
    """Print a benchmark child's figures for run_child, with its peak resident
    memory: the high-water mark of the child's own memory (VmHWM). The rusage
    that wait4 returns would carry the parent's peak: Python starts children
    with vfork and exec, and the kernel keeps the old peak across exec."""
    print(
        "RESULT " + json.dumps({**result, "peak_mb": _memory_mb("VmHWM")}),
        flush=True,
    )


def run_child(module, *args):
    """Run ``python3 -m <module> --child <args>`` in a fresh process and return
    the figures it reported (report_result)."""
    process = subprocess.run(
        [sys.executable, "-m", module, "--child", *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=env.REPO,
        check=False,
    )
    if process.returncode:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{process.stdout}")
    line = next(
        line for line in process.stdout.splitlines() if line.startswith("RESULT ")
    )
    return json.loads(line[len("RESULT ") :])


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
