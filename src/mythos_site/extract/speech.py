"""What every quote rule shares: the reporting verbs, and how far around a quotation the rules look."""

from __future__ import annotations

import re

MIN_WORDS = 4  # words a quotation holds at the least
# Reporting verbs, in the forms that are rarely nouns ("reports", "notes" and "claims" are, too often).
VERBS = (
    "say says said tell tells told stated write writes wrote warn warns warned declare declares declared describe "
    "describes described called notes noted added adds argue argues argued conclude concludes concluded confirm "
    "confirms confirmed explain explains explained claimed acknowledge acknowledges acknowledged admit admits admitted "
    "announce announces announced stresses stressed indicate indicates indicated insist insists insisted attribute "
    "attributes attributed emphasize emphasizes emphasized emphasise emphasises emphasised cautioned cautions "
    "predicted predicts replied responded asked suggested characterized characterised framed reported revealed "
    "tweeted testified recalled recalls promised asserted maintained contend contends contended alleged alleges "
    "allege denied urged observed retorted countered quipped joked flagged remarked remarks commented comments "
    "conceded concedes continued posted vowed vows pledged pledges recounted recounts boasted complained complains "
    "lamented laments reiterated reiterates objected protested pleaded interjected snapped"
).split()
# Verbs of more words, or that report only in some company: "states that", "calls it", "the statement read."
PHRASES = (
    "states(?=\\s+that\\b|\\s*[:,])|calls(?=\\s+(?:it|them|the|this|that|him|her|his|its|their)\\b)|call it|put it|"
    "puts it|shot back|fired back|"
    # '"...," the statement read.' and 'The email read: "..."': only so, since "read" is seldom a reporting verb
    "reads?(?=\\s*[:,.]|\\s+(?:the|its|a|an)\\s+(?:[\\w-]+\\s+){0,2}?(?:statement|letter|memo|notice|advisory|email|"
    "filing|post|note|message|directive|bulletin|release|report|document|draft|order|ruling|judgment|complaint)\\b)"
)


def _trie(words: list[str]) -> str:
    """One pattern for many words, their shared beginnings tried once: "sa(?:y|ys|id)" is quicker to run than
    "say|says|said" when a regular expression is tried at every word of a text."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(letter) + pattern(child) for letter, child in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return pattern(tree)


VERB_STEMS = f"{_trie(VERBS)}|{PHRASES}"
VERB = re.compile(rf"\b(?:{VERB_STEMS})\b", re.IGNORECASE)
WORDS_BEFORE = re.compile(r"[^\W\d_]{2,}")  # a word of text before a quotation: it has a subject of its own

NEAR = 80  # characters before a quotation where "she said," or "wondering," stands if it is about this one
ATTRIBUTION_WORDS = 8  # "Sen. Maria Delgado, the committee's chairwoman, asked." is about as long as one runs
SPEAKER_REACH = 1000  # characters before a quote where its speaker is looked for
QUOTES_BACK = 4  # quotations of the same sentence before a quote, past which its speaker is not looked for
NAMING_REACH = 200  # characters before a quotation that can hold the words naming it ("dubbed it")
NEAREST_VERBS = 4  # reporting verbs before a quote, nearest first, whose subject may be its speaker
# 'X took to social media on Friday, stating, "..."': a participle after a clause, whose subject is the sentence's
PARTICIPLE = re.compile(r",\s*(?:stating|saying|adding|writing|noting|explaining|arguing|warning|declaring|insisting)\b"
                        r"[^\"“”.;]*$", re.IGNORECASE)
# 'for what the regulator called "..."', 'what it described as "..."': the words of the clause's subject, no term
WHAT_CALLED = re.compile(r"\bwhat\s+((?:the\s+)?[\w’'&.-]+(?:\s+[\w’'&.-]+){0,4}?)\s+(?:has\s+|had\s+)?"
                         r"(?:called|calls|described as|describes as|termed|characterised as|characterized as|"
                         r"labelled|labeled)\s*$")
