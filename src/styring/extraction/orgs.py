"""A fast organisation finder over the shared registry.

``Registry.find`` tries every spelling at every position (one big case-insensitive alternation),
which costs about a millisecond per call; the extractor makes thousands of calls. This finder
compiles the same spellings into a character trie (lower-cased, plus a case-sensitive trie for
short upper-case codes such as "FIN" and "SI") and caches results. Matches and their targets are
the same as ``Registry.find``/``Registry.resolve``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from styring.registry import Registry, _spellings  # noqa: PLC2701 - same spellings as the registry


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


# Nynorsk spellings of names whose registry entries are bokmål only (extraction-local, so the
# shared registry and the database groups stay as they are).
EXTRA_SPELLINGS = {
    "Helse Sør-Aust": "HSO", "Helse Sør-Aust RHF": "HSO", "Helse Midt-Noreg": "HMN", "Helse Midt-Noreg RHF": "HMN",
    "Universitetssjukehuset Nord-Noreg": "UNN", "Universitetssjukehuset Nord-Noreg HF": "UNN",
    "Oslo universitetssjukehus": "OUS", "Oslo universitetssjukehus HF": "OUS",
    "Helse- og omsorgsdepartementet": "HOD",
}


class OrgFinder:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.groups = {g.name: g for g in registry.group_objects()}
        insensitive: dict[str, str] = {}
        sensitive: dict[str, str] = {}
        for org in registry.all():
            for s in _spellings(org):
                if s.isupper() and len(s) <= 6:
                    sensitive[s] = org.code
                else:
                    insensitive.setdefault(s.lower(), org.code)
        for spelling, code in EXTRA_SPELLINGS.items():
            if registry.get(code) is not None:
                insensitive.setdefault(spelling.lower(), code)
        for g in registry.group_objects():
            for w in g.words:
                w = " ".join(w.split())
                if w.isupper() and len(w) <= 6:
                    sensitive[w] = "group:" + g.name
                else:
                    insensitive.setdefault(w.lower(), "group:" + g.name)
        self._ins = insensitive
        self._sen = sensitive
        b, a = r"(?<![\w-])", r"(?![\w]|-\w)"
        self._ins_re = re.compile(b + "(?:" + _trie_regex(list(insensitive)) + ")" + a)
        self._sen_re = re.compile(b + "(?:" + _trie_regex(list(sensitive)) + ")" + a) if sensitive else None
        self.find = lru_cache(maxsize=20000)(self._find)  # type: ignore[method-assign]

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        low = text.lower()
        if len(low) != len(text):
            return self.registry.find(text)
        found = []
        for m in self._ins_re.finditer(low):
            if m.end() > m.start():
                key = " ".join(m.group(0).split())
                target = self._ins.get(key)
                if target:
                    found.append((m.start(), m.end(), target))
        if self._sen_re is not None:
            for m in self._sen_re.finditer(text):
                if m.end() > m.start():
                    target = self._sen.get(" ".join(m.group(0).split()))
                    if target:
                        found.append((m.start(), m.end(), target))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out = []
        last_end = -1
        for f in found:
            if f[0] >= last_end:
                out.append(f)
                last_end = f[1]
        return out

    def resolve(self, text: str, *, addressees=None, region=None) -> list[str]:
        codes: list[str] = []
        for _, _, target in self.find(text):
            if target.startswith("group:"):
                group = self.groups[target[6:]]
                if group.region and group.region != region:
                    continue
                members = group.members if group.members is not None else tuple(addressees or ())
            else:
                members = (target,)
            for code in members:
                if code not in codes:
                    codes.append(code)
        return codes

    def get(self, code: str):
        return self.registry.get(code)

    def all(self):
        return self.registry.all()

    def children(self, code: str):
        return self.registry.children(code)


@lru_cache(maxsize=1)
def load_finder() -> OrgFinder:
    from styring.registry import load_registry

    return OrgFinder(load_registry())
