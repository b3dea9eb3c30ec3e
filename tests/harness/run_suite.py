"""`make test`: install what is missing, test every sc_* addon on a fresh database.

Steps: Odoo 18 check, Debian/PyPI installs, PostgreSQL, a fresh database with all
four addons installed under --test-enable (at_install and post_install tests of
our addons), a log gate (OCA's checklog-odoo: any ERROR, a WARNING not in
tests/log_allowlist.txt; and skipped browser tours), then the suite-level pytest
tests in tests/ (translations, lint, HTTP) against that database, then the own
tests of the modules we extend on a second database with our addons
(tests/harness/neighbours.py). The last line
printed is `N passed, N failed, N skipped`: one per test method (a failing
setUpClass fails the methods of its class), plus one for the log gate.
"""

import ast
import os
import re
import subprocess
import sys
import time

from . import env, neighbours

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)
SUMMARY = re.compile(r"\d+ failed, \d+ error\(s\) of \d+ tests when loading database")
STARTED = re.compile(r"Starting (?P<test>\S+) \.\.\.\s*$")
SKIPPED = re.compile(r"skipped (?P<test>.*?) : (?P<reason>.*)")
FAILED = re.compile(r"(?:FAIL|ERROR): (?:Subtest )?(?P<test>[\w.]+)(?P<rest>.*)")
CLASS_SETUP = re.compile(r"setUpClass \((?P<cls>[\w.]+)\)")
TOUR_SKIP_REASONS = re.compile(r"chrome|websocket", re.IGNORECASE)
ALLOWLIST_FILE = env.REPO / "tests" / "log_allowlist.txt"
TEST_HTTP_PORT = int(os.environ.get("SC_TEST_HTTP_PORT", "8169"))


class TestTally:
    """One verdict per test method, read from Odoo's log: passed, failed (a failing
    subtest fails its method once) or skipped. A failing setUpClass fails every
    test method of its class, which unittest then never starts."""

    def __init__(self, addons_dir=env.ADDONS_DIR):
        self.addons_dir = addons_dir
        self.started = set()
        self.failed = set()
        self.skipped = {}
        self.unattributed = 0  # tearDownClass, setUpModule, ...
        self.summary_seen = False

    def feed(self, line):
        match = LOG_LINE.match(line)
        if not match:
            return
        logger, msg = match["logger"], match["msg"]
        self.summary_seen |= bool(SUMMARY.search(msg))
        if started := STARTED.match(msg):
            self.started.add((logger, started["test"]))
        elif skipped := SKIPPED.match(msg):
            self.skipped[(logger, skipped["test"])] = skipped["reason"]
        elif match["level"] == "ERROR" and (failed := FAILED.match(msg)):
            if setup := CLASS_SETUP.match(failed["test"] + failed["rest"]):
                self.failed |= class_methods(setup["cls"], self.addons_dir)
            elif "." in failed["test"]:
                self.failed.add((logger, failed["test"]))
            else:
                self.unattributed += 1

    def counts(self):
        """(passed, failed, skipped)"""
        skipped = set(self.skipped) - self.failed
        passed = self.started - self.failed - skipped
        return len(passed), len(self.failed) + self.unattributed, len(skipped)

    def skipped_tours(self):
        return [
            f"browser tour skipped: {test} ({reason})"
            for (_logger, test), reason in self.skipped.items()
            if TOUR_SKIP_REASONS.search(reason)
        ]


def class_methods(class_path, addons_dir):
    """{(module, 'Class.test_x')} for `odoo.addons.<addon>.tests.<file>.<Class>`,
    read from the addon's source: the class's test methods and those of its bases
    in the same file (one placeholder when the source cannot tell)."""
    module, _, name = class_path.rpartition(".")
    parts = module.split(".")
    path = addons_dir.joinpath(*parts[2:]).with_suffix(".py")
    if parts[:2] != ["odoo", "addons"] or not path.is_file():
        return {(module, f"{name}.setUpClass")}
    classes = {
        node.name: node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
    }

    def tests_of(class_name, seen):
        node = classes.get(class_name)
        if node is None or class_name in seen:
            return set()
        names = {
            item.name
            for item in node.body
            if isinstance(item, ast.FunctionDef) and item.name.startswith("test")
        }
        for base in node.bases:
            if isinstance(base, ast.Name):
                names |= tests_of(base.id, seen | {class_name})
        return names

    methods = tests_of(name, set())
    return {(module, f"{name}.{method}") for method in methods} or {
        (module, f"{name}.setUpClass")
    }


def load_allowlist():
    """checklog-odoo ignore expressions: a record is tolerated when its first line
    is at WARNING level and matches an entry of tests/log_allowlist.txt."""
    patterns = []
    for line in ALLOWLIST_FILE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(rf"\A(?=\S+ \S+ \d+ WARNING )[^\n]*?(?:{line})")
    return patterns


def check_log(log_path):
    """OCA's checklog-odoo on the log: [] or the records that fail the run."""
    ignore = [f"--ignore={pattern}" for pattern in load_allowlist()]
    done = subprocess.run(
        [sys.executable, "-m", "checklog_odoo", "--no-echo", *ignore, str(log_path)],
        capture_output=True,
        text=True,
    )
    if done.returncode == 0:
        return []
    return [f"checklog-odoo:\n{done.stdout.strip()}\n{done.stderr.strip()}"]


def run_odoo_tests(db_settings, database, log_path):
    """Install the addons with their tests; returns (tally, problems)."""
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
    tally = TestTally()
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
            tally.feed(line)
            if re.search(
                r" (ERROR|CRITICAL|WARNING) | (FAIL|ERROR): |odoo.tests.stats", line
            ):
                sys.stdout.write(line)
        returncode = process.wait()
    problems = check_log(log_path) + tally.skipped_tours()
    if not tally.summary_seen:
        problems.append(
            f"Odoo ended (exit {returncode}) without a test summary; see {log_path}"
        )
    elif returncode != 0 and not tally.counts()[1]:
        problems.append(f"Odoo exited with {returncode}; see {log_path}")
    if not tally.started:
        problems.append("No Odoo test ran: refusing to pass on nothing.")
    return tally, problems


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
    tally, problems = run_odoo_tests(db_settings, database, log_path)
    passed, failed, skipped = tally.counts()
    py_passed, py_failed, py_skipped = run_pytest(db_settings, database)
    if os.environ.get("SC_KEEP_DB") != "1":
        drop_database(db_settings, database)
    # The log gate counts as one test of its own.
    if problems:
        print("\nLog gate failed (ERROR, unlisted WARNING or skipped tour):")
        for problem in problems:
            print(f"  - {problem}")
        failed += 1
    else:
        passed += 1
    nb_passed, nb_failed, nb_skipped, nb_problems = neighbours.run_neighbour_tests(
        db_settings, TestTally, drop_database
    )
    if nb_problems:
        print("\nThe tests of the modules we extend failed with our addons:")
        for problem in nb_problems:
            print(f"  - {problem}")
        nb_failed = max(nb_failed, 1)
    passed += py_passed + nb_passed
    failed += py_failed + nb_failed
    skipped += py_skipped + nb_skipped
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return failed


if __name__ == "__main__":
    main()
