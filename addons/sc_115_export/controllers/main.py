import hmac

from odoo import http
from odoo.http import content_disposition, request


class XZuFiPullController(http.Controller):
    """Pull delivery in the style of the Portalverbund (PVOG) collector.

    Each company publishes its files under its own base URL,
    ``/xzufi/<company id>/``; ``/xzufi/`` is the base URL of the default
    company (the public user's). ``GET <base>/index.txt`` lists the current
    files (the latest full export and the change exports after it, oldest
    first), one file name per line; each is downloadable as ``GET <base>/<file>``.
    A company with a pull token answers only requests carrying that token:
    none or an unknown one gets 401, the token of another company 403.
    """

    def _company(self, company_id):
        if company_id is None:
            return request.env.company
        company = request.env["res.company"].sudo().browse(company_id).exists()
        if not company:
            raise request.not_found()
        return company

    def _refusal(self, company, token):
        """None when the request may read company's files, else the response."""
        expected = company.sudo().sc_xzufi_pull_token
        if not expected:
            return None
        header = request.httprequest.headers.get("Authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else token
        if given and hmac.compare_digest(given.encode(), expected.encode()):
            return None
        other = given and request.env["res.company"].sudo().search_count(
            [("sc_xzufi_pull_token", "=", given), ("id", "!=", company.id)], limit=1
        )
        if other:
            return self._text_response("Forbidden\n", status=403)
        return self._text_response(
            "Unauthorized\n",
            status=401,
            headers=[("WWW-Authenticate", 'Bearer realm="xzufi"')],
        )

    def _text_response(self, body, status=200, headers=()):
        return request.make_response(
            body,
            headers=[("Content-Type", "text/plain; charset=utf-8"), *headers],
            status=status,
        )

    def _current_exports(self, company):
        return request.env["sc.xzufi.export"].sudo()._sc_current_exports(company)

    @http.route(
        ["/xzufi/index.txt", "/xzufi/<int:company_id>/index.txt"],
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def xzufi_index(self, company_id=None, token=None, **kwargs):
        company = self._company(company_id)
        if refusal := self._refusal(company, token):
            return refusal
        exports = self._current_exports(company)
        body = "".join(f"{export.file_name}\n" for export in exports)
        return self._text_response(body, headers=[("Cache-Control", "no-store")])

    @http.route(
        ["/xzufi/<string:file_name>", "/xzufi/<int:company_id>/<string:file_name>"],
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def xzufi_file(self, file_name, company_id=None, token=None, **kwargs):
        company = self._company(company_id)
        if refusal := self._refusal(company, token):
            return refusal
        export = self._current_exports(company).filtered(
            lambda e: e.file_name == file_name
        )
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
