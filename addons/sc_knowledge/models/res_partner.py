from odoo import api, models
from odoo.exceptions import AccessError, UserError

# What a contact holds about a person; emptied when the citizen is anonymised.
PERSONAL_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "comment",
    "function",
    "title",
    "ref",
    "vat",
    "company_name",
    "image_1920",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.constrains("website")
    def _check_sc_org_unit_website(self):
        """A partner that is the address of an organisational unit keeps a web
        address as website (checked by the unit, see _check_partner_website)."""
        with_website = self.filtered("website")
        if with_website:
            self.env["sc.org.unit"].sudo().with_context(active_test=False).search(
                [("partner_id", "in", with_website.ids)]
            )._check_partner_website()

    def action_sc_erase(self):
        """Art. 17 DSGVO: anonymise this citizen and everything that names
        them, now, and log who did it (not what)."""
        self._sc_check_data_protection_officer()
        citizens = self._sc_citizens()
        if citizens != self:
            raise UserError(
                self.env._(
                    "Only the contacts of citizens can be erased here: this contact "
                    "belongs to a user, a company, an organisation or an "
                    "organisational unit."
                )
            )
        count = self.env["sc.data.protection"]._sc_erase(citizens.sudo())
        self.env["sc.erasure.log"].sudo().create(
            {"company_id": self.env.company.id, "record_count": count}
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "The personal data has been erased (%(count)s records).",
                    count=count,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_sc_personal_data(self):
        """Art. 15 DSGVO: everything the suite holds about these people."""
        self._sc_check_data_protection_officer()
        return self.env.ref("sc_knowledge.action_report_personal_data").report_action(
            self
        )

    def _sc_check_data_protection_officer(self):
        if not self.env.user.has_group("sc_knowledge.group_manager"):
            raise AccessError(
                self.env._(
                    "Only Servicecenter managers may give information about or "
                    "erase personal data."
                )
            )

    def _sc_citizens(self):
        """The contacts among these that are citizens: no user, no company,
        no organisation's contact person, no organisational unit's or
        company's address."""
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .filtered(lambda p: not p.user_ids and not p.is_company and not p.parent_id)
        )
        if not candidates:
            return self.browse()
        units = self.env["sc.org.unit"].sudo().with_context(active_test=False)
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        institutional = (
            units.search([("partner_id", "in", candidates.ids)]).partner_id
            | companies.search([("partner_id", "in", candidates.ids)]).partner_id
        )
        return self.browse((candidates - institutional).ids)

    def _sc_anonymize(self):
        """Empty these contacts (archived, named "Anonymised")."""
        values = dict.fromkeys(
            (name for name in PERSONAL_FIELDS if name in self._fields), False
        )
        self.sudo().with_context(tracking_disable=True).write(
            {**values, "name": self.env._("Anonymised"), "active": False}
        )
