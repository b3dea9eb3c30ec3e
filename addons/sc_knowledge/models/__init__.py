from . import res_company
from . import res_config_settings
from . import sc_org_unit
from . import sc_service_category
from . import sc_service_keyword
from . import sc_service_document
from . import sc_service
from . import helpdesk_ticket
