from . import test_tools_load
from . import test_tools_slots
from . import test_appointment_type
from . import test_booking_flow
from . import test_security
from . import test_booking_tour
from . import test_visit
from . import test_multi_company
