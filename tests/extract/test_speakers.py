"""Who a quote's noun phrase names."""

from __future__ import annotations

import time

import pytest

from mythos_site.extract.speakers import expand, known_names_in, main_organisation, speaker_from_phrase


@pytest.mark.parametrize("phrase, name, kind", [
    ("Jonas Whitcombe of Albright Partners", "Jonas Whitcombe", "person"),
    ("Mayor Luis Ortega of Dayton", "Luis Ortega", "person"),
    ("Dr. Rafael Okoye of", "Rafael Okoye", "person"),
    ("Bank of America", "Bank of America", "organisation"),
    ("Federal Reserve Bank of New York", "Federal Reserve Bank of New York", "organisation"),
    ("Department of Environmental Quality Director Harold Baptiste", "Harold Baptiste", "person"),
])
def test_a_person_named_before_the_place_they_belong_to_is_that_person(phrase, name, kind):
    speaker = speaker_from_phrase(phrase)
    assert (speaker.name, speaker.kind) == (name, kind)


def test_a_name_after_of_is_not_the_short_form_of_the_phrase_it_ends():
    names = known_names_in("Shares of Calderon fell. Calderon Therapeutics said so. Mayor Dana Graham spoke.")
    assert expand("Calderon", names) == "Calderon"
    assert expand("Graham", names) == "Dana Graham"


def test_a_name_with_a_nickname_or_a_place_after_it_is_known_in_full():
    names = known_names_in('Rep. Bradley "Brad" Kessling spoke. Sen. Grant Holloway of Montana agreed.')
    assert expand("Kessling", names) == "Bradley Kessling"
    assert expand("Holloway", names) == "Grant Holloway"
    assert (speaker_from_phrase("Holloway", names).kind) == "person"


def test_the_judge_named_in_full_and_then_by_surname_is_one_judge():
    names = known_names_in("District Judge Eleanor Marsh-Whitfield ruled. Lawyers asked Judge Marsh-Whitfield to wait.")
    assert speaker_from_phrase("the judge", names).key == "eleanor marsh-whitfield"


@pytest.mark.parametrize("phrase, name", [
    ("(Brandt", "Brandt"),
    ("Assemblymember Joanne Pratt", "Joanne Pratt"),
    ("state Treasurer Don Pruitt", "Don Pruitt"),
])
def test_brackets_and_the_titles_of_state_offices_are_no_part_of_a_name(phrase, name):
    assert speaker_from_phrase(phrase).name == name


def test_a_word_of_thousands_of_capitalised_parts_costs_no_more_than_its_length():
    # Each capital of "Word-Word-..." once started a name read to the word's end: minutes at this size.
    long_word = "-".join(["Word"] * 20_000)
    started = time.perf_counter()
    names = known_names_in(f"{long_word} met Logan Graham. {long_word}.")
    organisation = main_organisation(f"{'U.S.' * 25_000} Anthropic's model and Anthropic's team.")
    assert time.perf_counter() - started < 2
    assert "Logan Graham" in names and organisation == "Anthropic"
