"""`make test`: install what is missing, test every sc_* addon on a fresh database.

Steps: Odoo 18 check, Debian/PyPI installs, PostgreSQL, a fresh database with all
four addons installed under --test-enable (at_install and post_install tests of
our addons), a log gate (ERROR, unlisted WARNING, skipped tours), then the
suite-level pytest tests in tests/ (translations, lint, HTTP) against that
database. The last line printed is `N passed, N failed, N skipped`.
"""

import os
import re
import subprocess
import sys
import time

from . import env

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)
SUMMARY = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
SKIPPED = re.compile(r"skipped (?P<test>.*?) : (?P<reason>.*)")
TOUR_SKIP_REASONS = re.compile(r"chrome|websocket", re.IGNORECASE)
ALLOWLIST_FILE = env.REPO / "tests" / "log_allowlist.txt"
TEST_HTTP_PORT = int(os.environ.get("SC_TEST_HTTP_PORT", "8169"))


def load_allowlist():
    patterns = []
    for line in ALLOWLIST_FILE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(re.compile(line))
    return patterns


class LogGate:
    """Reads Odoo's log and keeps what decides the verdict."""

    def __init__(self, allowlist):
        self.allowlist = allowlist
        self.problems = []
        self.skipped = 0
        self.summary = None

    def feed(self, line):
        match = LOG_LINE.match(line)
        if not match:
            return
        level, msg = match["level"], match["msg"]
        if summary := SUMMARY.search(msg):
            self.summary = tuple(int(group) for group in summary.groups())
        if skipped := SKIPPED.match(msg):
            self.skipped += 1
            if TOUR_SKIP_REASONS.search(skipped["reason"]):
                self.problems.append(f"browser tour skipped: {msg}")
        if level in ("ERROR", "CRITICAL"):
            self.problems.append(line.rstrip())
        elif level == "WARNING" and not any(p.search(line) for p in self.allowlist):
            self.problems.append(line.rstrip())


def run_odoo_tests(db_settings, database, log_path):
    tags = ",".join(f"/{addon}" for addon in env.SC_ADDONS)
    cmd = env.odoo_command(
        db_settings,
        "-d",
        database,
        "-i",
        ",".join(env.SC_ADDONS),
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        f"--http-port={TEST_HTTP_PORT}",
        "--max-cron-threads=0",
        "--log-level=info",
        "--load-language=de_DE",
    )
    gate = LogGate(load_allowlist())
    env.log(
        f"Installing {', '.join(env.SC_ADDONS)} on fresh database {database} with tests"
    )
    with open(log_path, "w") as log_file:
        process = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=env.REPO,
        )
        for line in process.stdout:
            log_file.write(line)
            gate.feed(line)
            if re.search(
                r" (ERROR|CRITICAL|WARNING) | (FAIL|ERROR): |odoo.tests.stats", line
            ):
                sys.stdout.write(line)
        returncode = process.wait()
    if gate.summary is None:
        gate.problems.append(
            f"Odoo ended (exit {returncode}) without a test summary; see {log_path}"
        )
    elif returncode != 0 and not gate.summary[0] + gate.summary[1]:
        gate.problems.append(f"Odoo exited with {returncode}; see {log_path}")
    return gate


def suite_tests():
    """tests/test_*.py, leaving out those of addons a narrowed run does not install
    (tests/test_<addon>_*.py belongs to <addon>)."""
    tests = []
    for path in sorted((env.REPO / "tests").glob("test_*.py")):
        owner = next(
            (a for a in env.ALL_ADDONS if path.stem.startswith(f"test_{a}")), None
        )
        if owner is None or owner in env.SC_ADDONS:
            tests.append(path)
    return tests


def run_pytest(db_settings, database):
    tests = suite_tests()
    if not tests:
        return 0, 0, 0
    report = env.RUN_DIR / "pytest-report.txt"
    pytest_env = dict(
        os.environ,
        SC_TEST_DB=database,
        SC_DB_SETTINGS=";".join(f"{k}={v}" for k, v in db_settings.items()),
    )
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-rfEs",
        *map(str, tests),
    ]
    env.log("Running suite-level tests (pytest)")
    done = subprocess.run(
        cmd,
        cwd=env.REPO,
        env=pytest_env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    print(done.stdout, flush=True)
    report.write_text(done.stdout)
    counts = {word: 0 for word in ("passed", "failed", "error", "errors", "skipped")}
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    for number, word in re.findall(r"(\d+) (passed|failed|errors?|skipped)", last):
        counts[word] += int(number)
    failed = counts["failed"] + counts["error"] + counts["errors"]
    if done.returncode not in (0, 5) and not failed:
        failed = 1
    return counts["passed"], failed, counts["skipped"]


def drop_database(db_settings, database):
    subprocess.run(
        ["dropdb", "--if-exists", *pg_cli_args(db_settings), database],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def pg_cli_args(db_settings):
    args = []
    if db_settings.get("db_host"):
        args += ["-h", db_settings["db_host"]]
    if db_settings.get("db_port"):
        args += ["-p", db_settings["db_port"]]
    if db_settings.get("db_user"):
        args += ["-U", db_settings["db_user"]]
    return args


def main():
    env.require_odoo()
    env.install_debian_packages()
    env.install_python_requirements()
    db_settings, started_cluster = env.database_server()
    try:
        failed = run_all(db_settings)
    finally:
        # A cluster this run started must not outlive it: an orphaned postmaster
        # removes the socket of a later cluster in the same directory.
        if started_cluster and os.environ.get("SC_KEEP_DB") != "1":
            env.stop_local_cluster()
    sys.exit(1 if failed else 0)


def run_all(db_settings):
    """Odoo tests with the log gate, then the pytest suite; prints the summary
    line and returns the number of failures."""
    database = f"sc_test_{int(time.time())}"
    env.RUN_DIR.mkdir(exist_ok=True)
    log_path = env.RUN_DIR / "test-odoo.log"
    gate = run_odoo_tests(db_settings, database, log_path)
    failed_odoo, errors_odoo, run_odoo = gate.summary or (0, 0, 0)
    skipped_odoo = gate.skipped
    passed = run_odoo - failed_odoo - errors_odoo - skipped_odoo
    failed = failed_odoo + errors_odoo
    if run_odoo == 0:
        gate.problems.append("No Odoo test ran: refusing to pass on nothing.")
    py_passed, py_failed, py_skipped = run_pytest(db_settings, database)
    if os.environ.get("SC_KEEP_DB") != "1":
        drop_database(db_settings, database)
    if gate.problems:
        print("\nLog gate failed (ERROR, unlisted WARNING or skipped tour):")
        for problem in gate.problems:
            print(f"  - {problem}")
        failed += 1
    else:
        passed += 1
    passed += py_passed
    failed += py_failed
    print(
        f"{passed} passed, {failed} failed, {skipped_odoo + py_skipped} skipped",
        flush=True,
    )
    return failed


if __name__ == "__main__":
    main()
