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

# News organisations known by a bare name.
PUBLICATIONS = frozenset(
    """
    politico reuters bloomberg axios breitbart cnn msnbc bbc npr pbs nbc abc cbs afp ap upi semafor vox
    slate salon buzzfeed huffpost propublica forbes newsweek
    """.split()
) | frozenset(
    (
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
