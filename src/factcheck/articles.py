"""Articles within one file: a file that holds several articles (a magazine's page of
analyses, pasted stories) is split into one `Document` per article, so each is a source
of its own: one vote in a consensus, and never "both in one source" with another.

A new article starts at a "Published in ..." / "Published on ..." line, at a byline
("By Ana Mensah") that no such line announced just before, at a Markdown rule (`---`)
followed closely by a heading, at a header block of its own ("title: ..."), or at a wire
dateline ("LIMA (AP) —") that nothing announced just before. Each article holds only its
own text, with where it starts in the file (`Document.offset`, `lines_before`), so that
its claims' `start`, `end`, line and column are the file's and a file of many articles
costs what its text costs; its source is "file.txt#2" (the scorer and the reviews read
the file part). A file with one article is left as it is. Pure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from factcheck.article import read_article_info
from factcheck.model import Document

_PUBLISHED_LINE = re.compile(r"^[ \t]*Published (?:in|on|by)\b[^\n]*$", re.MULTILINE)
_BYLINE = re.compile(r"^[ \t]*By[ \t\u00a0]+[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|van|von|al|el|bin))*[ \t]*$",
                     re.MULTILINE)
# a wire story's dateline opening a paragraph: "LIMA (AP) —", "MOSCOW, March 3 (Reuters) -"
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Z.'’-]+)*(?:,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
                       r"[ \t]*\((?:AP|Reuters|AFP|dpa|Xinhua|Bloomberg|UPI|IANS|PTI|ANI|Kyodo|Yonhap|Anadolu)\)[ \t]*[-–—:]",
                       re.MULTILINE)
# a header block of its own ("title: ..."), as a file of pasted articles repeats it
_HEADER = re.compile(r"^title:[ \t]*\S", re.MULTILINE)
_RULE_THEN_HEADING = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?:#{1,3} |title:)",
                                re.MULTILINE)
ANNOUNCED = 200  # characters: a byline this close after a "Published" line opens no second article
MIN_ARTICLE_CHARS = 300  # a shorter piece (a caption, a "Visit also" footer) joins the article before it
_DATE_OR_BYLINE = re.compile(r"^(?:By |Published |\W*$|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,|"
                             r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                             r"December) \d)")


def article_starts(text: str) -> list[int]:
    """Where each article after the first starts (offsets of line starts), in order;
    empty for a text of one article."""
    published = [m.start() for m in _PUBLISHED_LINE.finditer(text)]
    starts = set(published)
    for match in _BYLINE.finditer(text):
        if not any(0 <= match.start() - start <= ANNOUNCED for start in published):
            starts.add(match.start())
    starts.update(match.start() for match in _RULE_THEN_HEADING.finditer(text))
    starts.update(match.start() for match in _HEADER.finditer(text))
    # a dateline opens a story, unless a headline, byline or "Published" line just before it does
    for match in _DATELINE.finditer(text):
        if not any(0 <= match.start() - start <= ANNOUNCED for start in starts):
            starts.add(match.start())
    kept: list[int] = []
    previous = 0
    for start in sorted(starts):
        if start == 0 or len(text[previous:start].strip()) < MIN_ARTICLE_CHARS:
            continue  # the piece before is too short to stand alone: it opens this article
        kept.append(start)
        previous = start
    if kept and len(text[kept[-1]:].strip()) < MIN_ARTICLE_CHARS:
        kept.pop()  # a short tail ("Visit also") belongs to the last article
    return kept


def _title(segment: str) -> str | None:
    """The article's headline: the last short line before its byline that is no date or
    "Published" line; None where no byline follows one (a caption is no headline)."""
    byline = _BYLINE.search(segment)
    if byline is None:
        return None
    lines = [" ".join(line.split()) for line in segment[:byline.start()].splitlines()]
    candidates = [line for line in lines if line and len(line) <= 150 and not line.endswith(".")
                  and not _DATE_OR_BYLINE.match(line)]
    return candidates[-1] if candidates else None


def split_articles(document: Document) -> list[Document]:
    """One `Document` per article of `document` (itself where it holds one).

    >>> text = ("Dam talks resume\\nBy Ana Mensah\\n\\n" + "The dam is 140 metres high. " * 12 + "\\n\\n"
    ...         "Published in Analyses\\n\\nFlood toll rises\\nBy Ivo Petrov\\n\\n" + "The floods killed 40. " * 15)
    >>> [(d.source, d.title) for d in split_articles(Document("mag.txt", text, "0"))]
    [('mag.txt#1', 'Dam talks resume'), ('mag.txt#2', 'Flood toll rises')]
    """
    text = document.text
    starts = article_starts(text)
    if not starts:
        return [document]
    bounds = list(zip([0, *starts], [*starts, len(text)]))
    articles = []
    lines_before = document.lines_before
    for index, (start, end) in enumerate(bounds, 1):
        segment = text[start:end]
        info = read_article_info(segment)
        articles.append(replace(
            document, source=f"{document.source}#{index}", text=segment, offset=document.offset + start,
            lines_before=lines_before,
            sha256=hashlib.sha256(f"{document.sha256}#{index}:{start}:{end}".encode()).hexdigest(),
            title=_title(segment) or info.title or (document.title if index == 1 else None),
            published=info.published or (document.published if index == 1 else None),
            url=document.url, article=index, author=_author(segment)))
        lines_before += segment.count("\n")
    return articles


def _author(segment: str) -> str | None:
    """The name in the article's byline, where it has one."""
    byline = _BYLINE.search(segment)
    return " ".join(byline.group(0).split()[1:]) if byline else None


_ARTICLE_SUFFIX = re.compile(r"#\d+$")


def file_of(source: str) -> str:
    """The file a source is in: "mag.txt" for "mag.txt#2" (a "#" inside a file's own
    name stays: "notes #2.txt").

    >>> file_of("mag.txt#2"), file_of("notes #2.txt")
    ('mag.txt', 'notes #2.txt')
    """
    return _ARTICLE_SUFFIX.sub("", source)
