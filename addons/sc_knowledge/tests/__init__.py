from . import test_security
from . import test_menu_tour
from . import test_catalog_search
from . import test_service
from . import test_access
from . import test_answer_wizard
from . import test_answer_tour
from . import test_multi_company
