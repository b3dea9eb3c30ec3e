from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

KINDS = ("leistung", "onlinedienst", "organisationseinheit")


class ScXzufiDelivered(models.Model):
    """What the Portalverbund holds: every object an export has written.

    Kept per company and object kind, with the XZuFi id it was sent under, so a
    later export withdraws (``loesche``) exactly what was delivered and no longer
    goes out, also when the record itself has been deleted in the meantime.
    Maintained set-based in SQL by :meth:`_sc_record`.
    """

    _name = "sc.xzufi.delivered"
    _description = "Object Delivered to the Portalverbund"
    _order = "company_id, kind, res_id"
    _rec_name = "xzufi_id"
    _log_access = False

    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, ondelete="cascade"
    )
    kind = fields.Selection(
        selection=[
            ("leistung", "Service"),
            ("onlinedienst", "Online Service"),
            ("organisationseinheit", "Organisational Unit"),
        ],
        required=True,
        readonly=True,
    )
    res_id = fields.Integer(
        string="Record ID",
        required=True,
        readonly=True,
        help="Database id of the service (services, online services) or the "
        "organisational unit; the record may no longer exist.",
    )
    xzufi_id = fields.Char(string="XZuFi ID", required=True, readonly=True)
    resend = fields.Boolean(
        readonly=True,
        help="The delivered version is outdated without the record having changed "
        "(a unit lost a competence): the next change export sends it again.",
    )
    export_id = fields.Many2one(
        comodel_name="sc.xzufi.export",
        string="Last Sent With",
        readonly=True,
        ondelete="set null",
    )

    _sql_constraints = [
        (
            "object_uniq",
            "UNIQUE(company_id, kind, res_id)",
            "An object is registered once per company.",
        ),
    ]

    @api.model
    def _sc_delivered(self, company):
        """What company has delivered: ({kind: {res_id: xzufi_id}},
        {kind: set of res_id to send again})."""
        self.env.cr.execute(
            SQL(
                "SELECT kind, res_id, xzufi_id, resend FROM sc_xzufi_delivered"
                " WHERE company_id = %s",
                company.id,
            )
        )
        delivered, resend = defaultdict(dict), defaultdict(set)
        for kind, res_id, xzufi_id, outdated in self.env.cr.fetchall():
            delivered[kind][res_id] = xzufi_id
            if outdated:
                resend[kind].add(res_id)
        return delivered, resend

    @api.model
    def _sc_mark_resend(self, kind, res_ids):
        """Flag delivered objects (of every company) to go out again."""
        if not res_ids:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE sc_xzufi_delivered SET resend = TRUE"
                " WHERE kind = %s AND res_id = ANY(%s)",
                kind,
                list(res_ids),
            )
        )
        self.invalidate_model(["resend"])

    @api.model
    def _sc_record(self, export, written, withdrawn, full):
        """Bring the register up to date after export.

        written: {kind: {res_id: xzufi_id}} sent with ``schreibe``;
        withdrawn: {kind: set of res_id} sent with ``loesche``; full: the export
        contained everything that goes out, so nothing else is delivered anymore.
        """
        company_id = export.company_id.id
        if full:
            self.env.cr.execute(
                SQL("DELETE FROM sc_xzufi_delivered WHERE company_id = %s", company_id)
            )
        for kind in KINDS:
            if withdrawn.get(kind) and not full:
                self.env.cr.execute(
                    SQL(
                        "DELETE FROM sc_xzufi_delivered WHERE company_id = %s"
                        " AND kind = %s AND res_id = ANY(%s)",
                        company_id,
                        kind,
                        sorted(withdrawn[kind]),
                    )
                )
            rows = written.get(kind)
            if not rows:
                continue
            self.env.cr.execute(
                SQL(
                    "INSERT INTO sc_xzufi_delivered"
                    " (company_id, kind, res_id, xzufi_id, export_id, resend)"
                    " SELECT %s, %s, r.res_id, r.xzufi_id, %s, FALSE"
                    " FROM unnest(%s::int[], %s::varchar[]) AS r(res_id, xzufi_id)"
                    " ON CONFLICT (company_id, kind, res_id) DO UPDATE"
                    " SET xzufi_id = EXCLUDED.xzufi_id,"
                    " export_id = EXCLUDED.export_id, resend = FALSE",
                    company_id,
                    kind,
                    export.id,
                    list(rows),
                    list(rows.values()),
                )
            )
        self.invalidate_model()
