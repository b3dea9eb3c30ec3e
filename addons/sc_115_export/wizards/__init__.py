from . import sc_xzufi_export_wizard
from . import sc_xzufi_import_wizard
from . import sc_service_level_wizard
