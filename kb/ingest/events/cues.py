"""Words that report events: verbs and nouns per event kind, and words that cancel them.

General English only. Each cue is a regular expression with the kind it signals and
whether it is a noun (which may refer back to an event already reported: "the deal").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest.text.alternation import by_first_letter

WEAPONS = (
    r"(?:weapons|weaponry|arms|missiles|rockets|drones|munitions|firearms|ammunition|explosives)"
)
AID_OBJECTS = (
    r"(?:aid|assistance|support|training|equipment|intelligence|funding|money|video|imagery"
    r"|surveillance|advisers|advisors|loans?|grants?)"
)
_GIVE = r"(?:provid\w*|suppl(?:y|ied|ies|ying)|deliver\w*|sen[dt]\w*|offer\w*|pledg\w*|grant\w*)"
_SHIP = (
    r"(?:suppl(?:y|ied|ies|ying)|ship(?:s|ped|ping)?|transferr?\w*|deliver\w*|smuggl\w*|sen[dt]\w*"
    r"|provid\w*|sold|sell\w*|purchas\w*)"
)


@dataclass(frozen=True)
class Cue:
    """A pattern that reports an event of one kind."""

    kind: str
    pattern: re.Pattern[str]
    noun: bool = False  # a noun phrase that may refer back ("the offensive")
    strong: bool = True  # reports an event by itself (a verb of happening)
    anaphor_only: bool = False  # only ever refers back ("the strike", "the bombardment")


def _c(
    kind: str, pattern: str, *, noun: bool = False, strong: bool = True, anaphor_only: bool = False
) -> Cue:
    return Cue(kind, re.compile(pattern), noun, strong, anaphor_only)


# Order matters: on overlapping matches the earlier cue wins.
CUES: list[Cue] = [
    _c("air_strike", r"\b(?:drone|air|missile|aerial)\s?strikes?\b|\bairstrikes?\b|\bair raids?\b|\bbombing (?:raid|campaign)s?\b", noun=True, strong=False),
    _c("air_strike", r"\blaunch(?:ed|es)?\s+(?:\w+\s+){0,2}strikes\b"),
    _c("air_strike", r"\b(?:conduct(?:ed|s)?|carried out|carry out)\s+(?:[\w-]+\s+){0,2}?strikes\b"),
    _c("arms_transfer", rf"\b{_SHIP}\b(?:\s+[\w,'’-]+){{0,6}}?\s+{WEAPONS}\b|\b{WEAPONS}\s+(?:\w+\s+){{0,3}}?{_SHIP}\b"),
    _c("arms_transfer", rf"\b(?:{WEAPONS}|weapons?)\s+(?:transfers|shipments|deliveries|supplies)\b|\bshipments\b", noun=True, strong=False),
    _c("aid", rf"\b{_GIVE}\b(?:\s+[\w,'’-]+){{0,8}}?\s+{AID_OBJECTS}\b"),
    _c("aid", r"\b(?:military|humanitarian|financial|economic|security)\s+(?:aid|assistance)\b", noun=True, strong=False),
    _c("agreement", r"\b(?:signed|finali[sz]ed|formali[sz]ed|concluded|inked|ratified)\b"),
    _c("agreement", r"\bagreed to by\b|\bapproved\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:[Aa]greement|[Tt]reaty|[Aa]ccord)\b"),
    _c("agreement", r"\b(?:agreement|deal|accord|pact|treaty|memorandum of understanding)\b", noun=True, strong=False),
    _c("offensive", r"\b(?:counter-?)?offensive\b|\boperation to (?:retake|recapture|liberate|capture|clear|free|seize)\b|\bsiege of\b|\bbattle (?:for|of)\b", noun=True, strong=False),
    _c("offensive", r"\bcampaign\b", noun=True, strong=False),
    _c("other", r"\b(?:seized|captured|impounded|intercepted|detained)\s+(?:[\w,'’-]+\s+){0,5}?(?:tankers?|ships?|vessels?|cargo(?:es)?|boats?|shipments?|oil|assets)\b"),
    _c("offensive", r"\b(?:retook|recaptured|captured|seized|liberated|overran|stormed|(?:has |have |had )?f[ae]ll(?:en)? to)\b"),
    _c("offensive", r"\bto (?:retake|recapture|liberate)\b", noun=True, strong=False),
    _c("attack", r"\b(?:attacked|bombed|shelled|raided|ambushed|targeted|assassinated)\b"),
    _c("attack", r"\b(?:attacks?|assaults?|ambush(?:es)?|bombings?|raids|rocket fire|shelling|assassination)\b", noun=True, strong=False),
    _c("attack", r"\bkilled\b|\bshot down\b|\b(?:fired|launched)\s+(?:[\w-]+\s+){0,6}?(?:missiles|rockets|drones|mortars|shells)\b"),
    _c("attack", r"\b(?:struck|hit)\b(?!\s+(?:a|an|the)\s+(?:deal|agreement|compromise|bargain|record|snag|wall|high|low))"),
    _c("attack", r"\b(?:strikes?|bombardment|shelling|barrage)\b", noun=True, strong=False, anaphor_only=True),
    _c("meeting", r"\b(?:met|meets|gathered|hosted|visited|convened)\s+(?:\w+\s+){0,2}?(?:with|in|at|to)\b|\bheld talks\b|\b(?:met|meets|hosted|received)\s+(?=[A-Z]|(?:the|his|her|their|visiting)\s)|\bsat down with\b"),
    _c("meeting", r"\bspoke\s+(?:today\s+|yesterday\s+|by (?:tele)?phone\s+)?with\b|\bheld a (?:phone |telephone )?call with\b"),
    _c("meeting", r"\b(?:meeting|summit|visit)\b", noun=True, strong=False),
    _c("protest", r"\b(?:protests?|protesters|demonstrations?|rall(?:y|ies)|riots?|uprising)\b", noun=True, strong=False),
    _c("protest", r"\b(?:protested|demonstrated|rallied|took to the streets)\b"),
    _c("death", r"\b(?:death|killing)\s+of\b", noun=True, strong=False),
    _c("death", r"\b(?:died|was killed|were killed|been killed)\b"),
    _c("election", r"\belections?\b|\breferendum\b|\bpolls\b", noun=True, strong=False),
    _c("election", r"\b(?:went to the polls|was elected|were elected)\b"),
    _c("vote", r"\b(?:passed|adopted|approved)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:resolution|law|bill|motion|budget)\b|\bvoted\s+(?:to|for|against|on)\b"),
    _c("designation", r"\b(?:designated|sanctioned|blacklisted)\s+(?=[A-Z]|(?:the|a|an|its|his|their|PMF|several|two|three)\b)"),
    _c("designation", r"\b(?:was|were|been|is|are)\s+designated\s+(?:as|a|an|under)\b"),
    _c("withdrawal", r"\bwithdr[eao]w\w*\s+(?:[\w.-]+\s+){0,3}?from\b|\bwithdrawal of\s+(?:[\w.-]+\s+){0,3}?(?:troops|forces|personnel)\b"),
    _c("handover", r"\btransferred\s+(?:power|control|authority|sovereignty|responsibility)\b|\bhanded over\b|\bassumed (?:full\s+)?(?:responsibility|control)\s+(?:for|of)\b"),
    _c("designation", r"\b(?:imposed|renewed|tightened)\s+(?:[\w-]+\s+){0,3}?(?:sanctions|embargo)\b"),
    _c("other", r"\b(?:extended|lifted|eased|granted|issued|announced)\s+(?:[\w-]+\s+){0,3}?(?:sanctions|waiver|embargo)\b"),
    _c("other", r"\bcut(?:s|ting)?\s+(?:off\s+)?(?:[\w-]+\s+){0,3}?(?:supply|supplies|exports|imports|deliveries|flows?)\b"),
    _c("statement", r"\b(?:testified|gave an interview|in an interview|press conference|delivered a speech|in a speech|addressed (?:the|a) \w+)\b"),
]  # fmt: skip

# A kind of event reported in the same clause as another one wins over it.
PRIORITY = [
    "air_strike", "attack", "offensive", "agreement", "arms_transfer", "aid", "meeting",
    "death", "protest", "election", "designation", "vote", "withdrawal", "handover", "statement",
    "other",
]  # fmt: skip
# Kinds one report may call by either name ("the strike" after "the attack").
FAMILY = {"attack": "violence", "air_strike": "violence"}
AIRCRAFT = re.compile(
    r"\b(?:aircraft|warplanes?|jets?|bombers?|helicopters?|drones?|air force|F-\d+|airstrikes?)\b"
)
# "accused X of smuggling weapons": an allegation, not a report that it happened.
ALLEGED = re.compile(
    r"\b(?:accus\w+|alleg\w+|blam\w+|denied|denies|deny|rejected|rejects)\b(?:\s+[\w,'’-]+){0,8}\s*$"
)
LATER = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?)\s+"
    r"(?P<dir>later|after|earlier|before)\b|\b(?P<next>the (?:next|following) day|the day before)\b"
    r"|\b(?P<same>earlier in the day|later (?:that|in the) day|(?:on )?the same day|that same day)\b"
    r"|\b(?P<some>(?:a few |several )?days later)\b",
    re.I,
)

# In the cue's clause, these make it hypothetical, negated or merely planned.
_IRREALIS_WORDS = [
    "could", "might", "would", "may", "will", "shall", "should", "if", "whether", "unless",
    "want(?:s|ed)? to", "plans? to", "planned to", "seeks? to", "sought to", "threaten\\w* to",
    "need", "needs", "don[’']t", "doesn[’']t", "didn[’']t", "did not", "does not", "not", "no",
    "never", "imminent", "possible", "potential", "prospect", "fears?", "risk", "would-be",
    "future", "proposed", "expected to", "likely to", "prohibit\\w*", "ban on", "forbid\\w*",
]  # fmt: skip
IRREALIS = re.compile(rf"\b(?:{by_first_letter(_IRREALIS_WORDS)})\b", re.I)
ANNOUNCING = re.compile(r"\b(?:announced|pledged|promised|approved|agreed|decided|vowed)\b")
CLAUSE_BREAK = re.compile(
    r"[;:()—–]|,\s*(?:which|who|while|but|and|although|though|because|so|as|leading|resulting|"
    r"stoking|showing|with|said|says|according to|saying|adding|calling|citing)\b|\b(?:that|which|who|because|while|although|"
    r"though|if|when|before|after|until|unless|whereas|since|whether)\b"
)
# A sentence opening with a prepositional or subordinate phrase: it ends at the first comma.
LEADING_PHRASE = re.compile(
    r"^\W*(?:[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*)?\s*(?:\([^)]{1,30}\)\s*)?[–—-]+\s*)?"  # "TAMPA, Fla. –"
    r"(?:(?:But|And|Yet|So)\s+)?(?:[Uu]nder|During|After|Before|In|At|For|Throughout|Despite|Since|Following|Amid|As|"
    r"While|When|Though|Although|If|Because|Shortly|Even|With|Without|Unlike|Like)\b[^,]*,"
)
EVENTIVE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,8}?(?:(?:has|have|had|was|were)\s+)?(?:began|begun|started|continued|"
    r"resumed|killed|hit|struck|targeted|destroyed|wounded|left|resulted|took place|happened|"
    r"occurred|ended|stalled|failed|succeeded|launched|carried out|signed|finali[sz]ed|"
    r"formali[sz]ed|reached|held)\b"
)
EVENTIVE_BEFORE = re.compile(
    r"\b(?:launch(?:ed|es)?|conduct(?:ed|s)?|carried out|carry out|stag(?:ed|es)|mount(?:ed|s)?|"
    r"held|holds|sign(?:ed|s)?|reach(?:ed|es)?|struck|strike|began|begun)\s+(?:[\w-]+\s+){0,3}$"
)
# A noun cue that is its clause's subject ends where the verb begins: "A recent agreement
# between Iran and Iraq has caused unease in the United States" (not where it was signed).
AUXILIARY = re.compile(r"\b(?:has|have|had|was|were|is|are|will|would|could|can|may|might)\b")
PASSIVE_MET = re.compile(r"\b(?:was|were|been|is|are)\s+met\b")
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|into|inside|within|across|near|from|over|throughout|border with|border crossing "
    r"with|both)\s+(?:the\s+)?$"
)
CAUSAL = re.compile(
    r"\b(?:led to|leading to|sparked|sparking|triggered|prompted|resulted in|followed by)\b"
)
REPORTING = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|revealed|reveals|discovered|announced|claimed"
    r"|stated|noted|wrote|added|confirmed|acknowledged|indicated|insisted|learned|condemned"
    r"|denounced|welcomed|critici[sz]ed|praised|blamed|summoned)\b"
)
ANAPHORA = re.compile(
    r"\b(?:the|this|that|these|those|such|its|their|his|her)\s+(?:[\w.’'-]+\s+){0,2}$", re.I
)
QUANTITY = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\s+(?:[a-z-]+\s+){0,2}$"
)
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "fifty": 50, "hundred": 100,
}  # fmt: skip
FATALITIES = re.compile(
    r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:having been|have been|had been|were|was|being)?\s*killed\b"
    r"|\bkill(?:ing|ed)\s+(?:at least\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|\b(\d[\d,]*)\s+(?:people\s+)?(?:dead|deaths|fatalities)\b"
)
COMPOUND_HEADS = re.compile(
    r"\s+(?:talks|negotiations|capabilities|plans?|threats?|risks?|fears|groups?|units|"
    r"officials|helicopters|drones|programs?|sites?|campaign|policy|policies|operations|"
    r"forces|troops|units|capability|posture)\b"
)
TITLE_NOUNS = {
    "agreement": "agreement signed", "attack": "attack", "air_strike": "air strike",
    "offensive": "offensive", "meeting": "meeting", "statement": "statement",
    "arms_transfer": "arms transfers", "aid": "aid", "protest": "protests", "death": "death",
    "election": "elections", "designation": "designation", "vote": "vote",
    "withdrawal": "withdrawal", "handover": "handover", "other": "event",
}  # fmt: skip
