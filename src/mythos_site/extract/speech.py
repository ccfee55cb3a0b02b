"""What every quote rule shares: the reporting verbs, and how far around a quotation the rules look."""

from __future__ import annotations

import re

MIN_WORDS = 4  # words a quotation holds at the least
# Reporting verbs, in the forms that are rarely nouns ("reports", "notes" and "claims" are, too often).
VERB_STEMS = (
    "say|says|said|tell|tells|told|stated|states(?=\\s+that\\b|\\s*[:,])|write|writes|wrote|warn|warns|warned|declare|declares|declared|"
    "describe|describes|described|called|calls(?=\\s+(?:it|them|the|this|that|him|her|his|its|their)\\b)|call it|"
    "notes|noted|added|argue|argues|argued|conclude|"
    "concludes|concluded|confirm|confirms|confirmed|explain|explains|explained|claimed|acknowledge|"
    "acknowledges|acknowledged|admit|admits|admitted|announce|announces|announced|stresses|stressed|indicate|"
    "indicates|indicated|insist|insists|insisted|attribute|attributes|attributed|emphasize|emphasizes|emphasized|"
    "emphasise|emphasises|emphasised|cautioned|predicted|replied|responded|asked|suggested|characterized|"
    "characterised|framed|reported|revealed|tweeted|testified|recalled|promised|asserted|maintained|"
    "contend|contends|contended|alleged|denied|urged|observed|put it|puts it|retorted|countered|quipped|joked|"
    "shot back|fired back|flagged|remarked|remarks|commented|comments|conceded|concedes|continued|posted|"
    "adds|vowed|vows|pledged|pledges|recounted|recounts|recalls|boasted|complained|complains|lamented|laments|"
    "reiterated|reiterates|alleges|allege|cautions|predicts|objected|protested|pleaded|interjected|snapped|"

    # '"...," the statement read.' and 'The email read: "..."': only so, since "read" is seldom a reporting verb
    "reads?(?=\\s*[:,.]|\\s+(?:the|its|a|an)\\s+(?:[\\w-]+\\s+){0,2}?(?:statement|letter|memo|notice|advisory|email|"
    "filing|post|note|message|directive|bulletin|release|report|document|draft|order|ruling|judgment|complaint)\\b)"
)
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
