"""Small closed word lists the entity registry and speaker resolution lean on.

Kept deliberately short: they cover the general cases (titles, news outlets, document nouns,
honorifics, common first names), not any one article.
"""

from __future__ import annotations

# Title words that may precede a name; stripped from the name, kept as descriptors.
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady
    crown sen sen. senator rep rep. representative gov gov. governor lt lt. gen gen. general col col. capt capt.
    president vice former acting deputy chief secretary minister prime premier chancellor mayor
    councillor councilor alderman commissioner director chairman chairwoman chair ambassador judge justice
    attorney prosecutor sheriff inspector detective officer sergeant sgt sgt. speaker leader congressman
    congresswoman assemblyman assemblywoman pope king queen prince princess rabbi reverend rev rev. father
    sister bishop archbishop cardinal coach professor spokesman spokeswoman spokesperson ceo cfo
    """.split()
)

# Titles only a person bears: a name written after one is a person's, whatever the model typed it.
PERSON_TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sir dame sen sen. senator rep rep. gov gov. governor president
    congressman congresswoman
    """.split()
)

# What only people have: "Vance's wife", "Vance's speech" make Vance a person.
PERSONAL_POSSESSIONS = frozenset(
    """
    wife husband son daughter mother father brother sister child children family speech remarks presidency
    birthday childhood
    """.split()
)

# Abbreviated titles spelled out, so that "Sen. Rubio" and "the senator" meet.
TITLE_EXPANSIONS = {
    "sen": "senator",
    "sen.": "senator",
    "rep": "representative",
    "rep.": "representative",
    "gov": "governor",
    "gov.": "governor",
    "gen": "general",
    "gen.": "general",
    "lt": "lieutenant",
    "lt.": "lieutenant",
    "dr": "doctor",
    "dr.": "doctor",
    "prof": "professor",
    "prof.": "professor",
    "pres": "president",
    "pres.": "president",
    "sec": "secretary",
    "sec.": "secretary",
}

# Nouns naming a person by role: "the secretary", "the minister", "the top diplomat".
ROLE_NOUNS = frozenset(
    """
    secretary minister diplomat official spokesman spokeswoman spokesperson chief head boss leader president
    senator mayor councillor councilor governor director chairman chairwoman chair representative
    ambassador envoy aide adviser advisor premier chancellor judge justice prosecutor attorney lawyer officer
    commissioner executive ceo manager congressman congresswoman lawmaker legislator candidate
    commander general admiral sheriff speaker treasurer auditor superintendent principal coach professor
    """.split()
)

# Nouns naming a person that are not usual roles: "the political operative", "the businessman".
PERSON_NOUNS = frozenset(
    """
    operative strategist consultant activist businessman businesswoman billionaire donor veteran intern
    deputy analyst critic journalist reporter columnist author writer economist scientist researcher
    professor doctor nurse teacher student witness defendant suspect victim plaintiff owner founder
    """.split()
)

# Words that date a role rather than name it: "the ex-director", "the former secretary".
TIME_QUALIFIERS = frozenset("ex former then onetime erstwhile outgoing incoming".split())

# Words that make a role someone's second: "deputy director" is not "the director".
SUBORDINATE_WORDS = frozenset("deputy vice assistant associate under sub".split())

# Role nouns that name the head of something, matched by what they head: "the State Department chief".
LEADERSHIP_NOUNS = frozenset("chief head boss leader secretary minister director chairman chair".split())

# Organisation words that end an organisation's name: "State" is the "State Department".
ORG_HEAD_WORDS = frozenset(
    """
    department ministry agency office council committee party bureau commission service administration
    company corporation inc inc. group board authority institute foundation association union
    """.split()
)

# Nouns that stand for some organisation already named: "the company said", "the group reported".
GENERIC_ORG_NOUNS = frozenset(
    "company firm group business organisation organization bank carrier retailer producer maker giant".split()
)

