"""Geometry for server-rendered SVG charts (templates/opendata/_charts.html draws them)."""

from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 44


@dataclass
class Chart:
    width: int
    height: int
    bars: list = field(default_factory=list)  # dicts: x, y, w, h, css, label, value
    ticks: list = field(default_factory=list)  # dicts: y, label (value axis)
    labels: list = field(default_factory=list)  # dicts: x, y, text, anchor (category axis)
    target: dict | None = None  # x1, x2, y, label
    legend: list = field(default_factory=list)  # (css, label)


def _nice_max(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if value <= step * 4:
            return step * 4
    return value


def columns(categories: list[str], series: list[tuple[str, str, list[float]]], percent: bool = False,
            target: float | None = None, target_label: str = "") -> Chart:
    """Vertical bars: one group per category, one bar per series (css class, label, values)."""
    chart = Chart(WIDTH, HEIGHT, legend=[(css, label) for css, label, _ in series])
    top = 100.0 if percent else _nice_max(max([v for _, _, vals in series for v in vals] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(2.0, group_w * 0.8 / max(len(series), 1))
    for i in range(5):
        value = top * i / 4
        chart.ticks.append({"y": round(TOP + plot_h - plot_h * i / 4, 1),
                            "label": f"{value:g} %" if percent else f"{value:g}"})
    every = max(1, -(-len(categories) // 12))  # at most 12 category labels
    for c, category in enumerate(categories):
        gx = LEFT + c * group_w + group_w * 0.1
        for s, (css, label, values) in enumerate(series):
            value = values[c] or 0
            h = plot_h * min(value, top) / top
            chart.bars.append({"x": round(gx + s * bar_w, 1), "y": round(TOP + plot_h - h, 1), "w": round(bar_w, 1),
                               "h": round(h, 1), "css": css, "label": f"{category}: {label}", "value": value})
        if c % every == 0:
            chart.labels.append({"x": round(LEFT + c * group_w + group_w / 2, 1), "y": HEIGHT - BOTTOM + 16,
                                 "text": category})
    if target is not None:
        y = round(TOP + plot_h - plot_h * min(target, top) / top, 1)
        chart.target = {"x1": LEFT, "x2": WIDTH - RIGHT, "y": y, "label": target_label}
    return chart


def rows(items: list[tuple[str, float]], percent: bool = False, css: str = "chart-bar-a") -> Chart:
    """Horizontal bars, one per (label, value)."""
    row_h = 28
    height = TOP + row_h * max(len(items), 1) + 8
    label_w = 230
    plot_w = WIDTH - label_w - 70
    top = 100.0 if percent else max([v for _, v in items] + [1])
    chart = Chart(WIDTH, height)
    for i, (label, value) in enumerate(items):
        y = TOP + i * row_h
        w = plot_w * min(value or 0, top) / top
        chart.bars.append({"x": label_w, "y": y, "w": round(w, 1), "h": row_h - 8, "css": css,
                           "label": label, "value": value})
        chart.labels.append({"x": label_w - 8, "y": y + row_h / 2, "text": label[:34], "anchor": "end"})
        chart.labels.append({"x": round(label_w + w + 6, 1), "y": y + row_h / 2,
                             "text": (f"{value:g} %" if percent else f"{value:g}"), "anchor": "start"})
    return chart
