"""Charts drawn on the server as SVG (portals run on closed networks: no CDN, no script), each
beside the table that holds its numbers.

    bars([("Xã Tứ Kỳ", Decimal("70.0")), ("Xã A", None)])
    # Chart(height=…, bars=[Bar(label="Xã Tứ Kỳ", value=Decimal("70.0"), y=…, width=…), …])
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH = 260
BAR_SPACE = 360  # 100 % is this wide
ROW_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    y: int
    width: int
    text_x: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + BAR_SPACE + 60
    label_width: int = LABEL_WIDTH


def bars(rows: list[tuple[str, Decimal | None]]) -> Chart:
    """Horizontal bars of percentages, one row each, in the order given (None: no bar)."""
    drawn = []
    for index, (label, value) in enumerate(rows):
        width = int((value or 0) * BAR_SPACE / 100)
        drawn.append(
            Bar(
                label=label[:40],
                value=value,
                y=index * ROW_HEIGHT,
                width=width,
                text_x=LABEL_WIDTH + width + 6,
            )
        )
    return Chart(bars=drawn, height=max(1, len(drawn)) * ROW_HEIGHT)
