"""Who said it: turn the noun phrase an article attributes a quote to into a Speaker."""

from __future__ import annotations

import calendar
import re
from collections import Counter

from mythos_site.records import Speaker
from mythos_site.extract.text import ABBREVIATIONS

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# Words that start a sentence or clause, not a name: "What Anthropic Says" is said by Anthropic.
LEADING_WORDS = DETERMINERS | {"and", "but", "so", "then", "while", "as", "what", "how", "why", "where", "when",
                               "if", "in", "on", "at", "for", "with", "after", "before", "its", "our", "their", "his",
                               "her", "separately", "meanwhile", "instead", "still", "yet", "also", "here", "now"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "its", "their", "them", "his", "her", "which", "who"}
GENERIC_ORGANISATIONS = {"company", "firm", "lab", "startup", "developer", "maker", "group", "organization",
                         "organisation", "business"}
SPOKESPERSON = re.compile(r"\b(spokes(?:person|man|woman)|representative|press office)\b", re.IGNORECASE)
DOCUMENT_WORDS = {
    "draft", "drafts", "document", "documents", "materials", "material", "files", "post", "card", "filing",
    "report", "update", "policy", "memo", "letter", "brief", "statement", "announcement", "paper", "email",
    "complaint", "ruling", "order", "assessment", "evaluation", "lawsuit", "motion", "release", "transcript", "framework",
    "guidance", "notice", "disclosure", "blog", "page", "advisory", "bulletin", "directive", "circular", "note",
    "judgment", "judgement", "indictment", "affidavit", "submission", "memorandum", "communique", "communiqué",
}
# Unnamed people an article quotes: "a person familiar with the testing", "one trader".
ROLE_NOUNS = {
    "person", "people", "source", "sources", "official", "officials", "analyst", "analysts", "executive",
    "executives", "researcher", "researchers", "engineer", "engineers", "employee", "employees", "lawyer",
    "lawyers", "attorney", "attorneys", "expert", "experts", "critic", "critics", "trader", "traders", "investor",
    "investors", "insider", "insiders", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "staffer",
    "staffers", "observer", "observers", "founder", "scientist", "scientists", "economist", "economists",
    "professor", "director", "manager", "managers", "worker", "workers", "witness", "witnesses",
    "advocate", "advocates", "activist", "activists", "campaigner", "campaigners", "resident", "residents",
    "parent", "parents", "customer", "customers", "consumer", "consumers", "regulator", "regulators",
    "lawmaker", "lawmakers", "legislator", "legislators", "prosecutor", "prosecutors", "investigator",
    "investigators", "doctor", "doctors", "nurse", "nurses", "firefighter", "firefighters", "neighbor",
    "neighbors", "neighbour", "neighbours", "victim", "victims", "survivor", "survivors", "shareholder",
    "shareholders", "consultant", "consultants", "lobbyist", "lobbyists", "plaintiff", "plaintiffs",
    "judge", "teacher", "teachers", "student", "students", "coach", "player", "players", "fan", "fans",
    "pharmacist", "pharmacists", "passenger", "passengers", "shopper", "shoppers", "broker", "brokers",
}
# Titles a name follows: "Mayor Dana Graham", "Anthropic CEO Dario Amodei".
TITLES = {
    "mayor", "governor", "president", "vice-president", "chief", "ceo", "cto", "cfo", "coo", "chair", "chairman",
    "chairwoman", "chairperson", "secretary", "commissioner", "councilmember", "councilman", "councilwoman",
    "councillor", "councilor", "senator", "minister", "director", "manager", "superintendent", "sheriff", "judge",
    "officer", "head", "lead", "spokesperson", "spokesman", "spokeswoman", "representative", "founder",
    "co-founder", "cofounder", "analyst", "economist", "professor", "researcher", "engineer", "attorney", "lawyer",
    "inspector", "administrator", "executive", "deputy", "resident", "owner", "scientist", "editor", "reporter",
    "investor", "partner", "counsel", "adviser", "advisor", "strategist", "trader", "specialist", "coordinator",
    "treasurer", "comptroller", "assemblymember", "assemblyman", "assemblywoman", "congressman", "congresswoman",
    "alderman", "alderwoman", "delegate", "columnist", "commentator", "correspondent", "consultant",
    "pharmacist", "chancellor", "premier", "mp",
}
# Letters after a name that are no part of it: "Greg Santoro MP", "Jane Roe KC"
POSTNOMINALS = frozenset("mp mps msp mep mla mlc mha td qc kc obe cbe mbe phd".split())
HONORIFICS = {"mr.", "ms.", "mrs.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "mr", "ms", "mrs", "dr"}
# "The DOD's argument" speaks for the DOD.
STANDS_FOR_OWNER = {"argument", "concern", "position", "view", "response", "words", "message", "plan", "claim",
                    "stance", "reply", "answer", "team", "lawyers", "attorneys", "filing"}
DROPPED_WORDS = {"own", "leaked", "internal", "new", "latest", "full", "original", "earlier", "unpublished",
                 "exposed", "private", "public"}
TRAILING_ADVERBS = {"also", "then", "later", "now", "has", "had", "have", "was", "is", "were", "are", "would",
                    "will", "did", "does", "do", "not", "once", "again", "separately", "first", "previously",
                    "already", "still", "even", "publicly", "privately", "reportedly", "explicitly", "further",
                    "recently", "initially", "simply", "flatly", "repeatedly", "directly", "itself", "themselves",
                    "himself", "herself", "only", "just", "both", "all", "could", "might", "may", "don't", "doesn't",
                    "didn't", "never", "won't", "can't", "cannot", "don’t", "doesn’t", "didn’t", "won’t", "can’t"}
# Words that make a name an organisation's: "Qinglan Energy", "Halden Research", "Senate Commerce Committee".
ORGANISATION_WORDS = frozenset(
    "department agency institute university college school foundation networks security systems energy research "
    "mobility motors bank capital holdings partners labs laboratories technologies technology pharmaceuticals "
    "airlines media news inc corp llc ltd plc gmbh commission committee council court board office ministry "
    "association union party bureau services industries electric health insurance solutions ventures group "
    "corporation company hospital police club league fund trust authority administration hydro utility utilities "
    "airways railway railroad logistics mining metals foods brewing brewery software aviation aero air rail "
    "lines shipping telecom pharma therapeutics biosciences chemicals retail stores grocers securities finance "
    "financial federation alliance coalition society agency authority institution trades traders network "
    "tools hardware electronics devices robotics analytics digital communications transport freight express water "
    "gas oil petroleum resources properties homes construction engineering dairy farms beverages drinks "
    "associates consulting management investments exchange markets co co. clinic pharmacy lines ports docks "
    "inspectorate regulator watchdog ministry government parliament senate assembly tribunal charity".split())
CAPITALISED = re.compile(r"^[A-Z][\w’'.&-]*$")


# Words in a name are bounded in length: tried from each capital of a word thousands of letters
# long ("A-B-C-..."), an unbounded word would be read to its end each time, quadratic in its length.
LONGEST_WORD = 60

def main_organisation(blocks_text: str, known_names: tuple[str, ...] = (), is_person=None, title: str = ""
                      ) -> str | None:
    """The organisation an article is about: of the names it puts in the possessive ("Brindle Bay's
    shares", "Tallis's network"), the one it names most, other than a day ("Friday's edition"), a
    person ("Sen. Robert Kinsley's bill", "Whitcombe's apology" where the article calls Whitcombe
    "she") or, where another name is possessed, a place ("in Millbrook"). A name possessed most is
    not the article's organisation for that: "Abuela Rosa's" once, "Tallis" in every paragraph."""
    owners = Counter(_owner(_run_before(blocks_text, found.start())) for found in POSSESSIVE_MARK.finditer(blocks_text))
    for mark, words, before in COMPANY_MARKS:  # what only a company is: listed, traded, "which runs"
        if words is None or words in blocks_text:
            for found in mark.finditer(blocks_text):
                name = _run_before(blocks_text, found.start()) if before else _run_after(blocks_text, found.end())
                owners[_owner(name)] += 2
    for name in TITLE_NAME.findall(title):  # "Tallis Payments shares sink after ...": named in the headline
        if name in blocks_text:
            owners[_owner(name)] += 2
    for name in list(owners):  # "Skylark Air" is named each time "Skylark" is
        if " " in name and name.split()[0] in owners:
            owners[name] += owners.pop(name.split()[0])
    for word in GENERIC_OWNERS:
        owners.pop(word, None)
    ranked = sorted(owners, key=lambda owner: (-(owners[owner] + _mentions(owner, blocks_text)), owner))
    place = None  # the first place, if no other name is possessed
    for owner in ranked:  # tried in order and only as far as needed: whether a name is a person's costs most
        if _is_titled_person(owner, blocks_text):
            continue
        if _is_place(owner, blocks_text):
            place = place or owner
            continue
        if not (is_person and is_person(owner, known_names)):
            return owner
    return place


# "Brindle Bay's", "Food Safety Australia's": a capitalised name of up to four words in the possessive. The
# mark is found first and the name read back from it: a pattern tried at every capital costs ten times more.
POSSESSIVE_MARK = re.compile(r"['’]s\b")
# "Tallis Payments Inc", "Skylark shares", "Tallis, which handles", "Shares of Tallis": a company, possessed or
# not; each pattern opens on its words, which the text is searched for first (True: the name is before them)
COMPANY_MARKS = (  # (pattern, words the text must hold for it to match, whether the name stands before it)
    (re.compile(r" (?:Inc|Ltd|Plc|plc|PLC|Corp|LLC|Limited|Group|Holdings)\b"), None, True),
    (re.compile(r" shares\b"), " shares", True),
    (re.compile(r", which (?:is|was|has|had|runs|makes|handles|sells|owns|operates|employs|said)\b"), ", which ", True),
    (re.compile(r"hares (?:of|in) "), "hares ", False),
)
RUN_BEFORE = re.compile(rf"((?:[A-Z][\w&.-]{{0,{LONGEST_WORD}}} ){{0,3}}[A-Z][\w&.-]{{0,{LONGEST_WORD}}})$")
RUN_AFTER = re.compile(rf"(?:[A-Z][\w&-]{{0,{LONGEST_WORD}}} ){{0,3}}[A-Z][\w&-]{{0,{LONGEST_WORD}}}")
RUN_REACH = 4 * (LONGEST_WORD + 2)


def _run_before(text: str, end: int) -> str:
    """The capitalised words that end where the text does at `end`, if any."""
    found = RUN_BEFORE.search(text, max(0, end - RUN_REACH), end)
    if not found or (found.start() > 0 and (text[found.start() - 1].isalnum() or text[found.start() - 1] in "’'")):
        return ""
    return found.group(1)


def _run_after(text: str, start: int) -> str:
    found = RUN_AFTER.match(text, start)
    return found.group(0) if found else ""


TITLE_NAME = re.compile(r"(?<![\w’'])([A-Z][\w&-]+(?: [A-Z][\w&-]+){0,3})(?:['’]s)?\b")
GENERIC_OWNERS = {"", "Easter", "Christmas", "Thanksgiving", "Company", "Board", "Group", "Bank", "Government", "Regulator", "Court", "City", "State"}


def _owner(run: str) -> str:
    """The name a possessive run gives, past the words that open a sentence ("In Tallis's")."""
    words = run.split()
    while words and (words[0].lower() in LEADING_WORDS or words[0] in CALENDAR_NAMES or words[0].lower() in HONORIFICS):
        words.pop(0)
    if len(words) == 1 and words[0].lower() in NOT_OWNERS:
        return ""  # "It's", "There's": a contraction, no possessive
    return " ".join(words) if words and words[-1] not in CALENDAR_NAMES else ""


NOT_OWNERS = PRONOUNS | {"there", "here", "let", "analysis", "live", "updates", "opinion", "explainer", "exclusive"}


def _mentions(name: str, text: str) -> int:
    return text.count(name) if " " in name or len(name) > 3 else 0


# "Sen. Robert Kinsley's bill": a person's name in the possessive, not an organisation's
TITLE_BEFORE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Gen|Prof)\.\s+(?:[A-Z][a-z]+\s+)?$")


