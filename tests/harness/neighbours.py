"""The modules we extend, tested with our addons installed (`make test`, step 6).

A newcomer installs the four addons and then runs Odoo's and OCA's own tests:
they must not break because of us. On a fresh database without `--load-language`
(the tests of Odoo expect English), the addons are installed without tests;
then Odoo runs with `--test-tags` for the neighbours and no `-i`/`-u`, so that
each module's at_install tests run while the modules before ours are loading
(the registry does not know our fields, the database does) and the post_install
tests run with everything loaded.

A failure that Odoo or OCA has without our addons is listed in
tests/neighbour_known_failures.txt with its reason; it counts as skipped. Any
other failure counts as failed.
"""

import os
import re
import subprocess
import time

from . import env

# The modules our addons extend. On the 2-core machine, with a benchmark running
# beside it, the step took 920 s with mail (installing 100 s, loading with the
# at_install tests 162 s, post_install tests incl. mail's browser tours 678 s);
# without mail, 241 s when the machine was quiet.
NEIGHBOURS = ["helpdesk_mgmt", "calendar", "resource", "mail"]
KNOWN_FILE = env.REPO / "tests" / "neighbour_known_failures.txt"
TEST_ID = re.compile(r"odoo\.addons\.(?P<module>\w+)\.tests\.[\w.]+")


def neighbours():
    """`SC_NEIGHBOURS=helpdesk_mgmt,calendar` narrows the step; `SC_NEIGHBOURS=`
    (empty) leaves it out."""
    value = os.environ.get("SC_NEIGHBOURS")
    if value is None:
        return NEIGHBOURS
    return [name for name in value.split(",") if name]


def load_known():
    """{test id: reason} from the known-failures file; a test id is
    ``<logger> <Class.test_method>`` as Odoo logs it."""
    known = {}
    for line in KNOWN_FILE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            test, _, reason = line.partition("#")
            known[tuple(test.split())] = reason.strip()
    return known


def odoo(db_settings, database, *args, log_path, tally=None):
    """Run Odoo once, its output into ``log_path`` (and ``tally``)."""
    cmd = env.odoo_command(
        db_settings,
        "-d",
        database,
        "--stop-after-init",
        f"--http-port={os.environ.get('SC_TEST_HTTP_PORT', '8169')}",
        "--max-cron-threads=0",
        "--log-level=info",
        *args,
    )
    with open(log_path, "w") as log_file:
        process = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in process.stdout:
            log_file.write(line)
            if tally is not None:
                tally.feed(line)
        return process.wait()


def run_neighbour_tests(db_settings, tally_class, drop_database):
    """(passed, failed, skipped, problems) of the neighbours' own tests."""
    modules = neighbours()
    if not modules:
        return 0, 0, 0, []
    database = f"sc_neighbours_{int(time.time())}"
    log_path = env.RUN_DIR / "test-neighbours.log"
    started = time.monotonic()
    env.log(f"Installing {', '.join(env.SC_ADDONS)} on {database} (no German)")
    install_log = env.RUN_DIR / "install-neighbours.log"
    if odoo(db_settings, database, "-i", ",".join(env.SC_ADDONS), log_path=install_log):
        drop_database(db_settings, database)
        return 0, 0, 0, [f"Installing the addons failed; see {install_log}"]
    env.log(f"Running the tests of {', '.join(modules)} on {database}")
    tally = tally_class()
    tags = ",".join(f"/{module}" for module in modules)
    returncode = odoo(
        db_settings,
        database,
        "--test-enable",
        f"--test-tags={tags}",
        log_path=log_path,
        tally=tally,
    )
    if os.environ.get("SC_KEEP_DB") != "1":
        drop_database(db_settings, database)
    passed, failed, skipped, problems = judge(tally, modules, load_known())
    if not tally.summary_seen:
        problems.append(f"Odoo ended (exit {returncode}) without a test summary")
    env.log(
        f"Neighbours' tests: {passed} passed, {failed} failed, {skipped} skipped "
        f"in {time.monotonic() - started:.0f} s; log {log_path}"
    )
    return passed, failed, skipped, problems


def judge(tally, modules, known):
    """Failures listed as known (for a module of this run) count as skipped."""
    passed, _failed, skipped = tally.counts()
    problems = []
    unknown = 0
    for test in sorted(tally.failed):
        if test in known:
            print(f"  known failure of Odoo/OCA: {' '.join(test)} ({known[test]})")
            skipped += 1
        else:
            problems.append(f"neighbour test failed with our addons: {' '.join(test)}")
            unknown += 1
    unknown += tally.unattributed
    if tally.unattributed:
        problems.append(f"{tally.unattributed} failure(s) outside a test method")
    gone = [
        " ".join(test)
        for test in known
        if test not in tally.failed
        and (match := TEST_ID.match(test[0]))
        and match["module"] in modules
        and (test[0], test[1]) in tally.started
    ]
    for test in gone:
        print(f"  listed as known but passed (remove it from {KNOWN_FILE.name}):", test)
    return passed, unknown, skipped, problems
