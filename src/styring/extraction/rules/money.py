"""Allocations: money the document grants — owner split tables, tables in thousand kroner, budget
tables with a column per trust, and grants in sentences ("N mill. kroner til X", "X tildeles …")."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from styring.extraction import lexicon as lx
from styring.extraction.layout.lines import hyphen_join
from styring.extraction.rules.document import DocInfo
from styring.registry import Registry

_AMOUNT = r"(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)"


def _nok(number: str, unit: str = "mill.") -> int:
    """Whole kroner from "92,85" and "mill."/"millioner"/"mrd."/"milliarder"."""
    factor = 1_000_000_000 if _BILLION.match(unit) else 1_000_000
    return round(float(number.replace(" ", "").replace("\u00a0", "").replace(",", ".")) * factor)


_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_UNIT = r"(?P<unit><<million+billion>>)"
_BILLION = lx.compile(r"<<billion>>")
_THOUSAND = lx.compile(r"<<unit_thousand>>")
_UNIT_ANCHOR = lx.compile(r"<<unit_anchor>>")  # a cheap test before the unit patterns
_GRANT_TITLE = lx.compile(r"<<grant_title>>")
_GRANT_CONTEXT = lx.compile(r"<<grant_context>>")
# "… 92,85 mill. kroner til Helse Sør-Øst RHF", "… 10 mill. kroner til disposisjon for X"
_AMOUNT_TO = lx.compile(rf"{_AMOUNT}\s*{_UNIT}\s*<<kroner>>\s+(?:(?P<disp><<at_disposal>>)\s+|<<to>>\s+)", flags=0)
# the grant word nearest before an amount ("rekrutterings- og samhandlingstilskudd")
_GRANT_WORD = lx.compile(r"\b((?:\w+-\s+og\s+)?\w*<<grant_stem>>\w*|<<grant_named>>)")
# "… tilskuddet til Helse Nord RHF varig styrket med 90 mill. kroner"
_INCREASED = lx.compile(rf"<<grant_noun_stem>>\w*\s+<<to>>\s+([^.]{{3,60}}?)\s+(?:\w+\s+){{0,2}}?<<increased_by>>\s+{_AMOUNT}\s*{_UNIT}")
# "Helse Vest RHF tildeles 125 mill. kroner til økt aktivitet"
_GETS_AMOUNT = lx.compile(rf"\s<<gets>>\s+(?P<n>\d{{1,3}}(?:[ \u00a0]\d{{3}})*(?:,\d+)?)\s*{_UNIT}\s*<<kroner>>"
                          r"(?:\s+(?:<<to>>|i)\s+(?P<purpose>[^.\n]{3,120}))?", flags=0)


def _payer(code: str, info: DocInfo, reg: Registry) -> str | None:
    """Who pays a grant to ``code``: HOD pays the RHFs, the document's issuer everyone else."""
    org = reg.get(code)
    if org is not None and org.kind == "rhf":
        return org.owners[0] if org.owners else None
    return info.issuer[0] if info.issuer else None


