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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from styring.registry.groups import GROUPS, NYNORSK_NAMES

SUFFIXES = ("RHF", "HF", "AS", "SF")
SITE_KINDS = {"sykehus"}  # hospitals of a trust
# the level below the RHFs: trusts, jointly owned trusts, private non-profit hospitals
TRUST_KINDS = frozenset({"hf", "felleseid_hf", "privat_ideell"})
OWNER_KINDS = frozenset({"departement", "rhf"})  # the levels above the trusts


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


# Bokmål word parts of organisation names and their nynorsk forms ("Sykehusinnkjøp" →
# "Sjukehusinnkjøp", "Luftambulansetjenesten" → "Luftambulansetenesten", "Helse Sør-Øst" → "Helse
# Sør-Aust"), so a nynorsk document names the same organisations.
_NYNORSK_PARTS = [
    (re.compile(r"(?<![A-Za-zÆØÅæøå])Sykehus"), "Sjukehus"), (re.compile(r"sykehus"), "sjukehus"),
    (re.compile(r"tjeneste"), "teneste"), (re.compile(r"Tjeneste"), "Teneste"),
    (re.compile(r"apotekene\b"), "apoteka"), (re.compile(r"Sør-Øst"), "Sør-Aust"),
    (re.compile(r"-Norge\b"), "-Noreg"),
]


def nynorsk_variant(spelling: str) -> str:
    for pattern, replacement in _NYNORSK_PARTS:
        spelling = pattern.sub(replacement, spelling)
    return spelling


def spellings(org: Organisation) -> set[str]:
    """Every spelling of an organisation: name, aliases, code, each with and without its suffix,
    in bokmål and nynorsk."""
    out: set[str] = set()
    names = [" ".join(s.split()) for s in (org.name, org.code, *org.aliases)]
    for s in names + [nynorsk_variant(s) for s in names if not _is_code(s)]:
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


