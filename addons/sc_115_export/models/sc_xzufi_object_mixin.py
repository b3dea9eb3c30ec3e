from odoo import fields, models


class ScXzufiObjectMixin(models.AbstractModel):
    """Identity of a record imported from XZuFi (or exported under that identity):
    the XZuFi id with its schemeAgencyID, the version and content fingerprint
    last imported, and the object's original XML."""

    _name = "sc.xzufi.object.mixin"
    _description = "XZuFi Object Identity"

    sc_xzufi_id = fields.Char(
        string="XZuFi ID",
        copy=False,
        index=True,
        help="Id of the object in the XZuFi data it was imported from; the export "
        "sends it under this id again.",
    )
    sc_xzufi_scheme = fields.Char(
        string="XZuFi Scheme Agency",
        copy=False,
        help="schemeAgencyID of the XZuFi id: the editorial system that issued it.",
    )
    sc_xzufi_version = fields.Datetime(
        string="XZuFi Version",
        copy=False,
        readonly=True,
        help="Change date (geaendertDatumZeit) of the version last imported.",
    )
    sc_xzufi_digest = fields.Char(
        string="XZuFi Content Fingerprint", copy=False, readonly=True
    )
    sc_xzufi_raw = fields.Text(
        string="Imported XZuFi Data",
        copy=False,
        readonly=True,
        help="The object as last imported, including text modules no field holds.",
    )
