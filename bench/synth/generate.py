"""The pure half of the synthetic corpus: catalog + seed in, plain dataclasses out.

No database access here; :mod:`kb.synth.store` is the storage step. The same catalog and seed always give the same
corpus. Every mention, claim and event source points at the exact characters that carry it,
because the body is written piece by piece and every actor name is placed, not searched for.

Skew: actors are ranked (states first, then the rest in a seeded order) and drawn with Zipf
weights, so a few actors appear in most articles and a long tail appears rarely.
"""

from __future__ import annotations

import hashlib
import random
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kb.core.edtf import PartialDate

START_YEAR, END_YEAR = 2005, 2025

# --- vocabulary -------------------------------------------------------------------------------
# Slots: {A} {B} {C} actors of the article's cast, {P} a place, {T} a topic, {N} a number,
# {Y} a year, {W} a weekday.

TOPICS = (
    "the nuclear programme", "sanctions relief", "oil exports", "the withdrawal of foreign troops",
    "electricity imports", "border security", "the Kurdistan oil pipeline", "militia integration",
    "the federal budget law", "water rights on the Tigris", "drone attacks", "detained dual nationals",
    "shipping in the Strait of Hormuz", "a prisoner exchange", "gas payments", "reconstruction funds",
    "the status of Kirkuk", "the Sinjar agreement", "arms smuggling", "currency controls",
    "the dollar auction", "protests over public services", "displaced families", "uranium enrichment",
    "the 2015 nuclear deal", "ballistic missiles", "maritime seizures", "the war in Syria",
    "the security agreement", "frozen assets", "the election law", "pilgrims crossing the border",
    "the coalition's training mission", "the Popular Mobilization law", "customs revenue",
    "cross-border shelling", "the airport road", "rocket fire on the Green Zone",
)  # fmt: skip

SENTENCES = (
    "{A} and {B} have been at odds over {T} since {Y}.",
    "Officials in {P} said the talks with {A} would resume next week.",
    "The dispute over {T} has strained ties between {A} and {B}.",
    "Analysts say {A} is unlikely to change course on {T} before the elections.",
    "{A} has deployed {N} additional personnel to {P}, according to local media.",
    "The move drew a sharp response from {A}.",
    "Diplomats familiar with the matter said {A} had pressed {B} to curb {T}.",
    "Residents of {P} reported hearing explosions late on {W}.",
    "The statement did not mention {A} by name.",
    "Negotiations on {T} stalled after {A} rejected a draft proposal.",
    "Trade between {A} and {B} reached {N} billion dollars last year, driven largely by {T}.",
    "Security forces in {P} were placed on high alert after the incident.",
    "Lawmakers in {P} debated a bill on {T} for the third time this year.",
    "Several politicians aligned with {A} walked out of the session.",
    "Oil exports through {P} fell by {N} percent in the quarter.",
    "{A} has long accused {B} of meddling in its internal affairs.",
    "The United Nations envoy met representatives of {A} in {P} on {W}.",
    "Few expect a quick resolution of the crisis over {T}.",
    "In {Y}, {A} signed a framework agreement with {B} on {T}.",
    "Local officials said {N} people were wounded in clashes near {P}.",
    "The attack bore the hallmarks of groups backed by {A}.",
    "{A} has not commented publicly on the report.",
    "Supporters of {A} rallied in {P} to denounce {B}.",
    "The new sanctions target banks and shipping firms linked to {A}.",
    "Critics say the policy has only strengthened {A} at the expense of {B}.",
    "A spokesman for {A} declined to comment on {T}.",
    "The relationship between {A} and {C} has shifted repeatedly over the past decade.",
    "Convoys carrying fuel and equipment crossed into {P} overnight.",
    "Much depends on whether {A} can keep {B} and {C} on side.",
    "The decision came days after a visit to {P} by a delegation from {A}.",
    "Since {Y}, {A} has expanded its presence around {P}.",
    "Prices in the markets of {P} have risen sharply amid uncertainty over {T}.",
    "A report by a Western think tank described {A} as the most capable force in the area.",
    "Both {A} and {B} say they want to avoid a wider war.",
    "Neither side has published the text of the memorandum on {T}.",
    "Tensions rose again in {W}'s session when members close to {A} raised {T}.",
    "The government has promised to publish the findings of the inquiry within weeks.",
    "Power cuts in {P} lasted up to twenty hours a day during the summer heat.",
    "Many families who fled the fighting have still not returned to their homes in {P}.",
    "The central bank raised the official exchange rate for the second time in {Y}.",
    "Independent journalists were not allowed to visit the site.",
    "Officials said the investigation into {T} was continuing.",
    "Commentators on state television described the vote as a turning point.",
    "The border crossing at {P} was closed for three days.",
    "Unemployment among young people remains above twenty percent.",
    "It was not possible to verify the figures independently.",
    "Several people were detained in {P} on suspicion of planning further attacks.",
    "Some observers expect the issue of {T} to dominate the next parliamentary term.",
)  # fmt: skip

