from . import test_xzufi_writer
from . import test_xzufi_export
from . import test_service_level
from . import test_export_tour
from . import test_multi_company
from . import test_pull_http
from . import test_manager_settings
from . import test_xzufi_import
