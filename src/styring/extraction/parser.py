"""The state machine that reads a document's tagged lines into item drafts.

Headings, labels ("Mål 2024:", "Kvalitative (…):", "Indikatorer:", "Oppdrag 2024", "Helseforetakene
(UNN og NLSH) gis følgende oppdrag:"), list items, numbered and lettered paragraphs and "Annen
oppgave 2024 til …" lines set a context (``Context``); items are opened and closed by that context.
What a line *is* comes from the layout layer (``styring.extraction.layout``) and what its words
*mean* from the rule modules (``styring.extraction.rules``); this module only keeps the state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from styring.extraction.dates import sentence_breaks
from styring.extraction.draft import Draft
from styring.extraction.layout import Layout
from styring.extraction.layout.lines import LETTERED_RE, NUMBERED_RE, OBLIGATION_RE, Line, hyphen_join
from styring.extraction.rules import items
from styring.extraction.rules.document import DocInfo, told_subject
from styring.extraction.rules.profiles import GENERIC, Profile
from styring.extraction.rules.structure import (
    ACTIVITY_RE,
    ADDRESSED_RE,
    AFTER_MAIN_GOALS_RE,
    ALL_RE,
    ASKS_FOR_RE,
    BER_OM_RE,
    CHAPTER_RE,
    EFFECTS_RE,
    ENDS_WITH_CONJUNCTION_RE,
    FIGURE_RE,
    FOR_OPEN_RE,
    HOVEDMAL_HINTS,
    HOVEDMAL_TITLES,
    INFO_RE,
    KIND_LABEL_RE,
    LABEL_START_RE,
    LEAD_IN_WORDS,
    MAL_LABEL_RE,
    MALBILDE_RE,
    OPPDRAG_HEADER_RE,
    OPPDRAG_LABEL_RE,
    PAREN_NUM_RE,
    SIGNATURE_RE,
    TARGET_PICTURE_RE,
    TERMINAL,
    VEDLEGG_RE,
    VIL_AT_RE,
    WHO_ONLY_RE,
    WHO_SKAL_RE,
    enclosing_sections,
    named_goal,
    per_trust_who,
    successor,
)
from styring.registry import SUFFIXES, Registry


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
    def __init__(self, layout: Layout, registry: Registry, info: DocInfo, skip_lines: set[int], profile: Profile = GENERIC) -> None:
        self.text = layout.text
        self.reg = registry
        self.info = info
        self.profile = profile
        self.lines = layout.lines
        self.skip = skip_lines
        self.items: list[Draft] = []
        self.cur: Draft | None = None
        self.ctx: Context | None = None
        self.main_goal: int | None = None
        self.chapter_goal: dict[int, int | None] = {}
        self.goal_heading: tuple[int, int | None] | None = None  # the last unnumbered hovedmål heading: (goal, its look)
        self.section_goal: dict[str, int] = {}  # sub-sections whose heading names a hovedmål
        self.section_recipients: list[str] = list(info.addressees)
        self.trust: str | None = None  # a section addressed to one trust: its code
        self.named_section: str | None = None  # a chapter headed by a trust's name alone: its code
        self.activity = False
        self.last_heading: tuple[str | None, list[tuple[int, int]], int] | None = None  # (num, spans, line idx)
        self.colon_list_next: int | None = None
        self.colon_list_line = 0
        self.prose: list[Line] = []
        self.closed = False
        self.statement_only = False
        self.list_mark: str | None = None  # the bullet character of the list the open item belongs to
        self.sparse = layout.sparse
        self.line_width = layout.line_width

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
        return not OBLIGATION_RE.search(title)

    def numbered_heading(self, i: int, ln: Line) -> tuple[str, str] | None:
        m = NUMBERED_RE.match(ln.text) or CHAPTER_RE.match(ln.text)
        if not m:
            return None
        num, rest = m.group("num"), m.group("rest")
        top = int(num.split(".")[0])
        if top == 0 or top > 30 or len(rest) < 3:
            return None
        if ln.heading is not None and self.heading_like(rest):
            return num, rest  # the file marks it as a heading
        if "." not in num:
            prev = self.prev_content(i)
            if prev is not None and prev.text.endswith(":") and per_trust_who(prev.text) is None:
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
        if ln.heading is not None and not ln.bullet and self.heading_like(t) and not t.endswith(TERMINAL):
            return True  # the file says so (a Word heading style, a PDF line set larger or bold)
        if ln.bullet or len(t) > 80 or len(t.split()) > 9 or t.endswith((*TERMINAL, ",")):
            return False
        if not t[0].isupper() or not self.heading_like(t, 9):
            return False
        prev = self.prev_content(i)
        if prev is not None and not prev.text.endswith(TERMINAL) and not prev.bullet and not (
                # after a list's last point (often without a full stop): a line that opens a labelled
                # list, or the name of a chapter that follows the hovedmål ("Øvrige krav", "Rapportering")
                self.gap_before(i) and (AFTER_MAIN_GOALS_RE.fullmatch(t.strip())
                                        or (nxt0 := self.next_content(i, 2)) is not None and nxt0.text.endswith(":"))):
            return False  # (a bullet often ends without a full stop)
        # the line before must be blank
        if not self.gap_before(i):
            return False
        nxt = self.next_content(i, 2)
        return nxt is not None and (nxt.text[:1].isupper() or bool(nxt.bullet))

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
        return self.names_only(ln.text)

    def names_only(self, text: str) -> str | None:
        """The organisation a line is nothing but the name of."""
        if len(text) > 70 or text.endswith((".", ":", ",")):
            return None
        found = self.reg.find(text)
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text) and not found[0][2].startswith("group:"):
            return found[0][2]
        return None

    def is_trust(self, code: str) -> bool:
        return self.reg.is_trust(code)

    def names_trust(self, title: str) -> str | None:
        """The trust a heading is nothing but the name of ("2 Pasientreiser HF")."""
        code = self.names_only(title.strip())
        return code if code is not None and self.is_trust(code) else None

    def lead_in(self, i: int, ln: Line) -> bool:
        """A lead-in that ends with a colon and introduces a list ("Reiser med rekvisisjon:", "X skal
        bidra til at:", "Foretaksmøtet la til grunn at X skal:") in a family whose profile says so
        (target pictures, protocols): the list's points are items of the profile's kind, for whom
        the lead-in names, else for the section's trust or recipients."""
        t = ln.text
        if not t.endswith(":") or len(t) > 200 or ln.bullet or not self.profile.lead_in_lists:
            return False
        if self.cur is not None and not (self.cur.from_bullet and self.gap_before(i)):
            return False  # (a paragraph of its own after a list's last point may lead in the next list)
        nxt = self.next_content(i, 2)
        if nxt is None or not (nxt.bullet or NUMBERED_RE.match(nxt.text) or PAREN_NUM_RE.match(nxt.text)
                               or LETTERED_RE.match(nxt.text)):
            return False
        who = [c for c in self.resolve(t) if c not in self.info.issuer or len(self.info.issuer) > 1]
        self.close()
        recipients = who or ([self.trust] if self.trust else list(self.section_recipients))
        self.ctx = Context("oppdrag", self.profile.list_kind, recipients)
        return True

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
                    and (m.group("num"), m.group("dot")) != successor(self.ctx.last_num)
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
            if (code := self.org_only(ln)) and not self.ctx:
                self.close()
                if self.gap_before(i) and (code in self.info.addressees and len(self.info.addressees) > 1
                                           or self.is_trust(code) and code not in self.info.addressees):
                    # a heading that is one addressee's (or one trust's) name: what follows is for that one
                    # (the one addressee's name, under the title, opens no section)
                    self.section_recipients = [code]
                    self.trust = code if self.is_trust(code) and self.profile.section_prose else None
                continue
            if self.addressed_heading(i, ln, consumed):
                continue
            if ln.bullet:
                self.on_bullet(i, ln, consumed)
                continue
            if self.ctx is not None and self.ctx.kind == "mal" and self.ctx.org_lines and self.org_line(ln):
                continue
            # a heading closes what is open, except a numbered oppdrag or a section's own item
            if self.unnumbered_heading(i, ln) and (self.cur is None or self.cur.origin == "body" and (
                    self.cur.numbered or self.cur.kind != "assignment" or self.cur.ref is None)):
                self.close()
                self.ctx = None
                self.last_heading = (None, [(ln.start, ln.end)], i)
                self.chapter_by_position(ln)
                continue
            self.on_text(i, ln)
        self.close()
        return self.items

    def chapter_by_position(self, ln: Line) -> None:
        """An unnumbered heading (a bold or larger line, or a short line alone) as a hovedmål chapter:
        by its words ("Hovudmål 2 …", "Styrke psykisk helsevern …"), or by its place — the heading
        of the same look that follows hovedmål N's is hovedmål N + 1 (up to 3), unless it opens the
        chapters after them ("Øvrige krav", "Rapportering", …), which ends the hovedmål."""
        t = ln.text
        look = ln.heading
        if not self.profile.main_goals:
            return
        goal = named_goal(t, HOVEDMAL_HINTS)
        if goal is not None:
            self.main_goal = goal
            self.goal_heading = (goal, look)
        elif AFTER_MAIN_GOALS_RE.match(t):
            if self.goal_heading is not None:
                self.main_goal = None
            self.goal_heading = None
        elif self.goal_heading is not None and self.goal_heading[1] == look and self.goal_heading[0] < 3 \
                and len(t.split()) >= 3:
            self.main_goal = self.goal_heading[0] + 1
            self.goal_heading = (self.main_goal, look)

    def mentions(self, text: str, code: str) -> bool:
        return any(t == code for _, _, t in self.reg.find(hyphen_join(text)))

    def lettered_ok(self, i: int, ln: Line, lm: re.Match[str]) -> bool:
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
        if not self.profile.main_goals:
            self.main_goal = None
        elif "." not in num:
            goal = named_goal(full, HOVEDMAL_HINTS)
            self.chapter_goal[top] = goal
            self.section_goal.clear()
            self.main_goal = goal
        else:
            goal = named_goal(full, HOVEDMAL_TITLES)
            if goal is not None:
                self.section_goal[num] = goal
            self.main_goal = goal if goal is not None else next(
                (self.section_goal[p] for p in enclosing_sections(num) if p in self.section_goal),
                self.chapter_goal.get(top, self.main_goal))
        if self.trust and not self.mentions(full, self.trust):
            self.trust = None
            self.section_recipients = list(self.info.addressees)
        if self.named_section and not self.mentions(full, self.named_section):
            self.named_section = None
            self.section_recipients = list(self.info.addressees)
        if (code := self.names_trust(full)) is not None:
            # a chapter headed by a trust's name: what follows is for that trust
            self.trust = code if self.profile.section_prose else None
            self.section_recipients = [code]
            self.named_section = code
        self.activity = bool(self.trust) and bool(ACTIVITY_RE.search(full))
        self.last_heading = (num, spans, i)
        # a heading that is itself a label ("3 Nye oppdrag", "4.2 Oppdrag 2024") opens its list
        if OPPDRAG_LABEL_RE.match(full.strip()):
            self.ctx = Context("oppdrag", "assignment", list(self.section_recipients))
        elif (m := KIND_LABEL_RE.match(full.strip())) and not m.group("who"):
            kind = "goal" if m.group("goal") else "indicator"
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
        self.trust = codes[0] if len(codes) == 1 and self.reg.get(codes[0]) is not None \
            and not self.reg.is_owner_level(codes[0]) else None
        self.activity = False
        self.last_heading = (None, [(ln.start, ln.end)], i)
        return True

    def labels(self, i: int, ln: Line) -> bool:
        t = ln.text
        quick = (
            t.startswith("(") or bool(LABEL_START_RE.match(t)) or any(w in t for w in LEAD_IN_WORDS)
            or (t.endswith(":") and " om" in t)
        )
        if self.recipient_heading(i, ln):
            return True
        if not quick:
            return self.lead_in(i, ln)
        if MAL_LABEL_RE.match(t):
            self.close()
            self.ctx = Context("mal", "indicator", list(self.section_recipients), explicit_who=False, by_figure=True)
            return True
        m = KIND_LABEL_RE.match(t)
        if m:
            self.close()
            kind = "goal" if m.group("goal") else "indicator"
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
        if m and len(t.split()) <= 12 and not t.endswith(".") and not TARGET_PICTURE_RE.match(t):
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
            if AFTER_MAIN_GOALS_RE.fullmatch(t.strip().rstrip(":")):
                self.chapter_by_position(ln)  # "Øvrige krav": a label, and the end of the hovedmål chapters
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
        return self.lead_in(i, ln)

    def recipient_heading(self, i: int, ln: Line) -> bool:
        """A line that says whom the following list is for: "Helse Bergen HF skal:", "Alle
        helseforetak", "Helse Førde HF:" — then the numbered or bulleted items below go to them."""
        t = ln.text
        if len(t) > 120 or ln.bullet or not t[:1].isupper() or VIL_AT_RE.search(t):
            return False  # "De regionale helseforetakene vil at X skal:" introduces goals (``labels``)
        if not (t.endswith(":") or bool(ALL_RE.match(t)) or (len(t) <= 60 and t.count(" ") <= 5)):
            return False
        after = self.next_content(i, 2)
        if after is None or not (after.bullet or after.text[:1].isdigit() or after.text[1:2] in (")", ".")):
            return False
        m = WHO_SKAL_RE.match(t)
        if m is None:
            return False
        who_text = m.group("who")
        alle = ALL_RE.match(who_text)
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
            joined = prev.endswith((",", "-", "–")) or ENDS_WITH_CONJUNCTION_RE.search(prev) or nxt.text[:1].islower() \
                or nxt.text.startswith(SUFFIXES)  # a name's suffix wrapped onto the next line
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
        who_text = per_trust_who(bt)
        run: list[Line] | None = None
        if who_text is None and FOR_OPEN_RE.match(bt):
            # "For A HF, B HF og C gjelder:" may wrap: its names are known at the line with the colon
            run = self.run_to_colon(i)
            named = per_trust_who(" ".join([bt] + [r.text for r in run])) if run is not None else None
            who_text = named if named is not None and self.resolve(named) else None
        if who_text is not None:
            if run is not None:
                consumed.update(r.idx for r in run)
                who = self.resolve(who_text)
            else:
                full, used = self.collect_bullet(i, ln, consumed)
                who = self.resolve(per_trust_who(full) or "")
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
        if self.ctx is None and self.cur is None and not self.trust and ln.bullet == "main" \
                and told_subject(bt, self.reg):
            # a list under a chapter with no label ("5 Andre krav") whose points tell someone to act:
            # its points are tasks, for whom the chapter is for
            self.ctx = Context("oppdrag", "assignment", list(self.section_recipients))
        ctx = self.ctx
        level = ln.bullet
        if level == "sub" and ctx is not None and (
            self.cur is None or ln.mark == self.list_mark or (ctx.kind == "oppdrag" and ctx.numbered is None)
        ) and not (ctx.kind == "oppdrag" and ctx.numbered):
            # "– …" or "- …" opening a list (PDF text layers turn "•" into a dash): the list's own bullets
            level = "main"
        if ctx is not None and level == "main" and (ctx.kind == "mal" or (ctx.kind == "oppdrag" and not ctx.numbered)):
            if ctx.kind == "oppdrag":
                ctx.numbered = False
            if ctx.kind == "mal" and bt.rstrip().endswith(":") and self.org_lines_follow(i):
                self.close()
                ctx.org_lines = True
                return
            kind = ctx.item_kind
            if ctx.by_figure and not FIGURE_RE.search(bt):
                kind = "goal"  # a desired state without a figure
            d = Draft(kind, None, self.main_goal, list(ctx.recipients), explicit_who=ctx.explicit_who, from_bullet=True)
            if ln.inferred:
                d.doubt(0.25, ln.inferred)
            if ctx.by_figure:
                d.reasons.append("mål eller indikator avgjort av om punktet har et tall")
            self.open(d)
            self.list_mark = ln.mark
            d.add_piece(ln.bullet_offset, ln.end)
            return
        if self.cur is not None:
            self.cur.add_piece(ln.start, ln.end)
        elif self.trust:
            self.prose.append(ln)

    def run_to_colon(self, i: int, limit: int = 10) -> list[Line] | None:
        """The lines that go on with line ``i`` up to the first that ends with a colon (the line
        itself may be it: []); None when a break, a bullet or ``limit`` lines come first."""
        if self.lines[i].text.endswith(":"):
            return []
        run: list[Line] = []
        for j in range(i + 1, min(len(self.lines), i + 1 + limit)):
            nxt = self.lines[j]
            if nxt.blank or nxt.furniture or nxt.bullet or j in self.skip:
                return None
            run.append(nxt)
            if nxt.text.endswith(":"):
                return run
        return None

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
        if self.cur is not None and ln.after_list and self.cur.from_bullet:
            self.close()  # a paragraph of its own after the list, not more of its last item
        elif (self.cur is not None and self.cur.from_bullet and ln.text[:1].isupper() and self.gap_before(i)
              and self.cur.groups and self.cur.groups[0]
              and self.text[self.cur.groups[0][0][0]:self.cur.groups[0][0][0] + 1].islower()):
            # a list of points that go on from their lead-in ("… om å:" / "• sørge for …") ends where a
            # paragraph opens with a capital: it is no more of the last point
            self.close()
        if self.cur is not None:
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
        starts = [0] + sentence_breaks(para)
        sentences = [(starts[k], starts[k + 1] if k + 1 < len(starts) else len(para)) for k in range(len(starts))]
        item_starts: list[int] = []
        ends: list[int] = []
        first = para[sentences[0][0]:sentences[0][1]]
        if items.subject_rest(self.reg, first) is not None and ASKS_FOR_RE.search(para) and not items.obliged(self.reg, first):
            item_starts = [0]
            ends = [len(para)]
        else:
            open_item = False
            for s, e in sentences:
                sent = para[s:e]
                if items.obliged(self.reg, sent):
                    if open_item:
                        ends.append(s)
                    item_starts.append(s)
                    open_item = True
                elif open_item and items.other_actor(self.reg, sent):
                    ends.append(s)
                    open_item = False
            if open_item:
                ends.append(len(para))
        for s, e in zip(item_starts, ends):
            seg = para[s:e].rstrip()
            if not seg:
                continue
            d = Draft("assignment", None, self.main_goal, list(recips))
            d.doubt(0.2, "oppdrag funnet i løpende tekst (en setning som pålegger foretaket noe)")
            ts, te = to_text(s), to_text(s + len(seg) - 1) + 1
            for ps, pe in pieces:
                a, b = max(ps, ts), min(pe, te)
                if a < b:
                    d.add_piece(a, b)
            self.items.append(d)
