"""Page furniture in a page's copied text: the lines around an article that are not its text
(sharing buttons, comment boxes, newsletter sign-ups, bylines, datelines, reading times,
disclosure notes), each known by its shape rather than by any one site's wording."""

from __future__ import annotations

import re

FURNITURE = re.compile(r"""(?ix)^(?:
    share(?:\s+(?:this|on\s+\w+)(?:\s+(?:article|story|post|page))?)?
  | (?:tweet|e-?mail|print|copy\s+link|save|bookmark|follow\s+us)
  | sign\s+in\s+to\s+(?:join\s+the\s+discussion|comment|reply).*
  | log\s+in\s+to\s+(?:comment|reply).*
  | leave\s+a\s+(?:reply|comment)
  | (?:\d+\s+)?(?:comments?|messages?|replies|responses)
  | user\s+forum | join\s+the\s+(?:discussion|conversation)
  | your\s+email\s+address\s+will\s+not\s+be\s+published.*
  | required\s+fields\s+are\s+marked.*
  | post\s+(?:a\s+)?comment
  | report\s+an?\s+(?:issue|error|problem|mistake|typo)\b.*
  | this\s+article\s+was\s+(?:ai[-\s]generated|generated|written\s+with|produced\s+with)\b.*
  | (?:learn\s+more\s+about|read)\s+our\s+(?:disclosure|editorial|ethics|privacy)\b.*
  | advertisement | sponsored(?:\s+content)? | ad
  | related(?:\s+(?:articles|stories|posts))? | recommended | most\s+read | read\s+(?:more|next)
  | you\s+may\s+also\s+like | more\s+from\s+.{1,40}
  | no\s+spam\b.*
  | (?:subscribe|sign\s+up)(?:\s+(?:now|today|for\s+free))?
  | .*\bunsubscribe\s+(?:at\s+)?any\s*time\b.*
  | skip\s+to\s+(?:main\s+)?content
  | (?:accept|reject)\s+(?:all\s+)?cookies
)[\s:.!]*$""")
READING_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DATELINE = re.compile(r"(?i)^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?(?:"
                      rf"{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
                      r"(?:\s*[,·|–-]?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$")
# "By Jane Doe", also glued to what the capture put before it ("Jane DoeBy Jane Doe").
BYLINE = re.compile(r"(?:^|(?<=[a-z]))By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?")
# "Jane Doe covers AI policy for The Example." at the foot of an article.
AUTHOR_NOTE = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:covers|writes\s+about|reports\s+on"
                         r"|is\s+an?\s+(?:[\w-]+\s+){0,3}(?:reporter|writer|journalist|correspondent|editor"
                         r"|columnist|contributor))\b")
NEWSLETTER = re.compile(r"(?i)\bnewsletters?\b")
BOX_WORDS = re.compile(r"(?i)\b(?:e-?mails?|inbox|spam|weekly|daily|subscribe|sign\s+up|unsubscribe"
                       r"|deliver(?:ed)?|free)\b")
BOX_LINE_WORDS = 12  # the lines of a sign-up box are short: a heading, a line of pitch, a promise
SENTENCE_END = ".!?…\"”’)"


def words(line: str) -> int:
    return len(line.split())


def kind_of(line: str) -> str | None:
    """What furniture a line is ("furniture", "dateline", "byline"), or None for a line of text."""
    if FURNITURE.match(line):
        return "furniture"
    if DATELINE.match(line) or (READING_TIME.search(line) and words(line) <= 12):
        return "dateline"
    if BYLINE.search(line) and words(line) <= 15 and not line.endswith(tuple(SENTENCE_END)):
        return "byline"
    if AUTHOR_NOTE.match(line) and words(line) <= 25 and line.count(". ") == 0:
        return "furniture"
    return None


def furniture_lines(lines: list[str]) -> dict[int, str]:
    """The index of each furniture line, with its kind; a newsletter box is taken whole: the lines
    around a line that names a newsletter, as long as they are short."""
    found = {index: kind for index, line in enumerate(lines) if line and (kind := kind_of(line))}
    for index, line in enumerate(lines):
        if line and NEWSLETTER.search(line) and words(line) <= 8:
            found[index] = "furniture"
            for step in (1, -1):
                for other in _box(lines, index, step):
                    found[other] = "furniture"
    return found


def _box(lines: list[str], start: int, step: int, most: int = 4) -> list[int]:
    """The lines next to a box's first line that are the box's too: short, and either no sentence
    (a heading such as "Stay in the know") or a sentence of what sign-up boxes say."""
    taken, index = [], start + step
    while 0 <= index < len(lines) and len(taken) < most:
        line = lines[index]
        if line:
            heading = not line.endswith(tuple(SENTENCE_END)) and not _heads_text(lines, index)
            if words(line) > BOX_LINE_WORDS or not (heading or BOX_WORDS.search(line)):
                break
            taken.append(index)
        index += step
    return taken


def _heads_text(lines: list[str], index: int) -> bool:
    """True for a line that stands over a long line: a heading of the article, not of the box."""
    following = next((line for line in lines[index + 1:] if line), "")
    return words(following) > BOX_LINE_WORDS * 2
