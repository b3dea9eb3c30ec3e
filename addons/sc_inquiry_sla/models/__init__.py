from . import mail_thread
from . import res_company
from . import sc_settings
from . import sc_auto_reply_prefix
from . import sc_inquiry_sla_policy
from . import sc_inquiry_forward
from . import helpdesk_ticket
from . import sc_data_protection
