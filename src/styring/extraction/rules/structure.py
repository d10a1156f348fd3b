"""Structure rules: what a heading or label line means — hovedmål chapters and sub-sections,
"Mål 2024:"/"Kvalitative:"/"Indikatorer:"/"Oppdrag 2024" labels, lists introduced for someone
("X gis følgende oppdrag:", "X ber helseforetaket om å:", "vil at X skal:"), sections for one
trust, målbilder, signatures and attachments. Patterns only; the parser decides in context.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from styring.extraction import lexicon as lx
from styring.language import fold_text

# "Kapittel 2 Styrke …", "Kap. 2. Styrke …": a chapter heading with its number in words
CHAPTER_RE = lx.compile(r"^<<chapter>>\s+(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>\.?)\s+(?P<rest>\S.*)$")
HOVEDMAL_RE = lx.compile(r"<<hovedmal>>\s+(?P<n>[123])\b")
# the chapters that follow the hovedmål chapters ("Øvrige krav", "Oppfølging og rapportering")
AFTER_MAIN_GOALS_RE = lx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?<<after_main_goals>>(?![a-zæøå])")
SIGNATURE_RE = lx.compile(r"^<<signature>>\b")
VEDLEGG_RE = lx.compile(r"^<<attachment>>\s+\d+\b(?!\s+<<to>>\b)")
PAREN_NUM_RE = re.compile(r"^(?P<num>\d{1,3})(?P<dot>\))\s+(?P<rest>\S.*)$")
# "Mål 2024:", "Mål for 2025", "Mål:": a figure decides goal or indicator
MAL_LABEL_RE = lx.compile(r"^<<label_goal_year>>(?:\s+<<YEAR>>)?\s*:?\s*$")
# "Kvalitative mål 2025 (UNN og NLSH):", "Indikatorar", "Styringsparametere:"
KIND_LABEL_RE = lx.compile(
    r"^(?P<label>(?P<goal><<label_goal>>)|<<label_indicator>>)(?:\s+<<YEAR>>)?\s*"
    r"(?:\((?P<who>[^)]*)\))?\s*:?\s*$")
WHO_ONLY_RE = re.compile(r"^\((?P<who>[^)]{2,200})\)\s*:?\s*$")
OPPDRAG_LABEL_RE = lx.compile(r"^<<label_assignment>>(?:\s+<<YEAR>>)?\s*:?\s*$")
OPPDRAG_HEADER_RE = lx.compile(r"\b<<given>>\s+<<following>>\s+<<task_words>>\b")
# the label of a section for one trust: "Annen oppgave 2024 til X", "Oppgaver for X HF"
ANNEN_OPPGAVE_RE = lx.compile(r"^<<per_trust_before>>\s+(?:<<YEAR>>\s+)?<<per_trust_to>>\b(?!\s+<<YEAR>>)")
# "For X HF gjelder:" — the trust's name in the middle
FOR_TRUST_RE = lx.compile(r"^<<per_trust_to>>\s+(?P<who>[^:]{2,800}?)\s+<<per_trust_applies>>\s*:?\s*$")
FOR_OPEN_RE = lx.compile(r"^<<per_trust_to>>\s+[A-ZÆØÅ]")
INFO_RE = lx.compile(r"^<<info_others>>(?![a-zæøå])")
ADDRESSED_RE = lx.compile(r"\b<<addressed>>\b[^.:]*\b<<to>>\b")
# "Helse Sør-Øst RHF ber helseforetaket om å:", "Helseføretaka vert bedne om å:" — a list of tasks for
# the one asked follows.
BER_OM_RE = lx.compile(r"\b<<ask>>\s+(?P<who>[^:]{2,120}?)\s+<<about>>\s+(?:å\s*)?:\s*$"
                       r"|^(?P<who2>[^:]{2,120}?)\s+<<asked>>\s+<<about>>\s+(?:å\s*)?:\s*$")
VIL_AT_RE = lx.compile(r"\b<<want>>\s+(?P<x>.+?)\s+skal\s*:\s*$")
MALBILDE_RE = lx.compile(r"^<<label_target>>\s+for\s+\S")
TARGET_PICTURE_RE = lx.compile(r"^<<target_picture>>")
EFFECTS_RE = lx.compile(r"^<<label_effects>>\s*:?\s*$")
WHO_SKAL_RE = lx.compile(
    r"^(?P<who>(?i:<<all>>\s+(?:helse)?<<trust_word>>(?:<<trust_plural_suffix>>)?)|[A-ZÆØÅ][^:.;]{1,100}?)"
    r"(?:\s+(?i:<<must>>)\s*:|\s*:)?\s*$", flags=0)
ALL_RE = lx.compile(r"^<<all>>\b")
ASKS_FOR_RE = lx.compile(r"\b<<asks_for>>\b", flags=0)
ENDS_WITH_CONJUNCTION_RE = lx.compile(r"\b<<conjunction>>$", flags=0)
# a target with a figure (or "null", "ingen") is an indicator
FIGURE_RE = lx.compile(r"\d|\b<<no_figure>>\b", flags=0)
# what a label line may begin with (a quick test before the label patterns)
LABEL_START_RE = lx.compile(r"^(?:<<label_goal_year+label_goal+label_indicator+label_assignment+label_effects+label_target>>)")
# words that may make a line a lead-in ("… gis følgende oppdrag:", "… vil at X skal:"): plain words, for a
# quick substring test
LEAD_IN_WORDS = tuple(w for w in lx.words("task_words") + lx.words("want"))
ACTIVITY_RE = lx.compile(r"\b<<activity>>")
TERMINAL = tuple(".!?:;»\"”)")

HOVEDMAL_HINTS = tuple((n, lx.compile(f"<<hovedmal_{n}_hint>>")) for n in (1, 2, 3))
# A sub-heading that *is* a hovedmål's title ("2.1 Styrke psykisk helsevern og TSB") names it too;
# stricter than the hints, which a chapter heading may only touch on.
HOVEDMAL_TITLES = tuple((n, lx.compile(f"^<<hovedmal_{n}_title>>")) for n in (1, 2, 3))


def named_goal(title: str, patterns: Iterable[tuple[int, re.Pattern[str]]]) -> int | None:
    """The hovedmål a heading names: "Hovedmål 2" / "Hovudmål 2", else the first of ``patterns``
    (``HOVEDMAL_HINTS`` for a chapter, the stricter ``HOVEDMAL_TITLES`` for a sub-section)."""
    m = HOVEDMAL_RE.search(title)
    if m:
        return int(m.group("n"))
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
RECIPIENT_LINE_RE = lx.compile(r"^(?:<<per_trust_before>>\s+<<YEAR>>\s+<<per_trust_to>>\b|<<info_others>>\s*[.:]?$)")


def per_trust_who(line: str) -> str | None:
    """The names in a per-trust label ("Annen oppgave 2024 til A HF, B HF", "Oppgaver for A HF",
    "For A HF gjelder:"), else None."""
    m = ANNEN_OPPGAVE_RE.match(line)
    if m:
        return line[m.end():].strip()
    m = FOR_TRUST_RE.match(line)
    return m.group("who") if m else None


def is_recipient_line(line: str) -> bool:
    """A line that only says whom the item below is for ("Annen oppgave 2024 til …")."""
    return bool(RECIPIENT_LINE_RE.match(line.strip()))
