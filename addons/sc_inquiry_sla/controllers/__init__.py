from . import cti
from . import status