def allocations(text: str, info: DocInfo, reg: Registry) -> list[dict[str, Any]]:
    """Grants the document makes: "bevilger … som fordeles slik:" tables split per owner, and
    "N mill. kroner til X" phrases in sentences about grants."""
    out: list[dict[str, Any]] = []
    text = _PIPE.sub("   ", text)  # a Word table's cells ("a | b") read as a text table's columns
    year = info.year
    out.extend(_rhf_column_tables(text, info, reg))
    # Tables in thousand kroner ("Tall i tusen kroner", "Beløp i 1000 kr") with one row per receiver.
    for m in _line_matches(text, _THOUSAND, _UNIT_ANCHOR):
        title = [ln.strip() for ln in text[max(0, m.start() - 300):m.start()].split("\n") if ln.strip()]
        table_purpose = title[-1] if title and _GRANT_TITLE.search(title[-1]) else "tildeling"
        issuer = info.issuer[0] if info.issuer else None
        block = text[m.end():m.end() + 4000]
        seen_rows = False
        for line in block.split("\n"):
            s = line.strip()
            if not s:
                continue
            if _TOTAL_RE.match(s):
                continue
            name_m = re.match(r"^([^\d-]+?)\s{2,}", s)
            if not name_m:
                if seen_rows and re.match(r"^[A-ZÆØÅ]", s) and not re.search(r"\d", s):
                    break
                continue
            found = reg.find(name_m.group(1).strip())
            if len(found) != 1 or found[0][2].startswith("group:") or found[0][2] == issuer:
                continue
            tail = s[name_m.end():]
            values = re.findall(r"-?\d{1,3}(?:[ \u00a0]\d{3})*|(?<!\d)-(?!\d)", tail)
            if not values:
                continue
            total = _total_of(values)
            if total is None:
                continue
            amount = total * 1000
            seen_rows = True
            out.append({"from": issuer, "to": found[0][2], "amount_nok": amount, "year": year, "purpose": table_purpose})
    # "… 92,85 mill. kroner til Helse Sør-Øst RHF, 32,85 mill. kroner til Helse Vest RHF …" in a
    # sentence about grants.
    for am in _AMOUNT_TO.finditer(text):
        before = text[max(0, am.start() - 300):am.start()]
        if not am.group("disp") and not _GRANT_CONTEXT.search(before):
            continue  # ("… til disposisjon for X" is a grant by itself)
        found = reg.find(hyphen_join(text[am.end():am.end() + 80]))
        if not found or found[0][0] != 0 or found[0][2].startswith("group:"):
            continue
        to = found[0][2]
        amount = _nok(am.group(1), am.group("unit"))
        payer = _payer(to, info, reg)
        named = list(_GRANT_WORD.finditer(before))
        purpose_m = named[-1] if named else None  # the grant word nearest before the amount
        purpose = (lx.words("purpose_at_disposal")[0] if am.group("disp") else "tilskudd") \
            if purpose_m is None else " ".join(purpose_m.group(1).lower().split())
        out.append({"from": payer, "to": to, "amount_nok": amount, "year": year, "purpose": purpose})
    # "… tilskuddet til Helse Nord RHF varig styrket med 90 mill. kroner"
    for am in _INCREASED.finditer(text):
        head = re.search(r"(?:\w+-\s+og\s+)?\w*$", text[max(0, am.start() - 60):am.start()])
        first = re.match(r"\w+", text[am.start():])
        word = (head.group(0) if head else "") + (first.group(0) if first else "")
        found = reg.find(hyphen_join(am.group(1)))
        if not found or found[0][2].startswith("group:"):
            continue
        payer = _payer(found[0][2], info, reg)
        amount = _nok(am.group(2), am.group("unit"))
        out.append({"from": payer, "to": found[0][2], "amount_nok": amount, "year": year,
                    "purpose": " ".join(word.lower().split())})
    # "Helse Vest RHF tildeles 125 mill. kroner til økt aktivitet …" / "… får/vert tildelt …": the
    # verb and amount first, then the organisation that ends the words before them
    for am in _GETS_AMOUNT.finditer(text):
        before = text[max(0, am.start() - 80):am.start()]
        subject = hyphen_join(re.split(r"[.:;\n]\s", before)[-1]).strip()
        found = reg.find(subject)
        if not found or found[-1][1] != len(subject) or found[-1][2].startswith("group:"):
            continue  # the words before the verb must end with the organisation's name
        to = found[-1][2]
        payer = _payer(to, info, reg)
        if payer is None or payer == to:
            continue
        amount = _nok(am.group("n"), am.group("unit"))
        purpose = " ".join((am.group("purpose") or "tildeling").split())
        if any(a["to"] == to and a["amount_nok"] == amount for a in out):
            continue
        out.append({"from": payer, "to": to, "amount_nok": amount, "year": year, "purpose": purpose})
    out.extend(_sum_tables(text, info, reg))
    out.extend(_purpose_tables(text, info, reg))
    # sentences that name payer and receiver say who pays: another rule's guess of the same grant
    # (receiver and amount) gives way to them
    stated = _sentence_grants(text, info, reg)
    stated_keys = {(a["to"], a["amount_nok"]) for a in stated}
    out = stated + [a for a in out if (a["to"], a["amount_nok"]) not in stated_keys]
    # the same grant found by two rules (a table row that names its receiver, say) counts once
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for a in out:
        key = (a["from"], a["to"], a["amount_nok"])
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return unique


