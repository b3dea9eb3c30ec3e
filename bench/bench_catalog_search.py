"""Catalog search: search_catalog against Odoo's name_search as the catalog grows
from 10,000 to 100,000 services (issue 16), with German loaded as deployed.

At each size prints p50/p95 latency and the top-3 hit rate on 200 labelled
citizen-style queries (typos, umlauts, word forms, synonyms, word order, half-typed
words) of search_catalog, of search_catalog filtered to the responsible unit, and
of name_search, on the same data in one run, as a Servicecenter agent working in
German. SC_BENCH_SIZES="10000,100000" changes the sizes.
"""

import os
import random
import time

from bench.common import fresh_database, odoo_env, percentile

DATABASE = "bench_sc_catalog"
SIZES = tuple(
    int(size)
    for size in os.environ.get("SC_BENCH_SIZES", "10000,30000,100000").split(",")
)
UNITS = 100
QUERIES = 200
RANDOM = random.Random(115)

NOUNS = [
    ("Führerschein", ["Fahrerlaubnis", "Lappen"]),
    ("Kennzeichen", ["Nummernschild", "Autonummer"]),
    ("Fahrzeug", ["Auto", "Kfz"]),
    ("Hund", ["Vierbeiner"]),
    ("Wohnsitz", ["Wohnung", "Adresse"]),
    ("Gewerbe", ["Firma", "Betrieb"]),
    ("Personalausweis", ["Ausweis", "Perso"]),
    ("Reisepass", ["Pass"]),
    ("Bauantrag", ["Baugenehmigung"]),
    ("Wohngeld", ["Mietzuschuss"]),
    ("Elterngeld", ["Babygeld"]),
    ("Parkausweis", ["Anwohnerparken"]),
    ("Waffenschein", ["Waffenbesitzkarte"]),
    ("Jagdschein", ["Jagd"]),
    ("Fischereischein", ["Angelschein"]),
    ("Schwerbehindertenausweis", ["Behindertenausweis"]),
    ("Führungszeugnis", ["Leumundszeugnis"]),
    ("Geburtsurkunde", ["Geburt"]),
    ("Eheschließung", ["Heirat", "Hochzeit"]),
    ("Abfallgebühren", ["Müll", "Mülltonne"]),
    ("Grundsteuer", ["Grundbesitzabgaben"]),
    ("Einbürgerung", ["Staatsangehörigkeit"]),
    ("Aufenthaltstitel", ["Visum", "Aufenthaltserlaubnis"]),
    ("Gaststättenerlaubnis", ["Kneipe", "Ausschank"]),
    ("Sondernutzung", ["Gehweg", "Straßennutzung"]),
    ("Baumfällung", ["Baum"]),
    ("Feuerwerk", ["Böller", "Pyrotechnik"]),
    ("Veranstaltung", ["Fest", "Straßenfest"]),
    ("Taxikonzession", ["Taxi"]),
    ("Schülerbeförderung", ["Schulbus"]),
    ("Kitaplatz", ["Kindergarten", "Krippe"]),
    ("Pflegegeld", ["Pflege"]),
    ("Sperrmüll", ["Möbel entsorgen"]),
    ("Zulassungsbescheinigung", ["Fahrzeugschein", "Fahrzeugbrief"]),
    ("Umweltplakette", ["Feinstaubplakette"]),
    ("Saisonkennzeichen", ["Saison"]),
    ("Wunschkennzeichen", ["Wunschnummer"]),
    ("Meldebescheinigung", ["Meldebestätigung"]),
    ("Unterhaltsvorschuss", ["Unterhalt"]),
    ("Bafög", ["Studienförderung"]),
]
ACTIONS = [
    ("anmelden", "Anmeldung"),
    ("abmelden", "Abmeldung"),
    ("ummelden", "Ummeldung"),
    ("beantragen", "Beantragung"),
    ("verlängern", "Verlängerung"),
    ("ersetzen", "Ersetzung"),
    ("umschreiben", "Umschreibung"),
    ("ändern", "Änderung"),
    ("kündigen", "Kündigung"),
    ("erneuern", "Erneuerung"),
    ("reservieren", "Reservierung"),
    ("beglaubigen", "Beglaubigung"),
    ("ausstellen", "Ausstellung"),
    ("prüfen", "Prüfung"),
    ("genehmigen", "Genehmigung"),
    ("erstatten", "Erstattung"),
    ("melden", "Meldung"),
    ("übertragen", "Übertragung"),
    ("widerrufen", "Widerruf"),
    ("zurückgeben", "Rückgabe"),
]
PLACES = [
    "Eisenberg",
    "Kahla",
    "Stadtroda",
    "Hermsdorf",
    "Schkölen",
    "Dornburg-Camburg",
    "Bürgel",
    "Orlamünde",
    "Crossen",
    "Tautenhain",
    "Bad Klosterlausnitz",
    "Milda",
    "Reichenbach",
    "Rothenstein",
    "Sulza",
    "Gneus",
]
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}


