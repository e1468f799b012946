"""`make bench` / `make bench-quick`: run every benchmark script of this directory in turn.

A script is any `benchmarks/*.py` with a `main()` (helpers: common.py, report.py and this one are
not). `--quick` passes each script its own `QUICK_ARGS = [...]` (a module-level list: a smaller
run for every day, e.g. 200 localities); without `QUICK_ARGS` a script runs as in the full run.
Each script writes its own section of docs/performance.md. Exits non-zero if any script failed,
after running the others.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELPERS = {"common.py", "report.py", "run_all.py"}
FIRST = ["provision_all.py", "operate_all.py"]  # the database-heavy ones, one after the other


def quick_args(script: Path) -> list[str] | None:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "QUICK_ARGS" for target in node.targets
        ):
            return list(ast.literal_eval(node.value))
    return None


def scripts() -> list[Path]:
    found = [
        path
        for path in sorted(HERE.glob("*.py"))
        if path.name not in HELPERS and "def main(" in path.read_text(encoding="utf-8")
    ]
    return sorted(
        found,
        key=lambda path: (
            path.name not in FIRST,
            FIRST.index(path.name) if path.name in FIRST else 0,
            path.name,
        ),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="each script's QUICK_ARGS")
    parser.add_argument("only", nargs="*", help="only these scripts (file names)")
    args = parser.parse_args()
    failed = []
    for script in scripts():
        if args.only and script.name not in args.only:
            continue
        extra = (quick_args(script) or []) if args.quick else []
        print(f"=== {script.name} {' '.join(extra)}", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(script), *extra])
        print(
            f"=== {script.name}: exit {code} after {time.monotonic() - started:.0f} s", flush=True
        )
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
