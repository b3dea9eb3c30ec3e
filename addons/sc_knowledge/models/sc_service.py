import logging
import re

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, create_index, html2plaintext

from ..tools import LEIKA_KEY
from ..tools.catalog_search import is_confident, normalize, tokens
from ..tools.links import web_url
from ..tools.region import REGION_LEVELS, region_prefix

_logger = logging.getLogger(__name__)

# word_similarity() threshold of pg_trgm's <% operator while searching the catalog
SIMILARITY_THRESHOLD = 0.45
BODY_WEIGHT = 0.6
# A caller's filter that leaves at most this many services restricts the scoring.
RESTRICT_MAX = 2000
# A word in the texts of this many services or more says little about which one
# is meant (a search engine's inverse document frequency): for such a common
# word only the services that have it in their name are scored.
COMMON_WORD_POSTINGS = 5000
SEARCH_INDEX_DDL = """
CREATE TABLE IF NOT EXISTS sc_service_search_term (word varchar PRIMARY KEY);
CREATE TABLE IF NOT EXISTS sc_service_search_posting (
    word varchar NOT NULL,
    service_id integer NOT NULL REFERENCES sc_service(id) ON DELETE CASCADE,
    weight double precision NOT NULL,
    PRIMARY KEY (word, service_id)
);
CREATE INDEX IF NOT EXISTS sc_service_search_posting_service_idx
    ON sc_service_search_posting (service_id);
CREATE INDEX IF NOT EXISTS sc_service_search_posting_name_idx
    ON sc_service_search_posting (word, service_id) WHERE weight >= 1;
CREATE OR REPLACE FUNCTION sc_service_search_index() RETURNS trigger AS $$
BEGIN
    DELETE FROM sc_service_search_posting WHERE service_id = NEW.id;
    INSERT INTO sc_service_search_posting (word, service_id, weight)
    SELECT word, NEW.id, MAX(weight) FROM (
        SELECT regexp_split_to_table(COALESCE(NEW.search_name, ''), ' ') AS word,
               1.0 AS weight
        UNION ALL
        SELECT regexp_split_to_table(COALESCE(NEW.search_body, ''), ' '),
               %(body_weight)s
    ) words
    WHERE word <> ''
    GROUP BY word;
    INSERT INTO sc_service_search_term (word)
    SELECT word FROM sc_service_search_posting WHERE service_id = NEW.id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS sc_service_search_index ON sc_service;
CREATE TRIGGER sc_service_search_index
    AFTER INSERT OR UPDATE OF search_name, search_body ON sc_service
    FOR EACH ROW EXECUTE FUNCTION sc_service_search_index();
UPDATE sc_service SET search_name = search_name
 WHERE NOT EXISTS (
    SELECT 1 FROM sc_service_search_posting p WHERE p.service_id = sc_service.id
 );
"""
# The areas (regional key prefixes, one per ARS level down to the unit's own) in
# which a service has an active responsible unit, kept current by statement
# triggers on the service-unit relation and on the units: searching an area is
# an index range instead of a LIKE over the units of 40,000 links.
AREA_INDEX_DDL = """
CREATE TABLE IF NOT EXISTS sc_service_area (
    area_key varchar NOT NULL,
    service_id integer NOT NULL REFERENCES sc_service(id) ON DELETE CASCADE,
    PRIMARY KEY (area_key, service_id)
);
CREATE INDEX IF NOT EXISTS sc_service_area_service_idx
    ON sc_service_area (service_id);
CREATE OR REPLACE FUNCTION sc_service_area_refresh(services integer[])
RETURNS void AS $$
BEGIN
    DELETE FROM sc_service_area WHERE service_id = ANY(services);
    INSERT INTO sc_service_area (area_key, service_id)
    SELECT DISTINCT substr(unit.sc_region_key, 1, level.len), rel.service_id
      FROM sc_service_org_unit_rel rel
      JOIN sc_org_unit unit ON unit.id = rel.org_unit_id
     CROSS JOIN unnest(%(levels)s::int[], %(previous)s::int[]) AS level(len, prev)
     WHERE rel.service_id = ANY(services)
       AND unit.active
       AND length(unit.sc_region_key) >= level.len
       AND rtrim(substr(unit.sc_region_key, level.prev + 1), '0') <> '';
END
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION sc_service_area_linked() RETURNS trigger AS $$
BEGIN
    PERFORM sc_service_area_refresh(ARRAY(SELECT DISTINCT service_id FROM changed));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION sc_service_area_unit_changed() RETURNS trigger AS $$
BEGIN
    PERFORM sc_service_area_refresh(ARRAY(
        SELECT DISTINCT rel.service_id
          FROM new_unit JOIN old_unit USING (id)
          JOIN sc_service_org_unit_rel rel ON rel.org_unit_id = new_unit.id
         WHERE new_unit.sc_region_key IS DISTINCT FROM old_unit.sc_region_key
            OR new_unit.active IS DISTINCT FROM old_unit.active
    ));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS sc_service_area_linked ON sc_service_org_unit_rel;
CREATE TRIGGER sc_service_area_linked
    AFTER INSERT ON sc_service_org_unit_rel REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION sc_service_area_linked();
DROP TRIGGER IF EXISTS sc_service_area_unlinked ON sc_service_org_unit_rel;
CREATE TRIGGER sc_service_area_unlinked
    AFTER DELETE ON sc_service_org_unit_rel REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION sc_service_area_linked();
DROP TRIGGER IF EXISTS sc_service_area_unit_changed ON sc_org_unit;
CREATE TRIGGER sc_service_area_unit_changed
    AFTER UPDATE ON sc_org_unit
    REFERENCING OLD TABLE AS old_unit NEW TABLE AS new_unit
    FOR EACH STATEMENT EXECUTE FUNCTION sc_service_area_unit_changed();
"""


