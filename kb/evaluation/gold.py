"""Gold annotations: the YAML schema of data/eval/ (EVAL_SCHEMA), loaded and validated.

A gold file names a folder of texts and, per file, what a careful reader finds in it:
publication date, boilerplate lines, actors, claims and events. Loading checks everything
it can without running the pipeline — unknown fields, kinds, EDTF dates, catalog keys, and
that every quoted passage really is in its text — and reports all problems at once, each
naming the file, so a typo never silently lowers a score.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.core.edtf import PartialDate

from . import pipeline
from .textspan import Locator

SOURCE_KINDS = frozenset(
    {"press_release", "briefing_transcript", "news_article", "encyclopedia", "report", "statement"}
)
CLAIM_KINDS = frozenset(
    {"statement", "accusation", "denial", "report", "assessment", "threat", "responsibility"}
)
# The extended vocabulary of the schema: wider than the model's EventKind on purpose.
EVENT_KINDS = frozenset(
    {
        "agreement",
        "attack",
        "air_strike",
        "offensive",
        "meeting",
        "statement",
        "arms_transfer",
        "aid",
        "protest",
        "death",
        "election",
        "designation",
        "vote",
        "handover",
        "withdrawal",
        "other",
    }
)
_FILE_FIELDS = {
    "kind_of_source",
    "published",
    "boilerplate",
    "actors",
    "not_actors",
    "claims",
    "events",
    "notes",
}
_CLAIM_FIELDS = {"text", "claimant", "claimant_text", "kind", "optional", "notes"}
_EVENT_FIELDS = {
    "text",
    "also",
    "kind",
    "date",
    "perpetrators",
    "targets",
    "participants",
    "place",
    "fatalities",
    "optional",
    "notes",
}
_NEW_FIELDS = {"new", "kind", "aliases", "optional"}
_TAG = re.compile(r"<[^>]+>")


class GoldError(ValueError):
    """A gold file that cannot be used; the message lists every problem found."""


@dataclass(frozen=True)
class Ref:
    """An actor or place: a catalog key, or a name the catalog does not know (``new``)."""

    key: str | None = None
    new: str | None = None
    kind: str = ""
    aliases: tuple[str, ...] = ()
    optional: bool = False  # in ``actors``: a judgment call, neither missed nor extra

    @property
    def label(self) -> str:
        return self.key or f"new:{self.new}"

    @property
    def names(self) -> tuple[str, ...]:
        """The written names of a ``new`` entry (empty for catalog keys)."""
        return (self.new, *self.aliases) if self.new else ()


@dataclass
class GoldClaim:
    text: str
    claimants: tuple[Ref | None, ...]  # acceptable answers; None = the author's own / unattributed
    kinds: frozenset[str]
    claimant_text: str = ""
    optional: bool = False


@dataclass
class GoldEvent:
    text: str
    kinds: frozenset[str]
    also: tuple[str, ...] = ()
    date: str | None = None  # EDTF date or interval "a/b"
    perpetrators: tuple[Ref, ...] = ()
    targets: tuple[Ref, ...] = ()
    participants: tuple[Ref, ...] = ()
    place: Ref | None = None
    fatalities: int | None = None
    optional: bool = False

    @property
    def passages(self) -> tuple[str, ...]:
        return (self.text, *self.also)


@dataclass
class GoldArticle:
    name: str
    path: Path
    kind_of_source: str
    published: str | None
    boilerplate: tuple[str, ...] = ()
    actors: tuple[Ref, ...] = ()
    not_actors: tuple[str, ...] = ()
    claims: list[GoldClaim] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)


@dataclass
class GoldFile:
    path: Path
    folder: Path
    articles: list[GoldArticle]

    @property
    def label(self) -> str:
        return self.path.name


def load_gold(
    path: Path | str,
    *,
    catalog: pipeline.Catalog | None = None,
    read_text: Callable[[Path], str] | None = None,
) -> GoldFile:
    """Load and validate the gold file at ``path``; GoldError lists every problem found."""
    path = Path(path)
    catalog = catalog or pipeline.reference_catalog()
    read_text = read_text or source_text
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    checker = _Checker(path, catalog)
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise GoldError(f"{path}: a gold file is a mapping with 'folder' and 'files'")
    folder = path.parent / str(data.get("folder") or "")
    if not folder.is_dir():
        raise GoldError(f"{path}: folder {folder} does not exist")
    articles = []
    for name, entry in data["files"].items():
        article = checker.article(str(name), folder, entry)
        if article is not None:
            checker.passages(article, read_text)
            articles.append(article)
    if checker.problems:
        raise GoldError(
            f"{path}: {len(checker.problems)} problem(s)\n  " + "\n  ".join(checker.problems)
        )
    return GoldFile(path, folder, articles)


def source_text(path: Path) -> str:
    """The text a gold passage must be found in: the file as read, HTML tags stripped."""
    raw = pipeline.read(path)
    if raw.format == "html":
        return html.unescape(_TAG.sub(" ", raw.text))
    return raw.text


class _Checker:
    """Builds gold objects from YAML data and collects every problem on the way."""

    def __init__(self, path: Path, catalog: pipeline.Catalog) -> None:
        self.path = path
        self.actor_keys = {a.key for a in catalog.actors}
        self.place_keys = {p.key for p in catalog.places}
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def article(self, name: str, folder: Path, entry: Any) -> GoldArticle | None:
        where = name
        if not isinstance(entry, dict):
            self.fail(where, "each file's gold is a mapping")
            return None
        self._fields(where, entry, _FILE_FIELDS)
        path = folder / name
        if not path.is_file():
            self.fail(where, f"no such file in {folder}")
            return None
        kind = entry.get("kind_of_source")
        if kind not in SOURCE_KINDS:
            self.fail(where, f"kind_of_source {kind!r} is not one of {sorted(SOURCE_KINDS)}")
        published = entry.get("published")
        if published is not None:
            published = str(published)
            self._edtf(where, "published", published)
        article = GoldArticle(
            name=name,
            path=path,
            kind_of_source=str(kind),
            published=published,
            boilerplate=tuple(self._strings(where, entry, "boilerplate")),
            actors=tuple(self._actors(where, entry.get("actors") or [])),
            not_actors=tuple(self._strings(where, entry, "not_actors")),
            claims=[
                self.claim(f"{where} claim {i + 1}", c)
                for i, c in enumerate(entry.get("claims") or [])
            ],
            events=[
                self.event(f"{where} event {i + 1}", e)
                for i, e in enumerate(entry.get("events") or [])
            ],
        )
        _share_aliases(article)
        return article

    def claim(self, where: str, entry: Any) -> GoldClaim:
        if not isinstance(entry, dict) or not entry.get("text"):
            self.fail(where, "a claim is a mapping with a 'text'")
            return GoldClaim("", (None,), frozenset())
        self._fields(where, entry, _CLAIM_FIELDS)
        raw = entry.get("claimant")
        answers = raw if isinstance(raw, list) else [raw]
        claimants = tuple(None if a is None else self._ref(where, a, actor=True) for a in answers)
        return GoldClaim(
            text=str(entry["text"]),
            claimants=claimants,
            kinds=self._kinds(where, entry.get("kind"), CLAIM_KINDS),
            claimant_text=str(entry.get("claimant_text") or ""),
            optional=bool(entry.get("optional", False)),
        )

    def event(self, where: str, entry: Any) -> GoldEvent:
        if not isinstance(entry, dict) or not entry.get("text"):
            self.fail(where, "an event is a mapping with a 'text'")
            return GoldEvent("", frozenset())
        self._fields(where, entry, _EVENT_FIELDS)
        date = entry.get("date")
        if date is not None:
            date = str(date)
            for part in date.split("/"):
                self._edtf(where, "date", part)
        roles = {r: tuple(self._actors(where, entry.get(r) or [])) for r in _ROLES}
        both = {r.label for r in roles["perpetrators"]} & {r.label for r in roles["targets"]}
        if both:
            self.fail(where, f"{sorted(both)} both perpetrator and target of one event")
        place = entry.get("place")
        fatalities = entry.get("fatalities")
        if fatalities is not None and not isinstance(fatalities, int):
            self.fail(where, f"fatalities {fatalities!r} is not a whole number")
            fatalities = None
        return GoldEvent(
            text=str(entry["text"]),
            kinds=self._kinds(where, entry.get("kind"), EVENT_KINDS),
            also=tuple(self._strings(where, entry, "also")),
            date=date,
            place=None if place is None else self._ref(where, place, actor=False),
            fatalities=fatalities,
            optional=bool(entry.get("optional", False)),
            **roles,
        )

    def passages(self, article: GoldArticle, read_text: Callable[[Path], str]) -> None:
        """Every quoted passage and boilerplate line must be in the text as published."""
        try:
            locator = Locator(read_text(article.path))
        except Exception as exc:  # an unreadable text is one more problem to report
            self.fail(article.name, f"cannot read the text: {exc}")
            return
        quoted = [(c.text, "claim") for c in article.claims]
        quoted += [(t, "event") for e in article.events for t in e.passages]
        quoted += [(b, "boilerplate") for b in article.boilerplate]
        for text, what in quoted:
            if text and text not in locator:
                self.fail(article.name, f"{what} text not found in the article: {text!r}")

    def _fields(self, where: str, entry: dict, allowed: set[str]) -> None:
        unknown = sorted(set(map(str, entry)) - allowed)
        if unknown:
            self.fail(where, f"unknown field(s) {unknown}")

    def _strings(self, where: str, entry: dict, name: str) -> list[str]:
        value = entry.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(where, f"{name} must be a list of non-empty strings")
            return []
        return value

    def _edtf(self, where: str, name: str, value: str) -> None:
        try:
            PartialDate.parse(value)
        except ValueError:
            self.fail(where, f"{name} {value!r} is not an EDTF date (YYYY, YYYY-MM, YYYY-MM-DD)")

    def _kinds(self, where: str, value: Any, allowed: frozenset[str]) -> frozenset[str]:
        kinds = value if isinstance(value, list) else [value]
        bad = [k for k in kinds if k not in allowed]
        if bad or not kinds:
            self.fail(where, f"kind {bad or value!r} is not one of {sorted(allowed)}")
        return frozenset(str(k) for k in kinds)

    def _actors(self, where: str, values: Any) -> list[Ref]:
        if not isinstance(values, list):
            self.fail(where, "actor lists must be lists")
            return []
        refs = [self._ref(where, v, actor=True) for v in values]
        seen: set[str] = set()
        for ref in refs:
            if ref.label in seen:
                self.fail(where, f"{ref.label} listed twice")
            seen.add(ref.label)
        return refs

    def _ref(self, where: str, value: Any, *, actor: bool) -> Ref:
        keys, what = (self.actor_keys, "actor") if actor else (self.place_keys, "place")
        if isinstance(value, str):
            if value not in keys:
                self.fail(where, f"{what} key {value!r} is not in fixtures/reference.yaml")
            return Ref(key=value)
        if isinstance(value, dict) and isinstance(value.get("new"), str) and value["new"]:
            self._fields(where, value, _NEW_FIELDS)
            aliases = value.get("aliases") or []
            if not isinstance(aliases, list):
                self.fail(where, "aliases must be a list")
                aliases = []
            return Ref(
                new=value["new"],
                kind=str(value.get("kind") or ""),
                aliases=tuple(aliases),
                optional=bool(value.get("optional", False)),
            )
        self.fail(where, f"{what} {value!r} is neither a catalog key nor {{new: Name}}")
        return Ref(new=str(value))


_ROLES = ("perpetrators", "targets", "participants")


def _share_aliases(article: GoldArticle) -> None:
    """A ``{new: Name}`` claimant or role takes the aliases its entry in ``actors`` lists, so
    "Milley" in a later sentence is the "Mark A. Milley" the actor list introduced."""
    listed = {n.casefold(): ref for ref in article.actors for n in ref.names}

    def full(ref: Ref | None) -> Ref | None:
        return listed.get(ref.new.casefold(), ref) if ref is not None and ref.new else ref

    for claim in article.claims:
        claim.claimants = tuple(map(full, claim.claimants))
    for event in article.events:
        for role in _ROLES:
            setattr(event, role, tuple(map(full, getattr(event, role))))
