"""Sources as people keep them: the same invented articles saved as plain text, as web
pages with a menu, a cookie banner and related links, as PDF and as Word files give the
same facts and findings, and nothing from the page's furniture. The tests build every
file they read (fpdf2 writes the PDFs, python-docx the Word files); none is committed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from factcheck.model import ClaimKind, Document, Problem
from factcheck.pipeline import check_paths
from factcheck.readers import decode_file

# three invented reports on an invented flood: two agree on the toll, one differs
ARTICLES = [
    ("lenzby-a", "Floods hit Lenzby valley", "2024-03-04",
     ["Floods in the Lenzby valley of Tarvena killed 41 people, officials said on Monday.",
      "The water destroyed 1,200 homes and cut the main road for 35 kilometres."]),
    ("lenzby-b", "Lenzby flood toll", "2024-03-05",
     ["The floods in the Lenzby valley of Tarvena have killed 41 people, the ministry said.",
      "About 1,200 homes were destroyed, rescuers said."]),
    ("lenzby-c", "Lenzby valley floods", "2024-03-06",
     ["The Lenzby valley floods in Tarvena killed 47 people, a local charity said.",
      "Damage was put at $30 million."]),
]
# what a saved page holds around the article: every figure here must stay out of the report
MENU = "Home | World | Business | Top 10 stories | 24 hours news"
BANNER = "We use 3 kinds of cookies and share data with 812 partners. Accept all or manage 5 settings."
RELATED = ["Related: 7 ways to save water", "Related: 99 photos of the week"]


def as_text(title, date, paragraphs):
    return f"title: {title}\ndate: {date}\n\n" + "\n\n".join(paragraphs) + "\n"


def as_html(title, date, paragraphs):
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    related = "\n".join(f"<li><a href='/r{i}'>{html.escape(r)}</a></li>" for i, r in enumerate(RELATED))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | The Tarvena Courier</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<meta name="author" content="Staff reporter"></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>{html.escape(BANNER)}</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">{html.escape(MENU)}</a></li></ul></nav></header>
<main><article>
<h1>{html.escape(title)}</h1>
<time datetime="{date}">{date}</time>
{body}
</article></main>
<aside><ul>{related}</ul></aside>
<footer><p>Copyright 2024 The Tarvena Courier. 14 offices worldwide.</p></footer>
</body></html>
"""


