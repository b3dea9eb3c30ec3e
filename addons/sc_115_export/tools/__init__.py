from . import html_clean
from . import publishability
from . import xzufi
from . import figures
