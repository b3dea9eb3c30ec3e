# The administration's local time: dates are stored in UTC and computed here.
SERVICE_TZ = "Europe/Berlin"
