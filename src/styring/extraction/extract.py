"""Turn a steering document's text into the contract object (see extraction-contract.md).

The document is read line by line. Headings, labels ("Mål 2024:", "Kvalitative (…):",
"Indikatorer:", "Oppdrag 2024", "Helseforetakene (UNN og NLSH) gis følgende oppdrag:"), bullets,
numbered and lettered paragraphs and "Annen oppgave 2024 til …" lines set a context; items are
opened and closed by that context. A reporting template attachment ("Gjelder foretak",
"Rapporteringsfrekvens") is parsed on its own and merged into the items it repeats.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from styring.extraction.errors import ExtractionError
from styring.extraction.fields import deadlines_of, lead_of, reporting_of
from styring.extraction.lines import (
    LETTERED_RE, NUMBERED_RE, OBLIGATION_RE, Line, hyphen_join, mark_furniture, norm_ws, split_lines,
)
from styring.extraction import template as template_mod
from styring.extraction import doclevel
from styring.registry import load_registry

HOVEDMAL_RE = re.compile(r"hoved?mål\s+(?P<n>[123])\b|hovudmål\s+(?P<n2>[123])\b", re.IGNORECASE)
SIGNATURE_RE = re.compile(r"^(?:med\s+vennlig\s+hilsen|vennlig\s+hilsen|med\s+venleg\s+helsing|med\s+helsing|venleg\s+helsing)\b", re.IGNORECASE)
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
MALBILDE_RE = re.compile(r"^(?:Mål|Målbilde|Målbilete)\s+for\s+\S", re.IGNORECASE)
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


def _named_goal(title: str, patterns) -> int | None:
    """The hovedmål a heading names: "Hovedmål 2" / "Hovudmål 2", else the first of ``patterns``
    (``HOVEDMAL_HINTS`` for a chapter, the stricter ``HOVEDMAL_TITLES`` for a sub-section)."""
    m = HOVEDMAL_RE.search(title)
    if m:
        return int(m.group("n") or m.group("n2"))
    return next((n for n, pat in patterns if pat.search(title.strip())), None)


def _prefixes(num: str) -> list[str]:
    """"2.1.3" → ["2.1"]: the enclosing sub-sections' numbers, nearest first (not the chapter)."""
    parts = num.split(".")
    return [".".join(parts[:k]) for k in range(len(parts) - 1, 1, -1)]


@dataclass
class Draft:
    kind: str
    ref: str | None
    main_goal: int | None
    recipients: list[str]
    origin: str = "body"  # "body", "annen", "template", "table"
    informed_flag: bool = False
    informed: list[str] = field(default_factory=list)
    groups: list[list[tuple[int, int]]] = field(default_factory=list)  # text pieces, one group per source
    reporting: set = field(default_factory=set)
    reporting_override: set | None = None
    deadlines: list[str] = field(default_factory=list)
    text_override: str | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    numbered: bool = False
    explicit_who: bool = True
    title_groups: int = 0  # leading groups that hold only a title (lettered paragraphs, sections)

    def add_piece(self, start: int, end: int, new_group: bool = False) -> None:
        if end <= start:
            return
        if new_group or not self.groups:
            self.groups.append([])
        self.groups[-1].append((start, end))

    def group_spans(self) -> list[tuple[int, int]]:
        """One (start, end) per source group."""
        return [(g[0][0], g[-1][1]) for g in self.groups if g]

    def has_body(self) -> bool:
        return sum(len(g) for g in self.groups[self.title_groups:]) > 0


@dataclass
class Context:
    kind: str  # "mal", "oppdrag"
    item_kind: str
    recipients: list[str]
    explicit_who: bool = True
    numbered: bool | None = None  # oppdrag lists: numbered paragraphs (bullets belong to them) or bullets
    org_lines: bool = False
    last_num: tuple[str, str] | None = None  # the number and its delimiter of the list's last item
    by_figure: bool = False  # "Mål 2024:" without "Kvalitative:"/"Indikatorer:": a figure makes an indicator


