"""What an article says of itself: its headline, the address it was saved from and the
date it was published, read from the text alone (pure).

Saved news pages keep this in a few recurring shapes, and each is read here:
- a header block of `key: value` lines at the top, ended by a blank line (`title:`,
  `source:`/`url:`, `date:`/`published:`), as front matter and search-index dumps write it;
- a line `date YYYY-MM-DD`, or a line opening with "Published", "Updated", "Posted",
  "Last modified" or "Page last updated" followed by a date;
- a dateline: a date alone on its line, or at the start of the first lines after an
  upper-case place and agency ("LIMA (AP) Nov 19, 2019 ...");
- the date in the address (`/2015/04/27/`, `/2005-11-19/`, `/2010/0114/`).

The publication date is what most figures of a news article are as of, when their own
sentence and paragraph name no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.dates import find_dates

# how far into a text the publication date is looked for (headline, byline, dateline)
LEAD_CHARS = 1200
_HEADER_LINE = re.compile(r"([A-Za-z][\w-]{0,30}):[ \t]*(.*)")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("source", "url", "link", "address")
_DATE_KEYS = ("date", "published", "publication-date", "pubdate", "updated", "datetime")
_DATE_LINE = re.compile(
    r"^[ \t]*(?:date|published(?: on)?|updated|posted(?: on)?|last[ -]modified|last updated|page last updated(?: at)?|"
    r"first published|originally published)\b[:\s]", re.IGNORECASE | re.MULTILINE)
_ISO_DATE = re.compile(r"(?<!\d)(19\d\d|20\d\d)-([01]\d)-([0-3]\d)(?!\d)")
# /2015/04/27/, /2015/4/7/, /2010/0114/, /2005-11-19/, /2005-09/05/, /2022/01/
_URL_DATE = re.compile(
    r"[/_-](19[5-9]\d|20\d\d)(?:[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?|/(0[1-9]|1[0-2])([0-3]\d))?"
    r"(?=[/_.-]|$)")
# an upper-case place, then optionally an agency in parentheses, then a dash or the date
_DATELINE_LEAD = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .'-]{2,40}|[A-Z][a-z]+(?: [A-Z][a-z]+)?,)?[ \t]*(?:\([^)]{1,30}\))?[ \t]*[-–—,:]?[ \t]*")


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """The metadata an article states: `published` is an ISO date (year, year-month or
    full date) or None; `title` and `url` are None where the text gives none."""

    title: str | None = None
    url: str | None = None
    published: str | None = None
    body_start: int = 0  # where the text after the header block begins


def _header(text: str) -> tuple[dict[str, str], int]:
    """The `key: value` lines that open a text, up to the first blank line, and where
    the body after them starts; nothing when the text does not open with at least two
    such lines."""
    fields: dict[str, str] = {}
    offset = 0
    for line in text.split("\n", 12)[:12]:
        if not line.strip():
            break
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None or match.group(1).lower() in ("http", "https"):
            return {}, 0
        fields.setdefault(match.group(1).lower(), match.group(2).strip())
        offset += len(line) + 1
    return (fields, offset) if len(fields) >= 2 else ({}, 0)


def _first_date(fragment: str) -> str | None:
    """The first full or year-month date in a short fragment, as ISO."""
    iso = _ISO_DATE.search(fragment)
    found = [mention for mention in find_dates(fragment) if mention.iso]
    if iso and (not found or iso.start() <= found[0].start):
        return f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}"
    if found:
        return _with_day(fragment, found[0])
    return None


def _with_day(fragment: str, mention) -> str:
    """The mention's ISO value, with its day where the surface shows one."""
    iso = mention.iso
    if len(iso) == 7:
        day = re.search(r"(?<!\d)([0-3]?\d)(?:st|nd|rd|th)?(?!\d)", fragment[mention.start:mention.end])
        if day and 1 <= int(day.group(1)) <= 31 and not fragment[mention.start:mention.end].strip().startswith(iso[:4]):
            return f"{iso}-{int(day.group(1)):02d}"
    return iso


def date_from_url(url: str) -> str | None:
    """The publication date an address carries in its path, as ISO.

    >>> date_from_url("https://example.org/news/2015/04/27/quake-toll/")
    '2015-04-27'
    >>> date_from_url("https://example.org/world/2010/0114/story"), date_from_url("https://example.org/a-b")
    ('2010-01-14', None)
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip())
    for match in _URL_DATE.finditer(path):
        year, month, day, packed_month, packed_day = match.groups()
        if packed_month:
            return f"{year}-{packed_month}-{packed_day}"
        if month and day:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        if month:
            return f"{year}-{int(month):02d}"
        if match.group(0)[0] == "/" and path[match.end():match.end() + 1] == "/":
            return year  # a year folder: /2005/
    return None


def _dateline(lead: str) -> str | None:
    """A date that opens one of the first lines, alone or after a place and agency."""
    for line in lead.split("\n")[:12]:
        rest = line[_DATELINE_LEAD.match(line).end():] if _DATELINE_LEAD.match(line) else line
        mentions = [m for m in find_dates(rest) if m.iso]
        if not mentions:
            continue
        first = mentions[0]
        if not rest[:first.start].strip(" \t,-–—|•·"):
            return _with_day(rest, first)
    return None


def read_article_info(text: str) -> ArticleInfo:
    """The headline, address and publication date a text states about itself.

    >>> info = read_article_info("title: Dam cost doubles\\nsource: https://x.org/2019/03/02/dam\\n\\nBody.")
    >>> info.title, info.url, info.published
    ('Dam cost doubles', 'https://x.org/2019/03/02/dam', '2019-03-02')
    >>> read_article_info("LIMA (AP) — March 3, 2021\\nThe floods killed 40.").published
    '2021-03-03'
    """
    header, body_start = _header(text)
    title = next((header[key] for key in _TITLE_KEYS if header.get(key)), None)
    url = next((header[key] for key in _URL_KEYS if header.get(key, "").startswith(("http://", "https://"))), None)
    published = next((_first_date(header[key]) for key in _DATE_KEYS if header.get(key)), None)
    lead = text[body_start:body_start + LEAD_CHARS]
    if published is None:
        for match in _DATE_LINE.finditer(lead):
            line_end = lead.find("\n", match.start())
            published = _first_date(lead[match.start():line_end if line_end >= 0 else len(lead)])
            if published:
                break
    if published is None:
        published = _dateline(lead)
    if published is None and url:
        published = date_from_url(url)
    if published is None and title:
        published = _first_date(title)
    return ArticleInfo(title=title, url=url, published=published, body_start=body_start)
