"""What an article says of itself (`factcheck.article`): its headline, address and
publication date, read from the text alone, and `readers.decode_source` carrying them
onto the `Document`.

Each case is a short invented text (invented places, headlines and addresses) and the
`ArticleInfo` fields it must give. Shapes covered:
- a header block of `key: value` lines ended by a blank line (title, source/url, date);
- a line `date YYYY-MM-DD`, and lines opening "Published", "Updated", "Last modified";
- a dateline: a date alone on its line, or after an upper-case place and an agency;
- the date in the address (/2015/04/27/, /2010/0114/, /2005-11-19/);
- texts that give no publication date: a headline alone, and an ordinary sentence that
  opens with a date ("On March 3, 2020 the dam ...") which is when something happened,
  not when the text was published.
"""

from __future__ import annotations

import pytest

from factcheck.article import ArticleInfo, date_from_url, read_article_info
from factcheck.model import Document, Problem
from factcheck.readers import decode_source


def info_case(case_id, text, *, title=None, url=None, published=None, body_starts_with=None, marks=()):
    """`body_starts_with`: the text at `body_start`, past the blank line that ends the
    header block (None: there is no header block and the body starts at 0)."""
    return pytest.param(text, title, url, published, body_starts_with, id=case_id, marks=marks)


ARTICLE_INFO_CASES = [
    # --- header block -----------------------------------------------------------------
    info_case(
        "header/title-source-date",
        "title: Floods cut off Varnia valley\n"
        "source: https://news.example.org/world/varnia-floods\n"
        "date: 2019-07-15\n"
        "\n"
        "Floods cut off the Varnia valley on Monday.",
        title="Floods cut off Varnia valley", url="https://news.example.org/world/varnia-floods",
        published="2019-07-15", body_starts_with="Floods cut off the Varnia valley",
    ),
    info_case(
        "header/date-line-wins-over-date-in-url",
        "title: Floods cut off Varnia valley\n"
        "source: https://news.example.org/2019/07/14/varnia-floods\n"
        "date: 2019-07-15\n"
        "\n"
        "Body.",
        title="Floods cut off Varnia valley", url="https://news.example.org/2019/07/14/varnia-floods",
        published="2019-07-15", body_starts_with="Body.",
    ),
    info_case(
        "header/date-written-in-words",
        "title: Dam at Orsk Lake reopens\ndate: 15 July 2019\n\nThe dam reopened.",
        title="Dam at Orsk Lake reopens", published="2019-07-15", body_starts_with="The dam reopened.",
    ),
    info_case(
        "header/url-key-and-headline-key",
        "headline: Storm batters Kelmar coast\nurl: https://news.example.org/2021/11/02/kelmar-storm\n\nBody.",
        title="Storm batters Kelmar coast", url="https://news.example.org/2021/11/02/kelmar-storm",
        published="2021-11-02", body_starts_with="Body.",
    ),
    info_case(
        "header/source-that-is-no-address-is-no-url",
        "title: Storm batters Kelmar coast\nsource: Kelmar Daily Courier\ndate: 2021-11-02\n\nBody.",
        title="Storm batters Kelmar coast", url=None, published="2021-11-02", body_starts_with="Body.",
    ),
    info_case(
        "header/one-key-line-is-no-header-block",
        "title: Storm batters Kelmar coast\n\nThe storm hit on Tuesday.",
        title=None, url=None, published=None,
    ),
    # --- date lines -------------------------------------------------------------------
    info_case(
        "date-line/date-iso",
        "Floods cut off Varnia valley\ndate 2019-07-15\nThe floods cut off the valley.",
        published="2019-07-15",
    ),
    info_case(
        "date-line/published-day-month-year",
        "Floods cut off Varnia valley\nPublished 15 July 2019\nThe floods cut off the valley.",
        published="2019-07-15",
    ),
    info_case(
        "date-line/published-colon-month-day-year-with-time",
        "Floods cut off Varnia valley\nPublished: July 15, 2019 10:42 GMT\nThe floods cut off the valley.",
        published="2019-07-15",
    ),
    info_case(
        "date-line/updated",
        "Floods cut off Varnia valley\nUpdated 16 July 2019\nThe floods cut off the valley.",
        published="2019-07-16",
    ),
    info_case(
        "date-line/last-modified",
        "Floods cut off Varnia valley\nLast modified: 2019-07-16\nThe floods cut off the valley.",
        published="2019-07-16",
    ),
    info_case(
        "date-line/page-last-updated-with-clock-and-weekday",
        "Page last updated at 14:02 GMT, Friday, 3 March 2017\nThe floods cut off the valley.",
        published="2017-03-03",
    ),
    # --- datelines --------------------------------------------------------------------
    info_case(
        "dateline/weekday-date-alone-on-its-line",
        "Dam bursts above Orsk\nTuesday, 3 March 2020\nThe dam above Orsk burst at dawn.",
        published="2020-03-03",
    ),
    info_case(
        "dateline/place-agency-em-dash-date",
        "LIMA (AP) — March 3, 2021 The floods killed 40 people in the hills.",
        published="2021-03-03",
    ),
    info_case(
        "dateline/place-agency-hyphen-day-month-year",
        "ORVANO (Reuters) - 3 March 2021 - The floods killed 40 people in the hills.",
        published="2021-03-03",
    ),
    # --- dates in the address ---------------------------------------------------------
    info_case(
        "url/year-month-day-folders",
        "title: Quake shakes Tarvena\nsource: https://news.example.org/2015/04/27/tarvena-quake/\n\nBody.",
        title="Quake shakes Tarvena", url="https://news.example.org/2015/04/27/tarvena-quake/",
        published="2015-04-27", body_starts_with="Body.",
    ),
    info_case(
        "url/year-and-packed-month-day",
        "title: Quake shakes Tarvena\nsource: https://news.example.org/world/2010/0114/tarvena\n\nBody.",
        title="Quake shakes Tarvena", url="https://news.example.org/world/2010/0114/tarvena",
        published="2010-01-14", body_starts_with="Body.",
    ),
    info_case(
        "url/iso-date-folder",
        "title: Quake shakes Tarvena\nurl: https://news.example.org/2005-11-19/tarvena\n\nBody.",
        title="Quake shakes Tarvena", url="https://news.example.org/2005-11-19/tarvena",
        published="2005-11-19", body_starts_with="Body.",
    ),
    # --- no publication date ----------------------------------------------------------
    info_case(
        "none/headline-only",
        "Floods kill 40 in Varnia valley",
        published=None,
    ),
    info_case(
        "none/sentence-opening-with-on-date-is-what-happened",
        "On March 3, 2020 the dam above Orsk burst and killed 40 people.",
        published=None,
    ),
    info_case(
        "none/on-date-sentence-after-headline-is-what-happened",
        "Dam bursts above Orsk\n\nOn March 3, 2020 the dam above Orsk burst and killed 40 people.",
        published=None,
    ),
    info_case(
        "none/on-date-sentence-after-header-block-without-date",
        "title: Dam bursts above Orsk\nsource: https://news.example.org/world/orsk-dam\n\n"
        "On March 3, 2020 the dam above Orsk burst and killed 40 people.",
        title="Dam bursts above Orsk", url="https://news.example.org/world/orsk-dam", published=None,
        body_starts_with="On March 3, 2020",
    ),
]