class Parser:
    def __init__(self, text: str, registry, info: doclevel.DocInfo, skip_lines: set[int]):
        self.text = text
        self.reg = registry
        self.info = info
        self.lines = split_lines(text)
        mark_furniture(self.lines)
        self.skip = skip_lines
        self.items: list[Draft] = []
        self.cur: Draft | None = None
        self.ctx: Context | None = None
        self.main_goal: int | None = None
        self.chapter_goal: dict[int, int | None] = {}
        self.section_goal: dict[str, int] = {}  # sub-sections whose heading names a hovedmål
        self.section_recipients: list[str] = list(info.addressees)
        self.trust: str | None = None  # a section addressed to one trust: its code
        self.activity = False
        self.last_heading: tuple[str | None, list[tuple[int, int]], int] | None = None  # (num, spans, line idx)
        self.colon_list_next: int | None = None
        self.colon_list_line = 0
        self.prose: list[Line] = []
        self.closed = False
        self.statement_only = False
        self.list_mark: str | None = None  # the bullet character of the list the open item belongs to
        # Text from a PDF text layer often has no blank lines between paragraphs: then a short
        # line that ends a sentence ends a paragraph, and headings need no blank line before them.
        nonblank = [ln for ln in self.lines if ln.text]
        self.sparse = len(nonblank) > 20 and sum(1 for ln in self.lines if not ln.text) < 0.08 * len(nonblank)
        widths = sorted(len(ln.text) for ln in nonblank)
        self.line_width = widths[int(len(widths) * 0.9)] if widths else 80

    # -- helpers ------------------------------------------------------------------------------
    def resolve(self, text: str) -> list[str]:
        return self.reg.resolve(hyphen_join(text), addressees=self.info.addressees, region=self.info.region)

    def next_content(self, i: int, max_blank: int = 3) -> Line | None:
        blanks = 0
        for j in range(i + 1, len(self.lines)):
            ln = self.lines[j]
            if j in self.skip:
                return None
            if ln.furniture:
                continue
            if ln.blank:
                # a run of blank lines counts as one break (text layers double them freely)
                if not self.lines[j - 1].blank or self.lines[j - 1].furniture:
                    blanks += 1
                if blanks > max_blank:
                    return None
                continue
            return ln
        return None

    def gap_before(self, i: int) -> bool:
        """A paragraph break before line i: a blank line, or (sparse text) a short previous line
        that ends a sentence or a heading-like previous line."""
        if i == 0 or self.lines[i - 1].blank or self.lines[i - 1].furniture:
            return True
        if not self.sparse:
            return False
        prev = self.lines[i - 1].text
        return prev.endswith(TERMINAL) or len(prev.split()) <= 8 or len(prev) < 0.75 * self.line_width

    def prev_content(self, i: int) -> Line | None:
        for j in range(i - 1, -1, -1):
            ln = self.lines[j]
            if ln.furniture or ln.blank:
                continue
            return ln
        return None

    def close(self) -> None:
        self.statement_only = False
        self.flush_prose()
        if self.cur is not None:
            if self.cur.has_body():
                self.items.append(self.cur)
            self.cur = None

    def open(self, draft: Draft) -> None:
        self.close()
        self.cur = draft

    # -- classification -----------------------------------------------------------------------
    def heading_like(self, title: str, max_words: int = 16) -> bool:
        words = title.split()
        if not words or len(words) > max_words:
            return False
        if not (title[0].isupper() or title[0] in "«\""):
            return False
        if title.endswith((".", ",", ";")) and not title.endswith(("m.m.", "mv.")):
            return False
        if OBLIGATION_RE.search(title):
            return False
        return True

    def numbered_heading(self, i: int, ln: Line) -> tuple[str, str] | None:
        m = NUMBERED_RE.match(ln.text)
        if not m:
            return None
        num, dot, rest = m.group("num"), m.group("dot"), m.group("rest")
        top = int(num.split(".")[0])
        if top == 0 or top > 30 or len(rest) < 3:
            return None
        if "." not in num:
            prev = self.prev_content(i)
            if prev is not None and prev.text.endswith(":") and not ANNEN_OPPGAVE_RE.match(prev.text):
                self.colon_list_next = top + 1
                self.colon_list_line = i
                return None
            if self.colon_list_next == top and i - self.colon_list_line <= 12:
                self.colon_list_next = top + 1
                self.colon_list_line = i
                return None
        if not self.heading_like(rest):
            return None
        if rest[:1].isdigit():
            return None
        return num, rest

    def unnumbered_heading(self, i: int, ln: Line) -> bool:
        t = ln.text
        if ln.bullet or len(t) > 80 or len(t.split()) > 9 or t.endswith(TERMINAL) or t.endswith(","):
            return False
        if not t[0].isupper() or not self.heading_like(t, 9):
            return False
        prev = self.prev_content(i)
        if prev is not None and not prev.text.endswith(TERMINAL) and not prev.bullet:
            return False  # (a bullet often ends without a full stop)
        # the line before must be blank
        if not self.gap_before(i):
            return False
        nxt = self.next_content(i, 2)
        if nxt is None or not (nxt.text[:1].isupper() or nxt.bullet):
            return False
        return True

    def continuation_of_heading(self, i: int, title: str) -> Line | None:
        if title.endswith((":", ".")):
            return None
        nxt = self.next_content(i, 1)
        if nxt is None or nxt.bullet or LETTERED_RE.match(nxt.text) or NUMBERED_RE.match(nxt.text):
            return None
        t = nxt.text
        if len(t.split()) <= 8 and (t[:1].islower() or re.fullmatch(r"\d{4}|HF.*|\(.*\).*", t)) and not t.endswith("."):
            return nxt
        return None

    def org_only(self, ln: Line) -> str | None:
        if len(ln.text) > 70 or ln.text.endswith((".", ":", ",")):
            return None
        found = self.reg.find(ln.text)
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(ln.text) and not found[0][2].startswith("group:"):
            return found[0][2]
        return None

    # -- main loop ----------------------------------------------------------------------------
    def run(self) -> list[Draft]:
        lines = self.lines
        consumed: set[int] = set()
        for i, ln in enumerate(lines):
            if i in self.skip:
                if self.cur is not None or self.prose:
                    self.close()
                self.ctx = None
                continue
            if i in consumed or ln.furniture or ln.blank:
                if ln.blank and self.prose and (
                    self.prose[-1].text.endswith(TERMINAL) or not re.search(r"(?:^|\s)[a-zæøå]", self.prose[-1].text)
                ):
                    self.flush_prose()
                continue
            t = ln.text
            if SIGNATURE_RE.match(t):
                self.close()
                self.ctx = None
                self.closed = True
                continue
            if VEDLEGG_RE.match(t):
                self.close()
                self.ctx = None
                self.trust = None
                self.main_goal = None
                self.closed = False
                continue
            # Numbered paragraph in an oppdrag list: "4. Døgnaktiviteten …" or "4) …"
            m = NUMBERED_RE.match(t) or PAREN_NUM_RE.match(t)
            if (
                m and self.ctx is not None and self.ctx.kind == "oppdrag"
                and ("." not in m.group("num") or not self.heading_like(m.group("rest")))
                and (m.group("dot") or int(m.group("num").split(".")[0]) >= 100 or "." in m.group("num"))
                and not (int(m.group("num").split(".")[0]) < 100 and self.heading_like(m.group("rest"), 8) and not m.group("dot"))
                and not (
                    # "3. Rask tilgang …" after items "2.1", "2.2" or "1)", "2)": the next chapter
                    self.ctx.last_num is not None and self.heading_like(m.group("rest"))
                    and (m.group("num"), m.group("dot")) != _successor(self.ctx.last_num)
                )
            ):
                if self.ctx.numbered is None:
                    self.ctx.numbered = True
                if self.ctx.numbered:
                    self.ctx.last_num = (m.group("num"), m.group("dot"))
                    d = Draft(self.ctx.item_kind, m.group("num"), self.main_goal, list(self.ctx.recipients), numbered=True)
                    self.open(d)
                    d.add_piece(ln.start + m.start("rest"), ln.end)
                    continue
            head = self.numbered_heading(i, ln)
            if head is not None:
                self.on_heading(i, ln, head, consumed)
                continue
            lm = LETTERED_RE.match(t)
            if lm and self.lettered_ok(i, ln, lm):
                self.close()
                self.ctx = None
                d = Draft("assignment", lm.group("letter"), self.main_goal, list(self.section_recipients))
                title_start = ln.start + lm.start("rest")
                d.add_piece(title_start, ln.end)
                cont = self.continuation_of_heading(i, lm.group("rest"))
                if cont is not None:
                    d.add_piece(cont.start, cont.end)
                    consumed.add(cont.idx)
                d.groups.append([])
                d.title_groups = 1
                self.cur = d
                continue
            if self.labels(i, ln):
                continue
            if self.org_only(ln) and not self.ctx:
                self.close()
                continue
            if self.addressed_heading(i, ln, consumed):
                continue
            if ln.bullet:
                self.on_bullet(i, ln, consumed)
                continue
            if self.ctx is not None and self.ctx.kind == "mal" and self.ctx.org_lines and self.org_line(ln):
                continue
            if self.unnumbered_heading(i, ln):
                if self.cur is None or self.cur.origin == "body" and (self.cur.numbered or self.cur.kind != "assignment" or self.cur.ref is None):
                    self.close()
                    self.ctx = None
                    self.last_heading = (None, [(ln.start, ln.end)], i)
                    if self.trust and not self.mentions(t, self.trust):
                        pass
                    continue
            self.on_text(i, ln)
        self.close()
        return self.items

    def mentions(self, text: str, code: str) -> bool:
        return any(t == code for _, _, t in self.reg.find(hyphen_join(text)))

    def lettered_ok(self, i: int, ln: Line, lm: re.Match) -> bool:
        rest = lm.group("rest")
        if len(rest.split()) > 14 or rest.endswith((".", ",", ";")) or not rest[:1].isupper():
            return False
        if self.ctx is not None and self.ctx.kind == "oppdrag" and self.cur is not None:
            return False
        prev = self.prev_content(i)
        if prev is not None and not prev.text.endswith(TERMINAL) and not self.gap_before(i):
            return False
        nxt = self.next_content(i, 3)
        return nxt is not None

    def on_heading(self, i: int, ln: Line, head: tuple[str, str], consumed: set[int]) -> None:
        num, title = head
        self.close()
        self.ctx = None
        self.colon_list_next = None
        spans = [(ln.start + ln.text.index(title), ln.end)]
        full = title
        cont = self.continuation_of_heading(i, title)
        if cont is not None:
            consumed.add(cont.idx)
            spans.append((cont.start, cont.end))
            full = f"{title} {cont.text}"
        top = int(num.split(".")[0])
        if "." not in num:
            goal = _named_goal(full, HOVEDMAL_HINTS)
            self.chapter_goal[top] = goal
            self.section_goal.clear()
            self.main_goal = goal
        else:
            goal = _named_goal(full, HOVEDMAL_TITLES)
            if goal is not None:
                self.section_goal[num] = goal
            self.main_goal = goal if goal is not None else next(
                (self.section_goal[p] for p in _prefixes(num) if p in self.section_goal),
                self.chapter_goal.get(top, self.main_goal))
        if self.trust and not self.mentions(full, self.trust):
            self.trust = None
            self.section_recipients = list(self.info.addressees)
        self.activity = bool(self.trust) and bool(re.search(r"\baktivitet", full, re.IGNORECASE))
        self.last_heading = (num, spans, i)
        # a heading that is itself a label ("3 Nye oppdrag", "4.2 Oppdrag 2024") opens its list
        if OPPDRAG_LABEL_RE.match(full.strip()):
            self.ctx = Context("oppdrag", "assignment", list(self.section_recipients))
        elif (m := KIND_LABEL_RE.match(full.strip())) and not m.group("who"):
            kind = "goal" if m.group("label").lower().startswith("kvalitativ") else "indicator"
            self.ctx = Context("mal", kind, list(self.section_recipients), explicit_who=False)

    def addressed_heading(self, i: int, ln: Line, consumed: set[int]) -> bool:
        t = ln.text
        if t.endswith((":", ".")) or not ADDRESSED_RE.search(t) or not self.heading_like(t) or re.match(r"^Det\s", t):
            return False
        nxt = self.next_content(i, 2)
        if nxt is not None and nxt.text[:1].islower() and not LETTERED_RE.match(nxt.text) and self.continuation_of_heading(i, t) is None:
            return False
        if not self.gap_before(i):
            return False
        full = t
        cont = self.continuation_of_heading(i, t)
        if cont is not None:
            full += " " + cont.text
        tail = re.split(r"\btil\b", full, maxsplit=1)[-1]
        codes = self.resolve(tail)
        if not codes:
            return False
        if cont is not None:
            consumed.add(cont.idx)
        self.close()
        self.ctx = None
        self.section_recipients = codes
        org = self.reg.get(codes[0])
        self.trust = codes[0] if len(codes) == 1 and org is not None and org.kind not in ("rhf", "departement") else None
        self.activity = False
        self.last_heading = (None, [(ln.start, ln.end)], i)
        return True

    def labels(self, i: int, ln: Line) -> bool:
        t = ln.text
        low = t[:12].lower()
        quick = (
            low.startswith(("mål", "kval", "indik", "kvant", "(", "oppdrag", "styringskrav", "effekt", "ønsk", "forvent"))
            or "oppdrag" in t or "krav" in t or "vil at" in t or (t.endswith(":") and " om" in t)
        )
        if self.recipient_heading(i, ln):
            return True
        if not quick:
            return False
        if MAL_LABEL_RE.match(t):
            self.close()
            self.ctx = Context("mal", "indicator", list(self.section_recipients), explicit_who=False, by_figure=True)
            return True
        m = KIND_LABEL_RE.match(t)
        if m:
            self.close()
            label = m.group("label").lower()
            kind = "goal" if label.startswith("kvalitativ") else "indicator"
            who = self.resolve(m.group("who")) if m.group("who") else []
            self.ctx = Context("mal", kind, who or list(self.section_recipients), explicit_who=bool(who))
            return True
        m = WHO_ONLY_RE.match(t)
        if m and self.ctx is not None and self.ctx.kind == "mal":
            who = self.resolve(m.group("who"))
            if who:
                self.close()
                self.ctx = Context("mal", self.ctx.item_kind, who)
                return True
        if EFFECTS_RE.match(t):
            self.close()
            self.ctx = Context("oppdrag", "goal", list(self.section_recipients))
            return True
        m = MALBILDE_RE.match(t)
        if m and len(t.split()) <= 12 and not t.endswith(".") and not re.match(r"^Målbil(?:de|ete)", t, re.IGNORECASE):
            who = self.resolve(t)
            self.close()
            self.ctx = None
            d = Draft("goal", None, self.main_goal, who or list(self.section_recipients))
            d.add_piece(ln.start, ln.end)
            d.groups.append([])
            d.title_groups = 1
            self.cur = d
            self.statement_only = True
            return True
        if OPPDRAG_LABEL_RE.match(t):
            self.close()
            self.ctx = Context("oppdrag", "assignment", list(self.section_recipients))
            return True
        if OPPDRAG_HEADER_RE.search(t) and len(t) < 200:
            self.close()
            head = OPPDRAG_HEADER_RE.split(t)[0]
            paren = re.search(r"\(([^)]*)\)", head)
            who = self.resolve(paren.group(1)) if paren else []
            if not who:
                who = self.resolve(head)
            self.ctx = Context("oppdrag", "assignment", who or list(self.section_recipients))
            return True
        m = BER_OM_RE.search(t)
        if m and len(t) < 200 and (nxt := self.next_content(i, 2)) is not None and (
                nxt.bullet or NUMBERED_RE.match(nxt.text) or LETTERED_RE.match(nxt.text)):
            self.close()
            who = self.resolve(m.group("who") or m.group("who2"))
            self.ctx = Context("oppdrag", "assignment", who or list(self.section_recipients))
            return True
        m = VIL_AT_RE.search(t)
        if m:
            self.close()
            who = self.resolve(m.group("x"))
            self.ctx = Context("oppdrag", "goal", who or list(self.section_recipients), numbered=False)
            return True
        return False

    def recipient_heading(self, i: int, ln: Line) -> bool:
        """A line that says whom the following list is for: "Helse Bergen HF skal:", "Alle
        helseforetak", "Helse Førde HF:" — then the numbered or bulleted items below go to them."""
        t = ln.text
        if len(t) > 120 or ln.bullet or not t[:1].isupper() or VIL_AT_RE.search(t):
            return False  # "De regionale helseforetakene vil at X skal:" introduces goals (``labels``)
        if not (t.endswith(":") or t.startswith(("Alle", "Samtl")) or (len(t) <= 60 and t.count(" ") <= 5)):
            return False
        after = self.next_content(i, 2)
        if after is None or not (after.bullet or after.text[:1].isdigit() or after.text[1:2] in (")", ".")):
            return False
        m = WHO_SKAL_RE.match(t)
        if m is None:
            return False
        who_text = m.group("who")
        alle = re.match(r"^(?:alle|samtlege|samtlige)\b", who_text, re.IGNORECASE)
        colon = t.endswith(":")
        nxt = self.next_content(i, 2)
        if nxt is None:
            return False
        nm = NUMBERED_RE.match(nxt.text)
        if not (
            nxt.bullet or PAREN_NUM_RE.match(nxt.text) or LETTERED_RE.match(nxt.text)
            or (nm and nm.group("dot") and not self.heading_like(nm.group("rest")))
        ):
            return False
        if alle:
            who = list(self.info.addressees)
        else:
            found = self.reg.find(hyphen_join(who_text))
            bare = re.sub(r"[\s,]+|\bog\b", "", who_text)
            covered = sum(len(re.sub(r"\s+", "", who_text[s:e])) for s, e, _ in found)
            if not found or covered < 0.9 * len(bare) or re.search(r"\btil\b", who_text):
                return False
            who = self.resolve(who_text)
        if not who:
            return False
        self.close()
        self.ctx = Context("oppdrag", "assignment", who)
        return True

    def collect_bullet(self, i: int, ln: Line, consumed: set[int]) -> tuple[str, list[Line]]:
        parts = [ln.bullet_text]
        used = []
        j = i + 1
        while j < len(self.lines):
            nxt = self.lines[j]
            prev = parts[-1].rstrip()
            if nxt.blank or nxt.furniture:
                # a list of names broken off by a page break: go on after the page furniture
                k = j
                while k < len(self.lines) and k - j < 8 and (self.lines[k].blank or self.lines[k].furniture):
                    k += 1
                if k < len(self.lines) and k - j < 8 and k not in self.skip and not self.lines[k].bullet and any(
                    self.lines[m].furniture or "\f" in self.lines[m].raw for m in range(j, k)
                ):
                    j = k
                    nxt = self.lines[j]
            if nxt.blank or nxt.furniture or nxt.bullet or j in self.skip:
                break
            joined = prev.endswith((",", "-", "–")) or re.search(r"\b(?:og|eller|samt)$", prev) or nxt.text[:1].islower() \
                or nxt.text.startswith(("HF", "RHF", "AS"))
            if not joined:
                covered = sum(e - s for s, e, _ in self.reg.find(nxt.text))
                joined = covered >= 0.5 * len(nxt.text)
            if not joined:
                break
            parts.append(nxt.text)
            used.append(nxt)
            j += 1
        for u in used:
            consumed.add(u.idx)
        return " ".join(parts), used

    def on_bullet(self, i: int, ln: Line, consumed: set[int]) -> None:
        bt = ln.bullet_text
        if ANNEN_OPPGAVE_RE.match(bt):
            full, used = self.collect_bullet(i, ln, consumed)
            who = self.resolve(re.split(r"\btil\b", full, maxsplit=1)[-1])
            if self.cur is not None and self.cur.origin == "annen" and not self.cur_has_text_after_title():
                self.cur.recipients = who or self.cur.recipients
                return
            num, spans, _ = self.last_heading or (None, [], i)
            self.close()
            self.ctx = None
            ref = num if num and "." in num else num
            d = Draft("assignment", ref, self.main_goal, who or list(self.section_recipients), origin="annen")
            for s, e in spans:
                d.add_piece(s, e)
            d.groups.append([])
            d.title_groups = 1 if spans else 0
            self.cur = d
            return
        if INFO_RE.match(bt):
            if self.cur is not None:
                self.cur.informed_flag = True
            return
        ctx = self.ctx
        level = ln.bullet
        if level == "sub" and ctx is not None and (
            self.cur is None or ln.mark == self.list_mark or (ctx.kind == "oppdrag" and ctx.numbered is None)
        ) and not (ctx.kind == "oppdrag" and ctx.numbered):
            # "– …" or "- …" opening a list (PDF text layers turn "•" into a dash): the list's own bullets
            level = "main"
        if ctx is not None and level == "main":
            if ctx.kind == "mal" or (ctx.kind == "oppdrag" and not ctx.numbered):
                if ctx.kind == "oppdrag":
                    ctx.numbered = False
                if ctx.kind == "mal" and bt.rstrip().endswith(":") and self.org_lines_follow(i):
                    self.close()
                    ctx.org_lines = True
                    return
                kind = ctx.item_kind
                if ctx.by_figure and not re.search(r"\d|\bnull\b|\bingen\b", bt):
                    kind = "goal"  # a desired state without a figure
                d = Draft(kind, None, self.main_goal, list(ctx.recipients), explicit_who=ctx.explicit_who)
                self.open(d)
                self.list_mark = ln.mark
                d.add_piece(ln.bullet_offset, ln.end)
                return
        if self.cur is not None:
            self.cur.add_piece(ln.start, ln.end)
        elif self.trust:
            self.prose.append(ln)

    def cur_has_text_after_title(self) -> bool:
        return bool(self.cur and len(self.cur.groups) > 1 and self.cur.groups[-1])

    def org_lines_follow(self, i: int) -> bool:
        nxt = self.next_content(i, 2)
        return nxt is not None and self.org_line_match(nxt) is not None

    def org_line_match(self, ln: Line) -> str | None:
        m = re.match(r"^(?P<org>[^:]{2,60}):\s*\S", ln.text)
        if not m:
            return None
        found = self.reg.find(m.group("org").strip())
        if len(found) == 1 and found[0][1] - found[0][0] >= len(m.group("org").strip()) - 1 and not found[0][2].startswith("group:"):
            return found[0][2]
        return None

    def org_line(self, ln: Line) -> bool:
        code = self.org_line_match(ln)
        if code is None:
            return False
        d = Draft("indicator", None, self.main_goal, [code])
        self.open(d)
        d.add_piece(ln.start, ln.end)
        self.close()
        return True

    def on_text(self, i: int, ln: Line) -> None:
        self._on_text(i, ln)
        if self.sparse and self.prose and ln.text.endswith(TERMINAL) and len(ln.text) < 0.75 * self.line_width:
            self.flush_prose()

    def _on_text(self, i: int, ln: Line) -> None:
        if self.cur is not None and self.statement_only and self.cur.has_body() and i > 0 and self.lines[i - 1].blank:
            self.close()
            return
        if self.cur is not None:
            if self.cur.origin == "annen" and len(self.cur.groups) >= 2 and not self.cur.groups[-1]:
                self.cur.add_piece(ln.start, ln.end)
            else:
                self.cur.add_piece(ln.start, ln.end)
            return
        if self.trust and not self.closed:
            self.prose.append(ln)

    # -- prose in a section for one trust ----------------------------------------------------
    def flush_prose(self) -> None:
        if not self.prose:
            return
        lines, self.prose = self.prose, []
        pieces = [(ln.start, ln.end) for ln in lines]
        para = " ".join(self.text[s:e] for s, e in pieces)
        # map paragraph offsets back to text offsets
        offsets = []
        pos = 0
        for s, e in pieces:
            offsets.append((pos, s))
            pos += (e - s) + 1
        def to_text(p: int) -> int:
            base = 0
            for po, s in offsets:
                if po <= p:
                    base = s + (p - po)
            return base
        recips = [self.trust] if self.trust else list(self.section_recipients)
        if self.activity:
            d = Draft("assignment", None, self.main_goal, recips)
            for s, e in pieces:
                d.add_piece(s, e)
            self.items.append(d)
            return
        from styring.extraction.dates import sentence_breaks
        starts = [0] + sentence_breaks(para)
        sentences = [(starts[k], starts[k + 1] if k + 1 < len(starts) else len(para)) for k in range(len(starts))]
        item_starts: list[int] = []
        ends: list[int] = []
        first = para[sentences[0][0]:sentences[0][1]]
        if self.subject_rest(first) is not None and re.search(r"\b(?:ber|bes)\s+om\b", para) and not self.obliged(first):
            item_starts = [0]
            ends = [len(para)]
        else:
            open_item = False
            for s, e in sentences:
                sent = para[s:e]
                if self.obliged(sent):
                    if open_item:
                        ends.append(s)
                    item_starts.append(s)
                    open_item = True
                elif open_item and self.other_actor(sent):
                    ends.append(s)
                    open_item = False
            if open_item:
                ends.append(len(para))
        for s, e in zip(item_starts, ends):
            seg = para[s:e].rstrip()
            if not seg:
                continue
            d = Draft("assignment", None, self.main_goal, list(recips))
            ts, te = to_text(s), to_text(s + len(seg) - 1) + 1
            for ps, pe in pieces:
                a, b = max(ps, ts), min(pe, te)
                if a < b:
                    d.add_piece(a, b)
            self.items.append(d)

    def obliged(self, sent: str) -> bool:
        """The sentence tells the trust to do something: "Helseforetaket skal …", "X HF bes om …",
        "Det forutsettes at helseforetaket …"."""
        if re.match(r"^\s*Det\s+(?:forutsettes|forventes|er\s+forventet)\s+at\s+", sent, re.IGNORECASE):
            return self.subject_rest(sent) is not None
        rest = self.subject_rest(sent)
        if rest is None:
            return False
        return bool(re.match(r"^\s*(?:\S+\s+){0,2}?(?:skal|må|bes|ber\s+om|er\s+bedt|blir\s+bedt|vert\s+bedt)\b", rest))

    def other_actor(self, sent: str) -> bool:
        """The sentence is about someone else (its subject is another organisation or group)."""
        found = self.reg.find(hyphen_join(sent.strip()[:160]))
        if re.match(r"^(?:De|Dei)\s", sent.strip()) and found and found[0][0] <= 4:
            return True
        return bool(found) and found[0][0] == 0 and self.subject_rest(sent) is None

    def subject_rest(self, sent: str) -> str | None:
        """If the sentence starts with the trust as subject, the text after the subject."""
        s = sent.strip()
        s = re.sub(r"^(?:Det\s+forutsettes\s+at|Det\s+forventes\s+at|Det\s+er\s+forventet\s+at)\s+", "", s, flags=re.IGNORECASE)
        m = re.match(r"^(?:Helseforetaket|Helseføretaket|Foretaket|Føretaket|Helseforetakene|Helseføretaka|Foretakene)\b(?!s)", s, re.IGNORECASE)
        if m:
            return s[m.end():]
        found = self.reg.find(hyphen_join(s[:160]))
        if not found or found[0][0] != 0 or found[0][2].startswith("group:"):
            return None
        org = self.reg.get(found[0][2])
        if org is not None and org.kind in ("rhf", "departement"):
            return None
        after = hyphen_join(s[:200])[found[0][1]:]
        if re.match(r"^(?:s\b|\s+HFs\b|'s\b)", after):
            return None
        m = re.match(r"^(?:\s+(?:HF|RHF))?\s*(?:\([^)]*\))?", after)
        rest = after[m.end():]
        return rest if re.match(r"^\s*[a-zæøå]", rest) else None


