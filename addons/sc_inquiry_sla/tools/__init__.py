from . import auto_reply
from . import deadline
from . import phone