def _trie_regex(words: list[str]) -> str:
    """One regex for many words, as a character trie: matching costs the length of the text,
    not the number of spellings. Optional endings are greedy, so the longest spelling wins
    ("Helse Nord IKT" over "Helse Nord"), and backtrack when the boundary after them fails."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            # Words may be separated by any white space (line breaks in PDF text).
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# A name must not continue with a letter, a hyphenated part or a further name part
# ("Helse Nord" is not "Helse Nord-Trøndelag"); short all-caps codes match case-sensitively.
_BEFORE, _AFTER = r"(?<![\w-])", r"(?![\w]|-\w)"


def _is_code(spelling: str) -> bool:
    return spelling.isupper() and len(spelling) <= 6  # "FIN", "SI", "HSØ"


class Registry:
    def __init__(self, organisations: Iterable[Organisation], groups: Iterable[Group] = ()) -> None:
        self._orgs: dict[str, Organisation] = {o.code: o for o in organisations}
        self._groups: list[Group] = list(groups)
        self._group_by_name = {g.name: g for g in self._groups}
        insensitive: dict[str, str] = {}  # lower-cased spelling → code or "group:<name>"
        sensitive: dict[str, str] = {}
        # Hospitals (sites) are named by their town ("Tromsø", "Bodø"): in running text that is the
        # place, not an addressee, so only trusts and the levels above them are resolved.
        named = [org for org in self._orgs.values() if org.kind not in SITE_KINDS]
        alternatives = [(s, org.code) for org in named for s in spellings(org)]
        alternatives += [(s, code) for s, code in NYNORSK_NAMES.items() if code in self._orgs]
        alternatives += [(w, "group:" + g.name) for g in self._groups for w in g.words]
        for spelling, target in alternatives:
            spelling = " ".join(spelling.split())
            if _is_code(spelling):
                sensitive[spelling] = target
            else:
                insensitive.setdefault(spelling.lower(), target)
        self._insensitive, self._sensitive = insensitive, sensitive
        self._insensitive_re = re.compile(_BEFORE + "(?:" + _trie_regex(list(insensitive)) + ")" + _AFTER) if insensitive else None
        self._sensitive_re = re.compile(_BEFORE + "(?:" + _trie_regex(list(sensitive)) + ")" + _AFTER) if sensitive else None
        # The extractor asks about the same lines many times (headings, repeated template rows).
        self.find = lru_cache(maxsize=20000)(self._find)

    # -- lookup -----------------------------------------------------------------------------
    def get(self, code: str) -> Organisation | None:
        return self._orgs.get(code)

    def all(self) -> list[Organisation]:
        return list(self._orgs.values())

    def children(self, code: str) -> list[Organisation]:
        return [o for o in self._orgs.values() if code in o.owners]

    def sites(self, trust: str) -> list[Organisation]:
        """The hospitals of a trust."""
        return [o for o in self.children(trust) if o.kind in SITE_KINDS]

    def code_spellings(self) -> list[str]:
        """The codes and code-like aliases ("UNN", "HN IKT", "HSØ"), longest first: what a table
        cell of codes may hold."""
        return sorted(self._sensitive, key=lambda s: (-len(s), s))

    def is_trust(self, code: str) -> bool:
        """A health trust (owned by an RHF or jointly), a private non-profit hospital with an
        agreement, or a company of the trusts: the level below the RHFs."""
        org = self._orgs.get(code)
        return org is not None and org.kind in TRUST_KINDS

    def is_owner_level(self, code: str) -> bool:
        """The ministry or a regional health authority: those who own, above the trusts."""
        org = self._orgs.get(code)
        return org is not None and org.kind in OWNER_KINDS

    def ministry(self) -> list[str]:
        """The ministry that owns the RHFs (the owners of the RHFs, in the register's order)."""
        return list(dict.fromkeys(o for code in self.rhfs() for o in self._orgs[code].owners))

    def rhfs(self) -> list[str]:
        """The regional health authorities' codes, in the register's order."""
        return [o.code for o in self._orgs.values() if o.kind == "rhf"]

    def jointly_owned(self) -> list[str]:
        """The trusts the RHFs own together."""
        return [o.code for o in self._orgs.values() if o.kind == "felleseid_hf"]

    @property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """Group name → member codes (groups that mean "the addressees" are left out)."""
        return {g.name: g.members for g in self._groups if g.members is not None}

    def group_objects(self) -> list[Group]:
        return list(self._groups)

    # -- resolution --------------------------------------------------------------------------
    def _find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, target) for every name or group word in ``text``; target is a code or
        ``"group:<name>"``. Overlaps resolve to the earliest, then longest, match."""
        low = text.lower()
        if len(low) != len(text):  # a character whose lower case is longer ("İ"): keep offsets
            low = "".join(c.lower() if len(c.lower()) == 1 else "\x00" for c in text)
        found = []
        for regex, source, table in ((self._insensitive_re, low, self._insensitive), (self._sensitive_re, text, self._sensitive)):
            if regex is None:
                continue
            for m in regex.finditer(source):
                target = table.get(" ".join(m.group(0).split())) if m.end() > m.start() else None
                if target:
                    found.append((m.start(), m.end(), target))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out, last_end = [], -1
        for f in found:
            if f[0] >= last_end:
                out.append(f)
                last_end = f[1]
        return out

    def without_names(self, text: str) -> str:
        """``text`` with every organisation name and group word blanked out: what a text is
        about, not whom it names (for comparing texts by subject)."""
        out, last = [], 0
        for start, end, _ in self.find(text):
            out.append(text[last:start])
            out.append(" ")
            last = end
        out.append(text[last:])
        return "".join(out)

    def resolve(
        self, text: str, *, addressees: Sequence[str] | None = None, region: str | None = None
    ) -> list[str]:
        """Codes named in ``text`` in order of first appearance, without duplicates.

        Group words expand to their members; "helseforetakene"/"øvrige" expand to ``addressees``
        (nothing when none are given); a regional group word only counts in its ``region``.
        """
        codes: list[str] = []
        by_name = self._group_by_name
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