def _total_of(cells: list[str]) -> int | None:
    """The amount a row grants: the cell that is the sum of the others (a total column, wherever
    it stands), else the last; None when that is no number."""
    values: list[int] = []
    for c in cells:
        c = c.replace(" ", "").replace("\u00a0", "")
        values.append(0 if c in ("-", "–") else int(c) if re.fullmatch(r"-?\d+", c) else 0)
    if len(values) >= 3:
        tolerance = len(values)  # each figure rounded to whole thousands
        for k in range(len(values) - 1, -1, -1):
            if values[k] and abs(values[k] - (sum(values) - values[k])) <= tolerance:
                return values[k]
    last = cells[-1].replace(" ", "").replace("\u00a0", "")
    return int(last) if re.fullmatch(r"-?\d+", last) else None


def _numbers(s: str) -> list[int] | None:
    """Space-grouped numbers ("4 206 234 1 869 605", "-" for zero) from a run of cells; None when
    the run holds anything else."""
    out: list[int] = []
    for chunk in re.split(r"\s{2,}", s.strip()):
        tokens = chunk.split()
        cur: list[str] = []
        for tok in tokens:
            if tok in ("-", "–"):
                if cur:
                    out.append(int("".join(cur)))
                    cur = []
                out.append(0)
                continue
            if not re.fullmatch(r"-?\d{1,3}", tok):
                return None
            if cur and len(tok) == 3 and not tok.startswith("-"):
                cur.append(tok)
            else:
                if cur:
                    out.append(int("".join(cur)))
                cur = [tok]
        if cur:
            out.append(int("".join(cur)))
    return out


def _column_codes(words: list[str], info: DocInfo, reg: Registry) -> list[str | None]:
    region = info.region or (info.issuer[0] if info.issuer else None)
    children = list(reg.children(region)) if region else []
    codes: list[str | None] = []
    for w in words:
        found = reg.find(w)
        if found and found[0][1] - found[0][0] == len(w) and not found[0][2].startswith("group:"):
            codes.append(found[0][2])
            continue
        hit = None
        for o in children:
            if any(n.lower().startswith(w.lower()) for n in (o.name, *o.aliases)) and len(w) >= 4:
                hit = o.code
                break
        codes.append(hit)
    return codes


def _sum_tables(text: str, info: DocInfo, reg: Registry) -> list[dict[str, Any]]:
    """Budget tables with one column per trust and a "Sum" column: the last SUM row of each
    table gives one grant per trust (values in thousand kroner)."""
    out: list[dict[str, Any]] = []
    issuer = info.issuer[0] if len(info.issuer) == 1 else None
    if issuer is None:
        return out
    lines = text.split("\n")
    headers = []
    board_lines = _line_numbers(text, _BOARD)
    for i, line in enumerate(lines):
        if i not in board_lines:
            continue
        if not _ENDS_TOTAL.search(line) and i + 1 < len(lines) and _TOTAL_CELL.fullmatch(lines[i + 1].strip()):
            line = line.rstrip() + " " + lines[i + 1].strip()  # the header's last cell wrapped onto a line of its own
        m = _SUM_HEADER.match(line)
        if m:
            headers.append((i, m))
    for n, (i, m) in enumerate(headers):
        cols = m.group("cols").split()
        codes = _column_codes(cols, info, reg)
        if sum(1 for c in codes if c) < 2:
            continue
        ncols = 2 + len(cols) + 1
        stop = headers[n + 1][0] if n + 1 < len(headers) else min(len(lines), i + 80)
        best = None
        for line in lines[i + 1:stop]:
            if not _TOTAL_RE.match(line.strip()):
                continue
            for ym in reversed(list(re.finditer(r"\b20\d\d\b", line))):
                values = _numbers(line[ym.end():])
                if values is not None and len(values) == ncols:
                    best = (line[:ym.end()], values)
                    break
        if best is None:
            continue
        label, values = best
        purpose = _TOTAL_WORD.sub("", label, count=1).strip().lower()
        title = m.group("title").strip().lower()
        if title and title.split()[0] not in purpose:
            purpose = f"{title}, {purpose}"
        for code, value in zip(codes, values[2:2 + len(cols)]):
            if code and value > 0:
                out.append({"from": issuer, "to": code, "amount_nok": value * 1000, "year": info.year, "purpose": purpose})
    return out