# (cue, kind, with_that): "{A} said that <clause>." / "According to {A}, <clause>."
CUES = (
    ("said", "statement"), ("said", "statement"), ("stated", "statement"), ("insisted", "statement"),
    ("alleged", "accusation"), ("charged", "accusation"), ("denied", "denial"),
    ("reported", "report"), ("assessed", "assessment"), ("warned", "threat"),
    ("according to", "report"),
)  # fmt: skip

CLAUSES = (
    "{B} was responsible for the attack near {P}",
    "the talks on {T} had made real progress",
    "{B} had violated the terms of the agreement on {T}",
    "no forces loyal to {B} were present in {P}",
    "it would respond to any further provocation by {B}",
    "the sanctions would not change its position on {T}",
    "{N} fighters had been killed in the operation around {P}",
    "{B} was supplying weapons to armed groups in {P}",
    "the government would hold early elections if the crisis over {T} continued",
    "all foreign troops must leave the country by the end of {Y}",
    "{B} had been warned several times about {T}",
    "the shipment seized near {P} belonged to {B}",
    "the agreement with {B} on {T} would be honoured",
    "the strike on {P} was an act of self-defence",
    "{B} and {C} were coordinating their positions on {T}",
)  # fmt: skip

# kind: (sentence after the date phrase, event title)
EVENT_TEMPLATES = {
    "attack": ("{A} attacked positions held by {B} near {P}, killing {N} people.", "{A} attack on {B} near {P}"),
    "air_strike": ("{A} carried out an air strike on {B} targets in {P}, killing {N}.", "{A} air strike on {B} in {P}"),
    "meeting": ("officials from {A} met their counterparts from {B} in {P}.", "{A} and {B} meet in {P}"),
    "agreement": ("{A} and {B} signed an agreement on {T} in {P}.", "{A}–{B} agreement on {T}"),
    "protest": ("supporters of {A} protested outside the offices of {B} in {P}.", "Protest against {B} in {P}"),
    "statement": ("{A} issued a statement condemning {B} over {T}.", "{A} statement on {B}"),
    "arms_transfer": ("{A} delivered a shipment of weapons to {B} through {P}.", "{A} arms shipment to {B}"),
    "offensive": ("{A} launched an offensive against {B} around {P}.", "{A} offensive against {B} around {P}"),
    "death": ("a senior commander of {A} was killed in {P}, {B} said.", "Death of a {A} commander in {P}"),
    "aid": ("{A} sent {N} tonnes of humanitarian aid to {B} in {P}.", "{A} aid to {B} in {P}"),
    "election": ("voters went to the polls in {P} as {A} and {B} competed for seats.", "Elections in {P}"),
}  # fmt: skip
EVENT_KIND_WEIGHTS = {
    "attack": 18, "air_strike": 10, "meeting": 16, "agreement": 6, "protest": 8, "statement": 16,
    "arms_transfer": 5, "offensive": 5, "death": 5, "aid": 5, "election": 3,
}  # fmt: skip
ROLES = {
    "attack": ("perpetrator", "target"), "air_strike": ("perpetrator", "target"),
    "offensive": ("perpetrator", "target"), "agreement": ("signatory", "signatory"),
    "arms_transfer": ("supporter", "participant"), "aid": ("supporter", "participant"),
}  # fmt: skip

