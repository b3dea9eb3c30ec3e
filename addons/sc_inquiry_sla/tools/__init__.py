from . import auto_reply
from . import deadline
from . import phone
from . import public_holidays
from . import untrusted_text
