"""One name per person across a corpus: middle initials, honorifics and capitals set aside; a lone surname joined
to the one full name that dominates it, and left alone where two people share it or it is a first name."""

from byline.corpus.names import canonical_speakers, merged_counts, name_key


def test_the_name_key_sets_aside_honorifics_initials_middle_names_and_nicknames_but_keeps_a_suffix():
    assert name_key("Donald J. Trump") == ("donald", "trump")
    assert name_key("Donald John Trump") == ("donald", "trump")
    assert name_key("DONALD TRUMP") == ("donald", "trump")
    assert name_key("Sen. Lindsey Graham") == ("lindsey", "graham")
    assert name_key("Rick “Ozzie” Nelson") == ("rick", "nelson")
    assert name_key("Donald Trump Jr.") == ("donald", "trump", "jr")
    assert name_key("José Martínez") == ("jose", "martinez")
    assert name_key("Mr.") == ()


def test_forms_of_one_full_name_are_shown_under_the_most_frequent():
    mapping = canonical_speakers({"Donald Trump": 10, "Donald J. Trump": 4, "DONALD TRUMP": 1})
    assert set(mapping.values()) == {"Donald Trump"}


def test_a_lone_surname_joins_the_full_name_that_dominates_it():
    mapping = canonical_speakers({"Barack Obama": 10, "Obama": 7, "Michelle Obama": 1})
    assert mapping["Obama"] == "Barack Obama"
    assert mapping["Michelle Obama"] == "Michelle Obama"


def test_a_surname_two_people_share_or_a_first_name_stays_apart():
    shared = canonical_speakers({"Bernie Sanders": 6, "Sarah Sanders": 4, "Sanders": 5})
    assert shared["Sanders"] == "Sanders"
    first = canonical_speakers({"Rand Paul": 9, "Paul Ryan": 12, "Paul": 3})
    assert first["Paul"] == "Paul"


def test_a_full_name_seen_too_rarely_does_not_take_a_surname():
    assert canonical_speakers({"Terri Francis": 1, "Francis": 17})["Francis"] == "Francis"


def test_a_father_and_son_are_two_people():
    mapping = canonical_speakers({"Donald Trump": 10, "Donald Trump Jr.": 3})
    assert mapping["Donald Trump Jr."] == "Donald Trump Jr."


def test_merged_counts_add_attributions_and_count_each_article_once():
    rows = [("Donald Trump", "a1", 2), ("Trump", "a1", 1), ("Trump", "a2", 3), ("Joe Biden", "a3", 1)]
    mapping = {"Trump": "Donald Trump"}
    assert merged_counts(rows, mapping) == [("Donald Trump", 6, 2), ("Joe Biden", 1, 1)]