class ScService(models.Model):
    _name = "sc.service"
    _description = "Service"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(
        string="Service Name",
        required=True,
        tracking=True,
        index="trigram",
        help="Leistungsbezeichnung as citizens know it.",
    )
    leika_key = fields.Char(
        string="LeiKa Key",
        tracking=True,
        index=True,
        help="14-digit key of the German service catalogue (Leistungsschlüssel). "
        "Leave empty when it is unknown.",
    )
    summary = fields.Text(string="Short Text", tracking=True)
    description = fields.Html(string="Full Text", sanitize_style=True)
    document_ids = fields.One2many(
        comodel_name="sc.service.document",
        inverse_name="service_id",
        string="Required Documents",
        copy=True,
    )
    prerequisites = fields.Html()
    procedure = fields.Html()
    fee_amount_from = fields.Float(
        string="Fee from (EUR)", digits=(10, 2), tracking=True
    )
    fee_amount_to = fields.Float(
        string="Fee up to (EUR)", digits=(10, 2), tracking=True
    )
    fee_text = fields.Text(string="Fees")
    processing_time = fields.Char()
    deadline_text = fields.Text(string="Deadlines")
    legal_basis = fields.Text()
    form_links = fields.Html(string="Forms and Links")
    online_service_url = fields.Char(
        string="Online Service",
        help="Web address (https://…) where citizens apply online.",
    )
    main_org_unit_id = fields.Many2one(
        comodel_name="sc.org.unit",
        string="Responsible Unit",
        tracking=True,
        index=True,
        check_company=True,
        help="The unit that leads on this service; further units may share it.",
    )
    org_unit_ids = fields.Many2many(
        comodel_name="sc.org.unit",
        relation="sc_service_org_unit_rel",
        column1="service_id",
        column2="org_unit_id",
        string="Responsible Units",
        check_company=True,
    )
    sc_area_key = fields.Char(
        string="Responsible Area (ARS)",
        compute="_compute_sc_area_key",
        search="_search_sc_area_key",
        help="Regional key (Amtlicher Regionalschlüssel) of the responsible unit. "
        "Searching by a key finds the services any of whose units is responsible "
        "for that area or an area within it: a district's key also finds the "
        "units of its municipalities.",
    )
    category_id = fields.Many2one(
        comodel_name="sc.service.category", string="Topic", index=True, tracking=True
    )
    keyword_ids = fields.Many2many(
        comodel_name="sc.service.keyword",
        string="Keywords",
        help="Words citizens use on the phone for this service.",
    )
    agent_note = fields.Text(
        string="Internal Note for Agents",
        groups="sc_knowledge.group_agent",
        help="Never sent to citizens.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("published", "Published"),
            ("archived", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    editor_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible Editor",
        default=lambda self: self.env.user,
        tracking=True,
    )
    last_review_date = fields.Date(
        string="Last Reviewed on", default=fields.Date.context_today, tracking=True
    )
    reviewer_id = fields.Many2one(comodel_name="res.users", string="Last Reviewed by")
    review_interval_months = fields.Integer(
        string="Review Interval (months)", default=12
    )
    next_review_date = fields.Date(
        compute="_compute_next_review_date", store=True, index=True
    )
    review_due = fields.Boolean(
        compute="_compute_review_due", search="_search_review_due"
    )
    search_name = fields.Char(compute="_compute_search_text", store=True)
    search_body = fields.Text(compute="_compute_search_text", store=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Left empty, the service is shared by all companies.",
    )

    _sql_constraints = [
        (
            "leika_key_uniq",
            "unique(leika_key, company_id)",
            "Another service already has this LeiKa key.",
        ),
        (
            "fee_range",
            "CHECK(fee_amount_to = 0 OR fee_amount_to >= fee_amount_from)",
            "The upper fee must not be lower than the lower fee.",
        ),
    ]

    def init(self):
        """Word index of the catalog search, kept current by a trigger.

        Every normalised word of a service is a posting (service, word, weight);
        the distinct words form a small vocabulary that pg_trgm compares with the
        query words, so similarity is computed per distinct word, not per service.
        """
        cr = self.env.cr
        cr.execute(SQL(SEARCH_INDEX_DDL, body_weight=BODY_WEIGHT))
        self._init_area_index()
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as error:  # noqa: BLE001 - any refusal degrades the same way
            _logger.warning(
                "pg_trgm cannot be created (%s): the catalog search falls back to "
                "plain substring matching without typo tolerance.",
                error,
            )
            return
        # Odoo reads this flag once per registry load; the extension exists now, so
        # the name's trigram index and the catalog search may use it right away.
        self.env.registry.has_trigram = True
        create_index(
            cr,
            "sc_service_search_term_trgm_idx",
            "sc_service_search_term",
            ["word gin_trgm_ops"],
            "gin",
        )

    def _init_area_index(self):
        """Area index (see AREA_INDEX_DDL), filled once when it is created."""
        cr = self.env.cr
        cr.execute("SELECT to_regclass('sc_service_area') IS NULL")
        created = cr.fetchone()[0]
        cr.execute(
            SQL(
                AREA_INDEX_DDL,
                levels=list(REGION_LEVELS),
                previous=[0, *REGION_LEVELS[:-1]],
            )
        )
        if created:
            cr.execute(
                "SELECT sc_service_area_refresh(ARRAY("
                "SELECT DISTINCT service_id FROM sc_service_org_unit_rel))"
            )

    @api.depends("last_review_date", "review_interval_months")
    def _compute_next_review_date(self):
        for service in self:
            if service.last_review_date and service.review_interval_months > 0:
                service.next_review_date = service.last_review_date + relativedelta(
                    months=service.review_interval_months
                )
            else:
                service.next_review_date = False

    @api.depends("next_review_date")
    def _compute_review_due(self):
        today = fields.Date.context_today(self)
        for service in self:
            service.review_due = bool(
                service.next_review_date and service.next_review_date <= today
            )

    def _search_review_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on review due."))
        due = [("next_review_date", "<=", fields.Date.context_today(self))]
        return due if (operator == "=") == value else ["!", *due]

    @api.depends(
        "name",
        "leika_key",
        "keyword_ids.name",
        "summary",
        "category_id.complete_name",
        "document_ids.name",
    )
    def _compute_search_text(self):
        for service in self:
            service.search_name = normalize(
                service.name, " ".join(service.keyword_ids.mapped("name"))
            )
            service.search_body = normalize(
                service.summary,
                service.category_id.complete_name,
                " ".join(service.document_ids.mapped("name")),
                service.leika_key,
            )

    @api.depends("main_org_unit_id.sc_region_key")
    def _compute_sc_area_key(self):
        for service in self:
            service.sc_area_key = service.main_org_unit_id.sc_region_key

    def _search_sc_area_key(self, operator, value):
        """Services with a unit in the area of a regional key (or of any of a
        list of keys), read from the area index."""
        if operator not in ("=", "in") or not value:
            raise UserError(self.env._("Unsupported search on the responsible area."))
        # The index follows the tables by trigger: pending writes go first.
        self.flush_model(["org_unit_ids"])
        self.env["sc.org.unit"].flush_model(["sc_region_key", "active", "service_ids"])
        keys = [value] if operator == "=" else list(value)
        prefixes = tuple({region_prefix(key) for key in keys if key})
        if not prefixes or any(len(p) not in REGION_LEVELS for p in prefixes):
            # Not a regional key (too short, a partial level): no area has it.
            return [("id", "=", 0)]
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT service_id FROM sc_service_area WHERE area_key IN %s)",
                    prefixes,
                ),
            )
        ]

    @api.model
    def _sc_region_domain(self, region_key):
        """Domain of the services a unit of the area region_key (a regional key,
        ARS) is responsible for, the areas within it included: a district's key
        also finds the units of its municipalities."""
        key = (region_key or "").strip()
        return [("sc_area_key", "=", key)] if key else []

    @api.constrains("leika_key")
    def _check_leika_key(self):
        for service in self.filtered("leika_key"):
            if not LEIKA_KEY.match(service.leika_key):
                raise ValidationError(
                    self.env._(
                        "The LeiKa key “%(key)s” is not valid: it consists of exactly "
                        "14 digits, for example 99050012104000. Please leave the field "
                        "empty if you do not know the key.",
                        key=service.leika_key,
                    )
                )

    @api.constrains("online_service_url")
    def _check_online_service_url(self):
        for service in self.filtered("online_service_url"):
            if not web_url(service.online_service_url):
                raise ValidationError(
                    self.env._(
                        "The address of the online service “%(url)s” is not valid: "
                        "please enter a complete web address beginning with "
                        "https:// (or http://), for example "
                        "https://www.example.org/antrag.",
                        url=service.online_service_url,
                    )
                )

    @api.constrains("main_org_unit_id", "org_unit_ids")
    def _check_main_org_unit(self):
        for service in self.filtered("main_org_unit_id"):
            if service.main_org_unit_id not in service.org_unit_ids:
                raise ValidationError(
                    self.env._(
                        "The responsible unit of “%(service)s” must be one of its "
                        "responsible units.",
                        service=service.name,
                    )
                )

    @api.onchange("main_org_unit_id")
    def _onchange_main_org_unit_id(self):
        if self.main_org_unit_id and self.main_org_unit_id not in self.org_unit_ids:
            self.org_unit_ids |= self.main_org_unit_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._prepare_vals(vals)
        return super().write(vals)

    @api.model
    def _prepare_vals(self, vals):
        """Strip blanks from LeiKa keys and around the online service address,
        and make the main unit a responsible unit."""
        if vals.get("leika_key"):
            vals["leika_key"] = re.sub(r"\s", "", vals["leika_key"])
        if isinstance(vals.get("online_service_url"), str):
            vals["online_service_url"] = vals["online_service_url"].strip()
        if vals.get("main_org_unit_id"):
            vals["org_unit_ids"] = [
                *vals.get("org_unit_ids", []),
                Command.link(vals["main_org_unit_id"]),
            ]

    def action_publish(self):
        self.write({"state": "published"})

    def action_withdraw(self):
        self.write({"state": "archived"})

    def action_reset_to_draft(self):
        self.write({"state": "draft"})

    def action_mark_reviewed(self):
        self.write(
            {
                "last_review_date": fields.Date.context_today(self),
                "reviewer_id": self.env.uid,
            }
        )
        self.activity_feedback(["sc_knowledge.mail_activity_type_review"])

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        if name and self.env.context.get("sc_catalog_search"):
            hits = self.search_catalog(name, limit=limit, domain=args)
            return [(hit["id"], hit["name"]) for hit in hits]
        return super().name_search(name, args, operator, limit)

    @api.model
    def search_catalog(self, query, limit=10, published_only=True, domain=None):
        """Rank services for what a citizen says;
        ``[{id, name, leika_key, score, confident}]``.

        Runs in PostgreSQL: pg_trgm word similarity of each normalised query word
        against the service name and keywords (full weight) and the short text,
        topic and documents (lower weight), summed over the words. Only records the
        user may read are returned. ``confident`` tells whether the service matched
        every distinctive query word (see ``tools.catalog_search.is_confident``).
        """
        words = tokens(query)[:8]
        if not words or not limit:
            return []
        self.browse().check_access("read")
        self.flush_model(
            ["search_name", "search_body", "state", "active", "company_id"]
        )
        restrict = None
        domain = list(domain or [])
        if published_only:
            domain.append(("state", "=", "published"))
        base = self._search(domain)
        if len(domain) > published_only:
            restrict = self._search_catalog_filter_size(base)
        rows = (
            self._search_catalog_trigram(words, base, limit, restrict)
            if self.env.registry.has_trigram
            else self._search_catalog_substring(words, base, limit)
        )
        return [
            {
                "id": row[0],
                "name": row[1],
                "leika_key": row[2] or False,
                "score": row[3],
                "confident": is_confident(
                    words, [pos - 1 for pos in row[4]], [pos - 1 for pos in row[5]]
                ),
            }
            for row in rows
        ]

    def _search_catalog_filter_size(self, base):
        """Size class of a caller's filter: "few" when it leaves at most
        RESTRICT_MAX services (a unit): only their postings are scored. Else
        "many" (an area): the postings of the query's terms are scored and then
        filtered."""
        # A few thousand index rows: parallel workers cost more than they save.
        self.env.cr.execute(SQL("SET LOCAL max_parallel_workers_per_gather = 0"))
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM (%s LIMIT %s) few",
                base.subselect(),
                RESTRICT_MAX + 1,
            )
        )
        return "few" if self.env.cr.fetchone()[0] <= RESTRICT_MAX else "many"

    def _search_catalog_trigram(self, words, base, limit, restrict=None):
        """Services that match every query word first, as search engines do:
        their few postings are scored instead of those of every service that
        matches any word (at state scale, a common word such as "beantragen"
        has tens of thousands). The other services only when fewer than
        ``limit`` match every word."""
        self.env.cr.execute(
            SQL(
                "SET LOCAL pg_trgm.word_similarity_threshold = %s", SIMILARITY_THRESHOLD
            )
        )
        # The planner cannot know how few services match every word; its
        # estimate would buy a JIT compilation that costs more than the query.
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        if len(words) > 1:
            rows = self._search_catalog_ranked(
                words, base, limit, every_word=True, restrict=restrict
            )
            if len(rows) >= limit:
                return rows
        return self._search_catalog_ranked(
            words, base, limit, every_word=False, restrict=restrict
        )

    def _search_catalog_common_words(self):
        """The words in at least COMMON_WORD_POSTINGS postings, as PostgreSQL's
        planner statistics count them (pg_stats, kept by autovacuum's ANALYZE):
        counting them at every search would cost more than the search."""
        self.env.cr.execute(
            SQL(
                """
                SELECT common.word
                  FROM pg_stats stats
                  JOIN pg_class postings ON postings.relname = stats.tablename
                 CROSS JOIN unnest(stats.most_common_vals::text::varchar[],
                                   stats.most_common_freqs) AS common(word, share)
                 WHERE stats.tablename = 'sc_service_search_posting'
                   AND stats.attname = 'word'
                   AND common.share * postings.reltuples >= %s
                """,
                COMMON_WORD_POSTINGS,
            )
        )
        return [word for (word,) in self.env.cr.fetchall()]

    def _search_catalog_every_word(self, count):
        """The services with a term for each of the ``count`` query words: the
        intersection of their posting lists, skipped at once (one-time filter)
        when a word has no term at all."""
        return SQL(" INTERSECT ").join(
            SQL(
                "SELECT service_id FROM (%s) postings",
                self._search_catalog_postings(
                    [
                        SQL("terms.pos = %s", pos),
                        SQL("(SELECT count(DISTINCT pos) FROM terms) = %s", count),
                    ]
                ),
            )
            for pos in range(1, count + 1)
        )

    def _search_catalog_postings(self, filters):
        """The postings (service_id, pos, similarity, weight) of the query's
        terms that pass ``filters``; of a common word only those of names."""
        return SQL(" UNION ALL ").join(
            SQL(
                """SELECT posting.service_id, terms.pos, terms.similarity,
                          posting.weight
                     FROM terms JOIN sc_service_search_posting posting USING (word)
                    WHERE %s""",
                SQL(" AND ").join([condition, *filters]),
            )
            for condition in (
                SQL("NOT terms.common"),
                SQL("terms.common AND posting.weight >= 1"),
            )
        )

    def _search_catalog_ranked(self, words, base, limit, every_word, restrict=None):
        """Rank by the summed word similarities; with ``every_word`` only among
        the services that have a term for each query word; with ``restrict``
        (a caller's filter, see _search_catalog_filter_size) only among those
        of ``base``."""
        candidate_cte = SQL()
        filters = []
        if restrict == "few" and not every_word:
            filters.append(SQL("posting.service_id IN %s", base.subselect()))
        elif restrict == "many" and not every_word:
            # The terms' postings first, then the filter: the planner would
            # otherwise read every posting of the filter's services.
            candidate_cte = SQL(
                ", matched AS MATERIALIZED (%s)", self._search_catalog_postings([])
            )
            matches = SQL(
                "SELECT * FROM matched WHERE service_id IN %s", base.subselect()
            )
        if every_word:
            every = self._search_catalog_every_word(len(words))
            if restrict:
                # Only the filter's services are candidates, checked once here
                # rather than on every scored posting.
                every = SQL(
                    "SELECT service_id FROM (%s) every_word WHERE service_id IN %s",
                    every,
                    base.subselect(),
                )
            candidate_cte = SQL(", candidate AS MATERIALIZED (%s)", every)
            filters.append(
                SQL("posting.service_id IN (SELECT service_id FROM candidate)")
            )
        if restrict != "many" or every_word:
            matches = self._search_catalog_postings(filters)
        self.env.cr.execute(
            SQL(
                """
                WITH query AS (
                    SELECT token, pos
                      FROM unnest(%(words)s::varchar[]) WITH ORDINALITY AS q(token, pos)
                ), terms AS MATERIALIZED (
                    SELECT query.pos, term.word AS word,
                           word_similarity(query.token, term.word) AS similarity,
                           term.word = ANY(%(common)s::varchar[]) AS common
                      FROM query
                      JOIN sc_service_search_term term ON query.token %(op)s term.word
                )%(candidate_cte)s, hits AS (
                    SELECT service_id, pos, MAX(similarity * weight) AS score,
                           bool_or(weight >= 1) AS named
                      FROM (%(matches)s) matches
                     GROUP BY service_id, pos
                ), scored AS (
                    SELECT service_id, SUM(score) AS score, array_agg(pos) AS covered,
                           COALESCE(array_agg(pos) FILTER (WHERE named), '{}') AS named
                      FROM hits GROUP BY service_id
                )
                SELECT id, name, leika_key, score, covered, named FROM (
                    SELECT s.id, s.name, s.leika_key, s.search_name, scored.covered,
                           scored.named,
                           ROUND((scored.score / %(count)s)::numeric, 3)::float AS score
                      FROM scored
                      JOIN sc_service s ON s.id = scored.service_id
                     WHERE s.id IN %(base)s
                  ORDER BY scored.score DESC
                     LIMIT %(candidates)s
                ) best
              ORDER BY score DESC, similarity(%(query)s, search_name) DESC, name
                 LIMIT %(limit)s
                """,
                words=words,
                op=SQL("<%%"),  # pg_trgm operator; a constant SQL keeps its %
                common=self._search_catalog_common_words(),
                candidate_cte=candidate_cte,
                matches=matches,
                count=len(words),
                base=base.subselect(),
                candidates=limit * 5,
                query=" ".join(words),
                limit=limit,
            )
        )
        return self.env.cr.fetchall()

    def _search_catalog_substring(self, words, base, limit):
        patterns = [f"%{word}%" for word in words]
        hits = SQL(" + ").join(
            SQL(
                "(s.search_name LIKE %(pattern)s)::int"
                " + (s.search_body LIKE %(pattern)s)::int * %(weight)s",
                pattern=pattern,
                weight=BODY_WEIGHT,
            )
            for pattern in patterns
        )
        covered, named = (
            SQL(", ").join(
                SQL(
                    "CASE WHEN %(test)s THEN %(pos)s END",
                    test=SQL(test, pattern=pattern),
                    pos=pos,
                )
                for pos, pattern in enumerate(patterns, start=1)
            )
            for test in (
                "s.search_name LIKE %(pattern)s OR s.search_body LIKE %(pattern)s",
                "s.search_name LIKE %(pattern)s",
            )
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT * FROM (
                    SELECT s.id, s.name, s.leika_key,
                           ROUND(((%(hits)s) / %(count)s)::numeric, 3)::float AS score,
                           array_remove(ARRAY[%(covered)s]::int[], NULL) AS covered,
                           array_remove(ARRAY[%(named)s]::int[], NULL) AS named
                      FROM sc_service s
                     WHERE s.id IN %(base)s
                ) ranked
                 WHERE score > 0
              ORDER BY score DESC, name
                 LIMIT %(limit)s
                """,
                hits=hits,
                covered=covered,
                named=named,
                count=len(words),
                base=base.subselect(),
                limit=limit,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_schedule_reviews(self):
        """Give the editor of every published service that is due for review a to-do."""
        review = self.env.ref("sc_knowledge.mail_activity_type_review")
        due = self.search(
            [
                ("review_due", "=", True),
                ("state", "=", "published"),
                ("activity_ids", "not any", [("activity_type_id", "=", review.id)]),
            ]
        )
        deadline = fields.Date.context_today(self) + relativedelta(
            days=review.delay_count
        )
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": service.id,
                    "activity_type_id": review.id,
                    "user_id": (service.editor_id or self.env.user).id,
                    "date_deadline": deadline,
                    "automated": True,
                }
                for service in due
            ]
        )
        return due

    def _online_service_link(self):
        """The online service address of this service (or of none) when it may
        be shown as a link, else '': an address stored before the check, or
        written around it, is never rendered as a link."""
        return web_url(self.online_service_url)

    def get_answer_card(self):
        """What the agent reads to the caller: documents, fees, office and hours."""
        self.ensure_one()
        self.check_access("read")
        unit = self.main_org_unit_id
        partner = unit.partner_id
        address = partner._display_address(without_company=True) if partner else ""
        kinds = dict(self.document_ids._fields["kind"]._description_selection(self.env))
        return {
            "id": self.id,
            "name": self.name,
            "leika_key": self.leika_key or False,
            "summary": self.summary or "",
            "documents": [
                {
                    "name": doc.name,
                    "kind": kinds[doc.kind],
                    "mandatory": doc.mandatory,
                    "note": doc.note or "",
                }
                for doc in self.document_ids
            ],
            "fee_text": self.fee_text or "",
            "fee_amount_from": self.fee_amount_from,
            "fee_amount_to": self.fee_amount_to,
            "processing_time": self.processing_time or "",
            "online_service_url": self._online_service_link(),
            "agent_note": (self.agent_note or "")
            if self.env.user.has_group("sc_knowledge.group_agent")
            else "",
            "prerequisites": html2plaintext(self.prerequisites or ""),
            "office": {
                "name": unit.name or "",
                # empty address fields leave blank lines in the address format
                "address": "\n".join(
                    line for line in address.splitlines() if line.strip()
                ),
                "phone": partner.phone or "",
                "email": partner.email or "",
                # written from the calendar that decides deadlines and slots
                "visiting_hours": unit.opening_hours or "",
            },
            "actions": [
                {"key": key, "label": label}
                for key, label in self._answer_card_actions()
            ],
        }

    def _answer_card_actions(self):
        """What the agent can do from the answer card, as ``[(key, label)]``;
        ``action_answer_card(key)`` runs ``_answer_card_action_<key>``. Addons
        add theirs (booking, forwarding) by extending this list."""
        return [("ticket", self.env._("Start phone ticket"))]

    def action_answer_card(self, key):
        """Run one of the answer card's actions; returns a window action."""
        self.ensure_one()
        self.check_access("read")
        if key not in dict(self._answer_card_actions()):
            raise UserError(self.env._("This action is not available here."))
        return getattr(self, f"_answer_card_action_{key}")()

    def _answer_card_action_ticket(self):
        """A new phone ticket for this service, open in the form."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_sc_service_id": self.id,
                "default_name": self.name,
            },
        }
