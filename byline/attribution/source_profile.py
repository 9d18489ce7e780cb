"""Who the sources are: a category for each attribution's speaker and, for a person, a gender, with evidence.

Categories follow the annotation guideline of issue 16 (first that fits): ``anonymous`` (people not named),
``document``, ``politician``, ``government``, ``media``, ``expert``, ``business``, ``advocacy``, ``citizen``,
``person`` (named, role unclear), ``unknown``. They are read from what the text says: the entity's type
(outlets are media, countries government, documents documents), an organisation's name by its words
("Department", "University", "Inc", "Union", "Times"), a person's titles, appositions and roles as the
entity registry collected them ("Sen.", "a professor at Yale", "FBI director"), a party tag ("D-Mass."),
the source's own words for an unnamed source ("a Pentagon spokesman", "the report", "64 percent of those
polled"), and a short list of very well-known political figures (the guideline allows general knowledge of
public figures).

Gender (persons only: None for organisations, documents, countries) is taken, in order, from a gendered
pronoun that is the source itself ("she said"), an honorific or gendered noun the text gives the person
("Mrs.", "congresswoman", "his wife"), the he/she pronouns that refer to them (those the attribution stage
resolved to them, and the one-person-in-reach votes of the registry), the well-known figures' list, and
last a first-name list: a few common names in byline's lexicon, then, where the optional
``nomquamgender`` package (MIT) is installed, its name data (a name counts only when the data is at least
90% one way). Anything else is ``unknown``; every answer carries its evidence.

The ``sources`` stage runs after ``attribution``: it reads the registry that stage leaves in
``ctx.shared`` and the parse, and parses nothing again.
"""

from __future__ import annotations

import importlib.util
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from byline.attribution.anonymity import UNNAMED_REPORTS
from byline.entities import lexicon as lx
from byline.entities.people import pronoun_gender_votes
from byline.entities.registry import EntityRecord, Registry, build_registry, known_org_key
from byline.entities.stage import REGISTRY_KEY
from byline.pipeline import Context, register_stage
from byline.reading import Attribution, Source

UNKNOWN = "unknown"
# The guideline's order: where several categories fit, the first wins.
CATEGORY_ORDER = ("politician", "government", "media", "expert", "business", "advocacy", "citizen")

# -- word lists -----------------------------------------------------------------------------------------

# Roles that make a person a politician whatever organisation follows ("senator", "Secretary of State").
POLITICAL_ROLES = frozenset(
    """
    senator congressman congresswoman congressmember lawmaker legislator governor mayor councilman councilwoman
    councilmember councillor councilor alderman assemblyman assemblywoman assemblymember candidate nominee
    premier chancellor president-elect taoiseach speaker democrat republican democrats republicans gop
    """.split()
) | frozenset(
    (
        "prime minister",
        "secretary of state",
        "attorney general",
        "majority leader",
        "minority leader",
        "majority whip",
        "minority whip",
        "house speaker",
        "state senator",
        "state representative",
        "presidential hopeful",
        "campaign manager",
        "campaign chairman",
        "campaign spokesman",
        "campaign spokeswoman",
        "political consultant",
        "political strategist",
        "political operative",
        "party leader",
        "party chairman",
        "party chair",
        "member of parliament",
        "member of congress",
        "head of state",
    )
)
# Roles that are political when bare ("President Obama", "the minister"), another body's with a name of
# one beside them ("Judicial Watch president", "the university's vice president": not a politician).
HEAD_ROLES = frozenset("president minister secretary representative leader".split()) | {"vice president"}

# Roles by category, when no organisation in the phrase says otherwise.
ROLE_WORDS: dict[str, frozenset[str]] = {
    "government": frozenset(
        """
        official officials judge justice prosecutor prosecutors sheriff police policeman policewoman officer
        detective inspector investigator agent diplomat ambassador envoy consul general admiral colonel
        commander lieutenant sergeant captain soldier soldiers troops regulator regulators commissioner
        ranger trooper marshal magistrate coroner warden bureaucrat spokesman spokeswoman spokesperson
        """.split()
    )
    | frozenset(
        (
            "inspector general",
            "press secretary",
            "district attorney",
            "prosecuting attorney",
            "u.s. attorney",
            "civil servant",
            "fire chief",
            "police chief",
            "border agent",
            "police officer",
        )
    ),
    "media": frozenset(
        """
        journalist journalists reporter reporters correspondent columnist columnists editor editors anchor
        anchorman anchorwoman host commentator commentators pundit pundits blogger broadcaster newscaster
        contributor publisher newsman newswoman
        """.split()
    )
    | frozenset(("opinion writer", "staff writer", "editorial board", "talk show host", "radio host")),
    "expert": frozenset(
        """
        professor prof. academic scholar researcher researchers scientist scientists economist economists
        analyst analysts expert experts specialist fellow historian psychologist sociologist demographer
        physician epidemiologist virologist statistician pollster lecturer dean neurosurgeon surgeon
        psychiatrist physicist biologist chemist climatologist criminologist strategist scholars
        """.split()
    )
    | frozenset(("political scientist", "think tank", "legal expert", "senior fellow", "research fellow")),
    "business": frozenset(
        """
        ceo cfo coo cto executive executives businessman businesswoman businessmen entrepreneur founder
        co-founder cofounder owner investor banker trader billionaire industrialist tycoon chairman
        shopkeeper retailer landlord developer
        """.split()
    )
    | frozenset(("chief executive", "managing director", "business owner", "general manager")),
    "advocacy": frozenset(
        """
        activist activists advocate advocates organizer organiser campaigner campaigners lobbyist lobbyists
        pastor priest rabbi imam bishop archbishop cardinal pope reverend rev. chaplain cleric nun
        """.split()
    )
    | frozenset(("executive director", "civil rights leader", "union leader", "union president")),
    "citizen": frozenset(
        """
        resident residents voter voters witness witnesses victim victims survivor survivors mother father
        parent parents wife husband son daughter brother sister grandmother grandfather grandparent widow
        widower student students protester protesters protestor demonstrator demonstrators homeowner
        shopper customer customers patient patients neighbor neighbors neighbour neighbours farmer farmers
        retiree passenger passengers fan fans attendee attendees bystander tenant tenants immigrant
        immigrants refugee refugees citizen citizens taxpayer taxpayers commuter constituent constituents
        mom dad relative relatives family families teenager teen worker workers nurse teacher teachers
        """.split()
    ),
}