def _is_titled_person(name: str, text: str) -> bool:
    start = text.find(name)
    while start >= 0:
        if TITLE_BEFORE.search(text, max(0, start - 25), start):
            return True
        start = text.find(name, start + len(name))
    return False


def _is_place(name: str, text: str) -> bool:
    """"in Millbrook", not "in Millbrook's sirens"."""
    if f"n {name}" not in text and f"near {name}" not in text:
        return False
    # "in Millbrook on Tuesday", "in Australia,", but not "in Tallis processing fees"
    return re.search(rf"\b(?:[Ii]n|[Nn]ear) {re.escape(name)}(?=[,.;:)]|\s+{PLACE_FOLLOWERS}\b|$)", text) is not None


PLACE_FOLLOWERS = (r"(?:on|at|and|or|to|for|from|since|until|by|when|where|last|this|next|after|before|during|is|was|"
                   r"were|are|has|have|had|in|of|with|over|the|a|an)")


CALENDAR_NAMES = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:])


def clean_phrase(phrase: str) -> list[str]:
    """The words of a phrase before a verb, without the adverbs and auxiliaries that end it."""
    words = phrase.strip(" ,;:-–—()").split()  # "(Brandt, through a spokesperson, said ...)"
    if words and words[-1].endswith(".") and not _abbreviation(words[-1]):
        words[-1] = words[-1].rstrip(".")  # '"...," said Tamika Rhodes.' ends the sentence, not the name
    while words and (words[-1].lower() in TRAILING_ADVERBS or words[-1].lower().endswith("ly")
                     and not CAPITALISED.match(words[-1])):
        words.pop()
    while words and words[0].lower() in LEADING_WORDS:
        words.pop(0)
    return words[-7:]


