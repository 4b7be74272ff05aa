"""Geometry for a bar chart, computed on the server so no JavaScript is needed.

The petition's signatures chart in the admin draws its SVG from these numbers. The figures
block in stories draws HTML rows instead, each bar `Bar.percent` of the row's track wide, so
its labels are text at the page's own size on every screen rather than SVG text scaled with
the drawing; keeping the arithmetic here makes it testable.
"""

from dataclasses import dataclass
from decimal import Decimal

# Drawn in a narrow coordinate space so the text stays legible when the chart is scaled down
# to share a column with its table.
VIEW_WIDTH = 500
LABEL_WIDTH = 200
VALUE_WIDTH = 62
BAR_HEIGHT = 24
ROW_GAP = 10
TRACK_WIDTH = VIEW_WIDTH - LABEL_WIDTH - VALUE_WIDTH


def format_number(value):
    """1234.50 -> '1,234.5'; 785.00 -> '785'."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    y: int
    width: float

    @property
    def display_value(self):
        return format_number(self.value)

    @property
    def percent(self):
        """The bar's length as a share of the longest bar's, for a track of any width."""
        return round(self.width / TRACK_WIDTH * 100, 1)

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT * 0.68

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + 8


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]

    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT
    view_width = VIEW_WIDTH

    @classmethod
    def from_rows(cls, rows):
        rows = [(str(label), Decimal(value)) for label, value in rows]
        largest = max((value for _, value in rows), default=Decimal(0))
        track = TRACK_WIDTH
        bars = tuple(
            Bar(
                label=label,
                value=value,
                y=index * (BAR_HEIGHT + ROW_GAP),
                # A zero row still gets a sliver so a reader sees the row exists.
                width=round(max(float(value / largest) * track, 2.0), 1) if largest else 2.0,
            )
            for index, (label, value) in enumerate(rows)
        )
        return cls(bars=bars)

    @property
    def height(self):
        return max(len(self.bars) * (BAR_HEIGHT + ROW_GAP) - ROW_GAP, BAR_HEIGHT)

    @property
    def total(self):
        return format_number(sum((bar.value for bar in self.bars), Decimal(0)))
