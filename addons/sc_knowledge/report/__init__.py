from . import report_personal_data