def _abbreviation(word: str) -> bool:
    """"Jr.", "Inc.", "U.S." or an initial ("J."): its full stop is part of the word."""
    return word.lower().rstrip(".") in ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Z]\.)+", word))


def is_pronoun(phrase: str) -> bool:
    words = clean_phrase(phrase)
    return len(words) == 1 and words[0].lower() in PRONOUNS


def speaker_from_phrase(phrase: str, known_names: tuple[str, ...] = (), main_org: str | None = None
                        ) -> Speaker | None:
    """A Speaker for a noun phrase such as "An Anthropic spokesperson" or "Logan Graham"; None if not one."""
    words = clean_phrase(phrase)
    if len(words) > 2 and words[-1].lower().strip(".,") in POSTNOMINALS and words[-1][:1].isupper():
        words = words[:-1]  # "Greg Santoro MP" is Greg Santoro
    if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
        return None
    text = " ".join(words)
    owner = _possessive_owner(words)
    head = words[-1].lower().strip(".,")
    person = _person_of_place(words, known_names, main_org)
    if person:
        return person
    titled = _name_after_title(words)
    if titled:
        role = " ".join(words[:len(words) - len(titled.split())])
        return make_speaker(expand(titled, known_names), "person", role=role)
    named = _the_titled(phrase, known_names)
    if named:
        return make_speaker(named, "person")
    if SPOKESPERSON.search(text):
        speaks_for = SPEAKS_FOR.search(text)  # "a spokesperson for the Department of Transport"
        org = (speaks_for.group(1) if speaks_for else None) or owner or _capitalised_run(words) or main_org
        return make_speaker(f"{org} spokesperson" if org else "spokesperson", "spokesperson")
    if owner and head in STANDS_FOR_OWNER:
        return _named(owner, known_names)
    if head in DOCUMENT_WORDS or (len(words) > 1 and words[-2].lower() in DOCUMENT_WORDS and head in {"post", "card"}):
        if not NOT_A_DOCUMENTS_SUBJECT.isdisjoint(word.lower() for word in words[:-1]):
            return None  # "said in an advisory": the words of a clause, no document speaking
        return make_speaker(expand(_document_name(words), known_names), "document")
    if head in GENERIC_ORGANISATIONS and not CAPITALISED.match(words[-1]) and main_org:
        return make_speaker(main_org, "organisation")
    if len(words) > 1 and words[0].lower() in DESCRIBING_NOUNS and all(CAPITALISED.match(w) for w in words[1:]):
        return make_speaker(" ".join(words[1:]), "organisation")  # "the charity Shelterline"
    role = _role_phrase(words)
    if role:
        return make_speaker(role, "unnamed")
    if all(CAPITALISED.match(word) or word.lower() in JOINING_WORDS for word in words):
        return _named(text, known_names)
    return None