# News organisations known by a bare name ("the X" where the bare name is ambiguous).
PUBLICATIONS = frozenset(
    """
    politico reuters bloomberg axios breitbart cnn msnbc bbc npr pbs nbc abc cbs afp ap upi semafor vox
    slate salon buzzfeed huffpost propublica forbes newsweek cnbc c-span newsmax mediaite thinkprogress
    theblaze xinhua politifact
    """.split()
) | frozenset(
    (
        "new republic",
        "mother jones",
        "daily caller",
        "daily beast",
        "huffington post",
        "new york times",
        "washington post",
        "wall street journal",
        "usa today",
        "los angeles times",
        "new york post",
        "boston globe",
        "chicago tribune",
        "business insider",
        "vanity fair",
        "rolling stone",
        "new york magazine",
        "time magazine",
        "talking points memo",
        "washington free beacon",
        "free beacon",
        "fox business",
        "bloomberg news",
        "yahoo news",
        "vice news",
        "national public radio",
        "the root",
        "the bulwark",
        "associated press",
        "fox news",
        "nbc news",
        "abc news",
        "cbs news",
        "the hill",
        "the atlantic",
        "the economist",
        "the guardian",
        "the independent",
        "the intercept",
        "the daily beast",
        "the new yorker",
        "agence france-presse",
        "al jazeera",
        "sky news",
        "daily mail",
        "financial times",
        "washington examiner",
        "national review",
        "the daily caller",
    )
)

# Social platforms and tech companies the small model takes for people or works: always organisations.
PLATFORMS = frozenset(
    """
    twitter facebook youtube instagram tiktok snapchat whatsapp reddit linkedin telegram pinterest tumblr
    twitch google wikipedia parler gab rumble bluesky mastodon substack spotify netflix
    """.split()
) | frozenset(("truth social", "google news", "apple news"))

# Government bodies and other organisations known by an acronym, with the full names that stand for the
# same body: always organisations ("F.B.I.", "FBI" and "Federal Bureau of Investigation" are one).
AGENCIES: dict[str, tuple[str, ...]] = {
    "fbi": ("federal bureau of investigation",),
    "cia": ("central intelligence agency",),
    "nsa": ("national security agency",),
    "nsc": ("national security council",),
    "doj": ("department of justice", "justice department"),
    "dod": ("department of defense", "defense department"),
    "dhs": ("department of homeland security", "homeland security department"),
    "hhs": ("department of health and human services", "health and human services department"),
    "ice": ("immigration and customs enforcement",),
    "cbp": ("customs and border protection",),
    "epa": ("environmental protection agency",),
    "irs": ("internal revenue service",),
    "fda": ("food and drug administration",),
    "cdc": ("centers for disease control and prevention", "centers for disease control"),
    "nih": ("national institutes of health",),
    "fema": ("federal emergency management agency",),
    "dea": ("drug enforcement administration",),
    "sec": ("securities and exchange commission",),
    "fcc": ("federal communications commission",),
    "ftc": ("federal trade commission",),
    "fec": ("federal election commission",),
    "gao": ("government accountability office",),
    "cbo": ("congressional budget office",),
    "omb": ("office of management and budget",),
    "nasa": ("national aeronautics and space administration",),
    "nato": ("north atlantic treaty organization",),
    "un": ("united nations",),
    "eu": ("european union",),
    "who": ("world health organization",),
    "imf": ("international monetary fund",),
    "aclu": ("american civil liberties union",),
    "naacp": ("national association for the advancement of colored people",),
    "nra": ("national rifle association",),
    "dnc": ("democratic national committee",),
    "rnc": ("republican national committee",),
}

# Words of site chrome and wire notes that the model takes for names: never an entity.
NOT_NAMES = frozenset(
    """
    slideshow refiles refile advertisement subscribe comments photo photos image images video gallery
    update updates updated editing reporting related click share tweet email print
    """.split()
) | frozenset(
    ("read more", "read", "file photo", "story highlights", "image caption", "media caption", "image copyright")
)

