"""Word and dependency sets that attribution detection reads the parse by (``detect.py`` and its parts)."""

from __future__ import annotations

from pathlib import Path

MODEL_DIR = Path(__file__).parent / "models" / "cue_perceptron"
MODEL_FILE = "model.json"
CLAUSE_DEPS = ("ccomp", "xcomp", "dobj", "advcl", "acomp", "pcomp", "attr", "oprd")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependencies a cue with no subject of its own climbs to find one: "met donors and said", "left, insisting",
# "despite conceding …, said".
CLIMB_DEPS = ("conj", "xcomp", "advcl", "acomp", "pcomp", "prep")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
DOUBLE_QUOTE_MARKS = frozenset('"“”«»„‟″〝〞〟＂')
TRIM_PUNCT = ",.;:—–-"
# Control verbs whose "to"-verb belongs to the cue: "declined to comment on", "went on to say".
CONTROL_VERBS = frozenset({"decline", "refuse", "go", "want", "promise", "continue", "fail", "vow", "pledge"})
# Verbs that take their content as a quote, not as a prepositional object ("said of him", "added to").
QUOTING_VERBS = frozenset({"say", "add", "explain", "tell", "write", "identify", "speak"})
# Children of a cue head that PolNeAR keeps inside the cue span when the cue model has no table for them.
DEFAULT_CUE_CHILD_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
RELATIVE_WORDS = frozenset({"that", "which", "who", "what", "whom"})
# Prepositions that set the scene of the speech act rather than say what was said.
SCENE_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "from", "by", "with"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative", "oprd", "acomp", "attr", "pcomp"})
CONNECTIVES = frozenset({"however", "meanwhile", "moreover", "still", "yet", "also", "now", "so", "thus"})
COLON_SPEAKER_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "CCONJ", "PUNCT", "ADP", "PART"})
COLON_SPEAKER_WORDS = frozenset({"poll", "report", "survey", "study", "q", "a", "analysis", "sources", "source"})
MISTAGGED_VERBS = frozenset({"says", "states", "writes", "notes", "adds", "argues", "claims", "warns", "reports"})
REPORT_ADVERB = "report-adverb"  # the evidence of a claim attributed by a report adverb alone
# Clauses a report adverb can attribute on its own: a sentence's, or one joined to it (not a relative clause).
REPORTED_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis"})
# Verbs of feeling and belief that are a group's stated view with an unnamed group as subject ("many felt").
FEELING_VERBS = frozenset({"feel", "believe", "think", "fear", "worry", "suspect", "sense"})
# Parts of speech a cue head can have (verbs, "according", noun cues, a few adjectives: "is aware").
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "PROPN", "ADJ"})
SCENE_ENTITY_TYPES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "ORG"})
