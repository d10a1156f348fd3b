"""Norwegian words found as Norwegians write them: a part finds its compound, nynorsk and inflected
forms find bokmål, an abbreviation finds its long form; and over seed 001 imported, the query set
(``seed_001_queries.json``) finds at least 90 % of the items each query must find."""
from __future__ import annotations

import pytest

from styring.search.query import search

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "sick": "Foretakene skal redusere sykefraværet med minimum 5 prosent årlig.",
    "apprentices": "Andel helsefagarbeidere skal være minimum 5 prosent av totalt antall årsverk.",
    "tsb": "Gjennomsnittlig ventetid innen tverrfaglig spesialisert rusbehandling skal reduseres.",
    "other": "Helseforetakene skal etablere monitorering av fødetilbudet.",
}


@pytest.fixture
def items(orgs, make_user):
    from styring.documents.models import SteeringDocument
    from styring.requirements.models import Item

    doc = SteeringDocument.objects.create(title="Styringskrav 2024", year=2024, status="confirmed",
                                          text="\n\n".join(TEXTS.values()))
    doc.issuers.add(orgs["HN"])
    made = {}
    for n, (name, text) in enumerate(TEXTS.items()):
        made[name] = Item.objects.create(document=doc, ref=str(n + 1), kind="assignment", text=text, confirmed=True)
        made[name].recipients.add(orgs["UNN"])
    return {name: item.pk for name, item in made.items()}


def _items(user, q):
    return {h.id for h in search(user, q) if h.type == "item"}


@pytest.mark.parametrize(("query", "wanted"), [
    ("fravær", "sick"),  # a part of a compound
    ("sjukefråvær", "sick"),  # nynorsk
    ("sykefravær", "sick"),  # the indefinite form of the definite in the text
    ("helsefagarbeidar", "apprentices"),  # nynorsk singular of a bokmål plural
    ("helsefagarbeider", "apprentices"),
    ("fagarbeidarar", "apprentices"),  # a compound's tail, nynorsk plural
    ("TSB", "tsb"),  # an abbreviation of the long form in the text
    ("tilbod", "other"),  # a nynorsk compound part
])
def test_norwegian_forms_find_the_item(items, make_user, query, wanted):
    user = make_user("HN", "owner_staff")
    assert _items(user, query) == {items[wanted]}


def test_the_hit_marks_the_compound_that_holds_the_word(items, make_user):
    hit = next(h for h in search(make_user("HN", "owner_staff"), "fravær") if h.type == "item")
    assert "<mark>sykefraværet</mark>" in hit.snippet


@pytest.mark.shared
def test_the_query_set_over_seed_001_finds_nine_in_ten(shared_dir, orgs, make_user, settings, tmp_path):
    from styring.documents.services import import_document
    from tests.search.query_set import evaluate, queries

    settings.MEDIA_ROOT = tmp_path / "media"
    owner = make_user("HN", "owner_staff")
    document = import_document(sorted((shared_dir / "seeds").glob("001_*.txt"))[0], issuer_codes=["HN"], year=2024,
                               user=owner)
    assert len(queries()) >= 60
    quality = evaluate(owner, document)
    print(f"\nsøk, spørresett seed 001: {quality.queries} spørringer, treffsikkerhet (recall) {quality.recall:.3f}, "
          f"presisjon {quality.precision:.3f}")
    assert quality.recall >= 0.9, quality.misses
