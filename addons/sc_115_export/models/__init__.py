from . import res_company
from . import sc_settings
from . import sc_xzufi_export
from . import sc_xzufi_export_skip
from . import sc_xzufi_delivered
from . import sc_service_level_report
from . import sc_service
