"""How sure the extractor is of each item and of the document's giver and addressees, and why.

Each rule that guesses leaves a doubt on the draft (``Draft.doubt``); this module adds the doubts
that only show at the end (recipients that are only the document's assumed addressees, an item
with nobody to act, a text that runs very long) and writes the ``review`` objects of the result:
``{"confidence": 0.75, "reasons": ["liste uten punkttegn, gjenkjent fra innrykk", …]}`` per item
and ``{"issuer": {"confidence": …, "reason": …}, "addressees": {…}}`` for the document. The review
screen shows the least sure first.
"""
from __future__ import annotations

from typing import Any

from styring.extraction.draft import Draft
from styring.extraction.rules.document import DocInfo

NEEDS_A_LOOK = 0.8  # below this, an item is listed among those to check
LONG_TEXT = 2500  # characters: an item this long has probably swallowed what follows it


def item_review(d: Draft, body: str, info: DocInfo) -> dict[str, Any]:
    addressee_confidence, addressee_reason = info.notes.get("addressees", (1.0, ""))
    if not d.recipients:
        d.doubt(0.6, "fant ingen mottaker")
    elif sorted(d.recipients) == sorted(info.addressees) and addressee_confidence < 0.9:
        d.doubt(1.0 - addressee_confidence, addressee_reason)
    if len(body) > LONG_TEXT:
        d.doubt(0.3, "lang tekst: kontroller hvor budskapet slutter")
    reasons = [reason for _, reason in sorted(d.doubts, key=lambda x: -x[0])] + d.reasons
    return {"confidence": d.confidence(), "reasons": reasons}


def document_review(info: DocInfo) -> dict[str, Any]:
    return {
        name: {"confidence": round(confidence, 2), "reason": reason}
        for name, (confidence, reason) in info.notes.items()
    }
