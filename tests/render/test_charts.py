"""The charts' geometry (coverage per outlet over time, the timeline) and the labels a
reader sees (titles, headlines, paths, times)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.render.charts import (
    GREY,
    PALETTE,
    PLOT_HEIGHT,
    UNKNOWN,
    coverage_chart,
    day_of,
    outlet_colours,
    timeline_chart,
)
from storyline.render.labels import display_title, short_headline, shown_paths, when_label


def test_coverage_columns_stack_each_outlets_articles_per_day() -> None:
    dated = [
        ("Reuters", date(2024, 6, 10)),
        ("Reuters", date(2024, 6, 10)),
        ("AP", date(2024, 6, 10)),
        ("AP", date(2024, 6, 12)),
        (UNKNOWN, date(2024, 6, 12)),
        ("AP", None),
    ]
    chart = coverage_chart(dated)
    assert chart is not None and chart["unit"] == "day"
    counts = {(b["start"], b["outlet"]): b["count"] for b in chart["bars"]}
    assert counts == {
        ("2024-06-10", "Reuters"): 2,
        ("2024-06-10", "AP"): 1,
        ("2024-06-12", "AP"): 1,
        ("2024-06-12", UNKNOWN): 1,
    }
    assert [label["text"] for label in chart["labels"]] == ["10 Jun", "11 Jun", "12 Jun"]
    assert chart["undated"] == 1 and chart["dated"] == 5
    # heights are proportional to counts, and a column's segments sit on one another
    for bar in chart["bars"]:
        assert bar["height"] == pytest.approx(bar["count"] * chart["scale"], abs=0.01)
    first = sorted((b for b in chart["bars"] if b["start"] == "2024-06-10"), key=lambda b: b["y"])
    assert first[0]["y"] + first[0]["height"] == pytest.approx(first[1]["y"], abs=0.02)
    assert first[1]["y"] + first[1]["height"] == pytest.approx(chart["baseline"], abs=0.02)
    tallest = max(b["y"] for b in chart["bars"])
    assert chart["baseline"] - PLOT_HEIGHT <= tallest
    # legend: most articles first, the unknown outlet last and grey
    assert [(i["outlet"], i["count"]) for i in chart["legend"]] == [
        ("AP", 3),
        ("Reuters", 2),
        (UNKNOWN, 1),
    ]
    assert chart["legend"][-1]["fill"] == GREY


def test_long_stories_are_drawn_by_week_then_by_month() -> None:
    weeks = coverage_chart(
        [("A", date(2024, 1, 3)), ("A", date(2024, 1, 4)), ("B", date(2024, 5, 1))]
    )
    assert weeks is not None and weeks["unit"] == "week"
    assert weeks["bars"][0]["start"] == "2024-01-01" and weeks["bars"][0]["count"] == 2
    assert weeks["bars"][0]["end"] == "2024-01-07"
    months = coverage_chart([("A", date(2020, 1, 3)), ("A", date(2024, 2, 29))])
    assert months is not None and months["unit"] == "month"
    assert [b["start"] for b in months["bars"]] == ["2020-01-01", "2024-02-01"]
    assert months["bars"][-1]["end"] == "2024-02-29"
    assert months["year_label"] == "2020\u20132024"


def test_no_dated_article_no_chart() -> None:
    assert coverage_chart([("A", None)]) is None
    assert coverage_chart([]) is None


def test_colours_past_the_palette_are_grey() -> None:
    outlets = [f"o{n}" for n in range(len(PALETTE) + 2)]
    colours = outlet_colours([UNKNOWN, *outlets])
    assert colours[UNKNOWN] == GREY
    assert [colours[o] for o in outlets[: len(PALETTE)]] == list(PALETTE)
    assert colours[outlets[-1]] == GREY


def test_day_of_reads_the_stated_day_only() -> None:
    assert day_of("2024-06-10T23:30:00-05:00") == date(2024, 6, 10)  # as the article says
    assert day_of("2024-06") is None and day_of(None) is None and day_of("junk-junk!") is None


def test_timeline_rows_in_date_order_with_breaks_and_the_reporting_days() -> None:
    entries = [
        {"date": "2024-05", "precision": "month", "status": "past", "text": "Talks began."},
        {"date": None, "precision": None, "status": "past", "text": "Undated."},
        {"date": "2000-07-19", "precision": "day", "status": "past", "text": "x" * 200},
        {"date": "2024-06-20", "precision": "day", "status": "planned", "text": "Visit."},
        {
            "date": "2023-09-12",
            "precision": "day",
            "status": "past",
            "text": "Kim visited.",
            "end": "2023-09-17",
        },
    ]
    chart = timeline_chart(entries, [date(2024, 6, 10), date(2024, 6, 11)])
    assert chart is not None
    rows = chart["rows"]
    assert [r["kind"] for r in rows] == ["past", "past", "past", "reported", "planned"]
    assert [r["label"] for r in rows] == [
        "19 Jul 2000",
        "12\u201317 Sep 2023",
        "May 2024",
        "10\u201311 Jun 2024",
        "20 Jun 2024",
    ]
    assert [r["entry"] for r in rows] == [2, 4, 0, None, 3]
    assert rows[0]["text"].endswith("\u2026") and rows[0]["full"] == "x" * 200
    assert [g["label"] for g in chart["gaps"]] == ["23 years later"]
    ys = [r["y"] for r in rows]
    assert ys == sorted(ys) and chart["bottom"] == ys[-1] and chart["height"] > ys[-1]
    assert rows[0]["y"] < chart["gaps"][0]["y"] < rows[1]["y"]
    assert timeline_chart([entries[1]], []) is None


def test_display_title_never_leaves_an_article_untitled() -> None:
    assert display_title(" Putin to visit ", "ignored") == "Putin to visit"
    words = " ".join(f"w{n}" for n in range(20))
    assert display_title(None, words) == " ".join(f"w{n}" for n in range(14)) + "\u2026"
    assert display_title("", "Short text here.") == "Short text here."
    assert display_title(None, None) == "Untitled article"


def test_short_headline_cuts_at_a_word() -> None:
    long = "Russian President Vladimir Putin will visit North Korea and Vietnam " * 3
    cut = short_headline(long, 60)
    assert cut is not None and len(cut) <= 61 and cut.endswith("\u2026")
    assert long.startswith(cut[:-1])
    assert short_headline("  Two   words ") == "Two words" and short_headline(None) is None


def test_paths_are_shown_under_the_inputs_folder() -> None:
    paths = ["/data/news/seeds/a.txt", "/data/news/seeds/sub/b.html"]
    assert shown_paths(paths) == {
        "/data/news/seeds/a.txt": "seeds/a.txt",
        "/data/news/seeds/sub/b.html": "seeds/sub/b.html",
    }
    assert shown_paths(["../shared/seeds/a.txt"]) == {"../shared/seeds/a.txt": "seeds/a.txt"}
    assert shown_paths(["a.txt", "b.txt"]) == {"a.txt": "a.txt", "b.txt": "b.txt"}
    assert shown_paths(["/x/a.txt", "rel/b.txt"]) == {
        "/x/a.txt": "/x/a.txt",
        "rel/b.txt": "rel/b.txt",
    }
    assert shown_paths(["-", "https://example.org/a"]) == {}


def test_when_label_keeps_the_stated_time_and_zone() -> None:
    assert when_label("2024-06-10T12:04:00+05:30") == "10 Jun 2024, 12:04 UTC+05:30"
    assert when_label("2024-06-10T12:04:00+00:00") == "10 Jun 2024, 12:04 UTC"
    assert when_label("2024-06-10T12:04:00") == "10 Jun 2024, 12:04"
    assert when_label("2024-06-10") == "10 Jun 2024"
    assert when_label("2024") == "2024" and when_label(None) is None
