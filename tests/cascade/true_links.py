"""The true cascade links of seed 001 (Helse Nord's Styringskrav og rammer 2024), made by hand.

Each pair is (trust requirement number, HOD assignment number): Helse Nord's document repeats
HOD's assignments to Helse Nord as its 100-series and gives the trusts numbered requirements
(1–45). A requirement is linked to an assignment when the trusts' report on it is what Helse
Nord RHF needs to answer HOD on the assignment: the same task passed down (the same or nearly
the same wording, or the same concrete object: the same service, capacity, centre or unit),
including the trusts' share of it. Requirements on the same broad theme whose answer would not
answer the assignment are not links.

Borderline, decided as links: 4 ↔ 100 (the trusts raise day-and-night capacity in mental health
care; Helse Nord reports that capacity against need), 9 ↔ 108 (intensive care capacity raised;
Helse Nord reports it), 10 ↔ 114 (UNN hosts NSE, whose mandate and funding Helse Nord answers
for), 7 ↔ 107 (AI in radiology is Helse Nord's use of AI that frees staff time), 14 ↔ 119 (the
IA programme is the trusts' sick-leave work), 39 ↔ 153 (the boards' plans for every Riksrevisjon
report include its report on IT systems).
Borderline, decided as not links: 6 ↔ 124 (monitoring the maternity service is not the
guideline on midwife presence), 12 ↔ 117 (Tørn promotes task sharing, but 117 asks for a way of
working, not a programme; 12 carries out 118), 20 ↔ 115 (new LIS1 posts are not the survey of
future specialists), 33 ↔ 128 (information security status is not the protection against
attacks that 30 repeats), 37 ↔ 134 (category management is not named as benefits realisation),
38 ↔ 149 (area plans are not project management), 42 ↔ 154 (43 repeats 154; 42 is general).
"""
from __future__ import annotations

TRUE_LINKS = frozenset({
    ("1", "104"), ("4", "100"), ("7", "107"), ("8", "113"), ("9", "108"), ("10", "114"), ("12", "118"),
    ("14", "119"), ("17", "120"), ("26", "125"), ("27", "121"), ("30", "128"), ("36", "136"), ("39", "153"),
    ("43", "154"), ("44", "155"),
})


def is_trust_requirement(ref: str) -> bool:
    """The trusts' numbered requirements (1–45) are what the list covers; the 100-series are HOD's."""
    return ref.isdigit() and int(ref) < 100


def precision_recall(pairs: set[tuple[str, str]]) -> tuple[float, float, set, frozenset]:
    """(precision, recall, false links, missed links) of suggested (requirement, assignment) pairs,
    counting only suggestions for the trusts' numbered requirements to a 100-series assignment."""
    measured = {(c, p) for c, p in pairs if is_trust_requirement(c) and p.isdigit() and int(p) >= 100}
    right = measured & TRUE_LINKS
    precision = len(right) / len(measured) if measured else 0.0
    return precision, len(right) / len(TRUE_LINKS), measured - TRUE_LINKS, TRUE_LINKS - right
