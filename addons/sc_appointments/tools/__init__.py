from . import load
from . import slots
