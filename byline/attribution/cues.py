"""The cue lexicon: lemmas of verbs and nouns that introduce speech, writing or belief.

Written for byline. The verb list follows the reporting-verb lists of textacy (Apache-2.0, after Krestel
et al. 2008) and of the GenderGapTracker (MIT), extended by hand with belief, stance and speech-act verbs
that PolNeAR counts as attributions; no corpus text went into it.
"""

from __future__ import annotations

# Quotation marks live in quotes.py (every Unicode mark style); re-exported for the lexicon's users.
from byline.nlp.quotes import QUOTE_CLOSE, QUOTE_MARKS, QUOTE_OPEN  # noqa: F401

SPEECH_VERBS = frozenset(
    """
    say tell add write state report announce reveal declare claim assert insist maintain contend argue
    note observe point explain mention remark comment reply respond answer ask question wonder inquire
    admit acknowledge concede confess confirm deny dispute reject dismiss refute disagree agree
    warn caution threaten promise pledge vow swear guarantee assure predict forecast estimate project
    suggest hint imply indicate propose recommend advise urge demand order command call request plead beg
    accuse blame charge allege criticize criticise condemn denounce slam blast bash attack mock ridicule
    praise hail laud applaud commend thank congratulate welcome endorse defend back support oppose
    complain lament protest object grumble decry
    describe characterize portray label brand dub term
    testify recall recount recollect relate disclose divulge leak publish post tweet blog email text
    cite quote read show find conclude determine establish document detail list
    stress emphasize emphasise reiterate repeat underscore highlight continue
    tout boast brag joke quip muse sigh shout yell scream whisper mutter cry exclaim
    inform notify brief instruct announce concur counter retort rebut
    believe think feel fear hope worry expect suspect doubt know understand realize realise assume
    suppose guess imagine consider reckon presume speculate figure sense see view regard judge
    want wish plan intend prefer seek decline refuse
    """.split()
)

# Verbs that are cues only with a clausal or quoted complement (too common otherwise).
WEAK_VERBS = frozenset("show find see know read continue feel want plan seek call back support consider".split())

NOUN_CUES = frozenset(
    """
    statement remark remarks comment comments claim claims assertion allegation allegations accusation
    announcement declaration testimony interview speech address tweet post letter memo memorandum email
    cable report reports message note notes press release briefing op-ed editorial column essay article
    warning promise pledge vow prediction estimate forecast argument suggestion proposal response reply
    answer admission denial confirmation criticism complaint charge charges view views belief opinion
    assessment analysis finding findings conclusion document documents filing affidavit transcript
    """.split()
)

# Phrases whose object is the source: "according to X", "in the words of X".
SOURCE_PREPOSITIONS = frozenset({"according"})

# Adverbs that attribute a claim to unnamed reports on their own: "X reportedly left", "Y allegedly took".
REPORT_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"})

NEGATORS = frozenset({"not", "n't", "never", "no"})
# Verbs that, governing a speech verb, deny it: "declined to say", "refused to comment".
NEGATING_VERBS = frozenset({"decline", "refuse", "fail", "avoid"})

# --- what the guideline counts (docs/attribution-guideline.md §1), read by ``filters.py`` -------------
# (New lists: SPEECH_VERBS above feeds the cue model's features and stays as it was trained.)

# Speech, writing, report, thought and belief: a cue with one of these lemmas attributes by itself.
STATEMENT_CUES = frozenset(
    """
    say tell add write state report announce reveal declare claim assert insist maintain contend argue
    note observe point explain mention remark comment reply respond answer ask wonder inquire
    admit acknowledge concede confess confirm deny dispute refute disagree
    warn caution threaten promise pledge vow swear guarantee assure predict forecast estimate
    suggest hint imply propose recommend advise urge demand request plead beg implore exhort beseech chronicle
    accuse blame allege criticize criticise condemn denounce slam blast bash mock ridicule
    praise hail laud applaud commend thank congratulate welcome complain lament object grumble decry
    describe characterize characterise portray label brand dub term call
    testify recall recount disclose divulge tweet post blog email text cite quote
    stress emphasize emphasise reiterate repeat tout boast brag joke quip muse shout yell scream whisper
    mutter exclaim inform notify brief instruct concur counter retort rebut rule
    believe think feel fear hope worry suspect doubt know understand realize realise assume suppose guess
    imagine reckon presume speculate
    """.split()
)

# Acts, decisions and positions: never a cue by themselves, whatever clause or object they take
# ("approved a bill", "plans to cut jobs", "were charged with assault", "voted to raise taxes").
ACT_PREDICATES = frozenset(
    """
    approve veto sign indict charge release sue vote nominate launch block decide plan seek aim try attempt
    intend prepare order direct support oppose back favor favour pass ban fund appoint hire fire arrest
    convict sentence acquit pardon deploy impose lift sanction ratify enact adopt authorize authorise cancel
    suspend withdraw file introduce sponsor cosponsor repeal overturn investigate subpoena seize elect agree
    push lobby pressure request take focus leave receive prohibit allow require offer win lose refer challenge
    """.split()
)
# Of those, the ones that are speech with a clause ("charged that …", "requested that …").
ACT_SPEECH_WITH_CLAUSE = frozenset(
    {"charge", "support", "oppose", "back", "favor", "favour", "agree", "request", "challenge", "offer"}
)
# Of those, the ones that are acts only with a direct object ("referred him to prosecutors", not "referred to").
OBJECT_ACTS = frozenset({"refer"})
# Seeming: the writer's perception of someone ("Trump seemed to relish …"), unless what seemed is speech.
SEEMING_VERBS = frozenset({"seem", "appear", "look", "sound"})
DIRECTIVE_ACTS = frozenset({"order", "direct"})

# Verbs of showing and finding: an attribution when a document, study or poll (or a person) is the
# subject ("A Pew poll found that …"); the writer's reasoning when a fact or event is ("The vote shows …").
EVIDENCE_VERBS = frozenset(
    """
    show find suggest indicate mean demonstrate prove reflect signal underscore illustrate highlight reveal
    imply confirm point echo mark
    """.split()
)
# Of those, the ones a person can use as an act rather than words ("He showed that he could win").
DEMONSTRATING_VERBS = frozenset({"show", "prove", "demonstrate", "reflect", "mark", "illustrate", "mean", "find"})

# Nouns of written or measured sources that can show or find: "the study found", "polls show".
EVIDENCE_NOUNS = frozenset(
    """
    poll polls polling survey study studies report analysis research data datum figures figure numbers
    statistics results findings finding paper review audit investigation probe inquiry census estimate
    estimates model records record documents document memo cable letter email filing indictment complaint
    lawsuit ruling order affidavit transcript testimony evidence chart tally count assessment average
    averages video videos footage tape recording photo photos image images slide presentation ad advert
    advertisement book article
    """.split()
)