# Roles whose kind is the body they are held in: "a spokesman for Acme" is business, "the Pentagon's" not.
AFFILIATION_ROLES = frozenset(
    """
    spokesman spokeswoman spokesperson director president chairman chairwoman chair official officials officer
    leader head chief member counsel attorney lawyer adviser advisor manager executive fellow trustee aide
    staffer employee secretary minister representative
    """.split()
) | {"vice president", "general counsel"}
ALL_ROLES = (
    frozenset().union(*ROLE_WORDS.values())
    | POLITICAL_ROLES
    | HEAD_ROLES
    | AFFILIATION_ROLES
    | lx.ROLE_NOUNS
    | lx.PERSON_NOUNS
)
# A role held in the past says nothing of what the person speaks as: "an Air Force veteran".
PAST_AFFILIATIONS = frozenset({"veteran", "veterans", "alumnus", "alumna", "alumni", "graduate"})
CHIEF_OFFICER = re.compile(r"\bchief (?:[a-z]+ ){0,2}officer\b")
# What may follow an organisation's name in a description: nothing, a preposition, a role.
NAME_FOLLOWERS = frozenset({"of", "for", "at", "in", "and", "'s", "on", "to", "from", "with", ","})

# Words in an organisation's name (or in a person's description) that tell what kind of body it is.
ORG_WORDS: dict[str, frozenset[str]] = {
    "politician": frozenset(
        """
        congress senate party campaign caucus parliament legislature gop dnc rnc democrats republicans
        """.split()
    )
    | frozenset(
        (
            "house of representatives",
            "house intelligence",
            "house judiciary",
            "house oversight",
            "senate intelligence",
            "senate judiciary",
            "house democrats",
            "house republicans",
            "senate democrats",
            "senate republicans",
            "city council",
        )
    ),
    "government": frozenset(
        """
        department dept. ministry agency administration police pentagon kremlin government court army navy
        military marines embassy consulate bureau authority authorities prosecutors treasury customs
        patrol cabinet municipality sheriff's
        """.split()
    )
    | frozenset(
        (
            "white house",
            "downing street",
            "supreme court",
            "air force",
            "coast guard",
            "secret service",
            "federal reserve",
            "central bank",
            "united nations",
            "european commission",
            "european union",
            "world bank",
            "state media",
        )
    ),
    "media": lx.NEWSPAPER_WORDS
    | frozenset("network channel magazine tv television radio press media newspaper broadcaster podcast".split()),
    "expert": frozenset(
        """
        university college institute institution academy laboratory lab school hospital clinic studies
        """.split()
    )
    | frozenset(("center for", "centre for", "think tank", "medical center", "research center", "brookings")),
    "business": frozenset(
        """
        inc inc. corp corp. corporation company co. llc ltd ltd. plc holdings bank airlines airways motors
        technologies industries enterprises ventures firm insurer retailer manufacturer chamber
        """.split()
    )
    | frozenset(("business roundtable", "trade group")),
    "advocacy": frozenset(
        """
        union unions foundation alliance coalition federation league society watch action church diocese
        archdiocese charity nonprofit non-profit ngo movement aclu naacp nra greenpeace amnesty
        """.split()
    )
    | frozenset(("advocacy group", "campaign for", "planned parenthood", "human rights", "civil liberties")),
}
KNOWN_AGENCY, KNOWN_PLATFORM = "a body the lexicon knows", "a platform the lexicon knows"
# Agencies the lexicon knows that are not the state.
AGENCY_CATEGORY = {"dnc": "politician", "rnc": "politician", "aclu": "advocacy", "naacp": "advocacy", "nra": "advocacy"}
# The lexicon's agency acronyms as written in a lower-cased description ("fbi director"), less those that
# are common words ("who", "ice").
DESCRIBED_AGENCIES = frozenset(lx.AGENCIES) - {"who", "ice", "un", "sec", "eu"}

