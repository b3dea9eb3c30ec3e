from . import deadline
from . import phone
from . import public_holidays
