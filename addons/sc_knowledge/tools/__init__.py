import re

# The administration's local time: dates are stored in UTC and computed here.
SERVICE_TZ = "Europe/Berlin"
# A LeiKa Leistungsschlüssel: 14 digits (the catalog checks it, XZuFi sends it).
LEIKA_KEY = re.compile(r"^\d{14}$")
