# Copyright 2026 Servicecenter contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import html2plaintext, is_html_empty

from ..tools.dates import service_datetime_formatter


class ScDataProtection(models.AbstractModel):
    """The one place of the suite's data protection rules (DSGVO).

    Each addon lists the models that hold citizens' data in
    ``_sc_personal_models``. Such a model implements:

    - ``_sc_retention_domain(companies, cutoff)``: its records of these
      companies that still hold personal data and ended before ``cutoff``;
    - ``_sc_partner_domain(partners)``: its records that still hold personal
      data of these partners;
    - ``_sc_citizens()``: the partners these records name;
    - ``_sc_personal_documents()``: the recordsets whose messages, activities and
      attachments belong to these records (the records themselves, forwards);
    - ``_sc_anonymize()``: remove the personal data of the records and keep
      what the statistics need (counts, dates, durations, services, units);
    - ``_sc_export_sections()``: the records as sections of the information
      to the person (Art. 15): dicts of title, column labels, rows of text.

    Anonymising a record drops its link to the citizen, so a partner is kept
    exactly as long as some record still names them: one that is open or still
    within its retention period.
    """

    _name = "sc.data.protection"
    _description = "Data Protection"

    @api.model
    def _sc_personal_models(self):
        """Names of the models holding citizens' data (extended per addon)."""
        return []

    # ------------------------------------------------------------------
    # Retention period (cron)
    # ------------------------------------------------------------------

    @api.model
    def _cron_anonymize(self, batch_size=500):
        """Anonymise what is past its company's retention period, then the
        citizens nothing else of theirs still holds."""
        done = remaining = 0
        citizens = self.env["res.partner"]
        for records, domain in self._sc_due_batches(batch_size):
            citizens |= records._sc_citizens()
            self._sc_anonymize_records(records)
            done += len(records)
            remaining += records.search_count(domain)
        self._sc_anonymize_partners(citizens - self._sc_held_partners(citizens))
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _sc_due_batches(self, batch_size):
        """(records past retention, their domain) per personal model."""
        batches = []
        for model in self._sc_personal_models():
            records = self.env[model].sudo().with_context(active_test=False)
            domain = self._sc_due_domain(records)
            if domain:
                batches.append((records.search(domain, limit=batch_size), domain))
        return batches

    @api.model
    def _sc_due_domain(self, records):
        """The records of that model past their company's retention period:
        one condition per period in use, one query for all companies (empty
        when no company anonymises)."""
        periods = self._sc_retention_periods()
        if not periods:
            return []
        return expression.OR(
            [
                records._sc_retention_domain(companies, cutoff)
                for companies, cutoff in periods
            ]
        )

    @api.model
    def _sc_retention_periods(self):
        """[(companies, cutoff)]: one entry per retention period in use
        (companies with 0 days keep their data)."""
        companies = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("sc_retention_days", ">", 0)])
        )
        now = fields.Datetime.now()
        return [
            (group, now - timedelta(days=days))
            for days, group in companies.grouped("sc_retention_days").items()
        ]

    @api.model
    def _sc_held_partners(self, partners):
        """The partners that some record still names (open, or within its
        retention period)."""
        held = self.env["res.partner"]
        for records in self._sc_records_of(partners):
            held |= records._sc_citizens()
        return held & partners

    # ------------------------------------------------------------------
    # Erasure (Art. 17) and information (Art. 15)
    # ------------------------------------------------------------------

    @api.model
    def _sc_erase(self, partners):
        """Anonymise these citizens and everything that names them, now.

        :returns: number of records anonymised, the partners included
        """
        partners = partners._sc_citizens()
        count = len(partners)
        for records in self._sc_records_of(partners):
            self._sc_anonymize_records(records)
            count += len(records)
        self._sc_anonymize_partners(partners)
        return count

    @api.model
    def _sc_information(self, partner):
        """Art. 15: the sections of the information to this person, each a
        dict of title, column labels and rows of text. Read with the rights of
        the user who asks (the companies they work in)."""
        partner.ensure_one()
        documents = [partner]
        sections = []
        for model in self._sc_personal_models():
            records = self.env[model].with_context(active_test=False)
            records = records.search(records._sc_partner_domain(partner))
            documents += records._sc_personal_documents()
            sections += records._sc_export_sections()
        messages = self._sc_messages_of(partner, documents)
        return [*sections, self._sc_message_section(messages)]

    @api.model
    def _sc_message_section(self, messages):
        local_time = service_datetime_formatter(self.env)
        return {
            "title": self.env._("Messages"),
            "columns": [
                self.env._("Date"),
                self.env._("Document"),
                self.env._("From"),
                self.env._("Text"),
            ],
            "rows": [
                [
                    local_time(message.date),
                    message.record_name or "",
                    message.author_id.name or message.email_from or "",
                    html2plaintext(message.body or message.subject or ""),
                ]
                for message in messages
            ],
        }

    @api.model
    def _sc_records_of(self, partners):
        """The records of every personal model that still name these partners,
        one recordset per model (as superuser: retention and erasure reach all
        companies)."""
        if not partners:
            return []
        return [
            records.search(records._sc_partner_domain(partners))
            for records in (
                self.env[model].sudo().with_context(active_test=False)
                for model in self._sc_personal_models()
            )
        ]

    @api.model
    def _sc_messages_of(self, partners, documents):
        """The messages with a text held about these partners: on the
        documents (the contacts among them) and those they wrote anywhere."""
        domain = expression.OR(
            [
                self._sc_documents_domain("model", documents),
                [("author_id", "in", partners.ids)],
            ]
        )
        messages = self.env["mail.message"].search(domain, order="date, id")
        return messages.filtered(lambda m: not is_html_empty(m.body))

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------

    @api.model
    def _sc_anonymize_records(self, records):
        if not records:
            return
        documents = records._sc_personal_documents()
        records._sc_anonymize()
        self._sc_wipe_documents(documents)

    @api.model
    def _sc_anonymize_partners(self, partners):
        """Empty the citizens' contacts, their chatter and what they wrote."""
        partners = partners._sc_citizens()
        if not partners:
            return
        authored = (
            self.env["mail.message"].sudo().search([("author_id", "in", partners.ids)])
        )
        # renamed first: the wiped messages take the new name of the contact
        partners._sc_anonymize()
        self._sc_wipe_documents([partners])
        self._sc_wipe_messages(authored)

    @api.model
    def _sc_removed_html(self):
        return f"<p>{self.env._('Removed (data protection)')}</p>"

    @api.model
    def _sc_documents_domain(self, model_field, documents):
        """Domain on ``model_field``/``res_id`` for the records of
        ``documents`` (a list of recordsets of any models)."""
        return expression.OR(
            [(model_field, "=", records._name), ("res_id", "in", records.ids)]
            for records in documents
            if records
        )

    @api.model
    def _sc_wipe_documents(self, documents):
        """Empty the messages, activities, attachments and outside followers
        of ``documents`` (a list of recordsets of any models)."""
        documents = [records for records in documents if records]
        if not documents:
            return
        env = self.env(su=True)
        messages = env["mail.message"].search(
            self._sc_documents_domain("model", documents)
        )
        self._sc_wipe_messages(messages)
        on_documents = self._sc_documents_domain("res_model", documents)
        activities = (
            env["mail.activity"].with_context(active_test=False).search(on_documents)
        )
        activities.write({"summary": False, "note": False})
        # Activities store the document's name, i.e. the old subject.
        self.env.add_to_compute(activities._fields["res_name"], activities)
        env["ir.attachment"].search(on_documents).unlink()
        env["mail.followers"].search(
            expression.AND([on_documents, [("partner_id.user_ids", "=", False)]])
        ).unlink()

    @api.model
    def _sc_wipe_messages(self, messages):
        """Empty messages and what hangs on them: the outgoing copies with
        their own body and recipients, tracked values, attachments."""
        if not messages:
            return
        messages = messages.sudo()
        removed = self._sc_removed_html()
        messages.write(
            {
                "body": removed,
                "subject": False,
                "email_from": False,
                "reply_to": False,
                "author_id": False,
            }
        )
        self._sc_refresh_record_names(messages)
        self.env["mail.mail"].sudo().search(
            [("mail_message_id", "in", messages.ids)]
        ).write(
            {
                "body_html": removed,
                "email_to": False,
                "email_cc": False,
                "recipient_ids": [fields.Command.clear()],
            }
        )
        messages.tracking_value_ids.unlink()
        messages.attachment_ids.unlink()

    @api.model
    def _sc_refresh_record_names(self, messages):
        """Messages store their document's name, i.e. the old subject."""
        for model, group in messages.filtered("model").grouped("model").items():
            documents = self.env[model].sudo().browse(group.mapped("res_id")).exists()
            names = {document.id: document.display_name for document in documents}
            for message in group:
                message.record_name = names.get(message.res_id, False)