def _trailing_who(body: str, reg, parser: "Parser") -> list[str]:
    """An item that ends by naming whom it is for: "… innan 1. mars 2024. (FIN, UNN)"."""
    m = re.search(r"\(([^()]{2,160})\)\s*\.?\s*$", body)
    if m is None:
        return []
    inner = m.group(1)
    found = reg.find(hyphen_join(inner))
    bare = re.sub(r"[\s,]+|\bog\b", "", inner)
    covered = sum(len(re.sub(r"\s+", "", inner[s:e])) for s, e, _ in found)
    if not found or covered < 0.9 * len(bare):
        return []
    return parser.resolve(inner)


def _successor(num: tuple[str, str]) -> tuple[str, str]:
    parts = num[0].split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts), num[1]


def _dedupe(drafts: list[Draft], text: str, reg) -> list[Draft]:
    out: list[Draft] = []
    keys: list[list[str]] = []
    orgs: list[set] = []
    for d in drafts:
        body = d_text(d, text)
        words = re.findall(r"[0-9a-zæøåéüö]+", body.lower())
        named = {c for _, _, c in reg.find(hyphen_join(body))}
        hit = None
        for k, other in enumerate(keys):
            if not words or not other or named != orgs[k]:
                continue
            if abs(len(words) - len(other)) > 0.1 * max(len(words), len(other)) + 1:
                continue
            if words[:3] != other[:3] and words[-3:] != other[-3:]:
                continue
            sm = SequenceMatcher(None, words, other, autojunk=False)
            if sm.quick_ratio() >= 0.9 and sm.ratio() >= 0.9 and _small_edits(sm, words, other):
                hit = k
                break
        if hit is None:
            out.append(d)
            keys.append(words)
            orgs.append(named)
        else:
            merge_into(out[hit], d)
    return out


