"""The SVG charts: accessible, escaped, every bar or point a link, periods shaded."""

import re
import xml.etree.ElementTree as ET

import pytest

from search_app.web.charts import (
    Band,
    Point,
    Series,
    Texts,
    bar_chart,
    line_chart,
    nice_top,
    year_labels,
)

SVG = "{http://www.w3.org/2000/svg}"
TEXTS = Texts("Số tài liệu mỗi năm", "Nhiều nhất năm 2012.", "Năm", "Tài liệu")
BANDS = [Band("2011–2020", 2011, 2020), Band("2021–2030", 2021, 2030)]


def series(name: str, values: dict[int, float | None]) -> Series:
    return Series(
        name,
        tuple(
            Point(y, v, f"{name} {y}: {v}", f"/search?q={name}&year={y}") for y, v in values.items()
        ),
    )


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_a_bar_chart_is_an_image_with_a_title_a_description_and_a_link_per_year():
    svg = parse(bar_chart(series("a", {2010: 1, 2011: 4, 2012: 2}), BANDS, TEXTS, str, "c1"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Số tài liệu mỗi năm"
    assert svg.find(f"{SVG}desc").text == "Nhiều nhất năm 2012."
    assert re.fullmatch(r"0 0 640 [\d.]+", svg.get("viewBox"))
    links = svg.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == [f"/search?q=a&year={y}" for y in (2010, 2011, 2012)]
    assert [a.get("aria-label") for a in links] == ["a 2010: 1", "a 2011: 4", "a 2012: 2"]
    assert [a.find(f"{SVG}title").text for a in links] == ["a 2010: 1", "a 2011: 4", "a 2012: 2"]


def test_bar_heights_follow_the_values_on_a_round_axis():
    chart = bar_chart(series("a", {2010: 1, 2011: 4, 2012: 2}), [], TEXTS, str, "c", whole=True)
    svg = parse(chart)
    bars = svg.findall(f".//{SVG}rect[@class='bar']")
    heights = [float(bar.get("height")) for bar in bars]
    assert heights == [27.5, 110.0, 55.0]  # the axis runs to 4: 110 units high
    ticks = [t.text for t in svg.findall(f"{SVG}text[@class='tick']")]
    assert ticks == ["0.0", "1.0", "2.0", "3.0", "4.0", "2010", "2011", "2012"]


def test_periods_are_shaded_and_labelled_within_the_charted_years():
    svg = parse(bar_chart(series("a", {2019: 1, 2020: 2, 2021: 3}), BANDS, TEXTS, str, "c"))
    bands = svg.findall(f"{SVG}rect")
    labels = [t.text for t in svg.findall(f"{SVG}text[@class='band-label']")]
    assert labels == ["2011–2020", "2021–2030"]
    widths = [float(b.get("width")) for b in bands if "band" in b.get("class")]
    # 2019-2020 shown of the first period, 2021 of the second
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.02)


def test_every_text_is_escaped():
    hostile = '<script>alert("x")</script> & "q"'
    texts = Texts(hostile, hostile, hostile, hostile)
    point = Point(2020, 1, hostile, '/search?q="><script>&year=2020')
    chart = line_chart(
        [Series(hostile, (point,)), Series("b", (point,))],
        [Band(hostile, 2020, 2020)],
        texts,
        str,
        "c",
    )
    assert "<script>" not in str(chart)
    svg = parse(chart)  # well-formed, so nothing broke out of an attribute
    assert svg.find(f"{SVG}title").text == hostile
    assert svg.find(f".//{SVG}a").get("href") == '/search?q="><script>&year=2020'


def test_a_line_chart_has_a_legend_and_one_styled_line_per_query_broken_at_gaps():
    many = [
        series("một cửa", {2010: 1, 2011: None, 2012: 3}),
        series("số", {2010: 0, 2011: 2, 2012: 1}),
    ]
    svg = parse(line_chart(many, BANDS, TEXTS, str, "c"))
    legend = [
        g.find(f"{SVG}text").text for g in svg.findall(f"{SVG}g") if "legend" in g.get("class")
    ]
    assert legend == ["một cửa", "số"]
    groups = [g for g in svg.findall(f"{SVG}g") if g.get("class") in ("series-0", "series-1")]
    assert [len(g.findall(f"{SVG}polyline")) for g in groups] == [2, 1]
    assert [[a.get("href")[-4:] for a in g.findall(f"{SVG}a")] for g in groups] == [
        ["2010", "2012"],
        ["2010", "2011", "2012"],
    ]


def test_a_long_query_is_cut_in_the_legend():
    long = "cải cách thủ tục hành chính và hiện đại hóa nền hành chính"
    svg = parse(line_chart([series(long, {2010: 1}), series("b", {2010: 1})], [], TEXTS, str, "c"))
    assert svg.find(f".//{SVG}g[@class='legend series-0']/{SVG}text").text == long[:33] + "…"


def test_axis_maxima_are_round_numbers():
    shares = [nice_top(v) for v in (0, 0.37, 0.5, 1, 0.013)]
    assert shares == pytest.approx([1.0, 0.4, 0.8, 1.0, 0.02])  # steps of .1, .2, .25, .005
    counts = [nice_top(v, whole=True) for v in (0, 1, 3, 5, 7, 9, 12, 130)]
    assert counts == [4, 4, 4, 8, 8, 20, 20, 200]


def test_year_labels_stay_few_and_round():
    assert year_labels(2019, 2023) == [2019, 2020, 2021, 2022, 2023]
    assert year_labels(1998, 2026) == [2000, 2005, 2010, 2015, 2020, 2025]
    assert year_labels(2020, 2020) == [2020]
