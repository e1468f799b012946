"""How a procedure's legal time is shared between the desk's steps: the value types.

A leaf module (it imports nothing of the project) so that the plugin contract can declare shares
without importing models. A plugin declares, e.g.::

    step_shares = StepShares(receive=10, process=60, approve=20, return_result=10, limits=(5, 80))

Each number is a percentage of the procedure's legal time (they add up to 100); `limits` is the
range every share must stay within when a locality adjusts them (`None`: the locality may not).
A plugin that declares nothing gets `DEFAULT_STEP_SHARES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DEFAULT_STEP_SHARES", "Step", "StepShares", "share_problems"]


class Step(models.TextChoices):
    """The desk's steps, in order. A plugin's own in-between states count as processing."""

    RECEIVE = "receive", _("Tiếp nhận")
    PROCESS = "process", _("Xử lý")
    APPROVE = "approve", _("Phê duyệt")
    RETURN = "return_result", _("Trả kết quả")


def share_problems(shares: Mapping[str, Any], limits: tuple[int, int] | None) -> list[str]:
    """What is wrong with `shares` (step → whole percent), in English for `manage.py check`;
    empty when they are fine. Every step needs an int share within `limits` (when given) and the
    shares add up to 100.

    Example: `share_problems({"receive": 10, "process": 60, "approve": 20, "return_result": 5},
    (5, 80))` → ["the step shares add up to 95%, not 100%"].
    """
    problems = []
    if set(shares) != set(Step.values):
        missing = sorted(set(Step.values) - set(shares))
        unknown = sorted(set(shares) - set(Step.values))
        if missing:
            problems.append(f"no share for step(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown step(s) {', '.join(unknown)}")
    for step, share in shares.items():
        if isinstance(share, bool) or not isinstance(share, int) or share < 0:
            problems.append(f"the share of '{step}' must be a whole percentage, got {share!r}")
        elif limits is not None and not limits[0] <= share <= limits[1]:
            problems.append(f"the share of '{step}' ({share}%) is outside {limits[0]}–{limits[1]}%")
    if not problems and sum(shares.values()) != 100:
        problems.append(f"the step shares add up to {sum(shares.values())}%, not 100%")
    return problems


@dataclass(frozen=True)
class StepShares:
    """Percent of the legal time for each step (receive, process, approve, return), and the
    range (`limits`, each share) within which a locality may set its own; `None`: fixed."""

    receive: int
    process: int
    approve: int
    return_result: int
    limits: tuple[int, int] | None = (5, 80)

    def __post_init__(self) -> None:
        problems = share_problems(self.as_dict(), None)
        if self.limits is not None:
            low, high = self.limits
            if not (isinstance(low, int) and isinstance(high, int) and 0 <= low <= high <= 100):
                problems.append("limits must be (low, high) whole percentages, low ≤ high")
            else:
                problems += share_problems(self.as_dict(), self.limits)
        if problems:
            raise ValueError("StepShares: " + "; ".join(dict.fromkeys(problems)))

    def as_dict(self) -> dict[str, int]:
        """`{"receive": 10, "process": 60, "approve": 20, "return_result": 10}`."""
        return {
            Step.RECEIVE.value: self.receive,
            Step.PROCESS.value: self.process,
            Step.APPROVE.value: self.approve,
            Step.RETURN.value: self.return_result,
        }

    def share_of(self, step: str) -> int:
        return self.as_dict()[str(step)]

    def with_local(self, local: Mapping[str, int] | None) -> StepShares:
        """These shares, or a locality's own (already checked against `limits`) when given."""
        if not local:
            return self
        return StepShares(
            receive=local[Step.RECEIVE],
            process=local[Step.PROCESS],
            approve=local[Step.APPROVE],
            return_result=local[Step.RETURN],
            limits=None,
        )


#: What a plugin that declares no `step_shares` gets: the desk's own steps short, processing
#: the bulk (a step of a 3-working-day procedure: receive 10% ≈ 2 h 15 min of working time).
DEFAULT_STEP_SHARES = StepShares(receive=10, process=60, approve=20, return_result=10)
