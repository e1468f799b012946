"""What a journey keeps of each page it visits: a screenshot for review and axe-core's verdict.

    walk = Walk(page, "citizen", "phone", report)
    walk.look("register")   # var/browser/screenshots/phone/citizen-01-register.png + axe
    walk.assert_accessible()  # no serious or critical violation on any page looked at

axe-core comes from npm (tests/browser/axe, `npm ci` from its lock file, run by `make test`). It is
added to every page of the browser context by an init script (Chrome DevTools, so no page's
Content-Security-Policy can refuse it) and run on demand against WCAG 2.0/2.1/2.2 A and AA.
The results of every page are written at the end of the session to var/browser/axe-report.json
and axe-report.md (var/ is git-ignored); pytest's summary prints where.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tenants.text import fold
from tests.support import ROOT, require_tool

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "var" / "browser"
SCREENSHOTS = ARTIFACTS / "screenshots"
#: GOV.UK's bar: WCAG 2.2 AA (axe's rules for 2.0, 2.1 and 2.2, levels A and AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}

RUN_AXE = """async (tags) => {
    // The settled page is what is judged, not a message half-way through its fade-in.
    for (const animation of document.getAnimations()) {
        try { animation.finish(); } catch (endless) { animation.cancel(); }
    }
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            resultTypes: ['violations']});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target.join(' '),
                                                 summary: n.failureSummary})),
        count: v.nodes.length,
    }));
}"""


def axe_script() -> Path:
    """axe.min.js, installed from the lock file if `make test` has not done it yet (without npm:
    a skip, or under CI a failure)."""
    if not AXE_SCRIPT.exists():
        require_tool("npm", package="npm")
        subprocess.run([str(AXE_DIR / "install.sh")], check=True)
    return AXE_SCRIPT


def new_context(browser, size: str):
    """A Vietnamese browser context of `size` ("phone" 390×844 or "desktop") with axe loaded."""
    context = browser.new_context(locale="vi-VN", **SIZES[size])
    context.add_init_script(path=str(axe_script()))
    context.set_default_timeout(15_000)
    return context


@dataclass
class PageResult:
    journey: str
    size: str
    step: str
    url: str
    title: str
    screenshot: str
    violations: list[dict]

    @property
    def blocking(self) -> list[dict]:
        return [v for v in self.violations if v["impact"] in BLOCKING]


@dataclass
class Report:
    """Every page the journeys of a session looked at, written out once at the end."""

    pages: list[PageResult] = field(default_factory=list)

    def write(self) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        data = [{**vars(p), "blocking": len(p.blocking)} for p in self.pages]
        (ARTIFACTS / "axe-report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
        lines = [
            "# axe-core on the pages the browser journeys visit",
            "",
            f"{len(self.pages)} page views; rules: {', '.join(WCAG_TAGS)}. "
            "Serious and critical violations fail the journey.",
            "",
            "| Size | Journey | Step | Page | Violations (impact) |",
            "|---|---|---|---|---|",
        ]
        for p in self.pages:
            found = ", ".join(f"{v['id']} ({v['impact']}, {v['count']})" for v in p.violations)
            lines.append(
                f"| {p.size} | {p.journey} | {p.step} | {p.title} `{_path(p.url)}` "
                f"| {found or 'none'} |"
            )
        path = ARTIFACTS / "axe-report.md"
        path.write_text("\n".join(lines) + "\n")
        return path


class Walk:
    """One journey at one size: each `look` saves a screenshot and runs axe on the page."""

    def __init__(self, page, journey: str, size: str, report: Report):
        self.page, self.journey, self.size, self.report = page, journey, size, report
        self.results: list[PageResult] = []
        self.folder = SCREENSHOTS / size
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{journey}-*.png"):
            old.unlink()

    def look(self, step: str) -> PageResult:
        self.page.wait_for_load_state()
        number = len(self.results) + 1
        name = f"{self.journey}-{number:02d}-{re.sub(r'[^a-z0-9]+', '-', fold(step))}.png"
        shot = self.folder / name
        self.page.screenshot(path=str(shot), full_page=True)
        result = PageResult(
            journey=self.journey,
            size=self.size,
            step=step,
            url=self.page.url,
            title=self.page.title(),
            screenshot=str(shot.relative_to(ROOT)),
            violations=self.page.evaluate(RUN_AXE, WCAG_TAGS),
        )
        self.results.append(result)
        self.report.pages.append(result)
        return result

    def assert_accessible(self) -> None:
        failing = [
            f"{r.step} ({_path(r.url)}): "
            + "; ".join(f"{v['id']} [{v['impact']}] {v['help']}: {v['nodes']}" for v in r.blocking)
            for r in self.results
            if r.blocking
        ]
        assert not failing, "serious or critical axe violations:\n" + "\n".join(failing)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)