# "a spokesperson for the Department of Transport", "spokeswoman for Kellan Foods"
SPEAKS_FOR = re.compile(r"\b(?:spokes(?:person|man|woman)|representative)\s+for\s+(?:the\s+)?"
                        r"([A-Z][\w’'&.-]*(?:\s+(?:of|for|and|&)\s+(?:the\s+)?[A-Z][\w’'&.-]*|\s+[A-Z][\w’'&.-]*)*)")
JOINING_WORDS = {"of", "for", "and", "de", "van", "von", "&"}
# "the charity Shelterline", "campaign group Clean Rivers Now": a noun that says what the organisation named after it is
DESCRIBING_NOUNS = frozenset("charity group union regulator watchdog agency airline carrier bank lender insurer "
                             "retailer supermarket company firm startup broker operator manufacturer maker "
                             "association federation alliance coalition council ministry department trust "
                             "nonprofit non-profit think-tank".split())


def _person_of_place(words: list[str], known_names: tuple[str, ...], main_org: str | None) -> Speaker | None:
    """"Jonas Whitcombe of Albright Partners", "Mayor Luis Ortega of Dayton": a person named before the
    place they belong to. "Bank of America" and "Secretary of State" name nobody before their "of"."""
    if "of" not in words:
        return None
    before = words[:words.index("of")]
    if not 2 <= len(before) <= 4 or not all(CAPITALISED.match(word) for word in before):
        return None
    speaker = speaker_from_phrase(" ".join(before), known_names, main_org)
    if speaker is None or speaker.kind != "person" or len(speaker.name.split()) < 2 or any(
            word.lower() in TITLES | ROLE_NOUNS for word in speaker.name.split()):
        return None
    return speaker


