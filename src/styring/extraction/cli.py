"""``styring extract FILE [--json]``: print the extraction of one document."""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Any

from styring.extraction.errors import ExtractionError, NoItemsFound
from styring.extraction.review import NEEDS_A_LOOK


def _table(result: dict[str, Any]) -> str:
    doc = result["document"]
    lines = [
        f"Utsteder: {', '.join(doc['issuer']) or '–'}   År: {doc['year'] or '–'}   Språk: {doc['language']}",
        f"{len(result['items'])} styringsbudskap:",
        f"{'Type':<11} {'Ref':<6} {'HM':<3} {'Mottakere':<28} {'Frister':<24} Tekst",
    ]
    kinds = {"goal": "mål", "indicator": "indikator", "assignment": "oppdrag"}
    for it in result["items"]:
        text = it["text"]
        short = text if len(text) <= 60 else text[:57] + "…"
        lines.append(
            f"{kinds.get(it['kind'], it['kind']):<11} {it['ref'] or '':<6} {it['main_goal'] or '':<3} "
            f"{','.join(it['recipients'])[:28]:<28} {','.join(it['deadlines'])[:24]:<24} {short}"
        )
    doubtful = [it for it in result["items"] if it.get("review", {}).get("confidence", 1.0) < NEEDS_A_LOOK]
    if doubtful:
        lines.append(f"{len(doubtful)} budskap bør kontrolleres:")
        for it in sorted(doubtful, key=lambda it: it["review"]["confidence"]):
            lines.append(f"  {it['review']['confidence']:.2f}  {it['text'][:50]}  ({'; '.join(it['review']['reasons'])})")
    for name, note in doc.get("review", {}).items():
        if note["confidence"] < NEEDS_A_LOOK:
            label = {"issuer": "Utsteder", "addressees": "Mottakere"}.get(name, name)
            lines.append(f"{label} usikker ({note['confidence']:.2f}): {note['reason']}")
    if result["reporting_deadlines"]:
        lines.append("Rapporteringsfrister: " + "; ".join(f"{d['date']} {d['what']}" for d in result["reporting_deadlines"]))
    if result["allocations"]:
        lines.append(f"Tildelinger: {len(result['allocations'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "extract":
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="styring extract", description="Hent ut styringsbudskap fra et dokument.")
    parser.add_argument("file", help="dokumentet (.txt, .pdf eller .docx)")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON (objektet i uttrekkskontrakten)")
    parser.add_argument("--review", action="store_true",
                        help="ta med hvor sikker uttrekket er og hvorfor (feltet «review») i JSON-utskriften")
    args = parser.parse_args(argv)
    from styring.extraction import contract_object, extract_file

    try:
        result = extract_file(args.file)
    except NoItemsFound as err:
        # the document was read but holds no items: still the contract's object, for tools
        print(f"Advarsel: {err}", file=sys.stderr)
        result = err.result
    except ExtractionError as err:
        print(f"Feil: {err}", file=sys.stderr)
        return 2
    if args.json:
        out = json.dumps(result if args.review else contract_object(result), ensure_ascii=False, indent=2)
    else:
        out = _table(result)
    stream = sys.stdout
    with contextlib.suppress(AttributeError, ValueError):
        stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    stream.write(out + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