# Head nouns of unnamed sources that are documents or artefacts, not people (the lexicon's and more).
DOCUMENT_WORDS = lx.DOCUMENT_NOUNS | frozenset(
    """
    poll polls survey surveys data study studies report reports analysis paper papers book article story
    tweet tweets post posts video footage website page records documents proclamation order bill law
    legislation plan proposal resolution amendment constitution treaty agreement guidance guidelines
    budget estimate estimates projection projections forecast figures numbers statistics census index
    research findings results ad advertisement petition decision opinion editorial op-ed investigation
    text messages emails minutes notes transcripts
    """.split()
)
# Heads of shares of a polled population: "64 percent of those polled", "three-quarters", "a majority".
SHARE_WORDS = frozenset("percent per cent % majority minority half third quarter three-quarters two-thirds".split())
# Generic nouns for a body already named: "the company", "the agency", "the group".
GENERIC_ORG_CATEGORY = {
    "company": "business",
    "firm": "business",
    "bank": "business",
    "retailer": "business",
    "carrier": "business",
    "maker": "business",
    "agency": "government",
    "department": "government",
    "ministry": "government",
    "government": "government",
    "administration": "government",
    "court": "government",
    "campaign": "politician",
    "party": "politician",
    "newspaper": "media",
    "paper": "media",
    "outlet": "media",
    "network": "media",
    "magazine": "media",
    "university": "expert",
    "institute": "expert",
    "union": "advocacy",
    "charity": "advocacy",
}
VAGUE_PRONOUNS = frozenset({"some", "many", "others", "several", "few", "most", "all", "everyone", "nobody"})
INDEFINITE_WORDS = frozenset(
    "a an another one two three four five six seven eight nine ten some several many few various other multiple"
    " numerous certain unnamed anonymous unidentified".split()
)
FIRST_PERSON_DESCRIPTIONS = frozenset({"the writer", "the writer's outlet"})
GENDERED_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
MALE_NOUNS = frozenset(
    """
    man men husband father dad son brother grandfather uncle nephew widower boy boyfriend king prince lord
    congressman spokesman chairman businessman assemblyman councilman anchorman newsman policeman
    """.split()
)
FEMALE_NOUNS = frozenset(
    """
    woman women wife mother mom daughter sister grandmother aunt niece widow girl girlfriend queen princess
    lady dame congresswoman spokeswoman chairwoman businesswoman assemblywoman councilwoman anchorwoman
    newswoman policewoman actress
    """.split()
)
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss"})

# Very well-known political figures (general knowledge, as the guideline allows): full name -> gender.
# Kept to office holders and candidates who are quoted across the news of many years.
KNOWN_POLITICIANS: dict[str, str] = {
    **dict.fromkeys(
        """
        donald-trump barack-obama joe-biden bill-clinton george-bush george-w.-bush mike-pence dick-cheney
        al-gore john-kerry john-mccain mitt-romney bernie-sanders ted-cruz marco-rubio jeb-bush chris-christie
        rand-paul ben-carson paul-ryan mitch-mcconnell chuck-schumer kevin-mccarthy john-boehner harry-reid
        lindsey-graham adam-schiff jerry-nadler steny-hoyer mike-pompeo rex-tillerson jeff-sessions
        william-barr bill-barr eric-holder rudy-giuliani ron-desantis greg-abbott gavin-newsom andrew-cuomo
        bill-de-blasio pete-buttigieg beto-o'rourke cory-booker martin-o'malley scott-walker john-kasich
        mike-huckabee rick-perry rick-santorum newt-gingrich jim-jordan mark-meadows steve-scalise
        tim-kaine tim-scott mike-johnson ronald-reagan jimmy-carter richard-nixon john-f.-kennedy
        vladimir-putin xi-jinping emmanuel-macron boris-johnson david-cameron tony-blair justin-trudeau
        benjamin-netanyahu recep-erdogan narendra-modi volodymyr-zelensky kim-jong-un bashar-assad
        hassan-rouhani mahmoud-abbas mohamed-morsi nicolas-maduro keir-starmer rishi-sunak
        """.split(),
        "male",
    ),
    **dict.fromkeys(
        """
        hillary-clinton nancy-pelosi kamala-harris elizabeth-warren alexandria-ocasio-cortez sarah-palin
        nikki-haley carly-fiorina amy-klobuchar kirsten-gillibrand susan-collins lisa-murkowski liz-cheney
        marjorie-greene ilhan-omar rashida-tlaib condoleezza-rice madeleine-albright dianne-feinstein
        theresa-may angela-merkel liz-truss ursula-von-der-leyen michele-bachmann kellyanne-conway
        """.split(),
        "female",
    ),
}
# Surnames that, alone, stand for one of them in the news (category only: "Clinton" may be Bill or Hillary).
KNOWN_POLITICIAN_SURNAMES = frozenset(
    """
    trump obama biden clinton pence pelosi mcconnell schumer sanders putin netanyahu erdogan merkel macron
    boehner mccain romney cruz rubio warren desantis giuliani
    """.split()
)
PARTY_WORDS = frozenset("democrats republicans democrat republican gop".split())
PARTY_TAG = re.compile(r"^\s*[,(]\s*[RDI]-[A-Z][A-Za-z.]*")


