from . import deadline
from . import phone
