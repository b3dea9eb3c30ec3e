from . import sc_xzufi_export_wizard