# -- the result -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceProfile:
    """What kind of source an attribution's speaker is, its gender (persons only), and why."""

    category: str = UNKNOWN
    gender: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    category: str
    why: str
    person: bool | None = None  # whether the source is a person (or people); None: as the entity type says


# -- phrases ----------------------------------------------------------------------------------------------

_WORD = re.compile(r"[\w][\w.&'’-]*")


def words_of(text: str) -> list[str]:
    """Lower-case words of a phrase ("Sen." keeps its dot, "people's" its apostrophe)."""
    return [w.replace("’", "'").lower() for w in _WORD.findall(text)]


def _grams(words: Sequence[str]) -> list[str]:
    """Every run of one to four words, longest first at each position."""
    found = []
    for i in range(len(words)):
        for n in (4, 3, 2, 1):
            if i + n <= len(words):
                found.append(" ".join(words[i : i + n]))
    return found


def _first_in(grams: Iterable[str], lists: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """(category, word) of the first category in the guideline's order any of the grams belongs to."""
    grams = list(grams)
    for category in CATEGORY_ORDER:
        words = lists.get(category, frozenset())
        hit = next((g for g in grams if g in words), None)
        if hit is not None:
            return category, hit
    return None


@lru_cache(maxsize=4096)
def organisation_category(name: str) -> tuple[str, str] | None:
    """(category, the word that says so) of an organisation by its name: "Justice Department" is government,
    "Harvard University" expert, "Acme Inc." business, "Judicial Watch" advocacy, "Republican National
    Committee" politician."""
    key = known_org_key(name)
    if key is not None:
        if key in lx.PLATFORMS:
            return "business", KNOWN_PLATFORM
        if key in lx.AGENCIES:
            return AGENCY_CATEGORY.get(key, "government"), KNOWN_AGENCY
    words = words_of(name)
    if not words:
        return None
    if words[0] in ("democratic", "republican") and words[-1] in ("committee", "party", "caucus", "conference"):
        return "politician", f"{words[0]} {words[-1]}"
    return _first_in(_grams(words), ORG_WORDS)


@lru_cache(maxsize=4096)
def role_category(phrase: str) -> tuple[str, str] | None:
    """(category, word) that a description of a person gives: a title ("senator"), an apposition ("a professor
    at Yale", "spokesman for the Pentagon"), a role ("as governor"). A political office wins; then a role
    that is a trade of its own ("professor", "activist"); then the body a role is held in ("FBI director" is
    government, "Judicial Watch president" advocacy, "a spokesman for Acme Inc." business); then the role."""
    if "|" in phrase:
        return None
    words = words_of(re.split(r"\b(?:who|that|which|whose)\b", phrase.lower())[0])
    if not words or len(words) > 25 or words[-1] in PAST_AFFILIATIONS:
        return None
    grams = _grams(words)
    political = next((g for g in grams if g in POLITICAL_ROLES), None)
    if political is not None:
        return "politician", political
    chief = CHIEF_OFFICER.search(" ".join(words))
    if chief is not None:
        return "business", chief.group(0)
    head = _role_head(words)
    if head is not None and head not in AFFILIATION_ROLES and (trade := _role_of(head)) is not None:
        return trade, head
    body = _body_in(words)
    if body is not None:
        category, word = body
        if head in ("secretary", "minister") and category == "government" and "press" not in words:
            return "politician", f"{word} {head}"  # heads a department: "Homeland Security Department secretary"
        return body
    if head in HEAD_ROLES and len(words) <= 3 and "'s" not in words:
        return "politician", head  # "president", "the minister", "defense secretary"
    complement = head is not None and re.search(r"\b(?:of|for|at|with)\b", " ".join(words))
    if head is not None and not (head in AFFILIATION_ROLES and complement) and (default := _role_of(head)):
        return default, head  # "a spokesman": government; "a spokesman for the Sierra Club": not said
    return None


def _role_head(words: Sequence[str]) -> str | None:
    """The last role word (or two) of a description: "counsel" of "University of North Texas assistant
    general counsel", "prosecuting attorney" of "county prosecuting attorney"."""
    for i in range(len(words) - 1, -1, -1):
        if i > 0 and f"{words[i - 1]} {words[i]}" in ALL_ROLES:
            return f"{words[i - 1]} {words[i]}"
        if words[i] in ALL_ROLES:
            return words[i]
    return None


def _role_of(role: str) -> str | None:
    return next((category for category in CATEGORY_ORDER if role in ROLE_WORDS.get(category, ())), None)


def _body_in(words: Sequence[str]) -> tuple[str, str] | None:
    """(category, word) of the first organisation word, in the guideline's order, that ends a name in the
    phrase: followed by nothing, a preposition or a role ("FBI director", "the university of Glasgow"), not
    by another noun ("the Supreme Court case" is no court's)."""
    hits: dict[str, str] = {}
    for i in range(len(words)):
        for n in (3, 2, 1):
            gram = " ".join(words[i : i + n])
            if i + n > len(words):
                continue
            after = words[i + n] if i + n < len(words) else None
            if after is not None and after not in NAME_FOLLOWERS and after not in ALL_ROLES:
                continue
            category = next((c for c in CATEGORY_ORDER if gram in ORG_WORDS.get(c, ())), None)
            if category is None and n == 1 and gram in DESCRIBED_AGENCIES:
                category = AGENCY_CATEGORY.get(gram, "government")
            if category is not None:
                hits.setdefault(category, gram)
    return next(((c, hits[c]) for c in CATEGORY_ORDER if c in hits), None)


# -- one source -------------------------------------------------------------------------------------------


def entity_verdict(record: EntityRecord, registry: Registry, span: Span | None = None) -> Verdict | None:
    """The category of a named entity, from its type, its name, and (a person's) titles and appositions."""
    if record.type == "DOCUMENT":
        return Verdict("document", f"document '{record.name}'", person=False)
    if record.type == "PUBLICATION":
        return Verdict("media", f"news outlet '{record.name}'", person=False)
    if record.type == "GPE":
        return Verdict("government", f"country or place '{record.name}'", person=False)
    if record.type == "ORG":
        found = organisation_category(record.name)
        if found is None:
            return None
        return Verdict(found[0], f"organisation '{record.name}' {_said_by(found[1])}", person=False)
    if record.type == "NORP":
        found = _first_in(words_of(record.name), {"politician": PARTY_WORDS})
        return Verdict("politician", f"party '{record.name}'", person=True) if found else None
    if record.type != "PERSON":
        return None
    return person_verdict(record, registry, span)


def person_verdict(record: EntityRecord, registry: Registry, span: Span | None = None) -> Verdict:
    """A named person's category: a well-known political figure, a party tag after a name ("D-Mass."), the
    descriptions the text gives (titles, appositions, roles, and the words of the source mention beside the
    name; the first that fits in the guideline's order), an organisation named in the mention ("Ken Norton
    of Google"), else ``person`` (named, role not clear)."""
    known = known_politician(record.name) is not None
    text = registry.text
    for _start, end in record.mentions:
        tag = PARTY_TAG.match(text[end : end + 30])
        if tag:
            return Verdict("politician", f"party tag '{tag.group(0).strip(' ,(')}'")
    described = described_verdict(record, span)
    if described is not None and (described.category == "politician" or not known):
        return described
    if known:
        return Verdict("politician", f"well-known figure '{record.name}'")
    body = organisation_in(span, record, registry) if span is not None else None
    if body is not None:
        return body
    return Verdict("person", "named, no role in the text")


def described_verdict(record: EntityRecord, span: Span | None) -> Verdict | None:
    """The category the person's descriptions give (titles, appositions, roles, the words of the mention
    beside the name), the first that fits in the guideline's order."""
    phrases = list(record.descriptors)
    extra = mention_extra(span, record) if span is not None else None
    if extra:
        phrases.append(extra)
    found = [(hit[0], hit[1], phrase) for phrase in phrases if (hit := role_category(phrase)) is not None]
    for category in CATEGORY_ORDER:
        for hit_category, word, phrase in found:
            if hit_category == category:
                if apposed_organisation(phrase):
                    return Verdict(category, f"described as '{phrase}'", person=False)
                if phrase == word:
                    return Verdict(category, f"title '{phrase}'")
                return Verdict(category, f"described as '{phrase}' ('{word}')")
    return None


def mention_extra(span: Span, record: EntityRecord) -> str | None:
    """The words of a source mention outside the person's own mentions: "who served as Scott Walker's
    campaign manager" of "Rick Wiley, who served as …"."""
    inside = record.mentions
    words = [t.text for t in span if not any(s <= t.idx < e for s, e in inside)]
    while words and (not any(c.isalnum() for c in words[0]) or words[0].lower() in ("who", "which", "that")):
        words.pop(0)
    return " ".join(words) if words else None


def _said_by(word: str) -> str:
    return f"({word})" if word in (KNOWN_AGENCY, KNOWN_PLATFORM) else f"('{word}')"


def organisation_in(span: Span, record: EntityRecord, registry: Registry) -> Verdict | None:
    """The category of an organisation or outlet named inside a person's source mention ("of Google")."""
    seen = set()
    for token in span:
        if any(s <= token.idx < e for s, e in record.mentions):
            continue
        entity = registry.get(registry.entity_at(token.idx, token.idx + len(token.text)))
        if entity is None or entity.id in seen or entity.type not in ("ORG", "PUBLICATION"):
            continue
        seen.add(entity.id)
        if entity.type == "PUBLICATION":
            return Verdict("media", f"of '{entity.name}'")
        found = organisation_category(entity.name)
        if found is not None:
            return Verdict(found[0], f"of '{entity.name}' {_said_by(found[1])}")
    return None


def apposed_organisation(phrase: str) -> bool:
    """An apposition whose head is an organisation ("a Salafist party that …"): the "person" is a body."""
    head = words_of(re.split(r"\b(?:who|that|which)\b", phrase.lower())[0])
    return bool(head) and head[-1] in ("party", "group", "organization", "organisation", "company", "movement")


def known_politician(name: str) -> str | None:
    """The gender of a well-known political figure by full name, "" for a surname that stands for one, or
    None."""
    words = [w for w in words_of(name) if w not in ("jr.", "jr", "sr.", "sr")]
    if not words:
        return None
    full = "-".join(words)
    if full in KNOWN_POLITICIANS:
        return KNOWN_POLITICIANS[full]
    short = f"{words[0]}-{words[-1]}"
    if len(words) > 2 and short in KNOWN_POLITICIANS:
        return KNOWN_POLITICIANS[short]
    if len(words) == 1 and words[0] in KNOWN_POLITICIAN_SURNAMES:
        return ""
    return None


def unnamed_verdict(span: Span, source: Source) -> Verdict:
    """The category of a source no entity stands for, from its own words: anonymous people ("one official",
    "sources", "others"), documents ("the report", "a new poll", "64 percent of those polled"), a body
    ("the Hong Kong government", "the Allen campaign"), a role ("the inspector general"), the writer."""
    if source.description in FIRST_PERSON_DESCRIPTIONS:
        return Verdict("media", source.description, person=source.description == "the writer")
    root = span.root
    lemma, lower = root.lemma_.lower(), root.lower_
    if root.pos_ == "PRON" and lower not in VAGUE_PRONOUNS:
        if source.anonymous:
            return _group_verdict(source.description or root.text)
        if root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
            antecedent = root.head.head
            return unnamed_verdict(root.doc[antecedent.left_edge.i : antecedent.i + 1], source)
        return Verdict(UNKNOWN, f"pronoun '{root.text}'", person=lower in GENDERED_PRONOUNS or None)
    if lower in SHARE_WORDS or lemma in SHARE_WORDS or _share_of_people(span):
        return Verdict("document", f"share of those polled '{span.text}'", person=False)
    if lemma in DOCUMENT_WORDS or lower in DOCUMENT_WORDS:
        return Verdict("document", f"document noun '{root.text}'", person=False)
    core = re.split(r"\s(?:who|that|which|whose)\s|[,;:(–—]", span.text)[0]
    named = any(t.ent_type_ == "PERSON" for t in span)
    people = _people_noun(root)
    if source.anonymous or (people and not named and _indefinite(root)) or lower in VAGUE_PRONOUNS:
        if root.tag_ in ("NNS", "NNPS") and (lemma in PARTY_WORDS or lower in PARTY_WORDS):
            return Verdict("politician", f"party members '{span.text}'", person=True)
        return Verdict("anonymous", f"not named: '{source.description or span.text}'", person=True)
    if lemma in GENERIC_ORG_CATEGORY and not people:
        return Verdict(GENERIC_ORG_CATEGORY[lemma], f"'{root.text}'", person=False)
    if root.pos_ == "PROPN" or lemma == "government":
        body = organisation_category(core)
        if body is not None:
            return Verdict(body[0], f"organisation '{core.strip()}' {_said_by(body[1])}", person=False)
    conjoined = any(t.dep_ == "conj" for t in span)
    role = role_category(core)
    if role is not None and (people or conjoined):
        return Verdict(role[0], f"described as '{core.strip()}' ('{role[1]}')", person=True)
    if people:
        return Verdict(UNKNOWN, f"a person, no role: '{core}'", person=True)
    return Verdict(UNKNOWN, "no cue", person=None)


def _group_verdict(description: str) -> Verdict:
    """An anonymous group a pronoun stands for ("they": "Republicans", "students")."""
    if any(w in PARTY_WORDS for w in words_of(description)):
        return Verdict("politician", f"party members '{description}'", person=True)
    return Verdict("anonymous", f"not named: '{description}'", person=True)


def _indefinite(root: Token) -> bool:
    """A person noun that picks out no one known: "a federal judge", "one official", "friends" (bare plural)."""
    lefts = list(root.lefts)
    if any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those") for c in lefts):
        return False
    if any(c.lower_ in INDEFINITE_WORDS or c.dep_ == "nummod" for c in lefts):
        return True
    return root.tag_ in ("NNS", "NNPS")


def _people_noun(root: Token) -> bool:
    """Whether a head noun names a person or people."""
    lemma, lower = root.lemma_.lower(), root.lower_
    if root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    for words in (*ROLE_WORDS.values(), lx.ROLE_NOUNS, lx.PERSON_NOUNS, POLITICAL_ROLES):
        if lemma in words or lower in words:
            return True
    return lemma in ("person", "people", "source", "friend", "aide", "staffer", "critic", "group", "member")


def _share_of_people(span: Span) -> bool:
    """ "Seventy-eight percent of Americans", "most respondents": a share of a polled population."""
    return any(t.lower_ in ("percent", "%", "respondents") for t in span) and len(span) <= 12


# -- gender ---------------------------------------------------------------------------------------------


def words_gender(words: Iterable[str]) -> tuple[str, str] | None:
    """(gender, evidence) from an honorific or gendered noun among ``words`` (lower case)."""
    for word in words:
        if word in FEMALE_HONORIFICS:
            return "female", f"honorific '{word}'"
        if word in MALE_HONORIFICS:
            return "male", f"honorific '{word}'"
        if word in FEMALE_NOUNS:
            return "female", f"noun '{word}'"
        if word in MALE_NOUNS:
            return "male", f"noun '{word}'"
    return None


def descriptor_gender(descriptors: Iterable[str]) -> tuple[str, str] | None:
    """An honorific title ("Mrs.") or a gendered head noun ("spokeswoman", "his wife") among a person's
    descriptions; words inside an apposition's clauses ("… to support Mr. Morsi") are not theirs."""
    for phrase in descriptors:
        words = words_of(phrase)
        if not words or "|" in phrase:
            continue
        core = re.split(r" (?:who|that|which|of|for|at|to|in|with) ", " ".join(words))[0].split()
        found = words_gender([core[0], core[-1]] if len(core) > 1 else core)
        if found is not None:
            return found
    return None


def first_name(name: str) -> str | None:
    """The first name of a person's full name ("Rick" of 'Rick “Ozzie” Nelson'); None for one word or an
    initial."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if len(words) < 2:
        return None
    first = words[0].strip("“”\"'’.,")
    if len(first) < 2 or first.endswith(".") or not first[:1].isupper() or first.lower() in lx.TITLE_WORDS:
        return None
    return first


_NAME_DATA: dict[str, float] | None = None
_NAME_DATA_LOCK = threading.Lock()
NAME_DATA_PACKAGE = "nomquamgender"
NAME_DATA_MIN_COUNT = 50
NAME_DATA_CERTAINTY = 0.9
_NAME_DATA_ROW = re.compile(r'"([a-z][a-z\'-]*)": \[\d+, (\d+), ([\d.]+)')


def name_data() -> dict[str, float]:
    """First name -> share of its bearers who are women, from the installed ``nomquamgender`` package's
    data (names seen at least ``NAME_DATA_MIN_COUNT`` times and ``NAME_DATA_CERTAINTY`` one way); empty
    where the package is not installed. Read once per process (about a second), only when first needed."""
    global _NAME_DATA
    if _NAME_DATA is None:
        with _NAME_DATA_LOCK:
            if _NAME_DATA is None:
                _NAME_DATA = _read_name_data()
    return _NAME_DATA


def _read_name_data() -> dict[str, float]:
    spec = importlib.util.find_spec(NAME_DATA_PACKAGE)  # its module needs pandas: read its data file only
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    if not path.is_file():
        return {}
    table = {}
    low, high = 1 - NAME_DATA_CERTAINTY, NAME_DATA_CERTAINTY
    for match in _NAME_DATA_ROW.finditer(path.read_text(encoding="utf-8")):
        share = float(match.group(3))
        if int(match.group(2)) >= NAME_DATA_MIN_COUNT and (share <= low or share >= high):
            table[match.group(1)] = share
    return table


def name_gender(name: str) -> tuple[str, str] | None:
    """(gender, evidence) from a person's first name: byline's short lexicon, then the name data."""
    first = first_name(name)
    if first is None:
        return None
    key = unicodedata.normalize("NFKD", first.lower()).encode("ascii", "ignore").decode()
    if key in lx.FEMALE_NAMES:
        return "female", f"first name '{first}'"
    if key in lx.MALE_NAMES:
        return "male", f"first name '{first}'"
    share = name_data().get(key)
    if share is None:
        return None
    gender = "female" if share >= 0.5 else "male"
    return gender, f"first name '{first}' ({NAME_DATA_PACKAGE}: {round(100 * max(share, 1 - share))}% {gender})"


class GenderClues:
    """What the article says of its people's gender, gathered once: he/she votes by entity (the pronoun
    sources the attribution stage resolved to an entity, worth two each, and, read only when first needed,
    the registry's one-person-in-reach votes), and each person's gender once found."""

    def __init__(
        self, doc: Doc | None = None, registry: Registry | None = None, attributions: Sequence[Attribution] = ()
    ) -> None:
        self._doc, self._registry = doc, registry
        self._votes: dict[str, Counter] | None = None
        self.resolved: dict[str, Counter] = {}
        self.found: dict[str, tuple[str, str]] = {}
        for attribution in attributions:
            source = attribution.source
            if source.entity and source.span is not None:
                gender = GENDERED_PRONOUNS.get(source.span.text.strip().lower())
                if gender is not None:
                    self.resolved.setdefault(source.entity, Counter())[gender] += 2

    def votes(self, entity_id: str) -> Counter:
        if self._votes is None:
            self._votes = {}
            if self._doc is not None and self._registry is not None:
                people = [r for r in self._registry.records if r.type == "PERSON"]
                for found_id, counter in pronoun_gender_votes(self._doc, people).items():
                    for code, n in counter.items():
                        self._votes.setdefault(found_id, Counter())["female" if code == "f" else "male"] += n
        return self.resolved.get(entity_id, Counter()) + self._votes.get(entity_id, Counter())


def gender_clues(doc: Doc, registry: Registry, attributions: Sequence[Attribution]) -> GenderClues:
    """The gender clues of one article."""
    return GenderClues(doc, registry, attributions)


def person_gender(record: EntityRecord, clues: GenderClues) -> tuple[str, str]:
    """A named person's gender and its evidence: honorific or gendered noun, pronouns that refer to them, a
    well-known figure, first name; else unknown."""
    if record.id not in clues.found:
        clues.found[record.id] = _person_gender(record, clues)
    return clues.found[record.id]


def _person_gender(record: EntityRecord, clues: GenderClues) -> tuple[str, str]:
    found = descriptor_gender(record.descriptors)
    if found is not None:
        return found
    votes = clues.votes(record.id)
    if votes:
        (top, n), *rest = votes.most_common()
        if not rest or n >= 2 * rest[0][1]:
            word = "she" if top == "female" else "he"
            return top, f"pronoun '{word}' ({n} vote{'s' if n > 1 else ''})"
    known = known_politician(record.name)
    if known:
        return known, f"well-known figure '{record.name}'"
    by_name = name_gender(record.name)
    if by_name is not None:
        return by_name
    return UNKNOWN, "no pronoun, honorific or known first name"


# -- the profile of every attribution ------------------------------------------------------------------


def profile_source(doc: Doc, source: Source, registry: Registry, clues: GenderClues | None = None) -> SourceProfile:
    """Category, gender and evidence of one attribution's source."""
    clues = clues or GenderClues()
    record = registry.get(source.entity)
    span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand") if source.span else None
    verdict: Verdict | None = None
    if source.anonymous and span is not None:
        verdict = unnamed_verdict(span, source)
    elif source.anonymous:
        verdict = Verdict("anonymous", f"not named: '{source.description}'", person=True)
        if source.description == UNNAMED_REPORTS:
            verdict = Verdict("document", f"'{source.description}'", person=False)
    elif record is not None:
        verdict = entity_verdict(record, registry, span)
        if verdict is None and span is not None:
            verdict = unnamed_verdict(span, source)
    elif span is not None:
        verdict = unnamed_verdict(span, source)
    elif source.description in FIRST_PERSON_DESCRIPTIONS:
        verdict = Verdict("media", source.description, person=source.description == "the writer")
    verdict = verdict or Verdict(UNKNOWN, "no source mention", person=None)
    person = verdict.person if verdict.person is not None else (record is not None and record.type == "PERSON")
    evidence = {"category": verdict.why}
    if not person:
        return SourceProfile(verdict.category, None, evidence)
    gender, why = _gender(span, record, verdict, clues)
    evidence["gender"] = why
    return SourceProfile(verdict.category, gender, evidence)


def _gender(span: Span | None, record: EntityRecord | None, verdict: Verdict, clues: GenderClues) -> tuple[str, str]:
    if span is not None:
        said = GENDERED_PRONOUNS.get(span.text.strip().lower())
        if said is not None:
            return said, f"pronoun '{span.text.strip()}'"
    if record is not None and record.type == "PERSON" and verdict.person is not False:
        return person_gender(record, clues)
    if span is not None:
        root = span.root
        if root.tag_ in ("NN", "NNP") or root.lower_ in MALE_NOUNS | FEMALE_NOUNS:
            found = words_gender([root.lower_])
            if found is not None:
                return found
    return UNKNOWN, "no pronoun, honorific or gendered noun"


def profile_sources(doc: Doc, attributions: Sequence[Attribution], registry: Registry) -> list[SourceProfile]:
    """The profile of each attribution's source, in order."""
    clues = gender_clues(doc, registry, attributions)
    return [profile_source(doc, a.source, registry, clues) for a in attributions]


def with_profiles(attributions: Sequence[Attribution], profiles: Sequence[SourceProfile]) -> list[Attribution]:
    """The attributions with their sources' category, gender and evidence set."""
    updated = []
    for attribution, profile in zip(attributions, profiles, strict=True):
        source = attribution.source.model_copy(
            update={"category": profile.category, "gender": profile.gender, "evidence": dict(profile.evidence)}
        )
        updated.append(attribution.model_copy(update={"source": source}))
    return updated


class SourcesStage:
    """Who each attribution's source is: ``source.category``, ``source.gender`` and ``source.evidence``."""

    name = "sources"

    def find(self, ctx: Context) -> list[SourceProfile]:
        registry = ctx.shared.get(REGISTRY_KEY) or build_registry(ctx.doc)
        return profile_sources(ctx.doc, ctx.reading.attributions, registry)

    def write(self, ctx: Context, found: list[SourceProfile]) -> None:
        ctx.reading.attributions = with_profiles(ctx.reading.attributions, found)


register_stage("sources")(SourcesStage)
