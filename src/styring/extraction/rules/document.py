"""Document rules: year, language, who gives the document (issuer) and to whom (addressees)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from styring.extraction import lexicon as lx
from styring.extraction.layout.lines import hyphen_join
from styring.language import detect as detect_language
from styring.registry import Organisation, Registry


@dataclass
class DocInfo:
    year: int | None
    language: str
    issuer: list[str]
    addressees: list[str]
    region: str | None
    mottakere: list[str] = field(default_factory=list)
    # field → (confidence 0–1, why, in Norwegian): how sure the rules are of issuer and addressees
    notes: dict[str, tuple[float, str]] = field(default_factory=dict)


def detect_year(text: str) -> int | None:
    head = text[:6000]
    m = _TITLE_YEAR.search(head)
    if m:
        return int(m.group(1))
    m = _FOR_YEAR.search(head)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in re.findall(r"(?<![\d.,-])(20[1-4]\d)(?![\d-])", text))
    return years.most_common(1)[0][0] if years else None


_TITLE_YEAR = lx.compile(r"<<title_year>>(?:[^\n]|\n(?![ \t]*\n)){0,60}?\b(20\d\d)\b")  # a title may wrap once
_FOR_YEAR = re.compile(r"\bfor\s+(20\d\d)\b")
TITLE = lx.compile(r"(<<title>>)\b")


def _title_addressee(text: str, reg: Registry) -> tuple[str, list[Organisation]] | None:
    """``(title word, organisations)`` when the document opens with a steering-document title that
    names one organisation ("Oppdragsdokument 2024 / Helse Nord RHF", "Oppdrag og bestilling 2024
    Sykehuset Innlandet HF") or several trusts of one owner ("… / St. Olavs hospital HF og Helse
    Møre og Romsdal HF"), else None."""
    lines = [ln.strip() for ln in text[:1500].split("\n") if ln.strip()][:4]
    m = TITLE.match(lines[0]) if lines else None
    if not m:
        return None
    # a title set large wraps its list of trusts over lines: the lines after the first joined count too
    joined = [hyphen_join(" ".join(lines[1:k])) for k in range(len(lines), 2, -1)]
    for line in (*joined, *lines):
        orgs = [o for c in reg.resolve(line) if (o := reg.get(c)) is not None]
        if len(orgs) == 1 and line in lines or (len(orgs) > 1 and all(
                reg.is_trust(o.code) and o.owners and o.owners == orgs[0].owners for o in orgs)):
            return m.group(1).lower(), orgs
    return None


_PROTOCOL = lx.compile(r"^<<family_protocol>>(?![a-zæøå])")


def _protocol_of(text: str, reg: Registry) -> Organisation | None:
    """The organisation whose general meeting a protocol records ("Protokoll frå føretaksmøte i Helse
    Vest RHF"): its owners give the protocol's decisions, to it."""
    lines = [" ".join(ln.split()) for ln in text[:1500].split("\n") if ln.strip()][:3]
    if not lines or not _PROTOCOL.match(lines[0]):
        return None
    for line in lines:
        orgs = [o for c in reg.resolve(line) if (o := reg.get(c)) is not None]
        if len(orgs) == 1 and orgs[0].owners:
            return orgs[0]
    return None


def _titled_for(text: str, reg: Registry) -> tuple[list[Organisation], list[str]] | None:
    """The organisations a titled document is given to, and who gives it: an oppdragsdokument for
    an RHF comes from HOD; any of these titles for trusts comes from the trusts' owners. A title
    with an RHF's name on a document to trusts ("Styringskrav og rammer … Helse Nord RHF") names the
    giver, not the addressee, and is left to the other rules."""
    protocol = _protocol_of(text, reg)
    if protocol is not None:
        return [protocol], list(protocol.owners)
    titled = _title_addressee(text, reg)
    if titled is None:
        return None
    word, orgs = titled
    if orgs[0].kind == "rhf":
        return (orgs, list(orgs[0].owners)) if _MINISTRY_TITLE.match(word) else None
    if orgs[0].owners and reg.is_trust(orgs[0].code):
        return orgs, list(orgs[0].owners)
    return None


# Who tells whom to act: an organisation (or a group word) opening a sentence, line or bullet,
# followed by "skal", "må", "bes" … ("Helse Vest RHF skal …", "Dei regionale helseføretaka skal, …").
_OBLIGED_AFTER = lx.compile(r"\s*(?:\([^)]{0,80}\)\s*)?,?\s*<<obligation+given>>\b")
_MINISTRY_TITLE = lx.compile(r"<<ministry_title>>")
_OPENS = re.compile(r"(?:^|[.:;!?•\n\uf0b7]|\n[ \t]*)[ \t]*$")
# What only the ministry refers to as its own: the Storting's budget decisions, "departementet" as
# the one who acts, the ministry's mail address.
_MINISTRY_SIGNS = tuple(zip(lx.words("sign_names"), (lx.compile(f"<<sign_{name}>>", flags=0) for name in
                        ("parliament", "budget", "ministry", "ministry_mail", "company_meeting"))))


_LEADS_BEFORE = lx.compile(r"<<leads>>\s+$")


def obligation_subjects(text: str, reg: Registry) -> Counter[str]:
    """How often each organisation (code) or group ("group:<name>") is told to act in ``text``."""
    joined = hyphen_join(text[:80000])
    counts: Counter[str] = Counter()
    for start, end, target in reg.find(joined):
        if _OPENS.search(joined, max(0, start - 6), start) and _OBLIGED_AFTER.match(joined, end):
            counts[target] += 1
    return counts


def told_subject(text: str, reg: Registry) -> bool:
    """``text`` opens with an organisation or group told to act ("Helse Vest RHF skal …")."""
    head = hyphen_join(text[:160])
    found = reg.find(head)
    return bool(found) and found[0][0] <= 2 and bool(_OBLIGED_AFTER.match(head, found[0][1]))


def ministry_signs(text: str) -> list[str]:
    """The signs in ``text`` that the ministry is its giver (see ``_MINISTRY_SIGNS``)."""
    return [name for name, pattern in _MINISTRY_SIGNS if pattern.search(text)]


def _told_trusts(counts: Counter[str], reg: Registry) -> int:
    """How often trusts (one by name, or "helseforetakene") are told to act."""
    trust_groups = {"group:" + g.name for g in reg.group_objects()
                    if g.members is None or all(reg.is_trust(m) for m in g.members)}
    return sum(n for c, n in counts.items() if c in trust_groups or reg.is_trust(c))


def _addressed_rhf(text: str, reg: Registry) -> str | None:
    """The one RHF a document without a title speaks to: the RHF most often told to act, when it is
    told so at least twice and more often than the trusts are."""
    counts = obligation_subjects(text, reg)
    rhfs = [(n, c) for c, n in counts.items() if c in reg.rhfs()]
    trusts = _told_trusts(counts, reg)
    if not rhfs:
        return None
    n, code = max(rhfs)
    return code if n >= 2 and n > trusts and sum(1 for m, _ in rhfs if m == n) == 1 else None


def detect_issuer(text: str, reg: Registry, titled: tuple[list[Organisation], list[str]] | None = None) -> tuple[list[str], float, str]:
    """Who gives the document, how sure, and why (in Norwegian)."""
    # A titled document is given by the owner: HOD to an RHF, an RHF to one of its trusts.
    if titled is not None:
        return titled[1], 0.95, "utsteder ut fra tittelen og mottakerens eier"
    joined = hyphen_join(text) if len(text) <= 40000 else hyphen_join(text[:20000]) + "\n" + hyphen_join(text[-20000:])
    joined_all = text
    m = _SIGNED.search(joined)
    if m:
        codes = [c for c in reg.resolve(m.group(1)) if c]
        if codes:
            return codes[:1], 0.95, f"utsteder fra signaturen «{m.group(1).strip()}»"
    m = _FROM_TO_TRUSTS.search(joined_all[:300000])
    if m:
        codes = reg.resolve(m.group(1))
        if codes:
            return codes[:1], 0.9, f"utsteder fra «{m.group(0).strip()}»"
    head = joined[:8000]
    joint = owners_as_one(joined_all, reg)
    if joint is not None:
        return reg.rhfs(), 0.9, f"utstedt av eierne sammen: «{joint}»"
    ministry = [c for _, _, c in reg.find(head) if (o := reg.get(c)) is not None and o.kind == "departement"]
    if (_MINISTRY_TITLE.search(head) and ministry
            and not _told_trusts(obligation_subjects(text, reg), reg) >= 3):
        # (a document that tells the trusts to act only refers to the ministry's oppdragsdokument)
        return ministry[:1], 0.85, "oppdragsdokument som viser til departementet"
    m = _GIVES_RHF.search(head)
    if m:
        codes = reg.resolve(m.group(1))
        if codes:
            return codes[:1], 0.9, f"utsteder fra «{m.group(0).strip()}»"
    # No title, no signature: an RHF told to act again and again, in a text that refers to what only
    # the ministry refers to as its own, is the addressee of the ministry.
    signs = ministry_signs(joined_all[:200000])
    rhf = _addressed_rhf(text, reg) if len(signs) >= 2 else None
    if rhf is not None:
        return reg.ministry(), 0.75, (f"utsteder antatt å være departementet: teksten gir {rhf} oppdrag og viser til "
                               + ", ".join(signs))
    if len(signs) >= 3:
        told = obligation_subjects(text, reg)
        rhfs = reg.rhfs()
        all_rhfs = {"group:" + g.name for g in reg.group_objects() if g.members == tuple(rhfs)}
        rhfs_told = sum(n for c, n in told.items() if c in rhfs or c in all_rhfs)
        if rhfs_told > _told_trusts(told, reg):
            return reg.ministry(), 0.6, ("utsteder antatt å være departementet: teksten gir de regionale helseforetakene "
                                  "oppdrag og viser til " + ", ".join(signs))
    counts = Counter(c for _, _, c in reg.find(head) if c in reg.rhfs())
    if counts:
        code = counts.most_common(1)[0][0]
        return [code], 0.4, f"utsteder gjettet: det regionale helseforetaket som nevnes oftest ({code})"
    return [], 0.0, "fant ingen utsteder"


def detect_mottakere(text: str, reg: Registry) -> list[str]:
    m = _RECIPIENTS.search(text)
    if not m:
        return []
    block = text[m.end():m.end() + 3000]
    out: list[str] = []
    for line in block.split("\n"):
        s = line.strip()
        if not s:
            continue
        if _COPY_TO.match(s):
            break
        for c in reg.resolve(s):
            if c not in out:
                out.append(c)
    return out


def analyse(text: str, reg: Registry) -> DocInfo:
    year = detect_year(text)
    language = detect_language(text)
    titled = _titled_for(text, reg)
    issuer, issuer_confidence, issuer_reason = detect_issuer(text, reg, titled)
    mottakere = detect_mottakere(text, reg)
    rhfs = reg.rhfs()
    region = issuer[0] if len(issuer) == 1 and issuer[0] in rhfs else None
    addressees: list[str] = []
    why: tuple[float, str] = (0.3, "mottakere ikke funnet")
    if mottakere:
        addressees, why = mottakere, (0.95, "mottakere fra mottakerlisten")
    elif titled is not None:
        addressees = [o.code for o in titled[0]]
        why = (0.95, "mottaker fra tittelen")
        first = titled[0][0]
        region = first.code if first.kind == "rhf" else (issuer[0] if len(issuer) == 1 and issuer[0] in rhfs else None)
    elif issuer and issuer == reg.ministry():
        told = _addressed_rhf(text, reg)
        joined = hyphen_join(text[:80000])
        # the RHF named most often, not counting the one named as leading a joint task
        counts = Counter(c for s_, _, c in reg.find(joined) if c in rhfs
                         and not _LEADS_BEFORE.search(joined, max(0, s_ - 30), s_))
        if told is not None:
            addressees = [told]
            told_org = reg.get(told)
            name = told_org.name if told_org else told
            why = (0.8, f"mottaker antatt fra «{name} skal …»")
        elif counts:
            addressees = [counts.most_common(1)[0][0]]
            why = (0.6, "mottaker antatt: det regionale helseforetaket som nevnes oftest i dokumentet")
        else:
            addressees = list(rhfs)
            why = (0.6, "mottakere antatt: de fire regionale helseforetakene")
        region = addressees[0] if len(addressees) == 1 else None
    elif len(issuer) > 1 and set(issuer) <= set(rhfs):
        addressees = reg.jointly_owned()
        why = (min(0.85, issuer_confidence),
               "mottakere: de felleseide helseforetakene, siden de regionale helseforetakene gir dokumentet")
    elif region:
        addressees = [o.code for o in reg.children(region) if o.owners == (region,) and reg.is_trust(o.code)]
        # as sure as the issuer they come from
        why = (min(0.75, issuer_confidence), f"mottakere: helseforetakene som {region} eier")
    mb = _TARGET_PICTURE_FOR.search(text[:600])
    if mb:
        target = reg.resolve(" ".join(hyphen_join(mb.group(1)).split()))
        if target:
            addressees = target[:1] if len(target) == 1 or not _shared_owners(target, reg) else target
            why = (0.9, f"mottaker fra «{mb.group(0).strip()}»")
    if not issuer and addressees and (owners := _shared_owners(addressees, reg)):
        issuer = owners  # nobody signs a målbilde: its owners give it
        issuer_confidence, issuer_reason = 0.7, "ingen signatur: utsteder antatt å være eierne av mottakeren"
    notes = {"issuer": (issuer_confidence, issuer_reason), "addressees": why}
    return DocInfo(year, language, issuer, addressees, region, mottakere, notes)


_SIGNED = lx.compile(r"<<signature>>\s*\n+\s*([^\n]{3,80})")
_FROM_TO_TRUSTS = lx.compile(r"\b<<from>>\s+([^\n]{3,60}?)\s+<<to>>\s+<<from_to_trusts>>\b", flags=0)
_GIVES_RHF = lx.compile(r"\b<<issuer_gives>>\s+([^\n]{3,40}?RHF)\b", flags=0)
_RECIPIENTS = lx.compile(r"\n\s*<<recipients_list>>\s*:?\s*\n")
_COPY_TO = lx.compile(r"^<<copy_to>>")
# "Målbilde for X", "Forslag til målbilde og strategisk utvikling for X" (the title may wrap once)
_TARGET_PICTURE_FOR = lx.compile(r"(?m)^\s*(?:<<family_target_picture>>)(?:[^\n:.]|\n(?![ \t]*\n)){0,60}?\bfor\s+"
                                 r"([^\n]{2,80}(?:\n[^\n]{3,80})?)")
_OWNERS_NOUN = lx.compile(r"<<genitive_after>>\s+(?:<<owners_grant_noun>>)\b")
_OWNERS_VERB = lx.compile(r"\s+(?:<<owners_grant_verb>>)\b")
_OWNERS_WORD = lx.compile(r"\b(?:<<owners>>)")
_OWNERS_WORD_NOUN = lx.compile(r"\b(?:<<owners_genitive>>)\s+(?:<<owners_grant_noun>>)\b")
_LIST_SEPARATOR = lx.compile(r"\s*(?:,|<<and>>)\s*")


@cache
def _group_genitive(reg: Registry) -> re.Pattern[str]:
    """The group of all RHFs in the genitive before what they order or grant ("de regionale
    helseforetakenes bestilling")."""
    words = [w for g in reg.group_objects() if g.members == tuple(reg.rhfs()) for w in g.words]
    names = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return lx.compile(rf"\b(?:{names})s\s+(?:<<owners_grant_noun>>)\b")


def owners_as_one(text: str, reg: Registry) -> str | None:
    """The words by which the regional health authorities give a document together, as owners,
    else None: their group named as the one who orders or grants ("de regionale helseforetakenes
    bestilling", "dei regionale helseføretaka løyver"), all of them named in a row ("Helse Nord
    RHF, Helse Midt-Noreg RHF, Helse Vest RHF og Helse Sør-Øst RHF bevilger"), or — in a text that
    names a jointly owned trust — "the owners" ("eiernes bestilling", "eierne bevilger")."""
    rhfs = reg.rhfs()
    everyone = tuple(rhfs)
    joined = hyphen_join(text[:200000])
    m = _group_genitive(reg).search(joined)
    if m:
        return " ".join(m.group(0).split())
    found = reg.find(joined)
    k = 0
    while k < len(found):
        start, end, target = found[k]
        run_end = end
        if target.startswith("group:") and reg.groups.get(target[6:]) == everyone:
            pass
        elif target in rhfs:
            # a run of RHF names joined by commas and "og": all of them, or it is not the owners
            named = {target}
            while k + 1 < len(found) and found[k + 1][2] in rhfs and _LIST_SEPARATOR.fullmatch(joined[run_end:found[k + 1][0]]):
                k += 1
                named.add(found[k][2])
                run_end = found[k][1]
            if named != set(rhfs):
                k += 1
                continue
        else:
            k += 1
            continue
        after = joined[run_end:run_end + 40]
        m = _OWNERS_NOUN.match(after) or _OWNERS_VERB.match(after)
        if m:
            return " ".join(joined[start:run_end + m.end()].split())
        k += 1
    jointly = set(reg.jointly_owned())
    if any(c in jointly for _, _, c in found):
        for m in _OWNERS_WORD.finditer(joined):
            after = joined[m.end():m.end() + 40]
            hit = _OWNERS_VERB.match(after)
            if hit:
                return " ".join(joined[m.start():m.end() + hit.end()].split())
        m = _OWNERS_WORD_NOUN.search(joined)
        if m:
            return " ".join(m.group(0).split())
    return None


def _shared_owners(codes: list[str], reg: Registry) -> list[str]:
    """The owners every one of ``codes`` has in common (in the register's order), else []."""
    owners = [o.owners if (o := reg.get(c)) is not None else () for c in codes]
    if not owners or not owners[0] or any(o != owners[0] for o in owners):
        return []
    return list(owners[0])