def build_catalog(count):
    combos = [(n, a) for n in range(len(NOUNS)) for a in range(len(ACTIONS))]
    services = []
    for index in range(count):
        noun, action = combos[index % len(combos)]
        place = PLACES[(index // len(combos)) % len(PLACES)]
        services.append(
            (noun, action, f"{NOUNS[noun][0]} {ACTIONS[action][0]} – {place}")
        )
    return services


def typo(word):
    if len(word) < 5:
        return word
    position = RANDOM.randrange(1, len(word) - 1)
    if RANDOM.random() < 0.5:
        return word[:position] + word[position + 1 :]
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]


def transliterate(text):
    return "".join(UMLAUTS.get(char, char) for char in text)


def make_query(noun, action):
    """A citizen-style phrasing of (noun, action) and the kind of variation used."""
    noun_word, synonyms = NOUNS[noun]
    verb, noun_form = ACTIONS[action]
    kind = RANDOM.choice(["typo", "umlaut", "word_form", "synonym", "order", "typing"])
    if kind == "typo":
        return kind, f"{typo(noun_word)} {verb}"
    if kind == "umlaut":
        return kind, transliterate(f"{noun_word} {verb}").lower()
    if kind == "word_form":
        return kind, f"{noun_form} {noun_word}"
    if kind == "synonym":
        return kind, f"{RANDOM.choice(synonyms)} {verb}"
    if kind == "order":
        return kind, f"{verb} {noun_word.lower()}"
    return kind, f"{noun_word} {verb[: max(4, len(verb) - 3)]}"


def create_keywords_and_units(env):
    keywords = {}
    for _noun_word, synonyms in NOUNS:
        for synonym in synonyms:
            keywords[synonym] = env["sc.service.keyword"].create({"name": synonym}).id
    units = env["sc.org.unit"].create(
        [{"name": f"Fachbereich {number}"} for number in range(1, UNITS + 1)]
    )
    return keywords, units.ids


def populate(env, keywords, unit_ids, start, end):
    """Services start..end of the generated catalog; a combination's services
    all belong to one of the units."""
    catalog = build_catalog(end)
    batch = 1000
    started = time.monotonic()
    for first in range(start, end, batch):
        env["sc.service"].create(
            [
                {
                    "name": name,
                    "state": "published",
                    "main_org_unit_id": unit_ids[index % len(unit_ids)],
                    "summary": f"{NOUNS[noun][0]}: Leistung des Landratsamts.",
                    "keyword_ids": [(6, 0, [keywords[s] for s in NOUNS[noun][1]])],
                }
                for index, (noun, action, name) in enumerate(
                    catalog[first : min(first + batch, end)], start=first
                )
            ]
        )
        env.cr.commit()
    print(f"services {start:,}..{end:,} created in {time.monotonic() - started:.0f} s")


def combos_by_id(env):
    """Map each generated service to its (noun, action) combination and unit."""
    env.cr.execute("SELECT count(*) FROM sc_service")
    combo_of_name = {
        name: (noun, action)
        for noun, action, name in build_catalog(env.cr.fetchone()[0])
    }
    env.cr.execute("SELECT id, name, main_org_unit_id FROM sc_service")
    return {
        sid: (combo_of_name[name], unit_id)
        for sid, name, unit_id in env.cr.fetchall()
        if name in combo_of_name
    }


def bench_agent(env):
    agent = env["res.users"].create(
        {
            "name": "Benchmark Agent",
            "login": "bench_agent",
            "lang": "de_DE",
            "groups_id": [(6, 0, [env.ref("sc_knowledge.group_agent").id])],
        }
    )
    env.cr.commit()
    return agent


def run(env, agent, combo_of):
    """Latency and hit rate of each method on the labelled queries."""
    services = env["sc.service"].with_user(agent).with_context(lang="de_DE")
    env.cr.execute("ANALYZE sc_service")
    env.cr.execute("ANALYZE sc_service_search_posting")
    unit_of = {combo: unit for combo, unit in combo_of.values()}
    RANDOM.seed(115)  # the same queries at every size
    targets = RANDOM.sample(sorted(unit_of), QUERIES)
    queries = [(target, *make_query(*target)) for target in targets]
    methods = {
        "search_catalog": lambda q, _t: [
            h["id"] for h in services.search_catalog(q, limit=10)
        ],
        "search_catalog in unit": lambda q, target: [
            h["id"]
            for h in services.search_catalog(
                q, limit=10, domain=[("org_unit_ids", "in", unit_of[target])]
            )
        ],
        "name_search (baseline)": lambda q, _t: [
            i for i, _n in services.name_search(q, limit=10)
        ],
    }
    for method in methods.values():  # warm caches equally
        for target, _kind, query in queries[:20]:
            method(query, target)
    print(f"\n{len(combo_of):,} services, {len(queries)} labelled queries, as an agent")
    print(f"{'method':24} {'p50 ms':>8} {'p95 ms':>8} {'top-3 hit rate':>15}")
    figures = {}
    for label, method in methods.items():
        latencies, hits, by_kind = [], 0, {}
        for target, kind, query in queries:
            started = time.perf_counter()
            result = method(query, target)
            latencies.append((time.perf_counter() - started) * 1000)
            hit = any(combo_of.get(i, (None,))[0] == target for i in result[:3])
            hits += hit
            by_kind.setdefault(kind, []).append(hit)
        p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
        rate = 100 * hits / len(queries)
        figures[label] = (p50, p95, rate)
        print(f"{label:24} {p50:8.1f} {p95:8.1f} {rate:14.1f}%")
        print(
            "    by kind: "
            + ", ".join(
                f"{kind} {100 * sum(v) / len(v):.0f}% ({len(v)})"
                for kind, v in sorted(by_kind.items())
            )
        )
    return figures


def print_growth(growth):
    print(
        "\np95 in ms as the catalog grows (target search_catalog <= 30 ms at 100,000)"
    )
    labels = list(next(iter(growth.values())))
    print(f"{'services':>10} " + " ".join(f"{label:>24}" for label in labels))
    for size, figures in growth.items():
        print(
            f"{size:>10,} " + " ".join(f"{figures[label][1]:24.1f}" for label in labels)
        )


def main():
    settings = fresh_database(DATABASE, ["sc_knowledge"], languages=["de_DE"])
    growth = {}
    with odoo_env(settings, DATABASE) as env:
        keywords, unit_ids = create_keywords_and_units(env)
        agent = bench_agent(env)
        created = 0
        for size in SIZES:
            populate(env, keywords, unit_ids, created, size)
            created = size
            growth[size] = run(env, agent, combos_by_id(env))
    print_growth(growth)


if __name__ == "__main__":
    main()
