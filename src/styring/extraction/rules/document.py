"""Document rules: year, language, who gives the document (issuer) and to whom (addressees)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from styring.extraction.layout.lines import hyphen_join

NN_WORDS = ("ikkje", "dei", "helseføretak", "helseføretaka", "føretak", "frå", "innan", "korleis", "kva", "eit",
            "vere", "saman", "òg", "oppdraget", "gjennom", "skal", "sjukehus", "mellom", "berre", "noko")
NB_WORDS = ("ikke", "de", "helseforetak", "helseforetakene", "foretak", "fra", "innen", "hvordan", "hva", "et",
            "være", "sammen", "også", "sykehus", "bare", "noe")
NN_ONLY = {"ikkje", "dei", "helseføretak", "helseføretaka", "føretak", "frå", "innan", "korleis", "kva", "eit",
           "vere", "saman", "òg", "sjukehus", "berre", "noko", "helseføretaket", "føretaka", "desse", "også"}
NB_ONLY = {"ikke", "de", "helseforetak", "helseforetakene", "foretak", "fra", "innen", "hvordan", "hva", "et",
           "være", "sammen", "sykehus", "bare", "noe", "helseforetaket", "foretakene", "disse"}


@dataclass
class DocInfo:
    year: int | None
    language: str
    issuer: list[str]
    addressees: list[str]
    region: str | None
    annual_for_annen: bool = False
    mottakere: list[str] = field(default_factory=list)


def detect_year(text: str) -> int | None:
    head = text[:6000]
    m = re.search(
        r"(?:oppdragsdokument|styringskrav og rammer|oppdrag og bestilling|tilleggsdokument|bestilling|styringsdokument|"
        r"styringsbudskap|målbilde|målbilete|protokoll)[^\n]{0,60}?\b(20\d\d)\b",
        head, re.IGNORECASE,
    )
    if m:
        return int(m.group(1))
    m = re.search(r"\bfor\s+(20\d\d)\b", head)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in re.findall(r"(?<![\d.,-])(20[1-4]\d)(?![\d-])", text))
    return years.most_common(1)[0][0] if years else None


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zæøåò]+", text[:20000].lower())
    nn = sum(1 for w in words if w in NN_ONLY and w != "også")
    nb = sum(1 for w in words if w in NB_ONLY)
    return "nn" if nn > nb else "nb"


RHFS = ("HN", "HMN", "HV", "HSO")


TITLE = re.compile(r"(oppdragsdokument|oppdrag\s+og\s+bestilling|styringsdokument|styringskrav|styringsbudskap|bestilling)\b", re.IGNORECASE)


TRUST_KINDS = {"hf", "felleseid_hf", "privat_ideell"}


def _title_addressee(text: str, reg):
    """``(title word, organisations)`` when the document opens with a steering-document title that
    names one organisation ("Oppdragsdokument 2024 / Helse Nord RHF", "Oppdrag og bestilling 2024
    Sykehuset Innlandet HF") or several trusts of one owner ("… / St. Olavs hospital HF og Helse
    Møre og Romsdal HF"), else None."""
    lines = [ln.strip() for ln in text[:1500].split("\n") if ln.strip()][:4]
    m = TITLE.match(lines[0]) if lines else None
    if not m:
        return None
    for line in lines:
        orgs = [o for c in reg.resolve(line) if (o := reg.get(c)) is not None]
        if len(orgs) == 1 or (len(orgs) > 1 and all(
                o.kind in TRUST_KINDS and o.owners and o.owners == orgs[0].owners for o in orgs)):
            return m.group(1).lower(), orgs
    return None


def _titled_for(text: str, reg):
    """The organisations a titled document is given to, and who gives it: an oppdragsdokument for
    an RHF comes from HOD; any of these titles for trusts comes from the trusts' owners. A title
    with an RHF's name on a document to trusts ("Styringskrav og rammer … Helse Nord RHF") names the
    giver, not the addressee, and is left to the other rules."""
    titled = _title_addressee(text, reg)
    if titled is None:
        return None
    word, orgs = titled
    if orgs[0].kind == "rhf":
        return (orgs, ["HOD"]) if word == "oppdragsdokument" else None
    if orgs[0].owners and orgs[0].kind in TRUST_KINDS:
        return orgs, list(orgs[0].owners)
    return None


def detect_issuer(text: str, reg, titled=None) -> list[str]:
    # A titled document is given by the owner: HOD to an RHF, an RHF to one of its trusts.
    if titled is not None:
        return titled[1]
    joined = hyphen_join(text) if len(text) <= 40000 else hyphen_join(text[:20000]) + "\n" + hyphen_join(text[-20000:])
    joined_all = text
    m = re.search(r"(?:med\s+vennlig\s+hilsen|med\s+venleg\s+helsing|med\s+helsing)\s*\n+\s*([^\n]{3,80})", joined, re.IGNORECASE)
    if m:
        codes = [c for c in reg.resolve(m.group(1)) if c]
        if codes:
            return codes[:1]
    m = re.search(r"\b(?:fra|frå)\s+([^\n]{3,60}?)\s+til\s+(?:helseforetakene|helseføretaka|foretakene|sykehusforetakene|de\s+felleseide|dei\s+felleseigde)\b", joined_all[:300000])
    if m:
        codes = reg.resolve(m.group(1))
        if codes:
            return codes[:1]
    head = joined[:8000]
    if re.search(r"de\s+regionale\s+helseforetakenes\s+(?:bestilling|oppdrag)|de\s+regionale\s+helseforetakene\s+bevilger|dei\s+regionale\s+helseføretaka\s+løyver", joined_all, re.IGNORECASE):
        return list(RHFS)
    if re.search(r"\boppdragsdokument\b", head, re.IGNORECASE) and re.search(r"helse- og omsorgsdepartementet|departementet", head, re.IGNORECASE):
        return ["HOD"]
    m = re.search(r"\b(?:I dette dokumentet gir|gir)\s+([^\n]{3,40}?RHF)\b", head)
    if m:
        codes = reg.resolve(m.group(1))
        if codes:
            return codes[:1]
    counts = Counter(c for _, _, c in reg.find(head) if c in RHFS)
    return [counts.most_common(1)[0][0]] if counts else []


def detect_mottakere(text: str, reg) -> list[str]:
    m = re.search(r"\n\s*(?:Mottakere|Mottakarar|Adressater)\s*:?\s*\n", text)
    if not m:
        return []
    block = text[m.end():m.end() + 3000]
    out: list[str] = []
    for line in block.split("\n"):
        s = line.strip()
        if not s:
            continue
        if re.match(r"^(?:kopi|vedlegg|https?:)", s, re.IGNORECASE):
            break
        for c in reg.resolve(s):
            if c not in out:
                out.append(c)
    return out


def analyse(text: str, reg) -> DocInfo:
    year = detect_year(text)
    language = detect_language(text)
    titled = _titled_for(text, reg)
    issuer = detect_issuer(text, reg, titled)
    mottakere = detect_mottakere(text, reg)
    region = issuer[0] if len(issuer) == 1 and issuer[0] in RHFS else None
    addressees: list[str] = []
    if mottakere:
        addressees = mottakere
    elif titled is not None:
        addressees = [o.code for o in titled[0]]
        first = titled[0][0]
        region = first.code if first.kind == "rhf" else (issuer[0] if len(issuer) == 1 and issuer[0] in RHFS else None)
    elif issuer == ["HOD"]:
        counts = Counter(c for _, _, c in reg.find(hyphen_join(text[:5000])) if c in RHFS)
        if counts:
            addressees = [counts.most_common(1)[0][0]]
            region = addressees[0]
        else:
            addressees = list(RHFS)
    elif len(issuer) > 1 and set(issuer) <= set(RHFS):
        addressees = [o.code for o in reg.all() if o.kind == "felleseid_hf"]
    elif region:
        addressees = [o.code for o in reg.children(region) if o.owners == (region,) and o.kind in ("hf", "privat_ideell")]
    mb = re.search(r"^\s*Målbil(?:de|ete)\s+for\s+([^\n]{3,80})", text[:600], re.IGNORECASE | re.MULTILINE)
    if mb:
        target = reg.resolve(hyphen_join(mb.group(1)))
        if target:
            addressees = target[:1]
    if not issuer and len(addressees) == 1 and (org := reg.get(addressees[0])) is not None and org.owners:
        issuer = list(org.owners)  # nobody signs a målbilde: its owners give it
    annual = bool(re.search(
        r"årlig\s+melding[^.]{0,200}(?:annen\s+oppgave|anna\s+oppgåve)|(?:annen\s+oppgave|anna\s+oppgåve)[^.]{0,200}årlig\s+melding",
        text, re.IGNORECASE,
    ))
    return DocInfo(year, language, issuer, addressees, region, annual, mottakere)
