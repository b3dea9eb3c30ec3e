from . import load
from . import public_form
from . import slots