def _small_edits(sm: SequenceMatcher, a: list[str], b: list[str]) -> bool:
    """The two texts differ only by typing-level edits: inflections ("styrer"/"styre") and short
    inserted words ("skal", "det"), not by a different content word ("døgnaktiviteten" vs
    "døgnkapasiteten")."""
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2]):
                n = 0
                while n < min(len(x), len(y)) and x[n] == y[n]:
                    n += 1
                if n < 0.7 * min(len(x), len(y)):
                    return False
            continue
        left, right = a[i1:i2], b[j1:j2]
        for side, other in ((left, right), (right, left)):
            for w in side:
                if len(w) <= 4:
                    continue
                if not any(_prefix_share(w, o) for o in other):
                    return False
    return True


def _prefix_share(x: str, y: str) -> bool:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return n >= 0.7 * min(len(x), len(y))


def merge_into(target: Draft, d: Draft) -> None:
    for c in d.recipients:
        if c not in target.recipients:
            target.recipients.append(c)
    for c in d.informed:
        if c not in target.informed:
            target.informed.append(c)
    target.ref = target.ref or d.ref
    if target.main_goal is None:
        target.main_goal = d.main_goal
    target.groups.extend(d.groups)
    target.sources.extend(d.sources)
    target.reporting |= d.reporting
    if d.reporting_override is not None:
        target.reporting_override = (target.reporting_override or set()) | d.reporting_override
    for x in d.deadlines:
        if x not in target.deadlines:
            target.deadlines.append(x)
    target.informed_flag = target.informed_flag or d.informed_flag


