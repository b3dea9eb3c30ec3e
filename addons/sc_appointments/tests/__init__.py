from . import test_install
from . import test_tools_load
from . import test_tools_slots
