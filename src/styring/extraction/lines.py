"""The text as lines with offsets, and what each line is (page furniture, bullet, heading …)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Bullet marks as they come out of Word and PDF: round and square bullets, arrows and check marks,
# and the Symbol/Wingdings private-use code points (U+F0B7, U+F0A7, U+F0D8, U+F076, U+F0FC …).
MAIN_MARKS = "•●▪■·∙➢➤►▶‣⁃✓✔❖◆♦\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf0a8\uf0e8\uf071"
BULLET_RE = re.compile(rf"^(?P<mark>[{MAIN_MARKS}]|o(?=\s)|[-–—◦○▫□*](?=\s))\s*(?P<rest>.*)$")
SUB_MARKS = {"o", "-", "–", "—", "◦", "○", "▫", "□", "*"}
NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,2}){0,3})(?P<dot>\.?)\s+(?P<rest>\S.*)$")
LETTERED_RE = re.compile(r"^(?P<letter>[a-zæøå])[\).]\s+(?P<rest>\S.*)$")
OBLIGATION_RE = re.compile(r"\b(skal|må|bes|ber om|forutsettes|vert bedne|blir bedt)\b", re.IGNORECASE)
URL_RE = re.compile(r"^(?:\d{1,2}\s+)?(?:https?://|www\.|mailto:|tel:)\S*$", re.IGNORECASE)
PAGE_RE = re.compile(r"^(?:\d{1,3}|side \d+ av \d+|\d+ av \d+|- ?\d+ ?-)$", re.IGNORECASE)


@dataclass
class Line:
    idx: int
    start: int  # offset of the stripped content
    end: int
    text: str  # stripped
    raw: str
    furniture: bool = False
    bullet: str | None = None  # "main" | "sub"
    bullet_text: str = ""
    bullet_offset: int = 0  # offset where the bullet's text starts
    mark: str = ""  # the bullet character
    tags: set = field(default_factory=set)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        line = Line(i, pos + lead, pos + lead + len(stripped), stripped, raw)
        m = BULLET_RE.match(stripped) if stripped else None
        if m and (m.group("mark") != "o" or m.group("rest")[:1].isupper()):
            line.bullet = "sub" if m.group("mark") in SUB_MARKS else "main"
            line.bullet_text = m.group("rest")
            line.bullet_offset = line.start + m.start("rest")
            line.mark = m.group("mark")
        lines.append(line)
        pos += len(raw) + 1
    return lines


def mark_furniture(lines: list[Line]) -> None:
    """Page numbers, "Side 4 av 21", links, running headers and footnotes."""
    counts = Counter(ln.text for ln in lines if len(ln.text) >= 20)
    n = len(lines)
    pages: list[int] = []
    i = 0
    while i < n:
        ln = lines[i]
        t = ln.text
        if t:
            if PAGE_RE.match(t) or URL_RE.match(t) or ("/" in t and " " not in t and len(t) >= 20):
                ln.furniture = True
            elif (
                counts.get(t, 0) >= 3 and not ln.bullet and len(t) <= 90 and not t.endswith((".", ",", ":", ";"))
                and not t[:1].islower() and _beside_page_break(lines, pages or _page_breaks(lines, pages), i)
            ):
                # a running header or footer: repeated, and standing next to a page number or form feed
                ln.furniture = True
            elif (
                counts.get(t, 0) >= 3 and not ln.bullet and not OBLIGATION_RE.search(t)
                and not t.endswith((",", ":")) and t.count(",") <= 1 and not _mid_sentence(lines, i)
                and not re.search(r"\boppdrag\b", t, re.IGNORECASE) and not NUMBERED_RE.match(t)
            ):
                ln.furniture = True
        # A footnote block: a separator of many spaces or underscores, then "N text" lines up to the
        # next page (a line that starts with one space) or a blank-line gap.
        if (not t and len(ln.raw) >= 15) or re.fullmatch(r"_{5,}", t):
            j = i + 1
            seen = 0
            while j < n and seen < 12:
                nxt = lines[j]
                if nxt.text:
                    if seen and (re.match(r"^[ \t]+\S", nxt.raw) or nxt.bullet):
                        break
                    if not seen and not re.match(r"^\d{1,2}(?![.)\d])\s*\S", nxt.text):
                        break
                    nxt.furniture = True
                    seen += 1
                j += 1
            i = j
            continue
        i += 1


def _page_breaks(lines: list[Line], pages: list[int]) -> list[int]:
    pages.extend(k for k, ln in enumerate(lines) if ln.text and PAGE_RE.match(ln.text) or "\f" in ln.raw)
    if not pages:
        pages.append(-100)
    return pages


def _beside_page_break(lines: list[Line], pages: list[int], i: int) -> bool:
    import bisect

    k = bisect.bisect_left(pages, i - 3)
    while k < len(pages) and pages[k] <= i + 3:
        lo, hi = sorted((pages[k], i))
        if all(not lines[j].text or lines[j].furniture or j == i for j in range(lo + 1, hi)):
            return True
        k += 1
    return False


def _mid_sentence(lines: list[Line], i: int) -> bool:
    """The line continues a sentence from the line before (which ends without punctuation)."""
    for j in range(i - 1, max(-1, i - 9), -1):
        prev = lines[j].text
        if prev:
            return prev.endswith((",", "og", "i", "av", "til", "for", "som", "med")) or prev[-1:].islower()
    return False


def hyphen_join(text: str) -> str:
    """Text for name matching: words broken at a hyphen across lines are joined ("Sør-\\nØst")."""
    if "-" not in text:
        return text
    for pat in (_HYPHEN_NL, _HYPHEN_SP):
        src = text

        def rep(m: re.Match, src: str = src) -> str:
            i = m.start()
            return "-" if i > 0 and src[i - 1].isalnum() else m.group(0)

        text = pat.sub(rep, src)
    return text


_HYPHEN_NL = re.compile(r"-[ \t\r\f]*\n\s*(?=\w)")
_HYPHEN_SP = re.compile(r"- +(?=[A-ZÆØÅ])")


def norm_ws(text: str) -> str:
    return " ".join(text.split())