def _line_numbers(text: str, pat: re.Pattern[str]) -> set[int]:
    """The numbers of the lines where ``pat`` matches (one pass over the text, not one per line)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    return {bisect.bisect_left(breaks, m.start()) for m in pat.finditer(text)}


class _Span:
    """A line's span, read like a match (``start()``, ``end()``)."""

    def __init__(self, start: int, end: int) -> None:
        self._s, self._e = start, end

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


def _line_matches(text: str, pat: re.Pattern[str], anchor: re.Pattern[str] | None = None) -> Iterator[_Span]:
    """The lines where ``pat`` matches, as spans (cheaper than a ``^.*x.*$`` pattern); with
    ``anchor``, only lines where the cheaper ``anchor`` matches are tried (a match may run onto the
    next line: the span then ends with it)."""
    seen: set[int] = set()
    for a in (anchor or pat).finditer(text):
        s = text.rfind("\n", 0, a.start()) + 1
        if s in seen:
            continue
        if anchor is None:
            m: re.Match[str] | None = a
        else:
            e = text.find("\n", a.end())
            e = text.find("\n", e + 1) if e >= 0 else -1  # and the next line, for a wrapped unit
            m = pat.search(text, s, len(text) if e < 0 else e)
        if m is None:
            continue
        seen.add(s)
        e = text.find("\n", m.end())
        yield _Span(s, len(text) if e < 0 else e)


# "(i 1 000 kroner)", "Tall i tusen kroner", "Beløp i 1000 kr", "(mill. kroner)": the unit of a table.
_UNIT_RE = lx.compile(r"(?P<k><<unit_thousand>>)|(?P<m><<unit_million>>)")
_HEAD_WORDS = lx.compile(r"\b<<col_purpose+col_amount+col_chapter+col_post>>(?![a-zæøå])")
_POST_RE = lx.compile(r"(?:<<col_chapter>>\s*)?\b\d{3,4}(?:[.,]\s?\d{2}|,?\s+<<col_post>>\s+\d{2})\b")
_AMOUNT_END = re.compile(r"(?<![\d.,])(-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)\s*$")
_TOTAL_RE = lx.compile(r"^<<total>>(?![a-zæøå])")
_TOTAL_WORD = lx.compile(r"^\s*<<total>>\s+")
_TOTAL_CELL = lx.compile(r"<<total>>")
_ENDS_TOTAL = lx.compile(r"\s<<total>>\s*$")
_BOARD = lx.compile(r"<<board>>")
# "Øremerket tilskudd Forskning RHF Styrets disp Finnmark UNN NLSH Helgeland Sum": a title, the
# region's own columns (its share, the board's disposal), one column per trust, a total
_SUM_HEADER = lx.compile(r"^\s*(?P<title>.*?)\s+RHF\s+(?:<<board_disposal>>)\s+(?P<cols>.+?)\s+<<total>>\s*$")


def _purpose_tables(text: str, info: DocInfo, reg: Registry) -> list[dict[str, Any]]:
    """Tables of grants by purpose (an attachment "Tildeling av midlar": Formål | Kap./post | Beløp),
    all to one receiver: the one the table's title names, else the document's one addressee. Each
    row gives one grant of its amount in the table's unit (kroner, thousands, millions); sum rows
    are skipped."""
    out: list[dict[str, Any]] = []
    lines = text.split("\n")
    unit_lines = sorted(k for k in _line_numbers(text, _UNIT_ANCHOR) if _UNIT_RE.search(lines[k]))
    i = 0
    for first in unit_lines:
        if first < i:
            continue  # inside the table just read
        i = first
        unit = _UNIT_RE.search(lines[i])
        if unit is None:
            continue
        factor = 1000 if unit.group("k") else 1_000_000
        title = " ".join(ln.strip() for ln in lines[max(0, i - 2):i + 1])
        receiver = _table_receiver(title, info, reg)
        table: list[dict[str, Any]] = []
        rows = 0
        misses = 0
        j = i + 1
        while j < len(lines) and misses <= 2 and (rows or j - i <= 8):
            raw = lines[j]
            j += 1
            cells = [c.strip() for c in raw.split("|")] if "|" in raw else None
            flat = " ".join(c for c in cells if c) if cells else raw.strip()
            if not flat:
                misses += 1 if rows else 0
                continue
            label, amount = _row(flat, cells)
            if label is None:
                if rows and not _HEAD_WORDS.search(flat):
                    misses += 1
                continue
            misses = 0
            if _TOTAL_RE.match(label):
                continue
            rows += 1
            named = reg.resolve(hyphen_join(label))
            to = named[0] if len(named) == 1 else receiver
            if to is None:
                continue
            payer = _payer(to, info, reg)
            if payer is None or payer == to:
                continue
            table.append({"from": payer, "to": to, "amount_nok": round(amount * factor), "year": info.year,
                          "purpose": " ".join(_POST_RE.sub("", label).split()).strip(" -–:,")})
        # a table of what the issuer passes on to its trusts lists its own share too: no grant
        issuer = info.issuer[0] if len(info.issuer) == 1 else None
        if issuer and sum(1 for a in table if a["from"] == issuer) > len(table) / 2:
            table = [a for a in table if a["to"] != issuer]
        out.extend(table)
        i = max(i + 1, j - misses)
    return out


