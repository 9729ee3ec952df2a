"""Event titles that say who did what to whom: "US Armed Forces air strike on Kataib
Hezbollah in Iraq", "US State Department designated: Kataib Hezbollah", never "X and Y event"."""

from __future__ import annotations

import re

from kb.ingest.catalog import Catalog, catalog_actor, catalog_place
from kb.ingest.events.cues import TITLE_NOUNS
from kb.ingest.types import EventProposal


def event_title(p: EventProposal, catalog: Catalog, body: str) -> str:
    """A short headline: "Iran–Iraq security agreement signed", "Offensive on Mosul"."""

    def name(key: str) -> str:
        actor = catalog_actor(catalog, key)
        return actor.name if actor else key

    by_role: dict[str, list[str]] = {}
    for r in p.participants:
        by_role.setdefault(r.role, []).append(r.actor)
    noun = TITLE_NOUNS[p.kind]
    found = catalog_place(catalog, p.place)
    place = found.name if found else ""
    if p.kind == "agreement":
        sides = "–".join(name(k) for k in by_role.get("signatory", [])[:2])
        kind = re.search(rf"\b([a-z]+)\s+{re.escape(p.cue)}\b", body[p.start : p.end])
        modifier = kind.group(1) if kind and kind.group(1) not in _NOT_MODIFIERS else ""
        return _upper_first(" ".join(w for w in (sides, modifier, "agreement signed") if w))
    if p.kind in ("attack", "air_strike", "offensive"):
        who = by_role.get("perpetrator", [])[:1]
        whom = by_role.get("target", [])[:1]
        title = f"{name(who[0])} {noun}" if who else _upper_first(noun)
        if p.kind == "offensive" and place:
            return f"Offensive on {place}"
        if whom:
            title += f" on {name(whom[0])}"
        return title + (f" in {place}" if place else "")
    if p.kind == "death":
        whom = by_role.get("target", [])[:1]
        return f"Death of {name(whom[0])}" if whom else "Death"
    if p.kind in ("aid", "arms_transfer"):
        who = by_role.get("perpetrator", [])[:1] or by_role.get("supporter", [])[:1]
        whom = by_role.get("participant", [])[:1]
        title = f"{name(who[0])} {noun}" if who else _upper_first(noun)
        return title + (f" to {name(whom[0])}" if whom else "")
    if p.kind == "designation":
        who, whom = by_role.get("perpetrator", [])[:1], by_role.get("target", [])[:1]
        if who and whom:
            return f"{name(who[0])} designates {name(whom[0])}"
        return f"Designation of {name(whom[0])}" if whom else "Designation"
    if p.kind in ("vote", "withdrawal", "handover", "other") and p.cue:
        who, whom = by_role.get("perpetrator", [])[:1], by_role.get("target", [])[:1]
        what = re.sub(r"^(?:was|were|been|is|are)\s+", "", " ".join(p.cue.split()))
        what = re.sub(r"\s+(?:to|from|for|of|as|with|under|an?)$", "", what)
        title = f"{name(who[0])} {what}" if who else _upper_first(what)
        if whom:
            title += f" {name(whom[0])}" if not who else f": {name(whom[0])}"
        return title + (f" in {place}" if place else "")
    keys = [r.actor for r in p.participants][:2]
    title = f"{' and '.join(name(k) for k in keys)} {noun}" if keys else _upper_first(noun)
    return title + (f" in {place}" if place else "")


_NOT_MODIFIERS = {
    "a", "an", "the", "this", "that", "new", "recent", "latest", "previous", "first", "its",
    "their", "his", "her", "of", "on", "signed", "any", "no", "such", "which",
}  # fmt: skip


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
