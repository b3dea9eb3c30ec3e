"""Catalog search: search_catalog against Odoo's name_search on 10,000 services.

Prints p50/p95 latency and the top-3 hit rate of both on 200 labelled
citizen-style queries (typos, umlauts, word forms, synonyms, word order, half-typed
words), on the same data in one run, as the Servicecenter agent.
"""

import os
import random
import time

from bench.common import fresh_database, odoo_env, percentile
from tests.harness.env import database_settings

DATABASE = "bench_sc_catalog"
SERVICES = 10_000
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


def build_catalog():
    combos = [(n, a) for n in range(len(NOUNS)) for a in range(len(ACTIONS))]
    services = []
    for index in range(SERVICES):
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


def populate(env):
    keywords = {}
    for _noun_word, synonyms in NOUNS:
        for synonym in synonyms:
            keywords[synonym] = env["sc.service.keyword"].create({"name": synonym}).id
    unit = env["sc.org.unit"].create({"name": "Landratsamt Benchmark"})
    catalog = build_catalog()
    records = env["sc.service"]
    batch = 1000
    started = time.monotonic()
    for start in range(0, len(catalog), batch):
        records |= env["sc.service"].create(
            [
                {
                    "name": name,
                    "state": "published",
                    "main_org_unit_id": unit.id,
                    "summary": f"{NOUNS[noun][0]}: Leistung des Landratsamts.",
                    "keyword_ids": [(6, 0, [keywords[s] for s in NOUNS[noun][1]])],
                }
                for noun, action, name in catalog[start : start + batch]
            ]
        )
        env.cr.commit()
    print(f"{len(records)} services created in {time.monotonic() - started:.0f} s")
    return combos_by_id(env)


def combos_by_id(env):
    """Map each generated service to its (noun, action) combination."""
    combo_of_name = {name: (noun, action) for noun, action, name in build_catalog()}
    env.cr.execute("SELECT id, name FROM sc_service")
    return {sid: combo_of_name[name] for sid, name in env.cr.fetchall()}


def run(env, combo_of):
    agent = env["res.users"].create(
        {
            "name": "Benchmark Agent",
            "login": "bench_agent",
            "groups_id": [(6, 0, [env.ref("sc_knowledge.group_agent").id])],
        }
    )
    env.cr.commit()
    services = env["sc.service"].with_user(agent)
    env.cr.execute("ANALYZE sc_service")
    targets = RANDOM.sample(sorted(set(combo_of.values())), QUERIES)
    queries = [(target, *make_query(*target)) for target in targets]
    methods = {
        "search_catalog": lambda q: [
            h["id"] for h in services.search_catalog(q, limit=10)
        ],
        "name_search (baseline)": lambda q: [
            i for i, _n in services.name_search(q, limit=10)
        ],
    }
    for method in methods.values():  # warm caches equally
        for _target, _kind, query in queries[:20]:
            method(query)
    print(f"\n{len(combo_of)} services, {len(queries)} labelled queries, as an agent\n")
    print(f"{'method':24} {'p50 ms':>8} {'p95 ms':>8} {'top-3 hit rate':>15}")
    for label, method in methods.items():
        latencies, hits, by_kind = [], 0, {}
        for target, kind, query in queries:
            started = time.perf_counter()
            result = method(query)
            latencies.append((time.perf_counter() - started) * 1000)
            hit = any(combo_of.get(i) == target for i in result[:3])
            hits += hit
            by_kind.setdefault(kind, []).append(hit)
        p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
        rate = 100 * hits / len(queries)
        print(f"{label:24} {p50:8.1f} {p95:8.1f} {rate:14.1f}%")
        print(
            "    by kind: "
            + ", ".join(
                f"{kind} {100 * sum(v) / len(v):.0f}% ({len(v)})"
                for kind, v in sorted(by_kind.items())
            )
        )
    print("\nexamples:")
    for _target, kind, query in queries[:6]:
        top = services.search_catalog(query, limit=1)
        print(f"  {kind:9} {query!r:40} -> {top[0]['name'] if top else '-'}")


def main():
    """SC_BENCH_REUSE=1 measures again on the database of a previous run."""
    if os.environ.get("SC_BENCH_REUSE"):
        with odoo_env(database_settings(), DATABASE) as env:
            env["res.users"].search([("login", "=", "bench_agent")]).unlink()
            run(env, combos_by_id(env))
        return
    settings = fresh_database(DATABASE, ["sc_knowledge"])
    with odoo_env(settings, DATABASE) as env:
        run(env, populate(env))


if __name__ == "__main__":
    main()
