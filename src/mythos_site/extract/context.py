"""What the quote rules know of the whole article: the names it gives in full, the organisation it
is about, and how it refers to each person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from mythos_site.records import Article, Block, Speaker
from mythos_site.extract.documents import mentions
from mythos_site.extract.organisations import descriptions
from mythos_site.extract.referents import PLACE_WORDS, sex_in
from mythos_site.extract.speakers import ORGANISATION_WORDS, known_names_in, main_organisation, make_speaker, names_a_person
from mythos_site.extract.text import sentence_spans


@dataclass(frozen=True)
class Context:
    known_names: tuple[str, ...]
    main_org: str | None
    known_set: frozenset[str] = frozenset()
    text: str = ""
    blocks: tuple[Block, ...] = ()

    @cached_property
    def organisations(self) -> frozenset[str]:
        """Names the article follows with ", which": "Bramwell Hydro, which runs the dam" is no person."""
        return frozenset(WHICH_NAME.findall(self.text)) if ", which" in self.text else frozenset()

    @cached_property
    def company(self) -> str | None:
        """What "the company" is at the last: the main organisation, or, in an article that puts no company
        in the possessive, the one it names most ("Bramwell Hydro" once in full, then "Bramwell")."""
        if self.main_org:
            return self.main_org
        organisations = [name for name in self.known_names if not ORGANISATION_WORDS.isdisjoint(name.lower().split())]
        return max(organisations, key=lambda name: self.text.count(name.split()[0]), default=None)

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        return tuple(block.text[span.start:span.end] for block in self.blocks for span in sentence_spans(block.text))

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The last words of the people the article names in full: "Vasquez", not "Safety"."""
        return frozenset(words[-1] for words in map(str.split, self.known_names) if _ends_in_a_persons_name(words))

    @cached_property
    def sexes(self) -> dict[str, str | None]:
        return {}

    @cached_property
    def quoted(self) -> dict[str, Speaker]:
        """The speakers quoted so far, as the article is read: the last person under "person"."""
        return {}

    @cached_property
    def reading(self) -> dict[str, tuple[int, int]]:
        """Where the quote rules are: "at" the paragraph and the start of the sentence they read."""
        return {}

    @cached_property
    def described(self) -> dict[str, set[str]]:
        """What the article calls each organisation it describes: {"Ofwell": {"regulator"}}."""
        return descriptions(self.text)

    @cached_property
    def _documents(self) -> list:
        return []

    def documents(self, resolve) -> list:
        """Every document the article names, with its author (documents.mentions), found once."""
        if not self._documents:
            self._documents.append(mentions(self, resolve))
        return self._documents[0]

    def is_main_org(self, name: str) -> bool:
        """"Skylark" and "Skylark Air" both name the article's organisation."""
        main = self.main_org
        return bool(main) and (name == main or main.startswith(name + " ") or name.startswith(main + " "))

    def is_a_persons_surname(self, word: str, known_names: tuple[str, ...]) -> bool:
        """"Whitcombe" of "Dana Whitcombe", whom the article calls "she": a person, no organisation."""
        if " " in word:
            person = word if names_a_person(word) else None
        else:
            person = next((name for name in known_names if name.endswith(" " + word) and name.count(" ") < 3
                           and word in self.surnames), None)
        return person is not None and self.sex_of(make_speaker(person, "person")) is not None

    def sex_of(self, speaker: Speaker) -> str | None:
        """"he" or "she", as the article refers to the person; None where it does not say."""
        if speaker.name not in self.sexes:
            self.sexes[speaker.name] = sex_in(speaker.name, self.sentences, self.surnames)
        return self.sexes[speaker.name]


def _ends_in_a_persons_name(words: list[str]) -> bool:
    """"Voltari Chief Executive Ingrid Halvorsen", not "Division of Dam Safety" or "Bramwell Hydro"."""
    return len(words) > 1 and all(word[:1].isupper() for word in words[-3:]) \
        and words[-1].lower() not in PLACE_WORDS | ORGANISATION_WORDS and words[-2].lower() not in ORGANISATION_WORDS


WHICH_NAME = re.compile(r"\b([A-Z][\w’'&-]*(?:\s[A-Z][\w’'&-]*)+),\swhich\b")


def context_of(article: Article) -> Context:
    text = " ".join(block.text for block in article.blocks)
    names = known_names_in(text)
    context = Context(names, None, frozenset(names), text, article.blocks)
    object.__setattr__(context, "main_org", main_organisation(text, names, context.is_a_persons_surname,
                                                                   article.title))
    return context
