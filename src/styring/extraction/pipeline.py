"""The extraction pipeline: text → layout → document facts → item drafts → merged repeats →
fields → the contract object (extraction-contract.md)."""
from __future__ import annotations

from typing import Any

from styring.extraction import layout, review
from styring.extraction.draft import Draft, d_text, dedupe
from styring.extraction.errors import ExtractionError, NoItemsFound
from styring.extraction.layout.furniture import footnote_numbers, strip_footnote_marks
from styring.extraction.layout.lines import hyphen_join
from styring.extraction.layout.whitespace import original_offset, squeeze, squeezed_offset
from styring.extraction.parser import Parser
from styring.extraction.rules import (
    calendar,
    document,
    fields,
    items,
    money,
    profiles,
    statements,
    structure,
    tables,
    template,
)
from styring.extraction.source import LineHint
from styring.registry import load_registry


def _source(start: int, end: int, offset_map: list[tuple[int, int]] | None, original: str) -> dict[str, Any]:
    if offset_map is None:
        return {"start": start, "end": end}
    if end <= start:
        return {"start": original_offset(start, offset_map), "end": original_offset(start, offset_map)}
    return {"start": original_offset(start, offset_map), "end": original_offset(end - 1, offset_map) + 1}


def _apply_statements(drafts: list[Draft], found: list[statements.Statement], *, template_sets_reporting: bool) -> None:
    """Give each draft the reporting of every document-wide statement that governs it, with the
    statement's sentence as an extra source. Where a reporting template sets each item's reporting,
    only statements about the "Annen oppgave" items still apply."""
    for st in found:
        if template_sets_reporting and st.origin is None:
            continue
        for d in drafts:
            if st.governs(d.kind, d.main_goal, d.origin):
                d.reporting.add(st.reporting)
                if (st.start, st.end) not in d.sources:
                    d.sources.append((st.start, st.end))
                d.reasons.append(st.reason)


def extract(text: str, *, filename: str | None = None, hints: dict[int, LineHint] | None = None) -> dict[str, Any]:
    """The contract object for a steering document's text (with review notes; see
    ``contract_object``). ``hints`` are what a PDF or DOCX reader knew about the text's lines.
    Raises ExtractionError (NoItemsFound when the text holds no recognisable steering items)."""
    if not isinstance(text, str):
        raise ExtractionError("Teksten kunne ikke leses. Kontroller at filen er et tekstdokument.")
    if not text.strip():
        raise ExtractionError("Dokumentet er tomt. Last opp et styringsdokument med tekst.")
    original = text
    text, offset_map = squeeze(text)
    reg = load_registry()
    info = document.analyse(text, reg)
    tmpl = template.find_template(text, original.split("\n") if offset_map is not None else None)
    skip: set[int] = set()

    def as_read(start: int, end: int) -> str:
        """The text as read (white space not squeezed) of a span of ``text``: table columns."""
        src = _source(start, end, offset_map, original)
        return original[src["start"]:src["end"]]

    layout_ = layout.build(text, hints=hints, lead_in=structure.introduces_list, list_line=structure.is_recipient_line)
    profile = profiles.choose(text, info.issuer)
    parser = Parser(layout_, reg, info, skip, profile)
    if tmpl is not None:
        for ln in parser.lines:
            if tmpl.start <= ln.start < tmpl.end:
                skip.add(ln.idx)
    table_spans = tables.find_tables(text)
    for extra in table_spans:
        for ln in parser.lines:
            if extra[0] <= ln.start < extra[1]:
                skip.add(ln.idx)
    drafts = parser.run()
    # group words that mean the document's addressees ("helseforetakene") name no one new
    addressee_groups = {"group:" + g.name for g in reg.group_objects() if g.members is None}
    for d in drafts:
        if not d.explicit_who:
            # "Aktivitetsmål 2024: Sykehusforetakene skal …": a group named as the subject
            head = " ".join(d_text(d, text).split()[:12])
            for _, _, target in reg.find(hyphen_join(head)):
                if target.startswith("group:") and target not in addressee_groups:
                    who = parser.resolve(head)
                    if who:
                        d.recipients = who
                    break
        d.ntext = len(d.groups)
        d.sources = d.group_spans()
        if d.informed_flag:
            d.informed = [c for c in info.addressees if c not in d.recipients]
    drafts = dedupe(drafts, text, reg)
    for span in table_spans:
        tables.merge_table(drafts, text, span, info, create=tmpl is None, as_read=as_read)
    if tmpl is not None:
        template.merge_rows(drafts, tmpl, text, reg, info)
    # reporting tables whatever their header says, read from the text as read (their columns are
    # runs of spaces)
    taken = [tuple(_source(s, e, offset_map, original).values()) for s, e in
             table_spans + ([(tmpl.start, tmpl.end)] if tmpl is not None else [])]
    rows = [(squeezed_offset(s, offset_map), squeezed_offset(e, offset_map), row, modes)
            for s, e, row, modes in tables.frequency_rows(original, taken)]
    tables.merge_frequency_rows(drafts, text, rows)
    if not drafts:
        drafts = items.obligation_fallback(parser.lines, text, info.addressees)
    _apply_statements(drafts, statements.find_statements(text), template_sets_reporting=tmpl is not None)
    out: list[dict[str, Any]] = []
    notes = footnote_numbers(parser.lines)
    for d in drafts:
        body = d_text(d, text)
        if not body:
            continue
        reporting = set(fields.reporting_of(body)) | d.reporting
        if d.reporting_override is not None:
            reporting = set(d.reporting_override) | ({"annual"} if "annual" in d.reporting else set())
        who = fields.trailing_who(body, reg, parser.resolve)
        if who:
            d.recipients = who
        deadlines = list(fields.deadlines_of(body, info.year))
        for x in d.deadlines:
            if x not in deadlines:
                deadlines.append(x)
        out.append({
            "kind": d.kind,
            "ref": d.ref,
            "main_goal": d.main_goal,
            "text": body,  # as the document has it (footnote marks too)
            "shown_text": strip_footnote_marks(body, notes),  # what the register shows: no "mill.6"
            "recipients": list(d.recipients),
            "informed": list(d.informed),
            "lead": fields.lead_of(body, reg, info.region),
            "deadlines": deadlines,
            "reporting": [r for r in ("monthly", "tertial", "annual", "deviation", "risk") if r in reporting],
            "source": [_source(s, e, offset_map, original) for s, e in d.sources],
            "review": review.item_review(d, body, info),
        })
    out.sort(key=lambda it: it["source"][0]["start"] if it["source"] else 0)
    # where the items' own texts stand (not repeats, not the statements that govern them)
    item_text = [
        (src["start"], src["end"]) for d in drafts if d.origin == "body"
        for src in (_source(s, e, offset_map, original) for s, e in d.group_spans()[:d.ntext or None])
    ]
    result = {
        "document": {"issuer": info.issuer, "year": info.year, "language": info.language,
                     "review": review.document_review(info)},
        "items": out,
        "reporting_deadlines": calendar.reporting_deadlines(original, info, item_text, taken),
        "allocations": money.allocations(original, info, reg),
    }
    if not out:
        raise NoItemsFound(
            "Fant ingen styringsbudskap (mål, indikatorer eller oppdrag) i dokumentet. "
            "Kontroller at det er et styringsdokument med tekst, ikke et skannet bilde.",
            result,
        )
    return result
