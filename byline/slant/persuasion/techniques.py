"""The SemEval-2023 Task 3 taxonomy of persuasion techniques, and the PTC 2020 names mapped onto it."""

from __future__ import annotations

# SemEval-2023 Task 3 (subtask 3): 23 techniques in six groups.
TECHNIQUES: tuple[str, ...] = (
    # attack on reputation
    "Name_Calling-Labeling",
    "Guilt_by_Association",
    "Doubt",
    "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
    # justification
    "Flag_Waving",
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice",
    # distraction
    "Straw_Man",
    "Red_Herring",
    "Whataboutism",
    # simplification
    "Causal_Oversimplification",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    # call
    "Slogans",
    "Conversation_Killer",
    "Appeal_to_Time",
    # manipulative wording
    "Loaded_Language",
    "Obfuscation-Vagueness-Confusion",
    "Exaggeration-Minimisation",
    "Repetition",
)

# PTC 2020 (14 techniques) → the 23. A merged PTC class lists its candidates, the most frequent first
# (counted where the SemEval-2023 spans relabel the same PTC spans): without a finer label for a span it
# takes the first.
PTC_TO_SEMEVAL: dict[str, tuple[str, ...]] = {
    "Loaded_Language": ("Loaded_Language",),
    "Name_Calling,Labeling": ("Name_Calling-Labeling",),
    "Repetition": ("Repetition",),
    "Doubt": ("Doubt",),
    "Exaggeration,Minimisation": ("Exaggeration-Minimisation",),
    "Appeal_to_fear-prejudice": ("Appeal_to_Fear-Prejudice",),
    "Flag-Waving": ("Flag_Waving",),
    "Causal_Oversimplification": ("Causal_Oversimplification",),
    "Appeal_to_Authority": ("Appeal_to_Authority",),
    "Slogans": ("Slogans",),
    "Black-and-White_Fallacy": ("False_Dilemma-No_Choice",),
    "Thought-terminating_Cliches": ("Conversation_Killer",),
    "Whataboutism,Straw_Men,Red_Herring": ("Red_Herring", "Appeal_to_Hypocrisy", "Whataboutism", "Straw_Man"),
    "Bandwagon,Reductio_ad_hitlerum": ("Guilt_by_Association", "Appeal_to_Popularity"),
}

# Techniques that are a word or phrase: their spans are the words themselves; the others are read per sentence.
WORD_LEVEL: tuple[str, ...] = ("Loaded_Language", "Name_Calling-Labeling", "Exaggeration-Minimisation", "Repetition")


def map_ptc(name: str, finer: set[str] | frozenset[str] = frozenset()) -> str:
    """The SemEval-2023 technique of a PTC span: the candidate among ``finer`` (the labels a finer annotation
    gives the same stretch of text) if there is one, else the PTC class's most frequent candidate."""
    if name in TECHNIQUES:
        return name
    candidates = PTC_TO_SEMEVAL.get(name)
    if candidates is None:
        raise KeyError(f"unknown PTC technique {name!r}")
    return next((c for c in candidates if c in finer), candidates[0])
