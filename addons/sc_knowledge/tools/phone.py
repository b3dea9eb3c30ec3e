# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone numbers in E.164 (pure Python, `phonenumbers`)."""

DEFAULT_REGION = "DE"


def to_e164(raw, region=DEFAULT_REGION):
    """The E.164 form of a phone number as people write it, or None if invalid.

    German national formats are understood: "036691 70-0", "0176 1234567",
    "+49 (0)3641 123456", "0049 3641 123456", "03641/123456".
    """
    import phonenumbers  # on first use: keeps the server start fast

    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