def d_text(d: Draft, text: str) -> str:
    if d.text_override is not None:
        return d.text_override
    return norm_ws(" ".join(text[s:e] for g in d.groups[:_first_text_groups(d)] for s, e in g))


def _first_text_groups(d: Draft) -> int:
    """Groups that make up the text: those of the first occurrence (merged repeats add sources only)."""
    return getattr(d, "_ntext", None) or len(d.groups)


TABLE_FREQUENCIES = [
    ("annual", re.compile(r"(?:årlig|årleg)(?:\s+melding)?|årsrapport|per år|kvart år|hvert år", re.IGNORECASE)),
    ("tertial", re.compile(r"tertial(?:vis|rapport\w*)?|per tertial|kvart tertial|hvert tertial", re.IGNORECASE)),
    ("monthly", re.compile(r"månedlig|månadleg|månedsrapport|per måned|per månad|kvar månad|hver måned"
                           r"|virksomhetsrapport", re.IGNORECASE)),
]


def _merge_table(drafts: list[Draft], text: str, span: tuple[int, int], info, create: bool) -> None:
    """Rows of an indicator table: a row that repeats an item adds its source; a row that states
    a target of its own ("… skal …") becomes an indicator (only when there is no reporting
    template, which lists the same rows more cleanly)."""
    from styring.extraction.template import _sim, _words

    keys = [_words(d_text(d, text)) for d in drafts]
    sets = [frozenset(k[:60]) for k in keys]
    index: dict[str, list[int]] = {}
    for j, ws in enumerate(sets):
        for w in ws:
            index.setdefault(w, []).append(j)
    pos = span[0]
    lines = text[span[0]:span[1]].split("\n")
    for k, raw in enumerate(lines):
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        row = raw.strip()
        if k == 0 or not row or re.match(r"^(?:Indikator|Tabell)\b", row):
            continue
        rw = _words(row)
        rs = frozenset(rw[:60])
        hits = Counter(j for w in rs for j in index.get(w, ()))
        best, best_s = None, 0.0
        for j, n in hits.items():
            if n < 3:
                continue
            d = drafts[j]
            if d.kind == "assignment" and d.ref:
                continue
            sim = _sim(rw, keys[j], rs, sets[j])
            if sim > best_s:
                best, best_s = j, sim
        cells = [c.strip() for c in row.split("|")] if "|" in row else []
        # a Word table's frequency column: "Tertialvis", "Månadleg", "Årleg melding"
        modes = {mode for cell in cells[1:] for mode, pattern in TABLE_FREQUENCIES if pattern.fullmatch(cell.rstrip("."))}
        if best is not None and best_s >= 0.55:
            drafts[best].sources.append((start, start + len(row)))
            drafts[best].reporting |= modes
            continue
        m = re.match(r"^(?P<stmt>[A-ZÆØÅ][^.]*?\b(?:skal|skall)\b[^.]*\.)", row)
        filled = [c for c in cells if c]
        if create and len(filled) >= 2 and cells[0]:
            # a row of a Word table: the indicator and its target (and how it is reported)
            d = Draft("indicator", None, None, list(info.addressees), origin="table")
            d.text_override = " ".join(filled)
            d.sources = [(start, start + len(row))]
            d.reporting |= modes
        elif create and m:
            d = Draft("indicator", None, None, list(info.addressees), origin="table")
            d.text_override = m.group("stmt")
            d.sources = [(start, start + len(m.group("stmt")))]
        else:
            continue
        drafts.append(d)
        keys.append(_words(d.text_override))
        sets.append(frozenset(keys[-1][:60]))
        for w in sets[-1]:
            index.setdefault(w, []).append(len(drafts) - 1)