def person_after_title(phrase: str, known_names: tuple[str, ...] = ()) -> Speaker | None:
    """"state Treasurer Don Pruitt": the person a phrase names after a title, if it names one so."""
    name = _name_after_title(clean_phrase(phrase))
    return make_speaker(expand(name, known_names), "person") if name else None


def _name_after_title(words: list[str]) -> str | None:
    """"Mayor Dana Graham", "Veltrex spokesperson Mark Hollis", "Department of Environmental Quality
    Director Harold Baptiste": the person is the name after the last title, the title only says who
    they are."""
    for index in range(len(words) - 2, -1, -1):
        if words[index].lower().strip(",") in TITLES:
            name = words[index + 1:]
            if 1 <= len(name) <= 3 and all(CAPITALISED.match(w) and w.lower() not in TITLES for w in name) and not any(
                    w.lower() in DOCUMENT_WORDS | GENERIC_ORGANISATIONS for w in name):
                return " ".join(name)
            return None
    return None


THE_TITLE = re.compile(r"\s*the\s+([a-z-]+)\s*$", re.IGNORECASE)


def _the_titled(phrase: str, known_names: tuple[str, ...]) -> str | None:
    """"the judge" is the "Judge Eleanor Whitfield" the article named, when it named one person so."""
    match = THE_TITLE.match(phrase)
    if not match or match.group(1).lower() not in TITLES:
        return None
    title = match.group(1).lower()
    people = {_untitled(known) for known in known_names
              if title in (word.lower() for word in known.split()[:-1])}
    # "Judge Eleanor Marsh-Whitfield" and, later, "Judge Marsh-Whitfield" are one judge
    people = {person for person in people if not any(other.endswith(" " + person) for other in people)}
    return people.pop() if len(people) == 1 else None


# Words before a document's noun that make the phrase no subject: "said in an advisory", "posted on its website"
NOT_A_DOCUMENTS_SUBJECT = frozenset("in on at to via through with into under after before during said says told "
                                    "wrote posted issued published sent".split())
DANGLING = {"and", "but", "or", "who", "which", "that", "of", "at", "in", "on", "with", "for"}
QUANTIFIERS = DETERMINERS | {"one", "another", "two", "three", "several", "some", "many"}


def _role_phrase(words: list[str]) -> str | None:
    """"a person familiar with the testing", "one trader": an unnamed source, named by its role."""
    lowered = [w.lower().strip(".,") for w in words]
    for index, word in enumerate(lowered):
        # "a Voltari engineer", "Pentagon officials": one capitalised word right before says whose
        if word in ROLE_NOUNS and CAPITALISED.match(words[index]) and index + 1 < len(words) and \
                CAPITALISED.match(words[index + 1]):
            continue  # "Transit Workers Union", "Harbour Residents Alliance": a word of a name
        if word in ROLE_NOUNS and not any(CAPITALISED.match(w) for w in words[:max(0, index - 1)]):
            # the role begins after its article: "that year a Voltari engineer" is a Voltari engineer
            start = max((j + 1 for j in range(index) if lowered[j] in QUANTIFIERS), default=0)
            end = len(words)
            while end > index + 1 and lowered[end - 1] in DANGLING:  # "one trader who holds the shares and"
                end -= 1
            return " ".join(words[start:end])
    return None


