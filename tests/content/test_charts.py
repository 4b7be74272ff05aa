from decimal import Decimal

from content.charts import LABEL_WIDTH, VALUE_WIDTH, VIEW_WIDTH, BarChart, format_number


def test_longest_bar_fills_the_track_and_others_scale_in_proportion():
    chart = BarChart.from_rows([("Slavery", 800), ("Abuse", 400), ("Marriage", 0)])
    track = VIEW_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == track
    assert widths[1] == track / 2
    assert 0 < widths[2] < 5  # a zero row is still visible as a sliver


def test_rows_are_stacked_without_overlap_and_the_height_fits_them():
    chart = BarChart.from_rows([("a", 1), ("b", 2), ("c", 3)])
    ys = [bar.y for bar in chart.bars]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert chart.height >= ys[-1] + chart.bar_height


def test_numbers_are_formatted_for_people():
    assert format_number(Decimal("2672.00")) == "2,672"
    assert format_number(Decimal("15500.50")) == "15,500.5"
    assert BarChart.from_rows([("a", 785), ("b", 618)]).total == "1,403"


def test_an_empty_chart_does_not_divide_by_zero():
    chart = BarChart.from_rows([])
    assert chart.bars == ()
    assert chart.height > 0
