"""Item rules: which sentences of prose oblige a trust ("Helseforetaket skal …", "X HF bes om …"),
and the fallback for a layout no other rule knows (obliging bullets and numbered points)."""
from __future__ import annotations

import re

from styring.extraction import lexicon as lx
from styring.extraction.draft import Draft
from styring.extraction.layout.lines import NUMBERED_RE, OBLIGATION_RE, Line, hyphen_join
from styring.registry import SUFFIXES, Registry

_EXPECTED = lx.compile(r"^\s*<<it_is_expected>>\s+")
_TOLD = lx.compile(r"^\s*(?:\S+\s+){0,2}?<<told>>\b", flags=0)
_THEY = re.compile(rf"^{lx.title_alt('prose_subject_group')}\s")
_OWNERS_SUBJECT = lx.compile(r"^<<owners>>\b")
_THE_TRUST = lx.compile(r"^<<the_trust>>\b(?!s)")
# the suffix of an organisation's name ("HF", "RHF", from the register) and a parenthesis after it
_SUFFIX_AND_PAREN = re.compile(r"^(?:\s+(?:" + "|".join(SUFFIXES) + r"))?\s*(?:\([^)]*\))?")


def obliged(reg: Registry, sent: str) -> bool:
    """The sentence tells the trust to do something: "Helseforetaket skal …", "X HF bes om …",
    "Det forutsettes at helseforetaket …"."""
    if _EXPECTED.match(sent):
        return subject_rest(reg, sent) is not None
    rest = subject_rest(reg, sent)
    if rest is None:
        return False
    return bool(_TOLD.match(rest))

def other_actor(reg: Registry, sent: str) -> bool:
    """The sentence is about someone else (its subject is another organisation or group)."""
    found = reg.find(hyphen_join(sent.strip()[:160]))
    if _THEY.match(sent.strip()) and found and found[0][0] <= 4:
        return True
    if _OWNERS_SUBJECT.match(sent.strip()):
        return True  # "Eierne bevilger …": the owners, not the trust
    return bool(found) and found[0][0] == 0 and subject_rest(reg, sent) is None

def subject_rest(reg: Registry, sent: str) -> str | None:
    """If the sentence starts with the trust as subject, the text after the subject."""
    s = sent.strip()
    s = _EXPECTED.sub("", s, count=1)
    m = _THE_TRUST.match(s)
    if m:
        return s[m.end():]
    found = reg.find(hyphen_join(s[:160]))
    if not found or found[0][0] != 0 or found[0][2].startswith("group:"):
        return None
    if reg.is_owner_level(found[0][2]):
        return None
    after = hyphen_join(s[:200])[found[0][1]:]
    if re.match(r"^(?:s\b|\s+HFs\b|'s\b)", after):
        return None
    m = _SUFFIX_AND_PAREN.match(after)
    rest = after[m.end():] if m else after
    return rest if re.match(r"^\s*[a-zæøå]", rest) else None


def obligation_fallback(lines: list[Line], text: str, addressees: list[str]) -> list[Draft]:
    """For a document whose structure none of the rules know: each bullet or numbered point that
    states an obligation ("skal", "må", "bes", or under an intro line that does) is an assignment
    for the document's addressees, so an unknown layout still yields its tasks for review."""
    drafts: list[Draft] = []
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
        start = ln.bullet_offset if ln.bullet or numbered is None else ln.start + numbered.start("rest")
        pieces = [(start, ln.end)]
        k += 1
        while k < len(lines) and not lines[k].blank and not lines[k].bullet and not NUMBERED_RE.match(lines[k].text):
            nxt = lines[k]
            if nxt.furniture:
                k += 1
                continue
            short_title = len(nxt.text.split()) <= 8 and nxt.text[:1].isupper() and not nxt.text.endswith((".", ",", ";", ":"))
            ended = text[pieces[-1][1] - 1:pieces[-1][1]] in (".", "!", "?")
            if nxt.heading is not None or (short_title and (nxt.indent < ln.indent or ended)):
                break  # a heading after the point (no blank line before it in a PDF's text)
            pieces.append((nxt.start, nxt.end))
            k += 1
        body = " ".join(text[a:b] for a, b in pieces)
        if len(body) >= 20 and (intro_obliges or OBLIGATION_RE.search(body)):
            d = Draft("assignment", numbered.group("num") if numbered else None, None, list(addressees))
            d.doubt(0.5, "ukjent oppsett: et punkt som pålegger noen noe, kontroller at det er et styringsbudskap")
            for a, b in pieces:
                d.add_piece(a, b)
            d.sources = d.group_spans()
            drafts.append(d)
    return drafts
