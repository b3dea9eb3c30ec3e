# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from odoo.addons.base.tests.common import BaseCommon

from .common_calls import CallCase


@tagged("post_install", "-at_install")
class TestCallImport(CallCase, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_calls()
        cls.env.company.sc_call_short_abandon_seconds = 5

    def _import(self, file_format, content=None, name=None, user=None, lang="en_US"):
        if content is None:
            with file_open(f"sc_inquiry_sla/tests/data/{name}", "rb") as data:
                content = data.read()
        wizard = (
            self.env["sc.call.import.wizard"]
            .with_user(user or self.manager)
            .with_context(lang=lang)
            .create(
                {
                    "system_id": self.system.id,
                    "file_format": file_format,
                    "data_file": base64.b64encode(content),
                }
            )
        )
        return wizard.action_import()

    def _calls(self):
        return {
            call.call_ref: call
            for call in self.env["sc.call"].search([("system_id", "=", self.system.id)])
        }

    def test_queue_log(self):
        self._import("queue_log", name="queue_log")
        self._import("queue_log", name="queue_log")  # twice: nothing doubles
        calls = self._calls()
        self.assertEqual(len(calls), 5)
        answered = calls["1772434800.1"]
        self.assertEqual(
            (answered.state, answered.wait_seconds, answered.talk_seconds),
            ("answered", 12, 180),
        )
        self.assertEqual(answered.caller_number, "+4936691700")
        self.assertEqual(answered.queue, "115")
        self.assertEqual(answered.agent_id, self.agent)
        abandoned = calls["1772434830.3"]
        self.assertEqual((abandoned.state, abandoned.wait_seconds), ("abandoned", 60))
        self.assertFalse(abandoned.caller_number)
        self.assertEqual(calls["1772434840.4"].state, "short_abandon")
        transferred = calls["1772434900.5"]
        self.assertEqual(
            (transferred.state, transferred.wait_seconds, transferred.talk_seconds),
            ("transferred", 45, 100),
        )
        self.assertEqual(transferred.agent_id, self.agent)
        timeout = calls["1772435000.7"]
        self.assertEqual((timeout.state, timeout.wait_seconds), ("abandoned", 300))

    def test_cdr_master_csv(self):
        self._import("cdr", name="Master.csv")
        calls = self._calls()
        self.assertEqual(len(calls), 2)
        answered = calls["1772434800.1"]
        # 08:00:00 Berlin is 07:00 UTC; duration − billsec = 20 s until answer
        self.assertEqual(str(answered.offered_at), "2026-03-02 07:00:00")
        self.assertEqual((answered.wait_seconds, answered.talk_seconds), (20, 180))
        self.assertEqual(answered.agent_id, self.agent)
        self.assertEqual(answered.caller_number, "+4936691700")
        missed = calls["1772435100.3"]
        self.assertEqual((missed.state, missed.wait_seconds), ("abandoned", 40))

    def test_csv_with_configured_columns(self):
        self.system.write(
            {
                "csv_delimiter": ";",
                "csv_call_id_column": "id",
                "csv_offered_column": "start",
                "csv_answered_column": "answer",
                "csv_ended_column": "end",
                "csv_number_column": "from",
                "csv_queue_column": "line",
                "csv_agent_column": "ext",
            }
        )
        self._import("csv", name="calls.csv")
        calls = self._calls()
        self.assertEqual(
            (calls["A-1"].state, calls["A-1"].wait_seconds, calls["A-1"].talk_seconds),
            ("answered", 25, 240),
        )
        self.assertEqual(calls["A-1"].agent_id, self.agent)
        self.assertEqual(
            (calls["A-2"].state, calls["A-2"].wait_seconds), ("abandoned", 60)
        )
        # the default columns do not match this file: refused, nothing stored
        self.system.csv_call_id_column = "call_id"
        self.env["sc.call"].search([]).unlink()
        with self.assertRaisesRegex(UserError, "Zeile 1"):
            self._import("csv", name="calls.csv", lang="de_DE")

    def test_bad_files_store_nothing(self):
        bad = {
            "queue_log": b"1772434800|c1|115|NONE|ENTERQUEUE||036691700|1\n"
            b"morgens|c1|115|SIP/2001|CONNECT|12|x|3\n",
            "cdr": b'"","036691700","115"\n',
        }
        for file_format, content in bad.items():
            with self.subTest(file_format=file_format):
                with self.assertRaisesRegex(UserError, "Nichts wurde importiert"):
                    self._import(file_format, content, lang="de_DE")
        with self.assertRaisesRegex(ValidationError, "^Zeile 2: "):
            self._import(
                "queue_log",
                b"1772434800|c1|115|NONE|ENTERQUEUE||036691700|1\n"
                b"1772434800|c2|115|NONE|ENTERQUEUE||12|1\n",
                lang="de_DE",
            )
        self.assertFalse(self._calls())

    def test_only_managers_import(self):
        with self.assertRaises(AccessError):
            self._import("queue_log", name="queue_log", user=self.agent)