_SQUEEZE_RE = re.compile(r"[ \t\u00a0\u2007\u2009\u202f]{2,}(?=\S)|[\t\u00a0\u2007\u2009\u202f](?=\S)|[\u00ad\u200b\ufeff]")


def _squeeze(text: str) -> tuple[str, list[int] | None]:
    """The text with runs of spaces, tabs and no-break spaces inside a line made one space, and soft
    hyphens and zero-width spaces dropped (PDF and Word text layers are full of them), and a map
    from its offsets back to the text's. Leading and trailing whitespace of lines is kept."""
    if not _SQUEEZE_RE.search(text):
        return text, None
    out: list[str] = []
    marks: list[tuple[int, int]] = []  # (offset in the new text, shift to the old text from there on)
    last = 0
    new_pos = 0
    n = len(text)
    for m in _SQUEEZE_RE.finditer(text):
        a, b = m.start(), m.end()
        if text[a] not in "\u00ad\u200b\ufeff" and (a == 0 or b >= n or text[a - 1].isspace() or text[b].isspace()):
            continue  # leading or trailing whitespace of a line stays as it is
        out.append(text[last:m.start()])
        new_pos += m.start() - last
        keep = m.group(0)[0] not in "\u00ad\u200b\ufeff"
        if keep:
            out.append(" ")
            new_pos += 1
        marks.append((new_pos, m.end() - new_pos))
        last = m.end()
    out.append(text[last:])
    return "".join(out), marks