TITLES = (
    "{A} warns {B} over {T}", "{A} and {B} trade accusations over {T}", "What {A} wants from {B}",
    "{A} weighs its options on {T}", "Pressure mounts on {A} over {T}", "Inside the deal between {A} and {B}",
    "{A} steps up pressure on {B}", "Why {T} matters for {A}", "{A} rejects claims by {B}",
    "Clashes near {P} test ties between {A} and {B}", "{A} signals shift on {T}",
)  # fmt: skip

SOURCES = (
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("Agence France-Presse", "afp.com"),
    ("Al-Monitor", "al-monitor.com"), ("The New York Times", "nytimes.com"),
    ("The Washington Post", "washingtonpost.com"), ("The Guardian", "theguardian.com"),
    ("BBC News", "bbc.co.uk"), ("Al Jazeera", "aljazeera.com"), ("Rudaw", "rudaw.net"),
    ("Kurdistan 24", "kurdistan24.net"), ("The National", "thenationalnews.com"),
    ("Middle East Eye", "middleeasteye.net"), ("Foreign Policy", "foreignpolicy.com"),
    ("War on the Rocks", "warontherocks.com"), ("Long War Journal", "longwarjournal.org"),
    ("Shafaq News", "shafaq.com"), ("Iraqi News Agency", "ina.iq"), ("IRNA", "irna.ir"),
    ("Tasnim News Agency", "tasnimnews.com"), ("Radio Free Europe", "rferl.org"),
    ("The Arab Weekly", "thearabweekly.com"), ("Asharq Al-Awsat", "aawsat.com"),
    ("Jane's Defence Weekly", "janes.com"), ("Crisis Group", "crisisgroup.org"),
    ("Washington Institute", "washingtoninstitute.org"), ("Iran International", "iranintl.com"),
    ("The Times of Israel", "timesofisrael.com"), ("Financial Times", "ft.com"),
    ("Bloomberg", "bloomberg.com"),
)  # fmt: skip
FIRST = ("Sarah", "Ahmed", "John", "Leila", "Omar", "Maria", "David", "Hamdi", "Jane", "Ali", "Karim",
         "Louisa", "Michael", "Nadia", "Samir", "Tom", "Zeinab", "Paul", "Rania", "Mustafa")  # fmt: skip
LAST = ("Hassan", "Smith", "Karimi", "Jones", "Al-Amin", "Rubin", "Salman", "Loveluck", "Arango",
        "Mansour", "Kirkpatrick", "Malik", "Tehrani", "Cooper", "Nasser", "Ibrahim", "Holland")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip

