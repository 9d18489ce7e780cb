"""The cue lexicon: lemmas of verbs and nouns that introduce speech, writing or belief.

Written for byline. The verb list follows the reporting-verb lists of textacy (Apache-2.0, after Krestel
et al. 2008) and of the GenderGapTracker (MIT), extended by hand with belief, stance and speech-act verbs
that PolNeAR counts as attributions; no corpus text went into it.
"""

from __future__ import annotations

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

QUOTE_OPEN = frozenset('"“«‘')
QUOTE_CLOSE = frozenset('"”»’')
QUOTE_MARKS = QUOTE_OPEN | QUOTE_CLOSE
