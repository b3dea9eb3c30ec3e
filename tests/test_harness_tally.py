"""The closing line counts each Odoo test method once, from Odoo's own log."""

import textwrap

from tests.harness import run_suite

LOG = """\
2026-01-05 10:00:00,001 7 INFO db odoo.addons.sc_x.tests.test_a: Starting TestA.test_ok ... 
2026-01-05 10:00:00,002 7 INFO db odoo.addons.sc_x.tests.test_a: Starting TestA.test_sub ...
2026-01-05 10:00:00,003 7 ERROR db odoo.addons.sc_x.tests.test_a: FAIL: Subtest TestA.test_sub (n=1)
Traceback (most recent call last):
AssertionError: 1 != 2
2026-01-05 10:00:00,004 7 ERROR db odoo.addons.sc_x.tests.test_a: FAIL: Subtest TestA.test_sub (n=2)
2026-01-05 10:00:00,005 7 INFO db odoo.addons.sc_x.tests.test_a: Starting TestA.test_error ...
2026-01-05 10:00:00,006 7 ERROR db odoo.addons.sc_x.tests.test_a: ERROR: TestA.test_error
2026-01-05 10:00:00,007 7 INFO db odoo.addons.sc_x.tests.test_a: Starting TestA.test_tour ...
2026-01-05 10:00:00,008 7 INFO db odoo.addons.sc_x.tests.test_a: skipped TestA.test_tour : Chrome not found
2026-01-05 10:00:00,009 7 ERROR db odoo.tests.suite: ERROR: setUpClass (odoo.addons.sc_x.tests.test_b.TestB)
2026-01-05 10:00:00,010 7 ERROR db odoo.tests.suite: ERROR: tearDownClass (odoo.addons.sc_x.tests.test_a.TestA)
2026-01-05 10:00:00,011 7 INFO db odoo.service.server: 5 failed, 2 error(s) of 4 tests when loading database 'db'
"""  # noqa: E501

TEST_B = """
class Base(TransactionCase):
    def test_inherited(self):
        pass

class TestB(Base):
    def setUp(self):
        pass

    def test_one(self):
        pass

    def test_two(self):
        pass
"""


def test_each_method_counts_once_and_set_up_class_fails_its_methods(tmp_path):
    (tmp_path / "sc_x" / "tests").mkdir(parents=True)
    (tmp_path / "sc_x" / "tests" / "test_b.py").write_text(textwrap.dedent(TEST_B))
    tally = run_suite.TestTally(addons_dir=tmp_path)
    for line in LOG.splitlines(keepends=True):
        tally.feed(line)
    # passed: test_ok; failed: test_sub (once), test_error, TestB's three methods,
    # tearDownClass; skipped: test_tour.
    assert tally.counts() == (1, 6, 1)
    assert tally.summary_seen
    assert tally.skipped_tours() == [
        "browser tour skipped: TestA.test_tour (Chrome not found)"
    ]


def test_set_up_class_of_unknown_source_still_fails_once(tmp_path):
    failed = run_suite.class_methods("odoo.addons.sc_y.tests.test_c.TestC", tmp_path)
    assert len(failed) == 1
