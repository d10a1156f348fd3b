"""``python -m styring.cluster run|check``."""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command == "run":
        from styring.cluster.launcher import run

        return run()
    if command == "check":
        from styring.cluster.check import main as check

        return check(argv[1:])
    print("Bruk: python -m styring.cluster run|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
