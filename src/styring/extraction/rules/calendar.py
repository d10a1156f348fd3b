"""The reporting calendar: dates by which tertial reports, the annual report (årlig melding),
accounts and risk assessments are due, from the sections and sentences that set them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from styring.extraction import lexicon as lx
from styring.extraction.dates import find_dates, sentence_breaks
from styring.extraction.rules.document import DocInfo
from styring.language import fold_text

# a heading's number: "3 ", "3.1. ", "Kapittel 3 ", "Kap. 3 "
_NUMBER = r"(?:<<chapter>>[ \t]+)?(?:\d+(?:\.\d+)*\.?[ \t]+)?"
_REPORTING_WORDS = lx.compile(r"<<reporting_words>>")
# A date that says when something happened or meets, not when something is due.
_EVENT_BEFORE = lx.compile(r"<<event_before>>\s+(?:den\s+)?$")
_SECTION = lx.compile(rf"(?m)^[ \t]*{_NUMBER}<<calendar_heading_word>>\b|<<calendar_routines>>")
_NAMED_SECTION = lx.compile(rf"(?m)^[ \t]*{_NUMBER}<<calendar_heading>>\b[^\n.:;]{{0,40}}$")
_PHRASE = lx.compile(r"<<calendar_phrase>>")
_ONE_SENTENCE = lx.compile(r"<<report_name_short>>[^.\n]{0,80}?\d{1,2}\.\s*\w+\s+20\d\d[^.]{0,60}?"
                           r"<<report_name>>[^.\n]{0,80}?\d{1,2}\.\s*\w+\s+20\d\d")
_DUE_SENTENCE = lx.compile(r"<<annual_report>>[^.\n]{0,120}?<<deadline_before>>\s+(?:\w+\s+){0,2}?\d{1,2}\.\s*\w+\s+20\d\d"
                           r"|<<deadline_noun>>\s+for\s+(?:\w+\s+){0,3}?<<annual_report>>[^.\n]{0,60}?"
                           r"\d{1,2}\.\s*\w+\s+20\d\d")
_FOR_PERIOD = lx.compile(r"\s*for\s+<<period_tertial>>")
_LABELS = tuple((lx.compile(pattern), label) for pattern, label in lx.CALENDAR_LABELS)


def _sentence_of(chunk: str, start: int, end: int) -> str:
    lo = max(0, start - 300)
    breaks = [lo + b for b in sentence_breaks(chunk[lo:start])]
    s = max(breaks[-1] if breaks else lo, chunk.rfind("\n\n", lo, start) + 1)
    m = re.compile(r"[.!?](?=\s)|\n\s*\n").search(chunk, end)
    return chunk[s:m.end() if m else len(chunk)]


# a report by name (not "rapportere", a task's verb): "årleg melding", "tertialrapporten", "risikovurdering"
_REPORT_NAMED = lx.compile(r"(?<![a-zæøå])(?:<<report_name+mode_risk>>)")
_MEETING = lx.compile(r"<<company_meeting>>")
_DEADLINE_WORD = lx.compile(r"(?<![a-zæøå])<<deadline_before>>(?![a-zæøå])")
_DATE_AFTER = re.compile(r"\d{1,2}\.\s*(?:[a-zæøå]+|\d{1,2}\.?)\s+20\d\d|\d{1,2}\.\s*[a-zæøå]+(?![a-zæøå])", re.IGNORECASE)


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last sentence break or blank line to the next
    full stop that ends a sentence (not the one of "2. tertial" or "15. mars") or blank line."""
    lo = max(0, start - 300)
    breaks = [lo + b for b in sentence_breaks(text[lo:start])]
    s = max(breaks[-1] if breaks else lo, text.rfind("\n\n", lo, start) + 1)
    hi = min(len(text), end + 300)
    after = [end + b for b in sentence_breaks(text[end:hi])]
    blank = text.find("\n\n", end, hi)
    e = min([x for x in (*after[:1], blank if blank >= 0 else hi) if x >= end] or [hi])
    return s, e


def _label(context: str) -> str:
    c = context.lower() + " | " + fold_text(context)  # as written, and in either written form
    for pat, label in _LABELS:
        if pat.search(c):
            return label
    return "rapportering"


