"""Read a machine-evaluable target from an indicator item's text (plain Python, no Django).

One small rule per way the steering documents state a target, each kept with its kind
(``targets.TargetKind.parse_rules``, the words in ``vocabulary``); each is tried on each sentence,
in the order of ``targets.parse_rules()`` (the most specific first). ``parse_targets`` returns the series the text
sets targets for: one unnamed series for most items, several named ones where one indicator has a
target per area ("lavere enn 50 dager for somatikk, 40 dager for psykisk helsevern voksne …") or
per sentence ("Antall lærlinger … skal økes …. Andel helsefagarbeidere skal være minimum 5 prosent").
What no rule reads is left to the reviewer, with a note saying why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from styring.indicators import vocabulary as words
from styring.indicators.targets import (
    NUM,
    Series,
    Target,
    parse_rules,
    to_number,
    unit_of,
)

__all__ = ["NUM", "Parsed", "parse_targets", "sentences", "to_number", "unit_of"]


@dataclass
class Parsed:
    """What an item's text says about its target(s)."""

    series: Series = field(default_factory=list)  # ("", target) for a single series
    note: str = ""  # why nothing was read (for the reviewer)
    attachment: int | None = None  # "jf. vedlegg nr. 3": the targets are in that attachment

    @property
    def found(self) -> bool:
        return bool(self.series) or self.attachment is not None


_ATTACHMENT = re.compile(rf"\b{words.alt(words.ATTACHMENT_REFERENCE)}\s+vedlegg\s+(?:nr\.?\s*)?(\d+)", re.I)
_ORG_SPECIFIC = re.compile(words.alt(words.PER_TRUST), re.I)
_MODAL = re.compile(rf"\s+{words.alt(words.MODALS)}\s")
_MEASURED_IN = re.compile(rf"\({words.MEASURED_IN} ([^)]{{1,40}})\)")


def sentences(text: str) -> list[str]:
    """Sentences: a full stop, then a capital letter (so "15 pst. sammenliknet" stays one)."""
    text = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“])", text) if s.strip()]


def _subject(sentence: str) -> str:
    """The measure a sentence is about: the words before "skal" ("Andel helsefagarbeidere")."""
    head = _MODAL.split(sentence, maxsplit=1)[0]
    head = re.sub(r"^\w[\w -]*:\s+", "", head).strip(" ,.")
    return head if len(head) <= 60 else head[:60].rsplit(" ", 1)[0] + " …"


def parse_targets(text: str) -> Parsed:
    """The targets an indicator's text sets; see the module docstring."""
    reference = _ATTACHMENT.search(text)
    if reference:
        return Parsed(attachment=int(reference.group(1)), note=f"Målene står i vedlegg {reference.group(1)}.")
    if _ORG_SPECIFIC.search(text):
        return Parsed(note="Kravet er ulikt for ulike foretak: angi mål per foretak.")
    per_sentence: list[tuple[str, Series]] = []
    rules = parse_rules()  # every registered kind's, the most specific first
    for sentence in sentences(text):
        for rule in rules:
            found = rule.read(sentence)
            if found:
                per_sentence.append((sentence, found))
                break
    if not per_sentence:
        return Parsed(note="Fant ikke noe tall eller noen retning å måle mot.")
    measured_in = _MEASURED_IN.search(text)
    if measured_in:  # "(målt i DDD/100 liggedøgn)": the unit of a measure the rules found none for
        per_sentence = [(s, [(n, t if t.unit else replace(t, unit=measured_in.group(1).strip())) for n, t in found])
                        for s, found in per_sentence]
    if len(per_sentence) == 1:
        return Parsed(series=per_sentence[0][1])
    # A baseline for the year followed by long-term goals per area: each area's target is the
    # baseline, met in any case once the long-term goal is reached.
    first, rest = per_sentence[0][1], [s for _, found in per_sentence[1:] for s in found]
    if (len(first) == 1 and first[0][1].target_kind.takes_long_term_goals and len(rest) > 1
            and all(name and t.target_kind.plain_level for name, t in rest)):
        base = first[0][1]
        return Parsed(series=[(name, Target(base.kind, base.better, base.value, base.inclusive, t.unit,
                                            baseline_year=base.baseline_year, change_unit=base.change_unit,
                                            goal=t.value)) for name, t in rest])
    series: Series = []
    for sentence, found in per_sentence:
        if len(found) == 1 and not found[0][0]:
            series.append((_subject(sentence), found[0][1]))
        else:
            series.extend(found)
    return Parsed(series=series)
