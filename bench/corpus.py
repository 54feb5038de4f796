"""A synthetic national corpus for benchmarks, in the layouts of the bundled documents.

Each document is one committee of one municipality (all 290 of ``seeds/municipalities.csv``,
twelve committees each), written the way the bundled text layers print budgets:

* ``internbudget`` (Linköping's layout): a title, an *Ekonomi* summary in tkr (Budget 2024,
  Plan 2025-2029), a *Driftsammandrag* whose header stacks Utfall/Budget/Plan over eight years,
  items, ``Summa nämndens internbudget`` with its ``varav intäkter`` and ``varav kostnader``,
  an *Investeringar* table, and the committee's frame stated in a sentence.
* ``verksamhetsplan`` (Luleå's layout): ``(Tkr) Bokslut / Prognos`` over five years,
  Nettokostnader, Kommunbidrag, Resultat, and *Specificerade nettokostnader* that print three
  years and add up to ``Summa``.

Labels are drawn from the bundled documents' own item labels; amounts are random but every
total, varav line, summary and sentence agrees with its parts, exactly. Between the tables runs
prose taken from the bundled documents (lines without digits or place names), so documents
have the length of real ones.

A known number of inconsistencies is planted: one Driftsammandrag item changed in one year by
more than rounding explains, so that ``Summa nämndens internbudget`` no longer adds up in that
year. ``manifest.json`` lists each one (file, line, year, printed and computed sum), so a
benchmark can check that the warehouse finds every planted inconsistency and nothing else.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "documents"
SEEDS = ROOT / "seeds"

# Twelve committees a municipality typically has, each named as the seed's patterns know it.
COMMITTEES = [
    "Kommunstyrelsen",
    "Valnämnden",
    "Barn- och ungdomsnämnden",
    "Utbildningsnämnden",
    "Socialnämnden",
    "Äldrenämnden",
    "Kultur- och fritidsnämnden",
    "Tekniska nämnden",
    "Bygg- och miljönämnden",
    "Arbetsmarknadsnämnden",
    "Överförmyndarnämnden",
    "Räddningsnämnden",
]
# Item labels as the bundled documents print them (Driftsammandrag and detail tables).
COST_ITEMS = [
    "Personalkostnader",
    "Arvoden ledamöter",
    "Lokalkostnader",
    "Lokalkostnader vallokaler, förråd m m",
    "Transport",
    "IT och teletjänster",
    "Administrativa tjänster",
    "Kommunikation",
    "Övriga kostnader",
    "Köp av verksamhet",
    "Bidrag till föreningar",
    "Konsulttjänster",
    "Material och förbrukning",
    "Kapitalkostnader",
    "Licenser och avgifter",
    "Utbildning och kompetensutveckling",
]
INCOME_ITEMS = ["Statsbidrag", "Taxor och avgifter", "Hyresintäkter", "Försäljning av verksamhet"]
INVESTMENTS = [
    "Inventarier",
    "IT-utrustning",
    "Energieffektiviseringar",
    "Verksamhetssystem",
    "Fordon och maskiner",
    "Om- och tillbyggnad",
    "Digitala skyltar",
]
UNITS = [
    "Planering och Analys",
    "Demokrati och Samhälle",
    "Personal",
    "Service och Support",
    "Innovation och Utveckling",
    "Ledning och administration",
    "Verksamhetsstöd",
]
YEARS8 = [("Utfall", 2022), ("Budget", 2023), ("Budget", 2024)] + [("Plan", y) for y in range(2025, 2030)]
YEARS6 = [("Budget", 2024)] + [("Plan", y) for y in range(2025, 2030)]


@dataclass
class Planted:
    source_file: str
    table_title: str
    line_label: str
    source_line: int
    fiscal_year: int
    printed_tkr: int
    computed_tkr: int
    changed_item: str
    changed_item_line: int


@dataclass
class Manifest:
    scale: str
    documents: list[str] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)

    def write(self, path: Path) -> None:
        planted = [asdict(p) for p in self.planted]
        data = {"scale": self.scale, "documents": self.documents, "planted": planted}
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def municipalities() -> list[tuple[str, str]]:
    with (SEEDS / "municipalities.csv").open(encoding="utf-8") as fh:
        return [(r["municipality_code"], r["municipality_name"]) for r in csv.DictReader(fh)]


def _prose_pool() -> list[list[str]]:
    """Paragraphs of the bundled documents that name no place, committee or number."""
    names = [n for _, n in municipalities()]
    # Any place name, also inside a word ("Linköpingsborna"), so no document names another place.
    long_names = "|".join(re.escape(n) for n in names if len(n) > 4)
    short_names = "|".join(re.escape(n) for n in names if len(n) <= 4)
    place = re.compile(rf"{long_names}|\b({short_names})\b")
    banned = re.compile(r"nämnd|styrelse|kommunstab|kontor|förvaltning|budget|plan |mnkr|tkr|mkr|kr\b", re.I)
    paragraphs: list[list[str]] = []
    for path in sorted(CORPUS.glob("*.txt")):
        para: list[str] = []
        for line in path.read_text(encoding="utf-8").split("\n"):
            ok = (
                len(line.strip()) > 40
                and not any(ch.isdigit() for ch in line)
                and not place.search(line)
                and not banned.search(line)
            )
            if ok:
                para.append(line.rstrip() + " ")
            else:
                if len(para) >= 2:
                    paragraphs.append(para)
                para = []
    return paragraphs


def swedish(n: int) -> str:
    """An integer as the documents print it: space thousands, U+2212 minus."""
    s = f"{abs(n):,}".replace(",", " ")
    return ("\u2212" if n < 0 else "") + s


class _Doc:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> int:
        """Append lines; return the (1-based) number of the first."""
        first = len(self.lines) + 1
        self.lines.extend(lines)
        return first

    def header(self, years: list[tuple[str, int]]) -> None:
        for i, (word, year) in enumerate(years):
            self.add(f"{word} ", f"{year} ", *([""] if i < len(years) - 1 else []))
        self.add("")

    def row(self, label: str, values: list[int | None]) -> int:
        return self.add(f"{label} " + " ".join(swedish(v) for v in values if v is not None) + " ")

    def prose(self, rng: random.Random, pool: list[list[str]], paragraphs: int, footer: str = "") -> None:
        """Paragraphs of prose, each page of it ending with the document's footer line."""
        for i in range(paragraphs):
            self.add(*rng.choice(pool), "")
            if footer and i % 4 == 3:
                self.add(footer, "")

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _genitive(committee: str) -> str:
    return committee if committee.endswith("s") else committee + "s"


