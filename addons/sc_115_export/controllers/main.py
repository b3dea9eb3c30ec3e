import re

from odoo import http
from odoo.http import content_disposition, request
from odoo.tools import consteq

from odoo.addons.sc_knowledge.controllers.public import retry_after
from odoo.addons.sc_knowledge.tools.public_input import record_id

from ..models.sc_settings import DEFAULT_PULL_RATE_LIMIT, PULL_RATE_LIMIT_KIND

INDEX = "index.txt"
# Export file names: xzufi_<kind>_<timestamp>_<id>.xml; anything else is no file.
FILE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
# The Portalverbund is a German system: the plain-text answers are German
# whatever language the client asks for.
ANSWER_LANG = "de_DE"


class XZuFiPullController(http.Controller):
    """Pull delivery in the style of the Portalverbund (PVOG) collector.

    Each company publishes its files under its own base URL,
    ``/xzufi/<company id>/``; ``/xzufi/`` is the base URL of the default
    company (the public user's). ``GET <base>/index.txt`` lists the current
    files (the latest full export and the change exports after it, oldest
    first), one file name per line; each is downloadable as ``GET <base>/<file>``.
    A company with a pull token answers only requests carrying that token once
    (header ``Authorization: Bearer <token>`` or parameter ``token``); any other
    token, another company's included, gets the same 401.

    One route takes every path below ``/xzufi/`` so that each request is
    counted against the rate limit before anything else happens, and whatever
    a client sends is answered in German plain text: 429 over the limit, 400
    for a repeated token, 404 for an unknown company or file, 401 without the
    right token.
    """

    @http.route(
        "/xzufi/<path:path>",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def xzufi_pull(self, path, **_params):
        request.update_context(lang=ANSWER_LANG)
        if seconds := retry_after(PULL_RATE_LIMIT_KIND, DEFAULT_PULL_RATE_LIMIT):
            return self._message(
                429,
                request.env._(
                    "Too many requests from your address. Please try again in "
                    "%(seconds)s seconds.",
                    seconds=seconds,
                ),
                headers=[("Retry-After", str(seconds))],
            )
        tokens = self._given_tokens()
        if len(tokens) > 1:
            return self._message(
                400,
                request.env._(
                    "Please send the pull token only once: either as header "
                    "“Authorization: Bearer <token>” or as parameter “token”."
                ),
            )
        company, file_name = self._target(path)
        if not company:
            return self._not_found()
        if not self._authorized(company, tokens):
            return self._message(
                401,
                request.env._(
                    "Access denied: please send the valid pull token for this "
                    "address (header “Authorization: Bearer <token>” or parameter "
                    "“token”)."
                ),
                headers=[("WWW-Authenticate", 'Bearer realm="xzufi"')],
            )
        return self._serve(company, file_name)

    def _serve(self, company, file_name):
        """company's index.txt or one of the files it lists."""
        exports = request.env["sc.xzufi.export"].sudo()._sc_current_exports(company)
        if file_name == INDEX:
            body = "".join(f"{export.file_name}\n" for export in exports)
            return self._text_response(body, headers=[("Cache-Control", "no-store")])
        export = exports.filtered(lambda e: e.file_name == file_name)
        if not export:
            return self._not_found()
        return request.make_response(
            export.attachment_id.raw,
            headers=[
                ("Content-Type", "application/xml; charset=utf-8"),
                ("Content-Disposition", content_disposition(file_name)),
                ("Cache-Control", "no-store"),
            ],
        )

    def _target(self, path):
        """(company, file name) addressed by the path below /xzufi/; the
        company is empty when the path names none or cannot name a file."""
        *company_part, file_name = path.split("/")
        if len(company_part) > 1 or not FILE_NAME.match(file_name):
            return None, file_name
        if not company_part:
            return request.env.company, file_name
        company_id = record_id(company_part[0])
        if company_id is None:
            return None, file_name
        return request.env["res.company"].sudo().browse(company_id).exists(), file_name

    def _given_tokens(self):
        """Every token the request carries: the Bearer header and each
        ``token`` parameter."""
        tokens = request.httprequest.args.getlist("token")
        header = request.httprequest.headers.get("Authorization", "")
        scheme, _sep, credentials = header.partition(" ")
        if scheme.lower() == "bearer":
            tokens.append(credentials.strip())
        return tokens

    def _authorized(self, company, tokens):
        """Whether the request may read company's files: the company has no
        token, or the one token given is company's (compared in constant time;
        whose token it is otherwise is never looked up)."""
        expected = company.sudo().sc_xzufi_pull_token
        if not expected:
            return True
        if not tokens:
            return False
        return consteq(
            tokens[0].encode("utf-8", "replace"), expected.encode("utf-8", "replace")
        )

    def _not_found(self):
        return self._message(
            404, request.env._("Not found: there is no XZuFi file at this address.")
        )

    def _message(self, status, text, headers=()):
        return self._text_response(f"{text}\n", status=status, headers=headers)

    def _text_response(self, body, status=200, headers=()):
        return request.make_response(
            body,
            headers=[("Content-Type", "text/plain; charset=utf-8"), *headers],
            status=status,
        )
