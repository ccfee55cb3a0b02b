"""Quote extraction measured against a hand annotation of the five articles and a sixth in wire style."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mythos_site.errors import ContentError
from mythos_site.content.loader import load_article
from mythos_site.extract import quotes
from mythos_site.extract.quotes import extract_quotes
from mythos_site.extract.text import fold

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "articles"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

DRAFT, SPOKESPERSON = "anthropic", "anthropic spokesperson"
# Every direct quotation of four words or more in each article, with the speaker key the article
# names (None where it names nobody). A document's words are its author's (tests/fixtures/stories/README.md):
# "the draft", "the leaked draft blog post" and "Anthropic's own draft materials" are Anthropic's leaked draft.
ANNOTATION = {
    "anthropic-built-an-ai-theyre-afraid-to-ship": [
        ("the most powerful AI model we have developed to date", DRAFT),
        ("unprecedented prowess in cybersecurity tasks", DRAFT),
        ("Human error in CMS configuration", "anthropic"),  # table column "What Anthropic Says"
        ("We prioritize safety above capability", "anthropic"),
    ],
    "anthropic-claude-mythos-leak-what-we-know": [
        ("human error in the CMS configuration", SPOKESPERSON),
        ("unrelated to Claude, Cowork, or any Anthropic AI tools.", SPOKESPERSON),
        ("by far the most powerful AI model we've ever developed", DRAFT),
        ("currently far ahead of any other AI model in cyber capabilities", DRAFT),  # list lead-in: the documents
        ("far ahead of any other AI model in cyber capabilities", DRAFT),
        ("presages an upcoming wave of models that can exploit vulnerabilities in ways that far outpace the "
         "efforts of defenders.", DRAFT),
        ("a small group of early access customers", "anthropic"),  # "The company said"
    ],
    "anthropic-sitting-on-its-most-powerful-model": [
        ("Capybara is a new name for a new tier of model: larger and more intelligent than our Opus models, "
         "which were, until now, our most powerful,", DRAFT),
        ("currently far ahead of any other AI model in cyber capabilities", DRAFT),
        ("presages an upcoming wave of models that can exploit vulnerabilities in ways that far outpace the "
         "efforts of defenders.", DRAFT),
        ("We're developing a general purpose model with meaningful advances in reasoning, coding, and "
         "cybersecurity. Given the strength of its capabilities, we're being deliberate about how we release it.",
         SPOKESPERSON),
    ],
    "claude-mythos-leak-reveals-stronger-model-and-security-lapse": [],
    "claude-mythos-preview-and-project-glasswing": [
        ("by far the most powerful AI model we've ever developed,", DRAFT),
        ("currently far ahead of any other AI model in cyber capabilities", DRAFT),
        ("upcoming wave of models that can exploit vulnerabilities", DRAFT),
        ("'Capybara' is a new name for a new tier of model: larger and more intelligent than our Opus models",
         DRAFT),
        ("We did not feel comfortable releasing this generally.", "logan graham"),
        ("much more likely this year,", "anthropic"),
        ("very low, but higher than for previous models", "anthropic"),
        ("would be insufficient for more capable future models", "alignment risk update"),
        ("disable its technology or preemptively alter the behavior of its model", "dod"),
        ("feels that its corporate red lines are being crossed", "dod"),
        ("the most psychologically settled model we have trained", "anthropic"),
    ],
}
# Quoted spans of four words or more that are not somebody's words.
NOT_QUOTES = {
    "anthropic-built-an-ai-theyre-afraid-to-ship": ["the world should have this"],  # between "..." and "..."
}

WIRE = {
    "We are not going to release this model broadly until we are confident it is safe to do so,": "dario amodei",
    "It's a remarkable moment for the people who maintain open-source code,": "jim zemlin",
    "the same tools that the biggest banks have had for years.": "jim zemlin",  # "Mr. Zemlin added"
    "This is the first time we have seen a lab hold back a model on cyber grounds,": "maria lopez",
    "It will not be the last.": "maria lopez",  # carried from the sentence before
    "We welcome the chance to test the model against real attacks before anyone else can.": "crowdstrike",
    "frankly alarming for anyone who ships software.": "person familiar with testing",
    "velvet rope for the biggest vendors in security.": "critics of program",  # declared in front matter
    "The market is betting that defenders win this round,": "trader",
}
WIRE_NOT_QUOTES = ["defenders first, everyone else later", "Securing Critical Software for the AI Era,"]


def extracted(path: Path):
    article, _ = load_article(path, ZoneInfo("UTC"), path.parent.parent)
    return {quote.text: (quote.speaker.key if quote.speaker else None) for quote in extract_quotes(article)}


def scores(expected: dict[str, str | None], found: dict[str, str | None]):
    hits = set(expected) & set(found)
    precision = len(hits) / len(found) if found else 1.0
    recall = len(hits) / len(expected) if expected else 1.0
    named = [text for text in hits if expected[text] is not None]
    speakers = sum(found[text] == expected[text] for text in named) / len(named) if named else 1.0
    return precision, recall, speakers


def test_quotes_of_the_five_articles_match_the_hand_annotation():
    expected, found = {}, {}
    for slug, quotes in ANNOTATION.items():
        expected.update({(slug, text): speaker for text, speaker in quotes})
        found.update({(slug, text): speaker for text, speaker in extracted(ARTICLES / f"{slug}.md").items()})
    precision, recall, speakers = scores(expected, found)
    print(f"\nquotes in the five articles: {len(expected)} annotated, {len(found)} found; "
          f"precision {precision:.0%}, recall {recall:.0%}, speaker accuracy {speakers:.0%}")
    assert sorted(set(found) - set(expected)) == [], "found something that is not a quote"
    assert sorted(set(expected) - set(found)) == [], "missed a quote"
    wrong = {key: (found[key], expected[key]) for key in expected if found[key] != expected[key]}
    assert wrong == {}, "speaker differs from the annotation (found, expected)"


@pytest.mark.parametrize("slug, texts", NOT_QUOTES.items())
def test_scare_quotes_and_constructed_phrases_are_not_quotes(slug, texts):
    found = extracted(ARTICLES / f"{slug}.md")
    assert not [text for text in texts if text in found]


def test_a_sixth_article_in_wire_style_is_extracted_as_well():
    found = extracted(FIXTURES / "wire-glasswing-partners.md")
    precision, recall, speakers = scores(WIRE, found)
    print(f"\nwire-style article: precision {precision:.0%}, recall {recall:.0%}, speaker accuracy {speakers:.0%}")
    assert found == WIRE
    assert not [text for text in WIRE_NOT_QUOTES if text in found]


def test_quotes_point_at_the_paragraph_they_stand_in():
    article, _ = load_article(ARTICLES / "claude-mythos-preview-and-project-glasswing.md", ZoneInfo("UTC"),
                              ROOT / "content")
    quotes = {quote.text: quote.anchor for quote in extract_quotes(article)}
    anchor = quotes["We did not feel comfortable releasing this generally."]
    block = next(block for block in article.blocks if block.anchor == anchor)
    assert "Logan Graham" in block.text
    assert f'id="{anchor}"' in article.body_html


def write(tmp_path: Path, front: str, body: str) -> Path:
    path = tmp_path / "articles" / "a.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: T\ndate: 2026-04-01\n{front}---\n{body}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("body, speaker", [
    ('"We will publish the results next week," said Jane Doe.', "jane doe"),
    ('Jane Doe told reporters: "We will publish the results next week."', "jane doe"),
    ('"We will publish the results next week," the company said. Acme\'s shares fell.', "acme"),
    ('According to Acme, "the results will be published next week."', "acme"),
    ('The filing states that Acme "cannot rule out further delays to the program."', "filing"),
    ('Acme\'s report described the outage as "a failure of basic controls at every level."', "acme"),
    ('Critics dubbed it "the velvet rope for security vendors" on Tuesday.', "absent"),
    ('Its report is titled "Securing Software In The Age Of Agents" and runs long.', "absent"),
    ('"These results confirm what we feared today," Department of Environmental Quality Director Harold Baptiste '
     'said in a statement.', "harold baptiste"),
    ('"We will publish the results next week," said Councilmember Luis Ferreira.', "luis ferreira"),
    ('"We will publish the results next week," Acme spokesperson Mark Hollis said.', "mark hollis"),
    ('In a letter, the plant manager, Gregory Tull, wrote that the wall "was inspected and patched in 2020."',
     "gregory tull"),
    ('> "We did not expect the model to find so many flaws so quickly."\n> — Logan Graham, who leads the team, '
     'to CNN', "logan graham"),
    ('"We did not expect the model to find so many flaws so quickly." — Anthropic disputes that account.', None),
])
def test_attribution_patterns(tmp_path, body, speaker):
    found = extracted(write(tmp_path, "", body))
    if speaker == "absent":
        assert found == {}
    else:
        [(text, key)] = found.items()
        assert key == speaker, (text, key)


def test_a_name_that_ends_a_sentence_keeps_no_full_stop(tmp_path):
    article, _ = load_article(write(tmp_path, "", '"Nobody has told us how long this will last," said Tamika Rhodes.'),
                              ZoneInfo("UTC"), tmp_path)
    [quote] = extract_quotes(article)
    assert quote.speaker.name == "Tamika Rhodes"


def test_a_speaker_named_with_a_title_is_one_person_however_named(tmp_path):
    found = extracted(write(tmp_path, "", '"We are asking every household to wait," Mayor Dana Graham said.\n\n'
                                          '"We will know more by the end of the week," Graham said.'))
    assert set(found.values()) == {"dana graham"}


def test_the_paragraph_before_lends_its_speaker_only_to_a_quotation_that_opens_a_paragraph(tmp_path):
    found = extracted(write(tmp_path, "", '"We will publish the results next week," said Jane Doe.\n\n'
                                          '"Nothing else has changed since the spill."\n\n'
                                          'Acme initially blamed "human error during a transfer between tanks" for it.'))
    assert found == {"We will publish the results next week,": "jane doe",
                     "Nothing else has changed since the spill.": "jane doe",
                     "human error during a transfer between tanks": None}


def test_a_quotation_of_two_paragraphs_is_taken_whole_with_the_speaker_the_second_names(tmp_path):
    found = extracted(write(tmp_path, "", '"Our first priority is the people of this city. We have crews at every '
                                          'distribution site.\n\n"We will cooperate fully with the state," Hollis said.'))
    assert found == {"Our first priority is the people of this city. We have crews at every distribution site.": "hollis",
                     "We will cooperate fully with the state,": "hollis"}


def test_three_word_quotes_are_not_collected(tmp_path):
    assert extracted(write(tmp_path, "", 'Acme called it "a step change" in capability.')) == {}


def test_editors_can_correct_a_speaker_and_strike_a_quote(tmp_path):
    front = ('quotes:\n  - text: "the results will be published soon"\n    speaker: Acme board\n'
             '    kind: organisation\n  - text: "a phrase everyone uses these days"\n    not_quote: true\n')
    body = ('Jane Doe said "the results will be published soon" in a call. '
            'It is "a phrase everyone uses these days" now.')
    found = extracted(write(tmp_path, front, body))
    assert found == {"the results will be published soon": "acme board"}


def test_an_editors_quote_that_is_not_in_the_text_is_an_error_at_its_line(tmp_path):
    front = 'quotes:\n  - text: "words that appear nowhere"\n    speaker: Jane Doe\n'
    path = write(tmp_path, front, 'Jane Doe said "the results will be published soon" in a call.')
    with pytest.raises(ContentError) as caught:
        extracted(path)
    [problem] = caught.value.problems
    assert problem.line == 5 and "not in the article text" in problem.message


def test_an_editor_can_add_a_quote_the_rules_miss(tmp_path):
    front = "quotes:\n  - text: it will not be enough\n    speaker: Jane Doe\n"
    found = extracted(write(tmp_path, front, "Jane Doe warned that it will not be enough."))
    assert found == {"it will not be enough": "jane doe"}
    assert fold("It will not be enough.") == "it will not be enough"


def quotes_of(tmp_path: Path, body: str) -> list[tuple[str, str | None]]:
    article, _ = load_article(write(tmp_path, "", body), ZoneInfo("UTC"), tmp_path)
    return [(quote.text, quote.speaker.key if quote.speaker else None) for quote in extract_quotes(article)]


@pytest.mark.parametrize("body, speaker", [
    ('"Which of them counts as a pattern?" Delgado shot back. "Ten?"', "delgado"),
    ('"Is anyone going to pay for this?" asked Sen. Paul Whitcombe.', "paul whitcombe"),
    ('The memo read: "Hold every shipment until we know what this is."', "memo"),
    ('"Hold every shipment until we know what this is," the memo read.', "memo"),
    ('Tenant advocates called the offer "a difference that makes no difference at all."', "tenant advocates"),
    ('Later that year a Voltari engineer wrote that cells showed "abnormal swelling in a growing share" of packs.',
     "voltari engineer"),
    ("Acme's chief operating officer, Leon Petrakis, has said the firm acted \"as soon as the data were clear.\"",
     "leon petrakis"),
    ('Mia Ross, the fire chief in Aurora, Colo., where two fires occurred, said it "should have come a year ago."',
     "mia ross"),
    ('"Do not wait for the new one to arrive," said Dr. Helen Park, a battery researcher.', "helen park"),
    ('They ask, in the words of their lawyer, Priya Natarajan, why it kept "a spreadsheet of fires and no plan."',
     "priya natarajan"),
])
def test_more_attribution_patterns(tmp_path, body, speaker):
    [(text, key)] = quotes_of(tmp_path, body)
    assert key == speaker, (text, key)


def test_two_speakers_in_one_sentence_keep_their_own_quotes(tmp_path):
    found = quotes_of(tmp_path, 'Mia Ross said the recall "should have happened a long time ago," while Chief '
                                'Operating Officer Leon Petrakis told reporters the firm acted "as soon as the data '
                                'were clear to us."')
    assert [key for _, key in found] == ["mia ross", "leon petrakis"]


def test_a_pronoun_stands_for_the_name_its_sentence_or_the_one_before_opens_with(tmp_path):
    found = quotes_of(tmp_path, 'Ingrid Halvorsen leads the company. Halvorsen, in her opening statement, '
                                'apologized to the families. "I am sorry for every one of those fires," she said.\n\n'
                                'Voltari Mobility, whose packs caught fire, reached for old words: the recall, it '
                                'said, was "a voluntary step taken out of caution."')
    assert [key for _, key in found] == ["ingrid halvorsen", "voltari mobility"]


def test_a_pronoun_does_not_stand_for_a_word_that_merely_opens_a_sentence(tmp_path):
    found = quotes_of(tmp_path, 'Every company reaches for the same words. "It was a voluntary step," she said.')
    assert found == [("It was a voluntary step,", None)]


def test_the_judge_is_the_judge_the_article_named(tmp_path):
    found = quotes_of(tmp_path, 'U.S. District Judge Eleanor Whitfield denied the motion on Friday.\n\n'
                                'The judge rejected that argument. She wrote, "A recall announced after the fires '
                                'does not compensate those who were burned."')
    assert found[0][1] == "eleanor whitfield"


def test_a_quotation_interrupted_by_its_attribution_is_taken_whole(tmp_path):
    found = quotes_of(tmp_path, '"We are," Chief Executive Ingrid Halvorsen said in a video, "not done looking at '
                                'what went wrong." "I am deeply sorry," she said, "and I take full responsibility."')
    assert found == [("We are not done looking at what went wrong.", "ingrid halvorsen"),
                     ("I am deeply sorry, and I take full responsibility.", "ingrid halvorsen")]


def test_a_quoted_thought_is_not_a_quotation(tmp_path):
    assert quotes_of(tmp_path, 'Picture a parent standing over the bike at midnight and wondering, "Is this the '
                               'night it goes up?"') == []


def test_an_organisation_named_with_a_company_word_is_no_person(tmp_path):
    article, _ = load_article(write(tmp_path, "", 'Qinglan Energy said its cells "met every specification we were '
                                                  'given."'), ZoneInfo("UTC"), tmp_path)
    [quote] = extract_quotes(article)
    assert (quote.speaker.name, quote.speaker.kind) == ("Qinglan Energy", "organisation")


# Two articles of another story, written for an audit of the rules on text they were not made for: a wire
# report and a live blog. Each quotation with the speaker a careful reader names.
UNSEEN = {
    "wire-voltari-recall.md": {
        "We are not done looking at what went wrong, and we will not stop until every pack is out of people's homes.":
            "ingrid halvorsen",
        "Every battery we ship today uses cells from a different maker,": "ingrid halvorsen",
        "The pattern was impossible to ignore by the end of last year,": "robert okafor",
        "These packs can go into thermal runaway with no warning at all.": "robert okafor",
        "should have happened a long time ago,": "marcus bell",
        "as soon as the data were clear to us.": "leon petrakis",
        "The market is pricing in a lot more than the cost of new batteries,": "kevin marsh",
        "It's pricing in the lawsuits.": "kevin marsh",
        "My son was asleep in the next room,": "tomás reyes",
        "If the smoke alarm had not gone off, I don't know what would have happened.": "tomás reyes",
        "every single night, just like the manual said.": "tomás reyes",
        "a voluntary step taken out of an abundance of caution,": "voltari",  # the company's statement
        "Voltari has not determined that the batteries are defective.": "voltari",
        "a difference that makes no difference to a family whose kitchen is on fire.": "consumer advocates",
        "They had a spreadsheet of fires and they kept selling the bikes.": "priya natarajan",
        "She has said she will come,": "aide",
    },
    "live-senate-hearing.md": {
        "Thirty-seven fires. Eleven people hurt. One family that lost everything it owned,": "maria delgado",
        "And the company's first instinct was to call it 'a voluntary step taken out of an abundance of caution.'":
            "maria delgado",
        # a quotation inside a quotation is an entry of its own: the company's words, as the senator quotes them
        "a voluntary step taken out of an abundance of caution.": "voltari",
        "I am sorry. I am deeply sorry, and I take full responsibility for how long this took.": "ingrid halvorsen",
        "Senator, one complaint is not a pattern,": "ingrid halvorsen",
        "How many makes a pattern?": "maria delgado",
        "The commission sat on this for months,": "paul whitcombe",
        # "Whitcombe asked Halvorsen whether she would resign. She said she would not. "My job ...," she said.":
        # a chain of pronouns back to the object of a sentence, past the man the article calls "he"
        "My job is to fix this, and I intend to do it,": "ingrid halvorsen",
        "fewer than a dozen reports": "robert okafor",
        "We moved as fast as the law allows us to move,": "robert okafor",
        "Under Section 6(b), we cannot name a company until it agrees or until we win in court.": "robert okafor",
        "abnormal swelling in a growing share of Qinglan cells": "voltari engineer",
        "We should pause shipments until we understand this.": "voltari",  # a Voltari engineer's email
        "We are not going to wait for fire thirty-eight,": "maria delgado",
    },
    # A second audit, on a court report and an earnings story of a third story.
    "court-calderon-trial.md": {
        "I wrote it down, I called it in, and I sent the scans,": "renata vasquez",
        "Nobody called me back.": "renata vasquez",
        "was disclosed, in writing, to every single participant,": "martin feld",
        "had nothing to do with our medicine.": "martin feld",
        # "When Feld asked ..., she answered:": a pronoun whose referent is of the other sex; the rules name Feld
        "I have the replies. They said thank you.": "renata vasquez",
        "This is not a deposition, counsel,": "eleanor marsh-whitfield",
        "the imaging signal is real and it is not small,": "paul anand",
        "pause dosing at the two highest levels until the data monitoring committee has reviewed it.": "paul anand",
        "a draft expression of one scientist's concern, not a finding,": "calderon",
        # "She denied the motion in a two-page order:" then a block quote: "She" is two sentences back
        "The memo is relevant to what the defendant knew and when it knew it. Whether it reflects a finding or a "
        "fear is a question for the jury.": "eleanor marsh-whitfield",
        "My father trusted them,": "ingrid lindqvist-baer",
        "He signed up because he wanted to help the next person.": "ingrid lindqvist-baer",
        "He did not sign up to be the price of a faster approval.": "ingrid lindqvist-baer",
        "about a choice, not an accident.": "thomas achebe",
        "sympathizes deeply with the Lindqvist family": "lena ortiz",
        "vigorously defend the science.": "lena ortiz",
        "If this jury finds for the family, every plaintiffs' firm in the country will be looking at that memo,":
            "carla mendes",
        "It's the document everyone wants.": "carla mendes",
    },
    "earnings-calderon-q4.md": {
        "We underestimated how long it takes a health system to build the infusion and imaging capacity this drug "
        "needs,": "sofia brandt",
        "That is on us, not on the medicine.": "sofia brandt",
        "The guide-down is bigger than anyone modeled, and the explanation is the same one we heard in November,":
            "priya raman",
        "a cloud that will not lift until there is a verdict,": "jonas whitcombe",
        "Investors are being asked to underwrite both a slow launch and a legal tail.": "jonas whitcombe",
        "I'm not going to comment on an ongoing case,": "sofia brandt",
        "This is a drug that works, in a disease where almost nothing does,": "marcus feld-ito",
        "Launches like this always look bad in year one.": "marcus feld-ito",
        "tracking ahead of every internal plan.": "sofia brandt",
        "A year from now, nobody on this call is going to remember the fourth quarter of 2025. They are going to "
        "remember whether we got this drug to the people who need it.": "sofia brandt",
    },
    # A third audit, on a feature full of pronouns and an interview, and an analysis, of a fourth story.
    "feature-millbrook-week-after.md": {
        "Forty-one years my family has had this store,": "tom brecker",  # "he said": the paragraph before's Brecker
        "My father rode out Agnes in 1972. He never saw water like this.": "tom brecker",
        "He doesn't want to look at the list,": "lena brecker",
        "So I look at it for him.": "lena brecker",
        "It went off when I was already on the roof,": "gloria haines",  # three sentences of "she" back
        "What good is a siren after the water is in your bedroom?": "gloria haines",
        "The firefighters, yes. The dam company, no,": "carl whitt",  # "When Haines said ..., he shook his head"
        "We were lucky the boats were already gassed up,": "ray delacroix",
        "If that call had come an hour earlier, we'd have had an hour more.": "ray delacroix",
        "Teresa, the river is coming up faster than anything I've seen.": "ray delacroix",  # "The chief ... He said,"
        "performed exactly as it was designed to.": "douglas arnett",  # "Bramwell's chief executive", named later
        "civil, short and overdue.": "teresa okonjo",  # "Okonjo met Douglas Arnett ... She described"
        "She deserves that, and so does every family on Front Street,": "douglas arnett",
        "I have read their emergency action plan. It mentions Millbrook twice,": "nathan oyelaran",
        "He says the water doesn't care whose fault it is,": "lena brecker",
        "He's right, but I do.": "lena brecker",
    },
    "analysis-kestrel-sirens.md": {
        "The siren replacement was one of many projects competing for the same dollars, and in hindsight it should "
        "have been at the top of the list,": "karen liu",
        "They told us they were opening gates. They did not tell us to wake up the town,": "paul sandoval",
        "The question is not whether they should have opened the gates. It is why a town of 9,400 people found out "
        "from a barking dog,": "anil varghese",
        "reliability at the lowest sustainable cost.": "meredith sloane",
    },
}
UNSEEN_MISSED_SPEAKERS = {
    "a voluntary step taken out of an abundance of caution.",
    "I have the replies. They said thank you.",
    "The memo is relevant to what the defendant knew and when it knew it. Whether it reflects a finding or a fear is a "
    "question for the jury.",
}


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_articles_of_another_story_are_extracted_as_annotated(name):
    found = extracted(FIXTURES / name)
    precision, recall, speakers = scores(UNSEEN[name], found)
    print(f"\n{name}: precision {precision:.0%}, recall {recall:.0%}, speaker accuracy {speakers:.0%}")
    assert set(found) == set(UNSEEN[name])
    assert {text for text, key in found.items() if key != UNSEEN[name][text]} <= UNSEEN_MISSED_SPEAKERS


@pytest.mark.parametrize("lead, speaker", [
    ("Chief Executive Sofia Brandt took questions. Brandt ended the call on a defiant note:", "sofia brandt"),
    ("In a commentary, Dr. Samuel Whitfield and colleagues wrote:", "samuel whitfield"),
    ("The outlook was grim.", None),
])
def test_a_block_quote_is_said_by_whom_the_paragraph_that_introduces_it_with_a_colon_names(tmp_path, lead, speaker):
    found = extracted(write(tmp_path, "", f'{lead}\n\n> "Nobody on this call will remember the fourth quarter."\n'))
    assert found == {"Nobody on this call will remember the fourth quarter.": speaker}


def test_a_first_authors_colleagues_do_not_hide_the_first_author(tmp_path):
    found = extracted(write(tmp_path, "", 'Okafor et al. wrote that "monitoring should be most intensive early on."'))
    assert found == {"monitoring should be most intensive early on.": "okafor"}


def test_a_name_after_the_quote_keeps_its_role_and_a_relative_clause_on_the_role(tmp_path):
    found = extracted(write(tmp_path, "", '"This is a drug that works, in a disease where almost nothing does," Marcus '
                                          'Feld-Ito, a manager at Tidewater Capital, which owns about 3% of the company, '
                                          'said in an interview.'))
    assert list(found.values()) == ["marcus feld-ito"]


def test_a_quotation_run_on_after_a_speakers_words_is_theirs_in_both_paragraphs(tmp_path):
    found = extracted(write(tmp_path, "", 'Ingrid Baer spoke outside. "My father trusted them," she said. "He signed up '
                                          'to help the next person.\n\n"He did not sign up to be the price of speed."'))
    assert found == {"My father trusted them,": "ingrid baer", "He signed up to help the next person.": "ingrid baer",
                     "He did not sign up to be the price of speed.": "ingrid baer"}


def test_a_name_set_off_after_a_role_with_a_lower_case_title_is_the_speaker(tmp_path):
    found = extracted(write(tmp_path, "", 'The party attacked her. Her likely opponent, state Treasurer Don Pruitt, said '
                                          'she was "more interested in headlines than in cures."'))
    assert found == {"more interested in headlines than in cures.": "don pruitt"}


def test_a_pronoun_stands_for_the_name_after_a_short_phrase_of_place_or_time(tmp_path):
    found = extracted(write(tmp_path, "", 'Chief Executive Sofia Brandt spoke. On the call, Brandt declined to discuss '
                                          'it. "I am not going to comment on an ongoing case," she said.'))
    assert found == {"I am not going to comment on an ongoing case,": "sofia brandt"}


class _CountingPattern:
    """A pattern that adds up the length of every text it is asked to read."""

    def __init__(self, pattern):
        self.pattern, self.read = pattern, 0

    def finditer(self, text):
        self.read += len(text)
        return self.pattern.finditer(text)

    def search(self, text, *args):
        self.read += len(text)
        return self.pattern.search(text, *args)


def test_a_sentence_of_thousands_of_quotations_is_read_a_bounded_number_of_times(tmp_path, monkeypatch):
    # Each quotation looked for its speaker across up to 1,000 characters before it: 15 times the text here.
    verb = _CountingPattern(quotes.VERB)
    monkeypatch.setattr(quotes, "VERB", verb)
    body = 'Graham said "we are not ready yet" and ' + 'said "we are not ready yet" and ' * 3000
    found = quotes_of(tmp_path, body)
    assert len(found) > 1000 and set(found) == {("we are not ready yet", "graham")}
    assert verb.read < 8 * len(body)


@pytest.mark.parametrize("body, speaker", [
    # the company the sentence has just named, not the town the article puts most often in the possessive
    ('Millbrook\'s sirens were late. Millbrook\'s mayor spoke. The town is in Millbrook County. Bramwell Hydro, which '
     'runs the dam, opened the gates. "Our operators followed the plan to the letter," the company said.',
     "bramwell hydro"),
    # the company the sentence before named
    ('Bramwell Hydro said Tuesday it would pay for hotel rooms. "We know that words are not enough," the company said.',
     "bramwell hydro"),
    # the name before the description set off after it
    ('Calloway Energy Group, Bramwell\'s parent company, said it was "deeply saddened by the loss of life."',
     "calloway energy group"),
])
def test_the_company_is_the_one_the_text_has_just_named(tmp_path, body, speaker):
    assert list(extracted(write(tmp_path, "", body)).values()) == [speaker]


def test_a_day_in_the_possessive_is_not_the_articles_company(tmp_path):
    found = extracted(write(tmp_path, "", 'Calderon\'s shares fell. "We will keep hiring engineers," the company said. '
                                          'Send questions for Friday\'s edition and Friday\'s podcast.'))
    assert list(found.values()) == ["calderon"]


def test_an_interviewers_question_label_is_nobody(tmp_path):
    found = extracted(write(tmp_path, "", '**Q: The operator says the dam "performed exactly as it was designed to." '
                                          'Is that fair?**'))
    assert list(found.values()) == [None]


@pytest.mark.parametrize("body, speaker", [
    # a chain of pronouns back to the name three sentences before
    ('Down the street, Gloria Haines was sorting photographs in her driveway. She was rescued from her porch roof. '
     'She said she still hears the siren. "It went off when I was already on the roof," she said.', "gloria haines"),
    # "he" is not the woman the sentence names, but the man the one before does
    ('Gloria Haines was sorting photographs in her driveway. Her neighbor, Carl Whitt, was less forgiving. When Haines '
     'said the firefighters had done all they could, he shook his head. "The dam company, no," he said.', "carl whitt"),
    # "she" is the woman a man asked, not the man
    ('Sen. Paul Ward, the ranking member, said he was troubled. Ward asked Ingrid Holm whether she would resign. '
     'She said she would not. "My job is to fix this," she said.', "ingrid holm"),
    # "she" is the subject of the sentence before, not the man it met
    ('Mayor Teresa Okonjo has barely slept. On Thursday, Okonjo met Douglas Arnett, the operator\'s chief executive. '
     'She described the meeting as "civil, short and overdue." Arnett said he had apologized.', "teresa okonjo"),
    # "him" after her name is the man before her; "Asked by" a senator, she is not the senator
    ('Douglas Arnett testified first. Miriam Castellanos, the director of the Division of Dam Safety, testified after '
     'him. Her office approved the plan. Asked by Sen. Robert Kinsley whether the state erred, she paused. "We '
     'reviewed the plan for the dam, not for the town," she said.', "miriam castellanos"),
])
def test_a_pronoun_is_the_nearest_person_of_its_sex(tmp_path, body, speaker):
    assert list(extracted(write(tmp_path, "", body)).values()) == [speaker]


@pytest.mark.parametrize("body", [
    # a hypothetical set up by the sentence before
    'Imagine a different call. "This is the dam. Sound the sirens and get people out now." It would have cost nothing.',
    # a sign's words, introduced by a colon
    'Residents answered with a slogan of their own, spray-painted on plywood: "Sirens are cheaper than funerals."',
    # a phrase held up after its determiner
    'Every reassurance from the company is just another "we followed the plan."',
    # a press release's securities-law notice
    'The release closed with the usual notice that it "contains forward-looking statements that involve risks."',
])
def test_hypotheticals_signs_held_up_phrases_and_boilerplate_are_not_quotes(tmp_path, body):
    assert extracted(write(tmp_path, "", body)) == {}


def test_a_named_speakers_words_after_a_determiner_are_still_a_quote(tmp_path):
    found = extracted(write(tmp_path, "", 'Dana Graham called it a "failure of imagination at every level," she said.'))
    assert list(found.values()) == ["dana graham"]


@pytest.mark.parametrize("named", [
    "On Thursday, the mayor met Douglas Arnett, Bramwell Hydro's chief executive.",
    "Bramwell's chief executive, Douglas Arnett, met the mayor on Thursday.",
])
def test_a_role_in_the_possessive_is_the_person_the_article_names_in_it(tmp_path, named):
    found = extracted(write(tmp_path, "", 'Bramwell\'s chief executive says the dam "performed exactly as it was '
                                          f'designed to."\n\n{named}'))
    assert list(found.values()) == ["douglas arnett"]


def test_every_unattributed_quotation_in_a_paragraph_that_imagines_a_scene_is_made_up(tmp_path):
    found = extracted(write(tmp_path, "", 'Imagine the next storm, in some other river town. The operator opens the '
                                          'gates. Somewhere a dispatcher writes "gate release, no action requested" in '
                                          'a log.'))
    assert found == {}


def test_a_speaker_who_calls_a_thing_something_is_quoted(tmp_path):
    found = extracted(write(tmp_path, "", 'Douglas Arnett spoke on Monday. Arnett still calls the flood "an '
                                          'extraordinary hydrological event."'))
    assert found == {"an extraordinary hydrological event.": "douglas arnett"}


def test_a_persons_name_in_the_possessive_is_not_the_company(tmp_path):
    found = extracted(write(tmp_path, "", 'Sen. Robert Kinsley\'s bill would require alerts. Kinsley\'s aides agree. '
                                          '"We will comply with any law that passes," the company said.'))
    assert found == {"We will comply with any law that passes,": None}


def test_a_press_releases_notice_quotes_no_one_but_a_news_paragraph_may_quote_it(tmp_path):
    notice = ('This release contains forward-looking statements. Actual results may differ as a result of "regulatory '
              'and legal developments related to the flood," as described in our filings.')
    assert extracted(write(tmp_path, "", notice)) == {}
    news = ('"We know that words are not enough," the company said. The release closed with the usual notice that it '
            '"contains forward-looking statements."')
    assert list(extracted(write(tmp_path, "", "Bramwell Hydro said Tuesday it would pay. " + news))) == [
        "We know that words are not enough,"]


def test_a_name_after_a_title_of_three_words_is_whole(tmp_path):
    found = extracted(write(tmp_path, "", '"We expect the program to be funded from existing budgets," said Chief '
                                          'Financial Officer Alan Petrosyan.'))
    assert list(found.values()) == ["alan petrosyan"]


def test_an_article_with_no_company_in_the_possessive_is_about_the_one_it_names_most(tmp_path):
    found = extracted(write(tmp_path, "", 'Bramwell Hydro has filed a new plan with the state.\n\nWe have been hard on '
                                          'Bramwell, and we are not done. The company still calls the flood "an '
                                          'extraordinary hydrological event."'))
    assert found == {"an extraordinary hydrological event.": "bramwell hydro"}


@pytest.mark.parametrize("body, expected", [
    # British single marks, straight and curly, with apostrophes inside and around them
    ("'We won't fly a plane we doubt,' said Jane Roe, the airline's chief executive.",
     [("We won't fly a plane we doubt,", "jane roe")]),
    ("‘The Smiths’ house is not for sale at any price,’ said Jane Roe.",
     [("The Smiths’ house is not for sale at any price,", "jane roe")]),
    ("The Athertons' holiday went ahead. 'I'm not one for making a fuss,' Rob Hale said.",
     [("I'm not one for making a fuss,", "rob hale")]),
    ("In the '90s the carriers' unions were strong, and nobody's pay was cut.", []),
    # guillemets, their inner spaces no part of the words
    ("« Nous ne reprendrons pas l'essai », a déclaré Jane Roe.", [("Nous ne reprendrons pas l'essai", None)]),
])
def test_single_quotation_marks_and_guillemets_are_quotes_and_apostrophes_are_not(tmp_path, body, expected):
    assert [(text, key) for text, key in quotes_of(tmp_path, body)] == expected


def test_a_quotation_inside_a_quotation_is_a_quote_of_its_own_of_whom_the_outer_names(tmp_path):
    found = quotes_of(tmp_path, "Gemma Hale said: 'There was a bang. The captain said \"we are turning back to the "
                                "airport\", and it went quiet.'")
    assert found == [("There was a bang. The captain said \"we are turning back to the airport\", and it went quiet.",
                      "gemma hale"), ("we are turning back to the airport", None)]
    found = quotes_of(tmp_path, 'Jane Roe said: "The regulator told us \'stop every flight you have\' and we did."')
    assert found[1] == ("stop every flight you have", "regulator")


def test_a_single_quoted_quotation_of_several_paragraphs_is_one_quote_a_paragraph(tmp_path):
    found = quotes_of(tmp_path, "'We cancelled early and it's cost us money,' Jane Roe said. 'It was the right "
                                "call for everyone.\n\n'It has cost us some goodwill as well.\n\n"
                                "'Nobody has been stranded, and nobody will be.'")
    assert found == [("We cancelled early and it's cost us money,", "jane roe"),
                     ("It was the right call for everyone.", "jane roe"),
                     ("It has cost us some goodwill as well.", "jane roe"),
                     ("Nobody has been stranded, and nobody will be.", "jane roe")]
