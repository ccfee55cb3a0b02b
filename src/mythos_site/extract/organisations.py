"""Which organisation a definite description means: "the regulator", "the airline", "the union" is
the last organisation named before it that the description fits, by a word of its name ("Civil
Aviation Authority" is a regulator, "Fenwick Air" an airline) or by what the article called it
("Ofwell, the water regulator,", "the charity Shelterline")."""

from __future__ import annotations

import re

from mythos_site.records import Speaker

# A noun an article calls an organisation by, and the words of a name that make an organisation one;
# None: any organisation that is no public body ("the company" is not the regulator that fined it).
PUBLIC_BODY = frozenset("Authority Commission Office Agency Board Regulator Administration Bureau Inspectorate "
                        "Ministry Department Court Tribunal Council Committee Government Parliament Senate Police "
                        "Union Federation Association Service Executive Ombudsman".split())
REGULATOR = frozenset("Authority Commission Office Agency Board Regulator Administration Bureau Inspectorate "
                      "Ombudsman Service Executive".split())
ORGANISATION_NOUNS: dict[str, frozenset[str] | None] = {
    "regulator": REGULATOR, "watchdog": REGULATOR, "agency": REGULATOR, "authority": frozenset({"Authority"}),
    "inspectorate": frozenset({"Inspectorate"}), "ombudsman": frozenset({"Ombudsman"}),
    "ministry": frozenset({"Ministry"}), "department": frozenset({"Department"}),
    "court": frozenset({"Court", "Tribunal"}), "tribunal": frozenset({"Tribunal"}),
    "council": frozenset({"Council"}), "board": frozenset({"Board"}), "commission": frozenset({"Commission"}),
    "committee": frozenset({"Committee"}), "government": frozenset({"Government"}),
    "union": frozenset({"Union", "Federation", "Guild"}), "federation": frozenset({"Federation"}),
    "association": frozenset({"Association"}), "alliance": frozenset({"Alliance", "Coalition"}),
    "bank": frozenset({"Bank", "Banking", "Bancorp"}), "lender": frozenset({"Bank", "Banking", "Bancorp", "Finance"}),
    "airline": frozenset({"Air", "Airways", "Airlines", "Aviation"}),
    "carrier": frozenset({"Air", "Airways", "Airlines", "Aviation", "Rail", "Lines", "Shipping"}),
    "insurer": frozenset({"Insurance", "Assurance"}), "trust": frozenset({"Trust"}),
    "hospital": frozenset({"Hospital", "Trust"}), "university": frozenset({"University", "College"}),
    "institute": frozenset({"Institute"}), "police": frozenset({"Police"}),
    "company": None, "firm": None, "group": None, "business": None, "maker": None, "manufacturer": None,
    "operator": None, "owner": None, "developer": None, "startup": None, "lab": None, "retailer": None,
    "supplier": None, "processor": None, "producer": None, "utility": None, "chain": None, "charity": None,
    "brewer": None, "miner": None, "grocer": None, "supermarket": None, "publisher": None, "broker": None,
    "insurance": None, "organisation": None, "organization": None, "consortium": None,
}
# "the regulator", "the Manchester-based carrier", "the national regulator", "the company"
DESCRIPTION = re.compile(r"^\s*(?:the|The)\s+((?:[\w-]+\s+){0,3}?)([a-z]+)\s*$")
# "Ofwell, the water regulator,": a name, then what it is
NAME = r"[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|&|on|de|du)\s+(?:the\s+)?[A-Z][\w’'&.-]*|\s+[A-Z][\w’'&.-]*)*"
# the description is found first and the name read back from its comma: a name tried at every capital costs more
APPOSITIVE = re.compile(r",\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){0,4}?([a-z]+)\b(?=[,.;:)]|\s+(?:that|which|who|said|"
                        r"has|had|is|was)\b)")
