"""The words that attribute claims: reporting verbs, claim nouns, hedges and framing.

General English; each verb carries the kind of claim it makes and what must follow it for
the sentence to state an assertion (a that-clause, any object, a colon or a quotation).
"""

from __future__ import annotations

import re

from kb.ingest.text.alternation import by_first_letter

THAT, OBJ, COLON, QUOTE = "that", "obj", "colon", "quote"

# (verb forms, claim kind, what must follow: a that-clause, any object, a colon, a quote)
VERBS: list[tuple[str, str, str]] = [
    ("said|says|say|saying", "statement", OBJ),
    ("stated|states", "statement", THAT),
    ("stressed|stresses|stressing", "statement", THAT),
    ("emphasi[sz]ed|emphasi[sz]es|emphasi[sz]ing", "statement", THAT),
    ("insisted|insists|insist|insisting", "statement", THAT),
    ("claimed responsibility|claims responsibility|claiming responsibility|took responsibility"
     "|takes responsibility|claimed credit", "responsibility", OBJ),
    ("claimed|claims|claim|claiming", "statement", THAT),
    ("acknowledged|acknowledges|acknowledge|acknowledging", "statement", OBJ),
    ("announced|announces|announce|announcing", "statement", OBJ),
    ("added|adds", "statement", THAT),
    ("noted|notes", "statement", THAT),
    ("explained|explains", "statement", THAT),
    ("argued|argues|argue|arguing", "statement", THAT),
    ("asserted|asserts|assert", "statement", THAT),
    ("declared|declares|declare", "statement", THAT),
    ("told|tells|tell|telling", "statement", THAT),
    ("testified|testifies|testify|testifying", "statement", THAT),
    ("pointed out|points out|point out|pointing out", "statement", THAT),
    ("maintained|maintains|maintain", "statement", THAT),
    ("confirmed|confirms|confirm|confirming", "statement", OBJ),
    ("admitted|admits|admit|admitting", "statement", OBJ),
    ("conceded|concedes|concede", "statement", THAT),
    ("described|describes|describing", "statement", OBJ),
    ("complained|complains|complain", "statement", THAT),
    ("cautioned|cautions|caution", "threat", THAT),
    ("pretended|pretends|pretend|pretending", "statement", THAT),
    ("condemned|condemns|condemn|condemning", "statement", OBJ),
    ("welcomed|welcomes|welcoming|urged|urges|urging|reaffirmed|reaffirms|reaffirming"
     "|commended|commends|applauded|applauds|deplored|deplores|called on|calls on|calling on",
     "statement", OBJ),
    ("vowed|vows|vow|pledged|pledges|promised|promises", "statement", OBJ),
    ("wrote|writes", "statement", THAT),
    ("spoke up|speaks up|spoke out|speaks out", "statement", COLON),
    ("made it clear|makes it clear|make it clear|made clear|makes clear", "statement", THAT),
    ("expressed concerns?|voiced concerns?|expressed fears?", "statement", THAT),
    ("ordered|orders|instructed|instructs", "statement", OBJ),
    ("read|reads", "report", QUOTE),
    ("suggested|suggests|suggest", "assessment", THAT),
    ("accused|accuses|accuse|accusing", "accusation", OBJ),
    ("blamed|blames|blame|blaming", "accusation", OBJ),
    ("alleged|alleges|allege|alleging", "accusation", THAT),
    ("charged|charges", "accusation", THAT),
    ("denied|denies|deny|denying", "denial", OBJ),
    ("rejected|rejects|reject|rejecting", "denial", OBJ),
    ("dismissed|dismisses|dismiss", "denial", OBJ),
    ("disputed|disputes|dispute|refuted|refutes|refute", "denial", OBJ),
    ("reported|reports|report|reporting", "report", OBJ),
    ("revealed|reveals|reveal|revealing", "report", OBJ),
    ("disclosed|discloses|disclose", "report", OBJ),
    ("discovered|discovers|found|finds|learned|learnt|learns", "report", THAT),
    ("warned|warns|warn|warning", "threat", OBJ),
    ("threatened|threatens|threaten|threatening", "threat", OBJ),
    ("believed|believes|believe", "assessment", OBJ),
    ("fears|feared|fear", "assessment", THAT),
    ("thinks|think|thought", "assessment", THAT),
    ("worries|worried|worry", "assessment", THAT),
    ("expects|expected|expect", "assessment", THAT),
    ("suspects|suspected|suspect", "assessment", THAT),
    ("concluded|concludes|conclude|assessed|assesses|assess", "assessment", THAT),
    ("determined|determines", "assessment", THAT),
    ("cited|cites|citing", "statement", OBJ),
    ("estimated|estimates|estimate", "assessment", THAT),
    ("judged|judges|judge", "assessment", THAT),
]  # fmt: skip

