"""The pull address /xzufi/ over real HTTP: tokens, rate limit, hostile requests."""

from odoo.tests import HttpCase, tagged

from ..models.sc_settings import PULL_RATE_LIMIT_KIND

TOKEN = "abruf-7f3a-2c91"
OTHER_TOKEN = "abruf-nachbar-91c2"
LIMIT_PARAM = f"sc_knowledge.rate_limit_{PULL_RATE_LIMIT_KIND}"


@tagged("post_install", "-at_install")
class TestPullHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.district = Company.create(
            {
                "name": "Landratsamt Abrufkreis",
                "sc_xzufi_pull_token": TOKEN,
                "sc_xzufi_region_key": "160740000000",
            }
        )
        cls.neighbour = Company.create(
            {
                "name": "Landratsamt Nachbarkreis",
                "sc_xzufi_pull_token": OTHER_TOKEN,
                "sc_xzufi_region_key": "160530000000",
            }
        )
        Export = cls.env["sc.xzufi.export"]
        cls.export = Export.with_company(cls.district)._sc_export(
            "full", company=cls.district
        )
        cls.neighbour_export = Export.with_company(cls.neighbour)._sc_export(
            "full", company=cls.neighbour
        )
        cls.base = f"/xzufi/{cls.district.id}"
        cls.neighbour_base = f"/xzufi/{cls.neighbour.id}"
        params = cls.env["ir.config_parameter"]
        params.set_param("sc_knowledge.rate_limit_window", 10)
        params.set_param(LIMIT_PARAM, 100)

    def setUp(self):
        super().setUp()
        self.env["sc.rate.limit"].search([("kind", "=", PULL_RATE_LIMIT_KIND)]).unlink()

    def _get(self, url, token=None):
        """GET url, with token (str, or bytes sent as they are) as Bearer."""
        if isinstance(token, bytes):
            headers = {"Authorization": b"Bearer " + token}
        else:
            headers = {"Authorization": f"Bearer {token}"} if token else None
        return self.url_open(url, headers=headers, allow_redirects=False)

    def _answer(self, response):
        """What a client learns from a refusal."""
        return (
            response.status_code,
            response.text,
            response.headers.get("WWW-Authenticate"),
            response.headers.get("Content-Type"),
        )

    def test_index_and_files_with_the_token(self):
        index = self._get(f"{self.base}/index.txt", TOKEN)
        self.assertEqual(index.status_code, 200)
        self.assertEqual(index.text.split(), [self.export.file_name])
        file_url = f"{self.base}/{self.export.file_name}"
        for response in (
            self._get(file_url, TOKEN),
            self.url_open(f"{file_url}?token={TOKEN}"),
        ):
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, self.export.attachment_id.raw)

    def test_token_of_another_company_is_refused_like_a_wrong_one(self):
        file_url = f"{self.base}/{self.export.file_name}"
        wrong = self._answer(self._get(f"{self.base}/index.txt", "falsch"))
        self.assertEqual(wrong[0], 401)
        self.assertEqual(wrong[2], 'Bearer realm="xzufi"')
        self.assertIn("Zugriff verweigert", wrong[1])
        self.assertEqual(wrong[3], "text/plain; charset=utf-8")
        for url, token in (
            (f"{self.base}/index.txt", OTHER_TOKEN),
            (file_url, OTHER_TOKEN),
            (f"{self.neighbour_base}/index.txt", TOKEN),
            (f"{self.neighbour_base}/{self.neighbour_export.file_name}", TOKEN),
            (f"{self.base}/index.txt", None),
        ):
            with self.subTest(url=url, token=token):
                self.assertEqual(self._answer(self._get(url, token)), wrong)
        self.assertEqual(
            self._answer(self.url_open(f"{file_url}?token={OTHER_TOKEN}")), wrong
        )
        # With its own token a company still sees only its own files.
        foreign_file = f"{self.base}/{self.neighbour_export.file_name}"
        response = self._get(foreign_file, TOKEN)
        self.assertEqual(response.status_code, 404)
        self.assertIn("Nicht gefunden", response.text)

    def test_guesses_over_the_limit_get_429_with_retry_after(self):
        self.env["ir.config_parameter"].set_param(LIMIT_PARAM, 5)
        for guess in range(5):
            response = self._get(f"{self.base}/index.txt", f"rate-{guess}")
            self.assertEqual(response.status_code, 401)
        for url in (f"{self.base}/index.txt", "/xzufi/2147483648/index.txt"):
            # Over the limit even the right token waits, and so does nonsense.
            response = self._get(url, TOKEN)
            self.assertEqual(response.status_code, 429)
            retry_after = int(response.headers["Retry-After"])
            self.assertTrue(0 < retry_after <= 600, retry_after)
            self.assertEqual(
                response.text,
                "Zu viele Anfragen von Ihrer Adresse. Bitte versuchen Sie es in "
                f"{retry_after} Sekunden erneut.\n",
            )
            self.assertEqual(
                response.headers["Content-Type"], "text/plain; charset=utf-8"
            )
        self.assertEqual(
            self.env["sc.rate.limit"].search_count(
                [("kind", "=", PULL_RATE_LIMIT_KIND)]
            ),
            5,
        )

    def test_hostile_requests_get_german_plain_text_and_no_error(self):
        index = f"{self.base}/index.txt"
        long_token = "x" * 60_000
        hostile = [
            (f"/xzufi/{2**31}/index.txt", None, 404),
            ("/xzufi/99999999999999999999999/index.txt", None, 404),
            ("/xzufi/-1/index.txt", None, 404),
            ("/xzufi/0/index.txt", None, 404),
            ("/xzufi/1.5/index.txt", None, 404),
            ("/xzufi/%EF%BC%91/index.txt", None, 404),  # a full-width digit one
            ("/xzufi/abc/index.txt", None, 404),
            ("/xzufi/%00/index.txt", None, 404),
            (f"/xzufi/{self.district.id}/1/index.txt", None, 404),
            ("/xzufi/..%2F..%2Fetc%2Fpasswd", None, 404),
            ("/xzufi/%2e%2e%2f%2e%2e%2fetc%2fpasswd", None, 404),
            (f"{self.base}/..%2F{self.neighbour.id}%2Findex.txt", TOKEN, 404),
            (f"{self.base}/index.txt%00", TOKEN, 404),
            (f"{self.base}/%00", TOKEN, 404),
            (f"{self.base}/{'a' * 5000}.xml", TOKEN, 404),
            (f"{index}?token=%00", None, 401),
            (f"{index}?token=%FF%FE%00", None, 401),
            (f"{index}?token={long_token}", None, 401),
            (index, "\x00\x01\x1b\x7f", 401),
            (index, "ä€".encode(), 401),  # raw UTF-8 bytes in the header
            (index, long_token, 401),
            (f"{index}?token=a&token=b", None, 400),
            (f"{index}?token={TOKEN}&token={TOKEN}", None, 400),
            (f"{index}?token={TOKEN}", TOKEN, 400),
        ]
        with self.assertNoLogs(level="WARNING"):
            for url, token, status in hostile:
                with self.subTest(url=url[:80], token=token and token[:20]):
                    response = self._get(url, token)
                    self.assertEqual(response.status_code, status)
                    self.assertEqual(
                        response.headers["Content-Type"], "text/plain; charset=utf-8"
                    )
                    self.assertTrue(
                        response.text.startswith(
                            ("Nicht gefunden", "Zugriff verweigert", "Bitte senden")
                        ),
                        response.text,
                    )
            for header in ("Basic Zm9vOmJhcg==", "Bearer", "bearer\t" + TOKEN):
                response = self.url_open(index, headers={"Authorization": header})
                self.assertEqual(response.status_code, 401, header)