NAME_BEFORE = re.compile(rf"(?<![\w’'])({NAME})$")
# "the charity Shelterline", "the campaign group Clean Rivers Now", "the airline Fenwick Air"
DESCRIBED_NAME = re.compile(rf"\b(?:the|a|an)\s+(?:[a-z-]+\s+){{0,2}}?([a-z]+),?\s+({NAME})")
NAMES = re.compile(rf"(?<![\w’'])({NAME})")
LEADING = frozenset("The A An In On At For With After Before And But So Then While As When If Its Their His Her "
                    "Meanwhile Shares Asked Responding Speaking Writing However".split())
REACH = 4000  # characters before a description where the organisation it means is looked for


def description_noun(phrase: str) -> str | None:
    """"regulator" of "the regulator", "the water regulator", "the Manchester-based carrier"; None when
    the phrase is not a definite description of an organisation."""
    match = DESCRIPTION.match(phrase)
    if not match or match.group(2) not in ORGANISATION_NOUNS:
        return None
    return match.group(2)


def descriptions(text: str) -> dict[str, set[str]]:
    """What the article calls each name it describes: {"Ofwell": {"regulator"}, "Shelterline": {"charity"}}."""
    found: dict[str, set[str]] = {}
    for match in APPOSITIVE.finditer(text):
        noun = match.group(1)
        if noun in ORGANISATION_NOUNS:
            name = NAME_BEFORE.search(text, max(0, match.start() - 120), match.start())
            if name:
                found.setdefault(_trimmed(name.group(1)), set()).add(noun)
    for match in DESCRIBED_NAME.finditer(text):
        if match.group(1) in ORGANISATION_NOUNS:
            found.setdefault(_trimmed(match.group(2)), set()).add(match.group(1))
    return found


CUES = frozenset().union(*(cues for cues in ORGANISATION_NOUNS.values() if cues))


def _trimmed(name: str) -> str:
    """The name a run of capitals gives: "Members of the Transit Workers Union" names the union."""
    words = re.sub(r"['’]s$", "", name).split()
    while len(words) > 1 and words[0] in LEADING:
        words.pop(0)
    if len(words) > 2 and words[1] == "of" and words[0] not in CUES:
        rest = words[3:] if words[2] == "the" else words[2:]
        if not CUES.isdisjoint(rest):
            return " ".join(rest)
    return " ".join(words)


PUBLIC_NOUNS = frozenset("regulator watchdog agency authority inspectorate ombudsman ministry department court tribunal "
                         "council board commission committee government union federation association alliance "
                         "police trust hospital university institute".split())


def _listed(name: str) -> list[str]:
    """"Port and Transport Union and Calloway Port Holdings" lists two names; "Port and Transport Union" is one:
    "and" parts names of two words or more on both sides."""
    if " and " not in name:
        return [name]
    names = []
    for part in name.split(" and "):
        if names and (len(names[-1].split()) < 2 or len(part.split()) < 2):
            names[-1] += " and " + part
        else:
            names.append(part)
    return names


def fits(name: str, noun: str, described: dict[str, set[str]], is_organisation) -> bool:
    """Whether an organisation of this name is one the noun can mean: "the airline" is no aviation board."""
    if noun in described.get(name, ()):
        return True
    cues = ORGANISATION_NOUNS[noun]
    words = name.split()
    if noun not in PUBLIC_NOUNS and not PUBLIC_BODY.isdisjoint(words):
        return False
    if cues is not None and cues.isdisjoint(words):
        return False
    return name in described or is_organisation(name)


def organisation_described(noun: str, pieces, described: dict[str, set[str]], is_organisation, make
                           ) -> Speaker | None:
    """The last organisation named in the text before (given nearest piece first) that the noun fits."""
    seen = 0
    for piece in pieces:
        for match in reversed(list(NAMES.finditer(piece))):
            for name in reversed(_listed(_trimmed(match.group(1)))):
                if name.split()[0] not in LEADING and fits(name, noun, described, is_organisation):
                    return make(name, "organisation")
        seen += len(piece)
        if seen > REACH:
            break
    return None
