"""The organisation registry as plain Python (no Django): codes, names, owners, aliases, groups.

The Django app ``styring.organisations`` loads this into the database; the extractor uses it
directly to turn names in running Norwegian text into codes::

    reg = load_registry()
    reg.resolve("Oslo Universitetssykehus HF og UNN HF")   # ['OUS', 'UNN']
    reg.resolve("de regionale helseforetakene")            # ['HN', 'HMN', 'HV', 'HSO']
    reg.resolve("helseforetakene", addressees=["UNN"])     # ['UNN']
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from collections.abc import Iterable, Sequence

from styring.registry.groups import GROUPS

SUFFIXES = ("RHF", "HF", "AS", "SF")


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    kind: str
    owners: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    name: str
    words: tuple[str, ...]
    members: tuple[str, ...] | None  # None: the document's addressees
    region: str | None  # the words mean this group only in documents from this organisation


def _spellings(org: Organisation) -> set[str]:
    """Every spelling of an organisation: name, aliases, code, each with and without its suffix."""
    out: set[str] = set()
    for s in (org.name, org.code, *org.aliases):
        s = " ".join(s.split())
        if not s:
            continue
        out.add(s)
        parts = s.rsplit(" ", 1)
        if len(parts) == 2 and parts[1] in SUFFIXES:
            out.add(parts[0])
        else:
            for suffix in ("HF",) if org.kind in {"hf", "felleseid_hf"} else ("RHF",) if org.kind == "rhf" else ():
                out.add(f"{s} {suffix}")
    return out


def _pattern(spelling: str) -> str:
    # Words may be separated by any white space (line breaks in PDF text); hyphens keep their
    # place. A name must not continue with a letter, a hyphenated part or a further name part
    # ("Helse Nord" is not "Helse Nord-Trøndelag" nor "Helse Nord IKT").
    words = [re.escape(w) for w in spelling.split()]
    return r"\s+".join(words)


class Registry:
    def __init__(self, organisations: Iterable[Organisation], groups: Iterable[Group] = ()):
        self._orgs: dict[str, Organisation] = {o.code: o for o in organisations}
        self._groups: list[Group] = list(groups)
        alternatives: list[tuple[str, str]] = []  # (spelling, code or "group:<name>")
        for org in self._orgs.values():
            for s in _spellings(org):
                alternatives.append((s, org.code))
        for group in self._groups:
            for w in group.words:
                alternatives.append((w, "group:" + group.name))
        # Longest first, so the regex prefers "Helse Nord IKT" over "Helse Nord".
        alternatives.sort(key=lambda a: -len(a[0]))
        self._targets: dict[str, str] = {}
        parts = []
        for i, (spelling, target) in enumerate(alternatives):
            key = f"a{i}"
            self._targets[key] = target
            case_sensitive = spelling.isupper() and len(spelling) <= 6  # codes: "FIN", "SI", "HSØ"
            pat = _pattern(spelling)
            parts.append(f"(?P<{key}>{pat})" if case_sensitive else f"(?P<{key}>(?i:{pat}))")
        self._regex = re.compile(
            r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w]|-\w)" if parts else r"(?!x)x"
        )

    # -- lookup -----------------------------------------------------------------------------
    def get(self, code: str) -> Organisation | None:
        return self._orgs.get(code)

    def all(self) -> list[Organisation]:
        return list(self._orgs.values())

    def children(self, code: str) -> list[Organisation]:
        return [o for o in self._orgs.values() if code in o.owners]

    @property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """Group name → member codes (groups that mean "the addressees" are left out)."""
        return {g.name: g.members for g in self._groups if g.members is not None}

    def group_objects(self) -> list[Group]:
        return list(self._groups)

    # -- resolution --------------------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, target) for every name or group word in ``text``; target is a code or
        ``"group:<name>"``."""
        found = []
        for m in self._regex.finditer(text):
            found.append((m.start(), m.end(), self._targets[m.lastgroup]))
        return found

    def resolve(
        self, text: str, *, addressees: Sequence[str] | None = None, region: str | None = None
    ) -> list[str]:
        """Codes named in ``text`` in order of first appearance, without duplicates.

        Group words expand to their members; "helseforetakene"/"øvrige" expand to ``addressees``
        (nothing when none are given); a regional group word only counts in its ``region``.
        """
        codes: list[str] = []
        by_name = {g.name: g for g in self._groups}
        for _, _, target in self.find(text):
            if target.startswith("group:"):
                group = by_name[target[6:]]
                if group.region and group.region != region:
                    continue
                members = group.members if group.members is not None else tuple(addressees or ())
            else:
                members = (target,)
            for code in members:
                if code not in codes:
                    codes.append(code)
        return codes


def _read_csv() -> list[Organisation]:
    text = resources.files("styring.registry").joinpath("organisations.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return [
        Organisation(
            code=r["code"].strip(),
            name=r["name"].strip(),
            kind=r["kind"].strip(),
            owners=tuple(c for c in r["owners"].split(";") if c),
            aliases=tuple(a.strip() for a in r["aliases"].split(";") if a.strip()),
        )
        for r in rows
    ]


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The registry shipped with Styring (``organisations.csv`` and the group words)."""
    groups = [Group(name, words, members, region) for name, (words, members, region) in GROUPS.items()]
    return Registry(_read_csv(), groups)
