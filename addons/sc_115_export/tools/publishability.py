"""The one rule deciding whether a service may go out to 115 / the Portalverbund.

Used by the export wizard, the cron, the pull endpoint and the skip report alike.
Returns a reason code; the models translate it for the user.
"""

from odoo.addons.sc_knowledge.tools import LEIKA_KEY

from .html_clean import html_has_text

NOT_PUBLISHED = "not_published"
NO_LEIKA_KEY = "no_leika_key"
NO_DESCRIPTION = "no_description"
NO_RESPONSIBLE_UNIT = "no_responsible_unit"
REVIEW_OVERDUE = "review_overdue"
REASONS = (
    NOT_PUBLISHED,
    NO_LEIKA_KEY,
    NO_DESCRIPTION,
    NO_RESPONSIBLE_UNIT,
    REVIEW_OVERDUE,
)


def skip_reasons(service, today):
    """All reasons why a service is not publishable (empty list: publishable).

    service: dict with state, leika_key, description (HTML), has_responsible_unit
    (bool) and next_review_date (date or None); today: date in Europe/Berlin.
    """
    reasons = []
    if service.get("state") != "published":
        reasons.append(NOT_PUBLISHED)
    if not LEIKA_KEY.match(service.get("leika_key") or ""):
        reasons.append(NO_LEIKA_KEY)
    if not html_has_text(service.get("description")):
        reasons.append(NO_DESCRIPTION)
    if not service.get("has_responsible_unit"):
        reasons.append(NO_RESPONSIBLE_UNIT)
    review_date = service.get("next_review_date")
    if review_date and review_date < today:
        reasons.append(REVIEW_OVERDUE)
    return reasons