def reporting_deadlines(text: str, info: DocInfo, items: Sequence[tuple[int, int]] = (),
                        tables: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """The general reporting calendar: dates in sentences (or table rows) about tertial reports,
    annual report, accounts and risk assessment, each date once. A date inside one of ``items``
    (the text of an item) is that item's deadline, not the calendar's; a sentence inside one of
    ``tables`` (a reporting template's row repeating an item) sets no calendar by itself."""
    out: dict[str, str] = {}
    if info.year is None:
        return []
    sections = []
    for m in _SECTION.finditer(text):
        sections.append((m.start(), min(len(text), m.start() + 4000)))
    # a heading that names the calendar ("3 Oppfølging og rapportering", "Rapporteringskalender 2024")
    for m in _NAMED_SECTION.finditer(text):
        sections.append((m.start(), min(len(text), m.start() + 2500)))
    for m in _PHRASE.finditer(text):
        sections.append((max(0, m.start() - 200), min(len(text), m.end() + 300)))
    # a calendar in one sentence: two or more dates, each beside a report ("Rapport for 1. tertial
    # skal sendes innen 16. mai 2024, rapport for 2. tertial innen 13. september 2024 …")
    for m in _ONE_SENTENCE.finditer(text):
        sections.append((max(0, m.start() - 100), min(len(text), m.end() + 400)))
    # a sentence anywhere that gives a report its deadline ("Styret si årlege melding … skal sendast
    # til departementet innan 15. mars 2025", "Frist for tertialrapport er 20. mai 2024")
    for m in _DUE_SENTENCE.finditer(text):
        sections.append((max(0, m.start() - 60), min(len(text), m.end() + 60)))
    # any sentence that carries the calendar: a deadline word before a date, in a sentence about a
    # report ("Årleg melding … skal sendast departementet innan 15. mars 2026" wrapped over lines,
    # "Frist for styret si risikovurdering er 1. mars 2025")
    for m in _DEADLINE_WORD.finditer(text):
        if any(a <= m.start() < b for a, b in tables) or not _REPORT_NAMED.search(text, max(0, m.start() - 300), m.end() + 300):
            continue
        sentence_start, sentence_end = _sentence_span(text, m.start(), m.end())
        sentence = text[sentence_start:sentence_end]
        folded = fold_text(sentence)
        if _DATE_AFTER.search(sentence, m.end() - sentence_start) and _REPORT_NAMED.search(folded) \
                and not _MEETING.search(folded):  # (a report treated in a meeting by then: the meeting's date)
            sections.append((sentence_start, sentence_end))
    merged: list[list[int]] = []
    for s, e in sorted(sections):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for s, e in merged:
        chunk = text[s:e]
        for d in find_dates(chunk, info.year):
            y = int(d.iso[:4])
            if y < info.year or y > info.year + 1:
                continue
            if d.kind == "period_end":
                continue
            if any(a <= s + d.start < b for a, b in items):
                continue
            ctx = chunk[max(0, d.start - 120):d.end + 40]
            near = chunk[max(0, d.start - 60):d.end + 20]
            own_line = chunk[chunk.rfind("\n", 0, d.start) + 1:(chunk.find("\n", d.end) + 1 or len(chunk))]
            if len(own_line.strip()) <= 30:
                # a calendar table: the date on a line of its own, its label on the lines around it
                # (but not a sentence's date wrapped onto a short last line: "… er\ndatert 20. juni")
                if not _REPORTING_WORDS.search(fold_text(ctx)) or _EVENT_BEFORE.search(chunk[max(0, d.start - 40):d.start]):
                    continue
            else:
                # in running text the date's own sentence must be about reporting, and the date
                # must not be when something met or was decided ("føretaksmøtet 16. januar 2024")
                sentence = _sentence_of(chunk, d.start, d.end)
                if not _REPORTING_WORDS.search(fold_text(sentence)):
                    continue
                if _EVENT_BEFORE.search(chunk[max(0, d.start - 40):d.start]):
                    continue
            after = chunk[d.end:d.end + 25]
            if _FOR_PERIOD.match(after):
                label = _label(after)
            else:
                # the label on the date's own line ("Årleg melding: innan 31. januar 2025") first
                line_start = chunk.rfind("\n", 0, d.start) + 1
                own = chunk[line_start:d.start]
                before = chunk[:max(0, line_start - 1)].rstrip("\n")
                prev_line = before[before.rfind("\n") + 1:]
                label = "rapportering"
                for context in (own, prev_line, near, ctx):  # the nearest that names it
                    label = _label(context)
                    if label != "rapportering":
                        break
            out.setdefault(d.iso, label)
    return [{"date": k, "what": v} for k, v in sorted(out.items())]