# a chapter or post cell before a grant's purpose ("732", "kap. 732", "post 70")
_NUMBER_CELL = lx.compile(r"(?:<<col_chapter>>\s*)?\d{1,4}\.?|<<col_post>>\s+\d{1,3}")


def _row(flat: str, cells: list[str] | None) -> tuple[str | None, float]:
    """(label, amount) of a table row: text first, then maybe a chapter/post, the amount last."""
    if cells:
        numeric = [c for c in cells if c and _AMOUNT_END.fullmatch(c.strip())]
        text_cells = [c for c in cells if c and not _AMOUNT_END.fullmatch(c.strip()) and not _POST_RE.fullmatch(c.strip())]
        if not numeric or not text_cells:
            return None, 0.0
        label, amount_text = text_cells[0], numeric[-1]
    else:
        m = _AMOUNT_END.search(flat)
        if m is None:
            return None, 0.0
        before = flat[:m.start()]
        if re.search(r"\S\s{2,}\S", before):
            # a text table's columns: chapter and post cells before the purpose ("732   70   Basisløyving")
            cells_before = [c for c in re.split(r"\s{2,}", before.strip()) if c]
            while len(cells_before) > 1 and _NUMBER_CELL.fullmatch(cells_before[0]):
                cells_before.pop(0)
            before = "  ".join(cells_before)
        label = _POST_RE.sub(" ", before).strip()
        amount_text = m.group(1)
        if not re.search(r"[A-Za-zÆØÅæøå]{3}", label) or re.search(r"\d{3}", label):
            return None, 0.0  # not "text … amount": a header, or several columns of figures
    try:
        amount = float(amount_text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except ValueError:
        return None, 0.0
    return label.strip(), amount


def _table_receiver(title: str, info: DocInfo, reg: Registry) -> str | None:
    """Whom a table of grants is for: the one organisation its title names, else the addressee."""
    named = [c for c in reg.resolve(hyphen_join(title)) if c not in info.issuer]
    if len(named) == 1:
        return named[0]
    return info.addressees[0] if len(info.addressees) == 1 else None


_KRONER = lx.compile(
    r"(?<![\d,])(?P<n>\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)\s*(?P<unit><<million+billion>>)?"
    r"\s*<<kroner>>(?![a-zæøå])")
# giving verbs (the subject pays) and receiving verbs (the subject is paid)
_GIVES = lx.compile(r"\b<<gives>>\b")
_GETS = lx.compile(r"\b<<gets>>\b")
_OPENS_FROM = lx.compile(r"^\s*<<from>>\s")
_FROM_BEFORE = lx.compile(r"\b<<from>>\s+$")
_TO_BEFORE = lx.compile(r"\b(?:<<at_disposal>>|<<to>>)\s+$")
_PURPOSE = lx.compile(r"\b(?:i|<<to>>|for)\s+((?:[a-zæøå]+[- ]){0,4}?<<grant_noun>>\w*(?:\s+\d{4})?)")


def _sentence_grants(text: str, info: DocInfo, reg: Registry) -> list[dict[str, Any]]:
    """Grants stated in one sentence with payer and receiver: "X bevilger N kroner … til Y",
    "Y tildeles N kroner fra X", "Fra X får Y N kroner" — one amount per sentence."""
    out: list[dict[str, Any]] = []
    for _sentence_start, sentence in _sentences_with_amounts(text):
        amounts = list(_KRONER.finditer(sentence))
        if len(amounts) != 1:
            continue
        am = amounts[0]
        joined = hyphen_join(sentence)
        found = [(s, e, c) for s, e, c in reg.find(joined) if not c.startswith("group:")]
        if len(found) < 2:
            continue
        payer = receiver = None
        if _OPENS_FROM.match(joined) and _GETS.search(joined[found[0][1]:found[1][0]]):
            payer, receiver = found[0][2], found[1][2]  # "Fra X får Y N kroner"
        else:
            for s_, _, c in found:
                before = joined[max(0, s_ - 24):s_].lower()
                if _FROM_BEFORE.search(before):
                    payer = payer or c
                elif _TO_BEFORE.search(before) and s_ > am.start():
                    receiver = receiver or c
            subject = found[0] if found[0][0] < 6 else None  # the organisation that opens the sentence
            verbs = joined[subject[1]:am.start()] if subject else ""
            if subject and _GIVES.search(verbs) and payer is None:
                payer = subject[2]
            elif subject and _GETS.search(verbs) and receiver is None:
                receiver = subject[2]
        if payer is None or receiver is None or payer == receiver:
            continue
        amount = _nok(am.group("n"), am.group("unit")) if am.group("unit") else round(
            float(am.group("n").replace(" ", "").replace("\u00a0", "").replace(",", ".")))
        out.append({"from": payer, "to": receiver, "amount_nok": amount, "year": info.year,
                    "purpose": _grant_purpose(sentence)})
    return out


def _sentences_with_amounts(text: str) -> Iterator[tuple[int, str]]:
    """(start, sentence) for each sentence that names an amount in kroner."""
    for m in _KRONER.finditer(text):
        start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n\n", 0, m.start()) + 2, 0)
        end_m = re.compile(r"\.(?=\s|$)|\n\s*\n").search(text, m.end())
        end = end_m.end() if end_m else len(text)
        yield start, text[start:end]


def _grant_purpose(sentence: str) -> str:
    m = _PURPOSE.search(sentence)
    return " ".join(m.group(1).split()) if m else "tildeling"


_UNIT_WORDS = lx.compile(r"(?P<m><<million+billion>>)|(?P<k><<unit_thousand>>)")
# the heading of an owners' grant to one trust ("Finansiering – eiernes bevilgning til X")
_OWNERS_HEADING = lx.compile(r"<<owners_grant_heading>>[^\n]{0,40}?\b<<to>>\s+([^\n]+(?:\n[^\n]+)?)")
_TABLE_PURPOSE = lx.compile(r"<<gives>>[^.]*?(?:i|<<to>>)\s+([a-zæøå ]*?<<grant_kind>>)", flags=0)


# a row's label: a purpose with a year, a year, or a purpose; then its amounts
_ROW_LABEL = re.compile(
    r"^(?P<label>[A-Za-zÆØÅæøå][^\d|]*?\s+20\d\d|20\d\d|[A-Za-zÆØÅæøå][^\d|]*?)\s+(?P<tail>[-–\d].*)$")


def _rhf_column_tables(text: str, info: DocInfo, reg: Registry) -> list[dict[str, Any]]:
    """Tables with a column per regional health authority ("Helse Nord  Helse Midt-Norge  Helse
    Vest  Helse Sør-Øst", in any order, maybe with a sum column): in the ministry's documents the
    columns are the RHFs it grants to; in the RHFs' joint order to a jointly owned trust they are
    the owners who pay it (the receiver from the heading "… bevilgning til X", else the one
    addressee). Each row (a purpose or a year, then one amount per column) gives one grant per
    column, in the table's unit (from its header or the sentence before it)."""
    out: list[dict[str, Any]] = []
    lines = text.split("\n")
    ministry = any(c in reg.ministry() for c in info.issuer)
    rhfs = set(reg.rhfs())
    hints = _rhf_hints(reg)
    hinted = _line_numbers(text, hints)
    skip_to = -1
    for i, line in enumerate(lines):
        if i <= skip_to or i not in hinted:
            continue
        joined = hyphen_join(line)
        found = [(s, e, c) for s, e, c in reg.find(joined) if c in rhfs]
        columns = list(dict.fromkeys(c for _, _, c in found))
        last = i
        if len(columns) < 3 and len(line.strip()) <= 40 and not re.search(r"\d", line):
            # a PDF table's header whose cells wrapped in their columns: one cell (or part) a line
            k = i
            while k + 1 < len(lines) and k - i < 10 and lines[k + 1].strip() and len(lines[k + 1].strip()) <= 40 \
                    and not re.search(r"\d", lines[k + 1]):
                k += 1
            joined = hyphen_join("   ".join(ln.strip() for ln in lines[i:k + 1]))
            found = [(s, e, c) for s, e, c in reg.find(joined) if c in rhfs]
            columns = list(dict.fromkeys(c for _, _, c in found))
            last = k
        if len(columns) < 3:
            continue
        skip_to = last
        rest = joined
        for s, e, _ in reversed(found):
            rest = rest[:s] + " " + rest[e:]
        if len(re.findall(r"[A-Za-zÆØÅæøå]{2,}", rest)) > 4:
            continue  # a sentence that names the RHFs, not a table header
        context = " ".join(lines[max(0, i - 4):i + 1])
        unit = None
        for um in _UNIT_WORDS.finditer(context):
            unit = 1_000_000 if um.group("m") else 1_000
        receiver = None
        if not ministry:
            before = "\n".join(lines[max(0, i - 60):i])
            heads = list(_OWNERS_HEADING.finditer(before))
            codes = reg.resolve(hyphen_join(heads[-1].group(1))) if heads else []
            receiver = codes[0] if codes else (info.addressees[0] if len(info.addressees) == 1 else None)
            if receiver is None:
                continue
        purpose_m = _TABLE_PURPOSE.search(" ".join(lines[max(0, i - 6):i]))
        misses = 0
        for row in lines[last + 1:last + 30]:
            cell = row.strip()
            if not cell:
                continue
            label_m = _ROW_LABEL.match(cell)
            values = _row_values(label_m.group("tail"), len(columns)) if label_m else None
            if label_m is None or values is None:
                misses += 1
                if misses > 1:
                    break
                continue
            misses = 0
            label = label_m.group("label").strip()
            purpose = (label.lower() if re.search(r"[a-zæøå]{3}", label, re.IGNORECASE) else
                       (purpose_m.group(1).strip() if purpose_m else lx.words("purpose_owners")[0] if not ministry else "tildeling"))
            if _TOTAL_RE.match(purpose):
                continue
            factor = unit or (1_000_000 if any("," in v for v in values) else 1)
            for code, raw in zip(columns, values):
                try:
                    amount = round(float(raw.replace(" ", "").replace("\u00a0", "").replace(",", ".")) * factor)
                except ValueError:
                    continue
                if amount <= 0:
                    continue
                payer, to = (_payer(code, info, reg), code) if ministry else (code, receiver)
                out.append({"from": payer, "to": to, "amount_nok": amount, "year": info.year, "purpose": purpose})
    return out


@cache
def _rhf_hints(reg: Registry) -> re.Pattern[str]:
    """A quick test for a line that may name an RHF: the first word of any of their names."""
    firsts = {sp.split()[0] for o in reg.all() if o.kind == "rhf" for sp in (o.name, o.code, *o.aliases)}
    return re.compile("|".join(sorted(map(re.escape, firsts), key=len, reverse=True)))


def _row_values(tail: str, columns: int) -> list[str] | None:
    """A row's amounts, one per column (a last sum column is left out): cells apart by runs of
    spaces, else numbers apart by single spaces ("9,7 9,9 10,6 15,7")."""
    cells = [c for c in re.split(r"\s{2,}", tail.strip()) if c]
    if all(re.fullmatch(r"-|–|-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?", c) for c in cells) and len(cells) in (columns, columns + 1):
        return ["0" if c in "-–" else c for c in cells[:columns]]
    tokens = tail.split()
    if all(re.fullmatch(r"-?\d+(?:,\d+)?", t) for t in tokens) and len(tokens) in (columns, columns + 1):
        return tokens[:columns]
    return None
