"""Structure rules: what a heading or label line means — hovedmål chapters and sub-sections,
"Mål 2024:"/"Kvalitative:"/"Indikatorer:"/"Oppdrag 2024" labels, lists introduced for someone
("X gis følgende oppdrag:", "X ber helseforetaket om å:", "vil at X skal:"), sections for one
trust, målbilder, signatures and attachments. Patterns only; the parser decides in context.
"""
from __future__ import annotations

import re

from styring.language import fold_text

# "Kapittel 2 Styrke …", "Kap. 2. Styrke …": a chapter heading with its number in words
CHAPTER_RE = re.compile(r"^(?:Kapittel|Kap\.)\s+(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>\.?)\s+(?P<rest>\S.*)$", re.IGNORECASE)
HOVEDMAL_RE = re.compile(r"hoved?mål\s+(?P<n>[123])\b|hovudmål\s+(?P<n2>[123])\b", re.IGNORECASE)
SIGNATURE_RE = re.compile(
    r"^(?:med\s+vennlig\s+hilsen|vennlig\s+hilsen|med\s+hilsen|med\s+venleg\s+helsing|med\s+helsing|venleg\s+helsing)\b",
    re.IGNORECASE)
VEDLEGG_RE = re.compile(r"^(?:vedlegg|vedlegg nr\.?)\s+\d+\b(?!\s+til\b)", re.IGNORECASE)
PAREN_NUM_RE = re.compile(r"^(?P<num>\d{1,3})(?P<dot>\))\s+(?P<rest>\S.*)$")
MAL_LABEL_RE = re.compile(r"^Mål(?:\s+(?:for\s+)?\d{4})?\s*:?\s*$", re.IGNORECASE)
KIND_LABEL_RE = re.compile(
    r"^(?P<label>Kvalitative|Kvalitativ|Kvalitative mål|Kvalitative mål 2024|Indikatorer|Indikatorar|Indikator|Kvantitative|"
    r"Kvantitative mål|Styringsparametere|Styringsparametrar|Styringsindikatorer|Styringsindikatorar)\s*"
    r"(?:\((?P<who>[^)]*)\))?\s*:?\s*$",
    re.IGNORECASE,
)
WHO_ONLY_RE = re.compile(r"^\((?P<who>[^)]{2,200})\)\s*:?\s*$")
OPPDRAG_LABEL_RE = re.compile(
    r"^(?:Oppdrag|Oppdrag og styringskrav|Styringskrav|Andre oppdrag|Nye oppdrag|Oppgaver|Oppgåver)(?:\s+\d{4})?\s*:?\s*$",
    re.IGNORECASE,
)
OPPDRAG_HEADER_RE = re.compile(
    r"\b(?:gis|er\s+gitt|får|vert\s+gitt|blir\s+gitt|gjevast|blir\s+gjeve)\s+(?:følgende|følgjande|fylgjande)\s+(?:oppdrag|styringskrav|krav)\b",
    re.IGNORECASE,
)
ANNEN_OPPGAVE_RE = re.compile(
    r"^(?:Annen\s+oppgave|Anna\s+oppgåve|Andre\s+oppgaver|Oppdrag)\s+(?:\d{4}\s+)?til\b", re.IGNORECASE
)
INFO_RE = re.compile(r"^(?:Informasjon|Orientering)\s+til\s+(?:øvrige|dei\s+andre|andre)", re.IGNORECASE)
ADDRESSED_RE = re.compile(r"\b(?:styringsbudskap|oppdrag|bestilling|krav)\b[^.:]*\btil\b", re.IGNORECASE)
# "Helse Sør-Øst RHF ber helseforetaket om å:", "Helseføretaka vert bedne om å:" — a list of tasks for
# the one asked follows.
BER_OM_RE = re.compile(r"\b(?:ber|bed)\s+(?P<who>[^:]{2,120}?)\s+om\s+(?:å\s*)?:\s*$"
                       r"|^(?P<who2>[^:]{2,120}?)\s+(?:bes|vert\s+bedne|blir\s+bedt)\s+om\s+(?:å\s*)?:\s*$", re.IGNORECASE)
