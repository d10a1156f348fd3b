"""``make bench``: run every ``benchmarks/bench_*.py`` and print its figures.

Each module has a ``main()`` that prints lines of the form ``name: value unit (goal …)``.
Speed and memory goals live here, not in the test suite.
"""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            result = module.main()
            failed += bool(result)
        except Exception as exc:  # report and go on with the other benchmarks
            failed += 1
            print(f"   feilet: {exc!r}")
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
