from . import sc_holiday_import_wizard
from . import sc_inquiry_forward_wizard
from . import sc_staffing_plan
from . import sc_staffing_plan_line
from . import sc_call_import_wizard
from . import sc_inquiry_forward_reply
from . import sc_catalog_answer_wizard
from . import sc_inquiry_forward_extend