def _named(name: str, known_names: tuple[str, ...]) -> Speaker:
    words = name.strip().split()
    if len(words) > 1 and words[0].lower() in HONORIFICS:
        expanded = expand(" ".join(words[1:]), known_names)
        # "Dr. Helen Park" is Helen Park; "Mr. Zemlin" the Jim Zemlin named before, else Mr. Zemlin
        name = expanded if expanded != " ".join(words[1:]) or len(words) > 2 else name
    name = expand(name.strip(), known_names)
    words = name.split()
    kind = "document" if words[-1].lower() in DOCUMENT_WORDS else "person" if names_a_person(name) else "organisation"
    return make_speaker(name, kind)


def names_a_person(name: str) -> bool:
    """"Renata Vasquez", not "Division of Dam Safety" or "Senate Commerce Committee"."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() and not w.isupper() for w in words) and not any(
        w.lower().rstrip(".,") in DOCUMENT_WORDS | GENERIC_ORGANISATIONS | ORGANISATION_WORDS for w in words)


# 'Sen. Dolores "Dee" Whitaker': a nickname in quotes inside a name, no part of it
NAME_RUN = re.compile(rf"\b[A-Z][\w’'-]{{1,{LONGEST_WORD}}}(?: (?:of |for |and |[\"“][A-Z][\w’'.-]{{0,{LONGEST_WORD}}}[\"”] )?"
                      r"[A-Z][\w’'-]+)+")
NICKNAME = re.compile(r" [\"“][^\"”]*[\"”]")


def known_names_in(text: str) -> tuple[str, ...]:
    """Multi-word capitalised names in a text ("Alignment Risk Update", "Logan Graham"), longest first;
    "Grant Holloway of Montana" names Grant Holloway, too."""
    names = set()
    for run in NAME_RUN.findall(text):
        words = (NICKNAME.sub("", run) if '"' in run or "“" in run else run).split()
        while words and words[0].lower() in LEADING_WORDS:
            words.pop(0)
        if len(words) > 1:
            names.add(" ".join(words))
        if "of" in words and words.index("of") > 1:
            names.add(" ".join(words[:words.index("of")]))
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


JOINERS = (" of ", " for ", " and ")


def expand(name: str, known_names: tuple[str, ...]) -> str:
    """"the Update" is the "Alignment Risk Update" the article named in full before, and "Graham"
    the "Dana Graham" of "Mayor Dana Graham": a title is no part of a name."""
    for known in known_names:
        # "Shares of Calderon" and "Bank of America" are not a longer name of Calderon or America
        if known != name and known.endswith(" " + name) and not known[:-len(name)].endswith(JOINERS):
            return _untitled(known)
    return name


def _untitled(name: str) -> str:
    words = name.split()
    cut = max((index + 1 for index, word in enumerate(words[:-1]) if word.lower() in TITLES | HONORIFICS), default=0)
    return " ".join(words[cut:])


def _possessive_owner(words: list[str]) -> str | None:
    for index, word in enumerate(words):
        match = re.match(r"^(.+?)['’]s$", word)
        if match:
            return " ".join(words[:index] + [match.group(1)])
    return None


def _capitalised_run(words: list[str]) -> str | None:
    run = [w for w in words if CAPITALISED.match(w) and w.lower() not in DETERMINERS]
    return " ".join(run) or None


def _document_name(words: list[str]) -> str:
    return " ".join(w for w in words if w.lower() != "own")


def make_speaker(name: str, kind: str, role: str = "", medium: str = "") -> Speaker:
    name = name[:1].upper() + name[1:]
    return Speaker(name, kind, speaker_key(name, kind), role, medium)


def speaker_key(name: str, kind: str) -> str:
    """What two speakers must share to agree: a draft is a draft, whatever the article calls it."""
    words = [w.lower().strip(".,") for w in re.sub(r"['’]s\b", "", name).split()]
    if kind == "document":
        if "draft" in words or "drafts" in words:
            return "draft"
        if words[-1] in {"documents", "materials", "files", "document"}:
            return "documents"
        content = [w for w in words if w not in DROPPED_WORDS]
        return " ".join(content[-3:])
    return " ".join(w for w in words if w not in DETERMINERS)