# Used only when the database has no catalog yet (fixtures/reference.yaml not loaded).
FALLBACK_ACTORS = (
    ("iran", "Iran", "state", ("Islamic Republic of Iran",)),
    ("iraq", "Iraq", "state", ("Republic of Iraq",)),
    ("united-states", "United States", "state", ("U.S.", "United States of America")),
    ("irgc", "Islamic Revolutionary Guard Corps", "armed_group", ("IRGC", "Revolutionary Guards")),
    ("quds-force", "Quds Force", "armed_group", ("IRGC Quds Force", "Qods Force")),
    ("pmf", "Popular Mobilization Forces", "armed_group", ("PMF", "PMU", "Hashd al-Shaabi")),
    ("kataib-hezbollah", "Kataib Hezbollah", "armed_group", ("Kata'ib Hizballah", "KH")),
    ("asaib-ahl-al-haq", "Asaib Ahl al-Haq", "armed_group", ("AAH", "League of the Righteous")),
    ("isis", "Islamic State", "armed_group", ("ISIS", "ISIL", "Daesh")),
    ("qasem-soleimani", "Qasem Soleimani", "person", ("Qassem Suleimani", "Soleimani")),
    ("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis", "person", ("Muhandis",)),
    ("ali-khamenei", "Ali Khamenei", "person", ("Ayatollah Khamenei", "Khamenei")),
    ("muqtada-al-sadr", "Muqtada al-Sadr", "person", ("Moqtada al-Sadr", "Sadr")),
    ("nouri-al-maliki", "Nouri al-Maliki", "person", ("Maliki",)),
    ("krg", "Kurdistan Regional Government", "government_body", ("KRG",)),
    ("us-department-of-state", "US Department of State", "government_body", ("State Department",)),
    ("us-department-of-defense", "US Department of Defense", "government_body", ("Pentagon",)),
    ("mek", "People's Mujahedin of Iran", "political_party", ("MEK", "Mujahedin-e Khalq")),
    ("united-nations", "United Nations", "international_body", ("UN",)),
    ("kdp", "Kurdistan Democratic Party", "political_party", ("KDP",)),
    ("badr-organization", "Badr Organization", "armed_group", ("Badr",)),
    ("hezbollah", "Hezbollah", "armed_group", ("Hizballah",)),
    ("iaea", "International Atomic Energy Agency", "international_body", ("IAEA",)),
    ("saudi-arabia", "Saudi Arabia", "state", ("Kingdom of Saudi Arabia",)),
)  # fmt: skip
FALLBACK_PLACES = (
    ("baghdad", "Baghdad", "city", "IQ"), ("basra", "Basra", "city", "IQ"), ("erbil", "Erbil", "city", "IQ"),
    ("mosul", "Mosul", "city", "IQ"), ("kirkuk", "Kirkuk", "city", "IQ"), ("najaf", "Najaf", "city", "IQ"),
    ("karbala", "Karbala", "city", "IQ"), ("fallujah", "Fallujah", "city", "IQ"),
    ("anbar", "Anbar", "province", "IQ"), ("diyala", "Diyala", "province", "IQ"),
    ("tehran", "Tehran", "city", "IR"), ("ahvaz", "Ahvaz", "city", "IR"), ("qom", "Qom", "city", "IR"),
    ("al-asad-air-base", "Ain al-Asad", "base", "IQ"), ("sinjar", "Sinjar", "city", "IQ"),
    ("al-qaim", "Al-Qaim", "border_crossing", "IQ"), ("damascus", "Damascus", "city", "SY"),
    ("strait-of-hormuz", "Strait of Hormuz", "region", ""), ("tikrit", "Tikrit", "city", "IQ"),
    ("sulaymaniyah", "Sulaymaniyah", "city", "IQ"),
)  # fmt: skip

HEAD = 12  # actors ranked by prominence before the shuffled long tail
_SLOT = re.compile(r"\{([A-Z])\}")


# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynthActor:
    key: str  # slug
    name: str
    kind: str
    surfaces: tuple[str, ...]  # name and aliases as they may be written
    prominence: int = 0  # higher: drawn more often (see Generator)


@dataclass(frozen=True)
class SynthPlace:
    key: str
    name: str


@dataclass
class SynthEvent:
    index: int
    title: str
    kind: str
    date: str  # EDTF
    date_text: str
    place: str | None
    participants: list[tuple[str, str]]  # (actor key, role)
    fatalities: int | None
    status: str


@dataclass
class SynthClaim:
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    kind: str
    cue: str
    claimant: str | None
    claimant_text: str
    subjects: list[str]
    event: int | None  # SynthEvent.index
    credibility: int
    status: str


@dataclass
class SynthArticle:
    index: int
    title: str
    body: str
    published: str  # EDTF or ""
    source: str
    author: str
    url: str
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (actor key, start, end)
    claims: list[SynthClaim] = field(default_factory=list)
    # (event index, start, end, date text)
    event_sources: list[tuple[int, int, int, str]] = field(default_factory=list)
    claim_links: list[tuple[int, int, str]] = field(default_factory=list)  # claim indexes, kind

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(
            f"synthetic:{self.index}:{self.title}\n{self.body}".encode()
        ).hexdigest()


# --- the generator ---------------------------------------------------------------------------


def _zipf_cum(n: int, s: float = 1.1) -> list[float]:
    total, cum = 0.0, []
    for rank in range(n):
        total += 1.0 / (rank + 1) ** s
        cum.append(total)
    return cum