def as_pdf(title, date, paragraphs, path: Path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_creation_date(__import__("datetime").datetime.fromisoformat(f"{date}T08:00:00+00:00"))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in [f"title: {title}", f"date: {date}", *paragraphs]:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(4)
    pdf.output(str(path))


def as_docx(title, date, paragraphs, path: Path):
    import datetime

    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = "Staff reporter"
    document.core_properties.created = datetime.datetime.fromisoformat(f"{date}T08:00:00")
    document.add_paragraph(f"title: {title}")
    document.add_paragraph(f"date: {date}")
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def build(folder: Path, kind: str) -> Path:
    folder.mkdir()
    for name, title, date, paragraphs in ARTICLES:
        if kind == "txt":
            (folder / f"{name}.txt").write_text(as_text(title, date, paragraphs), encoding="utf-8")
        elif kind == "html":
            (folder / f"{name}.html").write_text(as_html(title, date, paragraphs), encoding="utf-8")
        elif kind == "pdf":
            as_pdf(title, date, paragraphs, folder / f"{name}.pdf")
        else:
            as_docx(title, date, paragraphs, folder / f"{name}.docx")
    return folder


def summary(result):
    """Facts and findings with their figures, independent of file names and offsets."""
    claims = {claim.id: claim for claim in result.claims}

    def stem(source):
        return Path(source).stem

    facts = sorted((fact.label, fact.verdict.value,
                    tuple(sorted((stem(claims[c].source), claims[c].value) for c in fact.claim_ids)))
                   for fact in result.facts)
    findings = sorted((finding.relation.value, tuple(sorted((stem(claims[c].source), claims[c].value)
                                                           for c in finding.claims)))
                      for finding in result.findings)
    return facts, findings


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return check_paths(build(tmp_path_factory.mktemp("formats") / "txt", "txt"))


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_a_format_gives_the_facts_and_findings_of_plain_text(tmp_path, plain, kind):
    result = check_paths(build(tmp_path / kind, kind))
    assert not [p for p in result.problems], result.problems
    assert summary(result) == summary(plain)
    assert summary(plain)[1], "the plain texts give findings to compare"


def test_no_claim_comes_from_menus_banners_or_related_links(tmp_path):
    result = check_paths(build(tmp_path / "html", "html"))
    furniture = " ".join([MENU, BANNER, *RELATED, "Copyright 2024", "14 offices"])
    for claim in result.claims:
        if claim.kind is ClaimKind.QUANTITY:
            assert claim.sentence not in furniture and claim.text not in ("3", "812", "5", "7", "99", "10", "24", "14")


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_a_format_keeps_the_title_and_date(tmp_path, kind):
    folder = build(tmp_path / kind, kind)
    path = sorted(folder.iterdir())[0]
    document, warning = decode_file(path.read_bytes(), path.name)
    assert isinstance(document, Document) and warning is None
    assert document.title == "Floods hit Lenzby valley" and document.published == "2024-03-04"
    assert document.format == kind


def test_a_scanned_pdf_is_a_problem_not_an_empty_source(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page: no text layer
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    result, _ = decode_file(path.read_bytes(), "scan.pdf")
    assert isinstance(result, Problem) and result.reason.value == "no_text" and "OCR" in result.detail


@pytest.mark.parametrize(("name", "data", "reason"), [
    pytest.param("broken.pdf", b"%PDF-1.4 not really a pdf", "undecodable", id="broken-pdf"),
    pytest.param("broken.docx", b"PK\x03\x04 not a word file", "undecodable", id="broken-docx"),
    pytest.param("empty.html", b"<html><body><script>var n = 40;</script></body></html>", "no_text",
                 id="page-without-text"),
])
def test_a_damaged_file_is_a_problem_that_names_it(name, data, reason):
    result, _ = decode_file(data, name)
    assert isinstance(result, Problem) and result.source == name and result.reason.value == reason


def test_a_pdf_claim_names_its_page(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for paragraph in ("The floods in Peru killed 40 people, officials said.",
                      "Repairs to the Lenzby bridge will cost $30 million, the ministry said."):
        pdf.add_page()
        pdf.multi_cell(0, 6, paragraph)
    path = tmp_path / "two-pages.pdf"
    pdf.output(str(path))
    result = check_paths(path)
    pages = {claim.text: claim.page for claim in result.claims if claim.kind is ClaimKind.QUANTITY}
    assert pages == {"40": 1, "$30 million": 2}
    [document] = result.documents
    claim = next(c for c in result.claims if c.page == 2)
    assert document.text[claim.start:claim.end] == claim.text


def test_a_text_claim_has_no_page(plain):
    assert {claim.page for claim in plain.claims} == {None}


def test_a_word_table_gives_its_figures_the_row_and_column_headers(tmp_path):
    import docx

    document = docx.Document()  # python-docx's template: its own dates are no date of this text
    document.add_paragraph("title: Storm toll by country")
    document.add_paragraph("The storm struck Chile and Peru on 1 March 2021.")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Country", "Dead", "Missing"), ("Chile", "1,200", "310"), ("Peru", "95", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    folder = tmp_path / "docs"
    folder.mkdir()
    document.save(str(folder / "toll.docx"))
    result = check_paths(folder)
    read = {c.text: (c.topic, c.facets) for c in result.claims if c.kind is ClaimKind.QUANTITY}
    assert read == {"1,200": ("deaths", ("place:CL",)), "310": ("missing", ("place:CL",)),
                    "95": ("deaths", ("place:PE",))}
    assert result.documents[0].published is None

