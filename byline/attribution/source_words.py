"""The word lists that tell a source's category and gender: roles, organisation words, document nouns,
gendered words, and the well-known political figures (general knowledge of public figures, as the guideline
allows)."""

from __future__ import annotations

import re

from byline.entities import lexicon as lx

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



_WORD = re.compile(r"[\w][\w.&'’-]*")


def words_of(text: str) -> list[str]:
    """Lower-case words of a phrase ("Sen." keeps its dot, "people's" its apostrophe)."""
    return [w.replace("’", "'").lower() for w in _WORD.findall(text)]


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
