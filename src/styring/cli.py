"""The ``styring`` console command.

``styring extract FILE`` runs the extractor without starting Django (fast, no database);
every other sub-command is a Django management command (``styring migrate``, ``styring serve``,
``styring import``, ``styring remind`` …).
"""
from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "extract":
        from styring.extraction.cli import main as extract_main

        return extract_main(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styring.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["styring", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
