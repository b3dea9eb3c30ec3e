from . import auto_reply
from . import deadline
