import hmac

from odoo import http
from odoo.http import content_disposition, request

TOKEN_PARAMETER = "sc_115_export.pull_token"


class XZuFiPullController(http.Controller):
    """Pull delivery in the style of the Portalverbund (PVOG) collector.

    ``GET /xzufi/index.txt`` lists the current files (the latest full export and
    the change exports after it, oldest first), one file name per line; each is
    downloadable under the same base URL, ``GET /xzufi/<file name>``.
    """

    def _authorized(self, token):
        expected = request.env["ir.config_parameter"].sudo().get_param(TOKEN_PARAMETER)
        if not expected:
            return True
        header = request.httprequest.headers.get("Authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else token
        return bool(given) and hmac.compare_digest(given.encode(), expected.encode())

    def _refuse(self):
        return request.make_response(
            "Unauthorized\n",
            headers=[
                ("Content-Type", "text/plain; charset=utf-8"),
                ("WWW-Authenticate", 'Bearer realm="xzufi"'),
            ],
            status=401,
        )

    def _current_exports(self):
        return (
            request.env["sc.xzufi.export"]
            .sudo()
            ._sc_current_exports(request.env.company)
        )

    @http.route(
        "/xzufi/index.txt",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def xzufi_index(self, token=None, **kwargs):
        if not self._authorized(token):
            return self._refuse()
        body = "".join(f"{export.file_name}\n" for export in self._current_exports())
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Cache-Control", "no-store"),
            ],
        )

    @http.route(
        "/xzufi/<string:file_name>",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def xzufi_file(self, file_name, token=None, **kwargs):
        if not self._authorized(token):
            return self._refuse()
        export = self._current_exports().filtered(lambda e: e.file_name == file_name)
        if not export:
            raise request.not_found()
        return request.make_response(
            export.attachment_id.raw,
            headers=[
                ("Content-Type", "application/xml; charset=utf-8"),
                ("Content-Disposition", content_disposition(file_name)),
                ("Cache-Control", "no-store"),
            ],
        )
