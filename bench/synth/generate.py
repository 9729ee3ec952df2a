"""The pure half of the synthetic corpus: catalog + seed in, plain dataclasses out.

No database access here; :mod:`bench.synth.store` is the storage step. The same catalog and seed always give the same
corpus. Every mention, claim and event source points at the exact characters that carry it,
because the body is written piece by piece and every actor name is placed, not searched for.

Skew: actors are ranked (states first, then the rest in a seeded order) and drawn with Zipf
weights, so a few actors appear in most articles and a long tail appears rarely.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from bench.synth.types import SynthActor, SynthArticle, SynthClaim, SynthEvent, SynthPlace
from bench.synth.vocabulary import (
    CLAUSES,
    CUES,
    END_YEAR,
    EVENT_KIND_WEIGHTS,
    EVENT_TEMPLATES,
    FALLBACK_PLACES,
    FIRST,
    LAST,
    MONTHS,
    ROLES,
    SENTENCES,
    SOURCES,
    START_YEAR,
    TITLES,
    TOPICS,
    WEEKDAYS,
)
from kb.core.edtf import PartialDate

HEAD = 12  # actors ranked by prominence before the shuffled long tail
_SLOT = re.compile(r"\{([A-Z])\}")


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
