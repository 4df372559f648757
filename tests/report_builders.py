"""Build a `RunResult` by hand for the writers' tests, so a writer is tested on exactly
the claims, facts and findings a case needs, whatever the extractor makes of a text.

Every place, figure and sentence here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model import (
    Cause,
    Claim,
    ClaimKind,
    Consensus,
    Document,
    Fact,
    FactMember,
    Finding,
    Qualifier,
    Relation,
    Review,
    ReviewKey,
    ReviewSide,
    RunResult,
    Severity,
    Verdict,
)


def make_claim(claim_id: str, source: str, text: str, value: float, sentence: str, *, line: int = 1,
               qualifier: Qualifier = Qualifier.EXACT, unit: str | None = "people", as_of: str | None = None,
               event: str | None = None, event_label: str | None = None, facets: tuple[str, ...] = (),
               start: int = 0, measured: str = "people killed") -> Claim:
    low = None if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST) else value
    high = None if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST) else value
    return Claim(id=claim_id, source=source, start=start, end=start + len(text), line=line, column=1, text=text,
                 sentence=sentence, kind=ClaimKind.QUANTITY, value=value, unit=unit, dimension="count",
                 qualifier=qualifier, low=low, high=high, precision=1.0, measured=measured, as_of=as_of,
                 event=event, event_label=event_label, facets=facets)


def make_review(a: Claim, b: Claim, verdict: Verdict, note: str | None = None, reviewer: str | None = None,
                date: str | None = None) -> tuple[ReviewKey, Review]:
    sides = [ReviewSide(c.source, c.value, c.unit, c.qualifier.value) for c in (a, b)]
    key = ReviewKey.of(a.measured, (), *sides)
    return key, Review(key=key, verdict=verdict, note=note, reviewer=reviewer, date=date)


@dataclass
class Builder:
    """Collects documents, claims, facts and findings, then gives the `RunResult`."""

    documents: dict[str, str] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def document(self, source: str, text: str) -> None:
        self.documents[source] = text

    def claim(self, *args, **kwargs) -> Claim:
        claim = make_claim(*args, **kwargs)
        self.claims.append(claim)
        return claim

    def fact(self, fact_id: str, label: str, claims: list[Claim], verdict: Relation, *,
             consensus: Consensus | None = None, unit: str | None = "people") -> Fact:
        fact = Fact(id=fact_id, label=label, dimension="count", unit=unit,
                    members=tuple(FactMember(c.id, 100.0, "test") for c in claims), verdict=verdict,
                    consensus=consensus)
        self.facts.append(fact)
        return fact

    def finding(self, finding_id: str, fact: Fact, a: Claim, b: Claim, relation: Relation,
                severity: Severity = Severity.NONE, *, cause: Cause | None = None, note: str = "",
                review: tuple[ReviewKey, Review] | None = None) -> Finding:
        difference = abs(a.value - b.value)
        finding = Finding(id=finding_id, fact=fact.id, claims=(a.id, b.id), relation=relation,
                          difference=difference, relative_difference=round(difference / max(a.value, b.value), 4),
                          severity=severity, note=note, review_key=review[0] if review else None,
                          review=review[1] if review else None, cause=cause)
        self.findings.append(finding)
        return finding

    def result(self) -> RunResult:
        sources = sorted({c.source for c in self.claims} | set(self.documents))
        documents = tuple(Document(s, self.documents.get(s, ""), f"sha-{s}") for s in sources)
        fact_of = {claim_id: fact.id for fact in self.facts for claim_id in fact.claim_ids}
        findings = sorted(self.findings, key=lambda f: (-f.severity.rank, -f.relation.rank,
                                                        -f.relative_difference, f.id))
        return RunResult(documents=documents, claims=tuple(self.claims), facts=tuple(self.facts),
                         findings=tuple(findings), fact_of=fact_of)


def flood_result() -> RunResult:
    """Three invented sources on an invented flood: one fact with three claims and two
    conflicting pairs (framed in an event), one rounded bridge length (no event), and one
    fact all sources agree on."""
    build = Builder()
    river = "The Marrow Vale flood of 2031 killed 41 people, the river desk said."
    bulletin = "Relief teams counted 58 dead across the valley after the 2031 flood."
    wire = "About 40 died when the Marrow burst its banks in 2031; the new 1,200-metre bridge held."
    build.document("river-desk.txt", river)
    build.document("aid-bulletin.md", bulletin)
    build.document("evening-wire.txt", wire)
    event = {"event": "e-marrow-2031", "event_label": "Marrow Vale flood 2031"}
    c41 = build.claim("c41", "river-desk.txt", "41", 41, river, line=3, as_of="2031-05", **event)
    c58 = build.claim("c58", "aid-bulletin.md", "58", 58, bulletin, line=7, as_of="2031-06", **event)
    c40 = build.claim("c40", "evening-wire.txt", "About 40", 40, wire, line=2, qualifier=Qualifier.APPROX, **event)
    killed = build.fact("f-killed", "people killed, 2031", [c41, c58, c40], Relation.CONFLICT,
                        consensus=Consensus(41, 40, 58, ("aid-bulletin.md", "evening-wire.txt", "river-desk.txt"),
                                            supporting=("evening-wire.txt", "river-desk.txt"), outliers=("c58",)))
    build.finding("x-41-58", killed, c41, c58, Relation.CONFLICT, Severity.HIGH, cause=Cause.TIME,
                  note="different as_of",
                  review=make_review(c41, c58, Verdict.OUTDATED, "the bulletin counted later", "mo", "2031-07-01"))
    build.finding("x-40-58", killed, c40, c58, Relation.CONFLICT, Severity.HIGH, cause=Cause.UNEXPLAINED)
    build.finding("x-40-41", killed, c40, c41, Relation.COMPATIBLE)

    bridge_a = build.claim("c1200", "evening-wire.txt", "1,200-metre", 1200, wire, line=2, unit="m",
                           measured="bridge length")
    bridge_b = build.claim("c1187", "river-desk.txt", "1,187 metres", 1187,
                           "The bridge, 1,187 metres long, opened in 2029.", line=9, unit="m",
                           measured="bridge length")
    bridge = build.fact("f-bridge", "bridge length", [bridge_a, bridge_b], Relation.ROUNDING, unit="m",
                        consensus=Consensus(1193.5, 1187, 1200, ("evening-wire.txt", "river-desk.txt"),
                                            supporting=("evening-wire.txt", "river-desk.txt")))
    build.finding("x-bridge", bridge, bridge_a, bridge_b, Relation.ROUNDING, Severity.LOW, cause=Cause.ROUNDING,
                  note="1200 is 1187 rounded to the nearest 100")

    shelters = [build.claim(f"c-shelter-{i}", source, "12", 12, "Twelve shelters... 12 shelters opened.", line=20,
                            unit="shelter", measured="shelters opened")
                for i, source in enumerate(("aid-bulletin.md", "river-desk.txt"))]
    agreed = build.fact("f-shelters", "shelters opened", shelters, Relation.AGREE, unit="shelter",
                        consensus=Consensus(12, 12, 12, ("aid-bulletin.md", "river-desk.txt"),
                                            supporting=("aid-bulletin.md", "river-desk.txt")))
    build.finding("x-shelters", agreed, *shelters, Relation.AGREE)
    return build.result()