# Nicknames and short forms of first names, to the one formal name each stands for ("Jim" is "James").
NICKNAMES = {
    **dict.fromkeys(("jim", "jimmy", "jamie"), "james"),
    **dict.fromkeys(("bill", "billy", "will", "willy"), "william"),
    **dict.fromkeys(("bob", "bobby", "rob", "robbie"), "robert"),
    **dict.fromkeys(("mike", "mikey"), "michael"),
    **dict.fromkeys(("tom", "tommy"), "thomas"),
    **dict.fromkeys(("dick", "rick", "ricky", "rich", "richie"), "richard"),
    **dict.fromkeys(("joe", "joey"), "joseph"),
    **dict.fromkeys(("dan", "danny"), "daniel"),
    **dict.fromkeys(("dave",), "david"),
    **dict.fromkeys(("chris",), "christopher"),
    **dict.fromkeys(("tony",), "anthony"),
    **dict.fromkeys(("andy", "drew"), "andrew"),
    **dict.fromkeys(("matt",), "matthew"),
    **dict.fromkeys(("nick",), "nicholas"),
    **dict.fromkeys(("ben",), "benjamin"),
    **dict.fromkeys(("sam",), "samuel"),
    **dict.fromkeys(("chuck", "charlie"), "charles"),
    **dict.fromkeys(("hank",), "henry"),
    **dict.fromkeys(("larry",), "lawrence"),
    **dict.fromkeys(("greg",), "gregory"),
    **dict.fromkeys(("jeff",), "jeffrey"),
    **dict.fromkeys(("ken", "kenny"), "kenneth"),
    **dict.fromkeys(("ron", "ronnie"), "ronald"),
    **dict.fromkeys(("don", "donnie"), "donald"),
    **dict.fromkeys(("doug",), "douglas"),
    **dict.fromkeys(("tim",), "timothy"),
    **dict.fromkeys(("steve",), "steven"),
    **dict.fromkeys(("fred",), "frederick"),
    **dict.fromkeys(("josh",), "joshua"),
    **dict.fromkeys(("jon",), "jonathan"),
    **dict.fromkeys(("pete",), "peter"),
    **dict.fromkeys(("ed", "eddie", "ted", "teddy"), "edward"),
    **dict.fromkeys(("mitch",), "mitchell"),
    **dict.fromkeys(("liz", "beth", "betsy", "betty"), "elizabeth"),
    **dict.fromkeys(("kate", "katie", "kathy", "cathy"), "katherine"),
    **dict.fromkeys(("jen", "jenny"), "jennifer"),
    **dict.fromkeys(("sue",), "susan"),
    **dict.fromkeys(("peggy", "maggie", "meg"), "margaret"),
    **dict.fromkeys(("becky",), "rebecca"),
    **dict.fromkeys(("debbie", "deb"), "deborah"),
    **dict.fromkeys(("patty",), "patricia"),
    **dict.fromkeys(("vicky", "vicki"), "victoria"),
}

# Last words of newspaper names: "the X Times", "the Harbour Gazette" (not "press", "standard", "record":
# "the White House press corps", "the gold standard").
NEWSPAPER_WORDS = frozenset(
    """
    times post journal gazette herald tribune chronicle telegraph guardian globe star sun mail express
    examiner courier inquirer observer independent mirror register bulletin dispatch sentinel monitor
    review news
    """.split()
)

# Nouns naming documents that can speak: "the cable says", "according to a memo".
DOCUMENT_NOUNS = frozenset(
    """
    cable memo memorandum report statement letter document email e-mail filing directive release study
    survey audit ruling lawsuit complaint indictment affidavit transcript briefing dossier draft
    """.split()
)

# Nouns that carry someone's words: "the secretary's message", "Blinken's instructions".
COMMUNICATION_NOUNS = DOCUMENT_NOUNS | frozenset(
    "message instructions remarks comments words testimony speech tweet post note announcement".split()
)

MALE_WORDS = frozenset(
    """
    mr mr. sir lord king prince father brother son congressman spokesman chairman businessman assemblyman
    """.split()
)
FEMALE_WORDS = frozenset(
    """
    mrs mrs. ms ms. miss dame lady queen princess mother sister daughter congresswoman spokeswoman
    chairwoman businesswoman assemblywoman
    """.split()
)

MALE_NAMES = frozenset(
    """
    adam alan albert alex alexander andrew antony anthony barack ben benjamin bernie bill bob boris brian
    carlos charles chris christopher chuck dan daniel david donald ed edward emmanuel eric frank gary george
    greg henry ian jack jacob james jason jeff jim joe john jonathan joseph josh juan justin keir kevin larry
    lee luis marco mark matt matthew michael mike mitch nick paul peter ravi richard rishi robert ron
    sam scott sergei stephen steve steven ted thomas tim tom tony vladimir william xi
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    alexandria amy angela ann anna anne barbara carla carol catherine christine claire diane elizabeth
    ellen emily emma hillary helen jane janet jennifer jill julia karen kamala kate katherine laura linda
    lisa liz margaret maria marie mary michelle nancy nicola olivia patricia rachel rebecca sarah sophie
    susan theresa ursula victoria
    """.split()
)

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