def _series(rng: random.Random, base: int, n: int) -> list[int]:
    """A line's values over n years: a base with small yearly changes."""
    out, v = [], base
    for _ in range(n):
        out.append(v)
        v = max(0, round(v * rng.uniform(0.97, 1.06)))
    return out


def internbudget(
    rng: random.Random, pool: list[list[str]], municipality: str, committee: str, plant: bool
) -> tuple[str, Planted | None]:
    d = _Doc()
    gen = _genitive(committee)
    footer = f"{municipality} kommun – {gen} internbudget 2024 "
    d.add(f"{gen} internbudget 2024 ", "med plan för 2025–2029 ", "", f"{municipality} kommun ", "")
    d.prose(rng, pool, rng.randint(12, 28), footer)

    scale = rng.choice([400, 2_000, 10_000, 60_000, 250_000])
    costs = {
        label: _series(rng, rng.randint(scale // 20, scale), 8)
        for label in rng.sample(COST_ITEMS, rng.randint(5, 11))
    }
    incomes = {
        label: [-v for v in _series(rng, rng.randint(scale // 40, scale // 4), 8)]
        for label in rng.sample(INCOME_ITEMS, rng.randint(1, 2))
    }
    items = {**incomes, **costs}
    planted: Planted | None = None
    printed_items = {k: list(v) for k, v in items.items()}
    if plant:
        label = rng.choice(list(costs))
        col = rng.randrange(8)
        printed_items[label][col] += rng.choice([-1, 1]) * rng.randint(40, 400)
    total = [sum(v[i] for v in items.values()) for i in range(8)]  # the true sum is printed
    income = [sum(v[i] for v in incomes.values()) for i in range(8)]
    cost = [sum(v[i] for v in costs.values()) for i in range(8)]
    invest = {
        label: [rng.randrange(0, scale // 5 + 1, 100) for _ in range(6)]
        for label in rng.sample(INVESTMENTS, rng.randint(2, 5))
    }
    invest_total = [sum(v[i] for v in invest.values()) for i in range(6)]

    frame_mnkr = total[2] / 1000
    d.add(f"Sammanfattning av {gen.lower()} internbudget ")
    frame = f"{frame_mnkr:,.1f}".replace(",", " ").replace(".", ",")
    d.add(f"{gen} ram för 2024 är enligt fullmäktiges beslut {frame} mnkr. ", "")
    d.add("Ekonomi ", "", "Belopp tkr ")
    d.header(YEARS6)
    d.row("Verksamhetens nettokostnader", total[2:])
    d.add("")
    d.row("Investeringar, netto", invest_total)
    d.add("")
    d.prose(rng, pool, rng.randint(8, 20), footer)

    d.add("Driftsammandrag ", "", "Nettokostnad, belopp tkr ")
    d.header(YEARS8)
    item_lines = {}
    for label, values in printed_items.items():
        item_lines[label] = d.row(label, values)
    d.add("")
    total_line = d.row("Summa nämndens internbudget", total)
    d.row("varav intäkter", income)
    d.row("varav kostnader", cost)
    d.add("", "")
    d.prose(rng, pool, rng.randint(6, 16), footer)

    d.add("Investeringar ", "", "Belopp tkr ")
    d.header(YEARS6)
    for label, values in invest.items():
        d.row(label, values)
    d.add("")
    d.row("Summa investeringar", invest_total)
    d.add("")
    d.prose(rng, pool, rng.randint(8, 20), footer)

    if plant:
        changed = next(k for k in printed_items if printed_items[k] != items[k])
        col = next(i for i in range(8) if printed_items[changed][i] != items[changed][i])
        planted = Planted(
            source_file="",
            table_title="Driftsammandrag",
            line_label="Summa nämndens internbudget",
            source_line=total_line,
            fiscal_year=YEARS8[col][1],
            printed_tkr=total[col],
            computed_tkr=sum(v[col] for v in printed_items.values()),
            changed_item=changed,
            changed_item_line=item_lines[changed],
        )
    return d.text, planted


def verksamhetsplan(rng: random.Random, pool: list[list[str]], municipality: str, committee: str) -> str:
    d = _Doc()
    gen = _genitive(committee)
    footer = f"{municipality} kommun – {gen} verksamhetsplan 2024 "
    d.add(f"{gen} verksamhetsplan 2024 ", "", f"{municipality} kommun ", "")
    d.prose(rng, pool, rng.randint(16, 32), footer)
    scale = rng.choice([3_000, 20_000, 90_000])
    units = {
        label: _series(rng, rng.randint(scale // 10, scale), 3)
        for label in rng.sample(UNITS, rng.randint(3, 7))
    }
    net3 = [sum(v[i] for v in units.values()) for i in range(3)]
    net = net3 + [round(net3[2] * 1.02), round(net3[2] * 1.04)]
    grant = [net[0] + rng.randint(-2_000, 2_000), net[1] + rng.randint(-1_000, 1_000)] + net[2:]
    d.add(" 1.3 Drift ", "", "(Tkr) Bokslut ", "2022 ", "", "Prognos ", "2023 2024 2025 2026 ", "")
    d.row("Nettokostnader", net)
    d.add("")
    d.row("Kommunbidrag", grant)
    d.add("")
    d.row("Resultat", [g - n for g, n in zip(grant, net, strict=True)])
    d.add("", "Specificerade nettokostnader: ", "")
    for label, values in units.items():
        d.row(label, values)
        d.add("")
    d.row("Summa", net3)
    d.add("")
    d.prose(rng, pool, rng.randint(12, 24), footer)
    return d.text


def slug(text: str) -> str:
    table = str.maketrans("åäöÅÄÖé", "aaoAAOe")
    return re.sub(r"[^a-z0-9]+", "_", text.translate(table).lower()).strip("_")


def generate(
    out: Path, documents: int, seed: int = 2024, planted_every: int = 7, scale: str = ""
) -> Manifest:
    """Write ``documents`` documents into ``out`` (one committee of one municipality each)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    pool = _prose_pool()
    places = municipalities()
    if documents > len(places) * len(COMMITTEES):
        most = len(places) * len(COMMITTEES)
        raise ValueError(f"at most {most} documents ({len(places)} municipalities × 12 committees)")
    manifest = Manifest(scale or f"{documents} documents")
    # Small corpora spread over the country and the committees; every (municipality, committee)
    # pair at most once: k and k + 290j share a municipality, and their committees differ by 11j.
    start = next(i for i, (code, _) in enumerate(places) if code == "0580")  # Linköping first
    for k in range(documents):
        code, name = places[(start + k * 37) % len(places)]
        committee = COMMITTEES[(k // len(places) + 5 * k) % len(COMMITTEES)]
        file = f"{code}_{slug(name)}_{slug(committee)}_2024.txt"
        doc_rng = random.Random(f"{seed}-{code}-{committee}")
        if k % 5 == 4:
            text, planted = verksamhetsplan(doc_rng, pool, name, committee), None
        else:
            text, planted = internbudget(doc_rng, pool, name, committee, plant=k % planted_every == 3)
        (out / file).write_text(text, encoding="utf-8")
        manifest.documents.append(file)
        if planted:
            planted.source_file = file
            manifest.planted.append(planted)
    manifest.write(out / "manifest.json")
    return manifest


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Write a synthetic corpus in the bundled documents' layouts.")
    ap.add_argument("out", type=Path)
    ap.add_argument("--documents", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2024)
    a = ap.parse_args()
    m = generate(a.out, a.documents, a.seed)
    print(f"{len(m.documents)} documents, {len(m.planted)} planted inconsistencies in {a.out}")
