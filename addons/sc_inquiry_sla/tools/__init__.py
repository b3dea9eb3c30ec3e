from . import auto_reply
from . import deadline
from . import phone
from . import untrusted_text
