"""Amtlicher Regionalschlüssel (ARS): the responsible area of a unit."""

import re

REGION_KEY = re.compile(r"^\d{12}$")
# Lengths of the ARS levels: federal state, administrative region, district,
# municipal association, municipality.
REGION_LEVELS = (2, 3, 5, 9, 12)


def region_key_problem(value):
    """None when value is a plausible Amtlicher Regionalschlüssel, else why not.

    12 digits: Land (01-16), Regierungsbezirk (1), Kreis (2), Gemeindeverband (4),
    Gemeinde (3). The district itself is Land + RB + Kreis followed by zeros.
    """
    if not value or not REGION_KEY.match(value):
        return "format"
    if not 1 <= int(value[:2]) <= 16:
        return "land"
    if value[3:5] == "00":
        return "district"
    return None


def region_prefix(value):
    """The significant part of a regional key: its digits up to the last level
    that is not all zeros ("16074" for the district 160740000000, "16" for the
    state 160000000000). Every area within it starts with this prefix."""
    key = (value or "").strip()
    length = next((n for n in REGION_LEVELS if not key[n:].strip("0")), len(key))
    return key[:length]


# The federal states by the first two digits of a regional key.
ARS_STATES = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}
