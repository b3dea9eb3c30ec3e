"""The step that runs the own tests of the modules we extend counts a failure
that Odoo has without our addons as skipped (with its reason), any other as
failed."""

from tests.harness import neighbours, run_suite

LOG = """\
2026-01-05 10:00:00,001 7 INFO db odoo.addons.calendar.tests.test_a: Starting TestA.test_ok ...
2026-01-05 10:00:00,002 7 INFO db odoo.addons.calendar.tests.test_a: Starting TestA.test_known ...
2026-01-05 10:00:00,003 7 ERROR db odoo.addons.calendar.tests.test_a: FAIL: TestA.test_known
2026-01-05 10:00:00,004 7 INFO db odoo.addons.mail.tests.test_b: Starting TestB.test_ours ...
2026-01-05 10:00:00,005 7 ERROR db odoo.addons.mail.tests.test_b: ERROR: TestB.test_ours
2026-01-05 10:00:00,006 7 INFO db odoo.service.server: 2 failed, 0 error(s) of 3 tests when loading database 'db'
"""  # noqa: E501

KNOWN = {
    ("odoo.addons.calendar.tests.test_a", "TestA.test_known"): "fails without us",
    ("odoo.addons.calendar.tests.test_a", "TestA.test_ok"): "fixed upstream",
}


def test_known_failures_are_skipped_and_ours_fail(capsys):
    tally = run_suite.TestTally()
    for line in LOG.splitlines(keepends=True):
        tally.feed(line)
    passed, failed, skipped, problems = neighbours.judge(
        tally, ["calendar", "mail"], KNOWN
    )
    assert (passed, failed, skipped) == (1, 1, 1)
    assert problems == [
        "neighbour test failed with our addons: "
        "odoo.addons.mail.tests.test_b TestB.test_ours"
    ]
    out = capsys.readouterr().out
    assert "known failure of Odoo/OCA" in out and "fails without us" in out
    assert "listed as known but passed" in out and "TestA.test_ok" in out


def test_known_failures_file_parses(tmp_path, monkeypatch):
    known_file = tmp_path / "known.txt"
    known_file.write_text(
        "# comment\n\n"
        "odoo.addons.mail.tests.test_c TestC.test_x  # needs a mail server\n"
    )
    monkeypatch.setattr(neighbours, "KNOWN_FILE", known_file)
    assert neighbours.load_known() == {
        ("odoo.addons.mail.tests.test_c", "TestC.test_x"): "needs a mail server"
    }
