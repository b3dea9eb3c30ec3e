"""`make lint`: ruff and the mandatory pylint-odoo checks on our addons."""

import subprocess
import sys

from . import env


def pylint_mandatory():
    addons = [str(env.ADDONS_DIR / addon) for addon in env.ALL_ADDONS]
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pylint",
            f"--rcfile={env.REPO / '.pylintrc-mandatory'}",
            *addons,
        ],
        cwd=env.REPO,
    ).returncode


def ruff():
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "addons", "tests", "bench"],
        cwd=env.REPO,
    ).returncode


def main():
    env.require_odoo()
    env.install_python_requirements()
    results = {"ruff": ruff(), "pylint-odoo (mandatory)": pylint_mandatory()}
    for name, code in results.items():
        print(f"{name}: {'clean' if code == 0 else 'FAILED'}")
    sys.exit(1 if any(results.values()) else 0)


if __name__ == "__main__":
    main()