# every form of every verb, in order (the forms are plain: no groups to split)
_FORMS = [form for forms, _, _ in VERBS for form in forms.split("|")]
VERB_RE = re.compile(r"(?<![\w'’-])(" + by_first_letter(_FORMS) + r")(?![\w'’-])")
PARTICIPLES = {"told", "said", "thought", "found", "read", "known", "learnt"}
CONFIRMING = re.compile(r"^(?:acknowledg|confirm|admit|conced)")

# A noun that names a claim: "reports that ...", "the suggestion that ..."
CLAIM_NOUNS = {
    "report": "report", "reports": "report", "rumour": "report", "rumours": "report",
    "rumor": "report", "rumors": "report", "suggestion": "report", "suggestions": "report",
    "indications": "report", "claim": "statement", "claims": "statement",
    "assertion": "statement", "assertions": "statement", "allegation": "accusation",
    "allegations": "accusation", "accusation": "accusation", "accusations": "accusation",
    "charges": "accusation", "warning": "threat", "warnings": "threat",
}  # fmt: skip
NOUN_RE = re.compile(r"\b(" + "|".join(CLAIM_NOUNS) + r")\b((?:[\s,]+[\w'’-]+){0,6}?)[\s,]+that\b")
REL_VERBS = re.compile(
    r"\s*(?:indicated|indicate|indicates|suggested|suggests|said|says|showed|shows|claimed|claim"
    r"|alleged|emerged|surfaced|circulated|appeared)\b"
)
FRAMING = [
    (re.compile(r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?(?:known|clear|evident"
                r"|obvious|apparent|undeniable|certain|doubtful|unlikely|likely|probable|possible)"
                r"(?:\s*,\s*\w+\s*,)?\s+that\b", re.I), "assessment",
     None),
    (re.compile(r"\bin\s+(?:our|my)\s+(?:assessment|view|judge?ment|opinion)\s*,", re.I), "assessment",
     None),
    (re.compile(r"\b(?:everyone|everybody|all)\s+(?:\w+\s+)?knows\s+that\b", re.I), "assessment",
     None),
    (re.compile(r"\bit\s+(?:is|was|has\s+been)\s+(?:\w+\s+)?(?:reported|said|claimed|alleged"
                r"|believed|thought|rumou?red|understood)\s+that\b", re.I), "report", None),
]  # fmt: skip
MARKERS = re.compile(
    r"\b(?:apparently|presumably|evidently|self-evidently|clearly|likely|unlikely|probably"
    r"|undoubtedly|seemingly|arguably)\b|\b(?:seems?|seemed|appears?|appeared)\s+(?:to|that"
    r"|like|as|mostly|far|more|less|likely|unlikely|clear)\b",
    re.I,
)
REPORT_MARKERS = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|according to (?:\w+ ){0,2}?reports)\b", re.I
)
# A full stop inside the source's name: "the U.S. State Department", "Gen. Votel".
_NAME_DOT = (
    r"(?<=\b[A-Z])\.(?=\s?\w)|(?:(?<=\bGen)|(?<=\bLt)|(?<=\bCol)|(?<=\bMaj)|(?<=\bAdm)|(?<=\bMr)"
    r"|(?<=\bMs)|(?<=\bMrs)|(?<=\bDr)|(?<=\bSen)|(?<=\bRep)|(?<=\bGov)|(?<=\bAmb)|(?<=\bSt))"
    r"\.(?=\s?[A-Z])"
)
ACCORDING = re.compile(
    rf"\b[Aa]ccording to\s+(?P<np>(?:[^,.;:()]|{_NAME_DOT})+?)"
    rf"(?=\s+(?:who|which|that)\b|[,;:()]|(?!{_NAME_DOT})\.|$)"
)
AS_CUE = re.compile(
    r"^\W*(?:And\s+|But\s+)?[Aa]s\s+(?:(?:noted|reported|stated|indicated|mentioned|revealed"
    r"|described|explained)\s+(?:in|by)\s+(?P<np1>[^,]+)|(?P<np2>[^,]+?)\s+(?:indicates|indicated"
    r"|notes|noted|reports|reported|says|said|revealed|reveals|put it|puts it|shows|showed"
    r"|suggests|suggested)),\s*"
)