class _Writer:
    """Builds a body piece by piece and records where each actor name lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[tuple[str, int, int]] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """Deterministic articles and events over a catalog; no database access."""

    def __init__(self, actors: list[SynthActor], places: list[SynthPlace], *, seed: int):
        if len(actors) < 3:
            raise ValueError("the synthetic corpus needs at least three actors in the catalog")
        self.seed = seed
        self.rng = random.Random(seed)
        # Rank: the most prominent actors first (the few everywhere), the rest in a seeded
        # order, so the long tail differs between seeds but the head stays plausible.
        ordered = sorted(actors, key=lambda a: (-a.prominence, a.key))
        head, rest = ordered[:HEAD], ordered[HEAD:]
        random.Random(seed + 1).shuffle(rest)
        self.ranked = head + rest
        self._cum = _zipf_cum(len(self.ranked))
        self.places = sorted(places, key=lambda p: p.key) or [
            SynthPlace(k, n) for k, n, *_ in FALLBACK_PLACES
        ]
        self._place_cum = _zipf_cum(len(self.places), 0.8)
        self.events: list[SynthEvent] = []
        self._event_days: list[int] = []
        self._actors_by_key = {a.key: a for a in self.ranked}

    # -- draws
    def actor(self) -> SynthActor:
        x = self.rng.random() * self._cum[-1]
        return self.ranked[min(bisect_right(self._cum, x), len(self.ranked) - 1)]

    def place(self) -> SynthPlace:
        x = self.rng.random() * self._place_cum[-1]
        return self.places[min(bisect_right(self._place_cum, x), len(self.places) - 1)]

    def day(self) -> date:
        """A day between START_YEAR and END_YEAR, more of them in recent years."""
        years = END_YEAR - START_YEAR + 1
        year = START_YEAR + min(int(years * self.rng.random() ** 0.7), years - 1)
        return date(year, 1, 1) + timedelta(days=self.rng.randrange(365))

    def status(self, verified: float = 0.15, rejected: float = 0.03) -> str:
        x = self.rng.random()
        return "verified" if x < verified else "rejected" if x < verified + rejected else "proposed"

    def cast(self, core: tuple[SynthActor, ...] = ()) -> list[SynthActor]:
        """The actors one article talks about, most prominent first, without repeats."""
        cast = list(dict.fromkeys(core))
        want = len(cast) + self.rng.randint(3, 7)
        for _ in range(40):
            if len(cast) >= want:
                break
            a = self.actor()
            if a not in cast:
                cast.append(a)
        return cast

    # -- events
    def make_events(self, n: int) -> list[SynthEvent]:
        """The events the articles will report, spread over twenty years, sorted by date."""
        kinds = list(EVENT_KIND_WEIGHTS)
        weights = list(EVENT_KIND_WEIGHTS.values())
        days = sorted(self.day() for _ in range(n))
        events = []
        for i, day in enumerate(days):
            kind = self.rng.choices(kinds, weights)[0]
            a, b = self.actor(), self.actor()
            while b == a:
                b = self.actor()
            place = self.place()
            slots = {"A": a.name, "B": b.name, "P": place.name, "T": self.rng.choice(TOPICS)}
            title = _SLOT.sub(lambda m, slots=slots: slots.get(m[1], ""), EVENT_TEMPLATES[kind][1])
            x = self.rng.random()
            if x < 0.75:
                edtf, text = day.isoformat(), f"On {MONTHS[day.month - 1]} {day.day}, {day.year}"
            elif x < 0.93:
                edtf, text = (
                    f"{day.year:04d}-{day.month:02d}",
                    f"In {MONTHS[day.month - 1]} {day.year}",
                )
            else:
                edtf, text = f"{day.year:04d}", f"In {day.year}"
            roles = ROLES.get(kind, ("participant", "participant"))
            participants = [(a.key, roles[0]), (b.key, roles[1])]
            if self.rng.random() < 0.3:
                c = self.actor()
                if c not in (a, b):
                    participants.append((c.key, "supporter"))
            fatalities = (
                self.rng.randint(1, 60) if kind in ("attack", "air_strike", "offensive") else None
            )
            events.append(
                SynthEvent(
                    i,
                    title[:300],
                    kind,
                    edtf,
                    text,
                    place.key,
                    participants,
                    fatalities,
                    self.status(0.3, 0.05),
                )
            )
        self.events = events
        self._event_days = [PartialDate.parse(e.date).bounds()[0].toordinal() for e in events]
        return events

    # -- articles
    def article(self, index: int) -> SynthArticle:
        """One article of 2–6 KB with its mentions, claims and event sources."""
        rng = self.rng
        reported: list[SynthEvent] = []
        if self.events and rng.random() < 0.6:
            reported.append(rng.choice(self.events))
            if rng.random() < 0.25:
                # a second event close in time, as follow-up coverage often has
                pos = min(len(self.events) - 1, max(0, reported[0].index + rng.randint(-20, 20)))
                if self.events[pos] is not reported[0]:
                    reported.append(self.events[pos])
        if reported:
            last = max(self._event_days[e.index] for e in reported)
            published_day = date.fromordinal(last + rng.randint(0, 6))
        else:
            published_day = self.day()
        x = rng.random()
        published = (
            published_day.isoformat()
            if x < 0.95
            else f"{published_day.year:04d}-{published_day.month:02d}"
            if x < 0.98
            else ""
        )

        core = [self.ranked[i] for i in sorted(rng.sample(range(min(5, len(self.ranked))), 2))]
        for event in reported:
            core += [self._actors_by_key[k] for k, _ in event.participants]
        cast = self.cast(tuple(core))
        cast_cum = _zipf_cum(len(cast), 0.9)
        topic = rng.choice(TOPICS)

        def pick() -> SynthActor:
            x = rng.random() * cast_cum[-1]
            return cast[min(bisect_right(cast_cum, x), len(cast) - 1)]

        w = _Writer()
        target = rng.randint(2000, 5600)
        title = self._fill_plain(rng.choice(TITLES), cast, topic)
        art = SynthArticle(index, title[:500], "", published, "", "", "")
        event_queue = list(reported)
        paragraph_sentences = 0
        while w.length < target:
            if paragraph_sentences >= rng.randint(2, 5):
                w.write("\n\n")
                paragraph_sentences = 0
            elif w.length:
                w.write(" ")
            paragraph_sentences += 1
            r = rng.random()
            if event_queue and (r < 0.2 or w.length > target * 0.6):
                self._event_sentence(w, art, event_queue.pop(0), pick)
            elif r < 0.12:
                self._claim_sentence(w, art, pick, topic, reported)
            else:
                self._fill(w, rng.choice(SENTENCES), pick, topic)
        art.body = w.text()
        art.mentions = w.mentions
        if len(art.claims) >= 2 and rng.random() < 0.2:
            art.claim_links.append((1, 0, rng.choice(("supports", "contradicts"))))
        source, domain = SOURCES[min(int(len(SOURCES) * rng.random() ** 2), len(SOURCES) - 1)]
        art.source = source
        art.author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80]
        art.url = (
            f"https://www.{domain}/{published_day.year}/{published_day.month:02d}/{slug}-{index}"
        )
        return art

    def _surface(self, actor: SynthActor) -> str:
        surfaces = actor.surfaces
        return (
            surfaces[0]
            if len(surfaces) == 1 or self.rng.random() < 0.5
            else self.rng.choice(surfaces)
        )

    def _fill(
        self, w: _Writer, template: str, pick: Callable[[], SynthActor], topic: str
    ) -> list[str]:
        """Write a template with its slots filled; return the keys of the actors placed."""
        rng = self.rng
        chosen: dict[str, SynthActor] = {}
        placed: list[str] = []
        pos = 0
        for m in _SLOT.finditer(template):
            w.write(template[pos : m.start()])
            pos = m.end()
            slot = m[1]
            if slot in "ABC":
                actor = chosen.get(slot)
                if actor is None:
                    actor = pick()
                    for _ in range(5):
                        if actor not in chosen.values():
                            break
                        actor = pick()
                    chosen[slot] = actor
                surface = self._surface(actor)
                w.mentions.append((actor.key, w.length, w.length + len(surface)))
                w.write(surface)
                placed.append(actor.key)
            elif slot == "P":
                w.write(self.place().name)
            elif slot == "T":
                w.write(topic if rng.random() < 0.6 else rng.choice(TOPICS))
            elif slot == "N":
                w.write(str(rng.randint(2, 400)))
            elif slot == "Y":
                w.write(str(rng.randint(START_YEAR - 3, END_YEAR)))
            elif slot == "W":
                w.write(rng.choice(WEEKDAYS))
        w.write(template[pos:])
        return placed

    def _fill_plain(self, template: str, cast: list[SynthActor], topic: str) -> str:
        slots = {
            "A": cast[0].name,
            "B": cast[1].name,
            "C": cast[-1].name,
            "T": topic,
            "P": self.place().name,
        }
        return _SLOT.sub(lambda m: slots.get(m[1], ""), template)

    def _claim_sentence(
        self,
        w: _Writer,
        art: SynthArticle,
        pick: Callable[[], SynthActor],
        topic: str,
        reported: list[SynthEvent],
    ) -> None:
        rng = self.rng
        cue, kind = rng.choice(CUES)
        sentence_start = w.length
        claimant: SynthActor | None = None
        if rng.random() < 0.1:
            w.write("It is clear that ")
            cue, kind = "", "assessment"
        elif cue == "according to":
            w.write("According to ")
            claimant = pick()
        else:
            claimant = pick()
        claimant_text = ""
        if claimant is not None:
            surface = self._surface(claimant)
            w.mentions.append((claimant.key, w.length, w.length + len(surface)))
            w.write(surface)
            claimant_text = surface
            w.write(", " if cue == "according to" else f" {cue} that ")
        start = w.length
        mentioned = len(w.mentions)
        self._fill(w, rng.choice(CLAUSES), pick, topic)
        end = w.length
        w.write(".")
        subjects = list(
            dict.fromkeys(
                k for k, *_ in w.mentions[mentioned:] if not claimant or k != claimant.key
            )
        )
        event = reported[0].index if reported and rng.random() < 0.3 else None
        art.claims.append(
            SynthClaim(
                start, end, sentence_start, w.length, kind, cue, claimant.key if claimant else None,
                claimant_text, subjects, event, rng.randint(1, 6), self.status(),
            )
        )  # fmt: skip

    def _event_sentence(self, w: _Writer, art: SynthArticle, event: SynthEvent, pick) -> None:
        start = w.length
        w.write(event.date_text + ", ")
        actors = [self._actors_by_key[k] for k, _ in event.participants]
        order = iter(actors)
        template = EVENT_TEMPLATES[event.kind][0]
        place = next((p for p in self.places if p.key == event.place), None)
        pos = 0
        for m in _SLOT.finditer(template):
            w.write(template[pos : m.start()])
            pos = m.end()
            if m[1] in "AB":
                actor = next(order, None) or pick()
                surface = self._surface(actor)
                w.mentions.append((actor.key, w.length, w.length + len(surface)))
                w.write(surface)
            elif m[1] == "P":
                w.write(place.name if place else self.place().name)
            elif m[1] == "N":
                w.write(str(event.fatalities or self.rng.randint(2, 50)))
            elif m[1] == "T":
                w.write(self.rng.choice(TOPICS))
        w.write(template[pos:])
        art.event_sources.append((event.index, start, w.length, event.date_text))

    def articles(self, n: int, start: int = 0) -> Iterator[SynthArticle]:
        for i in range(start, start + n):
            yield self.article(i)


def article_file_text(art: SynthArticle) -> str:
    """An article as a plain-text file: title, byline, date line, then the body."""
    lines = [art.title, "", f"By {art.author} | {art.source}"]
    if art.published:
        lines.append(_long_date(art.published))
    return "\n".join(lines) + "\n\n" + art.body + "\n"


def _long_date(edtf: str) -> str:
    d = PartialDate.parse(edtf)
    if d.day:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    return f"{MONTHS[d.month - 1]} {d.year}" if d.month else str(d.year)


def event_count(articles: int) -> int:
    """Events for a corpus of this size: one for every five articles, at least twenty."""
    return max(20, articles // 5)


def relationship_count(articles: int, actors: int) -> int:
    return min(actors * 3, max(30, articles // 20), 5000)


def write_files(
    directory: Path, *, actors: list[SynthActor], places: list[SynthPlace], articles: int, seed: int
) -> int:
    """Write synthetic article files (for measuring ingest); return bytes written."""
    directory.mkdir(parents=True, exist_ok=True)
    gen = Generator(actors, places, seed=seed)
    gen.make_events(event_count(articles))
    total = 0
    for art in gen.articles(articles):
        text = article_file_text(art)
        (directory / f"synthetic_{seed}_{art.index:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total
