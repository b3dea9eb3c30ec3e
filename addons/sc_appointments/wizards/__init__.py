from . import sc_appointment_booking
from . import sc_appointment_booking_slot
