# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import sc_report_percentile_mixin
from . import sc_inquiry_forward_report
from . import sc_call_report
