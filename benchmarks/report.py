"""What every benchmark writes beside its figures: the machine, the load, the commit.

Each benchmark owns one section of docs/performance.md, delimited by HTML comments, and rewrites
only that section (`write_section("lookup", text)`), so benchmarks run separately or by `make
bench` never overwrite each other's figures.
"""

from __future__ import annotations

import datetime as dt
import os
import platform as stdlib_platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERFORMANCE_PAGE = ROOT / "docs" / "performance.md"


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(int(meminfo[1]) / 1024 / 1024, 1),
        "cpu": cpu,
        "os": f"{stdlib_platform.system()} {stdlib_platform.release()}",
        "python": stdlib_platform.python_version(),
    }


def commit() -> str:
    """The commit measured, with `+changes` when the work tree differs from it."""
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head}+changes" if dirty else head


def header(command: str) -> str:
    """One line a reader needs to judge the figures below it."""
    m = machine()
    return (
        f"Measured by `{command}` on {dt.datetime.now():%d/%m/%Y %H:%M} (machine time), commit "
        f"`{commit()}`; {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['os']}, "
        f"Python {m['python']}; load average at the end {load_average()}."
    )


def write_section(name: str, text: str) -> None:
    """Replace (or append) the section `name` of docs/performance.md with `text`."""
    start, end = f"<!-- bench:{name} start -->", f"<!-- bench:{name} end -->"
    page = PERFORMANCE_PAGE.read_text(encoding="utf-8") if PERFORMANCE_PAGE.exists() else ""
    block = f"{start}\n{text.strip()}\n{end}"
    if start in page and end in page:
        before, rest = page.split(start, 1)
        _, after = rest.split(end, 1)
        page = before + block + after
    else:
        page = page.rstrip() + "\n\n" + block + "\n"
    PERFORMANCE_PAGE.write_text(page, encoding="utf-8")