def _old_offset(pos: int, marks: list[tuple[int, int]]) -> int:
    import bisect

    k = bisect.bisect_right(marks, (pos, float("inf"))) - 1
    return pos + (marks[k][1] if k >= 0 else 0)


def _source(start: int, end: int, offset_map, original: str) -> dict:
    if offset_map is None:
        return {"start": start, "end": end}
    if end <= start:
        return {"start": _old_offset(start, offset_map), "end": _old_offset(start, offset_map)}
    return {"start": _old_offset(start, offset_map), "end": _old_offset(end - 1, offset_map) + 1}


def _obligation_fallback(parser: Parser, info) -> list[Draft]:
    """For a document whose structure none of the rules know: each bullet or numbered point that
    states an obligation ("skal", "må", "bes", or under an intro line that does) is an assignment
    for the document's addressees, so an unknown layout still yields its tasks for review."""
    drafts: list[Draft] = []
    lines = parser.lines
    intro_obliges = False
    k = 0
    while k < len(lines):
        ln = lines[k]
        numbered = NUMBERED_RE.match(ln.text) if not ln.bullet else None
        if ln.blank or ln.furniture or not (ln.bullet == "main" or (numbered and numbered.group("dot"))):
            if not ln.blank and not ln.furniture and not ln.bullet:
                intro_obliges = ln.text.endswith(":") and bool(OBLIGATION_RE.search(ln.text))
            k += 1
            continue
        start = ln.bullet_offset if ln.bullet else ln.start + numbered.start("rest")
        pieces = [(start, ln.end)]
        k += 1
        while k < len(lines) and not lines[k].blank and not lines[k].bullet and not NUMBERED_RE.match(lines[k].text):
            pieces.append((lines[k].start, lines[k].end))
            k += 1
        body = " ".join(parser.text[a:b] for a, b in pieces)
        if len(body) >= 20 and (intro_obliges or OBLIGATION_RE.search(body)):
            d = Draft("assignment", numbered.group("num") if numbered else None, None, list(info.addressees))
            for a, b in pieces:
                d.add_piece(a, b)
            d.sources = d.group_spans()
            drafts.append(d)
    return drafts