@pytest.mark.parametrize(("text", "title", "url", "published", "body_starts_with"), ARTICLE_INFO_CASES)
def test_read_article_info(text, title, url, published, body_starts_with):
    info = read_article_info(text)
    assert isinstance(info, ArticleInfo)
    assert (info.title, info.url, info.published) == (title, url, published)
    if body_starts_with is None:
        assert info.body_start == 0
    else:
        # the body is what follows the header block (the blank line that ends it aside)
        body = text[info.body_start:]
        assert body.lstrip("\n").startswith(body_starts_with), repr(body)


URL_CASES = [
    pytest.param("https://news.example.org/2015/04/27/tarvena-quake/", "2015-04-27", id="year-month-day-folders"),
    pytest.param("https://news.example.org/2015/4/7/tarvena-quake", "2015-04-07", id="unpadded-month-day"),
    pytest.param("https://news.example.org/world/2010/0114/tarvena", "2010-01-14", id="packed-month-day"),
    pytest.param("https://news.example.org/2005-11-19/tarvena", "2005-11-19", id="iso-date-folder"),
    pytest.param("https://news.example.org/story-2015-04-27.html", "2015-04-27", id="iso-date-in-file-name"),
    pytest.param("https://news.example.org/2022/01/tarvena", "2022-01", id="year-month-folders"),
    pytest.param("https://news.example.org/world/tarvena-quake", None, id="no-date"),
    pytest.param("https://news.example.org/a/1234567/b", None, id="article-number-is-no-date"),
    pytest.param("https://news.example.org/world/quake-of-2015-report", None, id="year-inside-a-slug-is-no-date"),
    pytest.param("https://news.example.org/archive/2005/", "2005", id="year-folder-alone"),
    pytest.param("https://news.example.org/2015/tarvena-quake", "2015", id="year-folder-then-slug"),
]


@pytest.mark.parametrize(("url", "published"), URL_CASES)
def test_date_from_url(url, published):
    assert date_from_url(url) == published


DECODE_CASES = [
    pytest.param(
        b"title: Floods cut off Varnia valley\r\nsource: https://news.example.org/2019/07/14/varnia\r\n\r\n"
        b"The floods killed 40 people.",
        "Floods cut off Varnia valley", "https://news.example.org/2019/07/14/varnia", "2019-07-14",
        id="header-block-with-crlf-and-date-in-url",
    ),
    pytest.param(
        b"Floods cut off Varnia valley\nPublished 15 July 2019\nThe floods killed 40 people.",
        None, None, "2019-07-15", id="published-line-no-header",
    ),
    pytest.param(b"The floods killed 40 people in the Varnia valley.", None, None, None, id="plain-text-nothing"),
]


@pytest.mark.parametrize(("data", "title", "url", "published"), DECODE_CASES)
def test_decode_source_fills_document_metadata(data, title, url, published):
    document = decode_source(data, "a.txt")
    assert isinstance(document, Document), document
    assert (document.title, document.url, document.published) == (title, url, published)


def test_decode_source_problem_carries_no_metadata():
    assert isinstance(decode_source(b"", "empty.txt"), Problem)
