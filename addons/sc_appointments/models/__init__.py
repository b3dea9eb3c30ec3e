from . import sc_appointment_type
from . import calendar_event
from . import helpdesk_ticket
from . import sc_visit
from . import resource_resource
from . import sc_settings
from . import ir_http
from . import sc_data_protection