VIL_AT_RE = re.compile(r"\bvil\s+at\s+(?P<x>.+?)\s+skal\s*:\s*$", re.IGNORECASE)
MALBILDE_RE = re.compile(r"^(?:Mål|Målbilde|Målbilder|Målbilete|Målbileta)\s+for\s+\S", re.IGNORECASE)
EFFECTS_RE = re.compile(
    r"^(?:Effekter|Effektmål|Ønskede\s+effekter|Forventede\s+effekter|Ønska\s+effektar|Effektar)\s*:?\s*$", re.IGNORECASE
)
WHO_SKAL_RE = re.compile(
    r"^(?P<who>(?:Alle|Samtlege|Samtlige)\s+(?:helse)?(?:foretak|føretak)(?:ene|a)?|[A-ZÆØÅ][^:.;]{1,100}?)"
    r"(?:\s+(?:skal|må|bes\s+om\s+å|vert\s+bedne\s+om\s+å)\s*:|\s*:)?\s*$"
)
TERMINAL = tuple(".!?:;»\"”)")

HOVEDMAL_HINTS = (
    (1, re.compile(r"psykisk\s+helsevern.*\brus|\brus.*psykisk", re.IGNORECASE)),
    (2, re.compile(r"forskning.*innovasjon|innovasjon.*kompetanse|pasientsikkerheit|pasientsikkerhet", re.IGNORECASE)),
    (3, re.compile(r"rask\s+tilgang|sammenhengende\s+pasientforløp|samanhengande\s+pasientforløp", re.IGNORECASE)),
)
# A sub-heading that *is* a hovedmål's title ("2.1 Styrke psykisk helsevern og TSB") names it too;
# stricter than the hints, which a chapter heading may only touch on.
HOVEDMAL_TITLES = (
    (1, re.compile(r"^styrke\s+psykisk\s+helsevern", re.IGNORECASE)),
    (2, re.compile(r"^styrke\s+forsk(?:n)?ing,?\s+innovasjon", re.IGNORECASE)),
    (3, re.compile(r"^rask\s+tilgang\s+til\s+helsetjenest|^rask\s+tilgang\s+til\s+helseteneste", re.IGNORECASE)),
)


def named_goal(title: str, patterns) -> int | None:
    """The hovedmål a heading names: "Hovedmål 2" / "Hovudmål 2", else the first of ``patterns``
    (``HOVEDMAL_HINTS`` for a chapter, the stricter ``HOVEDMAL_TITLES`` for a sub-section)."""
    m = HOVEDMAL_RE.search(title)
    if m:
        return int(m.group("n") or m.group("n2"))
    folded = fold_text(title)  # the patterns are bokmål; nynorsk titles fold to the same words
    return next((n for n, pat in patterns if pat.search(title.strip()) or pat.search(folded)), None)


def enclosing_sections(num: str) -> list[str]:
    """"2.1.3" → ["2.1"]: the enclosing sub-sections' numbers, nearest first (not the chapter)."""
    parts = num.split(".")
    return [".".join(parts[:k]) for k in range(len(parts) - 1, 1, -1)]




def successor(num: tuple[str, str]) -> tuple[str, str]:
    """The number that follows ``num`` in its list: ("2.1", ".") → ("2.2", ".")."""
    parts = num[0].split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts), num[1]


def introduces_list(line: str) -> bool:
    """A label that introduces a list without a colon: "Kvalitative", "Indikatorar", "Oppdrag 2024",
    "Effekter", "X gis følgende oppdrag"."""
    t = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)", "", line.strip())  # "3 Nye oppdrag": a numbered heading
    return bool(MAL_LABEL_RE.match(t) or KIND_LABEL_RE.match(t) or OPPDRAG_LABEL_RE.match(t) or EFFECTS_RE.match(t)
                or VIL_AT_RE.search(t + ":") and t.endswith("skal") or OPPDRAG_HEADER_RE.search(t))


# "Annen oppgave 2024 til …" and "Informasjon til øvrige" are list lines in the documents that use
# them; when their bullet was lost, the words alone say so.
RECIPIENT_LINE_RE = re.compile(
    r"^(?:(?:Annen\s+oppgave|Anna\s+oppgåve|Andre\s+oppgaver|Andre\s+oppgåver)\s+\d{4}\s+til\b"
    r"|(?:Informasjon|Orientering)\s+til\s+(?:øvrige|dei\s+andre|andre)\s*\.?$)",
    re.IGNORECASE,
)


def is_recipient_line(line: str) -> bool:
    """A line that only says whom the item below is for ("Annen oppgave 2024 til …")."""
    return bool(RECIPIENT_LINE_RE.match(line.strip()))
