"""`report.html` read back with lxml's HTML parser (what a browser builds): its sections
and rows against report.json, escaping of hostile source text, the page's Content-
Security-Policy and its own script's hash, no reference to anything outside the page,
and the same bytes from the same run. `test_browser.py` checks the page in Chromium.

Every place, figure and sentence here is invented.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import replace

import lxml.html
import pytest
from conftest import RULES_DIR, run_documents
from report_builders import Builder, flood_result, make_review
from test_markdown import HOSTILE_SENTENCES

from factcheck.model import Problem, ProblemReason, Relation, Severity, Verdict
from factcheck.report import write_report
from factcheck.report.html_report import page_context, render_html


def parse(page: str):
    return lxml.html.document_fromstring(page)


def test_sections_and_rows_match_the_facts_and_claims():
    result = flood_result()
    tree = parse(render_html(result))
    sections = tree.cssselect("section.fact")
    assert [s.get("data-fact") for s in sections] == ["f-killed", "f-bridge", "f-shelters"]  # worst first
    for section in sections:
        fact = next(f for f in result.facts if f.id == section.get("data-fact"))
        assert [r.get("data-claim") for r in section.cssselect("tr.claim")] != []
        assert sorted(r.get("data-claim") for r in section.cssselect("tr.claim")) == sorted(fact.claim_ids)
        assert len(section.cssselect("figure.plot svg")) == 1
    assert len(tree.cssselect("tr.claim")) == len(result.claims)


def test_a_fact_section_shows_consensus_verdict_and_each_claims_sentence_with_its_figure_marked():
    tree = parse(render_html(flood_result()))
    section = tree.get_element_by_id("fact-f-killed")
    assert "conflict" in section.cssselect("h3")[0].text_content()
    assert "Consensus 41 people" in " ".join(section.cssselect("p.about")[0].text_content().split())
    row = tree.get_element_by_id("claim-c58")
    assert row.cssselect("mark")[0].text_content() == "58"
    assert row.cssselect("td.sentence")[0].text_content() == "Relief teams counted 58 dead across the valley after " \
                                                              "the 2031 flood."
    # c58's pair with c40 is not reviewed yet; its pair with c41 is, as outdated
    assert row.cssselect("td.status")[0].text_content() == "open, outdated"
    assert tree.get_element_by_id("claim-c41").cssselect("td.status")[0].text_content() == "outdated"
    link = row.cssselect("td.source a")[0]
    assert (link.get("href"), link.text_content()) == (f"#{tree.cssselect('#sources tr[id]')[0].get('id')}",
                                                       "aid-bulletin.md:7")


def test_the_summary_counts_relations_causes_and_review_progress():
    summary = page_context(flood_result()).summary
    assert (summary.discrepancies, summary.reviewed, summary.open) == (3, 1, 2)
    assert summary.causes == (("rounding", 1), ("time", 1), ("unexplained", 1))
    assert {relation: total for relation, _, total in summary.by_relation} == {
        "conflict": 2, "rounding": 1, "compatible": 1, "agree": 1}


def test_rows_carry_each_of_their_pairs_facets_for_the_filters():
    tree = parse(render_html(flood_result()))
    section = tree.get_element_by_id("fact-f-killed")
    # one entry per pair: relation|cause|severity|status
    assert section.get("data-pairs") == "compatible||none|no discrepancy;conflict|time|high|outdated;" \
                                        "conflict|unexplained|high|open"
    assert tree.get_element_by_id("claim-c58").get("data-pairs") == "conflict|time|high|outdated;" \
                                                                   "conflict|unexplained|high|open"
    assert tree.get_element_by_id("finding-x-40-41").get("data-pairs") == "compatible||none|no discrepancy"
    options = {select.get("data-filter"): [o.text_content() for o in select.cssselect("option")][1:]
               for select in tree.cssselect("select[data-filter]")}
    assert options == {"relation": ["agree", "compatible", "conflict", "rounding"],
                       "cause": ["rounding", "time", "unexplained"], "severity": ["high", "low", "none"],
                       "status": ["no discrepancy", "open", "outdated"]}


def test_facts_without_a_discrepancy_follow_worst_first_too():
    build = Builder()
    claims = [build.claim(f"c{i}", f"s{i}.txt", "5", 5, "Invented.") for i in range(4)]
    build.fact("f-agree", "a agreed", claims[:2], Relation.AGREE)
    build.fact("f-compatible", "b compatible", claims[2:], Relation.COMPATIBLE)
    assert [s.id for s in page_context(build.result()).facts] == ["f-compatible", "f-agree"]


@pytest.mark.parametrize("sentence", [
    *HOSTILE_SENTENCES,
    pytest.param('30 people</td></tr></table><script>window.owned = 1</script>', id="closes-the-table"),
    pytest.param('30 people "><img src=x onerror="window.owned=1">', id="breaks-out-of-an-attribute"),
    pytest.param("30 people <svg onload=alert(1)> <!-- a comment", id="svg-and-comment"),
])
def test_source_text_is_text_never_markup(sentence):
    build = Builder()
    hostile = build.claim("h", '"><b>odd</b>.txt', "30", 30, sentence, as_of="<i>2030</i>")
    plain = build.claim("p", "plain.txt", "45", 45, "Then 45 people were hurt.")
    fact = build.fact("f", "people hurt <b>x</b>", [hostile, plain], Relation.CONFLICT)
    build.finding("x", fact, hostile, plain, Relation.CONFLICT, Severity.HIGH, note="<img src=x onerror=1>")
    tree = parse(render_html(build.result()))
    body = tree.body
    # the page's only elements are its own: no tag a source wrote
    assert not body.cssselect("img, b, i, iframe, object, embed")
    assert [s.text for s in tree.cssselect("script")] == [s.text for s in parse(render_html(flood_result()))
                                                          .cssselect("script")]
    assert not [e for e in body.iter() if isinstance(e.tag, str) and any(a.startswith("on") for a in e.attrib)]
    row = tree.get_element_by_id("claim-h")
    assert " ".join(row.cssselect("td.sentence")[0].text_content().split()) == " ".join(sentence.split())


HOSTILE = '"><img src=x onerror="window.owned=1"><script>window.owned=2</script></td>$\\alpha$'


@pytest.mark.parametrize("where", ["title", "author", "publisher", "published", "url", "reviewer", "review note",
                                   "problem detail", "fact label", "note"])
def test_hostile_text_in_any_field_shows_as_text(where):
    """Every field a source, a sidecar, a reviewer or the rules can fill reaches the page
    as text."""
    build = Builder()
    a = build.claim("a", "a.txt", "30", 30, "Then 30 people were hurt.")
    b = build.claim("b", "b.txt", "45", 45, "Then 45 people were hurt.")
    fact = build.fact("f", HOSTILE if where == "fact label" else "people hurt", [a, b], Relation.CONFLICT)
    review = make_review(a, b, Verdict.CONFIRMED, note=HOSTILE if where == "review note" else "fine",
                         reviewer=HOSTILE if where == "reviewer" else "mo", date="2031-01-01")
    build.finding("x", fact, a, b, Relation.CONFLICT, Severity.HIGH, note=HOSTILE if where == "note" else "",
                  review=review)
    result = build.result()
    document_fields = {"title": "title", "author": "author", "publisher": "publisher", "published": "published",
                       "url": "url"}
    if where in document_fields:
        result = replace(result, documents=tuple(replace(d, **{document_fields[where]: HOSTILE})
                                                 for d in result.documents))
    if where == "problem detail":
        result = replace(result, problems=(Problem("c.txt", ProblemReason.BINARY, HOSTILE),))
    tree = parse(render_html(result))
    assert not tree.body.cssselect("img, td script, section script")
    assert len(tree.cssselect("script")) == 1  # the page's own
    assert HOSTILE in tree.body.text_content()


def test_a_source_address_is_a_link_only_when_it_is_a_web_address():
    build = Builder()
    a = build.claim("a", "a.txt", "30", 30, "Then 30 people were hurt.")
    b = build.claim("b", "b.txt", "45", 45, "Then 45 people were hurt.")
    build.fact("f", "people hurt", [a, b], Relation.CONFLICT)
    result = build.result()
    addresses = {"a.txt": "javascript:alert(1)", "b.txt": "https://news.example/orvald?id=1&x=2"}
    result = replace(result, documents=tuple(replace(d, url=addresses[d.source]) for d in result.documents))
    tree = parse(render_html(result))
    links = {a.get("href") for a in tree.cssselect("a[href]") if not a.get("href").startswith("#")}
    assert links == {"https://news.example/orvald?id=1&x=2"}
    assert "javascript:alert(1)" in tree.get_element_by_id("sources").text_content()  # shown, not linked


def test_the_page_loads_nothing_and_allows_only_its_own_script():
    page = render_html(flood_result())
    tree = parse(page)
    policy = tree.cssselect('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in policy
    script = tree.cssselect("script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in policy
    assert not tree.cssselect("link, img, iframe, [src]")  # nothing fetched, not even a data: image
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and e.get("href", "#").startswith(("//", "http"))]


def test_a_run_writes_the_page_with_its_other_reports(tmp_path, rules):
    result = run_documents([("orvald.txt", "The 2031 Orvald floods killed 48 people, officials said."),
                            ("lenzby.txt", "The Orvald floods of 2031 left 61 people dead.")], rules)
    write_report(result, tmp_path, ["json", "html"])
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    tree = lxml.html.parse(str(tmp_path / "report.html")).getroot()
    assert len(tree.cssselect("section.fact")) == len(report["facts"]) >= 1
    assert len(tree.cssselect("section.fact tr.claim")) == sum(len(f["claims"]) for f in report["facts"])
    assert len(tree.cssselect("tr.claim")) == len(report["claims"])


HOSTILE_MATPLOTLIBRC = """\
text.usetex: True
savefig.bbox: tight
savefig.dpi: 200
figure.dpi: 150
font.family: serif
axes.prop_cycle: cycler('color', ['ff0000'])
"""


@pytest.mark.parametrize("environment", [
    pytest.param({"PYTHONHASHSEED": "2"}, id="another-hash-seed"),
    pytest.param({"MATPLOTLIBRC": "hostile"}, id="a-users-matplotlibrc"),
])
def test_the_page_and_plots_are_the_same_bytes_whatever_the_environment(tmp_path, environment):
    """The page and the plots come out alike under another hash seed, and whatever the
    user's matplotlibrc says (LaTeX for text, a tight bounding box, another dpi or font)."""
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a.txt").write_text("The 2031 Orvald floods killed 48 people and displaced about 3,000.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("The Orvald floods of 2031 left more than 60 people dead and 3,400 displaced.\n",
                                  encoding="utf-8")
    rc_file = tmp_path / "matplotlibrc"
    rc_file.write_text(HOSTILE_MATPLOTLIBRC, encoding="utf-8")
    outputs = []
    for name, extra in (("plain", {"PYTHONHASHSEED": "1"}), ("changed", environment)):
        out = tmp_path / f"out-{name}"
        env = {**os.environ, **{key: str(rc_file) if value == "hostile" else value for key, value in extra.items()}}
        completed = subprocess.run([sys.executable, "-c", "from factcheck.cli import main; main()", "run",
                                    str(folder), "--rules", str(RULES_DIR), "--out", str(out), "--no-progress",
                                    "--no-cache", "--format", "html,md,xlsx"],
                                   env=env, capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]
    assert any(name.startswith("plots/") for name in outputs[0])  # the discrepant fact has its plot


def test_documents_without_claims_still_give_a_page(rules):
    result = run_documents([("empty.txt", "No figure here at all.")], rules)
    tree = parse(render_html(result))
    assert not tree.cssselect("section.fact")
    assert tree.get_element_by_id("sources").cssselect("tr[id]")[0].text_content().startswith("empty.txt")
