from . import auto_reply
from . import deadline
from . import calls
from . import erlang
from . import staffing
from . import call_import
from . import status_page
