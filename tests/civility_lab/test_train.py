"""The training command end to end on a small made-up data set (needs the train extra)."""

import csv
import json

import pytest

pytest.importorskip("sklearn")

from civility_lab import train  # noqa: E402
from civility_lab.platform_noise import strip_platform_noise  # noqa: E402
from comments.civility.scorer import DEFAULT_MODEL, LinearScorer  # noqa: E402

CIVIL = [
    "thank you for the careful report on the inquiry",
    "the council should fund the refuge properly",
    "I disagree with the minister but the figures are useful",
    "survivors deserve support and a fair hearing",
    "the article explains the visa rules clearly",
]
HOSTILE = [
    "you are a stupid idiot",
    "shut up you moron",
    "migrants are vermin send them back",
    "what a pathetic idiot you are",
    "you worthless clown",
]


def write_source(folder, name, rows):
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "category", "source"])
        writer.writerows([text, label, "", name] for text, label in rows)


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    # The third source sits in a folder inside, as the extra sources do.
    (folder / "more").mkdir()
    for name, suffix in (
        ("first", "today"),
        ("second", "RT @someone: again"),
        ("more/third", "on the forum"),
    ):
        rows = [(f"{t} {suffix} {i}", 0) for i in range(4) for t in CIVIL]
        rows += [(f"{t} {suffix} {i}", 1) for i in range(4) for t in HOSTILE]
        write_source(folder, name, rows)
    return folder


def run(data_dir, out, *extra):
    args = ["--data-dir", str(data_dir), "--out", str(out), "--n-bits", "12"]
    return train.main([*args, "--c", "0.5", "1.0", "--folds", "2", *extra])


def test_trains_records_and_ships_a_loadable_model(data_dir, tmp_path):
    out = tmp_path / "model" / "m.json"
    meta = run(data_dir, out, "--cross-models", str(tmp_path / "cross"))
    assert json.loads(out.read_text(encoding="utf-8")) == meta
    assert set(meta["leave_one_source_out"]) == {"first", "second", "third", "mean"}
    for name in ("first", "second", "third"):
        result = meta["leave_one_source_out"][name]
        assert {"roc_auc", "f1", "model_only", "lists_only", "hold_threshold"} <= set(result)
        assert 0 <= result["recall_at_5pct_civil_held"] <= 1 and 0 <= result["civil_held"] <= 1
    assert meta["leave_one_source_out"]["mean"]["roc_auc"] == pytest.approx(
        sum(meta["leave_one_source_out"][n]["roc_auc"] for n in ("first", "second", "third")) / 3,
        abs=1e-4,
    )
    assert meta["parameters"]["C"] in (0.5, 1.0)
    assert set(meta["parameters"]["cv_roc_auc_by_C"]) == {"0.5", "1.0"}
    assert meta["combination"]["fitted"] is False
    assert meta["data"]["second"] == {"file": "second.csv", "rows": 40, "positives": 20}
    assert meta["thresholds"]["hold"] < meta["thresholds"]["reject"] < 1
    scorer = LinearScorer(out)
    assert scorer.score("you stupid idiot") > scorer.score("thank you for the report")
    for name in ("first", "second", "third"):
        path = tmp_path / "cross" / f"civility-without-{name}.json"
        assert name not in json.loads(path.read_text())["data"]
        LinearScorer(path)


def test_one_source_and_bad_arguments(data_dir, tmp_path):
    meta = run(data_dir, tmp_path / "one.json", "--sources", "first")
    assert list(meta["data"]) == ["first"] and meta["leave_one_source_out"] == {}
    with pytest.raises(SystemExit, match="no such source"):
        run(data_dir, tmp_path / "x.json", "--sources", "fourth")
    with pytest.raises(SystemExit, match="no CSV files"):
        run(tmp_path / "model", tmp_path / "x.json")


def test_platform_noise_is_stripped():
    text = "RT @someone: hello &amp; <user> http://t.co/x #word"
    assert strip_platform_noise(text) == "hello & word"


def test_the_model_is_written_over_the_shipped_one_unless_told_otherwise(tmp_path):
    """No path on anyone's machine: the default is the shipped model, found from the package."""
    args = train.parse_args(["--data-dir", str(tmp_path)])
    assert args.out == DEFAULT_MODEL and DEFAULT_MODEL.exists()
