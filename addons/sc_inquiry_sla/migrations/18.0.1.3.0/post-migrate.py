# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tools import SQL

LINK = {
    "en": "You can see at any time how far your inquiry has got: "
    '<a t-att-href="object.sc_status_url">status of your inquiry</a>. '
    "Please do not pass this link on.",
    "de": "Wie weit Ihre Anfrage ist, sehen Sie jederzeit hier: "
    '<a t-att-href="object.sc_status_url">Stand Ihrer Anfrage</a>. '
    "Bitte geben Sie diesen Link nicht weiter.",
}


def migrate(cr, version):
    """The deadline confirmation carries the link to the citizen's status page
    now. Its template is kept by noupdate (a manager may have changed the
    text): the link is added to each language's text that lacks it, before
    the text's last closing tag."""
    cr.execute(
        SQL(
            "SELECT t.id, t.body_html FROM mail_template t JOIN ir_model_data d "
            "ON d.model = 'mail.template' AND d.res_id = t.id "
            "WHERE d.module = 'sc_inquiry_sla' AND d.name = %s",
            "mail_template_citizen_promise",
        )
    )
    for template_id, bodies in cr.fetchall():
        changed = False
        for lang, body in (bodies or {}).items():
            if not body or "sc_status_url" in body or "</" not in body:
                continue
            link = LINK["de" if lang.startswith("de") else "en"]
            cut = body.rindex("</")
            bodies[lang] = (
                f'{body[:cut]}<p t-if="object.sc_status_url">{link}</p>{body[cut:]}'
            )
            changed = True
        if changed:
            cr.execute(
                SQL(
                    "UPDATE mail_template SET body_html = %s::jsonb WHERE id = %s",
                    json.dumps(bodies),
                    template_id,
                )
            )
