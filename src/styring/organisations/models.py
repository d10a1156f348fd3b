"""The register of organisations: HOD, the RHFs, their trusts and hospitals, jointly owned trusts, directorates."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from simple_history.models import HistoricalRecords

from styring import registry


class Organisation(models.Model):
    class Kind(models.TextChoices):
        DEPARTEMENT = "departement", "Departement"
        RHF = "rhf", "Regionalt helseforetak"
        HF = "hf", "Helseforetak"
        FELLESEID_HF = "felleseid_hf", "Felleseid helseforetak"
        PRIVAT_IDEELL = "privat_ideell", "Privat ideelt sykehus"
        AS = "as", "Aksjeselskap"
        ETAT = "etat", "Etat/direktorat"
        SF = "sf", "Statsforetak"
        SYKEHUS = "sykehus", "Sykehus"

    class Language(models.TextChoices):
        NB = "nb", "Bokmål"
        NN = "nn", "Nynorsk"

    code = models.CharField("kode", max_length=16, unique=True)
    name = models.CharField("offisielt navn", max_length=200)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    owners = models.ManyToManyField(
        "self", symmetrical=False, related_name="owned", blank=True, verbose_name="eiere"
    )
    aliases = models.JSONField("alias", default=list, blank=True, help_text="Skrivemåter som brukes i dokumenter.")
    preferred_language = models.CharField(
        "målform for rapporter", max_length=2, choices=Language.choices, default=Language.NB
    )
    active = models.BooleanField("aktiv", default=True)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["code"]
        verbose_name = "organisasjon"
        verbose_name_plural = "organisasjoner"

    def __str__(self) -> str:
        return self.name

    # What a trust is, for every page, export and count: the register's kinds, as the extractor has it.
    TRUST_KINDS = registry.TRUST_KINDS

    @property
    def is_trust(self) -> bool:
        """A health trust, a jointly owned trust or a private non-profit hospital: the level below the RHFs."""
        return self.kind in self.TRUST_KINDS

    @property
    def is_site(self) -> bool:
        """A hospital of a trust (it reports indicator values, not reports)."""
        return self.kind == self.Kind.SYKEHUS

    @property
    def is_jointly_owned(self) -> bool:
        return self.kind == self.Kind.FELLESEID_HF

    @classmethod
    def by_spelling(cls) -> dict[str, int]:
        """Every way a person or a file may name an organisation → its id: the code, the official
        name and the aliases, with and without «HF»/«RHF», in bokmål and nynorsk, case and spacing
        ignored (``spelling_key``). A spelling two organisations share names neither."""
        found: dict[str, int] = {}
        shared: set[str] = set()
        for pk, code, name, kind, aliases in cls.objects.values_list("pk", "code", "name", "kind", "aliases"):
            org = registry.Organisation(code=code, name=name, kind=kind, aliases=tuple(aliases or ()))
            for spelling in registry.spellings(org):
                key = spelling_key(spelling)
                if found.setdefault(key, pk) != pk:
                    shared.add(key)
        for key in shared:
            del found[key]
        return found

    def descendant_ids(self) -> set[int]:
        """Ids of every organisation this one owns, directly or through others (not itself)."""
        return descendants_of([self.pk])

    def ancestor_ids(self) -> set[int]:
        """Ids of every organisation that owns this one, directly or through others (not itself)."""
        return ownership_closure([self.pk], upward=True)


def ownership_tree() -> list[dict]:
    """Nested ``{"org", "children"}`` from the organisations nobody owns down; a jointly owned
    trust appears under each of its owners."""
    orgs = {o.pk: o for o in Organisation.objects.filter(active=True)}
    children: dict[int, list[Organisation]] = {}
    owned: set[int] = set()
    for child_id, owner_id in Organisation.owners.through.objects.values_list(
        "from_organisation_id", "to_organisation_id"
    ):
        if child_id in orgs and owner_id in orgs:
            children.setdefault(owner_id, []).append(orgs[child_id])
            owned.add(child_id)
    kind_order = {k: i for i, k in enumerate(["rhf", "hf", "privat_ideell", "as", "felleseid_hf", "sf", "etat", "sykehus"])}

    def build(org: Organisation, path: frozenset[int]) -> dict:
        kids = sorted(children.get(org.pk, []), key=lambda o: (kind_order.get(o.kind, 99), o.name))
        return {"org": org, "children": [build(k, path | {k.pk}) for k in kids if k.pk not in path]}

    roots = sorted((o for pk, o in orgs.items() if pk not in owned), key=lambda o: (o.kind != "departement", o.name))
    return [build(r, frozenset({r.pk})) for r in roots]


def spelling_key(text: str) -> str:
    """How ``Organisation.by_spelling`` compares names: lower case, single spaces."""
    return " ".join(str(text).split()).casefold()


def ownership_closure(roots: Iterable[int], *, upward: bool = False) -> set[int]:
    """Transitive closure of ownership from ``roots``: owned organisations, or owners when ``upward``.

    One query for all edges, then a walk in memory; the roots themselves are not included.
    """
    edges = Organisation.owners.through.objects.values_list("from_organisation_id", "to_organisation_id")
    step: dict[int, set[int]] = {}
    for child, owner in edges:
        if upward:
            step.setdefault(child, set()).add(owner)
        else:
            step.setdefault(owner, set()).add(child)
    roots = set(roots)
    found: set[int] = set()
    frontier = list(roots)
    while frontier:
        reached = {n for oid in frontier for n in step.get(oid, ())} - found
        found |= reached
        frontier = list(reached)
    return found - roots


def descendants_of(roots: Iterable[int]) -> set[int]:
    """Every organisation owned, directly or transitively, by one of ``roots``."""
    return ownership_closure(roots)


class OrganisationGroup(models.Model):
    """A group word the documents use, e.g. "sykehusforetakene" in Helse Nord = FIN, UNN, NLSH, HSYK."""

    name = models.CharField("navn", max_length=100, unique=True)
    words = models.JSONField("ord i dokumentene", default=list, help_text="Bokmål og nynorsk skrivemåter.")
    region = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name="gjelder i dokumenter fra", help_text="Tom: gjelder i alle dokumenter.",
    )
    members = models.ManyToManyField(Organisation, related_name="groups", verbose_name="medlemmer")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        verbose_name = "gruppe"
        verbose_name_plural = "grupper"

    def __str__(self) -> str:
        return self.name