def extract(text: str, *, filename: str | None = None) -> dict:
    """The contract object for a steering document's text. Raises ExtractionError when the text
    holds no recognisable steering items."""
    if not isinstance(text, str):
        raise ExtractionError("Teksten kunne ikke leses. Kontroller at filen er et tekstdokument.")
    if not text.strip():
        raise ExtractionError("Dokumentet er tomt. Last opp et styringsdokument med tekst.")
    original = text
    text, offset_map = _squeeze(text)
    reg = load_registry()
    info = doclevel.analyse(text, reg)
    tmpl = template_mod.find_template(text)
    skip: set[int] = set()
    parser = Parser(text, reg, info, skip)
    if tmpl is not None:
        for ln in parser.lines:
            if tmpl.start <= ln.start < tmpl.end:
                skip.add(ln.idx)
    tables = template_mod.find_tables(text)
    for extra in tables:
        for ln in parser.lines:
            if extra[0] <= ln.start < extra[1]:
                skip.add(ln.idx)
    drafts = parser.run()
    for d in drafts:
        if not d.explicit_who:
            # "Aktivitetsmål 2024: Sykehusforetakene skal …": a group named as the subject
            head = " ".join(d_text(d, text).split()[:12])
            for _, _, target in reg.find(hyphen_join(head)):
                if target.startswith("group:") and target != "group:helseforetakene":
                    who = parser.resolve(head)
                    if who:
                        d.recipients = who
                    break
        d._ntext = len(d.groups)  # type: ignore[attr-defined]
        d.sources = d.group_spans()
        if d.informed_flag:
            d.informed = [c for c in info.addressees if c not in d.recipients]
        if d.origin == "annen" and info.annual_for_annen:
            d.reporting.add("annual")
    drafts = _dedupe(drafts, text, reg)
    for span in tables:
        _merge_table(drafts, text, span, info, create=tmpl is None)
    if tmpl is not None:
        template_mod.merge_rows(drafts, tmpl, text, reg, info, Draft)
    if not drafts:
        drafts = _obligation_fallback(parser, info)
    if not drafts:
        raise ExtractionError(
            "Fant ingen styringsbudskap (mål, indikatorer eller oppdrag) i dokumentet. "
            "Kontroller at det er et styringsdokument med tekst, ikke et skannet bilde."
        )
    items = []
    for d in drafts:
        body = d_text(d, text)
        if not body:
            continue
        reporting = set(reporting_of(body)) | d.reporting
        if d.reporting_override is not None:
            reporting = set(d.reporting_override) | ({"annual"} if "annual" in d.reporting else set())
        who = _trailing_who(body, reg, parser)
        if who:
            d.recipients = who
        deadlines = list(deadlines_of(body, info.year))
        for x in d.deadlines:
            if x not in deadlines:
                deadlines.append(x)
        items.append({
            "kind": d.kind,
            "ref": d.ref,
            "main_goal": d.main_goal,
            "text": body,
            "recipients": list(d.recipients),
            "informed": list(d.informed),
            "lead": lead_of(body, reg, info.region),
            "deadlines": deadlines,
            "reporting": [r for r in ("monthly", "tertial", "annual", "deviation", "risk") if r in reporting],
            "source": [_source(s, e, offset_map, original) for s, e in d.sources],
        })
    items.sort(key=lambda it: it["source"][0]["start"] if it["source"] else 0)
    return {
        "document": {"issuer": info.issuer, "year": info.year, "language": info.language},
        "items": items,
        "reporting_deadlines": doclevel.reporting_deadlines(original, info),
        "allocations": doclevel.allocations(original, info, reg),
    }
