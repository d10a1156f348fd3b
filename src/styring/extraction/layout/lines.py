"""The text as lines with offsets, and the marks a line carries (bullet, number, letter)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from styring.extraction import lexicon as lx

# Bullet marks as they come out of Word and PDF: round and square bullets, arrows and check marks,
# and the Symbol/Wingdings private-use code points (U+F0B7, U+F0A7, U+F0D8, U+F076, U+F0FC …).
MAIN_MARKS = "•●▪■·∙➢➤►▶‣⁃✓✔❖◆♦\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf0a8\uf0e8\uf071"
BULLET_RE = re.compile(rf"^(?P<mark>[{MAIN_MARKS}]|o(?=\s)|[-–—◦○▫□*](?=\s))\s*(?P<rest>.*)$")
SUB_MARKS = {"o", "-", "–", "—", "◦", "○", "▫", "□", "*"}
NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,2}){0,3})(?P<dot>\.?)\s+(?P<rest>\S.*)$")
LETTERED_RE = re.compile(r"^(?P<letter>[a-zæøå])[\).]\s+(?P<rest>\S.*)$")
OBLIGATION_RE = lx.compile(r"\b(<<obligation>>)\b")
URL_RE = lx.compile(r"^(?:\d{1,2}\s+)?<<url_start>>\S*$")
PAGE_RE = lx.compile(r"^(?:\d{1,3}|<<page_number>>|- ?\d+ ?-)$")


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
    mark: str = ""  # the bullet character ("" when the list item was inferred from its shape)
    indent: int = 0  # leading white space in columns (a tab counts 4)
    inferred: str = ""  # why the layout layer made this a list item without a mark (a Norwegian reason)
    after_list: bool = False  # the first line of a paragraph that follows a list after a blank line
    heading: int | None = None  # the file marks the line as a heading of this level (DOCX style, PDF font)
    list_level: int | None = None  # the file marks the line as a list paragraph of this level (DOCX)
    wrapped: bool | None = None  # the file says the line goes on from a full line before it (PDF geometry)

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
        if lead:
            line.indent = len(raw[:lead].replace("\t", "    ").replace("\f", ""))
        m = BULLET_RE.match(stripped) if stripped else None
        if m and (m.group("mark") != "o" or m.group("rest")[:1].isupper()):
            line.bullet = "sub" if m.group("mark") in SUB_MARKS else "main"
            line.bullet_text = m.group("rest")
            line.bullet_offset = line.start + m.start("rest")
            line.mark = m.group("mark")
        lines.append(line)
        pos += len(raw) + 1
    return lines


def hyphen_join(text: str) -> str:
    """Text for name matching: words broken at a hyphen across lines are joined ("Sør-\\nØst")."""
    if "-" not in text:
        return text
    for pat in (_HYPHEN_NL, _HYPHEN_SP):
        src = text

        def rep(m: re.Match[str], src: str = src) -> str:
            i = m.start()
            return "-" if i > 0 and src[i - 1].isalnum() else m.group(0)

        text = pat.sub(rep, src)
    return text


_HYPHEN_NL = re.compile(r"-[ \t\r\f]*\n\s*(?=\w)")
_HYPHEN_SP = re.compile(r"- +(?=[A-ZÆØÅ])")


def norm_ws(text: str) -> str:
    return " ".join(text.split())
