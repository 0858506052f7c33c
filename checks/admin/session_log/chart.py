"""Sessions per hour as an SVG bar chart, with the gaps marked. Drawn in currentColor (with
opacity and class names the page's CSS can restyle), so it reads in light and dark schemes."""

from __future__ import annotations

from html import escape

from .timestamps import hour_start, shown

WIDTH, HEIGHT = 720, 180
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 24

WORDS = {
    "zh": {
        "title": "每小时新会话数",
        "desc": "{start} 至 {end}，共 {hours} 小时，每小时最多 {peak} 个新会话。{gaps}",
        "gaps": "虚线框是空档：通常有新会话，却一个也没有。",
        "no_gaps": "没有发现空档。",
        "gap": "空档：{start} 至 {end}，没有新会话（通常每小时约 {expected} 个）",
        "bar": "{start}：{count} 个新会话",
    },
    "en": {
        "title": "New sessions per hour",
        "desc": "{start} to {end}, {hours} hours, at most {peak} new sessions an hour. {gaps}",
        "gaps": "Dashed boxes are gaps: hours that usually have new sessions but had none.",
        "no_gaps": "No gaps found.",
        "gap": "Gap: {start} to {end}, no new sessions (usually about {expected} an hour)",
        "bar": "{start}: {count} new sessions",
    },
}


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def svg(
    hourly: dict[int, int], gaps: list[dict], first: int, last: int, lang: str = "zh", id_prefix: str = "sl"
) -> str:
    """hourly: {hour number: new sessions}; gaps: from analyse.gaps; first..last: the hours drawn."""
    words = WORDS["en" if lang == "en" else "zh"]
    hours = last - first + 1
    peak = max([hourly.get(h, 0) for h in range(first, last + 1)] + [1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / hours

    def x(h: float) -> str:
        return _n(LEFT + (h - first) * step)

    shown_gaps = [g for g in gaps if g["to_hour"] > first and g["from_hour"] <= last]
    title, desc = escape(f"{id_prefix}-title"), escape(f"{id_prefix}-desc")
    description = words["desc"].format(
        start=shown(hour_start(first)),
        end=shown(hour_start(last + 1)),
        hours=hours,
        peak=peak,
        gaps=words["gaps"] if shown_gaps else words["no_gaps"],
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title} {desc}" class="session-log-chart" lang="{escape(lang)}" '
        'font-family="inherit" font-size="10">',
        f'<title id="{title}">{escape(words["title"])}</title>',
        f'<desc id="{desc}">{escape(description)}</desc>',
        '<g class="gaps" fill="currentColor" fill-opacity="0.12" stroke="currentColor" stroke-dasharray="4 3">',
    ]
    for gap in shown_gaps:
        start, end = max(gap["from_hour"], first), min(gap["to_hour"], last + 1)
        label = words["gap"].format(start=gap["start"], end=gap["end"], expected=_n(gap["expected"] / gap["hours"]))
        out.append(
            f'<rect class="gap" x="{x(start)}" y="{TOP}" width="{_n((end - start) * step)}" height="{plot_h}">'
            f"<title>{escape(label)}</title></rect>"
        )
    out.append('</g><g class="bars" fill="currentColor" fill-opacity="0.7">')
    for h in range(first, last + 1):
        count = hourly.get(h, 0)
        if count:
            height = plot_h * count / peak
            label = words["bar"].format(start=shown(hour_start(h)), count=count)
            out.append(
                f'<rect class="bar" x="{x(h)}" y="{_n(TOP + plot_h - height)}" width="{_n(max(step - 1, 0.5))}" '
                f'height="{_n(height)}"><title>{escape(label)}</title></rect>'
            )
    base = TOP + plot_h
    out.append(
        f'</g><g class="axis" fill="currentColor" stroke="currentColor">'
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke-opacity="0.5"/>'
        f'<text x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end" stroke="none">{peak}</text>'
        f'<text x="{LEFT - 4}" y="{base}" text-anchor="end" stroke="none">0</text>'
    )
    days = [h for h in range(first, last + 1) if h % 24 == 0]
    every = max(1, -(-len(days) // 8))  # at most eight dates, about 80 px apart or more
    for h in days[::every]:
        out.append(f'<text x="{x(h)}" y="{HEIGHT - 8}" stroke="none">{hour_start(h).strftime("%m-%d")}</text>')
    if not days:  # less than a day: the first hour's time
        out.append(f'<text x="{x(first)}" y="{HEIGHT - 8}" stroke="none">{shown(hour_start(first))}</text>')
    out.append("</g></svg>")
    return "".join(out)
